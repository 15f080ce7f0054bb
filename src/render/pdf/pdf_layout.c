#include "pdf_layout.h"

#include "display.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void bx_pdf_style_default(bx_pdf_style *st)
{
    memset(st, 0, sizeof *st);
    st->page_w = 595.28;
    st->page_h = 841.89;
    st->margin_l = st->margin_r = 28.35; /* 10 mm */
    st->margin_t = 28.35;
    st->margin_b = 22.0;
    st->body_size = 9.0;
    st->min_body_size = 5.0;
    st->title_size = 16.0;
    st->label_size = 9.0;
    st->leading = 1.3;
    st->pad_x = 3.0;
    st->pad_y = 2.5;
    st->indent_em = 1.0;
    st->gap = 4.0;
    st->footer_h = 16.0;
}

/* ---- wrapping ---------------------------------------------------------- */

typedef enum tok_kind { TOK_WORD, TOK_CJK, TOK_SPACE, TOK_BREAK } tok_kind;

typedef struct token {
    uint32_t off, len;
    double w;
    tok_kind kind;
    uint32_t first, last; /* first and last code point */
} token;

/* Characters between which a line may break: CJK ideographs and
 * punctuation, full-width forms, and the quotes, dashes and ellipsis
 * Chinese text uses. Everything else groups into unbreakable words. */
static bool breaks_around(uint32_t cp)
{
    return cp >= 0x2E80 || (cp >= 0x2010 && cp <= 0x2027) || cp == 0xB7;
}

/* 避头尾: characters that may not start a line … */
static bool no_line_start(uint32_t cp)
{
    static const uint32_t list[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01,
                                    0xFF09, 0x300D, 0x300F, 0x3011, 0x300B, 0x3009, 0x201D,
                                    0x2019, 0x2026, 0x2014, 0xFF05, 0x3015, 0xFF3D, 0xFF5D,
                                    0x3017, 0x00B7, 0xFF0E, ',',    '.',    ';',    ':',
                                    '?',    '!',    ')',    ']',    '}',    '%'};
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (list[i] == cp)
            return true;
    return false;
}

/* … and characters that may not end one. */
static bool no_line_end(uint32_t cp)
{
    static const uint32_t list[] = {0xFF08, 0x300C, 0x300E, 0x3010, 0x300A, 0x3008, 0x201C, 0x2018,
                                    0x3014, 0xFF3B, 0xFF5B, 0x3016, '(',    '[',    '{'};
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (list[i] == cp)
            return true;
    return false;
}

/* Paired brackets: +1 opens, -1 closes, 0 neither. */
static int bracket(uint32_t cp)
{
    switch (cp) {
    case 0xFF08:
    case 0x3010:
    case 0x300A:
    case 0x3014:
    case '(':
    case '[': return 1;
    case 0xFF09:
    case 0x3011:
    case 0x300B:
    case 0x3015:
    case ')':
    case ']': return -1;
    default: return 0;
    }
}

static double measure(const bx_metrics *m, bx_typeface face, const char *s, size_t n, double size)
{
    return n ? m->width(m->ctx, face, s, n) * size / 1000.0 : 0.0;
}

