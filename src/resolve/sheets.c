/* Resolve: bind a dataset to a layout set and build the model. All spans
 * are computed here and in grid.c and form.c (header trees, ledger
 * zipping, form groups, merging of equal neighbours); back ends never
 * re-derive them. This file: the dataset's CSVs, text templates, headers,
 * blocks of rows, sheets and the model. */
#include "resolver.h"

#include "placeholder.h"
#include "strbuf.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The file name a data name is read from, after the dataset's `files`. */
static const char *data_file(const bx_dataset *ds, const char *data)
{
    for (size_t i = 0; i < ds->meta.nfiles; i++)
        if (strcmp(ds->meta.files[i].key, data) == 0)
            return ds->meta.files[i].value;
    return data;
}

const bx_csv *bx_rv_load_csv(resolver *rv, const char *name, bool rows_vary)
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
    bx_rv_intern_file(rv, csv->name);
    return csv;
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
    const char *inst = bx_rv_instance_field(rv, name, NULL);
    if (inst)
        return inst;
    const bx_dfield *f = bx_dataset_field(rv->ds, name);
    return f ? f->value : NULL;
}

const char *bx_rv_expand(resolver *rv, const char *tpl, const bx_loc *loc)
{
    if (!tpl)
        return NULL;
    bx_strbuf out;
    bx_strbuf_init(&out, BX_MAX_CELL_BYTES * 2);
    bx_tpl_piece piece;
    for (size_t at = 0; !failed(rv) && bx_tpl_next(tpl, &at, &piece);) {
        char name[256], num[32];
        if (piece.kind == BX_TPL_TEXT || piece.kind == BX_TPL_LONE_END) {
            bx_strbuf_append(&out, piece.s, piece.n);
            continue;
        }
        if (piece.kind == BX_TPL_BAD_NAME || piece.n >= sizeof name) {
            bx_fail(rv->err, loc, BX_ERR_LAYOUT, "文字“%s”中的占位符无效", tpl);
            break;
        }
        memcpy(name, piece.s, piece.n);
        name[piece.n] = '\0';
        const char *value = placeholder(rv, name, num, sizeof num);
        if (!value) {
            bx_fail(rv->err, loc, BX_ERR_DATA, "占位符 {%s} 没有数据：请在 %s 的 fields 中填写“%s”",
                    name, rv->ds->yaml_name, name);
            break;
        }
        bx_strbuf_puts(&out, value);
    }
    const char *result = NULL;
    if (out.failed)
        bx_fail(rv->err, loc, BX_ERR_LIMIT, "展开后的文字过长");
    else if (!failed(rv))
        result = bx_arena_strdup(rv->arena, bx_strbuf_str(&out), rv->err);
    bx_strbuf_free(&out);
    return result;
}

/* ---- header ------------------------------------------------------------ */

bool bx_rv_put_header(resolver *rv, const bx_header *h, int first_col)
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
        cell.text = bx_rv_expand(rv, cells[i].node->title, &cells[i].node->loc);
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

bool bx_rv_bind_columns(resolver *rv, const bx_csv *csv, const char *const *fields,
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

bool bx_rv_end_block(resolver *rv, int slot, bool (*put)(resolver *rv, const void *what, int row),
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

bool bx_rv_open_block(resolver *rv, const bx_csv *csv, const bx_band *band, int col0, int *slot)
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
        .row = rv->sheet->nrows, .source = bx_rv_source_index(rv, csv), .band = band, .col0 = col0};
    if (rv->inst)
        b->key = bx_csv_cell(rv->inst, rv->inst_row, (size_t)rv->inst_key);
    *slot = s->nslots++;
    return true;
}

/* ---- grid tables ------------------------------------------------------- */

