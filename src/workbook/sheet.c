/* Reading a workbook back, one sheet: the workbook's cells (merges
 * indexed), where the model's data cells came from, values as the
 * workbook shows them, the rows that must not change, and the walk over a
 * sheet, fixed rows one for one, blocks of rows as many as there now are
 * (rows.c). */
#include "importer.h"

#include "decimal.h"
#include "display.h"
#include "geometry.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    MERGE_MAX_CELLS = 65536,  /* bigger merges are not data */
    MAX_COVERED = 8 * 1048576 /* merged positions indexed in one sheet */
};

/* ---- cells of the workbook --------------------------------------------- */

static int by_place(const void *a, const void *b)
{
    const cover *x = a, *y = b;
    return x->row != y->row ? (x->row > y->row) - (x->row < y->row)
                            : (x->col > y->col) - (x->col < y->col);
}

/* Every position inside a merge except its first, for reading a value
 * merged over rows (equal neighbours of an indicator grid). */
static size_t merge_area(const bx_xmerge *m)
{
    return (size_t)(m->last_row - m->first_row + 1) * (size_t)(m->last_col - m->first_col + 1);
}

bool bx_covers_index(const bx_xsheet *ws, const char *path, bx_covers *out, bx_error *err)
{
    bx_covers_free(out);
    size_t n = 0;
    for (size_t i = 0; i < ws->nmerges; i++)
        if (merge_area(&ws->merges[i]) <= MERGE_MAX_CELLS)
            n += merge_area(&ws->merges[i]);
    if (n > MAX_COVERED) {
        bx_loc loc = {path, 0, 0};
        return bx_fail(err, &loc, BX_ERR_LIMIT, "工作表“%s”的合并单元格过多", ws->name) == BX_OK;
    }
    out->v = bx_calloc(n ? n : 1, sizeof *out->v, err);
    if (!out->v)
        return false;
    for (size_t i = 0; i < ws->nmerges; i++) {
        const bx_xmerge *m = &ws->merges[i];
        if (merge_area(m) > MERGE_MAX_CELLS)
            continue;
        for (int r = m->first_row; r <= m->last_row; r++)
            for (int c = m->first_col; c <= m->last_col; c++)
                if (r != m->first_row || c != m->first_col)
                    out->v[out->n++] = (cover){r, c, m->first_row, m->first_col};
    }
    qsort(out->v, out->n, sizeof *out->v, by_place);
    return true;
}

const cover *bx_covers_find(const bx_covers *c, int row, int col)
{
    cover key = {row, col, 0, 0};
    return c->n ? bsearch(&key, c->v, c->n, sizeof key, by_place) : NULL;
}

void bx_covers_free(bx_covers *c)
{
    free(c->v);
    *c = (bx_covers){0};
}

bool bx_im_index_merges(importer *im)
{
    return bx_covers_index(im->ws, im->book->path, &im->covers, im->err);
}

const cover *bx_im_covered(const importer *im, int row, int col)
{
    return bx_covers_find(&im->covers, row, col);
}

const bx_xcell *bx_im_wcell(const importer *im, int row, int col)
{
    const cover *c = bx_im_covered(im, row, col);
    return c ? bx_xsheet_cell(im->ws, c->anchor_row, c->anchor_col)
             : bx_xsheet_cell(im->ws, row, col);
}

const char *bx_im_wtext(const importer *im, int row, int col)
{
    const bx_xcell *c = bx_im_wcell(im, row, col);
    return c ? c->text : "";
}

bool bx_im_wblank(const importer *im, int row, int col)
{
    if (bx_im_covered(im, row, col))
        return true;
    const bx_xcell *c = bx_xsheet_cell(im->ws, row, col);
    return !c || bx_text_blank(c->text);
}

/* ---- binds ------------------------------------------------------------- */

