/* Reading a workbook back, the rows that vary: a table body, a ledger's
 * sides or a form's repeating section, paired row by row with the
 * model's by their texts (align.h); rows typed in become new CSV rows,
 * rows gone are deleted, a ledger line named …合计 is a total. */
#include "importer.h"

#include "align.h"
#include "display.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    /* a code split into columns (类 | 款 | 项): the CSV column, the grid
     * columns of its parts and their digits, the last code read */
    int code_csv, nparts;
    int part_col[4], part_from[4], part_len[4];
    char last_code[BX_CODE_MAX];
    unsigned numbering; /* the numbering styles of the rows' labels (label_style) */
    bool *fill_down;    /* per grid column: a form's column merging equal neighbours */
    int *paired_above, *paired_below; /* per workbook row: the nearest paired one, or -1 */
    const char **above;               /* the cells of the last new row */
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
        const bx_bind *b = bx_im_bind_at(im, mrow, c);
        if (!b || b->source != g->source || bx_cell_is_figure(bx_sheet_cell(im->s, mrow, c)))
            continue;
        const char *text = wrow >= 0 ? bx_im_wtext(im, wrow, c) : bx_im_source_text(im, b);
        size_t n;
        const char *t = bx_text_trim(text, &n);
        bx_strbuf_append(&key, t, n);
        bx_strbuf_putc(&key, '\x1f');
    }
    const char *k = bx_im_keep(im, bx_strbuf_str(&key));
    bx_strbuf_free(&key);
    return k;
}

static bool pair_rows(importer *im, region *g)
{
    g->match = bx_arena_alloc(im->arena, (size_t)(g->nw ? g->nw : 1) * sizeof(int), im->err);
    return g->match && bx_align_keys(g->mkeys, g->nm, g->wkeys, g->nw, g->match, im->err);
}