/* Split text into words, CJK characters, space runs and forced breaks. */
static token *tokenize(const bx_metrics *m, bx_typeface face, const char *text, double size,
                       size_t *count, bx_error *err)
{
    size_t n = strlen(text);
    token *toks = malloc((n + 1) * sizeof *toks);
    if (!toks) {
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        return NULL;
    }
    size_t k = 0, i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = bx_utf8_decode(text + i, n - i, &cp);
        if (len == 0) {
            cp = 0xFFFD;
            len = 1;
        }
        tok_kind kind = cp == '\n'                ? TOK_BREAK
                        : cp == ' ' || cp == '\t' ? TOK_SPACE
                        : breaks_around(cp)       ? TOK_CJK
                                                  : TOK_WORD;
        if (cp == '\r') {
            i += len;
            continue;
        }
        bool extends = k > 0 && toks[k - 1].kind == kind &&
                       (kind == TOK_WORD || kind == TOK_SPACE) &&
                       toks[k - 1].off + toks[k - 1].len == i;
        if (extends) {
            toks[k - 1].len += (uint32_t)len;
            toks[k - 1].last = cp;
        } else {
            toks[k++] = (token){(uint32_t)i, (uint32_t)len, 0, kind, cp, cp};
        }
        i += len;
    }
    for (size_t t = 0; t < k; t++)
        if (toks[t].kind != TOK_BREAK)
            toks[t].w = measure(m, face, text + toks[t].off, toks[t].len, size);
    *count = k;
    return toks;
}

/* The longest prefix of a word (at least one character) that fits in
 * width; advances the token past it and returns the prefix's byte count. */
static uint32_t split_word(const bx_metrics *m, bx_typeface face, const char *text, double size,
                           double width, token *t, double *prefix_w)
{
    uint32_t used = 0;
    double w = 0;
    while (used < t->len) {
        uint32_t cp;
        size_t len = bx_utf8_decode(text + t->off + used, t->len - used, &cp);
        if (len == 0)
            len = 1;
        double cw = measure(m, face, text + t->off + used, len, size);
        if (used > 0 && w + cw > width)
            break;
        w += cw;
        used += (uint32_t)len;
    }
    *prefix_w = w;
    t->off += used;
    t->len -= used;
    t->w = measure(m, face, text + t->off, t->len, size);
    if (t->len > 0)
        bx_utf8_decode(text + t->off, t->len, &t->first);
    return used;
}

typedef struct line_list {
    bx_text_line *lines;
    int n, cap;
} line_list;

static bool push_line(line_list *l, uint32_t off, uint32_t len, double w, bx_error *err)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 8;
        bx_text_line *p = realloc(l->lines, (size_t)cap * sizeof *p);
        if (!p) {
            bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
            return false;
        }
        l->lines = p;
        l->cap = cap;
    }
    l->lines[l->n++] = (bx_text_line){off, len, w};
    return true;
}

static double span_width(const token *t, size_t from, size_t to)
{
    double w = 0;
    for (size_t i = from; i < to; i++)
        w += t[i].w;
    return w;
}

/* The outermost bracket opened in t[start, end) and not closed there, or
 * `end` if none; *close: the token after its closing bracket (or n). */
static size_t open_bracket(const token *t, size_t start, size_t end, size_t n, size_t *close)
{
    size_t open = end;
    int depth = 0;
    for (size_t i = start; i < end; i++) {
        int b = bracket(t[i].first) ? bracket(t[i].first) : bracket(t[i].last);
        if (b > 0 && depth++ == 0)
            open = i;
        else if (b < 0 && depth > 0 && --depth == 0)
            open = end;
    }
    if (open == end)
        return end;
    size_t i = end;
    for (; i < n && depth > 0; i++)
        depth += bracket(t[i].first) < 0 || bracket(t[i].last) < 0 ? -1 : 0;
    *close = i;
    return open;
}

/* Most cells (amounts, codes, short names) fit on one line: then there is
 * nothing to break, and no need to split the text into tokens. */
static bool fits_on_one_line(const bx_metrics *m, bx_typeface face, const char *text, double size,
                             double width, double *w)
{
    size_t n = strlen(text);
    if (n == 0 || text[0] == ' ' || text[0] == '\t' || text[n - 1] == ' ' || text[n - 1] == '\t' ||
        strpbrk(text, "\n\r"))
        return false;
    *w = measure(m, face, text, n, size);
    return *w <= width;
}

