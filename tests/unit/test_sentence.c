/* Sentence templates (narrative/sentence.h) over a source of figures made
 * by hand: figures printed as the seeds print them, exact differences,
 * growth rates and shares rounded once and half-up at every boundary, the
 * phrase for each case of a change, and errors that name the placeholder.
 * The figures are the seeds' own (002: 2024, 000: 2022, 003: 赤壁 2022). */
#include "test_util.h"

#include "sentence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct fake_figure {
    const char *ref;
    int64_t shown;
    int decimals;
    bool has_exact;      /* else exact = shown */
    int64_t exact_micro; /* exact in 10^-6 */
    bool has_prev;
    int64_t prev;
    int prev_decimals;
    bool prev_has_exact;
    int64_t prev_exact_micro;
} fake_figure;

typedef struct fake {
    const fake_figure *f;
    size_t n;
} fake;

static bx_nfig micro(int64_t shown, int decimals, bool has_exact, int64_t exact_micro)
{
    bx_nfig v = bx_nfig_of(shown, decimals);
    if (has_exact)
        v.exact = (__int128)exact_micro * 1000000; /* 10^-6 → 10^-12 */
    return v;
}

static bool fake_figure_of(void *ctx, const char *ref, bool prev, bx_nfig *out, char *why,
                           size_t size)
{
    const fake *s = ctx;
    for (size_t i = 0; i < s->n; i++) {
        const fake_figure *f = &s->f[i];
        if (strcmp(f->ref, ref) != 0)
            continue;
        if (prev && !f->has_prev) {
            snprintf(why, size, "没有 %s 的上年数", ref);
            return false;
        }
        *out = prev ? micro(f->prev, f->prev_decimals, f->prev_has_exact, f->prev_exact_micro)
                    : micro(f->shown, f->decimals, f->has_exact, f->exact_micro);
        return true;
    }
    snprintf(why, size, "找不到“%s”", ref);
    return false;
}

static bool fake_count(void *ctx, const char *rows, int64_t *n, char *why, size_t size)
{
    (void)ctx;
    if (strcmp(rows, "10:@nonzero") == 0 || strcmp(rows, "5:@nonzero") == 0) {
        *n = rows[0] == '1' ? 0 : 10; /* 表10 empty, 表5 not */
        return true;
    }
    if (strcmp(rows, "5:level=1") != 0) {
        snprintf(why, size, "没有表 %s", rows);
        return false;
    }
    *n = 10;
    return true;
}

/* 003's 表12: 117.00 万元, here as two forms of 100.00 and 17.00 */
static bool fake_sum(void *ctx, const char *ref, bx_nfig *out, bx_nuses *parts, char *why,
                     size_t size)
{
    (void)ctx;
    if (strcmp(ref, "12:@forms:年度资金总额") != 0) {
        snprintf(why, size, "没有表 %s", ref);
        return false;
    }
    bx_nfig a = bx_nfig_of(10000, 2), b = bx_nfig_of(1700, 2);
    if (!bx_nuses_add(parts, BX_NROLE_PART, "12:表12（1）/年度资金总额:金额", &a) ||
        !bx_nuses_add(parts, BX_NROLE_PART, "12:表12（2）/年度资金总额:金额", &b))
        return false;
    *out = bx_nfig_of(11700, 2);
    return true;
}

/* 003's way: a published growth rate reproduced as printed */
static const char *fake_given(void *ctx, const char *placeholder)
{
    (void)ctx;
    return strcmp(placeholder, "growth 3:赤壁:合计") == 0 ? "10.75" : NULL;
}

static const char *fake_name(void *ctx, const char *name)
{
    (void)ctx;
    return strcmp(name, "year") == 0        ? "2024"
           : strcmp(name, "last_year") == 0 ? "2023"
           : strcmp(name, "unit") == 0      ? "深圳市医疗保障局（本级）"
                                            : NULL;
}

