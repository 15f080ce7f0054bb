/* A page's content stream as bx_content writes it: the grid in one
 * stroked path, all text in one text object (Tf only when the font or size
 * changes, Td relative to the previous line), text cut to a cell in
 * clipped groups after it. The glyph ids of the fake charset are two
 * printable bytes, so the strings read as text: 一 is "A1", 二 "A2",
 * 三 "A3". */
#include "test_util.h"

#include "fake_charset.h"
#include "pdf_content.h"

#include <string.h>

static const fake_glyph glyphs[] = {
    {0x4E00, 0x4131}, /* 一 "A1" */
    {0x4E8C, 0x4132}, /* 二 "A2" */
    {0x4E09, 0x4133}, /* 三 "A3" */
    {0x0028, 0x2829}, /* ( "()", to be escaped */
    {0x0029, 0x5C0D}, /* ) "\\\r", to be escaped */
};

static bx_charset cs;
static bx_content content;
static bx_strbuf out;

static int setup(void **state)
{
    (void)state;
    fake_charset(&cs, glyphs, sizeof glyphs / sizeof glyphs[0]);
    bx_content_init(&content);
    bx_strbuf_init(&out, 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    bx_charset_free(&cs);
    bx_content_free(&content);
    bx_strbuf_free(&out);
    return 0;
}

static void text(const char *font, double size, double x, double y, const char *s, double stroke)
{
    bx_content_text(&content, font, size, x, y, &cs, s, strlen(s), stroke);
}

/* The stream of the page drawn so far, at line width 0.5. */
static const char *stream(void)
{
    assert_true(bx_content_finish(&content, 0.5, &out));
    return bx_strbuf_str(&out);
}

static void a_page(void **state)
{
    (void)state;
    bx_content_reset(&content);
    bx_content_line(&content, 0, 0, 100, 0);
    bx_content_line(&content, 100, 0, 100, 50.25);
    text("F1", 10, 10, 20, "一二", 0);
    text("F2", 16, 30.5, 40, "三", 0.53); /* a bold face made by stroking */
    text("F1", 10, 10, 8, "一", 0);
    bx_content_clip_begin(&content, 50, 10, 40, 20);
    text("F1", 10, 52, 12, "二", 0);
    text("F1", 10, 52, 2, "三", 0);
    bx_content_clip_end(&content);
    text("F1", 10, 10, 0, "三", 0);
    assert_text(stream(), "0.5 w\n"
                          "0 0 m 100 0 l\n"
                          "100 0 m 100 50.25 l\n"
                          "S\n"
                          "BT\n"
                          "/F1 10 Tf\n"
                          "10 20 Td (A1A2)Tj\n"
                          "/F2 16 Tf\n"
                          "2 Tr 0.53 w 20.5 20 Td (A3)Tj\n"
                          "0 Tr\n"
                          "/F1 10 Tf\n"
                          "-20.5 -32 Td (A1)Tj\n"
                          "/F1 10 Tf\n"
                          "0 -8 Td (A3)Tj\n"
                          "ET\n"
                          "q 50 10 40 20 re W n BT\n"
                          "/F1 10 Tf\n"
                          "52 12 Td (A2)Tj\n"
                          "0 -10 Td (A3)Tj\n"
                          "ET Q\n");
}

static void an_empty_page_sets_only_the_line_width(void **state)
{
    (void)state;
    bx_content_reset(&content);
    assert_text(stream(), "0.5 w\n");
}

static void a_new_page_starts_from_nothing(void **state)
{
    (void)state;
    bx_content_reset(&content);
    bx_content_line(&content, 1, 2, 3, 4);
    text("F1", 10, 10, 20, "一", 0);
    bx_content_reset(&content);
    text("F1", 10, 10, 20, "二", 0);
    assert_text(stream(), "0.5 w\n"
                          "BT\n"
                          "/F1 10 Tf\n"
                          "10 20 Td (A2)Tj\n"
                          "ET\n");
}

static void glyph_codes_escape_delimiters_backslash_and_cr(void **state)
{
    (void)state;
    bx_content_reset(&content);
    text("F1", 10, 0, 0, "()", 0);
    assert_text(stream(), "0.5 w\n"
                          "BT\n"
                          "/F1 10 Tf\n"
                          "0 0 Td (\\(\\)\\\\\\r)Tj\n"
                          "ET\n");
}

static void characters_without_a_glyph_are_not_drawn(void **state)
{
    (void)state;
    bx_content_reset(&content);
    text("F1", 10, 0, 0, "一\t四二", 0); /* a tab; 四 is not in the subset */
    assert_text(stream(), "0.5 w\n"
                          "BT\n"
                          "/F1 10 Tf\n"
                          "0 0 Td (A1A2)Tj\n"
                          "ET\n");
}

static void positions_are_in_hundredths_of_a_point(void **state)
{
    (void)state;
    bx_content_reset(&content);
    text("F1", 10.5, 0.004, 0.006, "一", 0);
    text("F1", 10.5, 1.0049, -0.07, "二", 0);
    assert_text(stream(), "0.5 w\n"
                          "BT\n"
                          "/F1 10.5 Tf\n"
                          "0 0.01 Td (A1)Tj\n"
                          "1 -0.08 Td (A2)Tj\n"
                          "ET\n");
}

static const char *number(double v)
{
    bx_strbuf_reset(&out);
    bx_content_number(&out, v);
    return bx_strbuf_str(&out);
}

static void numbers(void **state)
{
    (void)state;
    assert_string_equal(number(12.5), "12.5");
    assert_string_equal(number(-3), "-3");
    assert_string_equal(number(0.07), "0.07");
    assert_string_equal(number(841.89), "841.89");
    assert_string_equal(number(2.999), "3");
    assert_string_equal(number(-0.001), "0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_page),
        cmocka_unit_test(an_empty_page_sets_only_the_line_width),
        cmocka_unit_test(a_new_page_starts_from_nothing),
        cmocka_unit_test(glyph_codes_escape_delimiters_backslash_and_cr),
        cmocka_unit_test(characters_without_a_glyph_are_not_drawn),
        cmocka_unit_test(positions_are_in_hundredths_of_a_point),
        cmocka_unit_test(numbers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