bool bx_wrap(const bx_metrics *m, bx_typeface face, const char *text, double size, double width,
             bx_arena *arena, bx_wrapped *out, bx_error *err)
{
    memset(out, 0, sizeof *out);
    double whole;
    if (fits_on_one_line(m, face, text, size, width, &whole)) {
        out->lines = bx_arena_alloc(arena, sizeof *out->lines, err);
        if (!out->lines)
            return false;
        out->lines[0] = (bx_text_line){0, (uint32_t)strlen(text), whole};
        out->n = 1;
        out->width = whole;
        return true;
    }
    size_t n;
    token *t = tokenize(m, face, text, size, &n, err);
    if (!t)
        return false;
    line_list lines = {0};
    bool ok = true;
    size_t i = 0;
    while (ok && i < n) {
        while (i < n && t[i].kind == TOK_SPACE)
            i++;
        if (i == n)
            break;
        if (t[i].kind == TOK_BREAK) { /* an empty line */
            ok = push_line(&lines, t[i].off, 0, 0, err);
            i++;
            continue;
        }
        /* Take tokens while they fit; the first always goes on the line,
         * and a word too wide for any line is cut at the width. */
        size_t start = i, end = i, j = i;
        double w = 0, pending = 0;
        bool split = false;
        while (j < n && t[j].kind != TOK_BREAK) {
            if (t[j].kind == TOK_SPACE) {
                pending += t[j++].w;
                continue;
            }
            double need = (end > start ? w + pending : 0) + t[j].w;
            if (need > width && end > start)
                break;
            if (need > width && t[j].kind == TOK_WORD && t[j].len > 1) {
                double pw;
                uint32_t off = t[j].off;
                uint32_t used = split_word(m, face, text, size, width, &t[j], &pw);
                ok = push_line(&lines, off, used, pw, err);
                split = true;
                break;
            }
            w = need;
            pending = 0;
            end = ++j;
        }
        if (split) {
            i = j; /* the rest of the word starts the next line */
            continue;
        }
        bool broke = j < n && t[j].kind != TOK_BREAK;
        if (broke) {
            /* 避头尾: pull characters down rather than start a line with
             * closing punctuation or end one with opening punctuation. */
            size_t next = end;
            while (next < n && t[next].kind == TOK_SPACE)
                next++;
            while (end - start >= 2 && next < n && t[next].kind != TOK_BREAK &&
                   no_line_start(t[next].first)) {
                next = --end;
                while (end > start && t[end - 1].kind == TOK_SPACE)
                    end--;
            }
            while (end - start >= 2 && no_line_end(t[end - 1].last)) {
                end--;
                while (end > start && t[end - 1].kind == TOK_SPACE)
                    end--;
            }
            /* a bracketed phrase that fits on a line goes to the next whole
             * ("深圳市医疗保障局/（本级）", not "…（本/级）") */
            size_t close = n, open = open_bracket(t, start, end, n, &close);
            if (open > start && open < end && span_width(t, open, close) <= width) {
                end = open;
                while (end > start && t[end - 1].kind == TOK_SPACE)
                    end--;
            }
        }
        uint32_t off = t[start].off;
        uint32_t len = t[end - 1].off + t[end - 1].len - off;
        ok = push_line(&lines, off, len, span_width(t, start, end), err);
        i = broke ? end : j + 1; /* past the forced break, if any */
    }
    free(t);
    if (ok && lines.n > 0) {
        out->lines = bx_arena_alloc(arena, (size_t)lines.n * sizeof *out->lines, err);
        ok = out->lines != NULL;
        if (ok) {
            memcpy(out->lines, lines.lines, (size_t)lines.n * sizeof *out->lines);
            out->n = lines.n;
            for (int k = 0; k < lines.n; k++)
                if (lines.lines[k].width > out->width)
                    out->width = lines.lines[k].width;
        }
    }
    free(lines.lines);
    return ok;
}

