/* Cells from data and the data view beside them: every figure a cell
 * shows is also recorded, at full precision, for the checks; file names
 * interned for their locations; where each cell came from, for read-back. */
#include "resolver.h"

#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int bx_rv_intern_file_at(resolver *rv, const char *name)
{
    if (name == rv->last_file && strcmp(rv->files[rv->last_index], name) == 0)
        return rv->last_index;
    int at = -1;
    for (int i = 0; i < rv->nfiles && at < 0; i++)
        if (strcmp(rv->files[i], name) == 0)
            at = i;
    if (at < 0) {
        const char **grown = realloc(rv->files, (size_t)(rv->nfiles + 1) * sizeof *grown);
        if (grown)
            rv->files = grown;
        const char *copy = grown ? bx_arena_strdup(rv->arena, name, rv->err) : NULL;
        if (!copy)
            return -1;
        rv->files[rv->nfiles] = copy;
        at = rv->nfiles++;
    }
    rv->last_file = name;
    rv->last_index = at;
    return at;
}

const char *bx_rv_intern_file(resolver *rv, const char *name)
{
    if (!name)
        return NULL;
    int at = bx_rv_intern_file_at(rv, name);
    return at >= 0 ? rv->files[at] : name;
}

const char *bx_rv_instance_field(const resolver *rv, const char *name, bx_loc *loc)
{
    if (!rv->inst)
        return NULL;
    int c = bx_csv_column(rv->inst, name);
    if (c < 0)
        return NULL;
    if (loc)
        *loc = bx_csv_loc(rv->inst, rv->inst_row, (size_t)c);
    return bx_csv_cell(rv->inst, rv->inst_row, (size_t)c);
}

uint16_t bx_rv_source_index(const resolver *rv, const bx_csv *csv)
{
    for (int i = 0; i < rv->rb->nsources; i++)
        if (rv->rb->sources[i].csv == csv)
            return (uint16_t)i;
    return BX_BIND_FIELD;
}

bool bx_rv_bind_cell(resolver *rv, int row, int col, const bx_csv *csv, size_t r, int c)
{
    if (!rv->bind || c < 0)
        return true;
    bx_bind b = {row, col, csv ? bx_rv_source_index(rv, csv) : (uint16_t)BX_BIND_FIELD, (uint16_t)c,
                 (uint32_t)r};
    bx_trace *t = rv->trace;
    if (!bx_grow((void **)&t->binds, &t->cap_binds, t->nbinds + 1, sizeof *t->binds, rv->err))
        return false;
    t->binds[t->nbinds++] = b;
    return true;
}

/* ---- cells from data --------------------------------------------------- */

/* A cell of the given type from a data text. */
/* Decimals a number was typed with ("27433741.7" → 1), at most the
 * maximum; for number columns shown as given. */
static int typed_decimals(const char *s)
{
    const char *dot = strchr(s, '.');
    if (!dot)
        return 0;
    int n = 0;
    for (const char *p = dot + 1; *p >= '0' && *p <= '9'; p++)
        n++;
    return n > BX_MAX_DECIMALS ? BX_MAX_DECIMALS : n;
}

/* The display scale of the current table: its layout's unit and
 * decimals, else the dataset's decimals, else the set's. */
static bx_scale table_scale(const resolver *rv)
{
    bx_scale sc = rv->set->display;
    if (rv->ds->meta.display.decimals >= 0)
        sc.decimals = rv->ds->meta.display.decimals;
    if (rv->t && rv->t->display_decimals >= 0)
        sc.decimals = rv->t->display_decimals;
    if (rv->t && rv->t->display_unit)
        sc.unit_yuan = rv->t->display_unit;
    return sc;
}

/* Whether the current table leaves its zero amounts blank: as its
 * layout, else the dataset, else the set says. */
static bool zero_blank(const resolver *rv)
{
    bx_zero_display z = rv->t && rv->t->zero        ? rv->t->zero
                        : rv->ds->meta.display.zero ? rv->ds->meta.display.zero
                                                    : rv->set->display_zero;
    return z == BX_ZERO_BLANK;
}

/* ---- the data view ----------------------------------------------------- */

static int vt_field(const bx_vtable *vt, const char *name)
{
    for (int i = 0; vt && name && i < vt->nfields; i++)
        if (strcmp(vt->fields[i], name) == 0)
            return i;
    return -1;
}

/* Start the data view of the sheet just added, with its figure fields
 * (NULL-ended names, each once; money[i]: an amount rather than a plain
 * number). */
