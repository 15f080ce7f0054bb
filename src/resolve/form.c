/* Forms: fixed cells, repeating sections (one row per CSV row, equal
 * neighbours merged), groups with a label spanning their rows, and forms
 * repeated per row of an index CSV. */
#include "resolver.h"

#include <stdlib.h>
#include <string.h>

/* ---- forms ------------------------------------------------------------- */

static int resolve_bands(resolver *rv, const bx_band *bands, size_t n, int col0);

static bool put_fixed_cell(resolver *rv, const bx_fcell *fc, int row, int col)
{
    bx_cell cell;
    if (fc->text) {
        memset(&cell, 0, sizeof cell);
        const char *text = bx_rv_expand(rv, fc->text, &fc->loc);
        if (!text)
            return false;
        cell.style = bx_coltype_style(fc->type);
        if (*text) {
            cell.kind = BX_CELL_TEXT;
            cell.text = text;
        }
    } else {
        bx_loc loc;
        const char *value = bx_rv_instance_field(rv, fc->value, &loc);
        const bx_dfield *f = value ? NULL : bx_dataset_field(rv->ds, fc->value);
        if (!value && !f) {
            bx_fail(rv->err, &fc->loc, BX_ERR_DATA, "表 %d 需要数据“%s”：请在 %s 的 fields 中填写",
                    rv->t->number, fc->value, rv->ds->yaml_name);
            return false;
        }
        if (f) {
            value = f->value;
            loc = f->loc;
        }
        if (!bx_rv_make_cell(rv, fc->type, fc->decimals, fc->value, value, &loc, &cell))
            return false;
        bool bound = f ? bx_rv_bind_cell(rv, row, col, NULL, 0, (int)(f - rv->ds->meta.fields))
                       : bx_rv_bind_cell(rv, row, col, rv->inst, rv->inst_row,
                                         bx_csv_column(rv->inst, fc->value));
        if (!bound)
            return false;
    }
    if (fc->label)
        cell.style = BX_STYLE_LABEL;
    cell.align = (int8_t)fc->align;
    cell.rowspan = 1;
    cell.colspan = fc->span;
    return bx_sheet_put(rv->sheet, row, col, &cell, rv->err);
}

static bool merge_equal_runs(resolver *rv, const bx_band *b, int first_row, int nrows, int col0)
{
    /* run_start[r]: first row of the run row r belongs to in the previous
     * merged column; runs of later columns stay inside those runs. */
    int *prev = bx_arena_alloc(rv->arena, (size_t)(nrows ? nrows : 1) * sizeof(int), rv->err);
    int *cur = bx_arena_alloc(rv->arena, (size_t)(nrows ? nrows : 1) * sizeof(int), rv->err);
    if (!prev || !cur)
        return false;
    for (int r = 0; r < nrows; r++)
        prev[r] = 0;
    int col = col0;
    for (size_t i = 0; i < b->ncells; col += b->cells[i].span, i++) {
        if (!b->cells[i].merge_equal)
            continue;
        for (int r = 0; r < nrows; r++) {
            const bx_cell *here = bx_sheet_cell(rv->sheet, first_row + r, col);
            const bx_cell *above = r ? bx_sheet_cell(rv->sheet, first_row + cur[r - 1], col) : NULL;
            bool joins = above && prev[r] == prev[r - 1] && here->kind == BX_CELL_TEXT &&
                         above->kind == BX_CELL_TEXT && strcmp(here->text, above->text) == 0;
            cur[r] = joins ? cur[r - 1] : r;
        }
        for (int r = 0; r < nrows;) {
            int end = r + 1;
            while (end < nrows && cur[end] == r)
                end++;
            if (end - r > 1 &&
                !bx_sheet_extend_down(rv->sheet, first_row + r, col, end - r, rv->err))
                return false;
            r = end;
        }
        memcpy(prev, cur, (size_t)nrows * sizeof(int));
    }
    return true;
}

/* Whether CSV row r of a repeat band belongs to the current instance: its
 * key column holds the instance's key. Always true without instances. */
static bool row_of_instance(resolver *rv, const bx_csv *csv, size_t r, int key_col, bool *ok)
{
    if (!rv->inst)
        return true;
    const char *key = bx_csv_cell(csv, r, (size_t)key_col);
    if (strcmp(key, bx_csv_cell(rv->inst, rv->inst_row, (size_t)rv->inst_key)) == 0)
        return true;
    for (size_t i = 0; i < rv->inst->nrows; i++)
        if (strcmp(key, bx_csv_cell(rv->inst, i, (size_t)rv->inst_key)) == 0)
            return false;
    bx_loc loc = bx_csv_loc(csv, r, (size_t)key_col);
    bx_fail_cell(rv->err, &loc, BX_ERR_DATA, "%s“%s”在 %s 中没有对应的行", rv->t->each_key, key,
                 rv->inst->name);
    *ok = false;
    return false;
}

static bool put_blank_repeat_row(resolver *rv, const void *band, int row)
{
    const bx_band *b = band;
    int col = rv->repeat_col0;
    for (size_t i = 0; i < b->ncells; col += b->cells[i].span, i++) {
        const bx_fcell *fc = &b->cells[i];
        bx_cell cell = bx_rv_blank_cell(fc->type, fc->align, fc->span);
        bool ok = fc->field ? bx_sheet_put(rv->sheet, row, col, &cell, rv->err)
                            : put_fixed_cell(rv, fc, row, col);
        if (!ok)
            return false;
    }
    return true;
}

