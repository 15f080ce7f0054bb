/* The whole document's text on pages (pdf_text.h). */
#include "pdf_text.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM (72.0 / 25.4)
#define INDENT "\u3000\u3000" /* two characters: every paragraph's first line */

void bx_text_style_default(bx_text_style *s)
{
    memset(s, 0, sizeof *s);
    s->page_w = 595.28;
    s->page_h = 841.89;
    s->width = 156 * MM;
    s->margin_l = (s->page_w - s->width) / 2;
    s->margin_t = 37 * MM;
    s->lines = 22;
    s->pitch = 225 * MM / 22;
    s->body_size = 15.75;
    s->title_size = 22;
    s->heading_size[0] = 22;
    s->heading_size[1] = 16;
    for (int i = 2; i < 5; i++)
        s->heading_size[i] = 15.75;
    s->number_size = 14;
    s->subtitle_size = s->contents_size = s->body_size;
    s->contents_title_size = s->heading_size[1];
    s->grid_size = 12; /* 小四 */
    s->grid_pitch = 18;
    s->grid_pad = 3;
    static const bx_typeface faces[BX_TEXT_ROLES] = {
        [BX_ROLE_TITLE] = BX_TYPEFACE_BOLD,         [BX_ROLE_SUBTITLE] = BX_TYPEFACE_REGULAR,
        [BX_ROLE_CONTENTS_TITLE] = BX_TYPEFACE_HEI, [BX_ROLE_CONTENTS] = BX_TYPEFACE_REGULAR,
        [BX_ROLE_PART] = BX_TYPEFACE_HEI,           [BX_ROLE_SECTION] = BX_TYPEFACE_KAI,
        [BX_ROLE_BODY] = BX_TYPEFACE_REGULAR};
    memcpy(s->face, faces, sizeof faces);
    s->numbered = true;
}

void bx_text_style_apply(bx_text_style *s, const bx_text_setup *u)
{
    if (u->landscape) {
        double w = s->page_w;
        s->page_w = s->page_h;
        s->page_h = w;
    }
    double height = 225 * MM;
    bool margins = u->margin_top || u->margin_right || u->margin_bottom || u->margin_left;
    if (margins) {
        s->margin_t = u->margin_top;
        s->margin_l = u->margin_left;
        s->width = s->page_w - u->margin_left - u->margin_right;
        height = s->page_h - u->margin_top - u->margin_bottom;
    } else if (u->landscape) { /* the portrait block turned: 20 mm all round */
        s->margin_t = s->margin_l = 20 * MM;
        s->width = s->page_w - 40 * MM;
        height = s->page_h - 40 * MM;
    }
    if (u->leading)
        s->pitch = u->leading;
    else
        s->pitch = height / s->lines;
    s->lines = (int)(height / s->pitch + 1e-9);
    double *sizes[BX_TEXT_ROLES] = {&s->title_size,    &s->subtitle_size,   &s->contents_title_size,
                                    &s->contents_size, &s->heading_size[0], &s->heading_size[2],
                                    &s->body_size};
    for (int r = 0; r < BX_TEXT_ROLES; r++) {
        if (u->size[r])
            *sizes[r] = u->size[r];
        if (u->face[r])
            s->face[r] = (bx_typeface)(u->face[r] - BX_FACE_REGULAR + BX_TYPEFACE_REGULAR);
    }
    if (u->size[BX_ROLE_PART])
        s->heading_size[1] = u->size[BX_ROLE_PART];
    if (u->size[BX_ROLE_BODY])
        s->heading_size[3] = s->heading_size[4] = u->size[BX_ROLE_BODY];
    s->part_pages = u->part_pages;
    s->numbered = !u->no_page_numbers;
}

static bx_text_role heading_role(int level)
{
    return level <= 1 ? BX_ROLE_PART : level == 2 ? BX_ROLE_SECTION : BX_ROLE_BODY;
}

