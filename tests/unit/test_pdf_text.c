/* The whole document's text on pages (render/pdf/pdf_text.h), over a fake
 * font (CJK 1 em): a table inside the text is ruled round every cell, keeps
 * a row whole when it fits, starts a new page with its heading row again
 * when it does not, splits only a row longer than a page, and the text
 * goes on at the first whole line below it. */
#include "test_util.h"

#include "fake_font.h"
#include "pdf_text.h"

#include <stdio.h>
#include <string.h>

/* A document of `before` one-line paragraphs, then a 2-column table whose
 * body rows hold the texts `bodies` (column 2; column 1 "项目"), then a
 * paragraph. */
static bx_doc *document(int before, const char *const *bodies, int nbodies)
{
    bx_error err;
    bx_doc *doc = bx_doc_new(&err);
    assert_non_null(doc);
    for (int i = 0; i < before; i++)
        assert_true(bx_doc_add_block(doc, BX_BLOCK_PARAGRAPH, 0, "", "一行", &err));
    const char *cells[2 * 40] = {"项目名称", "绩效目标"};
    assert_true(nbodies < 40);
    for (int i = 0; i < nbodies; i++) {
        cells[2 * (i + 1)] = "项目";
        cells[2 * (i + 1) + 1] = bodies[i];
    }
    int widths[] = {1, 3};
    bx_grid g = {2, nbodies + 1, cells, widths, "lr"};
    assert_true(bx_doc_add_grid(doc, &g, &err));
    assert_true(bx_doc_add_block(doc, BX_BLOCK_PARAGRAPH, 0, "", "表后", &err));
    return doc;
}

typedef struct laid {
    bx_arena *arena;
    bx_text_layout l;
    bx_text_style st;
} laid;

static void lay(laid *t, const bx_doc *doc)
{
    bx_error err;
    bx_text_style_default(&t->st);
    t->arena = bx_arena_new();
    assert_non_null(t->arena);
    if (!bx_text_lay_out(doc, &fake_metrics, &t->st, t->arena, &t->l, &err))
        fail_msg("%s", err.message);
}

static void unlay(laid *t)
{
    bx_text_layout_free(&t->l);
    bx_arena_free(t->arena);
}

/* How many runs of page p say `text`. */
static int runs_saying(const laid *t, int p, const char *text)
{
    int n = 0;
    for (int i = 0; i < t->l.pages[p].nruns; i++) {
        const bx_text_run *r = &t->l.runs[t->l.pages[p].first_run + i];
        n += r->len == strlen(text) && memcmp(r->s, text, r->len) == 0;
    }
    return n;
}

static const bx_text_run *run_saying(const laid *t, const char *text)
{
    for (int i = 0; i < t->l.nruns; i++)
        if (t->l.runs[i].len == strlen(text) && memcmp(t->l.runs[i].s, text, t->l.runs[i].len) == 0)
            return &t->l.runs[i];
    return NULL;
}

