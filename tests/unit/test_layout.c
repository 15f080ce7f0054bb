/* The layout loader: the shipped shenzhen-2024 set, and the messages a
 * layout author gets for mistakes (file, line, column). */
#include "test_util.h"

#include "layout.h"
#include "placeholder.h"
#include "text.h"

#include "fs.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void loads_the_shenzhen_2024_set(void **state)
{
    (void)state;
    bx_error err;
    bx_error_clear(&err);
    bx_layout_set *set = bx_layout_set_load(BX_TEST_LAYOUTS "/shenzhen-2024", &err);
    if (!set)
        print_error("%s:%d:%d: %s\n", err.file, err.line, err.column, err.message);
    assert_non_null(set);
    assert_string_equal(set->name, "shenzhen-2024");
    assert_int_equal(set->ntables, 12);
    for (size_t i = 0; i < set->ntables; i++)
        assert_int_equal(set->tables[i].number, (int)i + 1);
    assert_int_equal(set->display.unit_yuan, 10000);
    assert_int_equal(set->display.decimals, 2);

    const bx_table_layout *t1 = &set->tables[0];
    assert_int_equal(t1->kind, BX_TABLE_LEDGER);
    assert_string_equal(t1->label, "表 1");
    assert_string_equal(t1->sheet_name, "表1 收支总表");
    assert_string_equal(t1->caption_left, "部门名称：{unit}");
    assert_int_equal(t1->nnotes, 2);

    const bx_table_layout *t2 = &set->tables[1];
    assert_int_equal(bx_header_depth(&t2->header), 4);
    assert_int_equal(bx_header_leaf_count(&t2->header), 16);

    const bx_table_layout *t9 = &set->tables[8];
    assert_int_equal(bx_header_depth(&t9->header), 3);
    assert_int_equal(bx_header_leaf_count(&t9->header), 20);
    assert_string_equal(t9->caption_left, "单位名称：{unit}");

    assert_string_equal(set->tables[9].empty_note, "注：本表本年无发生额。");
    assert_int_equal(set->tables[11].kind, BX_TABLE_FORM);
    assert_int_equal(set->tables[11].ngrid, 7);
    bx_layout_set_free(set);
}

