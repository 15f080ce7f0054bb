#include "model.h"

#include "dataview.h"

#include "amount.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(bx_cell) == 24, "a cell stays small: tables hold millions");

bx_doc *bx_doc_new(bx_error *err)
{
    bx_doc *m = bx_calloc(1, sizeof *m, err);
    if (!m)
        return NULL;
    m->arena = bx_arena_new();
    if (!m->arena) {
        free(m);
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        return NULL;
    }
    return m;
}

void bx_doc_free(bx_doc *m)
{
    if (!m)
        return;
    for (int i = 0; i < m->nsheets; i++)
        free(m->sheets[i].cells);
    free(m->sheets);
    free(m->blocks);
    bx_arena_free(m->arena);
    free(m);
}

void bx_dataview_free(bx_dataview *v)
{
    for (int i = 0; i < v->ntables; i++)
        free(v->tables[i].rows);
    free(v->tables);
    free(v->inputs);
    memset(v, 0, sizeof *v);
}

bool bx_doc_add_block(bx_doc *m, bx_block_kind kind, int level, const char *number,
                      const char *text, bx_error *err)
{
    if (!bx_grow((void **)&m->blocks, &m->cap_blocks, (size_t)m->nblocks + 1, sizeof *m->blocks,
                 err))
        return false;
    bx_block *b = &m->blocks[m->nblocks];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->level = level;
    b->number = bx_arena_strdup(m->arena, number ? number : "", err);
    b->text = bx_arena_strdup(m->arena, text ? text : "", err);
    if (!b->number || !b->text)
        return false;
    m->nblocks++;
    return true;
}

bool bx_doc_add_grid(bx_doc *m, const bx_grid *g, bx_error *err)
{
    if (g->ncols < 1 || g->ncols > BX_GRID_MAX_COLUMNS || g->nrows < 1)
        return bx_fail(err, NULL, BX_ERR_LIMIT, "文字中的表格应有 1 到 %d 列",
                       BX_GRID_MAX_COLUMNS) == BX_OK;
    size_t cells = (size_t)g->ncols * (size_t)g->nrows;
    bx_grid *copy = bx_arena_alloc(m->arena, sizeof *copy, err);
    const char **texts = bx_arena_alloc(m->arena, (cells ? cells : 1) * sizeof *texts, err);
    int *widths = bx_arena_alloc(m->arena, (size_t)g->ncols * sizeof *widths + 1, err);
    char *aligns = bx_arena_alloc(m->arena, (size_t)g->ncols + 1, err);
    if (!copy || !texts || !widths || !aligns)
        return false;
    for (size_t i = 0; i < cells; i++)
        if (!(texts[i] = bx_arena_strdup(m->arena, g->cells[i], err)))
            return false;
    memcpy(widths, g->widths, (size_t)g->ncols * sizeof *widths);
    memcpy(aligns, g->aligns, (size_t)g->ncols);
    aligns[g->ncols] = '\0';
    *copy = (bx_grid){g->ncols, g->nrows, texts, widths, aligns};
    if (!bx_doc_add_block(m, BX_BLOCK_GRID, 0, "", "", err))
        return false;
    m->blocks[m->nblocks - 1].grid = copy;
    return true;
}

bx_sheet *bx_doc_add_sheet(bx_doc *m, int ncols, bx_error *err)
{
    if (ncols < 1 || ncols > BX_MAX_COLUMNS) {
        bx_fail(err, NULL, BX_ERR_LIMIT, "表格列数 %d 超出范围", ncols);
        return NULL;
    }
    bx_sheet *grown = realloc(m->sheets, (size_t)(m->nsheets + 1) * sizeof *grown);
    if (!grown) {
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        return NULL;
    }
    m->sheets = grown;
    bx_sheet *s = &m->sheets[m->nsheets];
    memset(s, 0, sizeof *s);
    s->ncols = ncols;
    s->col_widths = bx_arena_alloc(m->arena, (size_t)ncols * sizeof(int), err);
    if (!s->col_widths)
        return NULL;
    m->nsheets++;
    return s;
}

bool bx_sheet_fit_rows(const bx_sheet *s, double base, bx_cell_height need, void *ctx,
                       double *heights)
{
    for (int r = 0; r < s->nrows; r++)
        heights[r] = base;
    for (int pass = 0; pass < 2; pass++) {
        for (int r = 0; r < s->nrows; r++) {
            for (int c = 0; c < s->ncols; c++) {
                const bx_cell *cell = bx_sheet_cell(s, r, c);
                if (cell->covered || (cell->rowspan > 1) != (pass == 1))
                    continue;
                double want = need(ctx, r, c, cell), have = 0;
                if (want < 0)
                    return false;
                for (int k = r; k < r + cell->rowspan; k++)
                    have += heights[k];
                if (want > have)
                    heights[r + cell->rowspan - 1] += want - have;
            }
        }
    }
    return true;
}

