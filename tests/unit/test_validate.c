/* The consistency checks through the public API: rounding notices versus
 * errors (figures given in 万元 are rounded; in 元 they are exact), code
 * trees, and what a finding says. */
#include "test_util.h"

#include "budgetx.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *layout = "number: 1\ntitle: 支出\ndata: a.csv\ncolumns:\n"
                            "  - {title: 编码, field: 编码, type: code}\n"
                            "  - {title: 名称, field: 名称}\n"
                            "  - {title: 合计, field: 合计, type: amount}\n"
                            "  - {title: 甲, field: 甲, type: amount}\n"
                            "  - {title: 乙, field: 乙, type: amount}\n"
                            "checks:\n"
                            "  - sum: 合计 = 甲 + 乙\n"
                            "  - codes: all\n";

/* A second table for the set-level checks: named amounts. */
static const char *layout_b = "number: 2\ntitle: 明细\ndata: b.csv\nlevel_field: 层级\ncolumns:\n"
                              "  - {title: 名称, field: 名称}\n"
                              "  - {title: 金额, field: 金额, type: amount}\n";

static char *dir;

/* Findings of table 1's `csv` (and table 2's csv_b, with the set's
 * `checks`, when not NULL) given in `unit` with 2 decimals, as "E|N row
 * column expected actual difference" lines. */
static const char *findings_with3(const char *unit, const char *checks, const char *csv,
                                  const char *csv_b, const char *csv_c)
{
    static char out[4096];
    dir = scratch_new();
    char yaml[256], set_yaml[1024], layout_c[512];
    snprintf(yaml, sizeof yaml,
             "template: v\nunit: 某局\nyear: 2024\namounts: {unit: %s, decimals: 2}\n", unit);
    snprintf(set_yaml, sizeof set_yaml,
             "name: v\ndisplay: {unit: 万元, decimals: 2}\ntables: [%s]\n%s",
             csv_c   ? "a.yaml, b.yaml, c.yaml"
             : csv_b ? "a.yaml, b.yaml"
                     : "a.yaml",
             checks ? checks : "");
    /* table 3: like table 2 */
    snprintf(layout_c, sizeof layout_c, "number: 3\ntitle: 另一明细\ndata: c.csv%s",
             strstr(layout_b, "\nlevel_field"));
    scratch_write(dir, "layouts/v/set.yaml", set_yaml);
    scratch_write(dir, "layouts/v/a.yaml", layout);
    scratch_write(dir, "layouts/v/b.yaml", layout_b);
    scratch_write(dir, "layouts/v/c.yaml", layout_c);
    scratch_write(dir, "data/dataset.yaml", yaml);
    scratch_write(dir, "data/a.csv", csv);
    if (csv_b)
        scratch_write(dir, "data/b.csv", csv_b);
    if (csv_c)
        scratch_write(dir, "data/c.csv", csv_c);
    char data[1024], layouts[1024];
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(layouts, sizeof layouts, "%s/layouts/v", dir);
    bx_error err;
    bx_error_clear(&err);
    bx_dataset *ds = bx_dataset_load(data, &err);
    bx_layout_set *set = bx_layout_set_load(layouts, &err);
    bx_model *m = ds && set ? bx_model_resolve(set, ds, &err) : NULL;
    bx_findings *f = m ? bx_model_validate(m, set, BX_VALIDATE_FIGURES, &err) : NULL;
    if (!f)
        print_error("%s\n", err.message);
    assert_non_null(f);
    size_t at = 0;
    out[0] = '\0';
    for (size_t i = 0; i < bx_findings_count(f); i++) {
        const bx_finding *x = bx_findings_at(f, i);
        at += (size_t)snprintf(out + at, sizeof out - at, "%s %s|%s|%s|%s|%s line %d col %d\n",
                               x->error ? "E" : "N", x->row, x->column, x->expected, x->actual,
                               x->difference, x->line, x->column_number);
    }
    bx_findings_free(f);
    bx_model_free(m);
    bx_layout_set_free(set);
    bx_dataset_free(ds);
    scratch_free(dir);
    return out;
}

static const char *findings_with(const char *unit, const char *checks, const char *csv,
                                 const char *csv_b)
{
    return findings_with3(unit, checks, csv, csv_b, NULL);
}

static const char *findings_of(const char *unit, const char *csv)
{
    return findings_with(unit, NULL, csv, NULL);
}

static void rounded_figures_differ_by_a_unit_as_a_notice(void **state)
{
    (void)state;
    assert_string_equal(findings_of("万元", "编码,名称,合计,甲,乙\n,某局,10.01,5.00,5.00\n"),
                        "N 某局|合计|10.00|10.01|0.01 line 2 col 3\n");
}

