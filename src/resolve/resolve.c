/* Resolve: bind a dataset to a layout set and build the model. All spans
 * are computed here (header trees, ledger zipping, form groups, merging of
 * equal neighbours); back ends never re-derive them. */
#include "resolve.h"

#include "strbuf.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct resolver {
    const bx_layout_set *set;
    const bx_dataset *ds;
    bx_model *m;
    bx_arena *arena; /* the document's */
    bx_readback *rb; /* m's */
    bx_trace *trace; /* of the current sheet */
    bx_error *err;
    const bx_table_layout *t;
    bx_sheet *sheet;
    /* a form repeated per row of an index CSV (layout `each`): that row */
    const bx_csv *inst;
    size_t inst_row;
    int inst_key; /* column of the key in inst */
    /* the data view of the current sheet and the row being read */
    bx_vtable *vt;
    bx_vrow *vrow;
    int fixed_row;                    /* of the form being read: an index, as rows move */
    struct ledger_side *ledger_sides; /* of the ledger being read */
    const char **files;               /* file names interned in the model */
    int nfiles;
    const char *last_file; /* the name last interned, and its index */
    int last_index;
    bool bind;       /* record every data cell's source (reading a workbook back) */
    int blank_rows;  /* a template: blank rows after every block of data rows */
    int repeat_col0; /* the repeating section being closed: its first column */
} resolver;

/* File names that live as long as the model (CSV names die with their
 * CSV; the data view keeps locations). The index of a file among the
 * model's inputs, added if new; -1 when out of memory. The cells of one
 * CSV share its name: the last one is tried first. */
static int intern_file_at(resolver *rv, const char *name)
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

/* The interned copy of a file name. */
static const char *intern_file(resolver *rv, const char *name)
{
    if (!name)
        return NULL;
    int at = intern_file_at(rv, name);
    return at >= 0 ? rv->files[at] : name;
}

/* The instance's value of a column of its index CSV, or NULL. */
static const char *instance_field(const resolver *rv, const char *name, bx_loc *loc)
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

static bool failed(const resolver *rv)
{
    return bx_failed(rv->err);
}

/* The file name a data name is read from, after the dataset's `files`. */
static const char *data_file(const bx_dataset *ds, const char *data)
{
    for (size_t i = 0; i < ds->meta.nfiles; i++)
        if (strcmp(ds->meta.files[i].key, data) == 0)
            return ds->meta.files[i].value;
    return data;
}

/* A CSV of the dataset, read once and kept by the model (a workbook
 * carries it); its name is remembered as an input. `rows_vary`: a table
 * body or a repeating section. NULL on failure. */
static const bx_csv *load_csv(resolver *rv, const char *name, bool rows_vary)
{
    bx_readback *m = rv->rb;
    for (int i = 0; i < m->nsources; i++)
        if (strcmp(m->sources[i].data, name) == 0) {
            m->sources[i].rows_vary |= rows_vary;
            return m->sources[i].csv;
        }
    if (m->nsources >= BX_BIND_FIELD - 1) {
        bx_fail(rv->err, NULL, BX_ERR_LIMIT, "数据文件过多");
        return NULL;
    }
    bx_source_table *grown = realloc(m->sources, (size_t)(m->nsources + 1) * sizeof *grown);
    if (!grown) {
        bx_fail(rv->err, NULL, BX_ERR_NOMEM, "内存不足");
        return NULL;
    }
    m->sources = grown;
    bx_csv *csv = bx_dataset_csv(rv->ds, name, rv->err);
    const char *data = csv ? bx_arena_strdup(rv->arena, name, rv->err) : NULL;
    const char *file = data ? bx_arena_strdup(rv->arena, data_file(rv->ds, name), rv->err) : NULL;
    if (!file) {
        bx_csv_free(csv);
        return NULL;
    }
    m->sources[m->nsources++] = (bx_source_table){data, file, csv, rows_vary};
    intern_file(rv, csv->name);
    return csv;
}

/* The index of a kept CSV among the model's sources. */
static uint16_t source_index(const resolver *rv, const bx_csv *csv)
{
    for (int i = 0; i < rv->rb->nsources; i++)
        if (rv->rb->sources[i].csv == csv)
            return (uint16_t)i;
    return BX_BIND_FIELD;
}

/* Remember that cell (row, col) shows CSV row r, column c (or, with csv
 * NULL, dataset field c). */
static bool bind_cell(resolver *rv, int row, int col, const bx_csv *csv, size_t r, int c)
{
    if (!rv->bind || c < 0)
        return true;
    bx_bind b = {row, col, csv ? source_index(rv, csv) : (uint16_t)BX_BIND_FIELD, (uint16_t)c,
                 (uint32_t)r};
    bx_trace *t = rv->trace;
    if (!bx_grow((void **)&t->binds, &t->cap_binds, t->nbinds + 1, sizeof *t->binds, rv->err))
        return false;
    t->binds[t->nbinds++] = b;
    return true;
}

