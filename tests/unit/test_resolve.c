/* Resolution through the dump lens: a small layout set (a grid with
 * levels, a ledger, a form with groups and merged equal neighbours) bound
 * to data given in 元, shown in 万元; and the located errors of bad data. */
#include "test_util.h"

#include "budgetx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *set_yaml = "name: mini\ndisplay: {unit: 万元, decimals: 2}\n"
                              "tables: [a.yaml, b.yaml, c.yaml]\n";

static const char *grid_yaml =
    "number: 1\ntitle: 基本支出\ncaption: {left: \"部门名称：{unit}\", right: 单位：万元}\n"
    "data: a.csv\nlevel_field: 层级\ncolumns:\n"
    "  - {title: 项目, field: 项目, indent: true}\n"
    "  - title: \"{year}年\"\n"
    "    children:\n"
    "      - {title: 合计, field: 合计, type: amount}\n"
    "      - {title: 其中, field: 其中, type: amount}\n"
    "empty_note: 注：本表本年无发生额。\n";

static const char *ledger_yaml =
    "number: 2\ntitle: 收支总表\nkind: ledger\ndata: b.csv\nlevel_field: 层级\ncolumns:\n"
    "  - title: 收入\n    side: 收入\n    children:\n"
    "      - {title: 项目, field: 项目, indent: true}\n"
    "      - {title: 金额, field: 金额, type: amount}\n"
    "  - title: 支出\n    side: 支出\n    children:\n"
    "      - {title: 项目, field: 项目, indent: true}\n"
    "      - {title: 金额, field: 金额, type: amount}\n"
    "notes: [\"注：{主管部门}\"]\n";

static const char *form_yaml =
    "number: 3\ntitle: \"{unit}绩效目标表\"\nsheet: 表3 绩效\nkind: form\ngrid: [4, 6, 6, 5]\n"
    "bands:\n"
    "  - cells: [{text: 主管部门, label: true}, {value: 主管部门, span: 3}]\n"
    "  - group: 指标\n"
    "    bands:\n"
    "      - header: [{title: 一级}, {title: 二级}, {title: 值}]\n"
    "      - repeat: c.csv\n"
    "        cells:\n"
    "          - {field: 一级, merge: equal}\n"
    "          - {field: 二级, merge: equal}\n"
    "          - {field: 值, type: amount}\n";

static const char *dataset_yaml = "template: mini\nunit: 某局\nyear: 2024\n"
                                  "amounts: {unit: 元, decimals: 2}\n"
                                  "fields: {主管部门: 某某局}\n";

static char *dir;

static void write_fixture(const char *a_csv, const char *b_csv, const char *c_csv)
{
    dir = scratch_new();
    scratch_write(dir, "layouts/mini/set.yaml", set_yaml);
    scratch_write(dir, "layouts/mini/a.yaml", grid_yaml);
    scratch_write(dir, "layouts/mini/b.yaml", ledger_yaml);
    scratch_write(dir, "layouts/mini/c.yaml", form_yaml);
    scratch_write(dir, "data/dataset.yaml", dataset_yaml);
    scratch_write(dir, "data/a.csv", a_csv);
    scratch_write(dir, "data/b.csv", b_csv);
    scratch_write(dir, "data/c.csv", c_csv);
}

static const char *good_a =
    "层级,项目,合计,其中\n0,某局,1234567.89,5000.00\n1,工资福利支出,12350,-\n";
static const char *good_b = "栏目,类型,层级,项目,金额\n"
                            "收入,,0,一、财政拨款,100000\n"
                            "收入,合计,,本年收入合计,100000\n"
                            "支出,,0,一、卫生健康支出,60000\n"
                            "支出,,1,行政运行,60000\n"
                            "支出,合计,,本年支出合计,60000\n"
                            "支出,,0,结转下年,40000\n"
                            "收入,,0,上年结余,0\n"
                            "收入,合计,,收入总计,100000\n"
                            "支出,合计,,支出总计,100000\n";
static const char *good_c = "一级,二级,值\n产出,数量,1\n产出,数量,2\n产出,质量,3\n效益,质量,4\n";