/* Parse a table layout that must fail; return "line:col: message". */
static const char *error_of(const char *yaml)
{
    static char out[2048];
    bx_layout_set *set = bx_layout_set_new(NULL);
    bx_table_layout t;
    bx_error err;
    bx_error_clear(&err);
    bool ok = bx_table_layout_parse(set, yaml, strlen(yaml), "t.yaml", &t, &err);
    bx_layout_set_free(set);
    assert_false(ok);
    assert_int_not_equal(err.status, BX_OK);
    snprintf(out, sizeof out, "%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    return out;
}

static void unknown_key_is_named_with_its_place(void **state)
{
    (void)state;
    assert_string_equal(error_of("number: 1\ntitle: t\ndata: x.csv\ncolums: []\n"),
                        "t.yaml:4:1: 未知的键“colums”");
}

static void missing_title(void **state)
{
    (void)state;
    assert_string_equal(error_of("number: 1\ndata: x.csv\ncolumns: [{title: a, field: a}]\n"),
                        "t.yaml:1:1: 缺少“title”");
}

static void leaf_without_data(void **state)
{
    (void)state;
    assert_string_equal(error_of("number: 1\ntitle: t\ndata: x.csv\ncolumns:\n"
                                 "  - {title: a, field: a}\n  - {title: 合计}\n"),
                        "t.yaml:6:5: 列“合计”没有绑定数据（缺少 field）");
}

static void unknown_column_type(void **state)
{
    (void)state;
    assert_string_equal(
        error_of("number: 1\ntitle: t\ndata: x.csv\ncolumns:\n"
                 "  - {title: a, field: a, type: money}\n"),
        "t.yaml:5:32: 未知的列类型“money”（可用：text, code, longtext, amount, number）");
}

static void field_bound_twice(void **state)
{
    (void)state;
    assert_contains(error_of("number: 1\ntitle: t\ndata: x.csv\ncolumns:\n"
                             "  - {title: a, field: x}\n  - {title: b, field: x}\n"),
                    "数据列“x”被绑定了两次");
}

static void form_row_must_fill_the_grid(void **state)
{
    (void)state;
    assert_string_equal(error_of("number: 1\ntitle: t\nkind: form\ngrid: [5, 5, 5]\nbands:\n"
                                 "  - cells: [{text: a}, {text: b}]\n"),
                        "t.yaml:6:12: 这一行的单元格共占 2 列，应占 3 列");
}

static void form_group_leaves_one_column_less(void **state)
{
    (void)state;
    assert_contains(error_of("number: 1\ntitle: t\nkind: form\ngrid: [5, 5, 5]\nbands:\n"
                             "  - group: 标签\n    bands:\n"
                             "      - cells: [{text: a}, {text: b}, {text: c}]\n"),
                    "这一行的单元格共占 3 列，应占 2 列");
}

static void placeholder_syntax(void **state)
{
    (void)state;
    assert_string_equal(error_of("number: 1\ntitle: \"{year年\"\ndata: x.csv\n"
                                 "columns: [{title: a, field: a}]\n"),
                        "t.yaml:2:8: 文字“{year年”中的占位符应写成 {名称}");
}

/* Texts compared as people type them: spaces and full-width forms aside. */
static void text_fold(void **state)
{
    (void)state;
    char out[64];
    int at[64];
    assert_true(bx_text_fold(" 部门名称：深圳（本级）\u3000", out, sizeof out, at));
    assert_string_equal(out, "部门名称:深圳(本级)");
    assert_int_equal(at[0], 1); /* 部: after the space */
    assert_true(bx_text_fold("“三公” 经费", out, sizeof out, NULL));
    assert_string_equal(out, "\"三公\"经费");
    assert_false(bx_text_fold("一二三四五", out, 8, NULL)); /* too small: said */
}

/* A text read as a template: the placeholders' texts, the literals exact. */
static void template_match(void **state)
{
    (void)state;
    bx_tpl_capture caps[BX_TPL_MAX_CAPTURES];
    assert_int_equal(bx_tpl_match("部门名称：{unit}", "部门名称: 深圳市医疗保障局（本级）", caps),
                     1);
    assert_int_equal((int)caps[0].n, (int)strlen("深圳市医疗保障局（本级）")); /* as written */
    assert_memory_equal(caps[0].s, "深圳市医疗保障局（本级）", caps[0].n);
    assert_int_equal(bx_tpl_match("{year}年{表名}收入预算总表", "2025 年部门收入预算总表", caps),
                     2);
    assert_memory_equal(caps[0].s, "2025", 4);
    assert_memory_equal(caps[1].s, "部门", caps[1].n);
    assert_int_equal(bx_tpl_match("{编制}：{unit}", "编制部门：上海市普陀区", caps), 2);
    assert_memory_equal(caps[0].s, "编制部门", caps[0].n);
    assert_int_equal(bx_tpl_match("支出总表", "支 出 总 表", caps), 0);
    assert_int_equal(bx_tpl_match("收支总表", "财政拨款收支总表", caps), -1); /* whole texts only */
    assert_int_equal(bx_tpl_match("{unit}整体支出绩效目标表", "整体支出绩效目标表", caps), -1);
    assert_int_equal(bx_tpl_match("{{x}}{a}", "{x}b", caps), 1); /* doubled braces are literal */
    assert_memory_equal(caps[0].s, "b", 1);
}

static void deep_header_is_refused(void **state)
{
    (void)state;
    char yaml[8192] = "number: 1\ntitle: t\ndata: x.csv\ncolumns:\n";
    char indent[128] = "  ";
    for (int i = 0; i < 20; i++) {
        size_t at = strlen(yaml);
        snprintf(yaml + at, sizeof yaml - at, "%s- title: g%d\n%s  children:\n", indent, i, indent);
        strcat(indent, "    ");
    }
    size_t at = strlen(yaml);
    snprintf(yaml + at, sizeof yaml - at, "%s- {title: leaf, field: x}\n", indent);
    assert_contains(error_of(yaml), "表头层级超过 16 层的上限");
}

static void yaml_syntax_error_has_a_place(void **state)
{
    (void)state;
    assert_contains(error_of("number: 1\ntitle: [unclosed\n"), "t.yaml:3:1: YAML 语法错误");
}

static void ledger_needs_sides(void **state)
{
    (void)state;
    assert_contains(
        error_of("number: 1\ntitle: t\nkind: ledger\ndata: x.csv\ncolumns:\n"
                 "  - title: 收入\n    children: [{title: a, field: a}]\n"
                 "  - title: 支出\n    side: 支出\n    children: [{title: a, field: a}]\n"),
        "ledger 表的每一栏应有 side");
}

/* Every "# example: table" block of docs/layout-format.md must load. */
static void documented_examples_load(void **state)
{
    (void)state;
    FILE *f = fopen(BX_TEST_DOCS "/layout-format.md", "rb");
    assert_non_null(f);
    static char doc[65536];
    size_t n = fread(doc, 1, sizeof doc - 1, f);
    fclose(f);
    doc[n] = '\0';
    int examples = 0;
    for (char *p = doc; (p = strstr(p, "```yaml\n# example: table\n")) != NULL;) {
        char *start = p + strlen("```yaml\n");
        char *end = strstr(start, "```\n");
        assert_non_null(end);
        bx_layout_set *set = bx_layout_set_new(NULL);
        bx_table_layout t;
        bx_error err;
        bx_error_clear(&err);
        bool ok = bx_table_layout_parse(set, start, (size_t)(end - start), "example", &t, &err);
        if (!ok)
            print_error("example %d: %d:%d: %s\n", examples + 1, err.line, err.column, err.message);
        assert_true(ok);
        bx_layout_set_free(set);
        examples++;
        p = end;
    }
    assert_true(examples >= 5);
}

/* A header's children given by alias would be expanded by the loader,
 * 10 to the 8th leaves from a few lines: aliases are refused, located. */
static void aliases_are_refused(void **state)
{
    (void)state;
    assert_string_equal(error_of("number: 1\ntitle: t\ndata: x.csv\ncolumns:\n"
                                 "  - {title: a, children: &a [{title: b, field: b}]}\n"
                                 "  - {title: c, children: *a}\n"),
                        "t.yaml:6:26: 不支持 YAML 别名（*a）：请把内容直接写在这里");
}

/* data:, repeat: and each's data: name files of the dataset's folder. */
static void data_stays_in_the_folder(void **state)
{
    (void)state;
    assert_string_equal(
        error_of("number: 1\ntitle: t\ndata: ../x.csv\n"
                 "columns: [{title: a, field: a}]\n"),
        "t.yaml:3:7: “data”应为数据文件夹中的文件名（不能是绝对路径，也不能含有“..”），"
        "而不是“../x.csv”");
    assert_contains(error_of("number: 1\ntitle: t\nkind: form\ngrid: [5]\n"
                             "bands: [{repeat: /etc/passwd, cells: [{field: a}]}]\n"),
                    "t.yaml:5:18: “repeat”应为数据文件夹中的文件名");
    assert_contains(
        error_of("number: 1\ntitle: t\nkind: form\neach: {data: a/../../x.csv, key: k}\n"
                 "grid: [5]\nbands: [{cells: [{text: a}]}]\n"),
        "“data”应为数据文件夹中的文件名");
}

/* A copy of the shipped shenzhen-2024 set in a scratch folder. */
static char *copy_of_shenzhen_set(void)
{
    char *dir = scratch_new();
    DIR *d = opendir(BX_TEST_LAYOUTS "/shenzhen-2024");
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", BX_TEST_LAYOUTS "/shenzhen-2024", e->d_name);
        size_t len;
        char *data = bx_read_file(path, &len, NULL);
        assert_non_null(data);
        scratch_write_n(dir, e->d_name, data, len);
        free(data);
    }
    closedir(d);
    return dir;
}