/* ---- templates --------------------------------------------------------- */

/* The value of placeholder `name`: year, unit, or a dataset field. */
static const char *placeholder(resolver *rv, const char *name, char *buf, size_t size)
{
    if (strcmp(name, "year") == 0) {
        snprintf(buf, size, "%d", rv->ds->meta.year);
        return buf;
    }
    if (strcmp(name, "unit") == 0)
        return rv->ds->meta.unit;
    const char *inst = instance_field(rv, name, NULL);
    if (inst)
        return inst;
    const bx_dfield *f = bx_dataset_field(rv->ds, name);
    return f ? f->value : NULL;
}

/* Expand {year}, {unit} and {field} in a layout text into the model's
 * arena. `loc` locates the template for messages. */
static const char *expand(resolver *rv, const char *tpl, const bx_loc *loc)
{
    if (!tpl)
        return NULL;
    bx_strbuf out;
    bx_strbuf_init(&out, BX_MAX_CELL_BYTES * 2);
    for (const char *p = tpl; *p && !failed(rv); p++) {
        if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
            bx_strbuf_putc(&out, *p++);
            continue;
        }
        if (*p != '{') {
            bx_strbuf_putc(&out, *p);
            continue;
        }
        const char *end = strchr(p, '}');
        char name[256], num[32];
        size_t len = end ? (size_t)(end - p - 1) : 0;
        if (!end || len == 0 || len >= sizeof name) {
            bx_fail(rv->err, loc, BX_ERR_LAYOUT, "文字“%s”中的占位符无效", tpl);
            break;
        }
        memcpy(name, p + 1, len);
        name[len] = '\0';
        const char *value = placeholder(rv, name, num, sizeof num);
        if (!value) {
            bx_fail(rv->err, loc, BX_ERR_DATA, "占位符 {%s} 没有数据：请在 %s 的 fields 中填写“%s”",
                    name, rv->ds->yaml_name, name);
            break;
        }
        bx_strbuf_puts(&out, value);
        p = end;
    }
    const char *result = NULL;
    if (out.failed)
        bx_fail(rv->err, loc, BX_ERR_LIMIT, "展开后的文字过长");
    else if (!failed(rv))
        result = bx_arena_strdup(rv->arena, bx_strbuf_str(&out), rv->err);
    bx_strbuf_free(&out);
    return result;
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

/* The display scale of the current table: the set's unit, and the
 * table's own decimals when its layout says so. */
static bx_scale table_scale(const resolver *rv)
{
    bx_scale sc = rv->set->display;
    if (rv->t && rv->t->display_decimals >= 0)
        sc.decimals = rv->t->display_decimals;
    return sc;
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
    vt->layout = rv->t;
    vt->fields = bx_arena_alloc(rv->arena, (size_t)(n + 1) * sizeof *vt->fields, rv->err);
    vt->money = bx_arena_alloc(rv->arena, (size_t)(n + 1), rv->err);
    if (!vt->fields || !vt->money)
        return false;
    for (int i = 0; i < n; i++) {
        if (vt_field(vt, fields[i]) >= 0)
            continue;
        vt->fields[vt->nfields] = fields[i];
        vt->money[vt->nfields++] = money[i];
    }
    rv->vt = vt;
    return true;
}

/* Room for at least `cap` rows in the data view. */
static bool vt_grow(resolver *rv, int cap)
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

/* Open a data row: figures read by make_cell until the next one go there. */
static bx_vrow *vt_row(resolver *rv, const bx_loc *loc)
{
    bx_vtable *vt = rv->vt;
    if (vt->nrows == vt->cap_rows && !vt_grow(rv, vt->cap_rows ? vt->cap_rows * 2 : 16))
        return NULL;
    bx_vrow *row = &vt->rows[vt->nrows++];
    memset(row, 0, sizeof *row);
    row->side = -1;
    row->loc = *loc;
    row->loc.file = intern_file(rv, loc->file);
    size_t n = (size_t)(vt->nfields ? vt->nfields : 1);
    row->v = bx_arena_alloc(rv->arena, n * sizeof *row->v, rv->err);
    row->vloc = bx_arena_alloc(rv->arena, n * sizeof *row->vloc, rv->err);
    row->used = bx_arena_alloc(rv->arena, n, rv->err);
    row->shown = bx_arena_alloc(rv->arena, n, rv->err);
    if (!row->v || !row->vloc || !row->used || !row->shown)
        return NULL;
    for (int i = 0; i < vt->nfields; i++)
        row->v[i] = BX_NOVALUE;
    rv->vrow = row;
    return row;
}