static int resolve_repeat(resolver *rv, const bx_band *b, int col0)
{
    const bx_csv *csv = bx_rv_load_csv(rv, b->data, true);
    if (!csv)
        return -1;
    /* the cells' fields, and the instance key when the form repeats */
    size_t n = b->ncells + 1;
    const char **fields = bx_arena_alloc(rv->arena, n * sizeof *fields, rv->err);
    bool *optional = bx_arena_alloc(rv->arena, n, rv->err);
    int *cols = bx_arena_alloc(rv->arena, n * sizeof *cols, rv->err);
    bool ok = fields && optional && cols;
    for (size_t i = 0; ok && i < b->ncells; i++)
        fields[i] = b->cells[i].field;
    if (ok)
        fields[b->ncells] = rv->inst ? rv->t->each_key : NULL;
    int slot = -1;
    ok = ok && bx_rv_bind_columns(rv, csv, fields, optional, n, cols) &&
         bx_rv_open_block(rv, csv, b, col0, &slot);
    int first_row = rv->sheet->nrows, nrows = 0;
    /* the rows' band, named in the view (which outlives the set) */
    const char *band = ok ? bx_arena_strdup(rv->arena, b->data, rv->err) : NULL;
    ok = band != NULL;
    for (size_t r = 0; ok && r < csv->nrows; r++) {
        if (!row_of_instance(rv, csv, r, cols[b->ncells], &ok))
            continue;
        int row = bx_sheet_add_row(rv->sheet, rv->err);
        bx_loc row_loc = bx_csv_loc(csv, r, 0);
        bx_vrow *vr = row >= 0 ? bx_rv_vt_row(rv, &row_loc) : NULL;
        ok = vr != NULL;
        if (ok)
            vr->band = band;
        nrows++;
        int col = col0;
        for (size_t i = 0; ok && i < b->ncells; col += b->cells[i].span, i++) {
            const bx_fcell *fc = &b->cells[i];
            if (!fc->field) {
                ok = put_fixed_cell(rv, fc, row, col);
                continue;
            }
            bx_loc loc = bx_csv_loc(csv, r, (size_t)cols[i]);
            bx_cell cell;
            ok = bx_rv_make_cell(rv, fc->type, fc->decimals, fc->field,
                                 bx_csv_cell(csv, r, (size_t)cols[i]), &loc, &cell);
            if (!ok)
                break;
            bx_rv_name_row(rv, vr, fc->field, fc->type, &cell);
            if (fc->label)
                cell.style = BX_STYLE_LABEL;
            cell.align = (int8_t)fc->align;
            cell.colspan = fc->span;
            ok = bx_sheet_put(rv->sheet, row, col, &cell, rv->err) &&
                 bx_rv_bind_cell(rv, row, col, csv, r, cols[i]);
        }
    }
    rv->vrow = NULL;
    if (ok)
        ok = merge_equal_runs(rv, b, first_row, nrows, col0);
    rv->repeat_col0 = col0;
    if (!ok || !bx_rv_end_block(rv, slot, put_blank_repeat_row, b))
        return -1;
    return nrows + (slot >= 0 ? rv->trace->slots[slot].blank : 0);
}

static int resolve_band(resolver *rv, const bx_band *b, int col0)
{
    int start = rv->sheet->nrows;
    switch (b->kind) {
    case BX_BAND_CELLS: {
        int row = bx_sheet_add_row(rv->sheet, rv->err);
        if (row < 0)
            return -1;
        rv->vrow = rv->fixed_row >= 0 ? &rv->vt->rows[rv->fixed_row] : NULL;
        int col = col0;
        for (size_t i = 0; i < b->ncells; col += b->cells[i].span, i++)
            if (!put_fixed_cell(rv, &b->cells[i], row, col))
                return -1;
        return 1;
    }
    case BX_BAND_HEADER:
        return bx_rv_put_header(rv, &b->header, col0) ? rv->sheet->nrows - start : -1;
    case BX_BAND_REPEAT: return resolve_repeat(rv, b, col0);
    case BX_BAND_GROUP: {
        int n = resolve_bands(rv, b->bands, b->nbands, col0 + 1);
        if (n < 0)
            return -1;
        if (n == 0) { /* keep the label visible even without rows */
            if (bx_sheet_add_row(rv->sheet, rv->err) < 0)
                return -1;
            n = 1;
        }
        bx_cell label = {.kind = BX_CELL_TEXT, .style = BX_STYLE_LABEL, .rowspan = n, .colspan = 1};
        label.text = bx_rv_expand(rv, b->label, &b->loc);
        if (!label.text || !bx_sheet_put(rv->sheet, start, col0, &label, rv->err))
            return -1;
        return n;
    }
    }
    return -1;
}

static int resolve_bands(resolver *rv, const bx_band *bands, size_t n, int col0)
{
    int total = 0;
    for (size_t i = 0; i < n; i++) {
        int k = resolve_band(rv, &bands[i], col0);
        if (k < 0)
            return -1;
        total += k;
    }
    return total;
}

bool bx_rv_resolve_form(resolver *rv)
{
    for (size_t i = 0; i < rv->t->ngrid; i++)
        rv->sheet->col_widths[i] = rv->t->grid_widths[i];
    rv->sheet->header_rows = 0;
    /* the form's single values (dataset fields, or its row of the `each`
     * file) go in one data row named "@fields" */
    bx_loc loc = {rv->inst ? rv->inst->name : rv->ds->yaml_name, 0, 0};
    bx_vrow *fixed = bx_rv_vt_begin_table(rv) ? bx_rv_vt_row(rv, &loc) : NULL;
    if (!fixed)
        return false;
    fixed->label = fixed->band = "@fields";
    rv->fixed_row = (int)(fixed - rv->vt->rows);
    bool ok = resolve_bands(rv, rv->t->bands, rv->t->nbands, 0) >= 0;
    rv->vrow = NULL;
    rv->fixed_row = -1;
    return ok;
}
