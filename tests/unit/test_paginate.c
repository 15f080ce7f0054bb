/* Column sizing and pagination with a fake font on a small page: every
 * page repeats the header, no row is lost or repeated, a row taller than a
 * page is split by lines, notes take the last row along when they do not
 * fit. Geometry: 10 pt type, leading 1, no padding or gaps, so every line
 * and every one-line row is 10 pt; title block 30 pt, header 10 pt, body
 * space 240 pt = 24 rows per page. */
#include "test_util.h"

#include "fake_font.h"
#include "model.h"

#include <stdio.h>
#include <string.h>

static bx_pdf_style style(void)
{
    bx_pdf_style st;
    bx_pdf_style_default(&st);
    st.page_w = 200;
    st.page_h = 300;
    st.margin_l = st.margin_r = st.margin_t = st.margin_b = 10;
    st.body_size = st.min_body_size = st.title_size = st.label_size = 10;
    st.leading = 1.0;
    st.pad_x = st.pad_y = st.gap = st.footer_h = 0;
    return st;
}

/* A portrait sheet: header 项目 | 金额, then `rows` body rows. */
static bx_doc *model_with(int rows, const char *tall_text, int nnotes)
{
    bx_doc *m = bx_doc_new(NULL);
    bx_sheet *s = bx_doc_add_sheet(m, 2, NULL);
    s->name = "表1 测试";
    s->label = "表 1";
    s->title = "测试表";
    s->landscape = false;
    s->col_widths[0] = s->col_widths[1] = 500;
    bx_sheet_add_row(s, NULL);
    bx_cell h0 = {.kind = BX_CELL_TEXT, .style = BX_STYLE_HEADER, .text = "项目"};
    bx_cell h1 = {.kind = BX_CELL_TEXT, .style = BX_STYLE_HEADER, .text = "金额"};
    assert_true(bx_sheet_put(s, 0, 0, &h0, NULL) && bx_sheet_put(s, 0, 1, &h1, NULL));
    s->header_rows = 1;
    for (int r = 0; r < rows; r++) {
        int row = bx_sheet_add_row(s, NULL);
        char *name = bx_arena_alloc(m->arena, 32, NULL);
        snprintf(name, 32, "项%d", r);
        bx_cell t = {.kind = BX_CELL_TEXT, .style = BX_STYLE_TEXT, .text = name};
        if (tall_text && r == 1)
            t.text = tall_text;
        bx_cell a = {.kind = BX_CELL_AMOUNT, .style = BX_STYLE_AMOUNT, .decimals = 2, .amount = r};
        assert_true(bx_sheet_put(s, row, 0, &t, NULL) && bx_sheet_put(s, row, 1, &a, NULL));
    }
    static const char *notes[] = {"注：一", "注：二"};
    s->notes = notes;
    s->nnotes = nnotes;
    return m;
}

static bx_pdf_sheet lay_out(bx_doc *m, bx_arena *arena)
{
    bx_pdf_style st = style();
    bx_pdf_sheet l;
    bx_error err;
    bx_error_clear(&err);
    assert_true(bx_pdf_lay_out(&m->sheets[0], &fake_metrics, &st, arena, &l, &err));
    assert_true(bx_paginate(&l, &st, arena, &err));
    return l;
}

static void rows_fill_pages_in_order(void **state)
{
    (void)state;
    bx_arena *a = bx_arena_new();
    bx_doc *m = model_with(50, NULL, 0);
    bx_pdf_sheet l = lay_out(m, a);
    bx_pdf_style st = style();
    assert_true(bx_pdf_body_space(&l, &st) > 239.99 && bx_pdf_body_space(&l, &st) < 240.01);
    /* rows 1..50 (row 0 is the header): 24 + 24 + 2 */
    assert_int_equal(l.npages, 3);
    assert_int_equal(l.pages[0].nslices, 24);
    assert_int_equal(l.pages[1].nslices, 24);
    assert_int_equal(l.pages[2].nslices, 2);
    int expect = 1;
    for (int i = 0; i < l.nslices; i++)
        assert_int_equal(l.slices[i].row, expect++);
    assert_int_equal(expect, 51);
    assert_true(l.pages[2].notes);
    bx_doc_free(m);
    bx_arena_free(a);
}