/* The data view of the current table: its figure fields. */
static bool vt_begin_table(resolver *rv)
{
    enum { MAX = BX_MAX_COLUMNS * 4 };
    const char *fields[MAX];
    bool money[MAX];
    int n = bx_table_figure_fields(rv->t, fields, money, MAX);
    return vt_begin(rv, fields, money, n);
}

/* A row's name and code from its text cells: the layout's label_field,
 * else the first text; the first code. */
static void name_row(resolver *rv, bx_vrow *vr, const char *field, bx_coltype type,
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

/* v with `decimals` decimals at BX_NORM_DECIMALS; false on overflow. */
static bool normalize(int64_t v, int decimals, int64_t *out)
{
    int64_t f = 1;
    for (int i = decimals; i < BX_NORM_DECIMALS; i++)
        f *= 10;
    if (v > INT64_MAX / f || v < -(INT64_MAX / f))
        return false;
    *out = v * f;
    return true;
}

/* A cell of the given type from a data text. A figure is also recorded
 * under `field` in the open data row, if any. */
static bool make_cell(resolver *rv, bx_coltype type, int decimals, const char *field,
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
    if (r != BX_AMOUNT_OK) {
        bx_fail_cell(rv->err, loc, BX_ERR_DATA, "%s“%s”", bx_amount_result_text(r), text);
        return false;
    }
    cell->kind = BX_CELL_AMOUNT;
    cell->decimals = (uint8_t)given;
    cell->amount = v;
    int at = rv->vrow ? vt_field(rv->vt, field) : -1;
    if (at >= 0) {
        if (!normalize(v, given, &rv->vrow->v[at])) {
            bx_fail_cell(rv->err, loc, BX_ERR_DATA, "%s“%s”",
                         bx_amount_result_text(BX_AMOUNT_OVERFLOW), text);
            return false;
        }
        int file = loc->file ? intern_file_at(rv, loc->file) : -1;
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
    }
    return true;
}

static bool parse_level(resolver *rv, const char *raw, const bx_loc *loc, int *level)
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

/* ---- header ------------------------------------------------------------ */

static bool put_header(resolver *rv, const bx_header *h, int first_col)
{
    bx_hplace *cells;
    size_t n;
    if (!bx_header_place(h, first_col, rv->arena, &cells, &n, rv->err))
        return false;
    int top = rv->sheet->nrows, depth = bx_header_depth(h);
    for (int i = 0; i < depth; i++)
        if (bx_sheet_add_row(rv->sheet, rv->err) < 0)
            return false;
    for (size_t i = 0; i < n; i++) {
        bx_cell cell = {.kind = BX_CELL_TEXT,
                        .style = BX_STYLE_HEADER,
                        .rowspan = cells[i].rowspan,
                        .colspan = cells[i].colspan};
        cell.text = expand(rv, cells[i].node->title, &cells[i].node->loc);
        if (!cell.text)
            return false;
        if (!*cell.text)
            cell.kind = BX_CELL_EMPTY;
        if (!bx_sheet_put(rv->sheet, top + cells[i].row, cells[i].col, &cell, rv->err))
            return false;
    }
    return true;
}

/* ---- CSV columns ------------------------------------------------------- */

/* Find the CSV column of every wanted field; every CSV column must be
 * wanted. `cols` receives -1 for optional fields that are absent. */
static bool bind_columns(resolver *rv, const bx_csv *csv, const char *const *fields,
                         const bool *optional, size_t n, int *cols)
{
    for (size_t i = 0; i < n; i++) {
        cols[i] = fields[i] ? bx_csv_column(csv, fields[i]) : -1;
        if (fields[i] && cols[i] < 0 && !optional[i]) {
            bx_loc loc = {csv->name, csv->header_line, 0};
            bx_fail_cell(rv->err, &loc, BX_ERR_DATA, "缺少列“%s”（表 %d 的布局 %s 需要这一列）",
                         fields[i], rv->t->number, rv->t->file);
            return false;
        }
    }
    for (size_t c = 0; c < csv->ncols; c++) {
        bool known = false;
        for (size_t i = 0; i < n && !known; i++)
            known = cols[i] == (int)c;
        if (!known) {
            bx_loc loc = {csv->name, csv->header_line, (int)c + 1};
            bx_fail_cell(rv->err, &loc, BX_ERR_DATA, "未知的列“%s”（表 %d 的布局中没有这一列）",
                         csv->header[c], rv->t->number);
            return false;
        }
    }
    return true;
}

/* ---- templates for data entry ------------------------------------------ */

/* A blank cell of a column's type, to be typed into. */
static bx_cell blank_cell(bx_coltype type, bx_align align, int span)
{
    bx_cell cell = {.style = bx_coltype_style(type), .rowspan = 1, .colspan = span};
    cell.align = (int8_t)align;
    return cell;
}

/* Close a block of data rows: how many rows it took, then a template's
 * blank rows, each cell made by put(). */
static bool end_block(resolver *rv, int slot, bool (*put)(resolver *rv, const void *what, int row),
                      const void *what)
{
    if (slot < 0)
        return true;
    /* the rows placed since it opened (a ledger zips two CSV rows in one) */
    bx_slot *b = &rv->trace->slots[slot];
    b->nrows = rv->sheet->nrows - b->row;
    for (int k = 0; k < rv->blank_rows; k++) {
        int row = bx_sheet_add_row(rv->sheet, rv->err);
        if (row < 0 || !put(rv, what, row))
            return false;
        rv->trace->slots[slot].blank++;
    }
    return true;
}

/* Open a block of rows of csv in the current sheet: where it starts,
 * recorded for read-back only. *slot receives its index, -1 without one;
 * false when out of memory. */
static bool open_block(resolver *rv, const bx_csv *csv, const bx_band *band, int col0, int *slot)
{
    *slot = -1;
    if (!rv->bind)
        return true;
    bx_trace *s = rv->trace;
    bx_slot *grown = realloc(s->slots, (size_t)(s->nslots + 1) * sizeof *grown);
    if (!grown)
        return bx_fail(rv->err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    s->slots = grown;
    bx_slot *b = &s->slots[s->nslots];
    *b = (bx_slot){
        .row = rv->sheet->nrows, .source = source_index(rv, csv), .band = band, .col0 = col0};
    if (rv->inst)
        b->key = bx_csv_cell(rv->inst, rv->inst_row, (size_t)rv->inst_key);
    *slot = s->nslots++;
    return true;
}

/* ---- grid tables ------------------------------------------------------- */

/* What grids and ledgers begin with: the header rows, then the table's
 * CSV with its columns bound to the wanted fields. Caller frees the CSV. */
static const bx_csv *start_data_table(resolver *rv, const char *const *fields, const bool *optional,
                                      size_t n, int *cols)
{
    if (!put_header(rv, &rv->t->header, 0))
        return NULL;
    rv->sheet->header_rows = rv->sheet->nrows;
    const bx_csv *csv = load_csv(rv, rv->t->data, true);
    if (csv && !bind_columns(rv, csv, fields, optional, n, cols))
        return NULL;
    return csv;
}

static bool put_blank_header_row(resolver *rv, const bx_header *h, int first_col, int row)
{
    size_t n = bx_header_leaf_count(h);
    const bx_hnode **leaves = bx_arena_alloc(rv->arena, (n ? n : 1) * sizeof *leaves, rv->err);
    if (!leaves)
        return false;
    bx_header_leaves(h, leaves);
    for (size_t i = 0; i < n; i++) {
        bx_cell cell = blank_cell(leaves[i]->type, leaves[i]->align, 1);
        if (!bx_sheet_put(rv->sheet, row, first_col + (int)i, &cell, rv->err))
            return false;
    }
    return true;
}

static bool put_blank_grid_row(resolver *rv, const void *header, int row)
{
    return put_blank_header_row(rv, header, 0, row);
}

static bool resolve_grid(resolver *rv)
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

    const bx_csv *csv = start_data_table(rv, fields, optional, nleaves + 1, cols);
    if (!csv)
        return false;
    int expected = (int)(csv->nrows < BX_MAX_ROWS ? csv->nrows : 0), slot;
    bool ok = vt_begin_table(rv) && bx_sheet_reserve_rows(rv->sheet, expected, rv->err) &&
              vt_grow(rv, rv->vt->nrows + expected) && open_block(rv, csv, NULL, 0, &slot);
    for (size_t r = 0; ok && r < csv->nrows; r++) {
        int level = 0;
        if (cols[nleaves] >= 0) {
            bx_loc loc = bx_csv_loc(csv, r, (size_t)cols[nleaves]);
            ok = parse_level(rv, bx_csv_cell(csv, r, (size_t)cols[nleaves]), &loc, &level);
        }
        int row = ok ? bx_sheet_add_row(rv->sheet, rv->err) : -1;
        bx_loc row_loc = bx_csv_loc(csv, r, 0);
        bx_vrow *vr = row >= 0 ? vt_row(rv, &row_loc) : NULL;
        ok = vr != NULL;
        if (ok)
            vr->level = level;
        for (size_t i = 0; ok && i < nleaves; i++) {
            bx_loc loc = bx_csv_loc(csv, r, (size_t)cols[i]);
            bx_cell cell;
            ok = make_cell(rv, leaves[i]->type, leaves[i]->decimals, leaves[i]->field,
                           bx_csv_cell(csv, r, (size_t)cols[i]), &loc, &cell);
            if (!ok)
                break;
            name_row(rv, vr, leaves[i]->field, leaves[i]->type, &cell);
            cell.align = (int8_t)leaves[i]->align;
            if (leaves[i]->indent)
                cell.indent = (uint8_t)level;
            ok = bx_sheet_put(rv->sheet, row, (int)i, &cell, rv->err) &&
                 bind_cell(rv, row, (int)i, csv, r, cols[i]);
        }
    }
    rv->vrow = NULL;
    return ok && end_block(rv, slot, put_blank_grid_row, &t->header);
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
        if (!(vr = vt_row(rv, &row_loc)))
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
            if (!make_cell(rv, leaf->type, leaf->decimals, leaf->field,
                           bx_csv_cell(csv, e->csv_row, (size_t)side->cols[i]), &loc, &cell))
                return false;
            name_row(rv, vr, leaf->field, leaf->type, &cell);
            cell.align = (int8_t)leaf->align;
            if (leaf->indent && !e->total)
                cell.indent = (uint8_t)e->level;
            if (leaf->indent && e->total)
                cell.style = BX_STYLE_LABEL;
            if (!bind_cell(rv, row, col, csv, e->csv_row, side->cols[i]))
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
        if (!any_left)
            return true;
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
            return true;
        if (with_total != nsides) {
            bx_loc loc = {csv->name, 0, 0};
            bx_fail(rv->err, &loc, BX_ERR_DATA,
                    "各栏的合计行数不一致：每一栏的第 N 个合计行排在同一行，请检查“%s”为“%s”的行",
                    rv->t->kind_field, rv->t->total_marker);
            return false;
        }
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
            if (!parse_level(rv, bx_csv_cell(csv, r, (size_t)level_col), &loc, &e->level))
                return false;
        }
    }
    return true;
}