/* 002's figures (万元, two decimals, given exactly) */
static const fake_figure f2024[] = {
    {"1:收入总计:金额", 2186699, 2, false, 0, true, 1855547, 2, false, 0},
    {"5:医疗保障政策研究管理:总计", 87460, 2, false, 0, true, 98489, 2, false, 0},
    {"5:医药支付和管理:总计", 35400, 2, false, 0, true, 38000, 2, false, 0},
    {"5:中央财政转移支付:总计", 323486, 2, false, 0, true, 19015, 2, false, 0},
    {"5:信息化服务类项目:总计", 136524, 2, false, 0, true, 0, 2, false, 0},
    {"9:增减变化金额:总计", 0, 2, false, 0, true, 0, 2, false, 0},
    {"5:停办项目:总计", 0, 2, false, 0, true, 5000, 2, false, 0},
    {"3:合计:合计", 658, 2, false, 0, false, 0, 0, false, 0},
    {"3:合计:公务用车", 315, 2, false, 0, false, 0, 0, false, 0},
    {"3:合计:公务接待", 343, 2, false, 0, false, 0, 0, false, 0},
    {"1:赤壁:合计", 167988, 2, false, 0, false, 0, 0, false, 0},
    /* 003: 1,679.88 against 1,499.18, printed "增长 10.75%" for 12.05 % */
    {"3:赤壁:合计", 167988, 2, false, 0, true, 149918, 2, false, 0},
    /* 000: whole 万元 shown; 554.30 exactly against 405.99 (shown 554, 406) */
    {"5:医药支付管理:总计", 554, 0, true, 554300000, true, 406, 0, true, 405990000},
    /* 001: a figure no table holds, as the department's figures file writes it */
    {"支出进度", 9836, 2, false, 0, false, 0, 0, false, 0},
    /* a change of 0.001 万元 that prints as 0.00 */
    {"5:微调:总计", 100000, 2, true, 1000001000, true, 100000, 2, false, 0},
};

static const bx_nphrases change_2024 = {"change",
                                        "增加{abs}万元，增长{pct}%",
                                        "减少{abs}万元，下降{pct}%",
                                        "增加0万元",
                                        "增加{abs}万元，增长--（基数为 0，不可比）",
                                        NULL};
static const bx_nphrases change_2022 = {"change_project",
                                        "增加 {abs} 万元，增幅 {pct}%",
                                        "减少 {abs} 万元，减幅 {pct}%",
                                        NULL,
                                        NULL,
                                        "减少 {abs} 万元，不再安排"};

static bx_nstyle style_2024(void)
{
    static const bx_nphrases both[] = {change_2024, change_2022};
    return (bx_nstyle){.amounts = {.grouping = true, .trim = true},
                       .percent_decimals = 1,
                       .percent_grouping = true,
                       .phrases = both,
                       .nphrases = 2};
}

/* tpl rendered with style; NULL (and err set) on failure. */
static char *render_with(const char *tpl, bx_nstyle style, bx_nlog *log, bx_error *err)
{
    static fake src = {f2024, sizeof f2024 / sizeof f2024[0]};
    bx_nsource source = {&src, fake_figure_of, fake_name, fake_count, fake_sum, fake_given};
    bx_strbuf out;
    bx_strbuf_init(&out, 0);
    bx_loc loc = {"第二部分.yaml", 3, 0};
    bx_error_clear(err);
    bool ok = bx_sentence_render(tpl, &loc, &style, &source, &out, log, err);
    char *text = ok ? strdup(bx_strbuf_str(&out)) : NULL;
    bx_strbuf_free(&out);
    return text;
}

static void assert_renders(const char *tpl, bx_nstyle style, const char *expected)
{
    bx_error err;
    char *text = render_with(tpl, style, NULL, &err);
    if (!text)
        fail_msg("%s: %s", tpl, err.message);
    assert_string_equal(text, expected);
    free(text);
}

static void assert_fails(const char *tpl, bx_nstyle style, const char *part)
{
    bx_error err;
    char *text = render_with(tpl, style, NULL, &err);
    assert_null(text);
    if (!strstr(err.message, part))
        fail_msg("“%s” not in: %s", part, err.message);
}

static void cells_print_as_the_narrative_does(void **state)
{
    (void)state;
    bx_nstyle s = style_2024();
    assert_renders("{year}年{unit}部门预算收入 {1:收入总计:金额}万元", s,
                   "2024年深圳市医疗保障局（本级）部门预算收入 21,866.99万元");
    /* 002 第三部分 trims, 第七部分's table keeps two decimals */
    assert_renders("{5:医疗保障政策研究管理:总计}万元 / {5:医疗保障政策研究管理:总计|fixed}", s,
                   "874.6万元 / 874.60");
    assert_renders("{5:医药支付和管理:总计}", s, "354");
    /* 003 prints no thousands separators */
    assert_renders("{1:赤壁:合计|plain}万元", s, "1679.88万元");
    assert_renders("{{不是占位符}}", s, "{不是占位符}");
    assert_renders("支出进度{value 支出进度}%", s, "支出进度98.36%");
    /* 002 第六部分: "设置并编报 10个项目绩效目标" */
    assert_renders("设置并编报{count 5:level=1}个项目绩效目标", s, "设置并编报10个项目绩效目标");
    assert_fails("{count 99:level=1}", s, "没有表 99:level=1");
}

