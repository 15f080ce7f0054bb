/* What bx_dataset_diff reports between two small datasets of the
 * shenzhen-2024 set (表3 支出总表 only, `tables: [3]`), line for line: a
 * changed cell named by its cell in the new workbook, its row and its
 * column; a row added (its cell in the new workbook, its texts); a row
 * removed (its cell in the old one), after the rest. */
#include "test_util.h"

#include "budgetx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const layouts[] = {BX_TEST_LAYOUTS, NULL};

static const char *const yaml = "template: shenzhen-2024\n"
                                "unit: 测试单位\n"
                                "year: 2024\n"
                                "amounts: {unit: 万元, decimals: 2}\n"
                                "tables: [3]\n";

/* 表3's columns and the unit's row, then the 科目 rows a test gives */
static const char *const head =
    "预算单位,科目编码,科目名称,支出总计,基本支出,项目支出,事业单位经营支出,"
    "对附属单位补助支出,上缴上级支出,政府采购小计,面向中小企业政府采购项目,"
    "面向小型微型企业政府采购项目\n"
    "测试单位,,,1000.00,600.00,400.00,0,0,0,0,0,0\n";

/* 表3 as published before the correction */
static const char *const before = ",208,社会保障和就业支出,300.00,300.00,0,0,0,0,0,0,0\n"
                                  ",2080501,行政单位离退休,300.00,300.00,0,0,0,0,0,0,0\n"
                                  ",210,卫生健康支出,700.00,300.00,400.00,0,0,0,0,0,0\n"
                                  ",2101501,行政运行,500.00,300.00,200.00,0,0,0,0,0,0\n"
                                  ",2101504,信息化建设,200.00,0,200.00,0,0,0,0,0,0\n";

/* 行政运行's 项目支出 corrected, 20805 added above 2080501, 信息化建设
 * gone (the totals are not kept in step: the diff does not check) */
static const char *const after = ",208,社会保障和就业支出,300.00,300.00,0,0,0,0,0,0,0\n"
                                 ",20805,行政事业单位养老支出,300.00,300.00,0,0,0,0,0,0,0\n"
                                 ",2080501,行政单位离退休,300.00,300.00,0,0,0,0,0,0,0\n"
                                 ",210,卫生健康支出,700.00,300.00,400.00,0,0,0,0,0,0\n"
                                 ",2101501,行政运行,500.00,300.00,210.50,0,0,0,0,0,0\n";

static bx_dataset *dataset(const char *dir, const char *name, const char *rows)
{
    char path[512];
    snprintf(path, sizeof path, "%s/dataset.yaml", name);
    scratch_write(dir, path, yaml);
    size_t n = strlen(head) + strlen(rows) + 1;
    char *csv = malloc(n);
    assert_non_null(csv);
    snprintf(csv, n, "%s%s", head, rows);
    snprintf(path, sizeof path, "%s/03_支出总表.csv", name);
    scratch_write(dir, path, csv);
    free(csv);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    bx_error err;
    bx_error_clear(&err);
    bx_dataset *ds = bx_dataset_load(path, &err);
    if (!ds)
        print_error("%s\n", err.message);
    assert_non_null(ds);
    return ds;
}

/* bx_dataset_diff of 表3 with the rows given before and after */
static char *diff_of(const char *rows_before, const char *rows_after)
{
    char *dir = scratch_new();
    bx_dataset *a = dataset(dir, "before", rows_before);
    bx_dataset *b = dataset(dir, "after", rows_after);
    bx_error err;
    bx_error_clear(&err);
    char *text = bx_dataset_diff(a, b, layouts, &err);
    if (!text)
        print_error("%s\n", err.message);
    assert_non_null(text);
    bx_dataset_free(a);
    bx_dataset_free(b);
    scratch_free(dir);
    return text;
}

static void a_changed_figure_a_row_added_a_row_removed(void **state)
{
    (void)state;
    char *text = diff_of(before, after);
    assert_text(text,
                "表3 支出总表!A8  （新增行） 20805 行政事业单位养老支出 300.00 300.00 0.00 0.00 "
                "0.00 0.00 0.00 0.00 0.00\n"
                "表3 支出总表!F11  2101501 行政运行 · 项目支出：200.00 → 210.50\n"
                "表3 支出总表!A11  （删除行） 2101504 信息化建设 200.00 0.00 200.00 0.00 0.00 "
                "0.00 0.00 0.00 0.00\n");
    free(text);
}

static void a_renamed_row_keeps_its_partner(void **state)
{
    (void)state;
    char *text = diff_of(before, ",208,社会保障和就业支出,300.00,300.00,0,0,0,0,0,0,0\n"
                                 ",2080501,行政单位离退休,300.00,300.00,0,0,0,0,0,0,0\n"
                                 ",210,卫生健康支出,700.00,300.00,400.00,0,0,0,0,0,0\n"
                                 ",2101501,行政运行（调整）,1500.00,300.00,200.00,0,0,0,0,0,0\n"
                                 ",2101504,信息化建设,200.00,0,200.00,0,0,0,0,0,0\n");
    /* paired in order between 210 and 信息化建设: its label and its figure
     * are two changed cells, named by the row as it is now */
    assert_text(text, "表3 支出总表!C10  2101501 · 科目名称：行政运行 → 行政运行（调整）\n"
                      "表3 支出总表!D10  2101501 行政运行（调整） · 支出总计：500.00 → 1,500.00\n");
    free(text);
}

static void nothing_changed_nothing_listed(void **state)
{
    (void)state;
    char *text = diff_of(before, before);
    assert_text(text, "");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_changed_figure_a_row_added_a_row_removed),
        cmocka_unit_test(a_renamed_row_keeps_its_partner),
        cmocka_unit_test(nothing_changed_nothing_listed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
