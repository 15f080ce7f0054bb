/* dataset.yaml: what it holds and how mistakes are reported. */
#include "test_util.h"

#include "dataset.h"

#include <stdio.h>
#include <string.h>

static const char *good = "template: shenzhen-2024\n"
                          "unit: 深圳市医疗保障局（本级）\n"
                          "year: 2024\n"
                          "amounts: {unit: 元, decimals: 2}\n"
                          "created: 2024-02-29\n"
                          "fields:\n"
                          "  主管部门: 深圳市医疗保障局\n"
                          "  金额合计: 21866.99\n"
                          "files:\n"
                          "  03_支出总表.csv: other.csv\n"
                          "tables: [1, 3]\n";

static void loads_every_key(void **state)
{
    (void)state;
    char *dir = scratch_new();
    scratch_write(dir, "dataset.yaml", good);
    bx_error err;
    bx_error_clear(&err);
    bx_dataset *ds = bx_dataset_load(dir, &err);
    assert_non_null(ds);
    assert_string_equal(bx_dataset_template(ds), "shenzhen-2024");
    assert_string_equal(ds->meta.unit, "深圳市医疗保障局（本级）");
    assert_int_equal(ds->meta.year, 2024);
    assert_int_equal(ds->meta.input.unit_yuan, 1);
    assert_int_equal(ds->meta.input.decimals, 2);
    assert_int_equal(ds->meta.created, 1709164800LL); /* 2024-02-29T00:00:00Z */
    const bx_dfield *f = bx_dataset_field(ds, "金额合计");
    assert_non_null(f);
    assert_string_equal(f->value, "21866.99");
    assert_int_equal(f->loc.line, 8);
    assert_null(bx_dataset_field(ds, "无此项"));
    assert_true(bx_dataset_wants(ds, 3));
    assert_false(bx_dataset_wants(ds, 2));
    bx_dataset_free(ds);
    scratch_free(dir);
}

static const char *error_of(const char *yaml)
{
    static char out[2048];
    char *dir = scratch_new();
    scratch_write(dir, "dataset.yaml", yaml);
    bx_error err;
    bx_error_clear(&err);
    bx_dataset *ds = bx_dataset_load(dir, &err);
    assert_null(ds);
    assert_int_not_equal(err.status, BX_OK);
    /* report the file relative to the scratch folder */
    const char *file = strstr(err.file, "dataset.yaml") ? "dataset.yaml" : err.file;
    snprintf(out, sizeof out, "%s:%d:%d: %s", file, err.line, err.column, err.message);
    scratch_free(dir);
    return out;
}

static void required_keys(void **state)
{
    (void)state;
    assert_string_equal(error_of("template: x\nyear: 2024\namounts: {unit: 元, decimals: 2}\n"),
                        "dataset.yaml:1:1: 缺少“unit”");
    assert_string_equal(error_of("template: x\nunit: u\nyear: 2024\n"),
                        "dataset.yaml:1:1: 缺少 amounts（金额单位 unit 和小数位数 decimals）");
}

static void wrong_values(void **state)
{
    (void)state;
    assert_string_equal(error_of("template: x\nunit: u\nyear: 二〇二四\n"),
                        "dataset.yaml:3:7: “year”应为 1980 到 2999 之间的整数，而不是“二〇二四”");
    assert_string_equal(
        error_of("template: x\nunit: u\nyear: 2024\namounts: {unit: 美元, decimals: 2}\n"),
        "dataset.yaml:4:17: 未知的金额单位“美元”（可用：元、千元、万元、亿元）");
    assert_string_equal(
        error_of("template: x\nunit: u\nyear: 2024\namounts: {unit: 元, decimals: 2}\n"
                 "created: 2024-02-30\n"),
        "dataset.yaml:5:10: created 应为日期，例如 2024-01-15");
    assert_string_equal(
        error_of("template: x\nunit: u\nyear: 2024\namounts: {unit: 元, decimals: 2}\n"
                 "tables: [1, 一]\n"),
        "dataset.yaml:5:13: tables 的每一项应为表号（1 到 999）");
}

static void unknown_key(void **state)
{
    (void)state;
    assert_string_equal(error_of("template: x\nunit: u\nyear: 2024\nuint: 元\n"),
                        "dataset.yaml:4:1: 未知的键“uint”");
}

static void missing_file(void **state)
{
    (void)state;
    bx_error err;
    bx_error_clear(&err);
    assert_null(bx_dataset_load("/nonexistent/budgetx", &err));
    assert_int_equal(err.status, BX_ERR_IO);
    assert_string_equal(err.file, "/nonexistent/budgetx/dataset.yaml");
}

static void parses_dates(void **state)
{
    (void)state;
    long long t = 0;
    assert_true(bx_parse_date("1970-01-01", &t) == false); /* before 1980: refused */
    assert_true(bx_parse_date("2024-01-01", &t));
    assert_int_equal(t, 1704067200LL);
    assert_false(bx_parse_date("2023-02-29", &t));
    assert_false(bx_parse_date("2024-13-01", &t));
    assert_false(bx_parse_date("2024-1-01", &t));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loads_every_key), cmocka_unit_test(required_keys),
        cmocka_unit_test(wrong_values),    cmocka_unit_test(unknown_key),
        cmocka_unit_test(missing_file),    cmocka_unit_test(parses_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