static bool resolve_ledger(resolver *rv)
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
    const bx_csv *csv = start_data_table(rv, fields, optional, nfields, cols);
    if (!csv)
        return false;
    bool ok = vt_begin_table(rv);
    for (size_t s = 0; ok && s < nsides; s++)
        for (size_t i = 0; i < sides[s].nleaves; i++)
            sides[s].cols[i] = bx_csv_column(csv, sides[s].leaves[i]->field);
    rv->ledger_sides = sides;
    int slot = -1;
    ok = ok && open_block(rv, csv, NULL, 0, &slot) &&
         read_ledger_rows(rv, csv, sides, nsides, cols[0], cols[1], cols[2]) &&
         zip_ledger(rv, csv, sides, nsides) && end_block(rv, slot, put_blank_grid_row, &t->header);
    rv->ledger_sides = NULL;
    rv->vrow = NULL;
    return ok;
}

/* ---- forms ------------------------------------------------------------- */

static int resolve_bands(resolver *rv, const bx_band *bands, size_t n, int col0);

static bool put_fixed_cell(resolver *rv, const bx_fcell *fc, int row, int col)
{
    bx_cell cell;
    if (fc->text) {
        memset(&cell, 0, sizeof cell);
        const char *text = expand(rv, fc->text, &fc->loc);
        if (!text)
            return false;
        cell.style = bx_coltype_style(fc->type);
        if (*text) {
            cell.kind = BX_CELL_TEXT;
            cell.text = text;
        }
    } else {
        bx_loc loc;
        const char *value = instance_field(rv, fc->value, &loc);
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
        if (!make_cell(rv, fc->type, fc->decimals, fc->value, value, &loc, &cell))
            return false;
        bool bound =
            f ? bind_cell(rv, row, col, NULL, 0, (int)(f - rv->ds->meta.fields))
              : bind_cell(rv, row, col, rv->inst, rv->inst_row, bx_csv_column(rv->inst, fc->value));
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
        bx_cell cell = blank_cell(fc->type, fc->align, fc->span);
        bool ok = fc->field ? bx_sheet_put(rv->sheet, row, col, &cell, rv->err)
                            : put_fixed_cell(rv, fc, row, col);
        if (!ok)
            return false;
    }
    return true;
}

