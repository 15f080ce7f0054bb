/* Grid tables (a header tree and one row per CSV row) and ledgers (two
 * lists side by side, 收入 | 支出, zipped segment by segment). */
#include "resolver.h"

#include "strbuf.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* ---- grid tables ------------------------------------------------------- */

static bool put_blank_header_row(resolver *rv, const bx_header *h, int first_col, int row)
{
    size_t n = bx_header_leaf_count(h);
    const bx_hnode **leaves = bx_arena_alloc(rv->arena, (n ? n : 1) * sizeof *leaves, rv->err);
    if (!leaves)
        return false;
    bx_header_leaves(h, leaves);
    for (size_t i = 0; i < n; i++) {
        bx_cell cell = bx_rv_blank_cell(leaves[i]->type, leaves[i]->align, 1);
        if (!bx_sheet_put(rv->sheet, row, first_col + (int)i, &cell, rv->err))
            return false;
    }
    return true;
}

static bool put_blank_grid_row(resolver *rv, const void *header, int row)
{
    return put_blank_header_row(rv, header, 0, row);
}
/* The column whose text labels a grid's total row: the label field's, or
 * the first text column. */
static int label_column(const bx_table_layout *t, const bx_hnode *const *leaves, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (t->label_field ? strcmp(leaves[i]->field, t->label_field) == 0
                           : leaves[i]->type == BX_COL_TEXT || leaves[i]->type == BX_COL_LONGTEXT)
            return (int)i;
    return -1;
}

/* Digits [from, from + n) of a code, "" past its end. */
static const char *code_part(resolver *rv, const char *code, int from, int n)
{
    size_t len;
    const char *c = bx_text_trim(code, &len);
    if ((size_t)from >= len)
        return "";
    size_t k = len - (size_t)from < (size_t)n ? len - (size_t)from : (size_t)n;
    return bx_arena_strndup(rv->arena, c + from, k, rv->err);
}

/* One cell of a grid's data row: leaf i of CSV row r, at (row, i). A part
 * of a split code shows its digits; the row is named by the whole code. */
static bool put_grid_cell(resolver *rv, const bx_hnode *leaf, const bx_csv *csv, size_t r, int c,
                          int row, int col, int level, bool merged_label)
{
    bx_loc loc = bx_csv_loc(csv, r, (size_t)c);
    const char *raw = bx_csv_cell(csv, r, (size_t)c);
    bx_cell cell;
    if (leaf->digits) {
        if (leaf->digits_from == 0 &&
            (!bx_rv_make_cell(rv, leaf->type, leaf->decimals, leaf->field, raw, &loc, &cell)))
            return false;
        if (leaf->digits_from == 0)
            bx_rv_name_row(rv, rv->vrow, leaf->field, leaf->type, &cell);
        raw = code_part(rv, raw, leaf->digits_from, leaf->digits);
        if (!raw)
            return false;
    }
    if (!bx_rv_make_cell(rv, leaf->type, leaf->decimals, leaf->field, raw, &loc, &cell))
        return false;
    if (!leaf->digits)
        bx_rv_name_row(rv, rv->vrow, leaf->field, leaf->type, &cell);
    cell.align = (int8_t)leaf->align;
    if (leaf->indent)
        cell.indent = (uint8_t)level;
    if (merged_label) { /* the total's label over the columns before it */
        cell.colspan = col + 1;
        cell.align = (int8_t)BX_ALIGN_CENTER;
        cell.style = BX_STYLE_LABEL;
        cell.indent = 0;
        col = 0;
    }
    return bx_sheet_put(rv->sheet, row, col, &cell, rv->err) &&
           (leaf->digits || bx_rv_bind_cell(rv, row, col, csv, r, c));
}

/* Empty ruled rows up to the table's least body height, where the total
 * row is to follow (rows: the body rows there will be without them). */
static bool pad_rows(resolver *rv, int rows)
{
    for (int k = rows; k < rv->t->min_rows; k++) {
        int row = bx_sheet_add_row(rv->sheet, rv->err);
        if (row < 0 || !put_blank_grid_row(rv, &rv->t->header, row))
            return false;
    }
    return true;
}