static void a_digit_typed_wrong_is_an_error(void **state)
{
    (void)state;
    assert_string_equal(findings_of("万元", "编码,名称,合计,甲,乙\n,某局,10.10,5.00,5.00\n"),
                        "E 某局|合计|10.00|10.10|0.10 line 2 col 3\n");
}

static void figures_in_yuan_must_add_up_exactly(void **state)
{
    (void)state;
    assert_string_equal(findings_of("元", "编码,名称,合计,甲,乙\n,某局,100.01,50.00,50.00\n"),
                        "E 某局|合计|100.00|100.01|0.01 line 2 col 3\n");
    assert_string_equal(findings_of("元", "编码,名称,合计,甲,乙\n,某局,100.00,50.00,50.00\n"), "");
}

static void code_tree_sums_and_orphans(void **state)
{
    (void)state;
    assert_string_equal(findings_of("万元", "编码,名称,合计,甲,乙\n"
                                            ",某局,3.00,3.00,0.00\n"
                                            "208,社会保障,3.00,3.00,0.00\n"
                                            "20805,养老,2.00,2.00,0.00\n"
                                            "2080505,缴费,2.00,2.00,0.00\n"
                                            "2080601,无上级,1.00,1.00,0.00\n"),
                        "E 2080601 无上级||||科目 2080601 没有上级科目 20806 line 6 col 1\n"
                        "E 208 社会保障|合计|2.00|3.00|1.00 line 3 col 3\n"
                        "E 208 社会保障|甲|2.00|3.00|1.00 line 3 col 4\n");
}

static void many_rounded_terms_widen_the_tolerance(void **state)
{
    (void)state;
    /* 合计 and 2 parts: up to 1.5 units; 0.02 is 2 units: an error */
    assert_string_equal(findings_of("万元", "编码,名称,合计,甲,乙\n,某局,10.02,5.00,5.00\n"),
                        "E 某局|合计|10.00|10.02|0.02 line 2 col 3\n");
}

/* 表1's 科目 rows, two of them called 行政运行 under different 款. */
static const char *two_operations = "编码,名称,合计,甲,乙\n"
                                    ",某局,5.00,5.00,0.00\n"
                                    "201,一般公共服务支出,5.00,5.00,0.00\n"
                                    "20101,人大事务,2.00,2.00,0.00\n"
                                    "2010101,行政运行,2.00,2.00,0.00\n"
                                    "20131,党委办公厅（室）及相关机构事务,3.00,3.00,0.00\n"
                                    "2013101,行政运行,3.00,3.00,0.00\n";

static void a_set_sum_adds_figures_of_other_tables(void **state)
{
    (void)state;
    const char *checks =
        "checks:\n  - sum: [\"1:@first:合计\", \"2:甲类:金额\", \"2:乙类:金额\"]\n";
    assert_string_equal(
        findings_with("万元", checks, two_operations, "名称,金额\n甲类,3.00\n乙类,2.00\n"), "");
    assert_string_equal(
        findings_with("万元", checks, two_operations, "名称,金额\n甲类,3.00\n乙类,2.50\n"),
        "E 某局|合计|5.50|5.00|-0.50 line 2 col 3\n");
}

static void a_recurring_name_matches_in_order(void **state)
{
    (void)state;
    /* the second 行政运行 of 表2 is the second of 表1; a row without the
     * figure (a heading) takes no part */
    const char *checks = "checks:\n  - match: [\"2:*:金额\", \"1:*:合计\"]\n";
    assert_string_equal(findings_with("万元", checks, two_operations,
                                      "名称,金额\n某局,\n行政运行,2.00\n行政运行,3.00\n"),
                        "");
    assert_string_equal(
        findings_with("万元", checks, two_operations, "名称,金额\n行政运行,3.00\n行政运行,2.00\n"),
        "E 2010101 行政运行|合计|3.00|2.00|-1.00 line 5 col 3\n"
        "E 2013101 行政运行|合计|2.00|3.00|1.00 line 7 col 3\n");
}

static void a_recurring_name_pairs_by_the_rows_above(void **state)
{
    (void)state;
    /* 表2 nests its rows by level, in another order than 表1: each
     * 行政运行 pairs with the one under the same 款 */
    const char *checks = "checks:\n  - match: [\"2:*:金额\", \"1:*:合计\"]\n";
    const char *nested = "层级,名称,金额\n"
                         "0,一、一般公共服务支出,5.00\n"
                         "1,党委办公厅（室）及相关机构事务,3.00\n"
                         "2,行政运行,3.00\n"
                         "1,人大事务,2.00\n"
                         "2,行政运行,2.00\n";
    assert_string_equal(findings_with("万元", checks, two_operations, nested), "");
}