static int resolve_repeat(resolver *rv, const bx_band *b, int col0)
{
    const bx_csv *csv = load_csv(rv, b->data, true);
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
    ok = ok && bind_columns(rv, csv, fields, optional, n, cols) &&
         open_block(rv, csv, b, col0, &slot);
    int first_row = rv->sheet->nrows, nrows = 0;
    for (size_t r = 0; ok && r < csv->nrows; r++) {
        if (!row_of_instance(rv, csv, r, cols[b->ncells], &ok))
            continue;
        int row = bx_sheet_add_row(rv->sheet, rv->err);
        bx_loc row_loc = bx_csv_loc(csv, r, 0);
        bx_vrow *vr = row >= 0 ? vt_row(rv, &row_loc) : NULL;
        ok = vr != NULL;
        if (ok)
            vr->band = b->data;
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
            ok = make_cell(rv, fc->type, fc->decimals, fc->field,
                           bx_csv_cell(csv, r, (size_t)cols[i]), &loc, &cell);
            if (!ok)
                break;
            name_row(rv, vr, fc->field, fc->type, &cell);
            if (fc->label)
                cell.style = BX_STYLE_LABEL;
            cell.align = (int8_t)fc->align;
            cell.colspan = fc->span;
            ok = bx_sheet_put(rv->sheet, row, col, &cell, rv->err) &&
                 bind_cell(rv, row, col, csv, r, cols[i]);
        }
    }
    rv->vrow = NULL;
    if (ok)
        ok = merge_equal_runs(rv, b, first_row, nrows, col0);
    rv->repeat_col0 = col0;
    if (!ok || !end_block(rv, slot, put_blank_repeat_row, b))
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
    case BX_BAND_HEADER: return put_header(rv, &b->header, col0) ? rv->sheet->nrows - start : -1;
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
        label.text = expand(rv, b->label, &b->loc);
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

