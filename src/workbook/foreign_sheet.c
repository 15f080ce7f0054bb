/* A worksheet made elsewhere, redrawn as the model's sheet (foreign.h).
 *
 * A grid or ledger: its header is found as the rows that hold most of the
 * layout's column headings; its columns are paired with the layout's by
 * their lowest heading texts (spaces and full-width forms aside), in
 * order, so that extra, hidden or empty columns fall out and a heading
 * typed differently keeps its place (and is reported as what it should
 * be). A 科目编码 given as 类 | 款 | 项 columns is joined. The body is every
 * row below until a note (注：…) or the end; a label's leading spaces give
 * its level. A form is moved as a whole to where its first label is. */
#include "foreign.h"

#include "align.h"
#include "geometry.h"
#include "importer.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    HEADER_SEARCH_ROWS = 24, /* the header starts this near the title */
    FORM_SEARCH_ROWS = 40,
    FOLD_MAX = 2048,
    MAX_LEVEL = BX_FOREIGN_LEVELS - 1
};

typedef struct redraw {
    const bx_xbook *book;
    const bx_xsheet *ws;
    const bx_found_sheet *f;
    const bx_sheet *s;
    const bx_trace *tr;
    const bx_table_layout *t;
    bx_arena *arena;
    bx_error *err;
    bx_covers covers; /* of ws */
    bx_xcell *cells;  /* the redrawn sheet's */
    size_t ncells, cap;
    int *row_of; /* per redrawn row */
    int nrows, cap_rows;
    /* grids: per model column, the workbook's column (-1: none) */
    int *col_of;
    int top, bottom;              /* the workbook's header rows */
    int split_col;                /* the model column a 类|款|项 code fills, or -1 */
    int split[3];                 /* its workbook columns */
    char split_last[BX_CODE_MAX]; /* the code of the row above */
    int *space_unit; /* per model column: the least leading-space width of its labels */
} redraw;

static const char *fold(const char *s, char *buf)
{
    return bx_text_fold(s ? s : "", buf, FOLD_MAX, NULL) ? buf : "";
}

static bool same_text(const char *a, const char *b)
{
    char fa[FOLD_MAX], fb[FOLD_MAX];
    return strcmp(fold(a, fa), fold(b, fb)) == 0;
}

/* ---- the workbook's cells ---------------------------------------------- */

/* A heading's text: inside a merge, the merge's. */
static const char *head_text(const redraw *d, int row, int col)
{
    const cover *c = bx_covers_find(&d->covers, row, col);
    const bx_xcell *x =
        c ? bx_xsheet_cell(d->ws, c->anchor_row, c->anchor_col) : bx_xsheet_cell(d->ws, row, col);
    return x ? x->text : "";
}

/* A body cell of model column c: inside a merge over rows, the merge's
 * (equal neighbours); a merge over columns gives its text to the last of
 * the layout's columns it covers (a total's label merged over the codes
 * before it is the label's). */
static const bx_xcell *body_cell(const redraw *d, int row, int c)
{
    int w = d->col_of[c];
    if (d->covers.n == 0) /* no merges (an .xls, most exports): nothing to look for */
        return bx_xsheet_cell(d->ws, row, w);
    const cover *cv = bx_covers_find(&d->covers, row, w);
    int ar = cv ? cv->anchor_row : row, ac = cv ? cv->anchor_col : w;
    for (int k = c + 1; k < d->s->ncols; k++) {
        int wk = d->col_of[k];
        const cover *ck = wk >= 0 ? bx_covers_find(&d->covers, row, wk) : NULL;
        if (ck && ck->anchor_row == ar && ck->anchor_col == ac)
            return NULL; /* a later column has it */
    }
    return bx_xsheet_cell(d->ws, ar, ac);
}

/* A cell of a code's part column (类 | 款 | 项): its own. */
static const bx_xcell *part_cell(const redraw *d, int row, int w)
{
    return bx_covers_find(&d->covers, row, w) ? NULL : bx_xsheet_cell(d->ws, row, w);
}

/* The cells of workbook row `row`: [*first, *first + n). */
static size_t row_cells(const bx_xsheet *ws, int row, size_t *first)
{
    size_t lo = 0, hi = ws->ncells;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ws->cells[mid].row < row)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < ws->ncells && ws->cells[end].row == row)
        end++;
    *first = lo;
    return end - lo;
}

/* ---- the redrawn cells ------------------------------------------------- */