/* A table that prints its title block and header on its first page only
 * (上海's 收入总表) has 30 + 10 pt more for rows on the pages it continues
 * on: 24 rows, then 28. */
static void continuation_pages_without_title_or_header(void **state)
{
    (void)state;
    bx_arena *a = bx_arena_new();
    bx_doc *m = model_with(60, NULL, 0);
    m->sheets[0].title_once = m->sheets[0].header_once = true;
    bx_pdf_sheet l = lay_out(m, a);
    assert_int_equal(l.npages, 3);
    assert_int_equal(l.pages[0].nslices, 24);
    assert_int_equal(l.pages[1].nslices, 28);
    assert_int_equal(l.pages[2].nslices, 8);
    bx_doc_free(m);
    m = model_with(60, NULL, 0);
    m->sheets[0].title_once = true; /* the header still repeats: 27 */
    l = lay_out(m, a);
    assert_int_equal(l.pages[1].nslices, 27);
    bx_doc_free(m);
    bx_arena_free(a);
}

static void notes_fit_after_the_last_row(void **state)
{
    (void)state;
    bx_arena *a = bx_arena_new();
    bx_doc *m = model_with(47, NULL, 1); /* 24 + 23 rows, then 10 pt of notes */
    bx_pdf_sheet l = lay_out(m, a);
    assert_int_equal(l.npages, 2);
    assert_int_equal(l.pages[1].nslices, 23);
    assert_true(l.pages[1].notes);
    bx_doc_free(m);
    bx_arena_free(a);
}

static void notes_take_the_last_row_to_a_new_page(void **state)
{
    (void)state;
    bx_arena *a = bx_arena_new();
    bx_doc *m = model_with(48, NULL, 1); /* two full pages: no room for the notes */
    bx_pdf_sheet l = lay_out(m, a);
    assert_int_equal(l.npages, 3);
    assert_int_equal(l.pages[1].nslices, 23);
    assert_false(l.pages[1].notes);
    assert_int_equal(l.pages[2].nslices, 1);
    assert_int_equal(l.slices[l.pages[2].first_slice].row, 48);
    assert_true(l.pages[2].notes);
    int expect = 1; /* still every row once, in order */
    for (int i = 0; i < l.nslices; i++)
        assert_int_equal(l.slices[i].row, expect++);
    bx_doc_free(m);
    bx_arena_free(a);
}

static void a_row_taller_than_a_page_is_split_by_lines(void **state)
{
    (void)state;
    char tall[1024] = "";
    for (int i = 0; i < 60; i++)
        strcat(tall, i ? "\n行" : "行");
    bx_arena *a = bx_arena_new();
    bx_doc *m = model_with(3, tall, 0);
    bx_pdf_sheet l = lay_out(m, a);
    /* row 1 fits, row 2 (60 lines) starts on page 1 with 23 lines, goes
     * on with 24, then 13 lines and row 3 */
    assert_int_equal(l.npages, 3);
    assert_int_equal(l.nslices, 5);
    assert_int_equal(l.slices[0].row, 1);
    assert_int_equal(l.slices[0].line_to, -1);
    int next_line = 0;
    for (int i = 1; i <= 3; i++) {
        assert_int_equal(l.slices[i].row, 2);
        assert_int_equal(l.slices[i].line_from, next_line);
        next_line = l.slices[i].line_to;
    }
    assert_int_equal(next_line, 60);
    assert_int_equal(l.slices[1].line_to, 23);
    assert_int_equal(l.slices[4].row, 3);
    bx_doc_free(m);
    bx_arena_free(a);
}