bx_typeface bx_text_block_face(const bx_text_style *st, const bx_block *b)
{
    switch (b->kind) {
    case BX_BLOCK_TITLE: return st->face[BX_ROLE_TITLE];
    case BX_BLOCK_SUBTITLE: return st->face[BX_ROLE_SUBTITLE];
    case BX_BLOCK_LABEL: return BX_TYPEFACE_HEI;
    case BX_BLOCK_CONTENTS: return st->face[BX_ROLE_CONTENTS_TITLE];
    case BX_BLOCK_TABLES: return st->face[BX_ROLE_PART];
    case BX_BLOCK_HEADING: return st->face[heading_role(b->level)];
    case BX_BLOCK_PARAGRAPH:
    case BX_BLOCK_GRID: return st->face[BX_ROLE_BODY];
    }
    return BX_TYPEFACE_REGULAR;
}

void bx_text_layout_free(bx_text_layout *l)
{
    free(l->runs);
    free(l->rules);
    free(l->pages);
    free(l->marks);
    memset(l, 0, sizeof *l);
}

/* What laying out carries: the page being filled and its next line. */
typedef struct setter {
    const bx_metrics *m;
    const bx_text_style *st;
    bx_arena *arena;
    bx_text_layout *out;
    bx_error *err;
    double line;        /* the next line on the current page (a line of large
                           type takes more than one); -1: no page yet */
    double end_x;       /* where the last line set ends */
    int block;          /* the block being set */
    int *page;          /* per block: the page (0-based) its first line is on, -1 */
    const int *numbers; /* per block, a 目录 with page numbers' second pass: the
                           number printed on the page it begins on */
} setter;

static bool new_page(setter *s, bool numbered)
{
    bx_text_layout *o = s->out;
    if (o->tables_page == -1) /* the first page after the tables' place */
        o->tables_page = o->npages;
    if (!bx_grow((void **)&o->pages, &o->cap_pages, (size_t)o->npages + 1, sizeof *o->pages,
                 s->err))
        return false;
    o->pages[o->npages++] = (bx_text_page){o->nruns, 0, o->nrules, 0, numbered && s->st->numbered};
    s->line = 0;
    return true;
}

/* Room for n more lines on this page, or a new one. */
static bool room(setter *s, double n)
{
    if (s->line >= 0 && s->line + n <= s->st->lines + 1e-9)
        return true;
    return new_page(s, true);
}

/* The lines a line of type of this size takes: one, or as many as it
 * needs at 1.25 times its size. */
static double advance(const setter *s, double size)
{
    double a = 1.25 * size / s->st->pitch;
    return a > 1 ? a : 1;
}

static double baseline(const setter *s, double size)
{
    double top = s->st->page_h - s->st->margin_t - s->line * s->st->pitch;
    return top - advance(s, size) * s->st->pitch / 2 - 0.36 * size;
}

/* The next page's top: a page is begun by the next line set. */
static void end_page_here(setter *s)
{
    s->line = s->st->lines + 1;
}

/* A run whose baseline is at y. */
static bool add_run_at(setter *s, const char *text, const bx_text_line *l, double x, double y,
                       double size, double spacing, bx_typeface face)
{
    bx_text_layout *o = s->out;
    if (!bx_grow((void **)&o->runs, &o->cap_runs, (size_t)o->nruns + 1, sizeof *o->runs, s->err))
        return false;
    o->runs[o->nruns++] = (bx_text_run){text + l->off, l->len, x, y, size, spacing, face};
    o->pages[o->npages - 1].nruns++;
    if (s->page && s->block >= 0 && s->page[s->block] < 0)
        s->page[s->block] = o->npages - 1;
    return true;
}

static bool add_run(setter *s, const char *text, const bx_text_line *l, double x, double size,
                    double spacing, bx_typeface face)
{
    return add_run_at(s, text, l, x, baseline(s, size), size, spacing, face);
}

static bool add_rule(setter *s, double x1, double y1, double x2, double y2)
{
    bx_text_layout *o = s->out;
    if (!bx_grow((void **)&o->rules, &o->cap_rules, (size_t)o->nrules + 1, sizeof *o->rules,
                 s->err))
        return false;
    o->rules[o->nrules++] = (bx_text_rule){x1, y1, x2, y2};
    o->pages[o->npages - 1].nrules++;
    return true;
}

