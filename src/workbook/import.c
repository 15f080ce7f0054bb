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

#include "align.h"
#include "dataset_image.h"
#include "dataset_sheet.h"
#include "decimal.h"
#include "display.h"
#include "geometry.h"
#include "resolve.h"
#include "text.h"
#include "xlsx_read.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

enum {
    MERGE_MAX_CELLS = 65536,  /* bigger merges are not data */
    MAX_COVERED = 8 * 1048576 /* merged positions indexed in one sheet */
};

/* ---- the import -------------------------------------------------------- */

typedef struct insert {
    int anchor; /* a CSV row, or -1: at the end */
    bool after;
    const char **cells;
} insert;

/* A CSV being corrected: its original rows (texts replaced in place),
 * which are gone, and new rows with where they go. */
typedef struct etable {
    const bx_csv *csv;
    const char **cells;
    bool *deleted;
    insert *ins;
    int nins, cap_ins;
} etable;

typedef struct cover {
    int row, col, anchor_row, anchor_col;
} cover;

typedef struct importer {
    const bx_xbook *book;
    const bx_layout_set *set;
    bx_model *m0;
    bx_arena *arena; /* new texts */
    bx_error *err;
    etable *tables; /* per source of m0 */
    const char **fields;
    bx_sheet_name *names; /* the worksheets of m0's sheets */
    /* the sheet being compared */
    const bx_sheet *s;
    const bx_trace *tr; /* its read-back record */
    const bx_xsheet *ws;
    const bx_table_layout *t;
    int *bind_start; /* s->nrows + 1: binds of row r are order[bind_start[r] …] */
    int *order;
    cover *covers;
    size_t ncovers;
} importer;

static bool fail_at(importer *im, int row, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* An error naming the sheet and cell, "表3 支出总表!D5：…". */
static bool fail_at(importer *im, int row, int col, const char *fmt, ...)
{
    char ref[32], msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    bx_loc loc = {im->book->path, 0, 0};
    bx_fail(im->err, &loc, BX_ERR_DATA, "%s!%s：%s", im->ws ? im->ws->name : "",
            bx_cell_ref(row, col, ref, sizeof ref), msg);
    return false;
}

static const char *keep(importer *im, const char *s)
{
    return bx_arena_strdup(im->arena, s, im->err);
}

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

static bool index_merges(importer *im)
{
    free(im->covers);
    im->covers = NULL;
    im->ncovers = 0;
    size_t n = 0;
    for (size_t i = 0; i < im->ws->nmerges; i++)
        if (merge_area(&im->ws->merges[i]) <= MERGE_MAX_CELLS)
            n += merge_area(&im->ws->merges[i]);
    if (n > MAX_COVERED) {
        bx_loc loc = {im->book->path, 0, 0};
        return bx_fail(im->err, &loc, BX_ERR_LIMIT, "工作表“%s”的合并单元格过多", im->ws->name) ==
               BX_OK;
    }
    im->covers = bx_calloc(n ? n : 1, sizeof *im->covers, im->err);
    if (!im->covers)
        return false;
    for (size_t i = 0; i < im->ws->nmerges; i++) {
        const bx_xmerge *m = &im->ws->merges[i];
        if (merge_area(m) > MERGE_MAX_CELLS)
            continue;
        for (int r = m->first_row; r <= m->last_row; r++)
            for (int c = m->first_col; c <= m->last_col; c++)
                if (r != m->first_row || c != m->first_col)
                    im->covers[im->ncovers++] = (cover){r, c, m->first_row, m->first_col};
    }
    qsort(im->covers, im->ncovers, sizeof *im->covers, by_place);
    return true;
}

static const cover *covered(const importer *im, int row, int col)
{
    cover key = {row, col, 0, 0};
    return bsearch(&key, im->covers, im->ncovers, sizeof key, by_place);
}

/* The cell at (row, col); inside a merge, the merge's first cell. */
static const bx_xcell *wcell(const importer *im, int row, int col)
{
    const cover *c = covered(im, row, col);
    return c ? bx_xsheet_cell(im->ws, c->anchor_row, c->anchor_col)
             : bx_xsheet_cell(im->ws, row, col);
}

/* What a cell shows as text ("" for none). */
static const char *wtext(const importer *im, int row, int col)
{
    const bx_xcell *c = wcell(im, row, col);
    return c ? c->text : "";
}

/* Empty when it holds nothing but spaces, or lies inside a merge. */
static bool wblank(const importer *im, int row, int col)
{
    if (covered(im, row, col))
        return true;
    const bx_xcell *c = bx_xsheet_cell(im->ws, row, col);
    return !c || bx_text_blank(c->text);
}

/* ---- binds ------------------------------------------------------------- */

static bool index_binds(importer *im)
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

/* The bind of cell (row, col) of the model, or NULL. */
static const bx_bind *bind_at(const importer *im, int row, int col)
{
    for (int k = im->bind_start[row]; k < im->bind_start[row + 1]; k++)
        if (im->tr->binds[im->order[k]].col == col)
            return &im->tr->binds[im->order[k]];
    return NULL;
}

static const char *source_text(const importer *im, const bx_bind *b)
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
    bx_scale in = im->m0->readback.meta.input, shown = im->set->display;
    int decimals = in.decimals + bx_log10(shown.unit_yuan) - bx_log10(in.unit_yuan);
    int64_t v;
    switch (bx_decimal_scale(plain, decimals, &v)) {
    case BX_SCALED_OK: break;
    case BX_SCALED_DECIMALS:
        return fail_at(im, row, col, "金额“%s”的小数位数过多（数据以%s计、%d 位小数）", plain,
                       bx_money_unit_name(in.unit_yuan), in.decimals);
    case BX_SCALED_OVERFLOW: return fail_at(im, row, col, "金额“%s”超出范围", plain);
    }
    char buf[64];
    bx_amount_format(v, in.decimals, false, buf, sizeof buf);
    return (*out = keep(im, buf)) != NULL;
}