static void several_tables_add_up_to_one(void **state)
{
    (void)state;
    /* 表1's rows = 表2's + 表3's of the same name (财政拨款 = 一般公共预算
     * + 政府性基金); 表3 has only one 行政运行, the one under 党委… */
    const char *checks = "checks:\n  - match: [\"1:*:合计\", \"2:*:金额\", \"3:*:金额\"]\n";
    const char *general =
        "层级,名称,金额\n0,一般公共服务支出,4.00\n1,人大事务,2.00\n2,行政运行,2.00\n"
        "1,党委办公厅（室）及相关机构事务,2.00\n2,行政运行,2.00\n";
    assert_string_equal(findings_with3("万元", checks, two_operations, general,
                                       "层级,名称,金额\n0,一般公共服务支出,1.00\n"
                                       "1,党委办公厅（室）及相关机构事务,1.00\n2,行政运行,1.00\n"),
                        "");
    assert_string_equal(findings_with3("万元", checks, two_operations, general,
                                       "层级,名称,金额\n0,一般公共服务支出,1.00\n"
                                       "1,党委办公厅（室）及相关机构事务,1.00\n2,行政运行,0.50\n"),
                        "E 2013101 行政运行|合计|2.50|3.00|0.50 line 7 col 3\n");
}

/* The largest figures a dataset may give (9,223,372,036,854.77 万元 is
 * all but INT64_MAX at 10^-6 of a 万元): their sums and differences leave
 * int64, and are an error, never a wrapped number that passes. */
#define HUGE "9223372036854.77"

static void parts_too_big_to_add_are_an_error(void **state)
{
    (void)state;
    /* wrapped, 2 × HUGE would be -0.0116: "a rounding notice" under -0.01 */
    assert_string_equal(
        findings_of("万元", "编码,名称,合计,甲,乙\n,某局,-0.01," HUGE "," HUGE "\n"),
        "E 某局|合计|||超出可处理的范围 line 2 col 3\n");
    /* a difference too big: HUGE against -HUGE */
    assert_string_equal(
        findings_of("万元", "编码,名称,合计,甲,乙\n,某局," HUGE ",-" HUGE ",0.00\n"),
        "E 某局|合计|||超出可处理的范围 line 2 col 3\n");
    /* parts that leave the range on the way and come back are exact */
    assert_string_equal(
        findings_of("万元", "编码,名称,合计,甲,乙\n,某局,0.00," HUGE ",-" HUGE "\n"), "");
}

static void children_too_big_to_add_are_an_error(void **state)
{
    (void)state;
    /* two 类 under the unit's row: codes add up every field */
    assert_string_equal(findings_of("万元", "编码,名称,合计,甲,乙\n"
                                            ",某局,-0.01,-0.01,0.00\n"
                                            "201,一般公共服务支出," HUGE "," HUGE ",0.00\n"
                                            "205,教育支出," HUGE "," HUGE ",0.00\n"),
                        "E 某局|合计|||超出可处理的范围 line 2 col 3\n"
                        "E 某局|甲|||超出可处理的范围 line 2 col 4\n");
}

static void tables_too_big_to_add_are_an_error(void **state)
{
    (void)state;
    const char *one = "编码,名称,合计,甲,乙\n,某局,-0.01,-0.01,0.00\n";
    const char *two = "名称,金额\n甲类," HUGE "\n乙类," HUGE "\n";
    assert_string_equal(
        findings_with("万元",
                      "checks:\n  - sum: [\"1:@first:合计\", \"2:甲类:金额\", \"2:乙类:金额\"]\n",
                      one, two),
        "E 某局|合计|||超出可处理的范围 line 2 col 3\n");
    /* a row of one table against the sum of its namesakes in two others */
    const char *other = "名称,金额\n某局," HUGE "\n";
    assert_string_equal(findings_with3("万元",
                                       "checks:\n  - match: [\"1:*:合计\", \"2:*:金额\", "
                                       "\"3:*:金额\"]\n",
                                       one, other, other),
                        "E 某局|合计|||超出可处理的范围 line 2 col 3\n");
}