static bool mark(setter *s, int level, const char *title)
{
    bx_text_layout *o = s->out;
    if (!bx_grow((void **)&o->marks, &o->cap_marks, (size_t)o->nmarks + 1, sizeof *o->marks,
                 s->err))
        return false;
    o->marks[o->nmarks++] = (bx_text_mark){o->npages - 1, level, title};
    return true;
}

static size_t characters(const char *s, size_t n)
{
    size_t count = 0;
    uint32_t cp;
    for (size_t i = 0; bx_utf8_next(s, n, &i, &cp);)
        count++;
    return count;
}

/* text wrapped to the text block, each line a run: centred, or from the
 * left edge and (but the last) justified. keep: lines that must follow on
 * the same page (a heading's first line of text). */
static bool set_lines(setter *s, const char *text, double size, bx_typeface face, bool centred,
                      int keep)
{
    bx_wrapped w;
    const bx_text_style *st = s->st;
    if (!bx_wrap(s->m, face, text, size, st->width, s->arena, &w, s->err))
        return false;
    /* a heading keeps its lines and `keep` more together; text flows */
    double step = advance(s, size);
    double together = keep ? w.n * step + keep : step;
    if (!room(s, together > st->lines ? step : together))
        return false;
    for (int i = 0; i < w.n; i++) {
        const bx_text_line *l = &w.lines[i];
        if (!room(s, step))
            return false;
        double x = st->margin_l, spacing = 0;
        size_t n = characters(text + l->off, l->len);
        if (centred) {
            x += (st->width - l->width) / 2;
        } else if (i + 1 < w.n && n > 1) {
            spacing = (st->width - l->width) / (double)(n - 1);
            if (spacing > size / 2 || spacing < 0) /* a line cut short by a long word */
                spacing = 0;
        }
        if (!add_run(s, text, l, x, size, spacing, face))
            return false;
        s->end_x = x + l->width;
        s->line += step;
    }
    return true;
}

static const char *joined(setter *s, const char *a, const char *b, const char *c)
{
    size_t na = strlen(a), nb = strlen(b), nc = strlen(c);
    char *t = bx_arena_alloc(s->arena, na + nb + nc + 1, s->err);
    if (!t)
        return NULL;
    memcpy(t, a, na);
    memcpy(t + na, b, nb);
    memcpy(t + na + nb, c, nc + 1);
    return t;
}

/* The cover: the title centred a third of the way down, alone. */
static bool cover(setter *s, const bx_block *b, bool labelled)
{
    if (!labelled && !new_page(s, false))
        return false;
    s->line = (int)(s->st->lines / 3);
    return set_lines(s, b->text, s->st->title_size, bx_text_block_face(s->st, b), true, 0) &&
           mark(s, 0, b->text);
}

/* A short text (a page number, a leader) ending at the text block's right
 * edge, on the line just set, a step of `step` lines. */
static bool at_right(setter *s, const char *text, double size, double step, double right)
{
    double w = s->m->width(s->m->ctx, BX_TYPEFACE_REGULAR, text, strlen(text)) * size / 1000.0;
    bx_text_line l = {0, (uint32_t)strlen(text), w};
    s->line -= step; /* on the entry's last line */
    bool ok = add_run(s, text, &l, s->st->margin_l + s->st->width - right - w, size, 0,
                      BX_TYPEFACE_REGULAR);
    s->line += step;
    return ok;
}

/* An entry's page number, right-aligned on the line just set; its width. */
static bool page_number(setter *s, int number, double size, double *width)
{
    char digits[16];
    snprintf(digits, sizeof digits, "%d", number);
    char *text = bx_arena_strdup(s->arena, digits, s->err);
    if (!text)
        return false;
    *width = s->m->width(s->m->ctx, BX_TYPEFACE_REGULAR, text, strlen(text)) * size / 1000.0;
    return at_right(s, text, size, advance(s, size), 0);
}

/* Dots from the entry just set to `right` points before the right edge:
 * as many "…" as fit with a space of a quarter of the size each side. */
