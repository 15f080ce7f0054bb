/* Header trees → spans: the shapes of 表2 (four levels), 表9 (groups that
 * span two rows so all leaves share the last row), 表3 and a form header
 * whose leaves cover several grid columns. */
#include "test_util.h"

#include "text.h"
#include "layout.h"

#include <stdio.h>
#include <string.h>

static bx_layout_set *set;

static int setup(void **state)
{
    (void)state;
    set = bx_layout_set_new(NULL);
    return set ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    bx_layout_set_free(set);
    return 0;
}

/* Place the header of a grid layout given as YAML and print the cells. */
static const char *placed(const char *yaml)
{
    static char out[8192];
    bx_table_layout t;
    bx_error err;
    bx_error_clear(&err);
    if (!bx_table_layout_parse(set, yaml, strlen(yaml), "test.yaml", &t, &err)) {
        print_error("%s\n", err.message);
        fail();
    }
    bx_hplace *cells;
    size_t n;
    assert_true(bx_header_place(&t.header, 0, set->arena, &cells, &n, &err));
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        char a[16], b[16];
        bx_cell_ref(cells[i].row, cells[i].col, a, sizeof a);
        bx_cell_ref(cells[i].row + cells[i].rowspan - 1, cells[i].col + cells[i].colspan - 1, b,
                    sizeof b);
        if (cells[i].rowspan == 1 && cells[i].colspan == 1)
            at += (size_t)snprintf(out + at, sizeof out - at, "%s %s\n", a, cells[i].node->title);
        else
            at += (size_t)snprintf(out + at, sizeof out - at, "%s:%s %s\n", a, b,
                                   cells[i].node->title);
    }
    return out;
}

static void table2_has_four_levels(void **state)
{
    (void)state;
    const char *yaml = "number: 2\ntitle: 收入总表\ndata: x.csv\ncolumns:\n"
                       "  - {title: 预算单位, field: a}\n"
                       "  - {title: 收入总计, field: b, type: amount}\n"
                       "  - title: 本年收入\n"
                       "    children:\n"
                       "      - title: 财政拨款\n"
                       "        children:\n"
                       "          - title: 一般公共预算拨款\n"
                       "            children:\n"
                       "              - {title: 小计, field: c, type: amount}\n"
                       "              - {title: 基本支出拨款, field: d, type: amount}\n"
                       "          - {title: 政府性基金预算拨款, field: e, type: amount}\n"
                       "      - {title: 财政专户管理资金, field: f, type: amount}\n"
                       "      - title: 单位资金\n"
                       "        children:\n"
                       "          - {title: 事业收入, field: g, type: amount}\n"
                       "          - {title: 其他收入, field: h, type: amount}\n"
                       "  - {title: 上年结余、结转, field: i, type: amount}\n";
    assert_text(placed(yaml), "A1:A4 预算单位\n"
                              "B1:B4 收入总计\n"
                              "C1:H1 本年收入\n"
                              "I1:I4 上年结余、结转\n"
                              "C2:E2 财政拨款\n"
                              "F2:F4 财政专户管理资金\n"
                              "G2:H2 单位资金\n"
                              "C3:D3 一般公共预算拨款\n"
                              "E3:E4 政府性基金预算拨款\n"
                              "G3:G4 事业收入\n"
                              "H3:H4 其他收入\n"
                              "C4 小计\n"
                              "D4 基本支出拨款\n");
}

static void table9_groups_span_down_to_keep_leaves_on_one_row(void **state)
{
    (void)state;
    const char *yaml = "number: 9\ntitle: 三公\ndata: x.csv\ncolumns:\n"
                       "  - {title: 预算单位, field: a}\n"
                       "  - title: 总计\n"
                       "    rows: 2\n"
                       "    children:\n"
                       "      - {title: 一般公共预算, field: b, type: amount}\n"
                       "      - {title: 政府性基金预算, field: c, type: amount}\n"
                       "  - title: 公务用车购置及运行维护费\n"
                       "    children:\n"
                       "      - title: 小计\n"
                       "        children:\n"
                       "          - {title: 一般公共预算, field: d, type: amount}\n"
                       "          - {title: 政府性基金预算, field: e, type: amount}\n";
    assert_text(placed(yaml), "A1:A3 预算单位\n"
                              "B1:C2 总计\n"
                              "D1:E1 公务用车购置及运行维护费\n"
                              "D2:E2 小计\n"
                              "B3 一般公共预算\n"
                              "C3 政府性基金预算\n"
                              "D3 一般公共预算\n"
                              "E3 政府性基金预算\n");
}

static void table3_one_group_among_leaves(void **state)
{
    (void)state;
    const char *yaml = "number: 3\ntitle: 支出总表\ndata: x.csv\ncolumns:\n"
                       "  - {title: 科目编码, field: a, type: code}\n"
                       "  - {title: 支出总计, field: b, type: amount}\n"
                       "  - title: \"{year}年政府采购项目\"\n"
                       "    children:\n"
                       "      - {title: 小计, field: c, type: amount}\n"
                       "      - {title: 其中：面向中小企业政府采购项目, field: d, type: amount}\n";
    assert_text(placed(yaml), "A1:A2 科目编码\n"
                              "B1:B2 支出总计\n"
                              "C1:D1 {year}年政府采购项目\n"
                              "C2 小计\n"
                              "D2 其中：面向中小企业政府采购项目\n");
}

static void single_level_header_has_no_spans(void **state)
{
    (void)state;
    const char *yaml = "number: 7\ntitle: t\ndata: x.csv\ncolumns:\n"
                       "  - {title: 预算单位, field: a}\n"
                       "  - {title: 支出总计, field: b, type: amount}\n";
    assert_text(placed(yaml), "A1 预算单位\nB1 支出总计\n");
}

static void form_leaves_cover_several_columns(void **state)
{
    (void)state;
    const char *yaml = "number: 12\ntitle: t\nkind: form\ngrid: [5, 5, 5, 5, 5, 5]\n"
                       "bands:\n"
                       "  - header:\n"
                       "      - {title: 任务名称}\n"
                       "      - {title: 主要内容, span: 2}\n"
                       "      - title: 预算金额\n"
                       "        children: [{title: 总额}, {title: 财政拨款}, {title: 其他资金}]\n";
    bx_table_layout t;
    bx_error err;
    bx_error_clear(&err);
    assert_true(bx_table_layout_parse(set, yaml, strlen(yaml), "form.yaml", &t, &err));
    assert_int_equal(t.nbands, 1);
    const bx_header *h = &t.bands[0].header;
    assert_int_equal(bx_header_width(h), 6);
    assert_int_equal(bx_header_depth(h), 2);
    assert_int_equal(bx_header_leaf_count(h), 5);
    bx_hplace *cells;
    size_t n;
    assert_true(bx_header_place(h, 1, set->arena, &cells, &n, &err));
    assert_int_equal(n, 6);
    /* 主要内容: row 0, columns 2-3 (after the group label column), 2 rows */
    assert_string_equal(cells[1].node->title, "主要内容");
    assert_int_equal(cells[1].col, 2);
    assert_int_equal(cells[1].colspan, 2);
    assert_int_equal(cells[1].rowspan, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table2_has_four_levels),
        cmocka_unit_test(table9_groups_span_down_to_keep_leaves_on_one_row),
        cmocka_unit_test(table3_one_group_among_leaves),
        cmocka_unit_test(single_level_header_has_no_spans),
        cmocka_unit_test(form_leaves_cover_several_columns),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
