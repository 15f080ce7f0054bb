/* Reading a workbook back: the dataset it carries (xlsx_source.h) is
 * resolved again with every data cell's source recorded, the workbook's
 * sheets are compared with that model, and what the workbook now shows
 * becomes the dataset — values edited in Excel or WPS, rows added or
 * removed where a table's rows vary. Headings, titles and notes must be
 * as the layout writes them: a changed one is an error naming its cell.
 *
 * Rows are paired with the dataset's by their texts (labels, codes; see
 * align.h), so that the figures of an untouched row keep the precision
 * the dataset gave them (元 behind a 万元 display), and a row typed in
 * takes its place among the dataset's. */
#include "import.h"

#include "dataset_image.h"
#include "dataset_sheet.h"
#include "fs.h"
#include "geometry.h"
#include "importer.h"
#include "relocate.h"
#include "text.h"
#include "xls_read.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bx_cell_origin bx_im_where(const importer *im, int row, int col)
{
    bx_cell_origin at = {im->ws ? im->ws->name : "", row, col};
    if (im->origins && im->ws) { /* the cell of the workbook the user has */
        const bx_origin *o = &im->origins[im->ws - im->book->sheets];
        at.sheet = o->sheet;
        at.row = row >= 0 && row < o->nrows && o->row_of[row] >= 0 ? o->row_of[row] : row;
        at.col = col >= 0 && col < o->ncols && o->col_of[col] >= 0 ? o->col_of[col] : col;
    }
    return at;
}

bool bx_im_fail_at(importer *im, int row, int col, const char *fmt, ...)
{
    char ref[32], msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    bx_loc loc = {im->book->path, 0, 0};
    bx_cell_origin at = bx_im_where(im, row, col);
    bx_fail(im->err, &loc, BX_ERR_DATA, "%s!%s：%s", at.sheet,
            bx_cell_ref(at.row, at.col, ref, sizeof ref), msg);
    return false;
}

bx_scale bx_im_shown(const importer *im)
{
    if (im->origins && im->ws)
        return im->origins[im->ws - im->book->sheets].shown;
    bx_scale shown = im->set->display;
    if (im->t && im->t->display_unit)
        shown.unit_yuan = im->t->display_unit;
    return shown;
}

const char *bx_im_keep(importer *im, const char *s)
{
    return bx_arena_strdup(im->arena, s, im->err);
}

/* ---- the dataset sheet ------------------------------------------------- */

/* The dataset the workbook carries, from its hidden sheet: the describing
 * rows read by the dataset schema, and the CSVs. */
static bool read_carried(const bx_xbook *book, bx_arena *a, bx_dataset_meta *meta,
                         bx_carried_book *cb, bx_error *err)
{
    if (!bx_carried_read(book, a, cb, err))
        return false;
    bx_meta_init(meta);
    meta->layout_version = "";
    for (int i = 0; i < cb->nrows; i++) {
        const bx_carried_row *r = &cb->rows[i];
        if (!bx_meta_row(meta, r->tag, r->texts, r->n, a, err))
            return bx_failed(err) ? false : bx_carried_row_broken(book, r, err);
    }
    bx_loc loc = {book->path, 0, 0};
    if (!bx_meta_complete(meta))
        return bx_fail(err, &loc, BX_ERR_DATA, "工作表“%s”缺少模板、单位、年度或金额单位",
                       BX_CARRY_SHEET) == BX_OK;
    return true;
}

/* ---- the corrected dataset as files ------------------------------------ */

/* What the hidden sheet holds, as dataset.yaml and CSV texts. */
static bool carried_image(const bx_dataset_meta *meta, const bx_carried_book *cb, bx_image *img,
                          bx_error *err)
{
    bool ok = bx_image_start(img, meta, (size_t)cb->ncsvs, err);
    for (int i = 0; ok && i < cb->ncsvs; i++) {
        bx_strbuf_append(&img->bufs[i + 1], cb->csvs[i].text, cb->csvs[i].len);
        ok = bx_image_seal(img, (size_t)i, cb->csvs[i].file, err);
    }
    return ok;
}

/* Where the cells of a corrected CSV were read, row by row in its order
 * (for the dataset's origins: findings and --diff name those cells). */
typedef struct row_origins {
    bx_cell_origin *v;
    size_t rows, cap, cols;
    bool failed;
} row_origins;

