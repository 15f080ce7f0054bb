/* A blank workbook for data entry (`budgetx template`): the tables of a
 * layout set with their title blocks and headers, blank rows to type into
 * (unlocked, amounts validated) and the empty dataset it stands for in its
 * hidden sheet, so that the filled workbook renders like any other. With
 * a dataset to start from (`--like`), its rows keep their names, codes
 * and levels and lose their figures: last year's structure, this year's
 * numbers. */
#include "blank.h"
#include "carry.h"
#include "dataset_image.h"
#include "import.h"
#include "placeholder.h"
#include "resolve.h"
#include "xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_NAMES = 1024 };

typedef struct names {
    const char *v[MAX_NAMES];
    bool figure[MAX_NAMES]; /* columns: an amount or number */
    int n;
} names;

static bool add_name(names *list, const char *name, bool figure, bx_error *err)
{
    for (int i = 0; i < list->n; i++)
        if (strcmp(list->v[i], name) == 0) {
            list->figure[i] |= figure;
            return true;
        }
    if (list->n == MAX_NAMES)
        return bx_fail(err, NULL, BX_ERR_LIMIT, "模板的列或字段过多") == BX_OK;
    list->figure[list->n] = figure;
    list->v[list->n++] = name;
    return true;
}

/* One CSV the set reads and the columns it needs. */
typedef struct csv_spec {
    const char *data;
    const char *key_name; /* an `each` table's: its key column */
    names cols;
} csv_spec;

typedef struct blank {
    const bx_layout_set *set;
    const bx_blank_request *req; /* a workbook read by its headings, or NULL */
    bx_arena *arena;
    bx_error *err;
    names fields; /* dataset fields the layouts show or name */
    csv_spec *csvs;
    int ncsvs;
} blank;

static bool is_figure(bx_coltype t)
{
    return t == BX_COL_AMOUNT || t == BX_COL_NUMBER;
}

/* The fields a text template names: {name}, but not {year} or {unit}. */
static bool scan_text(blank *b, const char *tpl)
{
    bx_tpl_piece piece;
    for (size_t at = 0; tpl && bx_tpl_next(tpl, &at, &piece);) {
        if (piece.kind != BX_TPL_NAME)
            continue;
        char *name = bx_arena_strndup(b->arena, piece.s, piece.n, b->err);
        if (!name)
            return false;
        if (strcmp(name, "year") != 0 && strcmp(name, "unit") != 0 &&
            !add_name(&b->fields, name, false, b->err))
            return false;
    }
    return true;
}

static csv_spec *spec_for(blank *b, const char *data)
{
    for (int i = 0; i < b->ncsvs; i++)
        if (strcmp(b->csvs[i].data, data) == 0)
            return &b->csvs[i];
    csv_spec *grown = realloc(b->csvs, (size_t)(b->ncsvs + 1) * sizeof *grown);
    if (!grown) {
        bx_fail(b->err, NULL, BX_ERR_NOMEM, "内存不足");
        return NULL;
    }
    b->csvs = grown;
    csv_spec *s = &b->csvs[b->ncsvs++];
    memset(s, 0, sizeof *s);
    s->data = data;
    return s;
}

static bool scan_header(blank *b, csv_spec *spec, const bx_hnode *nodes, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const bx_hnode *h = &nodes[i];
        if (!scan_text(b, h->title) || !scan_header(b, spec, h->children, h->nchildren))
            return false;
        if (!h->nchildren && h->field && spec &&
            !add_name(&spec->cols, h->field, is_figure(h->type), b->err))
            return false;
    }
    return true;
}

/* each: the CSV a form is repeated for (its index: spec_for moves them),
 * whose row gives its values; -1 for none */
