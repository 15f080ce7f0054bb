/* The model: spans cannot overlap, the invariant checker catches broken
 * grids, and the walk yields anchors only. */
#include "test_util.h"

#include "model.h"

#include <stdio.h>
#include <string.h>

static bx_sheet *sheet_with_rows(bx_doc *m, int rows, int cols)
{
    bx_sheet *s = bx_doc_add_sheet(m, cols, NULL);
    assert_non_null(s);
    s->name = "s";
    for (int i = 0; i < rows; i++)
        assert_int_equal(bx_sheet_add_row(s, NULL), i);
    return s;
}

static void overlapping_spans_are_refused(void **state)
{
    (void)state;
    bx_doc *m = bx_doc_new(NULL);
    bx_sheet *s = sheet_with_rows(m, 3, 3);
    bx_cell big = {.kind = BX_CELL_TEXT, .text = "收入", .rowspan = 2, .colspan = 2};
    bx_error err;
    bx_error_clear(&err);
    assert_true(bx_sheet_put(s, 0, 0, &big, &err));
    bx_cell one = {.kind = BX_CELL_TEXT, .text = "x", .rowspan = 1, .colspan = 1};
    assert_false(bx_sheet_put(s, 1, 1, &one, &err));
    assert_string_equal(err.message, "单元格 (2,2) 与已有的合并区域重叠");
    bx_error_clear(&err);
    bx_cell wide = {.kind = BX_CELL_TEXT, .text = "y", .rowspan = 1, .colspan = 2};
    assert_false(bx_sheet_put(s, 2, 2, &wide, &err));
    assert_true(bx_doc_check(m, NULL));
    bx_doc_free(m);
}

static void extend_down_merges_equal_cells(void **state)
{
    (void)state;
    bx_doc *m = bx_doc_new(NULL);
    bx_sheet *s = sheet_with_rows(m, 3, 2);
    for (int r = 0; r < 3; r++) {
        bx_cell c = {.kind = BX_CELL_TEXT, .text = "产出指标", .rowspan = 1, .colspan = 1};
        assert_true(bx_sheet_put(s, r, 0, &c, NULL));
    }
    assert_true(bx_sheet_extend_down(s, 0, 0, 3, NULL));
    assert_int_equal(bx_sheet_cell(s, 0, 0)->rowspan, 3);
    assert_true(bx_sheet_cell(s, 1, 0)->covered);
    assert_true(bx_sheet_cell(s, 2, 0)->covered);
    assert_true(bx_doc_check(m, NULL));
    bx_doc_free(m);
}

static void checker_finds_double_coverage(void **state)
{
    (void)state;
    bx_doc *m = bx_doc_new(NULL);
    bx_sheet *s = sheet_with_rows(m, 2, 2);
    bx_cell c = {.kind = BX_CELL_TEXT, .text = "a", .rowspan = 2, .colspan = 1};
    assert_true(bx_sheet_put(s, 0, 0, &c, NULL));
    bx_sheet_cell(s, 1, 0)->covered = false; /* corrupt: now also an anchor */
    bx_error err;
    bx_error_clear(&err);
    assert_false(bx_doc_check(m, &err));
    assert_string_equal(err.message, "第 2 行第 1 列被覆盖了不止一次");
    bx_doc_free(m);
}

static void checker_finds_uncovered_positions(void **state)
{
    (void)state;
    bx_doc *m = bx_doc_new(NULL);
    bx_sheet *s = sheet_with_rows(m, 2, 2);
    bx_sheet_cell(s, 1, 1)->covered = true; /* covered by nothing */
    bx_error err;
    bx_error_clear(&err);
    assert_false(bx_doc_check(m, &err));
    assert_string_equal(err.message, "第 2 行第 2 列没有被任何单元格覆盖");
    bx_doc_free(m);
}

static void checker_keeps_header_spans_in_the_header(void **state)
{
    (void)state;
    bx_doc *m = bx_doc_new(NULL);
    bx_sheet *s = sheet_with_rows(m, 3, 1);
    bx_cell c = {.kind = BX_CELL_TEXT, .text = "h", .rowspan = 2, .colspan = 1};
    assert_true(bx_sheet_put(s, 0, 0, &c, NULL));
    s->header_rows = 1;
    bx_error err;
    bx_error_clear(&err);
    assert_false(bx_doc_check(m, &err));
    assert_string_equal(err.message, "表头单元格跨入表体（第 1 行第 1 列）");
    bx_doc_free(m);
}

static void walk_yields_anchor_cells_only(void **state)
{
    (void)state;
    bx_doc *m = bx_doc_new(NULL);
    bx_sheet *s = sheet_with_rows(m, 2, 3);
    bx_cell c = {.kind = BX_CELL_TEXT, .text = "a", .rowspan = 2, .colspan = 2};
    assert_true(bx_sheet_put(s, 0, 0, &c, NULL));
    char seen[256] = "";
    bx_iter it;
    bx_event ev;
    bx_iter_init(&it, m);
    while (bx_iter_next(&it, &ev)) {
        const char *names[] = {"S", "R", "C", "r", "s", "D"};
        strcat(seen, names[ev.type]);
        if (ev.type == BX_EV_CELL) {
            char at[16];
            snprintf(at, sizeof at, "%d%d", ev.row, ev.col);
            strcat(seen, at);
        }
    }
    assert_string_equal(seen, "SRC00C02rRC12rsD");
    bx_doc_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(overlapping_spans_are_refused),
        cmocka_unit_test(extend_down_merges_equal_cells),
        cmocka_unit_test(checker_finds_double_coverage),
        cmocka_unit_test(checker_finds_uncovered_positions),
        cmocka_unit_test(checker_keeps_header_spans_in_the_header),
        cmocka_unit_test(walk_yields_anchor_cells_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