bool bx_im_index_binds(importer *im)
{
    const bx_sheet *s = im->s;
    const bx_trace *tr = im->tr;
    free(im->bind_start);
    free(im->order);
    im->bind_start = bx_calloc((size_t)s->nrows + 2, sizeof(int), im->err);
    im->order = bx_calloc(tr->nbinds + 1, sizeof(int), im->err);
    if (!im->bind_start || !im->order)
        return false;
    for (size_t i = 0; i < tr->nbinds; i++)
        im->bind_start[tr->binds[i].row + 1]++;
    for (int r = 0; r < s->nrows; r++)
        im->bind_start[r + 1] += im->bind_start[r];
    int *fill = bx_calloc((size_t)s->nrows + 1, sizeof(int), im->err);
    if (!fill)
        return false;
    for (size_t i = 0; i < tr->nbinds; i++) {
        int r = tr->binds[i].row;
        im->order[im->bind_start[r] + fill[r]++] = (int)i;
    }
    free(fill);
    return true;
}

const bx_bind *bx_im_bind_at(const importer *im, int row, int col)
{
    for (int k = im->bind_start[row]; k < im->bind_start[row + 1]; k++)
        if (im->tr->binds[im->order[k]].col == col)
            return &im->tr->binds[im->order[k]];
    return NULL;
}

const char *bx_im_source_text(const importer *im, const bx_bind *b)
{
    if (b->source == BX_BIND_FIELD)
        return im->m0->readback.meta.fields[b->column].value;
    const bx_csv *csv = im->m0->readback.sources[b->source].csv;
    return bx_csv_cell(csv, b->record, b->column);
}

/* ---- values ------------------------------------------------------------ */

/* A changed amount in the dataset's unit and decimals. */
static bool amount_text(importer *im, int row, int col, const char *plain, const char **out)
{
    bx_scale in = im->m0->readback.meta.input, shown = bx_im_shown(im);
    int decimals = in.decimals + bx_log10(shown.unit_yuan) - bx_log10(in.unit_yuan);
    int64_t v;
    switch (bx_decimal_scale(plain, decimals, &v)) {
    case BX_SCALED_OK: break;
    case BX_SCALED_DECIMALS:
        return bx_im_fail_at(im, row, col, "金额“%s”的小数位数过多（数据以%s计、%d 位小数）", plain,
                             bx_money_unit_name(in.unit_yuan), in.decimals);
    case BX_SCALED_OVERFLOW: return bx_im_fail_at(im, row, col, "金额“%s”超出范围", plain);
    }
    char buf[64];
    bx_amount_format(v, in.decimals, false, buf, sizeof buf);
    return (*out = bx_im_keep(im, buf)) != NULL;
}