static bool scan_bands(blank *b, const bx_band *bands, size_t n, int each)
{
    for (size_t i = 0; i < n; i++) {
        const bx_band *band = &bands[i];
        csv_spec *spec = band->kind == BX_BAND_REPEAT ? spec_for(b, band->data) : NULL;
        /* a repeated form's sections name their form by its key */
        if (spec && each >= 0 && !add_name(&spec->cols, b->csvs[each].key_name, false, b->err))
            return false;
        if ((band->kind == BX_BAND_REPEAT && !spec) || !scan_text(b, band->label) ||
            !scan_header(b, NULL, band->header.roots, band->header.nroots) ||
            !scan_bands(b, band->bands, band->nbands, each))
            return false;
        for (size_t k = 0; k < band->ncells; k++) {
            const bx_fcell *fc = &band->cells[k];
            bool ok = scan_text(b, fc->text) &&
                      (!fc->value || add_name(each >= 0 ? &b->csvs[each].cols : &b->fields,
                                              fc->value, is_figure(fc->type), b->err)) &&
                      (!fc->field || add_name(&spec->cols, fc->field, is_figure(fc->type), b->err));
            if (!ok)
                return false;
        }
    }
    return true;
}

/* The keys a request gives the sheets of one `each` table, or NULL. */
static const bx_blank_keys *keys_for(const blank *b, const char *data)
{
    for (int i = 0; b->req && data && i < b->req->nkeys; i++)
        if (strcmp(b->req->keys[i].data, data) == 0)
            return &b->req->keys[i];
    return NULL;
}

static bool scan_table(blank *b, const bx_table_layout *t, bool like)
{
    /* one sheet per row of a CSV: without rows, no sheet to fill in */
    if (t->each_data && !like && !keys_for(b, t->each_data))
        return bx_fail(b->err, NULL, BX_ERR_UNSUPPORTED,
                       "表 %d 按数据逐项生成（%s），不能生成空白工作簿：请用 --like 给出数据集",
                       t->number, t->each_data) == BX_OK;
    csv_spec *spec_each = t->each_data ? spec_for(b, t->each_data) : NULL;
    if (t->each_data && (!spec_each || !add_name(&spec_each->cols, t->each_key, false, b->err)))
        return false;
    int each = spec_each ? (int)(spec_each - b->csvs) : -1;
    if (spec_each)
        spec_each->key_name = t->each_key;
    const char *texts[] = {t->title,        t->label,         t->sheet_name,
                           t->caption_left, t->caption_right, t->empty_note};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        if (!scan_text(b, texts[i]))
            return false;
    for (size_t i = 0; i < t->nnotes; i++)
        if (!scan_text(b, t->notes[i]))
            return false;
    if (t->kind == BX_TABLE_FORM)
        return scan_bands(b, t->bands, t->nbands, each);
    csv_spec *spec = spec_for(b, t->data);
    if (!spec)
        return false;
    const char *first[] = {t->kind == BX_TABLE_LEDGER ? t->side_field : NULL,
                           t->kind == BX_TABLE_LEDGER ? t->kind_field : NULL, t->level_field};
    for (size_t i = 0; i < 3; i++)
        if (first[i] && !add_name(&spec->cols, first[i], false, b->err))
            return false;
    return scan_header(b, spec, t->header.roots, t->header.nroots);
}

/* ---- the blank dataset ------------------------------------------------- */

/* Whether a column holds figures: a table's amount or number column, or
 * (the CSV a form is repeated for) a form's figure value. */
static bool figure_column(const blank *b, const csv_spec *spec, const char *name)
{
    for (int k = 0; k < spec->cols.n; k++)
        if (strcmp(spec->cols.v[k], name) == 0)
            return spec->cols.figure[k];
    for (int k = 0; k < b->fields.n; k++)
        if (strcmp(b->fields.v[k], name) == 0)
            return b->fields.figure[k];
    return false;
}

/* The rows of an `each` table's CSV a request names: its keys, the rest
 * blank (read from the sheets). */
static void key_rows(const blank *b, const csv_spec *spec, bx_strbuf *out)
{
    const bx_blank_keys *k = keys_for(b, spec->data);
    if (!k)
        return;
    const char *row[MAX_NAMES];
    for (int c = 0; c < spec->cols.n; c++)
        row[c] = "";
    for (int i = 0; i < k->nkeys; i++) {
        for (int c = 0; c < spec->cols.n; c++)
            if (strcmp(spec->cols.v[c], k->key) == 0)
                row[c] = k->values[i];
        bx_image_csv_row(out, row, (size_t)spec->cols.n);
    }
}

