/* dataset.yaml: what it holds and how mistakes are reported. */
#include "test_util.h"

#include "dataset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    assert_string_equal(err.file, "/nonexistent/budgetx");
    assert_string_equal(err.message, "找不到数据目录：路径不存在");
}

/* The public loaders take NULL for the error record: bad input still
 * fails (a wrong type as much as a syntax error), nothing crashes. */
static void accepts_no_error_record(void **state)
{
    (void)state;
    char *dir = scratch_new();
    scratch_write(dir, "dataset.yaml", "template: [x\n");
    assert_null(bx_dataset_load(dir, NULL));
    scratch_write(dir, "dataset.yaml",
                  "template: x\nunit: u\nyear: [2024]\namounts: {unit: 元, decimals: 2}\n");
    assert_null(bx_dataset_load(dir, NULL));
    assert_null(bx_dataset_load("/nonexistent/budgetx", NULL));
    assert_null(bx_dataset_parse(dir, "template: *x\n", 13, NULL));
    scratch_write(dir, "dataset.yaml", good);
    bx_dataset *ds = bx_dataset_load(dir, NULL);
    assert_non_null(ds);
    assert_int_not_equal(bx_dataset_set_encoding(ds, "latin1", NULL), BX_OK);
    assert_null(bx_dataset_csv(ds, "03_支出总表.csv", NULL)); /* other.csv is not there */
    scratch_write(dir, "other.csv", "a,b\n1,\"2\n");
    assert_null(bx_dataset_csv(ds, "03_支出总表.csv", NULL));
    bx_dataset_free(ds);

    assert_null(bx_layout_set_load(dir, NULL)); /* no set.yaml */
    scratch_write(dir, "set.yaml", "name: [s\n");
    assert_null(bx_layout_set_load(dir, NULL));
    scratch_write(dir, "set.yaml", "name: s\ntables: [t.yaml]\n");
    scratch_write(dir, "t.yaml", "number: [1]\ntitle: t\n");
    assert_null(bx_layout_set_load(dir, NULL));
    const char *const dirs[] = {dir, NULL};
    assert_null(bx_layout_set_find("nothere", dirs, NULL));
    assert_null(bx_layout_set_find("../x", dirs, NULL));
    scratch_free(dir);
}

/* dataset.yaml: nesting bounded before libyaml builds it, aliases refused. */
static void nesting_and_aliases(void **state)
{
    (void)state;
    char yaml[512] = "title: ";
    for (int i = 0; i < 100; i++)
        strcat(yaml, "[");
    for (int i = 0; i < 100; i++)
        strcat(yaml, "]");
    /* the root mapping and 100 lists: the 100th "[" is one too many */
    assert_string_equal(error_of(yaml), "dataset.yaml:1:107: YAML 嵌套超过 100 层的上限");
    yaml[strlen("title: ") + 99] = ' ';
    yaml[strlen(yaml) - 1] = '\0';
    assert_string_equal(error_of(yaml), "dataset.yaml:1:1: 缺少“template”");
    assert_string_equal(error_of("template: &t x\nunit: *t\n"),
                        "dataset.yaml:2:7: 不支持 YAML 别名（*t）：请把内容直接写在这里");
}

#define HEAD "template: x\nunit: u\nyear: 2024\namounts: {unit: 元, decimals: 2}\n"

/* files: names files of the dataset's folder, nothing outside it. */
static void files_stay_in_the_folder(void **state)
{
    (void)state;
    assert_string_equal(error_of(HEAD "files: {a.csv: ../b.csv}\n"),
                        "dataset.yaml:5:16: files 中“../b.csv”应为数据文件夹中的文件名"
                        "（不能是绝对路径，也不能含有“..”）");
    assert_contains(error_of(HEAD "files: {a.csv: /etc/passwd}\n"), "files 中“/etc/passwd”");
    assert_contains(error_of(HEAD "files: {a.csv: sub/../../b.csv}\n"),
                    "files 中“sub/../../b.csv”");
    char *outer = scratch_new(), dir[1024], link[1100];
    snprintf(dir, sizeof dir, "%s/ds", outer);
    scratch_write(outer, "ds/dataset.yaml", HEAD "files: {a.csv: sub/..a.csv, b.csv: ../x.csv}\n");
    assert_null(bx_dataset_load(dir, NULL));
    scratch_write(outer, "ds/dataset.yaml", HEAD "files: {a.csv: sub/..a.csv, b.csv: link.csv}\n");
    scratch_write(outer, "ds/sub/..a.csv", "a\n1\n");
    scratch_write(outer, "outside.csv", "b\n1\n");
    snprintf(link, sizeof link, "%s/link.csv", dir);
    assert_int_equal(symlink("../outside.csv", link), 0);
    bx_error err;
    bx_error_clear(&err);
    bx_dataset *ds = bx_dataset_load(dir, &err);
    assert_non_null(ds);
    bx_csv *csv = bx_dataset_csv(ds, "a.csv", &err);
    assert_non_null(csv);
    bx_csv_free(csv);
    assert_null(bx_dataset_csv(ds, "b.csv", &err));
    assert_string_equal(err.message, "这个文件（符号链接）指向数据文件夹以外，不能读取");
    assert_non_null(strstr(err.file, "ds/link.csv"));
    bx_dataset_free(ds);
    scratch_free(outer);
}

/* 30,000 fields load (duplicates found by a hash, not pair by pair). */
static void many_fields(void **state)
{
    (void)state;
    enum { N = 30000 };
    size_t cap = N * 32 + 256, at = 0;
    char *yaml = malloc(cap);
    assert_non_null(yaml);
    at += (size_t)snprintf(yaml, cap, HEAD "fields:\n");
    for (int i = 0; i < N; i++)
        at += (size_t)snprintf(yaml + at, cap - at, "  字段%d: 值\n", i);
    bx_error err;
    bx_error_clear(&err);
    bx_dataset *ds = bx_dataset_parse(".", yaml, at, &err);
    assert_non_null(ds);
    assert_int_equal(ds->meta.nfields, N);
    assert_non_null(bx_dataset_field(ds, "字段29999"));
    bx_dataset_free(ds);
    snprintf(yaml + at, cap - at, "  字段7: 又一个\n");
    assert_string_equal(error_of(yaml), "dataset.yaml:30006:3: fields 中“字段7”重复");
    free(yaml);
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
        cmocka_unit_test(loads_every_key),
        cmocka_unit_test(required_keys),
        cmocka_unit_test(wrong_values),
        cmocka_unit_test(unknown_key),
        cmocka_unit_test(missing_file),
        cmocka_unit_test(parses_dates),
        cmocka_unit_test(accepts_no_error_record),
        cmocka_unit_test(nesting_and_aliases),
        cmocka_unit_test(files_stay_in_the_folder),
        cmocka_unit_test(many_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