static bool leaders(setter *s, double size, double right)
{
    const char *dot = "\u2026";
    double w = s->m->width(s->m->ctx, BX_TYPEFACE_REGULAR, dot, strlen(dot)) * size / 1000.0;
    double room_w = s->st->margin_l + s->st->width - right - s->end_x - size / 2;
    int n = w > 0 ? (int)(room_w / w) : 0;
    if (n < 1)
        return true;
    char *text = bx_arena_alloc(s->arena, (size_t)n * 3 + 1, s->err);
    if (!text)
        return false;
    for (int i = 0; i < n; i++)
        memcpy(text + 3 * i, dot, 3);
    text[3 * n] = '\0';
    return at_right(s, text, size, advance(s, size), right + (right ? size / 4 : 0));
}

/* One line of the 目录: the entry, its dots, its page number. */
static bool entry(setter *s, const char *pad, const char *text, bool dots, int number)
{
    double size = s->st->contents_size, right = 0;
    const char *line = joined(s, pad, text, "");
    if (!line || !set_lines(s, line, size, s->st->face[BX_ROLE_CONTENTS], false, 0))
        return false;
    if (number > 0 && !page_number(s, number, size, &right))
        return false;
    return !dots || leaders(s, size, right);
}

/* 目录: the headings up to level `upto`, indented by their level, and the
 * tables listed under theirs. */
static bool contents(setter *s, const bx_doc *doc, int at)
{
    const bx_block *c = &doc->blocks[at];
    if (!new_page(s, true) || !set_lines(s, *c->text ? c->text : "目录", s->st->contents_title_size,
                                         bx_text_block_face(s->st, c), true, 0))
        return false;
    s->line += 1; /* a blank line below the title */
    for (int i = at + 1; i < doc->nblocks; i++) {
        const bx_block *b = &doc->blocks[i];
        if ((b->kind != BX_BLOCK_HEADING || b->level > c->level) && b->kind != BX_BLOCK_TABLES)
            continue;
        static const char *const pads[] = {"", "", INDENT, INDENT "\u3000", INDENT INDENT};
        const char *text = b->entry ? b->entry : joined(s, b->number, b->text, "");
        int number = s->numbers ? s->numbers[i] : 0;
        if (!text ||
            !entry(s, pads[b->kind == BX_BLOCK_TABLES ? 0 : b->level], text, c->leaders, number))
            return false;
        for (int k = 0; k < b->nentries; k++)
            if (!entry(s, INDENT, b->entries[k], c->leaders, 0))
                return false;
    }
    end_page_here(s); /* the text begins on a page of its own */
    return true;
}

static bool heading(setter *s, const bx_block *b)
{
    const bx_text_style *st = s->st;
    int level = b->level < 0 ? 0 : b->level > 4 ? 4 : b->level;
    /* 一、文字部分 (and each part where the set says): a page of its own's top */
    bool page_top = level == 0 || (level == 1 && st->part_pages);
    if (page_top && s->line > 0)
        end_page_here(s);
    const char *text = joined(s, level >= 2 ? INDENT : "", b->number, b->text);
    if (!text)
        return false;
    if (level <= 1 && s->line > 0 && s->line < st->lines)
        s->line++; /* a blank line above a part */
    if (!set_lines(s, text, st->heading_size[level], bx_text_block_face(st, b), level <= 1, 2) ||
        (level <= 2 && !mark(s, level, joined(s, b->number, b->text, ""))))
        return false;
    if (page_top && st->part_pages)
        s->line += 1; /* and below a part that begins a page */
    return true;
}

/* ---- a table inside the text --------------------------------------------- */

/* What setting a table carries: its columns' edges, its cells wrapped, the
 * y of the next row's top, and where the part on this page began. */
typedef struct table_set {
    const bx_grid *g;
    double x[BX_GRID_MAX_COLUMNS + 1];
    bx_wrapped *cells; /* nrows × ncols */
    double y, top;
} table_set;

static double page_top(const setter *s)
{
    return s->st->page_h - s->st->margin_t;
}

static double page_bottom(const setter *s)
{
    return page_top(s) - s->st->lines * s->st->pitch;
}

/* Lines [from, to) of a row's cells at t->y, each cell's lines justified
 * (but its last) or aligned as its column says; headings bold, centred. */