static bool resolve_form(resolver *rv)
{
    for (size_t i = 0; i < rv->t->ngrid; i++)
        rv->sheet->col_widths[i] = rv->t->grid_widths[i];
    rv->sheet->header_rows = 0;
    /* the form's single values (dataset fields, or its row of the `each`
     * file) go in one data row named "@fields" */
    bx_loc loc = {rv->inst ? rv->inst->name : rv->ds->yaml_name, 0, 0};
    bx_vrow *fixed = vt_begin_table(rv) ? vt_row(rv, &loc) : NULL;
    if (!fixed)
        return false;
    fixed->label = fixed->band = "@fields";
    rv->fixed_row = (int)(fixed - rv->vt->rows);
    bool ok = resolve_bands(rv, rv->t->bands, rv->t->nbands, 0) >= 0;
    rv->vrow = NULL;
    rv->fixed_row = -1;
    return ok;
}

/* ---- sheets ------------------------------------------------------------ */

static bool body_has_amount(const bx_sheet *s)
{
    for (int r = s->header_rows; r < s->nrows; r++)
        for (int c = 0; c < s->ncols; c++) {
            const bx_cell *cell = bx_sheet_cell(s, r, c);
            if (!cell->covered && cell->kind == BX_CELL_AMOUNT && cell->amount != 0)
                return true;
        }
    return false;
}

static bool resolve_notes(resolver *rv)
{
    const bx_table_layout *t = rv->t;
    bx_loc loc = {t->file, 0, 0};
    size_t n = t->nnotes + (t->empty_note ? 1 : 0);
    rv->sheet->notes = bx_arena_alloc(rv->arena, (n ? n : 1) * sizeof(char *), rv->err);
    if (!rv->sheet->notes)
        return false;
    if (t->empty_note) {
        const char *note = expand(rv, t->empty_note, &loc);
        if (!note)
            return false;
        rv->trace->empty_note = note;
        if (!body_has_amount(rv->sheet))
            rv->sheet->notes[rv->sheet->nnotes++] = note;
    }
    for (size_t i = 0; i < t->nnotes; i++) {
        const char *note = expand(rv, t->notes[i], &loc);
        if (!note)
            return false;
        rv->sheet->notes[rv->sheet->nnotes++] = note;
    }
    return true;
}

static int table_columns(const bx_table_layout *t)
{
    return t->kind == BX_TABLE_FORM ? (int)t->ngrid : bx_header_width(&t->header);
}