static void the_report_names_the_figure_out_of_range(void **state)
{
    (void)state;
    char *d = scratch_new();
    scratch_write(d, "layouts/v/set.yaml",
                  "name: v\ndisplay: {unit: 万元, decimals: 2}\ntables: [a.yaml]\n");
    scratch_write(d, "layouts/v/a.yaml", layout);
    scratch_write(d, "data/dataset.yaml",
                  "template: v\nunit: 某局\nyear: 2024\namounts: {unit: 万元, decimals: 2}\n");
    scratch_write(d, "data/a.csv", "编码,名称,合计,甲,乙\n,某局,-0.01," HUGE "," HUGE "\n");
    char data[1024], layouts[1024];
    snprintf(data, sizeof data, "%s/data", d);
    snprintf(layouts, sizeof layouts, "%s/layouts/v", d);
    bx_error err;
    bx_error_clear(&err);
    bx_dataset *ds = bx_dataset_load(data, &err);
    bx_layout_set *set = bx_layout_set_load(layouts, &err);
    bx_model *m = ds && set ? bx_model_resolve(set, ds, &err) : NULL;
    bx_findings *f = m ? bx_model_validate(m, set, 0, &err) : NULL;
    assert_non_null(f);
    char *text = bx_findings_report(f, "text", &err);
    assert_non_null(text);
    char want[2048];
    snprintf(
        want, sizeof want,
        "%s/data/a.csv:2:3: 错误：表1 支出，某局，合计：超出可处理的范围（检查：合计 = 甲 + 乙）\n"
        "共 1 个错误，0 个尾数差异提示。\n",
        d);
    assert_text(text, want);
    free(text);
    bx_findings_free(f);
    bx_model_free(m);
    bx_layout_set_free(set);
    bx_dataset_free(ds);
    scratch_free(d);
}

/* bx_model_validate only reads its model: the marks of the figures a check
 * holds are the checker's, so one model is validated by several threads at
 * once, each report the same. */
typedef struct validation {
    const bx_model *m;
    const bx_layout_set *set;
    char *json;
} validation;

static void *validate_one(void *arg)
{
    validation *v = arg;
    bx_findings *f = bx_model_validate(v->m, v->set, BX_VALIDATE_FIGURES, NULL);
    v->json = f ? bx_findings_report(f, "json", NULL) : NULL;
    bx_findings_free(f);
    return NULL;
}

static void one_model_validated_by_many_threads(void **state)
{
    (void)state;
    char *d = scratch_new();
    scratch_write(d, "layouts/v/set.yaml",
                  "name: v\ndisplay: {unit: 万元, decimals: 2}\ntables: [a.yaml]\n");
    scratch_write(d, "layouts/v/a.yaml", layout);
    scratch_write(d, "data/dataset.yaml",
                  "template: v\nunit: 某局\nyear: 2024\namounts: {unit: 万元, decimals: 2}\n");
    scratch_write(d, "data/a.csv", two_operations);
    char data[1024], layouts[1024];
    snprintf(data, sizeof data, "%s/data", d);
    snprintf(layouts, sizeof layouts, "%s/layouts/v", d);
    bx_dataset *ds = bx_dataset_load(data, NULL);
    bx_layout_set *set = bx_layout_set_load(layouts, NULL);
    bx_model *m = ds && set ? bx_model_resolve(set, ds, NULL) : NULL;
    assert_non_null(m);
    validation alone = {m, set, NULL};
    validate_one(&alone);
    assert_non_null(alone.json);
    assert_contains(alone.json, "\"checked\": true");
    enum { N = 4 };
    validation v[N];
    pthread_t t[N];
    for (int i = 0; i < N; i++) {
        v[i] = (validation){m, set, NULL};
        assert_int_equal(pthread_create(&t[i], NULL, validate_one, &v[i]), 0);
    }
    for (int i = 0; i < N; i++) {
        pthread_join(t[i], NULL);
        assert_non_null(v[i].json);
        assert_text(v[i].json, alone.json);
        free(v[i].json);
    }
    free(alone.json);
    bx_model_free(m);
    bx_layout_set_free(set);
    bx_dataset_free(ds);
    scratch_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rounded_figures_differ_by_a_unit_as_a_notice),
        cmocka_unit_test(a_digit_typed_wrong_is_an_error),
        cmocka_unit_test(figures_in_yuan_must_add_up_exactly),
        cmocka_unit_test(code_tree_sums_and_orphans),
        cmocka_unit_test(many_rounded_terms_widen_the_tolerance),
        cmocka_unit_test(a_set_sum_adds_figures_of_other_tables),
        cmocka_unit_test(a_recurring_name_matches_in_order),
        cmocka_unit_test(a_recurring_name_pairs_by_the_rows_above),
        cmocka_unit_test(several_tables_add_up_to_one),
        cmocka_unit_test(parts_too_big_to_add_are_an_error),
        cmocka_unit_test(children_too_big_to_add_are_an_error),
        cmocka_unit_test(tables_too_big_to_add_are_an_error),
        cmocka_unit_test(the_report_names_the_figure_out_of_range),
        cmocka_unit_test(one_model_validated_by_many_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