const bx_csv *bx_rv_start_data_table(resolver *rv, const char *const *fields, const bool *optional,
                                     size_t n, int *cols)
{
    if (!bx_rv_put_header(rv, &rv->t->header, 0))
        return NULL;
    rv->sheet->header_rows = rv->sheet->nrows;
    const bx_csv *csv = bx_rv_load_csv(rv, rv->t->data, true);
    if (csv && !bx_rv_bind_columns(rv, csv, fields, optional, n, cols))
        return NULL;
    return csv;
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
        const char *note = bx_rv_expand(rv, t->empty_note, &loc);
        if (!note)
            return false;
        rv->trace->empty_note = note;
        if (!body_has_amount(rv->sheet))
            rv->sheet->notes[rv->sheet->nnotes++] = note;
    }
    for (size_t i = 0; i < t->nnotes; i++) {
        const char *note = bx_rv_expand(rv, t->notes[i], &loc);
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

/* A table's print where it gives one (non-zero), else the set's. */
static double given(double table, double set)
{
    return table ? table : set;
}

/* A yes/no of a table's print where it gives one (-1: not given), else the set's. */
static int given_flag(int table, int set)
{
    return table >= 0 ? table : set;
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
    s->title_once = !t->repeat_title;
    s->header_once = !t->repeat_header;
    const bx_print *p = &t->print, *d = &rv->set->print;
    s->font_size = given(p->font_size, d->font_size);
    s->title_size = given(p->title_size, d->title_size);
    s->row_height = given(p->row_height, d->row_height);
    s->body_row_height = given(p->body_row_height, d->body_row_height);
    s->title_height = given(p->title_height, d->title_height);
    s->leading = given(p->leading, d->leading);
    s->padding = given(p->padding, d->padding);
    s->margin_top = given(p->margins[0], d->margins[0]);
    s->margin_right = given(p->margins[1], d->margins[1]);
    s->margin_bottom = given(p->margins[2], d->margins[2]);
    s->margin_left = given(p->margins[3], d->margins[3]);
    s->title_regular = given_flag(p->title_regular, d->title_regular) == 1;
    s->no_page_numbers = given_flag(p->page_numbers, d->page_numbers) == 0;
    s->natural_width = given_flag(p->stretch, d->stretch) == 0;
    s->label = bx_rv_expand(rv, t->label, &loc);
    s->title = bx_rv_expand(rv, t->title, &loc);
    s->name = bx_rv_expand(rv, t->sheet_name, &loc);
    if (!s->label || !s->title || !s->name)
        return false;
    if (t->caption_left && !(s->caption_left = bx_rv_expand(rv, t->caption_left, &loc)))
        return false;
    if (t->caption_right && !(s->caption_right = bx_rv_expand(rv, t->caption_right, &loc)))
        return false;
    bool ok = false;
    switch (t->kind) {
    case BX_TABLE_GRID: ok = bx_rv_resolve_grid(rv); break;
    case BX_TABLE_LEDGER: ok = bx_rv_resolve_ledger(rv); break;
    case BX_TABLE_FORM: ok = bx_rv_resolve_form(rv); break;
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
    const bx_csv *index = bx_rv_load_csv(rv, t->each_data, false);
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
    meta->blank_rows = rv->blank_rows;
    meta->template_name = meta->unit = meta->title = meta->output_name = NULL;
    meta->layout_version = "";
    if (!copy_text(a, rv->set->version, &meta->layout_version, err) ||
        !copy_text(a, from->template_name, &meta->template_name, err) ||
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
                               int blank_rows, bool text, bx_error *err);

bx_model *bx_model_resolve(const bx_layout_set *set, const bx_dataset *ds, bx_error *err)
{
    return resolve_model(set, ds, false, 0, true, err);
}

bx_model *bx_model_resolve_tables(const bx_layout_set *set, const bx_dataset *ds, bx_error *err)
{
    return resolve_model(set, ds, false, 0, false, err);
}

bx_model *bx_model_resolve_bound(const bx_layout_set *set, const bx_dataset *ds, bx_error *err)
{
    return resolve_model(set, ds, true, 0, true, err);
}

bx_model *bx_model_resolve_template(const bx_layout_set *set, const bx_dataset *ds, int blank_rows,
                                    bx_error *err)
{
    return resolve_model(set, ds, true, blank_rows, false, err);
}

static bx_model *resolve_model(const bx_layout_set *set, const bx_dataset *ds, bool bind,
                               int blank_rows, bool text, bx_error *err)
{
    bx_error spare; /* the resolver stops at the first failure err records */
    err = bx_error_or(err, &spare);
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
    /* the model outlives the dataset and the set: it keeps copies */
    m->year = ds->meta.year;
    m->amount_unit = bx_money_unit_name(set->display.unit_yuan); /* a literal */
    m->created = creation_time(ds);
    model->view.input = ds->meta.input;
    bool ok = copy_meta(&rv) && copy_text(m->arena, set->name, &m->template_name, err) &&
              copy_text(m->arena, set->font, &m->font, err);
    /* the unit and a title dataset.yaml gives: the copies the read-back
     * record keeps */
    m->author = rv.rb->meta.unit;
    m->title = rv.rb->meta.title;
    if (ok && !m->title)
        ok = (m->title = bx_rv_expand(&rv, set->title, &loc)) != NULL;
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
    ok = ok && bx_rv_printed_used(&rv);
    /* a set of a report (a document with no tables) is the one without */
    if (ok && wanted == 0 && !(set->ntables == 0 && set->document))
        ok = bx_fail(err, &loc, BX_ERR_DATA, "tables 中列出的表号在模板“%s”中都不存在",
                     set->name) == BX_OK;
    /* the text around the tables, but not in a workbook for data entry */
    const char *whole = ds->meta.document;
    if (ok && whole && strcmp(whole, "tables") != 0 && strcmp(whole, "whole") != 0)
        ok = bx_fail(err, &loc, BX_ERR_DATA,
                     "document 应为 whole（整个公开文档）或 tables（只要表格），而不是“%s”",
                     whole) == BX_OK;
    /* a dataset that lists its tables asks for those tables only, unless it
     * says otherwise: the text quotes every table */
    bool wants_text = whole ? strcmp(whole, "whole") == 0 : ds->meta.tables == NULL;
    if (ok && set->document && text && wants_text)
        ok = bx_rv_narrate(&rv);
    /* the files read, so that no output is written over one of them */
    bx_rv_intern_file(&rv, ds->origin ? ds->origin : ds->yaml_name);
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
    bx_nlog_free(&m->narration);
    bx_doc_free(m->doc);
    free(m);
}