bool bx_wrap_balanced(const bx_metrics *m, bx_typeface face, const char *text, double size,
                      double width, bx_arena *arena, bx_wrapped *out, bx_error *err)
{
    if (!bx_wrap(m, face, text, size, width, arena, out, err))
        return false;
    if (out->n < 2 || strchr(text, '\n'))
        return true;
    /* narrow the width while the line count holds: bisect on points */
    double lo = width / out->n, hi = width;
    bx_wrapped best = *out, trial;
    for (int step = 0; step < 12 && hi - lo > 0.5; step++) {
        double mid = (lo + hi) / 2;
        if (!bx_wrap(m, face, text, size, mid, arena, &trial, err))
            return false;
        if (trial.n == best.n) {
            best = trial;
            hi = mid;
        } else {
            lo = mid;
        }
    }
    *out = best;
    return true;
}

/* ---- columns ----------------------------------------------------------- */

static double indent_of(const bx_cell *c, const bx_pdf_style *st, double size)
{
    return c->indent * st->indent_em * size;
}

/* ---- rows -------------------------------------------------------------- */

static double cell_space(const bx_pdf_sheet *l, const bx_cell *c, int col, const bx_pdf_style *st)
{
    double w = 0;
    for (int k = col; k < col + c->colspan; k++)
        w += l->col_w[k];
    w -= 2 * st->pad_x + indent_of(c, st, l->size);
    return w > l->size ? w : l->size;
}

/* Wrap one anchor cell as the sheet's layout sets it. */
static bool wrap_cell(const bx_pdf_sheet *l, int r, int c, bx_arena *arena, bx_wrapped *out,
                      bx_error *err)
{
    const bx_cell *cell = bx_sheet_cell(l->sheet, r, c);
    memset(out, 0, sizeof *out);
    if (cell->covered || cell->kind == BX_CELL_EMPTY)
        return true;
    char buf[64];
    const char *text = bx_pdf_cell_text(cell, buf, sizeof buf);
    double width = bx_cell_wraps(cell) ? cell_space(l, cell, c, l->style) : 1e9;
    bool centred = bx_cell_halign(cell) == BX_ALIGN_CENTER;
    return (centred ? bx_wrap_balanced : bx_wrap)(&l->metrics, BX_TYPEFACE_REGULAR, text, l->size,
                                                  width, arena, out, err);
}

bool bx_pdf_cell_lines(const bx_pdf_sheet *l, int r, int c, bx_arena *scratch, bx_wrapped *out,
                       bx_error *err)
{
    if (l->cells) {
        *out = l->cells[(size_t)r * (size_t)l->sheet->ncols + (size_t)c];
        return true;
    }
    return wrap_cell(l, r, c, scratch, out, err);
}

static bool wrap_cells(const bx_sheet *s, bx_arena *arena, bx_pdf_sheet *l, bx_error *err)
{
    for (int r = 0; r < s->nrows; r++)
        for (int c = 0; c < s->ncols; c++)
            if (!wrap_cell(l, r, c, arena, &l->cells[(size_t)r * (size_t)s->ncols + (size_t)c],
                           err))
                return false;
    return true;
}

static double block_h(int lines, double line_h, const bx_pdf_style *st)
{
    return (lines > 0 ? lines : 1) * line_h + 2 * st->pad_y;
}

/* Lines of anchor cell (r, c), or -1 when out of memory. */
static int cell_lines(const bx_pdf_sheet *l, int r, int c, bx_arena *scratch, bx_error *err)
{
    bx_wrapped w;
    if (!bx_pdf_cell_lines(l, r, c, scratch, &w, err))
        return -1;
    if (!l->cells)
        bx_arena_reset(scratch);
    return w.n;
}

/* What sizing a row needs: the cells' lines wrapped in the real font. */
typedef struct sizing {
    bx_pdf_sheet *l;
    const bx_pdf_style *st;
    bx_arena *scratch;
    bx_error *err;
} sizing;