bool bx_rv_resolve_grid(resolver *rv)
{
    const bx_table_layout *t = rv->t;
    size_t nleaves = bx_header_leaf_count(&t->header);
    const bx_hnode **leaves = bx_arena_alloc(rv->arena, nleaves * sizeof *leaves, rv->err);
    const char **fields = bx_arena_alloc(rv->arena, (nleaves + 1) * sizeof *fields, rv->err);
    bool *optional = bx_arena_alloc(rv->arena, nleaves + 1, rv->err);
    int *cols = bx_arena_alloc(rv->arena, (nleaves + 1) * sizeof *cols, rv->err);
    if (!leaves || !fields || !optional || !cols)
        return false;
    bx_header_leaves(&t->header, leaves);
    for (size_t i = 0; i < nleaves; i++)
        fields[i] = leaves[i]->field;
    fields[nleaves] = t->level_field;
    optional[nleaves] = true;
    for (size_t i = 0; i < nleaves; i++)
        rv->sheet->col_widths[i] = leaves[i]->width;

    const bx_csv *csv = bx_rv_start_data_table(rv, fields, optional, nleaves + 1, cols);
    if (!csv)
        return false;
    int expected = (int)(csv->nrows < BX_MAX_ROWS ? csv->nrows : 0), slot;
    /* the total row, and the column its label is merged up to */
    size_t total = t->total_row > 0 ? 0 : t->total_row < 0 ? csv->nrows - 1 : (size_t)-1;
    int label_col = t->total_row ? label_column(t, leaves, nleaves) : -1;
    bool ok = bx_rv_vt_begin_table(rv) && bx_sheet_reserve_rows(rv->sheet, expected, rv->err) &&
              bx_rv_vt_grow(rv, rv->vt->nrows + expected) &&
              bx_rv_open_block(rv, csv, NULL, 0, &slot);
    for (size_t r = 0; ok && r < csv->nrows; r++) {
        int level = 0;
        if (cols[nleaves] >= 0) {
            bx_loc loc = bx_csv_loc(csv, r, (size_t)cols[nleaves]);
            ok = bx_rv_parse_level(rv, bx_csv_cell(csv, r, (size_t)cols[nleaves]), &loc, &level);
        }
        if (ok && r == total && t->total_row < 0)
            ok = pad_rows(rv, (int)csv->nrows);
        int row = ok ? bx_sheet_add_row(rv->sheet, rv->err) : -1;
        bx_loc row_loc = bx_csv_loc(csv, r, 0);
        bx_vrow *vr = row >= 0 ? bx_rv_vt_row(rv, &row_loc) : NULL;
        ok = vr != NULL;
        if (ok) {
            vr->level = level;
            vr->sheet_row = row;
        }
        for (size_t i = 0; ok && i < nleaves; i++) {
            bool merged = r == total && label_col >= 0;
            if (merged && (int)i < label_col) { /* under the merged label: nothing there */
                const char *raw = bx_csv_cell(csv, r, (size_t)cols[i]);
                size_t n;
                bx_text_trim(raw, &n);
                if (n) {
                    bx_loc loc = bx_csv_loc(csv, r, (size_t)cols[i]);
                    bx_fail_cell(rv->err, &loc, BX_ERR_DATA,
                                 "合计行的“%s”应为空（合计的名称占据它所在的位置）", fields[i]);
                    ok = false;
                }
                continue;
            }
            ok = put_grid_cell(rv, leaves[i], csv, r, cols[i], row, (int)i, level,
                               merged && (int)i == label_col);
        }
    }
    if (ok && (t->total_row >= 0 || csv->nrows == 0))
        ok = pad_rows(rv, (int)csv->nrows);
    rv->vrow = NULL;
    ok = ok && bx_rv_apply_printed(rv, leaves, nleaves);
    return ok && bx_rv_end_block(rv, slot, put_blank_grid_row, &t->header);
}

/* ---- ledgers ----------------------------------------------------------- */

/* One entry of a ledger side: a CSV row, or a total. */
typedef struct ledger_entry {
    size_t csv_row;
    int level;
    int segment; /* totals of its side before it */
    bool total;
} ledger_entry;

typedef struct ledger_side {
    const bx_hnode *group;
    int first_col;
    const bx_hnode **leaves;
    size_t nleaves;
    int *cols; /* CSV column of each leaf */
    ledger_entry *entries;
    size_t nentries;
    size_t next;    /* entry to place next */
    size_t seg_len; /* entries of the segment being placed */
    int segments;   /* totals read so far */
} ledger_side;

/* Entries of a side up to (not including) its next total, from `next`. */
static size_t segment_length(const ledger_side *s)
{
    size_t k = s->next;
    while (k < s->nentries && !s->entries[k].total)
        k++;
    return k - s->next;
}