bool bx_im_read_value(importer *im, int row, int col, const bx_cell *model, const char *old,
                      const char **out)
{
    const bx_xcell *xc = bx_im_wcell(im, row, col);
    if (xc && xc->formula && !xc->cached)
        return bx_im_fail_at(im, row, col,
                             "公式没有计算结果（请在 Excel 或 WPS 中重新计算后保存）");
    if (xc && xc->type == BX_X_ERROR)
        return bx_im_fail_at(im, row, col, "单元格的值是错误值“%s”", xc->text);
    size_t nwas, nnow;
    const char *was = bx_text_trim(old, &nwas), *text = bx_text_trim(xc ? xc->text : "", &nnow);
    *out = old;
    /* a zero the table shows blank (display zero: blank) left blank: the
     * dataset's 0.00 stands, as does any value of a cell shown empty */
    if (model->kind == BX_CELL_EMPTY && nnow == 0)
        return true;
    /* a figure is short; anything longer is not one (and is reported) */
    char now[400];
    snprintf(now, sizeof now, "%.*s", (int)(nnow < sizeof now ? nnow : sizeof now - 1), text);
    if (!bx_cell_is_figure(model) || bx_amount_means_nothing(now)) {
        if (nwas == nnow && memcmp(was, text, nnow) == 0)
            return true;
        return (*out = bx_arena_strndup(im->arena, text, nnow, im->err)) != NULL;
    }
    if (nnow >= sizeof now)
        return bx_im_fail_at(im, row, col, "金额格式无效（过长）");
    char plain[400];
    bool ok = xc->type == BX_X_NUMBER ? bx_decimal_from_number(now, plain, sizeof plain)
                                      : bx_decimal_from_text(now, plain, sizeof plain);
    if (!ok)
        return bx_im_fail_at(im, row, col, "金额格式无效“%s”", now);
    int64_t v;
    if (model->kind == BX_CELL_AMOUNT &&
        bx_decimal_scale(plain, model->decimals, &v) == BX_SCALED_OK && v == model->amount)
        return true; /* as shown: keep the dataset's precision */
    if (model->style == BX_STYLE_NUMBER) {
        /* as many decimals as shown: "0.00" for a 0 formatted so (a column
         * showing each value as it was given) */
        int shown = xc->type == BX_X_NUMBER ? bx_xbook_decimals(im->book, xc->style) : -1;
        const char *dot = strchr(plain, '.');
        int has = dot ? (int)strlen(dot + 1) : 0;
        size_t len = strlen(plain);
        if (shown > has && shown <= BX_MAX_DECIMALS &&
            len + (size_t)(shown - has) + 2 < sizeof plain) {
            if (!dot)
                plain[len++] = '.';
            for (; has < shown; has++)
                plain[len++] = '0';
            plain[len] = '\0';
        }
        return (*out = bx_im_keep(im, plain)) != NULL;
    }
    return amount_text(im, row, col, plain, out);
}

void bx_im_store(importer *im, const bx_bind *b, size_t record, const char *text, int wr, int wc)
{
    if (b->source == BX_BIND_FIELD) {
        im->fields[b->column] = text;
        im->field_at[b->column] = bx_im_where(im, wr, wc);
        return;
    }
    etable *t = &im->tables[b->source];
    t->cells[record * t->csv->ncols + b->column] = text;
    t->at[record * t->csv->ncols + b->column] = bx_im_where(im, wr, wc);
}

/* ---- fixed rows -------------------------------------------------------- */

bool bx_im_row_matches(const importer *im, int r, int wr)
{
    int literals = 0;
    for (int c = 0; c < im->s->ncols; c++) {
        const bx_cell *mc = bx_sheet_cell(im->s, r, c);
        if (mc->covered || mc->kind != BX_CELL_TEXT || bx_im_bind_at(im, r, c))
            continue;
        if (strcmp(bx_im_wtext(im, wr, c), mc->text) != 0)
            return false;
        literals++;
    }
    return literals > 0;
}

static const char *what_text(const bx_cell *c)
{
    return c->style == BX_STYLE_HEADER ? "表头" : "文字";
}

bool bx_im_fixed_row(importer *im, int r, int wr)
{
    for (int c = 0; c < im->s->ncols; c++) {
        const bx_cell *mc = bx_sheet_cell(im->s, r, c);
        if (mc->covered)
            continue;
        const bx_bind *b = bx_im_bind_at(im, r, c);
        if (b) {
            const char *text;
            if (!bx_im_read_value(im, wr, c, mc, bx_im_source_text(im, b), &text))
                return false;
            bx_im_store(im, b, b->record, text, wr, c);
        } else if (mc->kind == BX_CELL_TEXT && strcmp(bx_im_wtext(im, wr, c), mc->text) != 0) {
            return bx_im_fail_at(im, wr, c, "%s应为“%s”，工作簿中为“%s”", what_text(mc), mc->text,
                                 bx_im_wtext(im, wr, c));
        }
    }
    return true;
}

/* ---- one sheet --------------------------------------------------------- */

/* A table body without rows at model row r (tables only: a form's empty
 * section has no place to type into). */