static bool grow_rows(bx_sheet *s, int cap, bx_error *err)
{
    bx_cell *p = realloc(s->cells, (size_t)cap * (size_t)s->ncols * sizeof *p);
    if (!p) {
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        return false;
    }
    s->cells = p;
    s->cap_rows = cap;
    return true;
}

bool bx_sheet_reserve_rows(bx_sheet *s, int n, bx_error *err)
{
    if (n <= 0 || s->nrows + n <= s->cap_rows || s->nrows + n > BX_MAX_ROWS + 1000)
        return true; /* bx_sheet_add_row reports the limit */
    return grow_rows(s, s->nrows + n, err);
}

int bx_sheet_add_row(bx_sheet *s, bx_error *err)
{
    if (s->nrows >= BX_MAX_ROWS + 1000) {
        bx_fail(err, NULL, BX_ERR_LIMIT, "表格超过 %d 行的上限", BX_MAX_ROWS);
        return -1;
    }
    if (s->nrows == s->cap_rows && !grow_rows(s, s->cap_rows ? s->cap_rows * 2 : 32, err))
        return -1;
    int row = s->nrows++;
    for (int c = 0; c < s->ncols; c++) {
        bx_cell *cell = bx_sheet_cell(s, row, c);
        memset(cell, 0, sizeof *cell);
        cell->rowspan = cell->colspan = 1;
        cell->style = BX_STYLE_TEXT;
    }
    return row;
}

/* A position is free if nothing was put there: an empty, uncovered cell
 * with unit spans. */
static bool is_free(const bx_cell *c)
{
    return c->kind == BX_CELL_EMPTY && !c->covered && c->rowspan == 1 && c->colspan == 1;
}

bool bx_sheet_put(bx_sheet *s, int row, int col, const bx_cell *cell, bx_error *err)
{
    int rs = cell->rowspan < 1 ? 1 : cell->rowspan;
    int cs = cell->colspan < 1 ? 1 : cell->colspan;
    if (row < 0 || col < 0 || row + rs > s->nrows || col + cs > s->ncols) {
        bx_fail(err, NULL, BX_ERR_LAYOUT, "单元格 (%d,%d) 跨 %d×%d 超出表格 %d×%d", row + 1,
                col + 1, rs, cs, s->nrows, s->ncols);
        return false;
    }
    for (int r = row; r < row + rs; r++) {
        for (int c = col; c < col + cs; c++) {
            if (!is_free(bx_sheet_cell(s, r, c))) {
                bx_fail(err, NULL, BX_ERR_LAYOUT, "单元格 (%d,%d) 与已有的合并区域重叠", r + 1,
                        c + 1);
                return false;
            }
        }
    }
    bx_cell *anchor = bx_sheet_cell(s, row, col);
    *anchor = *cell;
    anchor->rowspan = rs;
    anchor->colspan = cs;
    anchor->covered = false;
    for (int r = row; r < row + rs; r++) {
        for (int c = col; c < col + cs; c++) {
            if (r == row && c == col)
                continue;
            bx_cell *cov = bx_sheet_cell(s, r, c);
            cov->covered = true;
            cov->style = cell->style;
        }
    }
    return true;
}

bool bx_sheet_extend_down(bx_sheet *s, int row, int col, int rowspan, bx_error *err)
{
    bx_cell *anchor = bx_sheet_cell(s, row, col);
    if (row + rowspan > s->nrows) {
        bx_fail(err, NULL, BX_ERR_LAYOUT, "纵向合并超出表格");
        return false;
    }
    /* Each row below must hold a one-row anchor of the same width, which
     * (with the positions it covers) becomes part of this anchor. */
    for (int r = row + anchor->rowspan; r < row + rowspan; r++) {
        bx_cell *below = bx_sheet_cell(s, r, col);
        if (below->covered || below->rowspan != 1 || below->colspan != anchor->colspan) {
            bx_fail(err, NULL, BX_ERR_LAYOUT, "纵向合并与已有的合并区域重叠");
            return false;
        }
        below->kind = BX_CELL_EMPTY;
        below->text = NULL;
        below->covered = true;
        below->style = anchor->style;
    }
    anchor->rowspan = rowspan;
    return true;
}

/* ---- invariants -------------------------------------------------------- */