static bool vt_begin(resolver *rv, const char *const *fields, const bool *money, int n)
{
    bx_dataview *m = &rv->m->view;
    bx_vtable *grown = realloc(m->tables, (size_t)(m->ntables + 1) * sizeof *grown);
    if (!grown) {
        bx_fail(rv->err, NULL, BX_ERR_NOMEM, "内存不足");
        return false;
    }
    m->tables = grown;
    bx_vtable *vt = &m->tables[m->ntables++];
    memset(vt, 0, sizeof *vt);
    vt->number = rv->t->number;
    vt->sheet = rv->sheet->name;
    vt->layout = (int)(rv->t - rv->set->tables);
    vt->fields = bx_arena_alloc(rv->arena, (size_t)(n + 1) * sizeof *vt->fields, rv->err);
    vt->money = bx_arena_alloc(rv->arena, (size_t)(n + 1), rv->err);
    if (!vt->fields || !vt->money)
        return false;
    for (int i = 0; i < n; i++) {
        if (vt_field(vt, fields[i]) >= 0)
            continue;
        /* the layout's names, copied: the view outlives the set */
        if (!(vt->fields[vt->nfields] = bx_arena_strdup(rv->arena, fields[i], rv->err)))
            return false;
        vt->money[vt->nfields++] = money[i];
    }
    rv->vt = vt;
    return true;
}