/* Render the fixture with one format; returns the error text or "". */
static const char *render(const char *format, char **dump)
{
    static char msg[2048];
    char data[1024], out[1024], layouts[1024];
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(out, sizeof out, "%s/out", dir);
    snprintf(layouts, sizeof layouts, "%s/layouts", dir);
    const char *formats[] = {format, NULL};
    const char *dirs[] = {layouts, NULL};
    bx_render_options opts = {.formats = formats, .layout_dirs = dirs};
    bx_error err;
    bx_error_clear(&err);
    msg[0] = '\0';
    if (bx_render(data, out, &opts, &err) != BX_OK) {
        bx_error_format(&err, msg, sizeof msg);
        /* paths relative to the scratch folder */
        size_t n = strlen(dir);
        for (char *at; (at = strstr(msg, dir)) != NULL && at[n] == '/';)
            memmove(at, at + n + 1, strlen(at + n + 1) + 1);
        return msg;
    }
    if (dump) {
        char path[1100];
        snprintf(path, sizeof path, "%s/out/data.dump.txt", dir);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        static char buf[16384];
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = '\0';
        fclose(f);
        *dump = buf;
    }
    return msg;
}

static void resolves_grid_ledger_and_form(void **state)
{
    (void)state;
    write_fixture(good_a, good_b, good_c);
    char *dump = NULL;
    assert_string_equal(render("dump", &dump), "");
    assert_text(dump, "# budgetx model dump\n"
                      "title\t2024年某局部门预算\n"
                      "author\t某局\n"
                      "template\tmini\n"
                      "== 表1 基本支出\n"
                      "label\t表 1\n"
                      "title\t基本支出\n"
                      "caption\t部门名称：某局\t单位：万元\n"
                      "page\tlandscape\n"
                      "header_rows\t2\n"
                      "widths\t12.00\t7.00\t7.00\n"
                      "A1:A2\theader\ttext\t项目\n"
                      "B1:C1\theader\ttext\t2024年\n"
                      "B2\theader\ttext\t合计\n"
                      "C2\theader\ttext\t其中\n"
                      "A3\ttext\ttext\t某局\n"
                      "B3\tamount\tamount\t123.46\t#,##0.00\n"
                      "C3\tamount\tamount\t0.50\t#,##0.00\n"
                      "A4\ttext+1\ttext\t工资福利支出\n"
                      "B4\tamount\tamount\t1.24\t#,##0.00\n"
                      "C4\tamount\ttext\t-\n"
                      "== 表2 收支总表\n"
                      "label\t表 2\n"
                      "title\t收支总表\n"
                      "caption\t\t\n"
                      "page\tlandscape\n"
                      "header_rows\t2\n"
                      "widths\t12.00\t7.00\t12.00\t7.00\n"
                      "A1:B1\theader\ttext\t收入\n"
                      "C1:D1\theader\ttext\t支出\n"
                      "A2\theader\ttext\t项目\n"
                      "B2\theader\ttext\t金额\n"
                      "C2\theader\ttext\t项目\n"
                      "D2\theader\ttext\t金额\n"
                      "A3\ttext\ttext\t一、财政拨款\n"
                      "B3\tamount\tamount\t10.00\t#,##0.00\n"
                      "C3\ttext\ttext\t一、卫生健康支出\n"
                      "D3\tamount\tamount\t6.00\t#,##0.00\n"
                      "A4\ttext\tempty\n"
                      "B4\tamount\tempty\n"
                      "C4\ttext+1\ttext\t行政运行\n"
                      "D4\tamount\tamount\t6.00\t#,##0.00\n"
                      "A5\tlabel\ttext\t本年收入合计\n"
                      "B5\tamount\tamount\t10.00\t#,##0.00\n"
                      "C5\tlabel\ttext\t本年支出合计\n"
                      "D5\tamount\tamount\t6.00\t#,##0.00\n"
                      "A6\ttext\ttext\t上年结余\n"
                      "B6\tamount\tamount\t0.00\t#,##0.00\n"
                      "C6\ttext\ttext\t结转下年\n"
                      "D6\tamount\tamount\t4.00\t#,##0.00\n"
                      "A7\tlabel\ttext\t收入总计\n"
                      "B7\tamount\tamount\t10.00\t#,##0.00\n"
                      "C7\tlabel\ttext\t支出总计\n"
                      "D7\tamount\tamount\t10.00\t#,##0.00\n"
                      "note\t注：某某局\n"
                      "== 表3 绩效\n"
                      "label\t表 3\n"
                      "title\t某局绩效目标表\n"
                      "caption\t\t\n"
                      "page\tlandscape\n"
                      "header_rows\t0\n"
                      "widths\t4.00\t6.00\t6.00\t5.00\n"
                      "A1\tlabel\ttext\t主管部门\n"
                      "B1:D1\ttext\ttext\t某某局\n"
                      "A2:A6\tlabel\ttext\t指标\n"
                      "B2\theader\ttext\t一级\n"
                      "C2\theader\ttext\t二级\n"
                      "D2\theader\ttext\t值\n"
                      "B3:B5\ttext\ttext\t产出\n"
                      "C3:C4\ttext\ttext\t数量\n"
                      "D3\tamount\tamount\t0.00\t#,##0.00\n"
                      "D4\tamount\tamount\t0.00\t#,##0.00\n"
                      "C5\ttext\ttext\t质量\n"
                      "D5\tamount\tamount\t0.00\t#,##0.00\n"
                      "B6\ttext\ttext\t效益\n"
                      "C6\ttext\ttext\t质量\n"
                      "D6\tamount\tamount\t0.00\t#,##0.00\n");
    scratch_free(dir);
}