/* The table files are parsed in two halves at once: whichever half fails
 * first, the error is the first file's in set.yaml's order. */
static void the_first_broken_table_file_is_the_one_reported(void **state)
{
    (void)state;
    static const char *const broken[][2] = {
        {"02_收入总表.yaml", "11_国有资本经营预算支出表.yaml"},   /* one in each half */
        {"09_三公经费支出表.yaml", "12_整体支出绩效目标表.yaml"}, /* both in the second */
    };
    for (size_t k = 0; k < 2; k++) {
        char *dir = copy_of_shenzhen_set();
        for (int i = 0; i < 2; i++)
            scratch_write(dir, broken[k][i], "number: [\n");
        bx_error err;
        bx_error_clear(&err);
        bx_layout_set *set = bx_layout_set_load(dir, &err);
        assert_null(set);
        assert_contains(err.file, broken[k][0]);
        scratch_free(dir);
    }
    /* and a table number twice, whichever half each is in */
    char *dir = copy_of_shenzhen_set();
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, "03_支出总表.yaml");
    size_t len;
    char *data = bx_read_file(path, &len, NULL);
    assert_non_null(data);
    scratch_write_n(dir, "10_政府性基金预算支出表.yaml", data, len);
    free(data);
    bx_error err;
    bx_error_clear(&err);
    assert_null(bx_layout_set_load(dir, &err));
    assert_contains(err.message, "表号 3 重复");
    assert_contains(err.file, "set.yaml");
    scratch_free(dir);
}