bool bx_doc_check(const bx_doc *m, bx_error *err)
{
    for (int i = 0; i < m->nsheets; i++) {
        const bx_sheet *s = &m->sheets[i];
        bx_loc loc = {s->name, 0, 0};
        if (s->header_rows < 0 || s->header_rows > s->nrows) {
            bx_fail(err, &loc, BX_ERR_LAYOUT, "表头行数 %d 不在 0..%d 内", s->header_rows,
                    s->nrows);
            return false;
        }
        size_t n = (size_t)s->nrows * (size_t)s->ncols;
        unsigned char *seen = calloc(n ? n : 1, 1);
        if (!seen) {
            bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
            return false;
        }
        bool ok = true;
        for (int r = 0; r < s->nrows && ok; r++) {
            for (int c = 0; c < s->ncols && ok; c++) {
                const bx_cell *cell = bx_sheet_cell(s, r, c);
                if (cell->covered)
                    continue;
                if (cell->rowspan < 1 || cell->colspan < 1 || r + cell->rowspan > s->nrows ||
                    c + cell->colspan > s->ncols) {
                    bx_fail(err, &loc, BX_ERR_LAYOUT, "第 %d 行第 %d 列的合并超出表格", r + 1,
                            c + 1);
                    ok = false;
                    break;
                }
                if (r < s->header_rows && r + cell->rowspan > s->header_rows) {
                    bx_fail(err, &loc, BX_ERR_LAYOUT, "表头单元格跨入表体（第 %d 行第 %d 列）",
                            r + 1, c + 1);
                    ok = false;
                    break;
                }
                if (cell->kind == BX_CELL_AMOUNT &&
                    (cell->decimals > BX_MAX_DECIMALS || cell->amount == INT64_MIN)) {
                    bx_fail(err, &loc, BX_ERR_LAYOUT, "第 %d 行第 %d 列的金额超出范围", r + 1,
                            c + 1);
                    ok = false;
                    break;
                }
                if (cell->kind == BX_CELL_TEXT && !cell->text) {
                    bx_fail(err, &loc, BX_ERR_LAYOUT, "第 %d 行第 %d 列的文字为空指针", r + 1,
                            c + 1);
                    ok = false;
                    break;
                }
                for (int rr = r; rr < r + cell->rowspan && ok; rr++) {
                    for (int cc = c; cc < c + cell->colspan; cc++) {
                        size_t at = (size_t)rr * (size_t)s->ncols + (size_t)cc;
                        if (seen[at]++ ||
                            ((rr != r || cc != c) && !bx_sheet_cell(s, rr, cc)->covered)) {
                            bx_fail(err, &loc, BX_ERR_LAYOUT, "第 %d 行第 %d 列被覆盖了不止一次",
                                    rr + 1, cc + 1);
                            ok = false;
                            break;
                        }
                    }
                }
            }
        }
        for (size_t k = 0; ok && k < n; k++) {
            if (seen[k] != 1) {
                bx_fail(err, &loc, BX_ERR_LAYOUT, "第 %zu 行第 %zu 列没有被任何单元格覆盖",
                        k / (size_t)s->ncols + 1, k % (size_t)s->ncols + 1);
                ok = false;
            }
        }
        free(seen);
        if (!ok)
            return false;
    }
    return true;
}

/* ---- iteration --------------------------------------------------------- */

void bx_iter_init(bx_iter *it, const bx_doc *m)
{
    memset(it, 0, sizeof *it);
    it->doc = m;
    it->next = m->nsheets > 0 ? BX_EV_SHEET_BEGIN : BX_EV_DONE;
}

bool bx_iter_next(bx_iter *it, bx_event *ev)
{
    const bx_doc *m = it->doc;
    memset(ev, 0, sizeof *ev);
    for (;;) {
        const bx_sheet *s = it->sheet < m->nsheets ? &m->sheets[it->sheet] : NULL;
        ev->sheet = s;
        ev->sheet_index = it->sheet;
        ev->type = it->next;
        switch (it->next) {
        case BX_EV_SHEET_BEGIN:
            it->row = 0;
            it->next = s->nrows > 0 ? BX_EV_ROW_BEGIN : BX_EV_SHEET_END;
            return true;
        case BX_EV_ROW_BEGIN:
            ev->row = it->row;
            it->col = 0;
            it->next = BX_EV_CELL;
            return true;
        case BX_EV_CELL:
            while (it->col < s->ncols && bx_sheet_cell(s, it->row, it->col)->covered)
                it->col++;
            if (it->col >= s->ncols) {
                it->next = BX_EV_ROW_END;
                continue;
            }
            ev->row = it->row;
            ev->col = it->col;
            ev->cell = bx_sheet_cell(s, it->row, it->col);
            it->col++;
            return true;
        case BX_EV_ROW_END:
            ev->row = it->row;
            it->row++;
            it->next = it->row < s->nrows ? BX_EV_ROW_BEGIN : BX_EV_SHEET_END;
            return true;
        case BX_EV_SHEET_END:
            it->sheet++;
            it->next = it->sheet < m->nsheets ? BX_EV_SHEET_BEGIN : BX_EV_DONE;
            return true;
        case BX_EV_DONE:
            if (it->finished)
                return false;
            it->finished = true;
            ev->sheet = NULL;
            return true;
        }
    }
}