static bool grow_rows(redraw *d, int row, int from)
{
    if (row < d->cap_rows) {
        d->row_of[row] = from;
        d->nrows = row + 1 > d->nrows ? row + 1 : d->nrows;
        return true;
    }
    int cap = d->cap_rows ? d->cap_rows : 64;
    while (cap <= row)
        cap *= 2;
    int *p = realloc(d->row_of, (size_t)cap * sizeof *p);
    if (!p)
        return bx_fail(d->err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    for (int i = d->cap_rows; i < cap; i++)
        p[i] = -1;
    d->row_of = p;
    d->cap_rows = cap;
    return grow_rows(d, row, from);
}

/* Put a cell at (row, col) of the redrawn sheet, in cell format `style`;
 * `from` is the workbook row it came from. */
static bool put(redraw *d, int row, int col, const bx_xcell *like, const char *text, int style,
                int from)
{
    if (!grow_rows(d, row, from))
        return false;
    if (d->ncells == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 256;
        bx_xcell *p = realloc(d->cells, cap * sizeof *p);
        if (!p)
            return bx_fail(d->err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
        d->cells = p;
        d->cap = cap;
    }
    bx_xcell c = like ? *like : (bx_xcell){.type = BX_X_STRING};
    c.row = row, c.col = col, c.text = text ? text : c.text, c.style = style;
    d->cells[d->ncells++] = c;
    return true;
}

static const char *keep(redraw *d, const char *s, size_t n)
{
    return bx_arena_strndup(d->arena, s, n, d->err);
}

/* The title block as the model has it: not compared (a workbook made
 * elsewhere words and places it its own way; the words it stands for were
 * read from it). */
static bool title_rows(redraw *d)
{
    bx_title_cell cells[4];
    char both[2048];
    int n = bx_title_cells(d->s, cells, both, sizeof both);
    for (int i = 0; i < n; i++) {
        const char *text = keep(d, cells[i].text, strlen(cells[i].text));
        if (!text || !put(d, cells[i].row, cells[i].col, NULL, text, 0, d->f->title_row))
            return false;
    }
    for (int r = 0; r < BX_TITLE_ROWS; r++)
        if (!grow_rows(d, r, d->f->title_row))
            return false;
    return true;
}

/* ---- a grid's header --------------------------------------------------- */

/* The model cell whose span covers (row, col). */
static const bx_cell *model_anchor(const bx_sheet *s, int row, int col, int *ar, int *ac)
{
    for (int r = row; r >= 0; r--)
        for (int c = col; c >= 0; c--) {
            const bx_cell *x = bx_sheet_cell(s, r, c);
            int rs = x->rowspan > 1 ? x->rowspan : 1, cs = x->colspan > 1 ? x->colspan : 1;
            if (!x->covered && r + rs > row && c + cs > col) {
                *ar = r, *ac = c;
                return x;
            }
        }
    *ar = row, *ac = col;
    return bx_sheet_cell(s, row, col);
}

/* The lowest heading of model column c, folded. */
static const char *model_key(redraw *d, int c, char *buf)
{
    int ar, ac;
    const bx_cell *x = model_anchor(d->s, d->s->header_rows - 1, c, &ar, &ac);
    return x->kind == BX_CELL_TEXT ? fold(x->text, buf) : "";
}

/* The model's first column heading, for a message. */
static const char *first_heading(const redraw *d)
{
    for (int c = 0; c < d->s->ncols; c++) {
        const bx_cell *x = bx_sheet_cell(d->s, 0, c);
        if (!x->covered && x->kind == BX_CELL_TEXT && *x->text)
            return x->text;
    }
    return "";
}

/* How many of the model's column headings rows [top, top + h) hold. */
static int header_score(redraw *d, int top, int h, const char *const *keys)
{
    int score = 0;
    bool *seen = calloc((size_t)d->s->ncols + 1, 1);
    if (!seen)
        return 0;
    for (int r = top; r < top + h && r < d->ws->nrows; r++) {
        size_t first, n = row_cells(d->ws, r, &first);
        for (size_t i = first; i < first + n; i++) {
            char buf[FOLD_MAX];
            const char *k = fold(d->ws->cells[i].text, buf);
            for (int c = 0; *k && c < d->s->ncols; c++)
                if (!seen[c] && strcmp(keys[c], k) == 0)
                    seen[c] = true, score++;
        }
    }
    free(seen);
    return score;
}

static bool is_part(const char *folded, const char *part)
{
    return strcmp(folded, part) == 0;
}

/* The workbook's header rows: those holding the most headings, and a row
 * of 类 | 款 | 项 below them. */
static bool find_header(redraw *d, const char *const *keys)
{
    int h = d->s->header_rows, best = -1, best_score = 0, distinct = 0;
    for (int c = 0; c < d->s->ncols; c++)
        distinct += *keys[c] != '\0';
    for (int r = d->f->title_row + 1; r < d->f->title_row + HEADER_SEARCH_ROWS; r++) {
        int score = header_score(d, r, h, keys);
        if (score > best_score)
            best = r, best_score = score;
    }
    if (best < 0 || best_score * 2 < distinct) {
        char ref[32];
        bx_loc loc = {d->book->path, 0, 0};
        return bx_fail(d->err, &loc, BX_ERR_DATA, "%s!%s：标题“%s”下面找不到表头（应有“%s”等栏目）",
                       d->ws->name, bx_cell_ref(d->f->title_row, d->f->title_col, ref, sizeof ref),
                       d->s->title, first_heading(d)) == BX_OK;
    }
    d->top = best, d->bottom = best + h - 1;
    int parts = 0;
    size_t first, n = row_cells(d->ws, d->bottom + 1, &first);
    for (size_t i = first; i < first + n; i++) {
        char buf[FOLD_MAX];
        const char *k = fold(d->ws->cells[i].text, buf);
        parts += is_part(k, "类") || is_part(k, "款") || is_part(k, "项");
    }
    if (parts >= 3)
        d->bottom++;
    return true;
}

/* The lowest heading of workbook column w in the header rows. */
static const char *column_key(const redraw *d, int w)
{
    for (int r = d->bottom; r >= d->top; r--) {
        const char *t = head_text(d, r, w);
        if (!bx_text_blank(t))
            return t;
    }
    return "";
}

/* 类 | 款 | 项 among the workbook's columns (their folded keys), where the
 * layout has one code column: the three become that column. */
static void join_split_code(redraw *d, const char **wkeys, int *wcols, int *nw,
                            const char *const *keys)
{
    const bx_hnode *leaves[BX_MAX_COLUMNS * 4];
    size_t n = bx_header_leaves(&d->t->header, leaves);
    int code = -1;
    for (size_t i = 0; i < n && (int)i < d->s->ncols; i++) {
        if (is_part(keys[i], "类"))
            return; /* the layout splits it too */
        if (leaves[i]->type == BX_COL_CODE && code < 0)
            code = (int)i;
    }
    for (int j = 0; code >= 0 && j + 2 < *nw; j++) { /* wkeys are folded */
        if (!is_part(wkeys[j], "类") || !is_part(wkeys[j + 1], "款") ||
            !is_part(wkeys[j + 2], "项"))
            continue;
        d->split_col = code;
        for (int k = 0; k < 3; k++)
            d->split[k] = wcols[j + k];
        wkeys[j] = keys[code];
        memmove(wkeys + j + 1, wkeys + j + 3, (size_t)(*nw - j - 3) * sizeof *wkeys);
        memmove(wcols + j + 1, wcols + j + 3, (size_t)(*nw - j - 3) * sizeof *wcols);
        *nw -= 2;
        return;
    }
}

/* Pair the model's columns with the workbook's by their headings. */
static bool pair_columns(redraw *d, const char *const *keys)
{
    int ncols = d->ws->ncols;
    const char **wkeys = calloc((size_t)ncols + 1, sizeof *wkeys);
    char **folded = calloc((size_t)ncols + 1, sizeof *folded);
    int *wcols = calloc((size_t)ncols + 1, sizeof *wcols);
    int *match = calloc((size_t)ncols + 1, sizeof *match);
    int nw = 0;
    bool ok = wkeys && folded && wcols && match;
    for (int w = 0; ok && w < ncols; w++) {
        const char *k = column_key(d, w);
        if (bx_text_blank(k))
            continue;
        char buf[FOLD_MAX];
        folded[nw] = strdup(fold(k, buf));
        ok = folded[nw] != NULL;
        wkeys[nw] = folded[nw];
        wcols[nw++] = w;
    }
    int nfolded = nw; /* joining the code's parts leaves fewer keys */
    if (ok)
        join_split_code(d, wkeys, wcols, &nw, keys);
    ok = ok && bx_align_keys(keys, d->s->ncols, wkeys, nw, match, d->err);
    for (int j = 0; ok && j < nw; j++)
        if (match[j] >= 0)
            d->col_of[match[j]] = wcols[j];
    for (int j = 0; folded && j < nfolded; j++)
        free(folded[j]);
    free(wkeys), free(folded), free(wcols), free(match);
    if (!ok)
        return bx_failed(d->err) ? false : bx_fail(d->err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    for (int c = 0; c < d->s->ncols; c++)
        if (d->col_of[c] < 0 && *keys[c]) {
            int ar, ac;
            const bx_cell *x = model_anchor(d->s, d->s->header_rows - 1, c, &ar, &ac);
            char ref[32];
            int w = c > 0 && d->col_of[c - 1] >= 0 ? d->col_of[c - 1] + 1 : 0;
            bx_loc loc = {d->book->path, 0, 0};
            return bx_fail(d->err, &loc, BX_ERR_DATA, "%s!%s：表头中找不到“%s”一栏", d->ws->name,
                           bx_cell_ref(d->bottom, w, ref, sizeof ref), x->text) == BX_OK;
        }
    return true;
}

/* Whether text is among the headings over workbook columns [w0, w1]. */
static bool heading_there(const redraw *d, const char *text, int w0, int w1)
{
    for (int r = d->top; r <= d->bottom; r++)
        for (int w = w0; w <= w1; w++)
            if (same_text(head_text(d, r, w), text))
                return true;
    return false;
}

/* The model's header rows, each heading as the layout words it where the
 * workbook has it (anywhere over its columns), else the workbook's text
 * (which the reader reports beside the one expected). */
static bool header_rows(redraw *d)
{
    const bx_sheet *s = d->s;
    for (int h = 0; h < s->header_rows; h++) {
        int from = d->top + h <= d->bottom ? d->top + h : d->bottom;
        if (h == s->header_rows - 1)
            from = d->bottom;
        if (!grow_rows(d, BX_TITLE_ROWS + h, from))
            return false;
        for (int c = 0; c < s->ncols; c++) {
            const bx_cell *x = bx_sheet_cell(s, h, c);
            if (x->covered || x->kind != BX_CELL_TEXT)
                continue;
            int span = x->colspan > 1 ? x->colspan : 1, w0 = -1, w1 = -1;
            for (int k = c; k < c + span && k < s->ncols; k++)
                if (d->col_of[k] >= 0) {
                    w0 = w0 < 0 ? d->col_of[k] : w0;
                    w1 = d->col_of[k];
                }
            if (w0 < 0)
                continue;
            const char *there = head_text(d, from, w0), *text = x->text;
            if (!heading_there(d, x->text, w0, w1) && !bx_text_blank(there) && !(d->split_col == c))
                text = there;
            if (!put(d, BX_TITLE_ROWS + h, c, NULL, text, 0, from))
                return false;
        }
    }
    return true;
}

/* ---- a grid's body ----------------------------------------------------- */

/* The width of s's leading spaces (a full-width one counts 2) and their
 * bytes. */
static int leading_spaces(const char *s, size_t *bytes)
{
    int width = 0;
    size_t i = 0;
    for (;;) {
        if (s[i] == ' ' || s[i] == '\t')
            width += s[i] == ' ' ? 1 : 4, i++;
        else if ((unsigned char)s[i] == 0xE3 && (unsigned char)s[i + 1] == 0x80 &&
                 (unsigned char)s[i + 2] == 0x80)
            width += 2, i += 3;
        else if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
            width += 1, i += 2;
        else
            break;
    }
    *bytes = i;
    return width;
}

static bool blank_text(const char *s)
{
    size_t n;
    leading_spaces(s, &n);
    return bx_text_blank(s + n);
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A row of notes under the table: 注：…, 备注, 说明：…, or one of the
 * layout's notes. */
static bool is_note_row(const redraw *d, int row)
{
    size_t first, n = row_cells(d->ws, row, &first);
    for (size_t i = first; i < first + n; i++) {
        const char *text = d->ws->cells[i].text;
        if (blank_text(text))
            continue;
        char buf[FOLD_MAX];
        const char *k = fold(text, buf);
        if (starts_with(k, "注:") || starts_with(k, "注1") || starts_with(k, "备注") ||
            starts_with(k, "说明:") || starts_with(k, "填表说明"))
            return true;
        for (int j = 0; j < d->s->nnotes; j++)
            if (same_text(text, d->s->notes[j]))
                return true;
        return false;
    }
    return false;
}

/* The workbook columns model column c reads. */
static int columns_of(const redraw *d, int c, int *w)
{
    if (c == d->split_col) {
        memcpy(w, d->split, sizeof d->split);
        return 3;
    }
    w[0] = d->col_of[c];
    return w[0] >= 0;
}

static bool row_blank(const redraw *d, int row)
{
    for (int c = 0; c < d->s->ncols; c++) {
        int w[3], n = columns_of(d, c, w);
        for (int k = 0; k < n; k++) {
            const bx_xcell *x = c == d->split_col ? part_cell(d, row, w[k]) : body_cell(d, row, c);
            if (x && !blank_text(x->text))
                return false;
        }
    }
    return true;
}

/* A 科目编码 from its 类, 款 and 项 (bx_im_join_code); "" for none. */
static const char *joined_code(redraw *d, int row)
{
    static const int from[3] = {0, 3, 5}, digits[3] = {3, 2, 2};
    const char *part[3];
    size_t len[3];
    for (int k = 0; k < 3; k++) {
        const bx_xcell *x = part_cell(d, row, d->split[k]);
        part[k] = bx_text_trim(x ? x->text : "", &len[k]);
    }
    bool given = bx_im_join_code(part, len, 3, from, digits, d->split_last, sizeof d->split_last);
    return given ? keep(d, d->split_last, strlen(d->split_last)) : "";
}

/* Whether model column c is the one a row's level indents. */
static bool indented(const redraw *d, int c)
{
    const bx_hnode *leaves[BX_MAX_COLUMNS * 4];
    size_t n = bx_header_leaves(&d->t->header, leaves);
    return (size_t)c < n && leaves[c]->indent;
}

/* The least width of leading spaces in each indented column's labels:
 * one level. */
static void space_units(redraw *d, const int *rows, int nrows)
{
    for (int c = 0; c < d->s->ncols; c++) {
        d->space_unit[c] = 0;
        if (d->col_of[c] < 0 || !indented(d, c))
            continue;
        for (int i = 0; i < nrows; i++) {
            const bx_xcell *x = body_cell(d, rows[i], c);
            size_t n;
            int wd = x ? leading_spaces(x->text, &n) : 0;
            if (wd > 0 && !blank_text(x->text) && (d->space_unit[c] == 0 || wd < d->space_unit[c]))
                d->space_unit[c] = wd;
        }
    }
}

static bool body_cell_put(redraw *d, int nrow, int c, int from)
{
    if (c == d->split_col) {
        const char *code = joined_code(d, from);
        return code && (!*code || put(d, nrow, c, NULL, code, 0, from));
    }
    const bx_xcell *x = d->col_of[c] >= 0 ? body_cell(d, from, c) : NULL;
    if (!x)
        return true;
    size_t n;
    int width = x->type == BX_X_STRING ? leading_spaces(x->text, &n) : (n = 0, 0);
    int style = x->style;
    if (bx_xbook_indent(d->book, x->style) == 0 && width > 0 && d->space_unit[c] > 0) {
        int level = (width + d->space_unit[c] / 2) / d->space_unit[c];
        style = (int)d->book->nxf + (level > MAX_LEVEL ? MAX_LEVEL : level);
    }
    const char *text = n ? keep(d, x->text + n, strlen(x->text + n)) : x->text;
    return text && put(d, nrow, c, x, text, style, from);
}

static bool body_rows(redraw *d)
{
    int *rows = calloc((size_t)(d->ws->nrows > 0 ? d->ws->nrows : 1), sizeof *rows), n = 0;
    if (!rows)
        return bx_fail(d->err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    for (int r = d->bottom + 1; r < d->ws->nrows && !is_note_row(d, r); r++)
        if (!row_blank(d, r))
            rows[n++] = r;
    space_units(d, rows, n);
    int at = BX_TITLE_ROWS + d->s->header_rows;
    bool ok = true;
    for (int i = 0; ok && i < n; i++, at++)
        for (int c = 0; ok && c < d->s->ncols; c++)
            ok = body_cell_put(d, at, c, rows[i]) && grow_rows(d, at, rows[i]);
    /* the notes as the layout words them (the workbook's are its own) */
    for (int k = 0; ok && k < d->s->nnotes; k++)
        if (d->s->notes[k] != d->tr->empty_note)
            ok = put(d, at++, 0, NULL, d->s->notes[k], 0, -1);
    free(rows);
    return ok;
}

/* ---- a form ------------------------------------------------------------ */

static bool bound(const bx_trace *tr, int row, int col)
{
    for (size_t i = 0; i < tr->nbinds; i++)
        if (tr->binds[i].row == row && tr->binds[i].col == col)
            return true;
    return false;
}

/* The layout's own texts of a form, folded and sorted with their wording:
 * a cell the workbook words otherwise only in spacing takes the layout's. */
typedef struct literal {
    char *folded;
    const char *text;
} literal;

static int by_folded(const void *a, const void *b)
{
    return strcmp(((const literal *)a)->folded, ((const literal *)b)->folded);
}

static literal *form_literals(const redraw *d, size_t *n)
{
    size_t cells = (size_t)d->s->nrows * (size_t)d->s->ncols;
    literal *v = calloc(cells + (size_t)d->s->nnotes + 1, sizeof *v);
    *n = 0;
    for (size_t i = 0; v && i < cells + (size_t)d->s->nnotes; i++) {
        const char *text;
        if (i < cells) {
            const bx_cell *x = &d->s->cells[i];
            int r = (int)(i / (size_t)d->s->ncols), c = (int)(i % (size_t)d->s->ncols);
            if (x->covered || x->kind != BX_CELL_TEXT || bound(d->tr, r, c))
                continue;
            text = x->text;
        } else {
            text = d->s->notes[i - cells];
        }
        char buf[FOLD_MAX];
        v[*n].folded = strdup(fold(text, buf));
        v[*n].text = text;
        if (v[*n].folded)
            (*n)++;
    }
    if (v)
        qsort(v, *n, sizeof *v, by_folded);
    return v;
}

static void literals_free(literal *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i].folded);
    free(v);
}

/* The form's first label: where the workbook's form starts. */
static bool first_label(const redraw *d, int *row, int *col)
{
    for (int r = 0; r < d->s->nrows; r++)
        for (int c = 0; c < d->s->ncols; c++) {
            const bx_cell *x = bx_sheet_cell(d->s, r, c);
            if (!x->covered && x->kind == BX_CELL_TEXT && !bx_text_blank(x->text) &&
                !bound(d->tr, r, c)) {
                *row = r, *col = c;
                return true;
            }
        }
    return false;
}

static bool form_cells(redraw *d, int dr, int dc, const literal *lits, size_t nlits)
{
    for (size_t i = 0; i < d->ws->ncells; i++) {
        const bx_xcell *x = &d->ws->cells[i];
        int r = x->row - dr, c = x->col - dc;
        if (r < BX_TITLE_ROWS || c < 0 || c >= d->s->ncols)
            continue;
        char buf[FOLD_MAX];
        literal key = {(char *)fold(x->text, buf), NULL};
        const literal *l = *buf ? bsearch(&key, lits, nlits, sizeof key, by_folded) : NULL;
        if (!put(d, r, c, x, l ? l->text : x->text, x->style, x->row))
            return false;
    }
    return true;
}

static bool form_merges(redraw *d, int dr, int dc, bx_xsheet *out)
{
    out->merges = bx_arena_alloc(d->arena, (d->ws->nmerges + 1) * sizeof *out->merges, d->err);
    if (!out->merges)
        return false;
    for (size_t i = 0; i < d->ws->nmerges; i++) {
        bx_xmerge m = d->ws->merges[i];
        m.first_row -= dr, m.last_row -= dr, m.first_col -= dc, m.last_col -= dc;
        if (m.first_row >= BX_TITLE_ROWS && m.first_col >= 0 && m.last_col < d->s->ncols)
            out->merges[out->nmerges++] = m;
    }
    return true;
}

static bool redraw_form(redraw *d, bx_xsheet *out, bx_origin *o)
{
    int mr, mc;
    if (!first_label(d, &mr, &mc))
        return true;
    const bx_cell *label = bx_sheet_cell(d->s, mr, mc);
    for (size_t i = 0; i < d->ws->ncells; i++) {
        const bx_xcell *x = &d->ws->cells[i];
        if (x->row < d->f->title_row || x->row > d->f->title_row + FORM_SEARCH_ROWS ||
            !same_text(x->text, label->text))
            continue;
        int dr = x->row - (BX_TITLE_ROWS + mr), dc = x->col - mc;
        size_t nlits;
        literal *lits = form_literals(d, &nlits);
        bool ok = lits && form_cells(d, dr, dc, lits, nlits) && form_merges(d, dr, dc, out);
        literals_free(lits, nlits);
        for (int c = 0; ok && c < d->s->ncols; c++)
            o->col_of[c] = c + dc;
        return ok || bx_failed(d->err) || bx_fail(d->err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    }
    char ref[32];
    bx_loc loc = {d->book->path, 0, 0};
    return bx_fail(d->err, &loc, BX_ERR_DATA, "%s!%s：标题“%s”下面找不到“%s”", d->ws->name,
                   bx_cell_ref(d->f->title_row, d->f->title_col, ref, sizeof ref), d->s->title,
                   label->text) == BX_OK;
}

/* ---- the sheet --------------------------------------------------------- */

static int by_cell(const void *a, const void *b)
{
    const bx_xcell *x = a, *y = b;
    return x->row != y->row ? (x->row > y->row) - (x->row < y->row)
                            : (x->col > y->col) - (x->col < y->col);
}

static bool redraw_grid(redraw *d, bx_origin *o)
{
    char(*bufs)[FOLD_MAX] = calloc((size_t)d->s->ncols + 1, FOLD_MAX);
    const char **keys = calloc((size_t)d->s->ncols + 1, sizeof *keys);
    bool ok = bufs && keys;
    for (int c = 0; ok && c < d->s->ncols; c++)
        keys[c] = model_key(d, c, bufs[c]);
    ok = ok ? find_header(d, keys) && pair_columns(d, keys) && header_rows(d) && body_rows(d)
            : bx_fail(d->err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    for (int c = 0; ok && c < d->s->ncols; c++)
        o->col_of[c] = c == d->split_col ? d->split[0] : d->col_of[c];
    free(bufs);
    free(keys);
    return ok;
}

bool bx_foreign_sheet(const bx_xbook *book, const bx_found_sheet *f, const bx_sheet *s,
                      const bx_trace *tr, const bx_table_layout *t, bx_arena *arena, bx_xsheet *out,
                      bx_origin *o, bx_error *err)
{
    redraw d = {.book = book,
                .ws = f->ws,
                .f = f,
                .s = s,
                .tr = tr,
                .t = t,
                .arena = arena,
                .err = err,
                .split_col = -1};
    *o = (bx_origin){.sheet = f->ws->name, .shown = f->shown};
    o->col_of = bx_arena_alloc(arena, ((size_t)s->ncols + 1) * sizeof(int), err);
    d.col_of = calloc((size_t)s->ncols + 1, sizeof(int));
    d.space_unit = calloc((size_t)s->ncols + 1, sizeof(int));
    bool ok =
        o->col_of && d.col_of && d.space_unit && bx_covers_index(f->ws, book->path, &d.covers, err);
    for (int c = 0; ok && c < s->ncols; c++)
        d.col_of[c] = o->col_of[c] = -1;
    ok = ok && title_rows(&d) &&
         (t->kind == BX_TABLE_FORM ? redraw_form(&d, out, o) : redraw_grid(&d, o));
    if (ok) {
        qsort(d.cells, d.ncells, sizeof *d.cells, by_cell);
        /* a cell given twice (a form's cell where ours has its title) keeps the first */
        size_t n = 0;
        for (size_t i = 0; i < d.ncells; i++)
            if (n == 0 || by_cell(&d.cells[n - 1], &d.cells[i]) != 0)
                d.cells[n++] = d.cells[i];
        out->name = f->ws->name;
        out->cells = bx_arena_alloc(arena, (n + 1) * sizeof *out->cells, err);
        o->row_of = bx_arena_alloc(arena, ((size_t)d.nrows + 1) * sizeof(int), err);
        ok = out->cells && o->row_of;
        if (ok) {
            if (n)
                memcpy(out->cells, d.cells, n * sizeof *out->cells);
            if (d.nrows)
                memcpy(o->row_of, d.row_of, (size_t)d.nrows * sizeof(int));
            out->ncells = n;
            out->nrows = o->nrows = d.nrows;
            out->ncols = o->ncols = s->ncols;
        }
    }
    if (!ok && !bx_failed(err))
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
    bx_covers_free(&d.covers);
    free(d.cells);
    free(d.row_of);
    free(d.col_of);
    free(d.space_unit);
    return ok;
}