/* A CSV of the dataset to start from with its figures blanked, or just
 * the header. */
static void blank_csv(const blank *b, const csv_spec *spec, const bx_dataset *like, bx_strbuf *out,
                      bx_error *err)
{
    bx_csv *csv = like ? bx_dataset_csv(like, spec->data, err) : NULL;
    if (!csv) {
        bx_image_csv_row(out, spec->cols.v, (size_t)spec->cols.n);
        key_rows(b, spec, out);
        return;
    }
    bool *figure = calloc(csv->ncols + 1, 1);
    const char **row = calloc(csv->ncols + 1, sizeof *row);
    if (figure && row) {
        for (size_t c = 0; c < csv->ncols; c++)
            figure[c] = figure_column(b, spec, csv->header[c]);
        bx_image_csv_row(out, (const char *const *)csv->header, csv->ncols);
        for (size_t r = 0; r < csv->nrows; r++) {
            for (size_t c = 0; c < csv->ncols; c++)
                row[c] = figure[c] ? "" : bx_csv_cell(csv, r, c);
            bx_image_csv_row(out, row, csv->ncols);
        }
    } else {
        out->failed = true;
    }
    free(figure);
    free(row);
    bx_csv_free(csv);
}

static const char *requested_field(const blank *b, const char *name)
{
    for (size_t i = 0; b->req && i < b->req->nfields; i++)
        if (strcmp(b->req->fields[i].key, name) == 0)
            return b->req->fields[i].value;
    return NULL;
}

static bool blank_meta(blank *b, const bx_dataset *like, const char *unit, int year,
                       bx_dataset_meta *meta)
{
    bx_meta_init(meta);
    meta->template_name = b->set->name;
    meta->unit = unit ? unit : like->meta.unit;
    meta->year = year ? year : like->meta.year;
    meta->input = b->req && b->req->input.unit_yuan ? b->req->input : b->set->display;
    if (b->req)
        meta->display = b->req->display;
    meta->layout_version = b->set->version;
    /* a workbook for data entry holds the tables; the document's texts and
     * last year's figures are the dataset's files, not typed into it */
    if (b->set->document)
        meta->document = "tables";
    meta->fields =
        bx_arena_alloc(b->arena, (size_t)(b->fields.n + 1) * sizeof *meta->fields, b->err);
    if (!meta->fields)
        return false;
    for (int i = 0; i < b->fields.n; i++) {
        const bx_dfield *kept = like ? bx_dataset_field(like, b->fields.v[i]) : NULL;
        const char *given = requested_field(b, b->fields.v[i]);
        meta->fields[i] = (bx_dfield){b->fields.v[i],
                                      given                          ? given
                                      : kept && !b->fields.figure[i] ? kept->value
                                                                     : "",
                                      {NULL, 0, 0}};
    }
    meta->nfields = (size_t)b->fields.n;
    return true;
}

static bx_dataset *blank_dataset(blank *b, const bx_dataset *like, const char *unit, int year)
{
    bx_dataset_meta meta;
    bx_image img = {0};
    bool ok = blank_meta(b, like, unit, year, &meta) &&
              bx_image_start(&img, &meta, (size_t)b->ncsvs, b->err);
    for (int i = 0; ok && i < b->ncsvs; i++) {
        blank_csv(b, &b->csvs[i], like, &img.bufs[i + 1], b->err);
        ok = !bx_failed(b->err) && bx_image_seal(&img, (size_t)i, b->csvs[i].data, b->err);
    }
    bx_dataset *ds = ok ? bx_image_dataset(&img, "空白模板", b->err) : NULL;
    bx_image_free(&img);
    return ds;
}