static const bx_slot *empty_body_at(const importer *im, int r)
{
    for (int i = 0; i < im->tr->nslots; i++) {
        const bx_slot *slot = &im->tr->slots[i];
        if (slot->row == r && slot->nrows + slot->blank == 0 && !slot->band &&
            im->t->kind == BX_TABLE_GRID)
            return slot;
    }
    return NULL;
}

/* The block of rows starting at model row r, if the model records one. */
static const bx_slot *slot_at(const importer *im, int r)
{
    for (int i = 0; i < im->tr->nslots; i++)
        if (im->tr->slots[i].row == r && im->tr->slots[i].nrows + im->tr->slots[i].blank > 0)
            return &im->tr->slots[i];
    return NULL;
}

static bool title_block(importer *im)
{
    bx_title_cell cells[4];
    char both[2048];
    int n = bx_title_cells(im->s, cells, both, sizeof both);
    for (int i = 0; i < n; i++)
        if (strcmp(bx_im_wtext(im, cells[i].row, cells[i].col), cells[i].text) != 0)
            return bx_im_fail_at(im, cells[i].row, cells[i].col, "标题栏应为“%s”，工作簿中为“%s”",
                                 cells[i].text, bx_im_wtext(im, cells[i].row, cells[i].col));
    return true;
}

/* The notes under the table: as the layout writes them (the empty-table
 * note may come or go with the figures). */
static bool notes(importer *im, int wr)
{
    int k = 0;
    for (; wr < im->ws->nrows; wr++) {
        const char *text = bx_im_wtext(im, wr, 0);
        if (bx_text_blank(text) || (im->tr->empty_note && strcmp(text, im->tr->empty_note) == 0))
            continue;
        while (k < im->s->nnotes && im->s->notes[k] == im->tr->empty_note)
            k++;
        if (k >= im->s->nnotes)
            return bx_im_fail_at(im, wr, 0, "表格下方多出了“%s”（行只能加在表体中）", text);
        if (strcmp(text, im->s->notes[k]) != 0)
            return bx_im_fail_at(im, wr, 0, "注释应为“%s”，工作簿中为“%s”", im->s->notes[k], text);
        k++;
    }
    return true;
}

bool bx_im_read_sheet(importer *im, int i)
{
    const bx_sheet *s = &im->m0->doc->sheets[i];
    const bx_table_layout *t = &im->set->tables[im->m0->view.tables[i].layout];
    im->s = s;
    im->tr = &im->m0->readback.sheets[i];
    im->t = t;
    im->ws = bx_xbook_sheet(im->book, im->names[i]);
    if (!im->ws) {
        bx_loc loc = {im->book->path, 0, 0};
        return bx_fail(im->err, &loc, BX_ERR_DATA, "工作簿中缺少工作表“%s”（工作表不能改名或删除）",
                       im->names[i]) == BX_OK;
    }
    if (!bx_im_index_binds(im) || !bx_im_index_merges(im) || !title_block(im))
        return false;
    /* fixed rows one for one; a block of CSV rows as many as the workbook
     * now has */
    int wr = BX_TITLE_ROWS;
    for (int r = 0; r < s->nrows;) {
        const bx_slot *slot = slot_at(im, r);
        if (t->kind == BX_TABLE_LEDGER && r >= s->header_rows) {
            if (!bx_im_ledger_body(im, &wr))
                return false;
            r = s->nrows;
        } else if (slot) {
            int r1 = r + slot->nrows + slot->blank;
            if (!bx_im_grid_region(im, slot, r, r1, &wr))
                return false;
            r = r1;
        } else {
            if (!bx_im_fixed_row(im, r, wr))
                return false;
            r++, wr++;
        }
    }
    /* rows typed into a table body the dataset left empty (a body is last) */
    const bx_slot *empty = empty_body_at(im, s->nrows);
    if (empty && !bx_im_grid_region(im, empty, s->nrows, s->nrows, &wr))
        return false;
    return notes(im, wr);
}