static void last_year_difference_and_growth(void **state)
{
    (void)state;
    bx_nstyle s = style_2024();
    assert_renders("较 {last_year}年年初预算增加 {diff 1:收入总计:金额}万元，增长 "
                   "{growth 1:收入总计:金额}%",
                   s, "较 2023年年初预算增加 3,311.52万元，增长 17.8%");
    assert_renders("{prev 1:收入总计:金额}", s, "18,555.47");
    /* a decline: signed, or its magnitude */
    assert_renders("{diff 5:医疗保障政策研究管理:总计} {diff 5:医疗保障政策研究管理:总计|abs} "
                   "{growth 5:医疗保障政策研究管理:总计|abs}",
                   s, "-110.29 110.29 11.2");
    /* thousands separators inside a percentage (002: 1,601.2%) */
    assert_renders("{growth 5:中央财政转移支付:总计}", s, "1,601.2");
    /* a sum over rows or forms, printed like a cell (003: "合计 117 万元") */
    assert_renders("{sum 12:@forms:年度资金总额}、{sum 12:@forms:年度资金总额|fixed}", s,
                   "117、117.00");
    /* trim: a rate's trailing zeros dropped (003: "下降100%"), an amount's too */
    s.percent_decimals = 2;
    assert_renders("下降{growth 5:停办项目:总计|abs,trim}%，{growth 1:收入总计:金额|trim}%", s,
                   "下降100%，17.85%");
    assert_renders("{5:医药支付和管理:总计|fixed}、{5:医药支付和管理:总计|trim}", s, "354.00、354");
}

static void a_change_takes_the_words_of_its_case(void **state)
{
    (void)state;
    bx_nstyle s = style_2024();
    assert_renders("较上年{change 1:收入总计:金额}。", s, "较上年增加3,311.52万元，增长17.8%。");
    assert_renders("{change 5:医药支付和管理:总计}", s, "减少26万元，下降6.8%");
    assert_renders("{change 5:信息化服务类项目:总计}", s,
                   "增加1,365.24万元，增长--（基数为 0，不可比）");
    assert_renders("{change 9:增减变化金额:总计}", s, "增加0万元");
    /* another set of words; to_zero written */
    assert_renders("{change 5:停办项目:总计 as change_project}", s, "减少 50 万元，不再安排");
    /* to_zero not written: down */
    assert_renders("{change 5:停办项目:总计}", s, "减少50万元，下降100.0%");
    /* a case the words leave out is an error, not a guess */
    assert_fails("{change 9:增减变化金额:总计 as change_project}", s, "缺少 zero");
    assert_fails("{change 5:信息化服务类项目:总计 as change_project}", s, "缺少 from_zero");
    assert_fails("{change 1:收入总计:金额 as 没有}", s, "没有这组措辞");
}

static void rounding_is_half_up_once(void **state)
{
    (void)state;
    int64_t p;
    /* 1/8 = 12.5 %: half-up at 0 decimals, exact at 1 */
    assert_true(bx_percent_of(1, 8, 0, &p));
    assert_int_equal(p, 13);
    assert_true(bx_percent_of(1, 8, 1, &p));
    assert_int_equal(p, 125);
    /* 1/80 = 1.25 % → 1.3 at 1 decimal; -1/80 → -1.3 (away from zero) */
    assert_true(bx_percent_of(1, 80, 1, &p));
    assert_int_equal(p, 13);
    assert_true(bx_percent_of(-1, 80, 1, &p));
    assert_int_equal(p, -13);
    assert_true(bx_percent_of(1, -80, 1, &p));
    assert_int_equal(p, -13);
    /* just under the boundary stays down: 1249/100000 = 1.249 % */
    assert_true(bx_percent_of(1249, 100000, 1, &p));
    assert_int_equal(p, 12);
    assert_false(bx_percent_of(1, 0, 1, &p));
    /* 003's 三公 shares: 3.15/6.58 = 47.872… → 47.87, 3.43/6.58 → 52.13 */
    bx_nstyle s = style_2024();
    s.percent_decimals = 2;
    assert_renders(
        "{share 3:合计:公务用车 of 3:合计:合计}%、{share 3:合计:公务接待 of 3:合计:合计}%", s,
        "47.87%、52.13%");
    char text[32];
    bx_nfig_format(-12345, 2, (bx_nformat){.grouping = true, .trim = true}, text, sizeof text);
    assert_string_equal(text, "-123.45");
    bx_nfig_format(100, 2, (bx_nformat){.grouping = true, .trim = true}, text, sizeof text);
    assert_string_equal(text, "1");
    /* whole: the decimals go only when all are zeros (上海: "4,614", "867.50") */
    bx_nfig_format(461400, 2, (bx_nformat){.grouping = true, .whole = true}, text, sizeof text);
    assert_string_equal(text, "4,614");
    bx_nfig_format(86750, 2, (bx_nformat){.grouping = true, .whole = true}, text, sizeof text);
    assert_string_equal(text, "867.50");
    bx_nfig_format(-100, 2, (bx_nformat){.whole = true}, text, sizeof text);
    assert_string_equal(text, "-1");
    assert_int_equal(bx_nfig_round_exact((__int128)5 * 1000000000, 2), 1); /* 0.005 → 0.01 */
    assert_int_equal(bx_nfig_round_exact((__int128)-5 * 1000000000, 2), -1);
}