static void a_small_table_is_ruled_and_the_text_goes_on(void **state)
{
    (void)state;
    static const char *const bodies[] = {"甲", "乙"};
    bx_doc *doc = document(1, bodies, 2);
    laid t;
    lay(&t, doc);
    assert_int_equal(t.l.npages, 1);
    /* four rows' rules across (the top, under each row) and three columns' */
    assert_int_equal(t.l.pages[0].nrules, 4 + 3);
    const bx_text_rule *top = &t.l.rules[0];
    assert_true(top->x1 == t.st.margin_l);
    assert_true(top->x2 > t.st.margin_l + t.st.width - 0.01 &&
                top->x2 < t.st.margin_l + t.st.width + 0.01);
    /* the table begins on the second line's top */
    double line_top = t.st.page_h - t.st.margin_t - t.st.pitch;
    assert_true(top->y1 > line_top - 0.01 && top->y1 < line_top + 0.01);
    /* the headings bold, the body right-aligned in column 2 */
    const bx_text_run *heading = run_saying(&t, "绩效目标"), *body = run_saying(&t, "甲");
    assert_non_null(heading);
    assert_int_equal(heading->face, BX_TYPEFACE_BOLD);
    assert_int_equal(body->face, BX_TYPEFACE_REGULAR);
    double right = t.st.margin_l + t.st.width - t.st.grid_pad;
    assert_true(body->x + t.st.grid_size > right - 0.01 && body->x + t.st.grid_size < right + 0.01);
    /* three rows of one line: 3 × (18 + 6) = 72 pt, so the text goes on at
     * the first whole line below: line 1 + ceil(72 / pitch) */
    const bx_text_run *after = run_saying(&t, "\u3000\u3000表后"); /* indented */
    assert_non_null(after);
    int lines = 1 + (int)(72.0 / t.st.pitch + 1 - 1e-9);
    double expected =
        t.st.page_h - t.st.margin_t - lines * t.st.pitch - t.st.pitch / 2 - 0.36 * t.st.body_size;
    assert_true(after->y > expected - 0.01 && after->y < expected + 0.01);
    unlay(&t);
    bx_doc_free(doc);
}

static void a_row_that_does_not_fit_moves_with_the_heading_row(void **state)
{
    (void)state;
    /* 20 lines of text before: 2 lines left, room for the heading and one
     * short row; the second row of 3 lines goes to the next page */
    static const char *const bodies[] = {"甲", "第一行\n第二行\n第三行"};
    bx_doc *doc = document(20, bodies, 2);
    laid t;
    lay(&t, doc);
    assert_int_equal(t.l.npages, 2);
    assert_int_equal(runs_saying(&t, 0, "绩效目标"), 1);
    assert_int_equal(runs_saying(&t, 0, "甲"), 1);
    assert_int_equal(runs_saying(&t, 1, "绩效目标"), 1); /* the heading row again */
    assert_int_equal(runs_saying(&t, 1, "第一行"), 1);
    assert_int_equal(runs_saying(&t, 1, "第三行"), 1);
    /* each page's part closed by its columns' rules */
    assert_int_equal(t.l.pages[0].nrules, 3 + 3);
    assert_int_equal(t.l.pages[1].nrules, 3 + 3);
    unlay(&t);
    bx_doc_free(doc);
}

static void a_row_longer_than_a_page_is_split(void **state)
{
    (void)state;
    char text[4096] = "";
    for (int i = 0; i < 50; i++) /* 50 lines of 18 pt: more than a page (638 pt) */
        strcat(text, i ? "\n行" : "行");
    const char *bodies[] = {text};
    bx_doc *doc = document(0, bodies, 1);
    laid t;
    lay(&t, doc);
    assert_int_equal(t.l.npages, 2);
    int first = runs_saying(&t, 0, "行"), second = runs_saying(&t, 1, "行");
    assert_int_equal(first + second, 50);
    assert_true(first > 30);
    assert_int_equal(runs_saying(&t, 1, "绩效目标"), 1);
    unlay(&t);
    bx_doc_free(doc);
}

/* A set's page setup (上海): landscape, each part on a page of its own, a
 * 目录 with dots to the right edge and the tables listed, the tables'
 * heading only in the 目录, and text after the tables. */