/* The read-back record of the sheet just added. */
static bool add_trace(resolver *rv)
{
    bx_readback *rb = rv->rb;
    bx_trace *grown = realloc(rb->sheets, (size_t)(rb->nsheets + 1) * sizeof *grown);
    if (!grown)
        return bx_fail(rv->err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    rb->sheets = grown;
    rv->trace = &rb->sheets[rb->nsheets++];
    memset(rv->trace, 0, sizeof *rv->trace);
    return true;
}

/* One sheet of table t (for the current instance, if any). */
static bool resolve_sheet(resolver *rv, const bx_table_layout *t)
{
    rv->t = t;
    rv->sheet = bx_doc_add_sheet(rv->m->doc, table_columns(t), rv->err);
    if (!rv->sheet || !add_trace(rv))
        return false;
    bx_sheet *s = rv->sheet;
    bx_loc loc = {t->file, 0, 0};
    s->landscape = t->landscape;
    s->label = expand(rv, t->label, &loc);
    s->title = expand(rv, t->title, &loc);
    s->name = expand(rv, t->sheet_name, &loc);
    if (!s->label || !s->title || !s->name)
        return false;
    if (t->caption_left && !(s->caption_left = expand(rv, t->caption_left, &loc)))
        return false;
    if (t->caption_right && !(s->caption_right = expand(rv, t->caption_right, &loc)))
        return false;
    bool ok = false;
    switch (t->kind) {
    case BX_TABLE_GRID: ok = resolve_grid(rv); break;
    case BX_TABLE_LEDGER: ok = resolve_ledger(rv); break;
    case BX_TABLE_FORM: ok = resolve_form(rv); break;
    }
    return ok && resolve_notes(rv);
}

/* A table, or (layout `each`) one sheet per row of its index CSV, whose
 * key column must be present and unique. */
static bool resolve_table(resolver *rv, const bx_table_layout *t)
{
    if (!t->each_data)
        return resolve_sheet(rv, t);
    rv->t = t;
    const bx_csv *index = load_csv(rv, t->each_data, false);
    if (!index)
        return false;
    int key = bx_csv_column(index, t->each_key);
    bool ok = true;
    if (key < 0) {
        bx_loc loc = {index->name, index->header_line, 0};
        ok = bx_fail_cell(rv->err, &loc, BX_ERR_DATA, "缺少列“%s”（表 %d 按这一列逐行生成）",
                          t->each_key, t->number) == BX_OK;
    }
    for (size_t r = 0; ok && r < index->nrows; r++) {
        for (size_t k = 0; k < r && ok; k++) {
            if (strcmp(bx_csv_cell(index, r, (size_t)key), bx_csv_cell(index, k, (size_t)key)) ==
                0) {
                bx_loc loc = bx_csv_loc(index, r, (size_t)key);
                ok = bx_fail_cell(rv->err, &loc, BX_ERR_DATA, "%s“%s”重复", t->each_key,
                                  bx_csv_cell(index, r, (size_t)key)) == BX_OK;
            }
        }
        rv->inst = index;
        rv->inst_row = r;
        rv->inst_key = key;
        ok = ok && resolve_sheet(rv, t);
    }
    rv->inst = NULL;
    return ok;
}

/* Creation time: the dataset's date, else SOURCE_DATE_EPOCH, else 1
 * January of the budget year — never "now", so outputs are reproducible. */
static long long creation_time(const bx_dataset *ds)
{
    if (ds->meta.created >= 0)
        return ds->meta.created;
    const char *env = getenv("SOURCE_DATE_EPOCH");
    int64_t v;
    if (env && bx_amount_parse(env, 0, &v) == BX_AMOUNT_OK && !strchr(env, ',') && v > 0)
        return v;
    char date[16];
    snprintf(date, sizeof date, "%04d-01-01", ds->meta.year);
    long long t = 0;
    bx_parse_date(date, &t);
    return t;
}

/* A copy of located texts (their locations are dropped: the copy is not
 * read from a file). */
static bool copy_pairs(bx_arena *a, const bx_dfield *from, size_t n, bx_dfield **out, bx_error *err)
{
    *out = bx_arena_alloc(a, (n ? n : 1) * sizeof **out, err);
    if (!*out)
        return false;
    for (size_t i = 0; i < n; i++) {
        (*out)[i].key = bx_arena_strdup(a, from[i].key, err);
        (*out)[i].value = bx_arena_strdup(a, from[i].value, err);
        if (!(*out)[i].key || !(*out)[i].value)
            return false;
    }
    return true;
}

static bool copy_text(bx_arena *a, const char *from, const char **to, bx_error *err)
{
    return !from || (*to = bx_arena_strdup(a, from, err)) != NULL;
}

/* What dataset.yaml says, for the workbook to carry: the model keeps its
 * own copy (it outlives the dataset). */
static bool copy_meta(resolver *rv)
{
    const bx_dataset_meta *from = &rv->ds->meta;
    bx_dataset_meta *meta = &rv->rb->meta;
    bx_arena *a = rv->arena;
    bx_error *err = rv->err;
    *meta = *from;
    meta->encoding = BX_ENCODING_UTF8; /* the carried CSVs */
    meta->layout_version = rv->set->version ? rv->set->version : "";
    meta->blank_rows = rv->blank_rows;
    meta->template_name = meta->unit = meta->title = meta->output_name = NULL;
    if (!copy_text(a, from->template_name, &meta->template_name, err) ||
        !copy_text(a, from->unit, &meta->unit, err) ||
        !copy_text(a, from->title, &meta->title, err) ||
        !copy_text(a, from->output_name, &meta->output_name, err))
        return false;
    if (from->tables) {
        meta->tables = bx_arena_alloc(a, from->ntables * sizeof(int), err);
        if (!meta->tables)
            return false;
        memcpy(meta->tables, from->tables, from->ntables * sizeof(int));
    }
    return copy_pairs(a, from->fields, from->nfields, &meta->fields, err) &&
           copy_pairs(a, from->files, from->nfiles, &meta->files, err);
}

static bx_model *resolve_model(const bx_layout_set *set, const bx_dataset *ds, bool bind,
                               int blank_rows, bx_error *err);

bx_model *bx_model_resolve(const bx_layout_set *set, const bx_dataset *ds, bx_error *err)
{
    return resolve_model(set, ds, false, 0, err);
}

bx_model *bx_model_resolve_bound(const bx_layout_set *set, const bx_dataset *ds, bx_error *err)
{
    return resolve_model(set, ds, true, 0, err);
}

bx_model *bx_model_resolve_template(const bx_layout_set *set, const bx_dataset *ds, int blank_rows,
                                    bx_error *err)
{
    return resolve_model(set, ds, true, blank_rows, err);
}

static bx_model *resolve_model(const bx_layout_set *set, const bx_dataset *ds, bool bind,
                               int blank_rows, bx_error *err)
{
    if (!set || !ds) {
        bx_fail(err, NULL, BX_ERR_USAGE, "bx_model_resolve: 缺少布局或数据");
        return NULL;
    }
    bx_model *model = bx_calloc(1, sizeof *model, err);
    bx_doc *m = model ? bx_doc_new(err) : NULL;
    if (!m) {
        free(model);
        return NULL;
    }
    model->doc = m;
    model->readback.traced = bind;
    resolver rv = {.set = set,
                   .ds = ds,
                   .m = model,
                   .arena = m->arena,
                   .rb = &model->readback,
                   .err = err,
                   .fixed_row = -1,
                   .bind = bind,
                   .blank_rows = blank_rows};
    bx_loc loc = {ds->yaml_name, 0, 0};
    m->author = ds->meta.unit;
    m->year = ds->meta.year;
    m->template_name = set->name;
    m->font = set->font;
    m->amount_unit = bx_money_unit_name(set->display.unit_yuan);
    m->created = creation_time(ds);
    model->view.input = ds->meta.input;
    m->title = ds->meta.title ? ds->meta.title : expand(&rv, set->title, &loc);
    bool ok = m->title != NULL && copy_meta(&rv);
    for (size_t i = 0; ok && i < ds->meta.ntables; i++) {
        bool known = false;
        for (size_t k = 0; k < set->ntables && !known; k++)
            known = set->tables[k].number == ds->meta.tables[i];
        if (!known)
            ok = bx_fail(err, &loc, BX_ERR_DATA, "tables 中的表 %d 在模板“%s”中不存在",
                         ds->meta.tables[i], set->name) == BX_OK;
    }
    size_t wanted = 0;
    for (size_t i = 0; ok && i < set->ntables; i++) {
        if (!bx_dataset_wants(ds, set->tables[i].number))
            continue;
        wanted++;
        ok = resolve_table(&rv, &set->tables[i]);
    }
    if (ok && wanted == 0)
        ok = bx_fail(err, &loc, BX_ERR_DATA, "tables 中列出的表号在模板“%s”中都不存在",
                     set->name) == BX_OK;
    /* the files read, so that no output is written over one of them */
    intern_file(&rv, ds->origin ? ds->origin : ds->yaml_name);
    model->view.inputs = rv.files;
    model->view.ninputs = rv.nfiles;
    if (ok)
        ok = bx_doc_check(m, err);
    if (!ok) {
        bx_model_free(model);
        return NULL;
    }
    return model;
}

void bx_readback_free(bx_readback *rb)
{
    for (int i = 0; i < rb->nsheets; i++) {
        free(rb->sheets[i].binds);
        free(rb->sheets[i].slots);
    }
    free(rb->sheets);
    for (int i = 0; i < rb->nsources; i++)
        bx_csv_free(rb->sources[i].csv);
    free(rb->sources);
    memset(rb, 0, sizeof *rb);
}

void bx_model_free(bx_model *m)
{
    if (!m)
        return;
    bx_dataview_free(&m->view);
    bx_readback_free(&m->readback);
    bx_doc_free(m->doc);
    free(m);
}