static void add_origins(row_origins *o, const bx_cell_origin *at)
{
    if (o->failed)
        return;
    if (o->rows == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 64;
        bx_cell_origin *p = realloc(o->v, cap * (o->cols ? o->cols : 1) * sizeof *p);
        if (!p) {
            o->failed = true;
            return;
        }
        o->v = p;
        o->cap = cap;
    }
    for (size_t c = 0; c < o->cols; c++)
        o->v[o->rows * o->cols + c] = at ? at[c] : (bx_cell_origin){NULL, -1, -1};
    o->rows++;
}

/* One corrected CSV: its rows in order, gone ones left out, new ones
 * where they were added; where each cell was read into *o. */
static void corrected_csv(const etable *t, bx_strbuf *b, row_origins *o)
{
    const bx_csv *csv = t->csv;
    o->cols = csv->ncols;
    bx_image_csv_row(b, (const char *const *)csv->header, csv->ncols);
    for (size_t r = 0; r <= csv->nrows; r++) {
        for (int k = 0; k < t->nins; k++)
            if (r < csv->nrows ? t->ins[k].anchor == (int)r && !t->ins[k].after
                               : t->ins[k].anchor < 0) {
                bx_image_csv_row(b, t->ins[k].cells, csv->ncols);
                add_origins(o, t->ins[k].at);
            }
        if (r == csv->nrows)
            break;
        if (!t->deleted[r]) {
            bx_image_csv_row(b, &t->cells[r * csv->ncols], csv->ncols);
            add_origins(o, &t->at[r * csv->ncols]);
        }
        for (int k = 0; k < t->nins; k++)
            if (t->ins[k].anchor == (int)r && t->ins[k].after) {
                bx_image_csv_row(b, t->ins[k].cells, csv->ncols);
                add_origins(o, t->ins[k].at);
            }
    }
}

/* dataset.yaml's origins: per line (one column), the cell its field was
 * read from, so that a finding about a form's value names that cell. */
static bool keep_field_origins(bx_dataset *ds, const importer *im, bx_error *err)
{
    const bx_dataset_meta *was = &im->m0->readback.meta;
    size_t lines = 0;
    for (size_t j = 0; j < ds->meta.nfields; j++)
        if (ds->meta.fields[j].loc.line > 1 && (size_t)ds->meta.fields[j].loc.line - 1 > lines)
            lines = (size_t)ds->meta.fields[j].loc.line - 1;
    bx_file_origins *f = &ds->origins[0];
    f->cells = bx_arena_alloc(ds->arena, (lines + 1) * sizeof *f->cells, err);
    if (!f->cells)
        return false;
    for (size_t k = 0; k < lines; k++)
        f->cells[k] = (bx_cell_origin){NULL, -1, -1};
    for (size_t j = 0; j < ds->meta.nfields; j++) {
        const bx_dfield *d = &ds->meta.fields[j];
        for (size_t i = 0; d->loc.line > 1 && i < was->nfields; i++) {
            const bx_cell_origin *at = &im->field_at[i];
            if (strcmp(was->fields[i].key, d->key) != 0 || !at->sheet)
                continue;
            const char *sheet = bx_arena_strdup(ds->arena, at->sheet, err);
            if (!sheet)
                return false;
            f->cells[d->loc.line - 2] = (bx_cell_origin){sheet, at->row, at->col};
        }
    }
    f->rows = lines;
    f->cols = 1;
    return true;
}

/* The origins into the dataset, its sheet names copied (the workbook goes
 * before the dataset does). */
static bool keep_origins(bx_dataset *ds, const importer *im, row_origins *o, int n, bx_error *err)
{
    ds->origins = bx_arena_alloc(ds->arena, ds->nmem * sizeof *ds->origins, err);
    if (!ds->origins)
        return false;
    memset(ds->origins, 0, ds->nmem * sizeof *ds->origins);
    if (!keep_field_origins(ds, im, err))
        return false;
    const char *last = NULL, *kept = NULL;
    for (int i = 0; i < n && (size_t)i + 1 < ds->nmem; i++) {
        if (o[i].failed)
            return bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
        size_t cells = o[i].rows * o[i].cols;
        bx_file_origins *f = &ds->origins[i + 1];
        f->cells = bx_arena_alloc(ds->arena, (cells + 1) * sizeof *f->cells, err);
        if (!f->cells)
            return false;
        for (size_t k = 0; k < cells; k++) {
            bx_cell_origin at = o[i].v[k];
            if (at.sheet && at.sheet != last) {
                last = at.sheet;
                if (!(kept = bx_arena_strdup(ds->arena, at.sheet, err)))
                    return false;
            }
            f->cells[k] = (bx_cell_origin){at.sheet ? kept : NULL, at.row, at.col};
        }
        f->rows = o[i].rows;
        f->cols = o[i].cols;
    }
    return true;
}