static void a_set_turns_the_page_and_lists_the_tables(void **state)
{
    (void)state;
    bx_error err;
    bx_doc *doc = bx_doc_new(&err);
    assert_non_null(doc);
    doc->text_setup = (bx_text_setup){
        .landscape = true, .part_pages = true, .no_page_numbers = true, .leading = 14.5};
    doc->text_setup.size[BX_ROLE_BODY] = 12;
    doc->text_setup.face[BX_ROLE_PART] = BX_FACE_REGULAR;
    assert_true(bx_doc_add_block(doc, BX_BLOCK_TITLE, 0, "", "标题", &err));
    assert_true(bx_doc_add_block(doc, BX_BLOCK_SUBTITLE, 0, "", "预算主管部门：某单位", &err));
    assert_true(bx_doc_add_block(doc, BX_BLOCK_CONTENTS, 1, "", "目录", &err));
    doc->blocks[doc->nblocks - 1].leaders = true;
    assert_true(bx_doc_add_block(doc, BX_BLOCK_HEADING, 1, "", "某单位主要职能", &err));
    doc->blocks[doc->nblocks - 1].entry = "一、部门主要职能";
    assert_true(bx_doc_add_block(doc, BX_BLOCK_PARAGRAPH, 0, "", "职能", &err));
    assert_true(bx_doc_add_block(doc, BX_BLOCK_HEADING, 1, "", "名词解释", &err));
    assert_true(bx_doc_add_block(doc, BX_BLOCK_TABLES, 0, "", "部门预算表", &err));
    static const char *entries[] = {"1. 收支总表"};
    bx_block *tables = &doc->blocks[doc->nblocks - 1];
    tables->no_divider = true;
    tables->entries = entries;
    tables->nentries = 1;
    assert_true(bx_doc_add_block(doc, BX_BLOCK_HEADING, 1, "", "其他相关情况说明", &err));
    laid t;
    bx_text_style_default(&t.st);
    bx_text_style_apply(&t.st, &doc->text_setup);
    assert_true(t.st.page_w > t.st.page_h);
    assert_int_equal((int)t.st.lines, (int)((595.28 - 40 * 72 / 25.4) / 14.5));
    t.arena = bx_arena_new();
    assert_true(bx_text_lay_out(doc, &fake_metrics, &t.st, t.arena, &t.l, &err));
    /* cover, 目录, 职能, 名词解释 before the tables; 其他 after them */
    assert_int_equal(t.l.npages, 5);
    assert_int_equal(t.l.tables_page, 4);
    assert_string_equal(t.l.tables_title, "部门预算表");
    assert_int_equal(t.l.tables_mark, -1);
    assert_int_equal(runs_saying(&t, 0, "预算主管部门：某单位"), 1);
    assert_int_equal(runs_saying(&t, 1, "一、部门主要职能"), 1);
    assert_int_equal(runs_saying(&t, 1, "\u3000\u30001. 收支总表"), 1);
    assert_int_equal(runs_saying(&t, 1, "部门预算表"), 1);
    assert_int_equal(runs_saying(&t, 2, "某单位主要职能"), 1);
    assert_int_equal(runs_saying(&t, 3, "名词解释"), 1);
    assert_int_equal(runs_saying(&t, 4, "其他相关情况说明"), 1);
    /* the dots end at the text block's right edge */
    const bx_text_run *entry = run_saying(&t, "一、部门主要职能");
    int dots = 0;
    for (int i = 0; i < t.l.pages[1].nruns; i++) {
        const bx_text_run *r = &t.l.runs[t.l.pages[1].first_run + i];
        if (r->len >= 3 && memcmp(r->s, "\u2026", 3) == 0 && r->y == entry->y) {
            dots++;
            double right = r->x + fake_metrics.width(NULL, r->face, r->s, r->len) * r->size / 1000;
            assert_true(right <= t.st.margin_l + t.st.width + 1e-6);
            assert_true(right > t.st.margin_l + t.st.width - r->size);
        }
    }
    assert_int_equal(dots, 1);
    for (int p = 0; p < t.l.npages; p++)
        assert_false(t.l.pages[p].numbered);
    unlay(&t);
    bx_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_small_table_is_ruled_and_the_text_goes_on),
        cmocka_unit_test(a_row_that_does_not_fit_moves_with_the_heading_row),
        cmocka_unit_test(a_row_longer_than_a_page_is_split),
        cmocka_unit_test(a_set_turns_the_page_and_lists_the_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