static bool set_row_lines(setter *s, table_set *t, int r, int from, int to)
{
    const bx_text_style *st = s->st;
    const bx_grid *g = t->g;
    for (int c = 0; c < g->ncols; c++) {
        const bx_wrapped *w = &t->cells[(size_t)r * (size_t)g->ncols + (size_t)c];
        const char *text = g->cells[(size_t)r * (size_t)g->ncols + (size_t)c];
        char align = r == 0 ? 'c' : g->aligns[c];
        double inner = t->x[c + 1] - t->x[c] - 2 * st->grid_pad;
        for (int k = from; k < to && k < w->n; k++) {
            const bx_text_line *l = &w->lines[k];
            double x = t->x[c] + st->grid_pad, spacing = 0;
            size_t n = characters(text + l->off, l->len);
            if (align == 'r')
                x += inner - l->width;
            else if (align == 'c')
                x += (inner - l->width) / 2;
            else if (k + 1 < w->n && n > 1)
                spacing = (inner - l->width) / (double)(n - 1);
            /* a line cut short (a bracketed phrase sent down whole) is not
             * spread over the cell */
            if (spacing > st->grid_size / 4 || spacing < 0)
                spacing = 0;
            /* the heading row's cells centred in its height */
            double lift = r == 0 ? (to - from - w->n) / 2.0 : 0;
            double slot = t->y - st->grid_pad - (k - from + lift) * st->grid_pitch;
            double y = slot - st->grid_pitch / 2 - 0.36 * st->grid_size;
            if (!add_run_at(s, text, l, x, y, st->grid_size, spacing,
                            r == 0 ? BX_TYPEFACE_BOLD : BX_TYPEFACE_REGULAR))
                return false;
        }
    }
    return true;
}

static int row_lines(const table_set *t, int r)
{
    int n = 1;
    for (int c = 0; c < t->g->ncols; c++)
        if (t->cells[(size_t)r * (size_t)t->g->ncols + (size_t)c].n > n)
            n = t->cells[(size_t)r * (size_t)t->g->ncols + (size_t)c].n;
    return n;
}

/* The columns' rules of the part of the table on this page. */
static bool close_part(setter *s, table_set *t)
{
    for (int c = 0; c <= t->g->ncols; c++)
        if (!add_rule(s, t->x[c], t->top, t->x[c], t->y))
            return false;
    return true;
}

/* A page for the table's next rows, its heading row at the top. */
static bool open_part(setter *s, table_set *t, bool new_one)
{
    const bx_text_style *st = s->st;
    if (new_one && (!close_part(s, t) || !new_page(s, true)))
        return false;
    t->top = t->y = new_one ? page_top(s) : t->y;
    int n = row_lines(t, 0);
    if (!add_rule(s, t->x[0], t->y, t->x[t->g->ncols], t->y) || !set_row_lines(s, t, 0, 0, n))
        return false;
    t->y -= n * st->grid_pitch + 2 * st->grid_pad;
    return add_rule(s, t->x[0], t->y, t->x[t->g->ncols], t->y);
}

/* Whole lines of a table's row that fit between y and the text block's
 * foot. */
static int lines_below(const setter *s, double y)
{
    return (int)((y - page_bottom(s) - 2 * s->st->grid_pad) / s->st->grid_pitch + 1e-9);
}

/* A body row, on as many pages as it needs: whole when it fits on the
 * page, else on a new page, split only when it is longer than a page. */
static bool set_row(setter *s, table_set *t, int r)
{
    const bx_text_style *st = s->st;
    int n = row_lines(t, r);
    double heading = row_lines(t, 0) * st->grid_pitch + 2 * st->grid_pad;
    int page = lines_below(s, page_top(s) - heading); /* on a page of its own */
    bool fresh = false; /* nothing but the heading row on this page yet */
    for (int done = 0; done < n;) {
        int room = lines_below(s, t->y);
        bool moves = room < n - done && n - done <= page; /* whole on the next page */
        if (moves || room < 1) {
            if (fresh)
                return bx_fail(s->err, NULL, BX_ERR_LIMIT, "文字中的表格的表头占满了一页") == BX_OK;
            if (!open_part(s, t, true))
                return false;
            fresh = true;
            continue;
        }
        int take = room < n - done ? room : n - done;
        if (!set_row_lines(s, t, r, done, done + take))
            return false;
        t->y -= take * st->grid_pitch + 2 * st->grid_pad;
        if (!add_rule(s, t->x[0], t->y, t->x[t->g->ncols], t->y))
            return false;
        done += take;
        fresh = false;
    }
    return true;
}