static void empty_note_when_no_amount(void **state)
{
    (void)state;
    write_fixture("层级,项目,合计,其中\n0,某局,0.00,\n", good_b, good_c);
    char *dump = NULL;
    assert_string_equal(render("dump", &dump), "");
    assert_contains(dump, "note\t注：本表本年无发生额。\n== 表2");
    scratch_free(dir);
}

static void bad_amount_names_row_and_column(void **state)
{
    (void)state;
    write_fixture("层级,项目,合计,其中\n0,某局,1,2,3,4\n", good_b, good_c);
    assert_string_equal(render("dump", NULL), "data/a.csv:2: 第 2 行：这一行有 6 列，表头有 4 列");
    scratch_free(dir);
    write_fixture("层级,项目,合计,其中\n0,某局,\"1,2,3\",0\n", good_b, good_c);
    assert_string_equal(render("dump", NULL),
                        "data/a.csv:2:3: 第 2 行第 3 列：金额的千位分隔符位置不正确“1,2,3”");
    scratch_free(dir);
    write_fixture("层级,项目,合计,其中\n0,某局,12.345,0\n", good_b, good_c);
    assert_string_equal(
        render("dump", NULL),
        "data/a.csv:2:3: 第 2 行第 3 列：金额的小数位数超过允许的位数“12.345”（最多 2 位小数）");
    scratch_free(dir);
    write_fixture("层级,项目,合计,其中\n0,某局,abc,0\n", good_b, good_c);
    assert_string_equal(
        render("dump", NULL),
        "data/a.csv:2:3: 第 2 行第 3 列：金额格式无效“abc”（可写作 1234.5、1,234.50、"
        "-1,234.50、¥1,234.50 或 (1,234.50)）");
    scratch_free(dir);
    write_fixture("层级,项目,合计,其中\n0,某局,1.2E+07,0\n", good_b, good_c);
    assert_string_equal(render("dump", NULL),
                        "data/a.csv:2:3: 第 2 行第 3 列：金额“1.2E+07”被 Excel "
                        "改成了科学计数法，请把该列设为数值格式后重新导出");
    scratch_free(dir);
    write_fixture("层级,项目,合计,其中\n0,某局,\"(¥1,234.50)\",¥-\n", good_b, good_c);
    char *dump = NULL;
    assert_string_equal(render("dump", &dump), "");
    assert_non_null(strstr(dump, "B3\tamount\tamount\t-0.12\t")); /* -1,234.50 元 in 万元 */
    assert_non_null(strstr(dump, "C3\tamount\tamount\t0.00\t"));
    scratch_free(dir);
}

static void missing_and_unknown_columns(void **state)
{
    (void)state;
    write_fixture("层级,项目,合计\n0,某局,1\n", good_b, good_c);
    assert_string_equal(
        render("dump", NULL),
        "data/a.csv:1: 第 1 行：缺少列“其中”（表 1 的布局 layouts/mini/a.yaml 需要这一列）");
    scratch_free(dir);
}