static double cell_height(void *ctx, int row, int col, const bx_cell *cell)
{
    (void)cell;
    sizing *z = ctx;
    int n = cell_lines(z->l, row, col, z->scratch, z->err);
    return n < 0 ? -1 : block_h(n, z->l->line_h, z->st);
}

static bool size_rows(const bx_sheet *s, const bx_pdf_style *st, bx_pdf_sheet *l, bx_arena *scratch,
                      bx_error *err)
{
    sizing z = {l, st, scratch, err};
    double base = block_h(1, l->line_h, st);
    if (!bx_sheet_fit_rows(s, base > st->min_row_h ? base : st->min_row_h, cell_height, &z,
                           l->row_h))
        return false;
    for (int r = s->header_rows; r < s->nrows; r++)
        if (l->row_h[r] < st->min_body_h)
            l->row_h[r] = st->min_body_h;
    return true;
}

/* st with what the sheet says of its own print (上海's 12 pt cells in
 * 25 pt rows under an 18 pt regular title), in arena: one per sheet. */
static const bx_pdf_style *sheet_style(const bx_sheet *s, const bx_pdf_style *st, bx_arena *arena,
                                       bx_error *err)
{
    bx_pdf_style *own = bx_arena_alloc(arena, sizeof *own, err);
    if (!own)
        return NULL;
    *own = *st;
    if (s->font_size) {
        own->body_size = own->label_size = s->font_size;
        if (own->min_body_size > s->font_size)
            own->min_body_size = s->font_size;
    }
    if (s->title_size)
        own->title_size = s->title_size;
    if (s->row_height)
        own->min_row_h = s->row_height;
    if (s->body_row_height)
        own->min_body_h = s->body_row_height;
    own->title_block_h = s->title_height;
    if (s->leading)
        own->leading = s->leading;
    if (s->padding)
        own->pad_x = s->padding;
    own->natural_width = own->natural_width || s->natural_width;
    own->no_page_numbers = own->no_page_numbers || s->no_page_numbers;
    if (s->no_page_numbers)
        own->footer_h = 0;
    double *to[4] = {&own->margin_t, &own->margin_r, &own->margin_b, &own->margin_l};
    const double from[4] = {s->margin_top, s->margin_right, s->margin_bottom, s->margin_left};
    for (int i = 0; i < 4; i++)
        if (from[i])
            *to[i] = from[i];
    own->title_regular = own->title_regular || s->title_regular;
    return own;
}