/* The text a data cell now holds, for its place in the dataset: `old`
 * when the workbook shows what the dataset gave, else the new value
 * (amounts in the dataset's unit). `model` is the cell as resolved. */
static bool read_value(importer *im, int row, int col, const bx_cell *model, const char *old,
                       const char **out)
{
    const bx_xcell *xc = wcell(im, row, col);
    if (xc && xc->formula && !xc->cached)
        return fail_at(im, row, col, "公式没有计算结果（请在 Excel 或 WPS 中重新计算后保存）");
    if (xc && xc->type == BX_X_ERROR)
        return fail_at(im, row, col, "单元格的值是错误值“%s”", xc->text);
    size_t nwas, nnow;
    const char *was = bx_text_trim(old, &nwas), *text = bx_text_trim(xc ? xc->text : "", &nnow);
    *out = old;
    /* a figure is short; anything longer is not one (and is reported) */
    char now[400];
    snprintf(now, sizeof now, "%.*s", (int)(nnow < sizeof now ? nnow : sizeof now - 1), text);
    if (!bx_cell_is_figure(model) || bx_amount_means_nothing(now)) {
        if (nwas == nnow && memcmp(was, text, nnow) == 0)
            return true;
        return (*out = bx_arena_strndup(im->arena, text, nnow, im->err)) != NULL;
    }
    if (nnow >= sizeof now)
        return fail_at(im, row, col, "金额格式无效（过长）");
    char plain[400];
    bool ok = xc->type == BX_X_NUMBER ? bx_decimal_from_number(now, plain, sizeof plain)
                                      : bx_decimal_from_text(now, plain, sizeof plain);
    if (!ok)
        return fail_at(im, row, col, "金额格式无效“%s”", now);
    int64_t v;
    if (model->kind == BX_CELL_AMOUNT &&
        bx_decimal_scale(plain, model->decimals, &v) == BX_SCALED_OK && v == model->amount)
        return true; /* as shown: keep the dataset's precision */
    if (model->style == BX_STYLE_NUMBER)
        return (*out = keep(im, plain)) != NULL;
    return amount_text(im, row, col, plain, out);
}

/* Put a corrected text where the bind says. */
static void store(importer *im, const bx_bind *b, size_t record, const char *text)
{
    if (b->source == BX_BIND_FIELD) {
        im->fields[b->column] = text;
        return;
    }
    etable *t = &im->tables[b->source];
    t->cells[record * t->csv->ncols + b->column] = text;
}

/* ---- fixed rows -------------------------------------------------------- */