static bool put_ledger_entry(resolver *rv, const bx_csv *csv, ledger_side *side,
                             const ledger_entry *e, int row)
{
    bx_vrow *vr = NULL;
    if (e) {
        bx_loc row_loc = bx_csv_loc(csv, e->csv_row, 0);
        if (!(vr = bx_rv_vt_row(rv, &row_loc)))
            return false;
        vr->side = (int)(side - rv->ledger_sides);
        vr->segment = e->segment;
        vr->total = e->total;
        vr->level = e->level;
    }
    for (size_t i = 0; i < side->nleaves; i++) {
        const bx_hnode *leaf = side->leaves[i];
        int col = side->first_col + (int)i;
        bx_cell cell = {.rowspan = 1, .colspan = 1, .style = bx_coltype_style(leaf->type)};
        if (e) {
            bx_loc loc = bx_csv_loc(csv, e->csv_row, (size_t)side->cols[i]);
            if (!bx_rv_make_cell(rv, leaf->type, leaf->decimals, leaf->field,
                                 bx_csv_cell(csv, e->csv_row, (size_t)side->cols[i]), &loc, &cell))
                return false;
            bx_rv_name_row(rv, vr, leaf->field, leaf->type, &cell);
            cell.align = (int8_t)leaf->align;
            if (leaf->indent && !e->total)
                cell.indent = (uint8_t)e->level;
            if (e->total && (leaf->indent || leaf->type == BX_COL_TEXT))
                cell.style = BX_STYLE_LABEL; /* a total's name, centred */
            if (!bx_rv_bind_cell(rv, row, col, csv, e->csv_row, side->cols[i]))
                return false;
        }
        if (!bx_sheet_put(rv->sheet, row, col, &cell, rv->err))
            return false;
    }
    return true;
}

/* Zip the sides: the items of each side up to its next total are laid
 * side by side (the shorter padded with empty cells), then the totals share
 * one row; repeat until every side is used up. */
static bool zip_ledger(resolver *rv, const bx_csv *csv, ledger_side *sides, size_t nsides)
{
    for (;;) {
        bool any_left = false;
        size_t rows = 0;
        for (size_t s = 0; s < nsides; s++) {
            any_left |= sides[s].next < sides[s].nentries;
            sides[s].seg_len = segment_length(&sides[s]);
            if (sides[s].seg_len > rows)
                rows = sides[s].seg_len;
        }
        if (!any_left) /* no totals at the end: the padding goes last */
            return pad_rows(rv, rv->sheet->nrows - rv->sheet->header_rows);
        for (size_t k = 0; k < rows; k++) {
            int row = bx_sheet_add_row(rv->sheet, rv->err);
            if (row < 0)
                return false;
            for (size_t s = 0; s < nsides; s++) {
                ledger_side *side = &sides[s];
                const ledger_entry *e = k < side->seg_len ? &side->entries[side->next++] : NULL;
                if (!put_ledger_entry(rv, csv, side, e, row))
                    return false;
            }
        }
        size_t with_total = 0;
        for (size_t s = 0; s < nsides; s++)
            with_total += sides[s].next < sides[s].nentries;
        if (with_total == 0)
            return pad_rows(rv, rv->sheet->nrows - rv->sheet->header_rows);
        if (with_total != nsides) {
            bx_loc loc = {csv->name, 0, 0};
            bx_fail(rv->err, &loc, BX_ERR_DATA,
                    "各栏的合计行数不一致：每一栏的第 N 个合计行排在同一行，请检查“%s”为“%s”的行",
                    rv->t->kind_field, rv->t->total_marker);
            return false;
        }
        bool last = true; /* the final totals: the padding goes above them */
        for (size_t s = 0; s < nsides; s++)
            last &= sides[s].next + 1 == sides[s].nentries;
        int body = rv->sheet->nrows - rv->sheet->header_rows;
        if (last && !pad_rows(rv, body + 1))
            return false;
        int row = bx_sheet_add_row(rv->sheet, rv->err);
        if (row < 0)
            return false;
        for (size_t s = 0; s < nsides; s++)
            if (!put_ledger_entry(rv, csv, &sides[s], &sides[s].entries[sides[s].next++], row))
                return false;
    }
}