bool bx_pdf_lay_out(const bx_sheet *s, const bx_metrics *m, const bx_pdf_style *st, bx_arena *arena,
                    bx_pdf_sheet *out, bx_error *err)
{
    memset(out, 0, sizeof *out);
    if (!(st = sheet_style(s, st, arena, err)))
        return false;
    out->sheet = s;
    out->page_w = s->landscape ? st->page_h : st->page_w;
    out->page_h = s->landscape ? st->page_w : st->page_h;
    double avail = out->page_w - st->margin_l - st->margin_r;
    out->metrics = *m;
    out->style = st;
    size_t ncells = (size_t)s->nrows * (size_t)s->ncols;
    bool keep = ncells <= BX_KEEP_CELLS;
    out->col_x = bx_arena_alloc(arena, (size_t)s->ncols * sizeof(double), err);
    out->col_w = bx_arena_alloc(arena, (size_t)s->ncols * sizeof(double), err);
    out->row_h = bx_arena_alloc(arena, (size_t)(s->nrows + 1) * sizeof(double), err);
    out->cells =
        keep ? bx_arena_alloc(arena, (ncells ? ncells : 1) * sizeof(bx_wrapped), err) : NULL;
    out->notes = bx_arena_alloc(arena, (size_t)(s->nnotes + 1) * sizeof(bx_wrapped), err);
    if (!out->col_x || !out->col_w || !out->row_h || (keep && !out->cells) || !out->notes)
        return false;

    if (!bx_pdf_choose_size(s, m, st, avail, out, err))
        return false;
    out->line_h = out->size * st->leading;
    out->table_w = 0;
    for (int c = 0; c < s->ncols; c++)
        out->table_w += out->col_w[c];
    out->x0 = st->margin_l + (avail - out->table_w) / 2;
    double x = out->x0;
    for (int c = 0; c < s->ncols; c++) {
        out->col_x[c] = x;
        x += out->col_w[c];
    }
    bx_arena *scratch = keep ? NULL : bx_arena_new();
    bool sized = keep ? wrap_cells(s, arena, out, err) && size_rows(s, st, out, NULL, err)
                      : scratch && size_rows(s, st, out, scratch, err);
    if (!keep && !scratch)
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
    bx_arena_free(scratch);
    if (!sized)
        return false;
    out->header_h = 0;
    for (int r = 0; r < s->header_rows; r++)
        out->header_h += out->row_h[r];

    if (!bx_wrap(m, st->title_regular ? BX_TYPEFACE_REGULAR : BX_TYPEFACE_BOLD, s->title,
                 st->title_size, out->table_w, arena, &out->title, err))
        return false;
    double label_line = st->label_size * st->leading;
    bool label = s->label && *s->label; /* an empty label takes no line */
    out->title_block_h = (label ? label_line + st->gap : 0) +
                         out->title.n * st->title_size * st->leading + label_line + st->gap;
    if (out->title_block_h < st->title_block_h)
        out->title_block_h = st->title_block_h;
    out->notes_h = 0;
    for (int i = 0; i < s->nnotes; i++) {
        if (!bx_wrap(m, BX_TYPEFACE_REGULAR, s->notes[i], st->label_size, out->table_w, arena,
                     &out->notes[i], err))
            return false;
        out->notes_h += (out->notes[i].n ? out->notes[i].n : 1) * label_line;
    }
    if (s->nnotes)
        out->notes_h += st->gap;
    return true;
}

/* ---- pages ------------------------------------------------------------- */

double bx_pdf_body_top(const bx_pdf_sheet *l, const bx_pdf_style *st)
{
    return l->page_h - st->margin_t - l->title_block_h - l->header_h;
}

double bx_pdf_body_space(const bx_pdf_sheet *l, const bx_pdf_style *st)
{
    return bx_pdf_body_top(l, st) - st->margin_b - st->footer_h;
}

typedef struct planner {
    bx_slice *slices;
    int nslices;
    size_t cap_slices;
    bx_page_plan *pages;
    int npages;
    size_t cap_pages;
    double used;
    /* the body's room on the first page and on the pages it continues on
     * (more where they repeat neither title block nor header) */
    double space, first_space, next_space;
    bx_arena *scratch; /* rewrapping a tall row of a big sheet */
    bx_error *err;
} planner;

static bool new_page(planner *p)
{
    if (!bx_grow((void **)&p->pages, &p->cap_pages, (size_t)p->npages + 1, sizeof *p->pages,
                 p->err))
        return false;
    p->pages[p->npages++] = (bx_page_plan){p->nslices, 0, false};
    p->used = 0;
    p->space = p->npages == 1 ? p->first_space : p->next_space;
    return true;
}

static bool add_slice(planner *p, int row, int from, int to, double h)
{
    if (!bx_grow((void **)&p->slices, &p->cap_slices, (size_t)p->nslices + 1, sizeof *p->slices,
                 p->err))
        return false;
    p->slices[p->nslices++] = (bx_slice){row, from, to, h};
    p->pages[p->npages - 1].nslices++;
    p->used += h;
    return true;
}

/* Lines of the tallest one-row cell of row r (-1: out of memory). */
static int row_lines(const bx_pdf_sheet *l, int r, bx_arena *scratch, bx_error *err)
{
    const bx_sheet *s = l->sheet;
    int most = 1;
    for (int c = 0; c < s->ncols; c++) {
        const bx_cell *cell = bx_sheet_cell(s, r, c);
        if (cell->covered || cell->rowspan != 1)
            continue;
        int n = cell_lines(l, r, c, scratch, err);
        if (n < 0)
            return -1;
        most = n > most ? n : most;
    }
    return most;
}