static bool corrected_image(importer *im, bx_image *img, row_origins *origins)
{
    const bx_readback *rb = &im->m0->readback;
    bx_dataset_meta meta = rb->meta;
    meta.blank_rows = 0; /* a filled template is a dataset like any other */
    meta.fields = bx_arena_alloc(im->arena, (meta.nfields + 1) * sizeof *meta.fields, im->err);
    if (!meta.fields)
        return false;
    for (size_t i = 0; i < meta.nfields; i++)
        meta.fields[i] = (bx_dfield){rb->meta.fields[i].key, im->fields[i], {NULL, 0, 0}};
    bool ok = bx_image_start(img, &meta, (size_t)rb->nsources, im->err);
    for (int i = 0; ok && i < rb->nsources; i++) {
        corrected_csv(&im->tables[i], &img->bufs[i + 1], &origins[i]);
        ok = bx_image_seal(img, (size_t)i, rb->sources[i].file, im->err);
    }
    return ok;
}

/* ---- the whole workbook ------------------------------------------------ */

static bool start_tables(importer *im)
{
    const bx_readback *rb = &im->m0->readback;
    im->tables = bx_calloc((size_t)rb->nsources + 1, sizeof *im->tables, im->err);
    im->fields = bx_arena_alloc(im->arena, (rb->meta.nfields + 1) * sizeof(char *), im->err);
    im->field_at =
        bx_arena_alloc(im->arena, (rb->meta.nfields + 1) * sizeof *im->field_at, im->err);
    im->names = bx_sheet_names(im->m0->doc, im->err);
    if (!im->tables || !im->fields || !im->field_at || !im->names)
        return false;
    for (size_t i = 0; i < rb->meta.nfields; i++) {
        im->fields[i] = rb->meta.fields[i].value;
        im->field_at[i] = (bx_cell_origin){NULL, -1, -1};
    }
    for (int i = 0; i < rb->nsources; i++) {
        etable *t = &im->tables[i];
        const bx_csv *csv = rb->sources[i].csv;
        size_t n = csv->nrows * csv->ncols;
        t->csv = csv;
        t->cells = bx_arena_alloc(im->arena, (n ? n : 1) * sizeof(char *), im->err);
        t->at = bx_arena_alloc(im->arena, (n ? n : 1) * sizeof *t->at, im->err);
        t->deleted = bx_arena_alloc(im->arena, csv->nrows + 1, im->err);
        if (!t->cells || !t->at || !t->deleted)
            return false;
        for (size_t k = 0; k < n; k++) {
            t->cells[k] = csv->cells[k];
            t->at[k] = (bx_cell_origin){NULL, -1, -1};
        }
    }
    return true;
}

static void importer_free(importer *im)
{
    for (int i = 0; im->tables && im->m0 && i < im->m0->readback.nsources; i++)
        free(im->tables[i].ins);
    free(im->names);
    free(im->tables);
    free(im->bind_start);
    free(im->order);
    bx_covers_free(&im->covers);
    bx_model_free(im->m0);
    bx_arena_free(im->arena);
}

/* Compare every sheet of the model with the workbook and build the
 * corrected dataset. */