/* A text table's column widths: its shares of the text block, then a
 * column narrower than its short texts (a project's name, BX_PDF_SHORT_EMS
 * characters or fewer, on one line as published) widened from the others'
 * room. */
static void grid_widths(const setter *s, const bx_grid *g, double *w)
{
    const bx_text_style *st = s->st;
    double total = 0, want[BX_GRID_MAX_COLUMNS] = {0};
    for (int c = 0; c < g->ncols; c++)
        total += g->widths[c] > 0 ? g->widths[c] : 1;
    for (int c = 0; c < g->ncols; c++)
        w[c] = st->width * (g->widths[c] > 0 ? g->widths[c] : 1) / total;
    for (int r = 0; r < g->nrows; r++) {
        for (int c = 0; c < g->ncols; c++) {
            double nat = bx_pdf_text_width(s->m, g->cells[(size_t)r * g->ncols + c], 1.0);
            if (nat <= BX_PDF_SHORT_EMS + 0.01 && nat * st->grid_size + 2 * st->grid_pad > want[c])
                want[c] = nat * st->grid_size + 2 * st->grid_pad;
        }
    }
    bx_pdf_give_wants(w, want, g->ncols);
}

/* The table at the next line: ruled, its columns as wide as grid_widths
 * says, then the text goes on below it. */
static bool grid(setter *s, const bx_grid *g)
{
    const bx_text_style *st = s->st;
    if (g->ncols < 1 || g->ncols > BX_GRID_MAX_COLUMNS || g->nrows < 1)
        return true;
    table_set t = {.g = g};
    double w[BX_GRID_MAX_COLUMNS];
    grid_widths(s, g, w);
    t.x[0] = st->margin_l;
    for (int c = 0; c < g->ncols; c++)
        t.x[c + 1] = t.x[c] + w[c];
    size_t ncells = (size_t)g->nrows * (size_t)g->ncols;
    t.cells = bx_arena_alloc(s->arena, ncells * sizeof *t.cells, s->err);
    if (!t.cells)
        return false;
    for (size_t i = 0; i < ncells; i++) {
        int c = (int)(i % (size_t)g->ncols);
        double inner = t.x[c + 1] - t.x[c] - 2 * st->grid_pad;
        bx_typeface face = i < (size_t)g->ncols ? BX_TYPEFACE_BOLD : BX_TYPEFACE_REGULAR;
        if (!bx_wrap(s->m, face, g->cells[i], st->grid_size, inner, s->arena, &t.cells[i], s->err))
            return false;
    }
    /* the heading row and a first line of the body on this page */
    if (!room(s, 2))
        return false;
    t.y = page_top(s) - s->line * st->pitch;
    bool ok = open_part(s, &t, false);
    for (int r = 1; ok && r < g->nrows; r++)
        ok = set_row(s, &t, r);
    if (!ok || !close_part(s, &t))
        return false;
    /* the text goes on at the first whole line below the table */
    s->line = (int)((page_top(s) - t.y) / st->pitch + 1 - 1e-9);
    s->end_x = st->margin_l;
    return true;
}