static void unknown_column(void **state)
{
    (void)state;
    write_fixture("层级,项目,合计,其中,备注\n0,某局,1,1,x\n", good_b, good_c);
    assert_string_equal(
        render("dump", NULL),
        "data/a.csv:1:5: 第 1 行第 5 列：未知的列“备注”（表 1 的布局中没有这一列）");
    scratch_free(dir);
}

static void bad_level(void **state)
{
    (void)state;
    write_fixture("层级,项目,合计,其中\n一,某局,1,1\n", good_b, good_c);
    assert_string_equal(render("dump", NULL),
                        "data/a.csv:2:1: 第 2 行第 1 列：层级应为 0 到 15 的整数，而不是“一”");
    scratch_free(dir);
}

static void ledger_side_and_totals(void **state)
{
    (void)state;
    write_fixture(good_a, "栏目,类型,层级,项目,金额\n收人,,0,x,1\n", good_c);
    assert_string_equal(render("dump", NULL),
                        "data/b.csv:2:1: 第 2 行第 1 列：“收人”应为“收入”或“支出”");
    scratch_free(dir);
    write_fixture(good_a, "栏目,类型,层级,项目,金额\n收入,小计,0,x,1\n", good_c);
    assert_string_equal(render("dump", NULL),
                        "data/b.csv:2:2: 第 2 行第 2 列：“小计”应为空或“合计”");
    scratch_free(dir);
    write_fixture(good_a,
                  "栏目,类型,层级,项目,金额\n收入,,0,x,1\n收入,合计,,收入总计,1\n支出,,0,y,1\n",
                  good_c);
    assert_contains(render("dump", NULL), "data/b.csv: 各栏的合计行数不一致");
    scratch_free(dir);
}

static void missing_field_of_a_form(void **state)
{
    (void)state;
    write_fixture(good_a, good_b, good_c);
    scratch_write(dir, "data/dataset.yaml",
                  "template: mini\nunit: 某局\nyear: 2024\namounts: {unit: 元, decimals: 2}\n");
    assert_string_equal(render("dump", NULL),
                        "layouts/mini/b.yaml: 占位符 {主管部门} 没有数据：请在 data/dataset.yaml "
                        "的 fields 中填写“主管部门”");
    scratch_free(dir);
}

static void unknown_template(void **state)
{
    (void)state;
    write_fixture(good_a, good_b, good_c);
    scratch_write(dir, "data/dataset.yaml",
                  "template: nosuch\nunit: 某局\nyear: 2024\namounts: {unit: 元, decimals: 2}\n");
    assert_contains(render("dump", NULL), "找不到模板“nosuch”的布局");
    scratch_free(dir);
}

static void writes_xlsx(void **state)
{
    (void)state;
    write_fixture(good_a, good_b, good_c);
    assert_string_equal(render("xlsx", NULL), "");
    char path[1100];
    snprintf(path, sizeof path, "%s/out/data.xlsx", dir);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char magic[2];
    assert_int_equal(fread(magic, 1, 2, f), 2);
    assert_memory_equal(magic, "PK", 2);
    fclose(f);
    scratch_free(dir);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    char *copy = malloc(n + 1);
    assert_non_null(copy);
    memcpy(copy, buf, n + 1);
    return copy;
}

/* The findings of m as text and JSON (with every figure), joined. */
static char *findings_text(const bx_model *m, const bx_layout_set *set)
{
    bx_error err;
    bx_error_clear(&err);
    bx_findings *f = bx_model_validate(m, set, BX_VALIDATE_FIGURES, &err);
    if (!f)
        print_error("%s\n", err.message);
    assert_non_null(f);
    char *text = bx_findings_report(f, "text", &err), *json = bx_findings_report(f, "json", &err);
    assert_non_null(text);
    assert_non_null(json);
    char *both = malloc(strlen(text) + strlen(json) + 1);
    assert_non_null(both);
    strcpy(both, text);
    strcat(both, json);
    free(text);
    free(json);
    bx_findings_free(f);
    return both;
}