/* Whether workbook row wr still holds the literal texts of model row r
 * (and there is at least one). */
static bool row_matches(const importer *im, int r, int wr)
{
    int literals = 0;
    for (int c = 0; c < im->s->ncols; c++) {
        const bx_cell *mc = bx_sheet_cell(im->s, r, c);
        if (mc->covered || mc->kind != BX_CELL_TEXT || bind_at(im, r, c))
            continue;
        if (strcmp(wtext(im, wr, c), mc->text) != 0)
            return false;
        literals++;
    }
    return literals > 0;
}

static const char *what_text(const bx_cell *c)
{
    return c->style == BX_STYLE_HEADER ? "表头" : "文字";
}

/* A row of fixed cells: literal texts must be unchanged; the values in it
 * (a form's fields) are read. */
static bool fixed_row(importer *im, int r, int wr)
{
    for (int c = 0; c < im->s->ncols; c++) {
        const bx_cell *mc = bx_sheet_cell(im->s, r, c);
        if (mc->covered)
            continue;
        const bx_bind *b = bind_at(im, r, c);
        if (b) {
            const char *text;
            if (!read_value(im, wr, c, mc, source_text(im, b), &text))
                return false;
            store(im, b, b->record, text);
        } else if (mc->kind == BX_CELL_TEXT && strcmp(wtext(im, wr, c), mc->text) != 0) {
            return fail_at(im, wr, c, "%s应为“%s”，工作簿中为“%s”", what_text(mc), mc->text,
                           wtext(im, wr, c));
        }
    }
    return true;
}

/* ---- rows that vary ---------------------------------------------------- */

/* The rows of one region on both sides: the model's (each showing one
 * CSV row) and the workbook's non-blank ones, over columns [c0, c1). */
typedef struct region {
    int source;
    int c0, c1;
    int *mrows, nm;
    int *wrows, nw;
    const char **mkeys, **wkeys;
    int *match;                  /* per workbook row: index into mrows, or -1 */
    const bx_hnode *ledger_side; /* ledgers: the side's group */
    const bx_slot *slot;         /* the block, when the model records it */
    int *map;                    /* per grid column: the CSV column it shows, or -1 */
    bx_cell *kinds;              /* per grid column: an empty cell of its type */
} region;

/* The record a model row shows in the region's columns. */
static const bx_bind *row_bind(const importer *im, const region *g, int r)
{
    for (int k = im->bind_start[r]; k < im->bind_start[r + 1]; k++) {
        const bx_bind *b = &im->tr->binds[im->order[k]];
        if (b->source == g->source && b->col >= g->c0 && b->col < g->c1)
            return b;
    }
    return NULL;
}

/* A row's texts (not figures) in the region's columns, joined: what pairs
 * workbook rows with the dataset's. */
static const char *row_key(importer *im, const region *g, int mrow, int wrow)
{
    bx_strbuf key;
    bx_strbuf_init(&key, 0);
    for (int c = g->c0; c < g->c1; c++) {
        const bx_bind *b = bind_at(im, mrow, c);
        if (!b || b->source != g->source || bx_cell_is_figure(bx_sheet_cell(im->s, mrow, c)))
            continue;
        const char *text = wrow >= 0 ? wtext(im, wrow, c) : source_text(im, b);
        size_t n;
        const char *t = bx_text_trim(text, &n);
        bx_strbuf_append(&key, t, n);
        bx_strbuf_putc(&key, '\x1f');
    }
    const char *k = keep(im, bx_strbuf_str(&key));
    bx_strbuf_free(&key);
    return k;
}

static bool pair_rows(importer *im, region *g)
{
    g->match = bx_arena_alloc(im->arena, (size_t)(g->nw ? g->nw : 1) * sizeof(int), im->err);
    return g->match && bx_align_keys(g->mkeys, g->nm, g->wkeys, g->nw, g->match, im->err);
}

/* The indentation level a workbook row shows in column col. */
static int shown_level(const importer *im, int wrow, int col)
{
    const bx_xcell *c = bx_xsheet_cell(im->ws, wrow, col);
    return c ? bx_xbook_indent(im->book, c->style) : 0;
}