static void the_other_base_is_a_notice(void **state)
{
    (void)state;
    /* 000: "增加 148 万元，增幅 37%": 148/406 = 36.45 % from the printed
     * figures, 148.31/405.99 = 36.53 % from the exact ones */
    bx_nstyle s = style_2024();
    s.percent_decimals = 0;
    bx_nlog log;
    bx_error err;
    assert_true(bx_nlog_init(&log, &err));
    char *text =
        render_with("{diff 5:医药支付管理:总计}，{growth 5:医药支付管理:总计}%", s, &log, &err);
    assert_non_null(text);
    assert_string_equal(text, "148，36%");
    free(text);
    assert_int_equal(log.nnotices, 1);
    assert_non_null(strstr(log.notices[0].text, "按显示数为 36%，按精确数为 37%"));
    bx_nlog_free(&log);
    s.exact_base = true;
    assert_renders("{growth 5:医药支付管理:总计}", s, "37");
    /* a change that prints as 0 */
    assert_true(bx_nlog_init(&log, &err));
    text = render_with("{diff 5:微调:总计|fixed}", style_2024(), &log, &err);
    assert_string_equal(text, "0.00");
    free(text);
    assert_int_equal(log.nnotices, 1);
    assert_non_null(strstr(log.notices[0].text, "差额不为 0，但显示为 0"));
    bx_nlog_free(&log);
}

static void conditions_choose_the_words(void **state)
{
    (void)state;
    bx_nstyle s = style_2024();
    /* 002 第八部分: "本单位无政府性基金预算支出。" when 表10's total is 0 */
    assert_renders(
        "{if 9:增减变化金额:总计 = 0}本单位无此项支出。{else}支出{9:增减变化金额:总计}万元。{end}",
        s, "本单位无此项支出。");
    assert_renders("{if 1:收入总计:金额 > 20000}多{else}少{end}，{if 1:收入总计:金额 <= 21866.99}"
                   "不超过{end}",
                   s, "多，不超过");
    assert_renders("{if 1:收入总计:金额 != 0}{if 5:停办项目:总计 = 0}停办{else}续办{end}{end}", s,
                   "停办");
    assert_renders("{if 1:收入总计:金额 < 0}负{end}正", s, "正");
    assert_renders(
        "{if empty 10}本单位无政府性基金预算支出。{else}有{end}{if empty 5}无{else}有项目{end}", s,
        "本单位无政府性基金预算支出。有项目");
    assert_fails("{if 1:收入总计:金额 = 0}无", s, "没有对应的 {end}");
    assert_fails("有{else}无{end}", s, "之前没有 {if …}");
    assert_fails("{if 1:收入总计:金额 ~ 0}无{end}", s, "条件应写成");
    assert_fails("{if 1:收入总计:金额 = 0.001}无{end}", s, "条件中的数字无效");
}

static void a_change_between_two_cells(void **state)
{
    (void)state;
    /* 表9 holds both years' 三公 rows: the change from one to the other */
    assert_renders("{change 3:合计:公务用车 from 3:合计:公务接待}", style_2024(),
                   "减少0.28万元，下降8.2%");
    assert_renders("{diff 3:合计:公务接待 from 3:合计:公务用车}、{growth 3:合计:公务接待 from "
                   "3:合计:公务用车}",
                   style_2024(), "0.28、8.9");
    assert_fails("{change 3:合计:公务用车 from}", style_2024(), "无法识别");
    assert_fails("{diff 3:合计:公务用车 as change}", style_2024(), "无法识别");
}