/* A model keeps copies of what it needs: with its dataset and its layout
 * set freed right after resolving, it is written in every format, the
 * same dump as a model whose dataset and set live, and validated with the
 * set loaded again (the checks are given the set) — with the same
 * findings. ./build.sh sanitize runs this under ASan. */
static void a_model_outlives_its_dataset_and_set(void **state)
{
    (void)state;
    write_fixture(good_a, good_b, good_c);
    char data[1024], layouts[1024], path[1200];
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(layouts, sizeof layouts, "%s/layouts/mini", dir);
    bx_error err;
    bx_error_clear(&err);
    bx_dataset *ds = bx_dataset_load(data, &err);
    bx_layout_set *set = bx_layout_set_load(layouts, &err);
    bx_model *kept = ds && set ? bx_model_resolve(set, ds, &err) : NULL;
    bx_model *m = kept ? bx_model_resolve(set, ds, &err) : NULL;
    if (!m)
        print_error("%s\n", err.message);
    assert_non_null(m);
    snprintf(path, sizeof path, "%s/kept.dump", dir);
    assert_int_equal(bx_model_write(kept, "dump", path, NULL, &err), BX_OK);
    char *want_dump = slurp(path), *want_findings = findings_text(kept, set);
    bx_dataset_free(ds);
    bx_layout_set_free(set);
    snprintf(path, sizeof path, "%s/alone.dump", dir);
    assert_int_equal(bx_model_write(m, "dump", path, NULL, &err), BX_OK);
    char *dump = slurp(path);
    assert_text(dump, want_dump);
    for (const char *const *f = (const char *const[]){"xlsx", "pdf", NULL}; *f; f++) {
        snprintf(path, sizeof path, "%s/alone.%s", dir, *f);
        if (bx_model_write(m, *f, path, NULL, &err) != BX_OK)
            print_error("%s: %s\n", *f, err.message);
        assert_int_equal(err.status, BX_OK);
    }
    set = bx_layout_set_load(layouts, &err);
    assert_non_null(set);
    char *findings = findings_text(m, set);
    assert_text(findings, want_findings);
    /* another set is refused: the view names layouts by their place in it */
    scratch_write(dir, "layouts/other/set.yaml",
                  "name: mini\ndisplay: {unit: 万元, decimals: 2}\ntables: [b.yaml]\n");
    scratch_write(dir, "layouts/other/b.yaml", ledger_yaml);
    snprintf(path, sizeof path, "%s/layouts/other", dir);
    bx_layout_set *other = bx_layout_set_load(path, &err);
    assert_non_null(other);
    assert_null(bx_model_validate(m, other, 0, &err));
    assert_int_equal(err.status, BX_ERR_USAGE);
    assert_contains(err.message, "模型不是用布局“mini”生成的");
    bx_layout_set_free(other);
    free(findings);
    free(dump);
    free(want_dump);
    free(want_findings);
    bx_layout_set_free(set);
    bx_model_free(m);
    bx_model_free(kept);
    scratch_free(dir);
}

/* ---- the shapes of other templates (上海市普陀区 2025) --------------------- */

static const char *shapes_set = "name: shapes\ndisplay: {unit: 元, decimals: 2, zero: blank}\n"
                                "tables: [s1.yaml, s2.yaml, s3.yaml]\n";

/* a code in 类 | 款 | 项, the 合计 at the bottom, six body rows, nothing
 * repeated on continuation pages */
static const char *shapes_grid =
    "number: 1\nlabel: \"\"\ntitle: \"{year}年部门支出预算总表\"\n"
    "caption: {left: \"编制部门：{unit}\", right: 单位：元}\n"
    "data: s1.csv\ntotal: last\nmin_rows: 6\nrepeat: {title: false, header: false}\n"
    "columns:\n"
    "  - title: 项目\n    children:\n"
    "      - title: 功能分类科目编码\n        field: 科目编码\n        type: code\n"
    "        split: [{title: 类, digits: 3}, {title: 款, digits: 2}, {title: 项, digits: 2}]\n"
    "      - {title: 功能分类科目名称, field: 科目名称}\n"
    "  - title: 支出预算\n    children:\n"
    "      - {title: 合计, field: 合计, type: amount}\n"
    "      - {title: 基本支出, field: 基本支出, type: amount}\n"
    "checks:\n  - codes: all\n";