/* The column of the layout's indented leaf within [c0, c1), or -1. */
static int indent_column(const importer *im, const region *g)
{
    if (im->t->kind == BX_TABLE_FORM || !im->t->level_field)
        return -1;
    const bx_hnode *leaves[BX_MAX_COLUMNS * 4];
    size_t n = bx_header_leaves(&im->t->header, leaves);
    for (size_t i = 0; i < n && (int)i < g->c1; i++)
        if ((int)i >= g->c0 && leaves[i]->indent)
            return (int)i;
    return -1;
}

static void map_column(region *g, int col, int csv_col, bx_coltype type, int decimals)
{
    if (col < 0 || col >= g->c1 || csv_col < 0)
        return;
    g->map[col] = csv_col;
    g->kinds[col] = (bx_cell){.style = bx_coltype_style(type), .decimals = (uint8_t)decimals};
}

/* Which CSV column each grid column of the region shows: from a model row
 * when there is one, else from the layout (a block the dataset left
 * empty). Cells are kept empty: a typed value is always new. */
static bool map_region(importer *im, region *g)
{
    g->map = bx_arena_alloc(im->arena, (size_t)g->c1 * sizeof(int), im->err);
    g->kinds = bx_arena_alloc(im->arena, (size_t)g->c1 * sizeof(bx_cell), im->err);
    if (!g->map || !g->kinds)
        return false;
    for (int c = 0; c < g->c1; c++)
        g->map[c] = -1;
    if (g->nm > 0) {
        for (int c = g->c0; c < g->c1; c++) {
            const bx_bind *b = bind_at(im, g->mrows[0], c);
            if (b && b->source == g->source) {
                g->map[c] = b->column;
                g->kinds[c] = *bx_sheet_cell(im->s, g->mrows[0], c);
                g->kinds[c].kind = BX_CELL_EMPTY;
            }
        }
        return true;
    }
    const bx_csv *csv = im->m0->readback.sources[g->source].csv;
    int decimals =
        im->t->display_decimals >= 0 ? im->t->display_decimals : im->set->display.decimals;
    if (g->slot && g->slot->band) {
        int col = g->slot->col0;
        const bx_band *b = g->slot->band;
        for (size_t i = 0; i < b->ncells; col += b->cells[i].span, i++)
            if (b->cells[i].field)
                map_column(g, col, bx_csv_column(csv, b->cells[i].field), b->cells[i].type,
                           b->cells[i].type == BX_COL_AMOUNT ? decimals : b->cells[i].decimals);
        return true;
    }
    const bx_hnode *leaves[BX_MAX_COLUMNS * 4];
    size_t n = bx_header_leaves(&im->t->header, leaves);
    for (size_t i = 0; i < n; i++)
        if ((int)i >= g->c0 && leaves[i]->field)
            map_column(g, (int)i, bx_csv_column(csv, leaves[i]->field), leaves[i]->type,
                       leaves[i]->type == BX_COL_AMOUNT ? decimals : leaves[i]->decimals);
    return true;
}

