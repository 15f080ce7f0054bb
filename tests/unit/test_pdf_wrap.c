/* Line breaking for the PDF: CJK breaks anywhere, Latin words and figures
 * stay whole, 避头尾, forced breaks, balanced headings. Widths come from a
 * fake font (CJK 1 em, Latin ½ em) at 10 pt, so 1 em = 10 pt. */
#include "test_util.h"

#include "fake_font.h"

#include <string.h>

static bx_arena *arena;

static int setup(void **state)
{
    (void)state;
    arena = bx_arena_new();
    return arena ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    bx_arena_free(arena);
    return 0;
}

/* The lines of text wrapped at `ems` em, joined with "|". */
static const char *wrap(const char *text, double ems, bool balanced)
{
    static char out[4096];
    bx_wrapped w;
    bx_error err;
    bx_error_clear(&err);
    bool ok = balanced ? bx_wrap_balanced(&fake_metrics, false, text, 10, ems * 10, arena, &w, &err)
                       : bx_wrap(&fake_metrics, false, text, 10, ems * 10, arena, &w, &err);
    assert_true(ok);
    size_t at = 0;
    out[0] = '\0';
    for (int i = 0; i < w.n; i++) {
        if (i)
            out[at++] = '|';
        memcpy(out + at, text + w.lines[i].off, w.lines[i].len);
        at += w.lines[i].len;
        out[at] = '\0';
    }
    return out;
}

static void cjk_breaks_between_characters(void **state)
{
    (void)state;
    assert_string_equal(wrap("一二三四五六", 3, false), "一二三|四五六");
    assert_string_equal(wrap("一二三四五六七", 3, false), "一二三|四五六|七");
    assert_string_equal(wrap("一二三", 10, false), "一二三");
}

static void no_line_starts_with_closing_punctuation(void **state)
{
    (void)state;
    /* "一二三|，四五" would start a line with "，": 三 goes down with it */
    assert_string_equal(wrap("一二三，四五", 3, false), "一二|三，四|五");
    assert_string_equal(wrap("一二三。」四", 3, false), "一二|三。」|四");
    assert_string_equal(wrap("一二三）四五", 3, false), "一二|三）四|五");
}

static void no_line_ends_with_opening_punctuation(void **state)
{
    (void)state;
    assert_string_equal(wrap("一二（三）", 3, false), "一二|（三）");
    assert_string_equal(wrap("守护群众“保命钱”", 5, false), "守护群众|“保命钱”");
}

static void latin_words_and_figures_stay_whole(void **state)
{
    (void)state;
    assert_string_equal(wrap("ab cd ef", 2.5, false), "ab cd|ef");
    assert_string_equal(wrap("合计21,866.99元", 5, false), "合计|21,866.99|元");
    assert_string_equal(wrap("医保服务 e站与医保改革", 6, false), "医保服务 e站|与医保改革");
}

static void a_word_wider_than_the_line_is_cut(void **state)
{
    (void)state;
    assert_string_equal(wrap("abcdefghij", 2, false), "abcd|efgh|ij");
    assert_string_equal(wrap("一abcdefgh", 2, false), "一|abcd|efgh");
}

static void forced_breaks_and_blank_text(void **state)
{
    (void)state;
    assert_string_equal(wrap("一\n二", 10, false), "一|二");
    assert_string_equal(wrap("一\n\n二", 10, false), "一||二");
    assert_string_equal(wrap("一二三  \n四", 10, false), "一二三|四");
    assert_string_equal(wrap("", 10, false), "");
    assert_string_equal(wrap("   ", 10, false), "");
}

/* A bracketed phrase that would break goes to the next line whole, when it
 * fits on one; a longer one breaks as any text. */
static void a_bracketed_phrase_goes_down_whole(void **state)
{
    (void)state;
    assert_string_equal(wrap("深圳市医疗保障局（本级）", 10, false), "深圳市医疗保障局|（本级）");
    assert_string_equal(wrap("信息化服务类项目（非运维服务部分）", 12, false),
                        "信息化服务类项目|（非运维服务部分）");
    assert_string_equal(wrap("一（二三四五六七）", 3, false), "一（二|三四五|六七）");
    assert_string_equal(wrap("费用（万元）合计", 6, false), "费用（万元）|合计");
    assert_string_equal(wrap("费用（万元）合计", 5, false), "费用|（万元）合|计");
}

static void spaces_are_dropped_at_line_ends(void **state)
{
    (void)state;
    assert_string_equal(wrap("一二三 四五六", 3, false), "一二三|四五六");
}

static void balanced_headings(void **state)
{
    (void)state;
    assert_string_equal(wrap("基本支出拨款", 5, false), "基本支出拨|款");
    assert_string_equal(wrap("基本支出拨款", 5, true), "基本支|出拨款");
    assert_string_equal(wrap("上级补助收入", 5, true), "上级补|助收入");
    assert_string_equal(wrap("预算单位", 5, true), "预算单位");
}

static void widths_of_lines(void **state)
{
    (void)state;
    bx_wrapped w;
    assert_true(bx_wrap(&fake_metrics, false, "一二 ab", 10, 100, arena, &w, NULL));
    assert_int_equal(w.n, 1);
    /* 2 em + ½ em space + 1 em = 35 pt */
    assert_true(w.lines[0].width > 34.99 && w.lines[0].width < 35.01);
    assert_true(w.width > 34.99 && w.width < 35.01);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cjk_breaks_between_characters),
        cmocka_unit_test(no_line_starts_with_closing_punctuation),
        cmocka_unit_test(no_line_ends_with_opening_punctuation),
        cmocka_unit_test(latin_words_and_figures_stay_whole),
        cmocka_unit_test(a_word_wider_than_the_line_is_cut),
        cmocka_unit_test(forced_breaks_and_blank_text),
        cmocka_unit_test(a_bracketed_phrase_goes_down_whole),
        cmocka_unit_test(spaces_are_dropped_at_line_ends),
        cmocka_unit_test(balanced_headings),
        cmocka_unit_test(widths_of_lines),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