static bx_dataset *corrected_dataset(importer *im, const char *path)
{
    bool ok = start_tables(im);
    for (int i = 0; ok && i < im->m0->doc->nsheets; i++)
        ok = bx_im_read_sheet(im, i);
    bx_image img = {0};
    int n = im->m0->readback.nsources;
    row_origins *origins = calloc((size_t)n + 1, sizeof *origins);
    ok = ok && (origins || bx_fail(im->err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK) &&
         corrected_image(im, &img, origins);
    bx_dataset *ds = ok ? bx_image_dataset(&img, path, im->err) : NULL;
    if (ds && !keep_origins(ds, im, origins, n, im->err)) {
        bx_dataset_free(ds);
        ds = NULL;
    }
    for (int i = 0; origins && i < n; i++)
        free(origins[i].v);
    free(origins);
    bx_image_free(&img);
    bool other_version =
        im->set->version && strcmp(im->m0->readback.meta.layout_version, im->set->version) != 0;
    bool levels_lost = im->levels && bx_im_levels_lost(im);
    char notice[512];
    snprintf(notice, sizeof notice, "%s%s%s",
             other_version ? "这个工作簿是用另一版本的布局生成的；已按当前布局读回" : "",
             other_version && levels_lost ? "。" : "",
             levels_lost ? "工作簿中没有缩进格式（可能经其他软件另存，丢失了单元格格式）；"
                           "各行保留数据集原有的层级，新增的行取上一行的层级"
                         : "");
    if (ds && *notice)
        ds->notice = bx_arena_strdup(ds->arena, notice, im->err);
    return ds;
}

bx_dataset *bx_im_read_redrawn(const bx_xbook *book, const bx_origin *origins,
                               const bx_layout_set *set, bx_model *m0, bx_error *err)
{
    importer im = {.book = book,
                   .err = err,
                   .arena = bx_arena_new(),
                   .set = set,
                   .m0 = m0,
                   .origins = origins};
    bx_dataset *ds = im.arena ? corrected_dataset(&im, book->path)
                              : (bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足"), NULL);
    importer_free(&im);
    return ds;
}

bx_dataset *bx_workbook_dataset(const char *path, bx_set_finder find, void *ctx,
                                const bx_foreign_hints *hints, bx_error *err)
{
    bx_xbook *book = bx_workbook_open(path, err);
    bx_dataset *ds = book ? bx_workbook_dataset_of(book, find, ctx, hints, err) : NULL;
    bx_xbook_free(book);
    return ds;
}

/* A workbook without our hidden sheet: read as tables of the set asked
 * for, or of the one set its sheets are. */
static bx_dataset *foreign_dataset(const bx_xbook *book, bx_set_finder find, void *ctx,
                                   const bx_foreign_hints *hints, bx_error *err)
{
    bx_loc loc = {book->path, 0, 0};
    if (!hints)
        return bx_fail(err, &loc, BX_ERR_DATA,
                       "这个工作簿不是 budgetx 生成的（没有隐藏的工作表“%s”），无法读回",
                       BX_CARRY_SHEET),
               NULL;
    char *guessed = hints->set ? NULL : bx_foreign_guess_set(book, hints->layout_dirs, err);
    const char *name = hints->set ? hints->set : guessed;
    const bx_layout_set *set = name ? find(ctx, name, err) : NULL;
    bx_dataset *ds = set ? bx_foreign_dataset(book, set, hints, err) : NULL;
    free(guessed);
    return ds;
}

bx_dataset *bx_workbook_dataset_of(const bx_xbook *book, bx_set_finder find, void *ctx,
                                   const bx_foreign_hints *hints, bx_error *err)
{
    const char *path = book->path;
    if (!bx_xbook_sheet(book, BX_CARRY_SHEET))
        return foreign_dataset(book, find, ctx, hints, err);
    importer im = {.book = book, .err = err, .arena = bx_arena_new()};
    bx_dataset_meta meta;
    bx_carried_book cb;
    bx_image img = {0};
    bx_dataset *ds0 = NULL, *ds = NULL;
    if (!im.arena)
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
    else if (read_carried(book, im.arena, &meta, &cb, err) && carried_image(&meta, &cb, &img, err))
        ds0 = bx_image_dataset(&img, path, err);
    bx_image_free(&img);
    /* a template's blank rows are part of the sheets to compare with */
    if (ds0 && (im.set = find(ctx, ds0->meta.template_name, err)) != NULL &&
        (im.m0 = meta.blank_rows ? bx_model_resolve_template(im.set, ds0, meta.blank_rows, err)
                                 : bx_model_resolve_bound(im.set, ds0, err)) != NULL)
        ds = corrected_dataset(&im, path);
    importer_free(&im);
    bx_dataset_free(ds0);
    return ds;
}

int bx_is_workbook(const char *path)
{
    struct stat st;
    bool named =
        path && (bx_path_has_extension(path, ".xlsx") || bx_path_has_extension(path, ".xls"));
    return named && !(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
}

bx_status bx_dataset_save_with(const bx_dataset *ds, const char *dir, int flags, bx_error *err)
{
    bx_error local;
    if (!err) {
        bx_error_clear(&local);
        err = &local;
    }
    if (!ds || !ds->nmem || !dir)
        return bx_fail(err, NULL, BX_ERR_USAGE, "只能保存从工作簿读回的数据");
    return bx_image_save(ds->mem, ds->nmem, dir, flags & BX_SAVE_FORCE ? BX_IMAGE_FORCE : 0,
                         ds->origin, err);
}

bx_status bx_dataset_save(const bx_dataset *ds, const char *dir, bx_error *err)
{
    return bx_dataset_save_with(ds, dir, 0, err);
}

/* The place of a row of a CSV read from a workbook: the sheet and row of
 * its first cell that was shown in one. */
static bool row_place(const bx_dataset *ds, const bx_file_origins *f, int line, char *out,
                      size_t size)
{
    for (size_t c = 0; c < f->cols; c++) {
        const bx_cell_origin *at = &f->cells[(size_t)(line - 2) * f->cols + c];
        if (at->sheet && at->row >= 0) {
            snprintf(out, size, "%s: %s 第 %d 行", ds->origin, at->sheet, at->row + 1);
            return true;
        }
    }
    return false;
}

/* A finding about a CSV read from a workbook: the workbook's cell, or its
 * row; one about a whole table, or about nothing in particular, the
 * workbook (the finding names the table). */
static bool workbook_place(void *ctx, const char *file, int line, int column, char *out,
                           size_t size)
{
    const bx_dataset *ds = ctx;
    size_t n = strlen(ds->origin);
    static const char sep[] = " » ";
    if (!file[0] || (line <= 0 && strcmp(file, ds->origin) == 0)) {
        snprintf(out, size, "%s", ds->origin);
        return true;
    }
    if (strncmp(file, ds->origin, n) != 0 || strncmp(file + n, sep, strlen(sep)) != 0)
        return false;
    const char *name = file + n + strlen(sep);
    for (size_t i = 0; i < ds->nmem; i++) {
        const bx_file_origins *f = &ds->origins[i];
        if (strcmp(ds->mem[i].name, name) != 0)
            continue;
        if (line <= 0) {
            snprintf(out, size, "%s", ds->origin);
            return true;
        }
        if (line < 2 || (size_t)(line - 2) >= f->rows)
            return false;
        if (i == 0) /* dataset.yaml: a line is a field, wherever on it */
            column = 1;
        if (column < 1 || (size_t)column > f->cols)
            return row_place(ds, f, line, out, size);
        const bx_cell_origin *at = &f->cells[(size_t)(line - 2) * f->cols + (size_t)(column - 1)];
        if (!at->sheet || at->row < 0)
            return row_place(ds, f, line, out, size);
        char ref[32];
        snprintf(out, size, "%s: %s!%s", ds->origin, at->sheet,
                 bx_cell_ref(at->row, at->col, ref, sizeof ref));
        return true;
    }
    return false;
}

void bx_findings_locate(bx_findings *findings, const bx_dataset *ds)
{
    if (findings && ds && ds->origin && ds->origins)
        bx_findings_relocate(findings, workbook_place, (void *)ds);
}

const char *bx_dataset_notice(const bx_dataset *ds)
{
    return ds ? ds->notice : NULL;
}

typedef struct found_set {
    const char *const *dirs;
    bx_layout_set *set;
} found_set;

static const bx_layout_set *find_and_keep(void *ctx, const char *name, bx_error *err)
{
    found_set *f = ctx;
    return f->set = bx_layout_set_find(name, f->dirs, err);
}

bx_dataset *bx_workbook_load(const char *path, const char *const *layout_dirs, bx_error *err)
{
    return bx_workbook_load_as(path, layout_dirs, NULL, err);
}

bx_dataset *bx_workbook_load_as(const char *path, const char *const *layout_dirs,
                                const bx_workbook_hints *hints, bx_error *err)
{
    bx_error spare; /* the reader stops at the first failure err records */
    err = bx_error_or(err, &spare);
    if (!path)
        return bx_fail(err, NULL, BX_ERR_USAGE, "bx_workbook_load: 缺少工作簿"), NULL;
    found_set f = {layout_dirs, NULL};
    bx_foreign_hints h = {0};
    if (hints)
        h = (bx_foreign_hints){hints->set, hints->unit, hints->year, layout_dirs};
    bx_dataset *ds = bx_workbook_dataset(path, find_and_keep, &f, hints ? &h : NULL, err);
    bx_layout_set_free(f.set);
    return ds;
}