static void a_given_figure_is_printed_and_noticed(void **state)
{
    (void)state;
    bx_nlog log;
    bx_error err;
    assert_true(bx_nlog_init(&log, &err));
    bx_nstyle s = style_2024();
    s.percent_decimals = 2;
    char *text = render_with("增长{growth 3:赤壁:合计}%", s, &log, &err);
    assert_string_equal(text, "增长10.75%");
    free(text);
    assert_int_equal(log.nnotices, 1);
    assert_non_null(strstr(log.notices[0].text, "印刷为给定的“10.75”，按表中数字计算为“12.05”"));
    assert_string_equal(log.figures[0].printed, "10.75");
    bx_nlog_free(&log);
}

static void every_printed_figure_is_logged(void **state)
{
    (void)state;
    bx_nlog log;
    bx_error err;
    assert_true(bx_nlog_init(&log, &err));
    char *text = render_with("收入{1:收入总计:金额}万元，{change 5:医药支付和管理:总计}；{year}",
                             style_2024(), &log, &err);
    assert_non_null(text);
    assert_int_equal(log.nfigures, 3);
    assert_string_equal(log.figures[0].expr, "1:收入总计:金额");
    assert_string_equal(log.figures[0].printed, "21,866.99");
    assert_string_equal(log.figures[0].ref, "1:收入总计:金额");
    assert_int_equal(log.figures[0].value.shown, 2186699);
    assert_int_equal(log.figures[0].nuses, 1);
    assert_int_equal(log.figures[0].uses[0].role, BX_NROLE_VALUE);
    assert_int_equal(log.figures[0].amount_decimals, 2);
    assert_int_equal(log.figures[0].percent_decimals, -1);
    assert_string_equal(log.figures[1].ref, "5:医药支付和管理:总计");
    assert_int_equal(log.figures[1].nuses, 2);
    assert_int_equal(log.figures[1].uses[1].role, BX_NROLE_LAST_YEAR);
    assert_int_equal(log.figures[1].uses[1].fig.shown, 38000);
    assert_int_equal(log.figures[1].percent_decimals, 1);
    assert_string_equal(text + log.figures[1].at, "减少26万元，下降6.8%；2024");
    assert_null(log.figures[2].ref);
    assert_int_equal(log.figures[2].nuses, 0);
    free(text);
    bx_nlog_free(&log);
}

/* The provenance of a share names its whole, of a sum every term, of a
 * given figure what it computes to. */
static void every_figure_used_is_logged(void **state)
{
    (void)state;
    bx_nlog log;
    bx_error err;
    assert_true(bx_nlog_init(&log, &err));
    bx_nstyle s = style_2024();
    s.percent_decimals = 2;
    char *text =
        render_with("{share 3:合计:公务用车 of 3:合计:合计}%，合计{sum 12:@forms:年度资金总额}"
                    "万元，增长{growth 3:赤壁:合计}%",
                    s, &log, &err);
    if (!text)
        fail_msg("%s", err.message);
    assert_int_equal(log.nfigures, 3);
    const bx_nprinted *share = &log.figures[0], *sum = &log.figures[1], *given = &log.figures[2];
    assert_int_equal(share->nuses, 2);
    assert_int_equal(share->uses[1].role, BX_NROLE_BASE);
    assert_string_equal(share->uses[1].ref, "3:合计:合计");
    assert_int_equal(sum->nuses, 2);
    assert_int_equal(sum->uses[0].role, BX_NROLE_PART);
    assert_string_equal(sum->uses[1].ref, "12:表12（2）/年度资金总额:金额");
    assert_int_equal(sum->uses[1].fig.shown, 1700);
    assert_string_equal(given->printed, "10.75");
    assert_string_equal(given->computed, "12.05");
    assert_null(share->computed);
    free(text);
    bx_nlog_free(&log);
}