static const char *shapes_ledger =
    "number: 2\ntitle: 收支总表\nkind: ledger\ndata: s2.csv\nlevel_field: 层级\nmin_rows: 5\n"
    "columns:\n"
    "  - title: 收入\n    side: 收入\n    children:\n"
    "      - {title: 项目, field: 项目}\n      - {title: 预算数, field: 金额, type: amount}\n"
    "  - title: 支出\n    side: 支出\n    children:\n"
    "      - {title: 项目, field: 项目}\n      - {title: 预算数, field: 金额, type: amount}\n";

/* the “三公” table alone in 万元, its zeros shown */
static const char *shapes_wan =
    "number: 3\ntitle: 三公\ndisplay: {unit: 万元, decimals: 2, zero: show}\ndata: s3.csv\n"
    "columns:\n  - {title: 合计, field: 合计, type: amount}\n"
    "  - {title: 公务接待费, field: 公务接待费, type: amount}\n";

static const char *shapes_s1 = "科目编码,科目名称,合计,基本支出\n"
                               "201,一般公共服务支出,300.00,100.00\n"
                               "20103,政府办公厅（室）及相关机构事务,300.00,100.00\n"
                               "2010301,行政运行,100.00,100.00\n"
                               "2010302,一般行政管理事务,200.00,0.00\n"
                               ",合计,300.00,100.00\n";
static const char *shapes_s2 = "栏目,类型,层级,项目,金额\n"
                               "收入,,0,一、财政拨款收入,300.00\n"
                               "支出,,0,一、一般公共服务支出,300.00\n"
                               "收入,合计,0,收入总计,300.00\n"
                               "支出,合计,0,支出总计,300.00\n";

static void write_shapes(const char *s1, const char *dataset_extra)
{
    dir = scratch_new();
    scratch_write(dir, "layouts/shapes/set.yaml", shapes_set);
    scratch_write(dir, "layouts/shapes/s1.yaml", shapes_grid);
    scratch_write(dir, "layouts/shapes/s2.yaml", shapes_ledger);
    scratch_write(dir, "layouts/shapes/s3.yaml", shapes_wan);
    char yaml[512];
    snprintf(yaml, sizeof yaml,
             "template: shapes\nunit: 某区政府办公室\nyear: 2025\n"
             "amounts: {unit: 元, decimals: 2}\n%s",
             dataset_extra);
    scratch_write(dir, "data/dataset.yaml", yaml);
    scratch_write(dir, "data/s1.csv", s1);
    scratch_write(dir, "data/s2.csv", shapes_s2);
    scratch_write(dir, "data/s3.csv", "合计,公务接待费\n8675000.00,0.00\n");
}

static void splits_codes_and_closes_with_the_total(void **state)
{
    (void)state;
    write_shapes(shapes_s1, "");
    char *dump = NULL;
    assert_string_equal(render("dump", &dump), "");
    assert_contains(dump, "== 表1 2025年部门支出预算总表\nlabel\t\n");
    assert_contains(dump, "header_rows\t3\nonce\ttitle,header\n");
    assert_contains(dump, "A1:D1\theader\ttext\t项目\n"
                          "E1:F1\theader\ttext\t支出预算\n"
                          "A2:C2\theader\ttext\t功能分类科目编码\n"
                          "D2:D3\theader\ttext\t功能分类科目名称\n");
    assert_contains(dump, "A3\theader\ttext\t类\nB3\theader\ttext\t款\nC3\theader\ttext\t项\n");
    /* 201 alone; 2010301 in three columns */
    assert_contains(dump, "A4\tcode\ttext\t201\nB4\tcode\tempty\nC4\tcode\tempty\n");
    assert_contains(dump, "A6\tcode\ttext\t201\nB6\tcode\ttext\t03\nC6\tcode\ttext\t01\n");
    /* a zero left blank (the set says so) */
    assert_contains(dump, "F7\tamount\tempty\n");
    /* four data rows, one empty ruled row, then the 合计 over the code and name */
    assert_contains(dump, "A8\tcode\tempty\n");
    assert_contains(dump, "A9:D9\tlabel\ttext\t合计\nE9\tamount\tamount\t300.00");
    assert_null(strstr(dump, "A10"));
    scratch_free(dir);
}