static void columns_fill_the_page_width(void **state)
{
    (void)state;
    bx_arena *a = bx_arena_new();
    bx_doc *m = model_with(3, NULL, 0);
    bx_pdf_sheet l = lay_out(m, a);
    assert_true(l.table_w > 179.99 && l.table_w < 180.01);
    assert_true(l.col_x[0] > 9.99 && l.col_x[0] < 10.01);
    assert_true(l.col_x[1] > l.col_x[0]);
    bx_doc_free(m);
    bx_arena_free(a);
}

static void amounts_never_wrap(void **state)
{
    (void)state;
    bx_arena *a = bx_arena_new();
    bx_doc *m = model_with(1, NULL, 0);
    bx_sheet *s = &m->sheets[0];
    bx_cell *amt = bx_sheet_cell(s, 1, 1);
    amt->amount = 123456789012; /* "1,234,567,890.12": 16 half-em = 80 pt */
    s->col_widths[0] = 1500;    /* the text column asks for 150 pt */
    bx_pdf_sheet l = lay_out(m, a);
    assert_true(l.col_w[1] >= 80.0);
    assert_int_equal(l.cells[3].n, 1);
    bx_doc_free(m);
    bx_arena_free(a);
}

/* A column narrower than its short label or its heading wants is widened,
 * the width taken from a column with more than it wants: "增减变化金额" on
 * one line (60 pt, its layout width 30 pt), "政府性基金预算" in two. */
static void short_labels_and_headings_get_their_width(void **state)
{
    (void)state;
    bx_arena *a = bx_arena_new();
    bx_doc *m = model_with(1, NULL, 0);
    bx_sheet *s = &m->sheets[0];
    s->col_widths[0] = 300;  /* 3 em */
    s->col_widths[1] = 1500; /* 15 em: more than it needs */
    bx_sheet_cell(s, 1, 0)->text = "增减变化金额";
    bx_sheet_cell(s, 0, 1)->text = "政府性基金预算拨款合计数额"; /* 13 em */
    bx_pdf_sheet l = lay_out(m, a);
    assert_true(l.col_w[0] >= 60.0 - 1e-6);
    assert_int_equal(l.cells[2].n, 1); /* the label, one line */
    assert_true(l.cells[1].n <= 2);    /* the heading, two lines at most */
    bx_doc_free(m);
    bx_arena_free(a);
}

/* Where the page has no room for what the columns want, the layout's
 * proportions hold, cut toward the narrowest. */
static void wants_yield_to_the_page(void **state)
{
    (void)state;
    bx_arena *a = bx_arena_new();
    bx_doc *m = model_with(1, NULL, 0);
    bx_sheet *s = &m->sheets[0];
    s->col_widths[0] = 900;
    s->col_widths[1] = 900;
    bx_sheet_cell(s, 1, 0)->text = "一二三四五六七八九十一二"; /* 12 em: 120 pt wanted */
    bx_sheet_cell(s, 0, 1)->text =
        "一二三四五六七八九十一二三四五六七八九十"; /* 100 pt in 2 lines */
    bx_pdf_sheet l = lay_out(m, a);
    assert_true(l.table_w > 179.99 && l.table_w < 180.01);
    assert_true(l.col_w[0] > 89.99 && l.col_w[0] < 90.01);
    bx_doc_free(m);
    bx_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rows_fill_pages_in_order),
        cmocka_unit_test(continuation_pages_without_title_or_header),
        cmocka_unit_test(notes_fit_after_the_last_row),
        cmocka_unit_test(notes_take_the_last_row_to_a_new_page),
        cmocka_unit_test(a_row_taller_than_a_page_is_split_by_lines),
        cmocka_unit_test(columns_fill_the_page_width),
        cmocka_unit_test(amounts_never_wrap),
        cmocka_unit_test(short_labels_and_headings_get_their_width),
        cmocka_unit_test(wants_yield_to_the_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