bool bx_rv_vt_grow(resolver *rv, int cap)
{
    bx_vtable *vt = rv->vt;
    if (cap <= vt->cap_rows)
        return true;
    bx_vrow *p = realloc(vt->rows, (size_t)cap * sizeof *p);
    if (!p)
        return bx_fail(rv->err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    vt->rows = p;
    vt->cap_rows = cap;
    return true;
}

bx_vrow *bx_rv_vt_row(resolver *rv, const bx_loc *loc)
{
    bx_vtable *vt = rv->vt;
    if (vt->nrows == vt->cap_rows && !bx_rv_vt_grow(rv, vt->cap_rows ? vt->cap_rows * 2 : 16))
        return NULL;
    bx_vrow *row = &vt->rows[vt->nrows++];
    memset(row, 0, sizeof *row);
    row->side = -1;
    row->sheet_row = -1;
    row->loc = *loc;
    row->loc.file = bx_rv_intern_file(rv, loc->file);
    size_t n = (size_t)(vt->nfields ? vt->nfields : 1);
    row->v = bx_arena_alloc(rv->arena, n * sizeof *row->v, rv->err);
    row->vloc = bx_arena_alloc(rv->arena, n * sizeof *row->vloc, rv->err);
    row->shown = bx_arena_alloc(rv->arena, n, rv->err);
    if (!row->v || !row->vloc || !row->shown)
        return NULL;
    for (int i = 0; i < vt->nfields; i++)
        row->v[i] = BX_NOVALUE;
    rv->vrow = row;
    return row;
}

bool bx_rv_vt_begin_table(resolver *rv)
{
    enum { MAX = BX_MAX_COLUMNS * 4 };
    const char *fields[MAX];
    bool money[MAX];
    int n = bx_table_figure_fields(rv->t, fields, money, MAX);
    return vt_begin(rv, fields, money, n);
}

void bx_rv_name_row(resolver *rv, bx_vrow *vr, const char *field, bx_coltype type,
                    const bx_cell *cell)
{
    if (!vr || cell->kind != BX_CELL_TEXT)
        return;
    const char *label_field = rv->t->label_field;
    if (type == BX_COL_CODE && !vr->code)
        vr->code = cell->text;
    else if (label_field ? strcmp(field ? field : "", label_field) == 0
                         : (type == BX_COL_TEXT || type == BX_COL_LONGTEXT) && !vr->label)
        vr->label = cell->text;
}

/* v with `decimals` decimals at BX_NORM_DECIMALS; false on overflow (and
 * for INT64_MIN, which is BX_NOVALUE). */
bool bx_rv_normalize(int64_t v, int decimals, int64_t *out)
{
    int64_t f = 1; /* at most 10^BX_NORM_DECIMALS */
    for (int i = decimals; i < BX_NORM_DECIMALS; i++)
        f *= 10;
    return !__builtin_mul_overflow(v, f, out) && *out != INT64_MIN;
}

bool bx_rv_make_cell(resolver *rv, bx_coltype type, int decimals, const char *field,
                     const char *raw, const bx_loc *loc, bx_cell *cell)
{
    memset(cell, 0, sizeof *cell);
    cell->rowspan = cell->colspan = 1;
    cell->style = bx_coltype_style(type);
    bool numeric = type == BX_COL_AMOUNT || type == BX_COL_NUMBER;
    /* a figure is parsed from a copy on the stack: only text is kept */
    char figure[64];
    size_t n;
    const char *start = bx_text_trim(raw, &n);
    const char *text = figure;
    if (numeric && n < sizeof figure) {
        memcpy(figure, start, n);
        figure[n] = '\0';
    } else if (!(text = bx_arena_strndup(rv->arena, start, n, rv->err))) {
        return false;
    }
    if (type == BX_COL_CODE && bx_looks_like_exponent(text)) {
        bx_fail_cell(rv->err, loc, BX_ERR_DATA,
                     "科目编码“%s”被 Excel 改成了科学计数法，请把该列设为文本后重新导出", text);
        return false;
    }
    if (!numeric || bx_amount_means_nothing(text)) {
        /* text as typed; a "-" in a figure's place is shown as written */
        if (*text) {
            cell->kind = BX_CELL_TEXT;
            cell->text = text == figure ? bx_arena_strdup(rv->arena, figure, rv->err) : text;
            return cell->text != NULL;
        }
        return true;
    }
    int given = type == BX_COL_AMOUNT           ? rv->ds->meta.input.decimals
                : decimals == BX_DECIMALS_GIVEN ? typed_decimals(text)
                                                : decimals;
    int64_t v;
    bx_amount_result r = bx_amount_parse(text, given, &v);
    if (r == BX_AMOUNT_DECIMALS) {
        bx_fail_cell(rv->err, loc, BX_ERR_DATA, "%s“%s”（最多 %d 位小数）",
                     bx_amount_result_text(r), text, given);
        return false;
    }
    if (r == BX_AMOUNT_EXPONENT) {
        bx_fail_cell(rv->err, loc, BX_ERR_DATA,
                     "金额“%s”被 Excel 改成了科学计数法，请把该列设为数值格式后重新导出", text);
        return false;
    }
    if (r == BX_AMOUNT_SYNTAX) {
        bx_fail_cell(rv->err, loc, BX_ERR_DATA, "%s“%s”（" BX_AMOUNT_FORMS "）",
                     bx_amount_result_text(r), text);
        return false;
    }
    if (r != BX_AMOUNT_OK) {
        bx_fail_cell(rv->err, loc, BX_ERR_DATA, "%s“%s”", bx_amount_result_text(r), text);
        return false;
    }
    cell->kind = BX_CELL_AMOUNT;
    cell->decimals = (uint8_t)given;
    cell->amount = v;
    int at = rv->vrow ? vt_field(rv->vt, field) : -1;
    if (at >= 0) {
        if (!bx_rv_normalize(v, given, &rv->vrow->v[at])) {
            bx_fail_cell(rv->err, loc, BX_ERR_DATA, "%s“%s”",
                         bx_amount_result_text(BX_AMOUNT_OVERFLOW), text);
            return false;
        }
        int file = loc->file ? bx_rv_intern_file_at(rv, loc->file) : -1;
        rv->vrow->vloc[at] =
            (bx_vloc){(uint32_t)(loc->line > 0 ? loc->line : 0),
                      (uint16_t)(loc->column > 0 ? loc->column : 0), (uint16_t)(file + 1)};
        rv->vrow->shown[at] = (int8_t)(type == BX_COL_AMOUNT ? table_scale(rv).decimals : given);
    }
    if (type == BX_COL_AMOUNT) {
        bx_scale sc = table_scale(rv);
        cell->decimals = (uint8_t)sc.decimals;
        cell->trim = rv->t && rv->t->display_trim;
        if (!bx_amount_rescale(v, rv->ds->meta.input, sc, &cell->amount)) {
            bx_fail_cell(rv->err, loc, BX_ERR_DATA, "%s“%s”",
                         bx_amount_result_text(BX_AMOUNT_OVERFLOW), text);
            return false;
        }
        if (cell->amount == 0 && zero_blank(rv))
            cell->kind = BX_CELL_EMPTY; /* the figure stays in the data view: 0 */
    }
    return true;
}

bool bx_rv_parse_level(resolver *rv, const char *raw, const bx_loc *loc, int *level)
{
    *level = 0;
    while (*raw == ' ')
        raw++;
    if (!*raw)
        return true;
    int64_t v;
    if (bx_amount_parse(raw, 0, &v) != BX_AMOUNT_OK || v < 0 || v > BX_MAX_INDENT ||
        strchr(raw, ',')) {
        bx_fail_cell(rv->err, loc, BX_ERR_DATA, "层级应为 0 到 %d 的整数，而不是“%s”",
                     BX_MAX_INDENT, raw);
        return false;
    }
    *level = (int)v;
    return true;
}

bx_cell bx_rv_blank_cell(bx_coltype type, bx_align align, int span)
{
    bx_cell cell = {.style = bx_coltype_style(type), .rowspan = 1, .colspan = span};
    cell.align = (int8_t)align;
    return cell;
}

bool bx_rv_split_ref(const char *ref, int *table, char *row, size_t size, const char **field)
{
    const char *a = strchr(ref, ':'), *b = strrchr(ref, ':');
    if (!a || a == b || a == ref)
        return false;
    char *end;
    long t = strtol(ref, &end, 10);
    if (end != a || t < 1 || t > 999 || (size_t)(b - a - 1) >= size)
        return false;
    *table = (int)t;
    memcpy(row, a + 1, (size_t)(b - a - 1));
    row[b - a - 1] = '\0';
    *field = b + 1;
    return **field != '\0' && *row != '\0';
}