bool bx_im_levels_lost(importer *im)
{
    enum { UNKNOWN, READ, LOST };
    if (im->levels != UNKNOWN)
        return im->levels == LOST;
    bool indented = false, levels = false;
    for (size_t i = 0; i < im->book->nxf && !indented; i++)
        indented = im->book->xf_indent[i] > 0;
    const bx_doc *doc = im->m0->doc;
    for (int i = 0; i < doc->nsheets && !indented && !levels; i++) {
        const bx_sheet *s = &doc->sheets[i];
        size_t n = (size_t)s->nrows * (size_t)s->ncols;
        for (size_t k = 0; k < n && !levels; k++)
            levels = !s->cells[k].covered && s->cells[k].indent > 0;
    }
    im->levels = levels && !indented ? LOST : READ;
    return im->levels == LOST;
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
static bool map_columns(importer *im, region *g)
{
    g->map = bx_arena_alloc(im->arena, (size_t)g->c1 * sizeof(int), im->err);
    g->kinds = bx_arena_alloc(im->arena, (size_t)g->c1 * sizeof(bx_cell), im->err);
    if (!g->map || !g->kinds)
        return false;
    for (int c = 0; c < g->c1; c++)
        g->map[c] = -1;
    if (g->nm > 0) {
        for (int c = g->c0; c < g->c1; c++) {
            const bx_bind *b = bx_im_bind_at(im, g->mrows[0], c);
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
        g->fill_down = bx_arena_alloc(im->arena, (size_t)g->c1 + 1, im->err);
        if (!g->fill_down)
            return false;
        memset(g->fill_down, 0, (size_t)g->c1 + 1);
        for (size_t i = 0; i < b->ncells; col += b->cells[i].span, i++) {
            if (col < g->c1)
                g->fill_down[col] = b->cells[i].merge_equal;
            if (b->cells[i].field)
                map_column(g, col, bx_csv_column(csv, b->cells[i].field), b->cells[i].type,
                           b->cells[i].type == BX_COL_AMOUNT ? decimals : b->cells[i].decimals);
        }
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

/* The parts of a split code among the region's columns: read together
 * (new_row), not one over the other. */
static void map_code_parts(const importer *im, region *g)
{
    g->code_csv = -1;
    if (im->t->kind == BX_TABLE_FORM)
        return;
    const bx_hnode *leaves[BX_MAX_COLUMNS * 4];
    size_t n = bx_header_leaves(&im->t->header, leaves);
    const bx_csv *csv = im->m0->readback.sources[g->source].csv;
    for (size_t i = 0; i < n && (int)i < g->c1; i++) {
        if ((int)i < g->c0 || !leaves[i]->digits || !leaves[i]->field || g->nparts == 4)
            continue;
        g->map[i] = -1;
        g->code_csv = bx_csv_column(csv, leaves[i]->field);
        g->part_col[g->nparts] = (int)i;
        g->part_from[g->nparts] = leaves[i]->digits_from;
        g->part_len[g->nparts++] = leaves[i]->digits;
    }
}

/* The CSV columns of the region's grid columns, a split code's parts apart. */
static bool map_region(importer *im, region *g)
{
    if (!map_columns(im, g))
        return false;
    map_code_parts(im, g);
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

/* A row's label: its first text among the region's columns. */
static const char *label_of(const importer *im, const region *g, int wrow, size_t *n)
{
    for (int c = g->c0; c < g->c1; c++) {
        if (g->map[c] < 0 || g->kinds[c].style == BX_STYLE_AMOUNT ||
            g->kinds[c].style == BX_STYLE_NUMBER)
            continue;
        return bx_text_trim(bx_im_wtext(im, wrow, c), n);
    }
    *n = 0;
    return "";
}

/* A new ledger line named like a total is one. */
static bool is_total_label(const importer *im, const region *g, int wrow)
{
    size_t n;
    const char *label = label_of(im, g, wrow, &n);
    return ends_with(label, n, "合计") || ends_with(label, n, "总计");
}

/* How a label is numbered: 一、 (1), （一） (2), 1. (4), （1） (8), or not (0). */
enum { NUM_CJK = 1, NUM_CJK_PAREN = 2, NUM_DIGIT = 4, NUM_DIGIT_PAREN = 8 };

static size_t skip_any(const char *s, const char *const *set)
{
    size_t at = 0;
    for (bool more = true; more;) {
        more = false;
        for (int i = 0; set[i]; i++)
            if (strncmp(s + at, set[i], strlen(set[i])) == 0) {
                at += strlen(set[i]);
                more = true;
                break;
            }
    }
    return at;
}

static bool starts(const char *s, const char *const *set, size_t *n)
{
    for (int i = 0; set[i]; i++)
        if (strncmp(s, set[i], strlen(set[i])) == 0) {
            *n = strlen(set[i]);
            return true;
        }
    return false;
}

static unsigned label_style(const char *s)
{
    static const char *const cjk[] = {"一", "二", "三", "四", "五", "六", "七",
                                      "八", "九", "十", "百", "零", "〇", NULL};
    static const char *const digit[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", NULL};
    static const char *const open[] = {"（", "(", NULL}, *const close[] = {"）", ")", NULL};
    static const char *const after_cjk[] = {"、", NULL}, *const after_digit[] = {".", "．", "、",
                                                                                 NULL};
    size_t k, n;
    bool paren = starts(s, open, &k);
    const char *p = paren ? s + k : s;
    if ((n = skip_any(p, cjk)) > 0)
        return starts(p + n, paren ? close : after_cjk, &k) ? (paren ? NUM_CJK_PAREN : NUM_CJK) : 0;
    if ((n = skip_any(p, digit)) > 0)
        return starts(p + n, paren ? close : after_digit, &k)
                   ? (paren ? NUM_DIGIT_PAREN : NUM_DIGIT)
                   : 0;
    return 0;
}

/* A label's level by its numbering among the styles the rows use (一、 over
 * （一） over 1. over （1））: where the workbook shows no indentation. */
static int numbered_level(const region *g, const char *label)
{
    unsigned style = label_style(label);
    int level = 0;
    for (unsigned bit = 1; style && bit < style; bit <<= 1)
        level += (g->numbering & bit) != 0;
    return level;
}

bool bx_im_join_code(const char *const *part, const size_t *len, int n, const int *from,
                     const int *digits, char *last, size_t size)
{
    char code[BX_CODE_MAX] = "";
    int given = -1;
    for (int k = 0; k < n; k++)
        given = len[k] ? k : given;
    if (given < 0 || size > sizeof code)
        return false;
    for (int k = 0; k <= given; k++) {
        size_t at = strlen(code), start = (size_t)from[k], m = len[k];
        const char *src = part[k];
        if (!m) { /* the code above's digits */
            size_t have = strlen(last);
            src = last + (start < have ? start : have);
            m = start < have ? have - start : 0;
            m = m < (size_t)digits[k] ? m : (size_t)digits[k];
        }
        if (at + m >= size)
            m = size - 1 - at;
        memcpy(code + at, src, m);
        code[at + m] = '\0';
    }
    memcpy(last, code, size);
    return true;
}

/* A split code's parts as a new row shows them, joined (bx_im_join_code). */
static const char *joined_code(importer *im, region *g, int wr)
{
    size_t len[4];
    const char *part[4];
    for (int k = 0; k < g->nparts; k++)
        part[k] = bx_text_trim(bx_im_wtext(im, wr, g->part_col[k]), &len[k]);
    return bx_im_join_code(part, len, g->nparts, g->part_from, g->part_len, g->last_code,
                           sizeof g->last_code)
               ? bx_im_keep(im, g->last_code)
               : NULL;
}

/* The columns a new row takes from the layout rather than from cells:
 * the level (from the indentation), the ledger side and total mark. */
static void hidden_columns(importer *im, const region *g, int wrow, int mrow, const bx_csv *csv,
                           const char **cells, bool is_new)
{
    int level_col = im->t->level_field ? bx_csv_column(csv, im->t->level_field) : -1;
    int indent_col = indent_column(im, g);
    if (is_new && level_col >= 0 && indent_col < 0 && g->numbering) {
        size_t n;
        char text[16];
        snprintf(text, sizeof text, "%d", numbered_level(g, label_of(im, g, wrow, &n)));
        cells[level_col] = bx_im_keep(im, text);
    }
    if (level_col >= 0 && indent_col >= 0 && bx_xsheet_cell(im->ws, wrow, indent_col) &&
        !bx_im_levels_lost(im)) {
        /* a paired row changes level only if its indentation was changed
         * (when the workbook lost it, a new row keeps its neighbour's) */
        int level = shown_level(im, wrow, indent_col);
        if (is_new || level != bx_sheet_cell(im->s, mrow, indent_col)->indent) {
            char text[16];
            snprintf(text, sizeof text, "%d", level);
            cells[level_col] = bx_im_keep(im, text);
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
static bool new_row(importer *im, region *g, int j, int near_m)
{
    etable *t = &im->tables[g->source];
    const bx_csv *csv = t->csv;
    const char **cells = bx_arena_alloc(im->arena, csv->ncols * sizeof *cells, im->err);
    bx_cell_origin *at = bx_arena_alloc(im->arena, (csv->ncols + 1) * sizeof *at, im->err);
    if (!cells || !at)
        return false;
    for (size_t c = 0; c < csv->ncols; c++)
        at[c] = (bx_cell_origin){NULL, -1, -1};
    const bx_bind *nb = g->nm ? row_bind(im, g, g->mrows[near_m]) : NULL;
    for (size_t c = 0; c < csv->ncols; c++)
        cells[c] = nb ? t->cells[nb->record * csv->ncols + c] : "";
    int wr = g->wrows[j];
    for (int c = g->c0; c < g->c1; c++) {
        if (g->map[c] < 0)
            continue;
        if (!bx_im_read_value(im, wr, c, &g->kinds[c], "", &cells[g->map[c]]))
            return false;
        at[g->map[c]] = bx_im_where(im, wr, c);
        /* a workbook without merges (an .xls) leaves equal neighbours
         * blank under the first */
        if (g->fill_down && g->fill_down[c] && g->above && !*cells[g->map[c]])
            cells[g->map[c]] = g->above[g->map[c]];
    }
    g->above = cells;
    const char *code = g->nparts ? joined_code(im, g, wr) : NULL;
    if (code && g->code_csv >= 0) {
        cells[g->code_csv] = code;
        at[g->code_csv] = bx_im_where(im, wr, g->part_col[0]);
    }
    hidden_columns(im, g, wr, -1, csv, cells, true);
    /* after the nearest paired row above, else before the one below */
    insert ins = {nb ? (int)nb->record : -1, true, cells, at};
    int above = g->paired_above[j], below = g->paired_below[j];
    if (above >= 0) {
        ins.anchor = (int)row_bind(im, g, g->mrows[g->match[above]])->record;
    } else if (below >= 0) {
        ins.anchor = (int)row_bind(im, g, g->mrows[g->match[below]])->record;
        ins.after = false;
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
    for (int j = 0; j < g->nw; j++) {
        size_t n;
        g->numbering |= label_style(label_of(im, g, g->wrows[j], &n));
    }
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
            const bx_bind *b = bx_im_bind_at(im, mr, c);
            const char *text;
            if (!b || b->source != g->source)
                continue;
            if (!bx_im_read_value(im, wr, c, bx_sheet_cell(im->s, mr, c), bx_im_source_text(im, b),
                                  &text))
                return false;
            bx_im_store(im, b, b->record, text, wr, c);
        }
        hidden_columns(im, g, wr, mr, t->csv, &t->cells[rb->record * t->csv->ncols], false);
    }
    for (int i = 0; i < g->nm; i++)
        if (!paired[i])
            t->deleted[row_bind(im, g, g->mrows[i])->record] = true;
    /* the paired rows around each workbook row, once (not per new row) */
    g->paired_above = bx_arena_alloc(im->arena, (size_t)(g->nw + 1) * sizeof(int), im->err);
    g->paired_below = bx_arena_alloc(im->arena, (size_t)(g->nw + 1) * sizeof(int), im->err);
    if (!g->paired_above || !g->paired_below)
        return false;
    for (int j = 0, last = -1; j < g->nw; last = g->match[j] >= 0 ? j : last, j++)
        g->paired_above[j] = last;
    for (int j = g->nw - 1, next = -1; j >= 0; next = g->match[j] >= 0 ? j : next, j--)
        g->paired_below[j] = next;
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
            blank = bx_im_wblank(im, wr, c);
        if (!blank)
            g->wrows[g->nw++] = wr;
    }
    return true;
}

/* Whether workbook row wr starts the notes. */
static bool is_note_row(const importer *im, int wr)
{
    const char *text = bx_im_wtext(im, wr, 0);
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
        literal = !mc->covered && mc->kind == BX_CELL_TEXT && !bx_im_bind_at(im, next_fixed, c);
    }
    if (!literal) { /* nothing to find: as many rows as before */
        *w1 = w0 + wanted;
        return true;
    }
    for (int wr = w0; wr <= last; wr++)
        if (bx_im_row_matches(im, next_fixed, wr)) {
            *w1 = wr;
            return true;
        }
    for (int c = 0; c < im->s->ncols; c++) {
        const bx_cell *mc = bx_sheet_cell(im->s, next_fixed, c);
        if (!mc->covered && mc->kind == BX_CELL_TEXT && !bx_im_bind_at(im, next_fixed, c))
            return bx_im_fail_at(im, w0, c, "找不到应在此后出现的“%s”（表格结构被改动）", mc->text);
    }
    return false;
}

bool bx_im_grid_region(importer *im, const bx_slot *slot, int r0, int r1, int *wr)
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

bool bx_im_ledger_body(importer *im, int *wr)
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