static void pads_a_ledger_above_its_totals(void **state)
{
    (void)state;
    write_shapes(shapes_s1, "");
    char *dump = NULL;
    assert_string_equal(render("dump", &dump), "");
    const char *t2 = strstr(dump, "== 表2");
    assert_non_null(t2);
    /* one row of items, three empty ones, the totals on the fifth body row */
    assert_contains(t2, "A3\ttext\ttext\t一、财政拨款收入\n");
    assert_contains(t2, "A6\ttext\tempty\n");
    assert_contains(t2, "A7\tlabel\ttext\t收入总计\n");
    scratch_free(dir);
}

static void a_table_unit_and_the_datasets_display(void **state)
{
    (void)state;
    write_shapes(shapes_s1, "display: {decimals: 0, zero: show}\n");
    char *dump = NULL;
    assert_string_equal(render("dump", &dump), "");
    /* the dataset's whole 元 and its zeros, where the table does not say */
    assert_contains(dump, "F7\tamount\tamount\t0\t#,##0\n");
    assert_contains(dump, "E9\tamount\tamount\t300\t#,##0\n");
    /* the 三公 table: its own 万元 and decimals, its zeros shown */
    const char *t3 = strstr(dump, "== 表3");
    assert_non_null(t3);
    assert_contains(t3, "A2\tamount\tamount\t867.50\t#,##0.00\nB2\tamount\tamount\t0.00");
    scratch_free(dir);
}

static void a_total_row_keeps_its_merged_cells_empty(void **state)
{
    (void)state;
    write_shapes("科目编码,科目名称,合计,基本支出\n201,一般公共服务支出,1.00,1.00\n"
                 "201,合计,1.00,1.00\n",
                 "");
    assert_contains(render("dump", NULL),
                    "data/s1.csv:3:1: 第 3 行第 1 列：合计行的“科目编码”应为空");
    scratch_free(dir);
    write_shapes(shapes_s1, "display: {zero: nought}\n");
    assert_contains(render("dump", NULL),
                    "zero 应为 show（显示 0.00）或 blank（留空），而不是“nought”");
    scratch_free(dir);
}

/* A figure the published table prints otherwise than the data holds:
 * printed as given, the data view keeping the data's; an entry that names
 * no grid cell is an error at it. */
static void a_printed_figure_is_shown_as_given(void **state)
{
    (void)state;
    write_shapes(shapes_s1, "printed: {\"1:code=2010301:合计\": 100.01}\n");
    char *dump = NULL;
    assert_string_equal(render("dump", &dump), "");
    assert_contains(dump, "A6\tcode\ttext\t201\nB6\tcode\ttext\t03\nC6\tcode\ttext\t01\n"
                          "D6\ttext\ttext\t行政运行\nE6\tamount\tamount\t100.01");
    scratch_free(dir);
    write_shapes(shapes_s1, "printed: {\"1:code=2019999:合计\": 1}\n");
    assert_contains(render("dump", NULL), "printed 的“1:code=2019999:合计”：表中没有这一行");
    scratch_free(dir);
    write_shapes(shapes_s1, "printed: {\"2:收入总计:金额\": 1}\n");
    assert_contains(render("dump", NULL), "没有用上：只用于 grid 表");
    scratch_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(resolves_grid_ledger_and_form),
        cmocka_unit_test(empty_note_when_no_amount),
        cmocka_unit_test(bad_amount_names_row_and_column),
        cmocka_unit_test(missing_and_unknown_columns),
        cmocka_unit_test(unknown_column),
        cmocka_unit_test(bad_level),
        cmocka_unit_test(ledger_side_and_totals),
        cmocka_unit_test(missing_field_of_a_form),
        cmocka_unit_test(unknown_template),
        cmocka_unit_test(writes_xlsx),
        cmocka_unit_test(a_model_outlives_its_dataset_and_set),
        cmocka_unit_test(splits_codes_and_closes_with_the_total),
        cmocka_unit_test(pads_a_ledger_above_its_totals),
        cmocka_unit_test(a_table_unit_and_the_datasets_display),
        cmocka_unit_test(a_total_row_keeps_its_merged_cells_empty),
        cmocka_unit_test(a_printed_figure_is_shown_as_given),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