static bool read_ledger_rows(resolver *rv, const bx_csv *csv, ledger_side *sides, size_t nsides,
                             int side_col, int kind_col, int level_col)
{
    for (size_t s = 0; s < nsides; s++) {
        sides[s].entries = bx_arena_alloc(
            rv->arena, (csv->nrows ? csv->nrows : 1) * sizeof(ledger_entry), rv->err);
        if (!sides[s].entries)
            return false;
    }
    for (size_t r = 0; r < csv->nrows; r++) {
        const char *side_name = bx_csv_cell(csv, r, (size_t)side_col);
        ledger_side *side = NULL;
        for (size_t s = 0; s < nsides && !side; s++)
            if (strcmp(sides[s].group->side, side_name) == 0)
                side = &sides[s];
        bx_loc loc = bx_csv_loc(csv, r, (size_t)side_col);
        if (!side) {
            bx_fail_cell(rv->err, &loc, BX_ERR_DATA, "“%s”应为%s", side_name,
                         nsides == 2 ? "" : "以下之一：");
            bx_strbuf names;
            bx_strbuf_init(&names, 512);
            for (size_t s = 0; s < nsides; s++)
                bx_strbuf_printf(&names, "%s“%s”", s ? "或" : "", sides[s].group->side);
            strncat(rv->err->message, bx_strbuf_str(&names),
                    sizeof rv->err->message - strlen(rv->err->message) - 1);
            bx_strbuf_free(&names);
            return false;
        }
        ledger_entry *e = &side->entries[side->nentries++];
        e->csv_row = r;
        const char *kind = kind_col >= 0 ? bx_csv_cell(csv, r, (size_t)kind_col) : "";
        if (*kind && strcmp(kind, rv->t->total_marker) != 0) {
            loc = bx_csv_loc(csv, r, (size_t)kind_col);
            bx_fail_cell(rv->err, &loc, BX_ERR_DATA, "“%s”应为空或“%s”", kind, rv->t->total_marker);
            return false;
        }
        e->total = *kind != '\0';
        e->segment = side->segments;
        side->segments += e->total;
        if (level_col >= 0) {
            loc = bx_csv_loc(csv, r, (size_t)level_col);
            if (!bx_rv_parse_level(rv, bx_csv_cell(csv, r, (size_t)level_col), &loc, &e->level))
                return false;
        }
    }
    return true;
}

bool bx_rv_resolve_ledger(resolver *rv)
{
    const bx_table_layout *t = rv->t;
    size_t nsides = t->header.nroots;
    ledger_side *sides = bx_arena_alloc(rv->arena, nsides * sizeof *sides, rv->err);
    if (!sides)
        return false;
    /* Fields: side, kind, level, then each distinct leaf field. */
    size_t nleaves = bx_header_leaf_count(&t->header);
    const char **fields = bx_arena_alloc(rv->arena, (nleaves + 3) * sizeof *fields, rv->err);
    bool *optional = bx_arena_alloc(rv->arena, nleaves + 3, rv->err);
    int *cols = bx_arena_alloc(rv->arena, (nleaves + 3) * sizeof *cols, rv->err);
    if (!fields || !optional || !cols)
        return false;
    size_t nfields = 0;
    fields[nfields++] = t->side_field;
    fields[nfields++] = t->kind_field;
    fields[nfields++] = t->level_field;
    optional[1] = optional[2] = true;
    int col = 0;
    for (size_t s = 0; s < nsides; s++) {
        ledger_side *side = &sides[s];
        side->group = &t->header.roots[s];
        side->first_col = col;
        bx_header one = {(bx_hnode *)side->group, 1};
        side->nleaves = bx_header_leaf_count(&one);
        side->leaves = bx_arena_alloc(rv->arena, side->nleaves * sizeof *side->leaves, rv->err);
        side->cols = bx_arena_alloc(rv->arena, side->nleaves * sizeof(int), rv->err);
        if (!side->leaves || !side->cols)
            return false;
        bx_header_leaves(&one, side->leaves);
        for (size_t i = 0; i < side->nleaves; i++) {
            rv->sheet->col_widths[col + (int)i] = side->leaves[i]->width;
            bool seen = false;
            for (size_t k = 3; k < nfields && !seen; k++)
                seen = strcmp(fields[k], side->leaves[i]->field) == 0;
            if (!seen)
                fields[nfields++] = side->leaves[i]->field;
        }
        col += (int)side->nleaves;
    }
    const bx_csv *csv = bx_rv_start_data_table(rv, fields, optional, nfields, cols);
    if (!csv)
        return false;
    bool ok = bx_rv_vt_begin_table(rv);
    for (size_t s = 0; ok && s < nsides; s++)
        for (size_t i = 0; i < sides[s].nleaves; i++)
            sides[s].cols[i] = bx_csv_column(csv, sides[s].leaves[i]->field);
    rv->ledger_sides = sides;
    int slot = -1;
    ok = ok && bx_rv_open_block(rv, csv, NULL, 0, &slot) &&
         read_ledger_rows(rv, csv, sides, nsides, cols[0], cols[1], cols[2]) &&
         zip_ledger(rv, csv, sides, nsides) &&
         bx_rv_end_block(rv, slot, put_blank_grid_row, &t->header);
    rv->ledger_sides = NULL;
    rv->vrow = NULL;
    return ok;
}