static bx_dataset *make_blank(const bx_layout_set *set, const bx_dataset *like, const char *unit,
                              int year, const bx_blank_request *req, bx_error *err)
{
    blank b = {.set = set, .req = req, .err = err, .arena = bx_arena_new()};
    bool ok = b.arena != NULL || bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    for (size_t i = 0; ok && i < set->ntables; i++)
        ok = scan_table(&b, &set->tables[i], like != NULL) && scan_text(&b, set->title);
    bx_dataset *ds = ok ? blank_dataset(&b, like, unit, year) : NULL;
    free(b.csvs);
    bx_arena_free(b.arena);
    return ds;
}

bx_dataset *bx_blank_dataset(const bx_layout_set *set, const bx_blank_request *req, bx_error *err)
{
    return make_blank(set, NULL, req->unit, req->year, req, err);
}

/* ---- the workbook ------------------------------------------------------ */

/* The cells a template leaves open: the data cells and blank rows of every
 * block, and a form's values. */
static void mark_open(const void *ctx, int i, const bx_sheet *s, bool *open)
{
    const bx_trace *tr = &((const bx_readback *)ctx)->sheets[i];
    for (size_t k = 0; k < tr->nbinds; k++)
        open[(size_t)tr->binds[k].row * (size_t)s->ncols + (size_t)tr->binds[k].col] = true;
    for (int k = 0; k < tr->nslots; k++) {
        const bx_slot *slot = &tr->slots[k];
        for (int r = slot->row + slot->nrows; r < slot->row + slot->nrows + slot->blank; r++)
            for (int c = 0; c < s->ncols; c++) {
                const bx_cell *cell = bx_sheet_cell(s, r, c);
                if (!cell->covered && cell->kind == BX_CELL_EMPTY)
                    open[(size_t)r * (size_t)s->ncols + (size_t)c] = true;
            }
    }
}

static void write_template(const bx_model *m, const char *path, const bx_render_options *options,
                           bx_error *err)
{
    bx_carried carried;
    bx_carry_of(&m->readback, &carried);
    bx_entry entry = {&m->readback, mark_open};
    bx_write_ctx ctx = {.options = options, .carried = &carried, .entry = &entry};
    bx_doc_write(m->doc, &bx_backend_xlsx, path, &ctx, err);
}

bx_status bx_write_template(const char *set_name, const char *unit, int year, const char *like_dir,
                            int blank_rows, const char *path, const bx_render_options *options,
                            bx_error *err)
{
    bx_error local;
    if (!err) {
        bx_error_clear(&local);
        err = &local;
    }
    if (!set_name || !path || blank_rows < 1 || blank_rows > 10000)
        return bx_fail(err, NULL, BX_ERR_USAGE, "bx_write_template: 缺少模板或输出文件");
    const char *const *dirs = options ? options->layout_dirs : NULL;
    bx_dataset *like = !like_dir                  ? NULL
                       : bx_is_workbook(like_dir) ? bx_workbook_load(like_dir, dirs, err)
                                                  : bx_dataset_load(like_dir, err);
    if (like_dir && !like)
        return err->status;
    if (!like && (!unit || !*unit || year < 1980 || year > 2999)) {
        bx_dataset_free(like);
        return bx_fail(err, NULL, BX_ERR_USAGE, "空白工作簿需要单位名称和年度（--unit、--year）");
    }
    bx_layout_set *set = bx_layout_set_find(set_name, dirs, err);
    bool ok = set != NULL;
    if (ok && like && strcmp(like->meta.template_name, set->name) != 0)
        ok = bx_fail(err, NULL, BX_ERR_USAGE, "--like 的数据集使用模板“%s”，不是“%s”",
                     like->meta.template_name, set->name) == BX_OK;
    bx_dataset *ds = ok ? make_blank(set, like, unit, year, NULL, err) : NULL;
    bx_model *m = ds ? bx_model_resolve_template(set, ds, blank_rows, err) : NULL;
    if (m)
        write_template(m, path, options, err);
    bx_model_free(m);
    bx_dataset_free(ds);
    bx_dataset_free(like);
    bx_layout_set_free(set);
    return bx_failed(err) ? err->status : BX_OK;
}