/* The typed digits of tpl under style, as "“digits”" texts joined by "|". */
static void assert_typed(const char *tpl, bx_nstyle style, const char *expected)
{
    bx_nlog log;
    bx_error err;
    assert_true(bx_nlog_init(&log, &err));
    char *text = render_with(tpl, style, &log, &err);
    if (!text)
        fail_msg("%s: %s", tpl, err.message);
    char got[1024] = "";
    for (size_t i = 0; i < log.ntyped; i++) {
        const char *open = strstr(log.typed[i].text, "“"), *close = open ? strstr(open, "”") : NULL;
        assert_non_null(close);
        size_t len = strlen(got);
        snprintf(got + len, sizeof got - len, "%s%.*s", i ? "|" : "", (int)(close - open - 3),
                 open + 3);
        assert_string_equal(log.typed[i].file, "第二部分.yaml");
        assert_int_equal(log.typed[i].line, 3);
    }
    assert_string_equal(got, expected);
    free(text);
    bx_nlog_free(&log);
}

static void typed_digits_are_found(void **state)
{
    (void)state;
    bx_nstyle s = style_2024();
    /* printed by placeholders: nothing typed */
    assert_typed("收入{1:收入总计:金额}万元，{year}年，{change 5:医药支付和管理:总计}", s, "");
    /* typed: each run once, with the points and commas inside it */
    assert_typed("医保宣传400万元，医保改革474.6万元，服务类3,145.07万元", s, "400|474.6|3,145.07");
    assert_typed("拟订政策；第２条；共１２辆", s, "２|１２");
    /* the text's own list markers, 1, 2, 3 … where a list may go on, are not figures */
    assert_typed("1.落实要求，保障运行。2.做好防护；3、支撑办理", s, "");
    assert_typed("1.拟订政策", s, "");
    assert_typed("2.组织制定", s, "2");                 /* a paragraph's number: numbering */
    assert_typed("如下：1.甲。3.丙", s, "3");           /* not the next */
    assert_typed("共3.5万元；第2、3项", s, "3.5|2|3");  /* a decimal; not a list */
    assert_typed("收入{1:收入总计:金额}。1.甲", s, ""); /* after a placeholder's sentence */
    /* a run ends at a point or comma not followed by a digit */
    assert_typed("共12辆。其中5辆,", s, "12|5");
    /* a constant covers its digits, and only where it is written */
    static const char *const constants[] = {"100万元以上"};
    s.constants = constants;
    s.nconstants = 1;
    assert_typed("单价100万元以上设备1台", s, "1");
    assert_typed("单价100万元设备", s, "100");
    /* a phrase's digits are typed too: 0 is written {abs} */
    assert_typed("{change 9:增减变化金额:总计}", s, "0");
    /* and the words between the braces of a condition */
    assert_typed("{if 3:合计:合计 > 0}有2项{else}无{end}", s, "2");
}

static void errors_name_the_placeholder(void **state)
{
    (void)state;
    bx_nstyle s = style_2024();
    assert_fails("{3:合计:合计|fixed} 与 {growth 3:合计:合计}", s,
                 "“{growth 3:合计:合计}”：上年数");
    assert_fails("{growth 5:信息化服务类项目:总计}", s, "增长率不可比");
    assert_fails("{1:没有:金额}", s, "找不到“1:没有:金额”");
    assert_fails("{单位}", s, "没有这个名称");
    assert_fails("{sum 1:收入总计:金额}", s, "没有表 1:收入总计:金额");
    assert_fails("{total 1:收入总计:金额}", s, "无法识别");
    assert_fails("{1:收入总计:金额|pct9}", s, "未知的格式");
    assert_fails("收入 {1:收入总计:金额", s, "大括号不成对");
    assert_fails("收入 }", s, "大括号不成对");
    assert_fails("{}", s, "占位符为空");
    assert_fails("{share 3:合计:公务用车 of}", s, "无法识别");
    bx_error err;
    assert_null(render_with("{growth 3:合计:合计}", s, NULL, &err));
    assert_string_equal(err.file, "第二部分.yaml");
    assert_int_equal(err.line, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cells_print_as_the_narrative_does),
        cmocka_unit_test(last_year_difference_and_growth),
        cmocka_unit_test(a_change_takes_the_words_of_its_case),
        cmocka_unit_test(rounding_is_half_up_once),
        cmocka_unit_test(the_other_base_is_a_notice),
        cmocka_unit_test(conditions_choose_the_words),
        cmocka_unit_test(a_change_between_two_cells),
        cmocka_unit_test(a_given_figure_is_printed_and_noticed),
        cmocka_unit_test(every_printed_figure_is_logged),
        cmocka_unit_test(every_figure_used_is_logged),
        cmocka_unit_test(typed_digits_are_found),
        cmocka_unit_test(errors_name_the_placeholder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