static bool add_insert(importer *im, etable *t, const insert *ins)
{
    if (t->nins == t->cap_ins) {
        int cap = t->cap_ins ? t->cap_ins * 2 : 16;
        insert *p = realloc(t->ins, (size_t)cap * sizeof *p);
        if (!p)
            return bx_fail(im->err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
        t->ins = p;
        t->cap_ins = cap;
    }
    t->ins[t->nins++] = *ins;
    return true;
}

static bool ends_with(const char *s, size_t n, const char *end)
{
    size_t k = strlen(end);
    return n >= k && memcmp(s + n - k, end, k) == 0;
}

/* A new ledger line named like a total is one. */
static bool is_total_label(const importer *im, const region *g, int wrow)
{
    for (int c = g->c0; c < g->c1; c++) {
        if (g->map[c] < 0 || g->kinds[c].style == BX_STYLE_AMOUNT ||
            g->kinds[c].style == BX_STYLE_NUMBER)
            continue;
        size_t n;
        const char *label = bx_text_trim(wtext(im, wrow, c), &n);
        return ends_with(label, n, "合计") || ends_with(label, n, "总计");
    }
    return false;
}

/* The columns a new row takes from the layout rather than from cells:
 * the level (from the indentation), the ledger side and total mark. */
static void hidden_columns(importer *im, const region *g, int wrow, int mrow, const bx_csv *csv,
                           const char **cells, bool is_new)
{
    int level_col = im->t->level_field ? bx_csv_column(csv, im->t->level_field) : -1;
    int indent_col = indent_column(im, g);
    if (level_col >= 0 && indent_col >= 0 && bx_xsheet_cell(im->ws, wrow, indent_col)) {
        /* a paired row changes level only if its indentation was changed */
        int level = shown_level(im, wrow, indent_col);
        if (is_new || level != bx_sheet_cell(im->s, mrow, indent_col)->indent) {
            char text[16];
            snprintf(text, sizeof text, "%d", level);
            cells[level_col] = keep(im, text);
        }
    }
    int key_col = im->t->each_key ? bx_csv_column(csv, im->t->each_key) : -1;
    if (is_new && key_col >= 0 && g->slot && g->slot->key)
        cells[key_col] = g->slot->key;
    if (!is_new || !g->ledger_side)
        return;
    int side_col = bx_csv_column(csv, im->t->side_field);
    int kind_col = im->t->kind_field ? bx_csv_column(csv, im->t->kind_field) : -1;
    if (side_col >= 0)
        cells[side_col] = g->ledger_side->side;
    if (kind_col >= 0) /* 本年收入合计, 收入总计: the published ledgers' totals */
        cells[kind_col] = is_total_label(im, g, wrow) ? im->t->total_marker : "";
}

/* A workbook row with no model row: a new CSV row, its hidden columns
 * like its neighbour's, placed after the row above it. */
static bool new_row(importer *im, const region *g, int j, int near_m)
{
    etable *t = &im->tables[g->source];
    const bx_csv *csv = t->csv;
    const char **cells = bx_arena_alloc(im->arena, csv->ncols * sizeof *cells, im->err);
    if (!cells)
        return false;
    const bx_bind *nb = g->nm ? row_bind(im, g, g->mrows[near_m]) : NULL;
    for (size_t c = 0; c < csv->ncols; c++)
        cells[c] = nb ? t->cells[nb->record * csv->ncols + c] : "";
    int wr = g->wrows[j];
    for (int c = g->c0; c < g->c1; c++)
        if (g->map[c] >= 0 && !read_value(im, wr, c, &g->kinds[c], "", &cells[g->map[c]]))
            return false;
    hidden_columns(im, g, wr, -1, csv, cells, true);
    /* after the nearest paired row above, else before the one below */
    insert ins = {nb ? (int)nb->record : -1, true, cells};
    for (int k = j - 1; k >= 0; k--)
        if (g->match[k] >= 0) {
            ins.anchor = (int)row_bind(im, g, g->mrows[g->match[k]])->record;
            return add_insert(im, t, &ins);
        }
    for (int k = j + 1; k < g->nw; k++)
        if (g->match[k] >= 0) {
            ins.anchor = (int)row_bind(im, g, g->mrows[g->match[k]])->record;
            ins.after = false;
            return add_insert(im, t, &ins);
        }
    return add_insert(im, t, &ins);
}

static bool read_region(importer *im, region *g)
{
    g->mkeys = bx_arena_alloc(im->arena, (size_t)(g->nm + 1) * sizeof(char *), im->err);
    g->wkeys = bx_arena_alloc(im->arena, (size_t)(g->nw + 1) * sizeof(char *), im->err);
    if (!g->mkeys || !g->wkeys)
        return false;
    /* a workbook row is keyed with the columns of the model row it would
     * stand for: the first one (all rows of a region share columns) */
    for (int i = 0; i < g->nm; i++)
        if (!(g->mkeys[i] = row_key(im, g, g->mrows[i], -1)))
            return false;
    for (int j = 0; j < g->nw; j++)
        if (g->nm && !(g->wkeys[j] = row_key(im, g, g->mrows[0], g->wrows[j])))
            return false;
    if (!pair_rows(im, g) || !map_region(im, g))
        return false;
    etable *t = &im->tables[g->source];
    bool *paired = bx_arena_alloc(im->arena, (size_t)(g->nm + 1), im->err);
    if (!paired)
        return false;
    for (int j = 0; j < g->nw; j++) {
        int i = g->match[j];
        if (i < 0)
            continue;
        paired[i] = true;
        int mr = g->mrows[i], wr = g->wrows[j];
        const bx_bind *rb = row_bind(im, g, mr);
        for (int c = g->c0; c < g->c1; c++) {
            const bx_bind *b = bind_at(im, mr, c);
            const char *text;
            if (!b || b->source != g->source)
                continue;
            if (!read_value(im, wr, c, bx_sheet_cell(im->s, mr, c), source_text(im, b), &text))
                return false;
            store(im, b, b->record, text);
        }
        hidden_columns(im, g, wr, mr, t->csv, &t->cells[rb->record * t->csv->ncols], false);
    }
    for (int i = 0; i < g->nm; i++)
        if (!paired[i])
            t->deleted[row_bind(im, g, g->mrows[i])->record] = true;
    int near = 0;
    for (int j = 0; j < g->nw; j++) {
        if (g->match[j] >= 0) {
            near = g->match[j];
            continue;
        }
        if (!new_row(im, g, j, near))
            return false;
    }
    return true;
}

/* The workbook's non-blank rows in [w0, w1) over the region's columns. */
static bool region_wrows(importer *im, region *g, int w0, int w1)
{
    g->wrows = bx_arena_alloc(im->arena, (size_t)(w1 > w0 ? w1 - w0 : 1) * sizeof(int), im->err);
    if (!g->wrows)
        return false;
    for (int wr = w0; wr < w1; wr++) {
        bool blank = true;
        for (int c = g->c0; c < g->c1 && blank; c++)
            blank = wblank(im, wr, c);
        if (!blank)
            g->wrows[g->nw++] = wr;
    }
    return true;
}

/* Whether workbook row wr starts the notes. */
static bool is_note_row(const importer *im, int wr)
{
    const char *text = wtext(im, wr, 0);
    if (im->tr->empty_note && strcmp(text, im->tr->empty_note) == 0)
        return true;
    for (int i = 0; i < im->s->nnotes; i++)
        if (strcmp(text, im->s->notes[i]) == 0)
            return true;
    return false;
}

/* Where the rows of a region end in the workbook: at the row that
 * matches the model's next fixed row, or at the notes. */
static bool region_end(importer *im, int next_fixed, int w0, int wanted, int *w1)
{
    int last = im->ws->nrows > w0 ? im->ws->nrows : w0;
    if (next_fixed < 0) {
        int wr = w0;
        while (wr < last && !is_note_row(im, wr))
            wr++;
        *w1 = wr;
        return true;
    }
    bool literal = false;
    for (int c = 0; c < im->s->ncols && !literal; c++) {
        const bx_cell *mc = bx_sheet_cell(im->s, next_fixed, c);
        literal = !mc->covered && mc->kind == BX_CELL_TEXT && !bind_at(im, next_fixed, c);
    }
    if (!literal) { /* nothing to find: as many rows as before */
        *w1 = w0 + wanted;
        return true;
    }
    for (int wr = w0; wr <= last; wr++)
        if (row_matches(im, next_fixed, wr)) {
            *w1 = wr;
            return true;
        }
    for (int c = 0; c < im->s->ncols; c++) {
        const bx_cell *mc = bx_sheet_cell(im->s, next_fixed, c);
        if (!mc->covered && mc->kind == BX_CELL_TEXT && !bind_at(im, next_fixed, c))
            return fail_at(im, w0, c, "找不到应在此后出现的“%s”（表格结构被改动）", mc->text);
    }
    return false;
}

/* Model rows [r0, r1) show rows of one source; their workbook rows start
 * at *wr. */
static bool grid_region(importer *im, const bx_slot *slot, int r0, int r1, int *wr)
{
    region g = {.source = slot->source, .c0 = 0, .c1 = im->s->ncols, .slot = slot};
    int next_fixed = r1 < im->s->nrows ? r1 : -1, w1 = *wr;
    if (!region_end(im, next_fixed, *wr, r1 - r0, &w1))
        return false;
    g.mrows = bx_arena_alloc(im->arena, (size_t)(r1 - r0 + 1) * sizeof(int), im->err);
    if (!g.mrows)
        return false;
    for (int r = r0; r < r1; r++)
        if (row_bind(im, &g, r)) /* a template's blank rows show no CSV row */
            g.mrows[g.nm++] = r;
    if (!region_wrows(im, &g, *wr, w1) || !read_region(im, &g))
        return false;
    *wr = w1;
    return true;
}

/* A ledger's body: each side's items paired on their own. */
static bool ledger_body(importer *im, int *wr)
{
    int w1 = *wr;
    if (!region_end(im, -1, *wr, 0, &w1))
        return false;
    int c0 = 0;
    for (size_t k = 0; k < im->t->header.nroots; k++) {
        const bx_hnode *root = &im->t->header.roots[k];
        bx_header one = {(bx_hnode *)root, 1};
        region g = {.source = -1, .c0 = c0, .c1 = c0 + (int)bx_header_leaf_count(&one)};
        g.ledger_side = root;
        c0 = g.c1;
        g.mrows = bx_arena_alloc(im->arena, (size_t)(im->s->nrows + 1) * sizeof(int), im->err);
        if (!g.mrows)
            return false;
        for (int r = im->s->header_rows; r < im->s->nrows; r++) {
            for (int k2 = im->bind_start[r]; k2 < im->bind_start[r + 1] && g.source < 0; k2++) {
                const bx_bind *b = &im->tr->binds[im->order[k2]];
                if (b->col >= g.c0 && b->col < g.c1)
                    g.source = b->source;
            }
            if (g.source >= 0 && row_bind(im, &g, r))
                g.mrows[g.nm++] = r;
        }
        if (g.source < 0 && im->tr->nslots > 0) /* a ledger the dataset left empty */
            g.source = im->tr->slots[0].source;
        if (g.source < 0)
            continue;
        if (!region_wrows(im, &g, *wr, w1) || !read_region(im, &g))
            return false;
    }
    *wr = w1;
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
        if (strcmp(wtext(im, cells[i].row, cells[i].col), cells[i].text) != 0)
            return fail_at(im, cells[i].row, cells[i].col, "标题栏应为“%s”，工作簿中为“%s”",
                           cells[i].text, wtext(im, cells[i].row, cells[i].col));
    return true;
}

/* The notes under the table: as the layout writes them (the empty-table
 * note may come or go with the figures). */
static bool notes(importer *im, int wr)
{
    int k = 0;
    for (; wr < im->ws->nrows; wr++) {
        const char *text = wtext(im, wr, 0);
        if (bx_text_blank(text) || (im->tr->empty_note && strcmp(text, im->tr->empty_note) == 0))
            continue;
        while (k < im->s->nnotes && im->s->notes[k] == im->tr->empty_note)
            k++;
        if (k >= im->s->nnotes)
            return fail_at(im, wr, 0, "表格下方多出了“%s”（行只能加在表体中）", text);
        if (strcmp(text, im->s->notes[k]) != 0)
            return fail_at(im, wr, 0, "注释应为“%s”，工作簿中为“%s”", im->s->notes[k], text);
        k++;
    }
    return true;
}

static bool read_sheet(importer *im, int i)
{
    const bx_sheet *s = &im->m0->doc->sheets[i];
    const bx_table_layout *t = im->m0->view.tables[i].layout;
    im->s = s;
    im->tr = &im->m0->readback.sheets[i];
    im->t = t;
    im->ws = bx_xbook_sheet(im->book, im->names[i]);
    if (!im->ws) {
        bx_loc loc = {im->book->path, 0, 0};
        return bx_fail(im->err, &loc, BX_ERR_DATA, "工作簿中缺少工作表“%s”（工作表不能改名或删除）",
                       im->names[i]) == BX_OK;
    }
    if (!index_binds(im) || !index_merges(im) || !title_block(im))
        return false;
    /* fixed rows one for one; a block of CSV rows as many as the workbook
     * now has */
    int wr = BX_TITLE_ROWS;
    for (int r = 0; r < s->nrows;) {
        const bx_slot *slot = slot_at(im, r);
        if (t->kind == BX_TABLE_LEDGER && r >= s->header_rows) {
            if (!ledger_body(im, &wr))
                return false;
            r = s->nrows;
        } else if (slot) {
            int r1 = r + slot->nrows + slot->blank;
            if (!grid_region(im, slot, r, r1, &wr))
                return false;
            r = r1;
        } else {
            if (!fixed_row(im, r, wr))
                return false;
            r++, wr++;
        }
    }
    /* rows typed into a table body the dataset left empty (a body is last) */
    const bx_slot *empty = empty_body_at(im, s->nrows);
    if (empty && !grid_region(im, empty, s->nrows, s->nrows, &wr))
        return false;
    return notes(im, wr);
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

/* One corrected CSV: its rows in order, gone ones left out, new ones
 * where they were added. */
static void corrected_csv(const etable *t, bx_strbuf *b)
{
    const bx_csv *csv = t->csv;
    bx_image_csv_row(b, (const char *const *)csv->header, csv->ncols);
    for (size_t r = 0; r <= csv->nrows; r++) {
        for (int k = 0; k < t->nins; k++)
            if (r < csv->nrows ? t->ins[k].anchor == (int)r && !t->ins[k].after
                               : t->ins[k].anchor < 0)
                bx_image_csv_row(b, t->ins[k].cells, csv->ncols);
        if (r == csv->nrows)
            break;
        if (!t->deleted[r])
            bx_image_csv_row(b, &t->cells[r * csv->ncols], csv->ncols);
        for (int k = 0; k < t->nins; k++)
            if (t->ins[k].anchor == (int)r && t->ins[k].after)
                bx_image_csv_row(b, t->ins[k].cells, csv->ncols);
    }
}

static bool corrected_image(importer *im, bx_image *img)
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
        corrected_csv(&im->tables[i], &img->bufs[i + 1]);
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
    im->names = bx_sheet_names(im->m0->doc, im->err);
    if (!im->tables || !im->fields || !im->names)
        return false;
    for (size_t i = 0; i < rb->meta.nfields; i++)
        im->fields[i] = rb->meta.fields[i].value;
    for (int i = 0; i < rb->nsources; i++) {
        etable *t = &im->tables[i];
        const bx_csv *csv = rb->sources[i].csv;
        size_t n = csv->nrows * csv->ncols;
        t->csv = csv;
        t->cells = bx_arena_alloc(im->arena, (n ? n : 1) * sizeof(char *), im->err);
        t->deleted = bx_arena_alloc(im->arena, csv->nrows + 1, im->err);
        if (!t->cells || !t->deleted)
            return false;
        for (size_t k = 0; k < n; k++)
            t->cells[k] = csv->cells[k];
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
    free(im->covers);
    bx_model_free(im->m0);
    bx_arena_free(im->arena);
}

/* Compare every sheet of the model with the workbook and build the
 * corrected dataset. */
static bx_dataset *corrected_dataset(importer *im, const char *path)
{
    bool ok = start_tables(im);
    for (int i = 0; ok && i < im->m0->doc->nsheets; i++)
        ok = read_sheet(im, i);
    bx_image img = {0};
    ok = ok && corrected_image(im, &img);
    bx_dataset *ds = ok ? bx_image_dataset(&img, path, im->err) : NULL;
    bx_image_free(&img);
    if (ds && im->set->version &&
        strcmp(im->m0->readback.meta.layout_version, im->set->version) != 0)
        ds->notice = bx_arena_strdup(
            ds->arena, "这个工作簿是用另一版本的布局生成的；已按当前布局读回", im->err);
    return ds;
}

bx_dataset *bx_workbook_dataset(const char *path, bx_set_finder find, void *ctx, bx_error *err)
{
    bx_xbook *book = bx_xbook_open(path, err);
    bx_dataset *ds = book ? bx_workbook_dataset_of(book, find, ctx, err) : NULL;
    bx_xbook_free(book);
    return ds;
}

bx_dataset *bx_workbook_dataset_of(const bx_xbook *book, bx_set_finder find, void *ctx,
                                   bx_error *err)
{
    const char *path = book->path;
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
    size_t n = path ? strlen(path) : 0;
    struct stat st;
    return n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0 &&
           !(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
}

bx_status bx_dataset_save(const bx_dataset *ds, const char *dir, bx_error *err)
{
    if (!ds || !ds->nmem)
        return bx_fail(err, NULL, BX_ERR_USAGE, "只能保存从工作簿读回的数据");
    return bx_image_save(ds->mem, ds->nmem, dir, err);
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
    if (!path)
        return bx_fail(err, NULL, BX_ERR_USAGE, "bx_workbook_load: 缺少工作簿"), NULL;
    found_set f = {layout_dirs, NULL};
    bx_dataset *ds = bx_workbook_dataset(path, find_and_keep, &f, err);
    bx_layout_set_free(f.set);
    return ds;
}