/* A set on a base: the base's tables, checks and print, its own tables
 * replacing theirs by number; a base that is missing or a set based on
 * itself is an error at its key. */
static void a_set_starts_from_its_base(void **state)
{
    (void)state;
    bx_error err;
    bx_error_clear(&err);
    bx_layout_set *set = bx_layout_set_load(BX_TEST_LAYOUTS "/shanghai-putuo-2025-unit", &err);
    if (!set)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    assert_int_equal(set->ntables, 9);
    for (size_t i = 0; i + 1 < set->ntables; i++)
        assert_true(set->tables[i].number < set->tables[i + 1].number);
    /* its own 表1 (支出 by 基本支出 and 项目支出), the base's 表5 */
    assert_contains(set->tables[0].file, "shanghai-putuo-2025-unit/01_");
    assert_contains(set->tables[4].file, "shanghai-putuo-2025/05_");
    assert_true(set->print.font_size > 11.9 && set->print.font_size < 12.1); /* the base's */
    assert_int_equal(set->print.title_regular, 1);
    assert_true(set->nchecks > 0);
    bx_layout_set_free(set);

    char *dir = scratch_new();
    scratch_write(dir, "a/set.yaml", "name: a\nbase: a\n");
    scratch_write(dir, "b/set.yaml", "name: b\nbase: nosuch\n");
    char path[4096];
    snprintf(path, sizeof path, "%s/a", dir);
    bx_error_clear(&err);
    assert_null(bx_layout_set_load(path, &err));
    assert_contains(err.message, "base 的层级超过");
    snprintf(path, sizeof path, "%s/b", dir);
    bx_error_clear(&err);
    assert_null(bx_layout_set_load(path, &err));
    assert_contains(err.file, "nosuch");
    scratch_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loads_the_shenzhen_2024_set),
        cmocka_unit_test(unknown_key_is_named_with_its_place),
        cmocka_unit_test(missing_title),
        cmocka_unit_test(leaf_without_data),
        cmocka_unit_test(unknown_column_type),
        cmocka_unit_test(field_bound_twice),
        cmocka_unit_test(form_row_must_fill_the_grid),
        cmocka_unit_test(form_group_leaves_one_column_less),
        cmocka_unit_test(placeholder_syntax),
        cmocka_unit_test(deep_header_is_refused),
        cmocka_unit_test(text_fold),
        cmocka_unit_test(template_match),
        cmocka_unit_test(yaml_syntax_error_has_a_place),
        cmocka_unit_test(ledger_needs_sides),
        cmocka_unit_test(documented_examples_load),
        cmocka_unit_test(aliases_are_refused),
        cmocka_unit_test(data_stays_in_the_folder),
        cmocka_unit_test(the_first_broken_table_file_is_the_one_reported),
        cmocka_unit_test(a_set_starts_from_its_base),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