static bool lay_out(const bx_doc *doc, setter *s)
{
    s->out->tables_page = -2; /* no tables' place yet */
    const bx_text_style *st = s->st;
    bx_text_layout *out = s->out;
    bool ok = true;
    for (int i = 0; ok && i < doc->nblocks; i++) {
        const bx_block *b = &doc->blocks[i];
        s->block = i;
        switch (b->kind) {
        case BX_BLOCK_LABEL: /* the cover's first line, from the left */
            ok = new_page(s, false) &&
                 set_lines(s, b->text, st->body_size, bx_text_block_face(st, b), false, 0);
            break;
        case BX_BLOCK_TITLE:
            ok = cover(s, b, i > 0 && doc->blocks[i - 1].kind == BX_BLOCK_LABEL);
            end_page_here(s);
            break;
        case BX_BLOCK_SUBTITLE: /* on the cover, four lines below the title */
            s->line = (int)(st->lines / 3) + advance(s, st->title_size) + 4;
            ok = set_lines(s, b->text, st->subtitle_size, bx_text_block_face(st, b), true, 0);
            end_page_here(s);
            break;
        case BX_BLOCK_CONTENTS: ok = contents(s, doc, i); break;
        case BX_BLOCK_HEADING: ok = heading(s, b); break;
        case BX_BLOCK_PARAGRAPH: {
            const char *text = joined(s, INDENT, b->number, b->text);
            ok = text && set_lines(s, text, st->body_size, bx_text_block_face(st, b), false, 0);
            break;
        }
        case BX_BLOCK_GRID: ok = grid(s, b->grid); break;
        case BX_BLOCK_TABLES: /* its heading alone on a page, the tables' bookmark */
            end_page_here(s);
            if (b->no_divider) /* or only the bookmark, at the first table */
                out->tables_title = *b->text ? b->text : NULL;
            else
                ok = !*b->text || (set_lines(s, b->text, st->heading_size[0],
                                             bx_text_block_face(st, b), true, 0) &&
                                   mark(s, 0, b->text));
            out->tables_mark = *b->text && !b->no_divider ? out->nmarks - 1 : -1;
            end_page_here(s);
            out->tables_page = -1; /* the next page's: new_page sets it */
            break;
        }
    }
    if (out->tables_page < 0) /* no text after the tables */
        out->tables_page = out->npages;
    return ok;
}

/* The number printed on each block's first page (the tables': the first
 * after the text), from where a first pass put them. */
static void page_numbers(const bx_doc *doc, const bx_text_layout *l, int table_pages,
                         const int *page, int *numbers)
{
    int numbered = 0;
    for (int p = 0; p < l->npages; p++)
        numbered += l->pages[p].numbered;
    for (int i = 0; i < doc->nblocks; i++) {
        int n = 0, before = 0; /* numbered pages up to the block's, and before the tables */
        for (int k = 0; k <= page[i] && k < l->npages; k++)
            n += l->pages[k].numbered;
        for (int k = 0; k < l->tables_page && k < l->npages; k++)
            before += l->pages[k].numbered;
        if (page[i] >= l->tables_page) /* text after the tables */
            n += table_pages;
        /* the tables without a heading of their own begin where they go */
        bool tables = doc->blocks[i].kind == BX_BLOCK_TABLES && page[i] < 0;
        numbers[i] = tables         ? (l->tables_page < l->npages ? before : numbered) + 1
                     : page[i] >= 0 ? n
                                    : 0;
    }
}

bool bx_text_lay_out(const bx_doc *doc, const bx_metrics *m, const bx_text_style *st,
                     bx_arena *arena, bx_text_layout *out, bx_error *err)
{
    memset(out, 0, sizeof *out);
    out->tables_mark = -1;
    bool numbered = false;
    for (int i = 0; i < doc->nblocks; i++)
        numbered |= doc->blocks[i].kind == BX_BLOCK_CONTENTS && doc->blocks[i].pages;
    size_t n = (size_t)(doc->nblocks ? doc->nblocks : 1);
    int *page = numbered ? bx_malloc(n * sizeof *page, err) : NULL;
    int *numbers = numbered ? bx_calloc(n, sizeof *numbers, err) : NULL;
    if (numbered && (!page || !numbers)) {
        free(page);
        free(numbers);
        return false;
    }
    for (int i = 0; page && i < doc->nblocks; i++)
        page[i] = -1;
    setter s = {.m = m, .st = st, .arena = arena, .out = out, .err = err, .line = -1, .block = -1};
    s.page = page;
    bool ok = lay_out(doc, &s);
    if (ok && numbered) { /* again, the 目录 knowing the pages (its length is the same) */
        page_numbers(doc, out, st->table_pages, page, numbers);
        bx_text_layout_free(out);
        out->tables_mark = -1;
        s = (setter){.m = m, .st = st, .arena = arena, .out = out, .err = err, .line = -1};
        s.block = -1;
        s.numbers = numbers;
        ok = lay_out(doc, &s);
    }
    free(page);
    free(numbers);
    return ok;
}