/* A row taller than a page: its lines go on as many pages as needed,
 * starting on the current page when a few lines still fit there. */
static bool split_row(planner *p, const bx_pdf_sheet *l, const bx_pdf_style *st, int r)
{
    int total = row_lines(l, r, p->scratch, p->err), from = 0;
    if (total < 0)
        return false;
    while (from < total) {
        int fit = (int)floor((p->space - p->used - 2 * st->pad_y) / l->line_h);
        if (fit < 1 || (from == 0 && p->used > 0 && fit < 3)) {
            if (!new_page(p))
                return false;
            continue;
        }
        int to = from + fit < total ? from + fit : total;
        if (!add_slice(p, r, from, to, (to - from) * l->line_h + 2 * st->pad_y))
            return false;
        from = to;
        if (from < total && !new_page(p))
            return false;
    }
    return true;
}

static bool place_notes(planner *p, const bx_pdf_sheet *l)
{
    if (!l->sheet->nnotes || p->used + l->notes_h <= p->space) {
        p->pages[p->npages - 1].notes = true;
        return true;
    }
    /* The notes move to a new page and take the last row with them, so
     * that they never stand alone. */
    bx_page_plan *last = &p->pages[p->npages - 1];
    bool take_row = last->nslices >= 2 && p->slices[p->nslices - 1].line_to < 0;
    double moved = take_row ? p->slices[p->nslices - 1].h : 0;
    if (take_row)
        last->nslices--;
    if (!new_page(p))
        return false;
    if (take_row) {
        p->pages[p->npages - 1].first_slice = p->nslices - 1;
        p->pages[p->npages - 1].nslices = 1;
        p->used = moved;
    }
    p->pages[p->npages - 1].notes = true;
    return true;
}

bool bx_paginate(bx_pdf_sheet *l, const bx_pdf_style *st, bx_arena *arena, bx_error *err)
{
    st = l->style; /* the sheet's own, where it has one */
    const bx_sheet *s = l->sheet;
    double space = bx_pdf_body_space(l, st);
    if (space < 2 * l->line_h + 2 * st->pad_y) {
        bx_loc loc = {s->name, 0, 0};
        bx_fail(err, &loc, BX_ERR_LAYOUT, "表头太高，一页放不下表头和一行表体");
        return false;
    }
    planner p = {.err = err, .first_space = space};
    p.next_space =
        space + (s->title_once ? l->title_block_h : 0) + (s->header_once ? l->header_h : 0);
    if (!l->cells && !(p.scratch = bx_arena_new()))
        return bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    bool ok = new_page(&p);
    for (int r = s->header_rows; ok && r < s->nrows; r++) {
        double h = l->row_h[r];
        if (h > p.space) {
            ok = split_row(&p, l, st, r);
            continue;
        }
        if (p.used + h > p.space)
            ok = new_page(&p);
        ok = ok && add_slice(&p, r, 0, -1, h);
    }
    ok = ok && place_notes(&p, l);
    if (ok) {
        l->slices = bx_arena_alloc(arena, (size_t)(p.nslices + 1) * sizeof *l->slices, err);
        l->pages = bx_arena_alloc(arena, (size_t)p.npages * sizeof *l->pages, err);
        ok = l->slices && l->pages;
    }
    if (ok) {
        if (p.nslices) /* a table with no body rows has no slices */
            memcpy(l->slices, p.slices, (size_t)p.nslices * sizeof *l->slices);
        memcpy(l->pages, p.pages, (size_t)p.npages * sizeof *l->pages);
        l->nslices = p.nslices;
        l->npages = p.npages;
    }
    free(p.slices);
    free(p.pages);
    bx_arena_free(p.scratch);
    return ok;
}
