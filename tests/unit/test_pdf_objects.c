/* The ToUnicode CMap of a subset font: code → character, one bfchar
 * entry per code in code order, at most 100 to a block (Ghostscript 10.0
 * misreads bfrange entries); characters outside the BMP as UTF-16
 * surrogate pairs. Charsets are made by hand (codes as bx_face_subset
 * would give them). */
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

/* Only its bfchar blocks: what follows the code space, up to endcmap. */
static char *entries_of(const fake_glyph *g, size_t n)
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

static void assert_starts(const char *text, const char *prefix)
{
    assert_true(strncmp(text, prefix, strlen(prefix)) == 0);
}

static void a_small_subset(void **state)
{
    (void)state;
    static const fake_glyph g[] = {
        {0x4E00, 1}, /* 一 */
        {0x4E01, 2}, /* 丁: runs on from 一, an entry of its own all the same */
        {'A', 3},
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
                      "4 beginbfchar\n"
                      "<0001> <4E00>\n"
                      "<0002> <4E01>\n"
                      "<0003> <0041>\n"
                      "<0005> <D840DC00>\n"
                      "endbfchar\n"
                      "endcmap\n"
                      "CMapName currentdict /CMap defineresource pop\n"
                      "end\n"
                      "end\n");
    free(text);
}

static void entries_follow_code_order_not_character_order(void **state)
{
    (void)state;
    static const fake_glyph g[] = {{0x4E09, 9}, {0x4E8C, 8}, {0x4E00, 7}}; /* 三二一 */
    char *text = entries_of(g, 3);
    assert_text(text, "3 beginbfchar\n"
                      "<0007> <4E00>\n"
                      "<0008> <4E8C>\n"
                      "<0009> <4E09>\n"
                      "endbfchar\n");
    free(text);
}

static void codes_are_four_hex_digits_across_the_low_byte(void **state)
{
    (void)state;
    static const fake_glyph g[] = {{0x4E00, 0xFF}, {0x4E01, 0x100}, {0x4E02, 0xFFFE}};
    char *text = entries_of(g, 3);
    assert_text(text, "3 beginbfchar\n"
                      "<00FF> <4E00>\n"
                      "<0100> <4E01>\n"
                      "<FFFE> <4E02>\n"
                      "endbfchar\n");
    free(text);
}

static void characters_outside_the_bmp_as_surrogate_pairs(void **state)
{
    (void)state;
    static const fake_glyph g[] = {{0xFFFF, 1}, {0x10000, 2}, {0x20BB7, 3}, {0x10FFFF, 4}};
    char *text = entries_of(g, 4);
    assert_text(text, "4 beginbfchar\n"
                      "<0001> <FFFF>\n"
                      "<0002> <D800DC00>\n"
                      "<0003> <D842DFB7>\n"
                      "<0004> <DBFFDFFF>\n"
                      "endbfchar\n");
    free(text);
}

static void two_characters_of_one_code_map_to_the_first(void **state)
{
    (void)state;
    static const fake_glyph g[] = {{0x2F00, 4}, {0x4E00, 4}}; /* ⼀ and 一 */
    char *text = entries_of(g, 2);
    assert_text(text, "1 beginbfchar\n"
                      "<0004> <2F00>\n"
                      "endbfchar\n");
    free(text);
}

static void at_most_100_entries_to_a_block(void **state)
{
    (void)state;
    fake_glyph g[201];
    for (int i = 0; i < 201; i++)
        g[i] = (fake_glyph){(uint32_t)(0x4E00 + i), (uint16_t)(1 + i)};
    char *text = entries_of(g, 201);
    assert_starts(text, "100 beginbfchar\n<0001> <4E00>\n");
    assert_contains(text, "<0064> <4E63>\n"
                          "endbfchar\n"
                          "100 beginbfchar\n"
                          "<0065> <4E64>\n");
    assert_contains(text, "<00C8> <4EC7>\n"
                          "endbfchar\n"
                          "1 beginbfchar\n"
                          "<00C9> <4EC8>\n"
                          "endbfchar\n");
    free(text);
}

static void exactly_100_make_one_block(void **state)
{
    (void)state;
    fake_glyph g[100];
    for (int i = 0; i < 100; i++)
        g[i] = (fake_glyph){(uint32_t)(0x4E00 + i), (uint16_t)(1 + i)};
    char *text = entries_of(g, 100);
    assert_starts(text, "100 beginbfchar\n");
    assert_true(strstr(text, "endbfchar\n") == text + strlen(text) - strlen("endbfchar\n"));
    free(text);
}

static void an_empty_subset_has_no_entries(void **state)
{
    (void)state;
    char *text = entries_of(NULL, 0);
    assert_text(text, "");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_small_subset),
        cmocka_unit_test(entries_follow_code_order_not_character_order),
        cmocka_unit_test(codes_are_four_hex_digits_across_the_low_byte),
        cmocka_unit_test(characters_outside_the_bmp_as_surrogate_pairs),
        cmocka_unit_test(two_characters_of_one_code_map_to_the_first),
        cmocka_unit_test(at_most_100_entries_to_a_block),
        cmocka_unit_test(exactly_100_make_one_block),
        cmocka_unit_test(an_empty_subset_has_no_entries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
