/* The ToUnicode CMap of a subset font: glyph id → character, as bfranges
 * where glyph ids and characters run on together, never across a low
 * byte of the glyph id, at most 100 to a block; characters outside the
 * BMP as UTF-16 surrogate pairs, each a range of its own. Charsets are
 * made by hand (glyph ids as bx_face_subset would give them). */
#include "test_util.h"

#include "fake_charset.h"
#include "pdf_objects.h"

#include <stdio.h>
#include <string.h>

/* The map of the n characters. */
static char *cmap_of(const fake_glyph *g, size_t n)
{
    bx_charset cs;
    fake_charset(&cs, g, n);
    bx_strbuf out;
    bx_strbuf_init(&out, 0);
    bx_error err;
    bx_error_clear(&err);
    assert_true(bx_pdf_tounicode(&cs, &out, &err));
    bx_charset_free(&cs);
    char *text = strdup(bx_strbuf_str(&out));
    bx_strbuf_free(&out);
    assert_non_null(text);
    return text;
}

/* Only its bfrange blocks: what follows the code space, up to endcmap. */
static char *ranges_of(const fake_glyph *g, size_t n)
{
    char *text = cmap_of(g, n);
    char *from = strstr(text, "endcodespacerange\n");
    char *to = strstr(text, "endcmap\n");
    assert_non_null(from);
    assert_non_null(to);
    from += strlen("endcodespacerange\n");
    memmove(text, from, (size_t)(to - from));
    text[to - from] = '\0';
    return text;
}

static void a_small_subset(void **state)
{
    (void)state;
    static const fake_glyph g[] = {
        {0x4E00, 1},  /* 一 */
        {0x4E01, 2},  /* 丁: runs on from 一 */
        {'A', 3},     /* glyph 3 follows, the character does not */
        {0x20000, 5}, /* 𠀀, outside the BMP */
    };
    char *text = cmap_of(g, 4);
    assert_text(text, "/CIDInit /ProcSet findresource begin\n"
                      "12 dict begin\n"
                      "begincmap\n"
                      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                      "/CMapName /Adobe-Identity-UCS def\n"
                      "/CMapType 2 def\n"
                      "1 begincodespacerange\n"
                      "<0000> <FFFF>\n"
                      "endcodespacerange\n"
                      "3 beginbfrange\n"
                      "<0001> <0002> <4E00>\n"
                      "<0003> <0003> <0041>\n"
                      "<0005> <0005> <D840DC00>\n"
                      "endbfrange\n"
                      "endcmap\n"
                      "CMapName currentdict /CMap defineresource pop\n"
                      "end\n"
                      "end\n");
    free(text);
}

static void ranges_follow_glyph_order_not_character_order(void **state)
{
    (void)state;
    static const fake_glyph g[] = {{0x4E09, 7}, {0x4E8C, 8}, {0x4E00, 9}}; /* 三二一 */
    char *text = ranges_of(g, 3);
    assert_text(text, "3 beginbfrange\n"
                      "<0007> <0007> <4E09>\n"
                      "<0008> <0008> <4E8C>\n"
                      "<0009> <0009> <4E00>\n"
                      "endbfrange\n");
    free(text);
}

static void a_range_stops_at_the_end_of_a_low_byte(void **state)
{
    (void)state;
    static const fake_glyph g[] = {{0x4E00, 0xFE}, {0x4E01, 0xFF}, {0x4E02, 0x100}};
    char *text = ranges_of(g, 3);
    assert_text(text, "2 beginbfrange\n"
                      "<00FE> <00FF> <4E00>\n"
                      "<0100> <0100> <4E02>\n"
                      "endbfrange\n");
    free(text);
}

static void characters_outside_the_bmp_stand_alone(void **state)
{
    (void)state;
    static const fake_glyph g[] = {{0xFFFF, 1}, {0x10000, 2}, {0x10001, 3}};
    char *text = ranges_of(g, 3);
    assert_text(text, "3 beginbfrange\n"
                      "<0001> <0001> <FFFF>\n"
                      "<0002> <0002> <D800DC00>\n"
                      "<0003> <0003> <D800DC01>\n"
                      "endbfrange\n");
    free(text);
}

static void two_characters_of_one_glyph_map_to_the_first(void **state)
{
    (void)state;
    static const fake_glyph g[] = {{0x2F00, 4}, {0x4E00, 4}}; /* ⼀ and 一 */
    char *text = ranges_of(g, 2);
    assert_text(text, "1 beginbfrange\n"
                      "<0004> <0004> <2F00>\n"
                      "endbfrange\n");
    free(text);
}

static void at_most_100_ranges_to_a_block(void **state)
{
    (void)state;
    fake_glyph g[101];
    for (int i = 0; i < 101; i++)
        g[i] = (fake_glyph){(uint32_t)(0x4E00 + 2 * i), (uint16_t)(1 + i)}; /* no two run on */
    char *text = ranges_of(g, 101);
    assert_true(strncmp(text, "100 beginbfrange\n<0001> <0001> <4E00>\n", 38) == 0);
    assert_contains(text, "<0064> <0064> <4EC6>\n"
                          "endbfrange\n"
                          "1 beginbfrange\n"
                          "<0065> <0065> <4EC8>\n"
                          "endbfrange\n");
    free(text);
}

static void an_empty_subset_has_no_ranges(void **state)
{
    (void)state;
    char *text = ranges_of(NULL, 0);
    assert_text(text, "");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_small_subset),
        cmocka_unit_test(ranges_follow_glyph_order_not_character_order),
        cmocka_unit_test(a_range_stops_at_the_end_of_a_low_byte),
        cmocka_unit_test(characters_outside_the_bmp_stand_alone),
        cmocka_unit_test(two_characters_of_one_glyph_map_to_the_first),
        cmocka_unit_test(at_most_100_ranges_to_a_block),
        cmocka_unit_test(an_empty_subset_has_no_ranges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
