/* The PDF back end on libharu 2.3.0. Each sheet event is laid out by
 * pdf_layout.c (measure, wrap, paginate); at the end every page is drawn,
 * so "第 N 页 共 M 页" knows M. Text is set in an embedded subset of a
 * CJK font (pdf_font.h, pdf_objects.h), and characters the font
 * lacks are reported before anything is drawn. Only libharu's API (hpdf.h)
 * is used here; what it has no call for is in pdf_hpdf.h. libharu errors
 * are converted to bx_error in one place (hpdf_fail()). */
#include "pdf.h"
#include "pdf_doc.h"

#include "display.h"
#include "fonts.h"
#include "geometry.h"
#include "hash.h"
#include "pdf_content.h"
#include "pdf_font.h"
#include "pdf_hpdf.h"
#include "pdf_objects.h"
#include "pdf_layout.h"
#include "strbuf.h"
#include "text.h"

#include <hpdf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* libharu holds at most HPDF_LIMIT_MAX_ARRAY (32,767) items in an array */
enum { PAGES_IN_ONE_NODE = 32000, PAGES_PER_NODE = 1000 };

/* ---- drawing ----------------------------------------------------------- */

/* Where a row is on the current page. */
typedef struct row_place {
    bool shown;
    double top, h;
    int line_from, line_to; /* line_to < 0: all */
} row_place;

/* What drawing one page needs. */
typedef struct page_ctx {
    pdf_state *st;
    const bx_pdf_sheet *l;
    row_place *rows;            /* one per sheet row; only this page's are shown */
    const char *regular, *bold; /* the fonts' resource names on the page */
    /* The grid: the page's rows in order (visible index k), and which
     * cell edges are drawn: across[k][c] is the edge above row k in
     * column c (k = nvis: the bottom), down[k][j] the edge left of column
     * j (j = ncols: the right) in row k. Drawn as merged lines. */
    int *vis;  /* sheet row -> k, or -1 */
    double *y; /* the top of row k; y[nvis] = the bottom of the last */
    int nvis;
    unsigned char *across, *down;
} page_ctx;

/* Text at (x, baseline), in the title face or the regular one. */
static void show(page_ctx *pc, bool title, double size, double x, double baseline, const char *s,
                 size_t n)
{
    pdf_state *st = pc->st;
    const pdf_face *pf = title ? bx_pdf_title_face(st) : &st->regular;
    double stroke = title && st->fake_bold ? size / 30 : 0;
    bx_content_text(&st->content, title ? pc->bold : pc->regular, size, x, baseline, &pf->chars, s,
                    n, stroke);
}

static void show_line(page_ctx *pc, bool title, double size, double x, double baseline,
                      const char *text, const bx_text_line *line)
{
    show(pc, title, size, x, baseline, text + line->off, line->len);
}

/* Baseline that centres CJK glyphs (their em box spans about -0.12 em
 * to 0.88 em) on a line's middle. */
static double baseline_for(double line_top, double line_h, double size)
{
    return line_top - line_h / 2 - 0.36 * size;
}

static double aligned_x(bx_align a, double x, double w, double pad, double indent, double text_w)
{
    switch (a) {
    case BX_ALIGN_CENTER: return x + (w - text_w) / 2;
    case BX_ALIGN_RIGHT: return x + w - pad - text_w;
    case BX_ALIGN_LEFT:
    case BX_ALIGN_DEFAULT: return x + pad + indent;
    }
    return x + pad;
}

static const char *cell_source(const bx_cell *c, char *buf, size_t size)
{
    if (c->kind == BX_CELL_TEXT)
        return c->text;
    bx_cell_display(c, buf, size);
    return buf;
}

/* The edges of a box over visible rows k0..k1 and columns c0..c1. */
static void mark_box(page_ctx *pc, int k0, int k1, int c0, int c1)
{
    int ncols = pc->l->sheet->ncols;
    for (int c = c0; c <= c1; c++) {
        pc->across[(size_t)k0 * (size_t)ncols + (size_t)c] = 1;
        pc->across[(size_t)(k1 + 1) * (size_t)ncols + (size_t)c] = 1;
    }
    for (int k = k0; k <= k1; k++) {
        pc->down[(size_t)k * (size_t)(ncols + 1) + (size_t)c0] = 1;
        pc->down[(size_t)k * (size_t)(ncols + 1) + (size_t)c1 + 1] = 1;
    }
}

/* The marked edges as lines, each run of edges one line. */
static void draw_grid(page_ctx *pc)
{
    const bx_pdf_sheet *l = pc->l;
    int ncols = l->sheet->ncols;
    bx_content *out = &pc->st->content;
    double right = l->col_x[ncols - 1] + l->col_w[ncols - 1];
    for (int k = 0; k <= pc->nvis; k++) {
        const unsigned char *e = &pc->across[(size_t)k * (size_t)ncols];
        for (int c = 0; c < ncols;) {
            if (!e[c]) {
                c++;
                continue;
            }
            int end = c;
            while (end + 1 < ncols && e[end + 1])
                end++;
            double x2 = end + 1 < ncols ? l->col_x[end + 1] : right;
            bx_content_line(out, l->col_x[c], pc->y[k], x2, pc->y[k]);
            c = end + 1;
        }
    }
    for (int j = 0; j <= ncols; j++) {
        double x = j < ncols ? l->col_x[j] : right;
        for (int k = 0; k < pc->nvis;) {
            if (!pc->down[(size_t)k * (size_t)(ncols + 1) + (size_t)j]) {
                k++;
                continue;
            }
            int end = k;
            while (end + 1 < pc->nvis &&
                   pc->down[(size_t)(end + 1) * (size_t)(ncols + 1) + (size_t)j])
                end++;
            bx_content_line(out, x, pc->y[k], x, pc->y[end + 1]);
            k = end + 1;
        }
    }
}

/* An anchor cell: its box over the rows of its span shown on this page,
 * and its lines (a label whose span a page break cut is clipped to the
 * part on this page). */
static void draw_cell(page_ctx *pc, int r, int c)
{
    pdf_state *st = pc->st;
    const bx_pdf_sheet *l = pc->l;
    const row_place *rows = pc->rows;
    const bx_sheet *s = l->sheet;
    const bx_cell *cell = bx_sheet_cell(s, r, c);
    int first = -1, last = -1;
    for (int k = r; k < r + cell->rowspan; k++) {
        if (rows[k].shown) {
            if (first < 0)
                first = k;
            last = k;
        }
    }
    if (first < 0)
        return;
    double x = l->col_x[c], w = 0;
    for (int k = c; k < c + cell->colspan; k++)
        w += l->col_w[k];
    double top = rows[first].top, bottom = rows[last].top - rows[last].h, h = top - bottom;
    mark_box(pc, pc->vis[first], pc->vis[last], c, c + cell->colspan - 1);

    bx_wrapped lines;
    if (!bx_pdf_cell_lines(l, r, c, st->scratch, &lines, &st->draw_err))
        return;
    const bx_wrapped *wr = &lines;
    if (wr->n == 0)
        return;
    int from = 0, to = wr->n;
    if (cell->rowspan == 1 && rows[r].line_to >= 0) { /* a slice of a tall row */
        from = rows[r].line_from < wr->n ? rows[r].line_from : wr->n;
        to = rows[r].line_to < wr->n ? rows[r].line_to : wr->n;
    }
    if (from >= to)
        return;
    char buf[64];
    const char *text = cell_source(cell, buf, sizeof buf);
    double block = (to - from) * l->line_h;
    double y = top - (h - block) / 2;
    bool clip = block > h + 0.01;
    if (clip) {
        bx_content_clip_begin(&st->content, x, bottom, w, h);
        y = top;
    }
    bx_align align = bx_cell_halign(cell);
    double indent = cell->indent * l->style->indent_em * l->size;
    for (int k = from; k < to; k++) {
        const bx_text_line *line = &wr->lines[k];
        double lx = aligned_x(align, x, w, l->style->pad_x, indent, line->width);
        show_line(pc, false, l->size, lx, baseline_for(y, l->line_h, l->size), text, line);
        y -= l->line_h;
    }
    if (clip)
        bx_content_clip_end(&st->content);
}

/* The anchors of row r. */
static void draw_row(page_ctx *pc, int r)
{
    const bx_sheet *s = pc->l->sheet;
    for (int c = 0; c < s->ncols; c++)
        if (!bx_sheet_cell(s, r, c)->covered)
            draw_cell(pc, r, c);
}

/* Anchors above row `first` whose row span reaches it: labels that began
 * on an earlier page are drawn again. */
static void draw_spans_from_above(page_ctx *pc, int first)
{
    const bx_sheet *s = pc->l->sheet;
    for (int c = 0; c < s->ncols; c++) {
        int r = first;
        while (r > s->header_rows && bx_sheet_cell(s, r, c)->covered)
            r--;
        const bx_cell *a = bx_sheet_cell(s, r, c);
        if (r < first && !a->covered && r + a->rowspan > first)
            draw_cell(pc, r, c);
    }
}

static void draw_title_block(page_ctx *pc)
{
    pdf_state *st = pc->st;
    const bx_pdf_sheet *l = pc->l;
    const bx_pdf_style *ps = l->style;
    const bx_sheet *s = l->sheet;
    double label_line = ps->label_size * ps->leading;
    double y = l->page_h - ps->margin_t;
    if (*s->label) {
        show(pc, false, ps->label_size, l->x0, baseline_for(y, label_line, ps->label_size),
             s->label, strlen(s->label));
        y -= label_line + ps->gap;
    }
    /* a title block taller than its lines (print: title_height): the title
     * centred in the room above the caption, as in a tall spreadsheet row */
    double title_line = ps->title_size * ps->leading;
    double extra = l->title_block_h - (*s->label ? label_line + ps->gap : 0) -
                   l->title.n * title_line - label_line - ps->gap;
    y -= extra > 0 ? extra / 2 : 0;
    for (int i = 0; i < l->title.n; i++) {
        const bx_text_line *line = &l->title.lines[i];
        double x = l->x0 + (l->table_w - line->width) / 2;
        show_line(pc, !ps->title_regular, ps->title_size, x,
                  baseline_for(y, title_line, ps->title_size), s->title, line);
        y -= title_line;
    }
    y -= (extra > 0 ? extra / 2 : 0) + ps->gap;
    double base = baseline_for(y, label_line, ps->label_size);
    if (s->caption_left)
        show(pc, false, ps->label_size, l->x0, base, s->caption_left, strlen(s->caption_left));
    if (s->caption_right) {
        double w =
            bx_pdf_width(st, BX_TYPEFACE_REGULAR, s->caption_right, strlen(s->caption_right)) *
            ps->label_size / 1000.0;
        show(pc, false, ps->label_size, l->x0 + l->table_w - w, base, s->caption_right,
             strlen(s->caption_right));
    }
}

static void draw_notes(page_ctx *pc, double y)
{
    const bx_pdf_sheet *l = pc->l;
    const bx_pdf_style *ps = l->style;
    double line_h = ps->label_size * ps->leading;
    y -= ps->gap;
    for (int i = 0; i < l->sheet->nnotes; i++) {
        const bx_wrapped *w = &l->notes[i];
        for (int k = 0; k < w->n; k++) {
            show_line(pc, false, ps->label_size, l->x0, baseline_for(y, line_h, ps->label_size),
                      l->sheet->notes[i], &w->lines[k]);
            y -= line_h;
        }
        if (w->n == 0)
            y -= line_h;
    }
}

static void draw_footer(page_ctx *pc, int number, int total)
{
    pdf_state *st = pc->st;
    if (pc->l->style->no_page_numbers)
        return;
    char text[64];
    snprintf(text, sizeof text, "第 %d 页 共 %d 页", number, total);
    double size = st->style.label_size;
    double w = bx_pdf_width(st, BX_TYPEFACE_REGULAR, text, strlen(text)) * size / 1000.0;
    show(pc, false, size, (pc->l->page_w - w) / 2, st->style.margin_b, text, strlen(text));
}

/* A new page of the sheet's size with the fonts in its resources; the
 * first page of a sheet gets an outline entry. */
static HPDF_Page new_page(page_ctx *pc, bool first_of_sheet)
{
    pdf_state *st = pc->st;
    HPDF_Page page = HPDF_AddPage(st->pdf);
    if (!page)
        return NULL;
    HPDF_Page_SetWidth(page, (HPDF_REAL)pc->l->page_w);
    HPDF_Page_SetHeight(page, (HPDF_REAL)pc->l->page_h);
    /* the tables' heading without a page of its own: its bookmark here */
    if (first_of_sheet && st->text.tables_title && !st->tables_outline &&
        (st->tables_outline =
             bx_hpdf_add_outline(st->pdf, NULL, st->text.tables_title, &st->draw_err)))
        HPDF_Outline_SetDestination(st->tables_outline, HPDF_Page_CreateDestination(page));
    if (first_of_sheet) {
        HPDF_Outline o =
            bx_hpdf_add_outline(st->pdf, st->tables_outline, pc->l->sheet->name, &st->draw_err);
        if (o)
            HPDF_Outline_SetDestination(o, HPDF_Page_CreateDestination(page));
    }
    pc->regular = bx_hpdf_page_font(page, st->regular.font);
    pc->bold = st->fake_bold ? pc->regular : bx_hpdf_page_font(page, st->bold.font);
    return pc->regular && pc->bold ? page : NULL;
}

/* Where the page's rows go: header rows, then its slices of body rows.
 * Returns the bottom of the last. */
static double place_rows(page_ctx *pc, const bx_page_plan *plan, bool first_of_sheet)
{
    const bx_pdf_sheet *l = pc->l;
    const bx_sheet *s = l->sheet;
    bool title = first_of_sheet || !s->title_once, header = first_of_sheet || !s->header_once;
    double y = l->page_h - l->style->margin_t - (title ? l->title_block_h : 0);
    pc->nvis = 0;
    for (int r = 0; r < s->header_rows; r++) {
        if (!header) {
            pc->rows[r].shown = false;
            pc->vis[r] = -1;
            continue;
        }
        pc->rows[r] = (row_place){true, y, l->row_h[r], 0, -1};
        pc->vis[r] = pc->nvis;
        pc->y[pc->nvis++] = y;
        y -= l->row_h[r];
    }
    const bx_slice *slices = &l->slices[plan->first_slice];
    for (int i = 0; i < plan->nslices; i++) {
        const bx_slice *sl = &slices[i];
        pc->rows[sl->row] = (row_place){true, y, sl->h, sl->line_from, sl->line_to};
        pc->vis[sl->row] = pc->nvis;
        pc->y[pc->nvis++] = y;
        y -= sl->h;
    }
    pc->y[pc->nvis] = y;
    size_t ncols = (size_t)s->ncols;
    memset(pc->across, 0, (size_t)(pc->nvis + 1) * ncols);
    memset(pc->down, 0, (size_t)pc->nvis * (ncols + 1));
    return y;
}

/* The page's content stream, deflated, made its contents. */
static bool end_page(pdf_state *st, HPDF_Page page, bx_error *err)
{
    if (!bx_content_finish(&st->content, 0.5, &st->page_stream))
        return bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    size_t len;
    unsigned char *z =
        bx_deflate(st->deflater, st->page_stream.data, st->page_stream.len, &len, err);
    bool ok = z && bx_hpdf_set_page_contents(page, z, len, err);
    free(z);
    return ok && bx_pdf_ok_so_far(st, "绘制页面", err);
}

static bool draw_page(page_ctx *pc, const bx_page_plan *plan, int number, int total,
                      bool first_of_sheet, bx_error *err)
{
    pdf_state *st = pc->st;
    const bx_pdf_sheet *l = pc->l;
    const bx_sheet *s = l->sheet;
    HPDF_Page page = new_page(pc, first_of_sheet);
    if (!page)
        return bx_pdf_fail(st, "新页面", err);
    bx_content_reset(&st->content);
    bx_arena_reset(st->scratch);
    if (first_of_sheet || !s->title_once)
        draw_title_block(pc);
    double y = place_rows(pc, plan, first_of_sheet);
    const bx_slice *slices = &l->slices[plan->first_slice];
    if (first_of_sheet || !s->header_once)
        for (int r = 0; r < s->header_rows; r++)
            draw_row(pc, r);
    if (plan->nslices)
        draw_spans_from_above(pc, slices[0].row);
    for (int i = 0; i < plan->nslices; i++)
        if (i == 0 || slices[i].row != slices[i - 1].row)
            draw_row(pc, slices[i].row);
    draw_grid(pc);
    for (int i = 0; i < plan->nslices; i++) { /* for the next page */
        pc->rows[slices[i].row].shown = false;
        pc->vis[slices[i].row] = -1;
    }
    if (plan->notes)
        draw_notes(pc, y);
    draw_footer(pc, number, total);
    if (bx_failed(&st->draw_err)) {
        *err = st->draw_err;
        return false;
    }
    return end_page(st, page, err);
}

static void free_page_ctx(page_ctx *pc)
{
    free(pc->rows);
    free(pc->vis);
    free(pc->y);
    free(pc->across);
    free(pc->down);
}

static bool draw_sheet(pdf_state *st, const bx_pdf_sheet *l, int *number, int total, bx_error *err)
{
    size_t nrows = (size_t)l->sheet->nrows, ncols = (size_t)l->sheet->ncols;
    int most = 0; /* rows on the fullest page */
    for (int p = 0; p < l->npages; p++)
        if (l->pages[p].nslices > most)
            most = l->pages[p].nslices;
    size_t nvis = (size_t)(l->sheet->header_rows + most);
    page_ctx pc = {.st = st, .l = l};
    pc.rows = bx_calloc(nrows + 1, sizeof *pc.rows, err);
    pc.vis = bx_malloc((nrows + 1) * sizeof *pc.vis, err);
    pc.y = bx_calloc(nvis + 1, sizeof *pc.y, err);
    pc.across = bx_calloc((nvis + 1) * ncols + 1, 1, err);
    pc.down = bx_calloc(nvis * (ncols + 1) + 1, 1, err);
    bool ok = pc.rows && pc.vis && pc.y && pc.across && pc.down;
    for (size_t r = 0; ok && r <= nrows; r++)
        pc.vis[r] = -1;
    for (int p = 0; ok && p < l->npages; p++)
        ok = draw_page(&pc, &l->pages[p], ++*number, total, p == 0, err);
    free_page_ctx(&pc);
    return ok;
}

/* ---- the text before the tables ------------------------------------------ */

/* The page number "第 N 页 共 M 页" centred at the foot of a w-wide page. */
static void footer(pdf_state *st, const char *font, double w, int number, int total)
{
    char text[64];
    snprintf(text, sizeof text, "第 %d 页 共 %d 页", number, total);
    double size = st->style.label_size;
    double tw = bx_pdf_width(st, BX_TYPEFACE_REGULAR, text, strlen(text)) * size / 1000.0;
    bx_content_text(&st->content, font, size, (w - tw) / 2, st->style.margin_b, &st->regular.chars,
                    text, strlen(text), 0);
}

/* Page p of the text: its runs, its page number, its bookmarks (each
 * under the last one of the level above). */
static bool draw_text_page(pdf_state *st, int p, int *number, int total, HPDF_Outline *parents,
                           bx_error *err)
{
    const bx_text_layout *t = &st->text;
    const bx_text_style *ts = &st->text_style;
    HPDF_Page page = HPDF_AddPage(st->pdf);
    if (!page)
        return bx_pdf_fail(st, "新页面", err);
    HPDF_Page_SetWidth(page, (HPDF_REAL)ts->page_w);
    HPDF_Page_SetHeight(page, (HPDF_REAL)ts->page_h);
    /* each face's resource name on the page, asked for when first used */
    const char *names[BX_TYPEFACES] = {NULL};
    const char *regular = names[BX_TYPEFACE_REGULAR] = bx_hpdf_page_font(page, st->regular.font);
    if (!regular)
        return bx_pdf_fail(st, "新页面", err);
    bx_content_reset(&st->content);
    for (int i = 0; i < t->pages[p].nruns; i++) {
        const bx_text_run *r = &t->runs[t->pages[p].first_run + i];
        const pdf_face *pf = bx_pdf_face(st, r->face);
        if (!names[r->face] && !(names[r->face] = bx_hpdf_page_font(page, pf->font)))
            return bx_pdf_fail(st, "新页面", err);
        bx_content_spacing(&st->content, r->spacing);
        bx_content_text(&st->content, names[r->face], r->size, r->x, r->y, &pf->chars, r->s, r->len,
                        bx_pdf_stroked(st, r->face) ? r->size / 30 : 0);
    }
    bx_content_spacing(&st->content, 0);
    for (int i = 0; i < t->pages[p].nrules; i++) {
        const bx_text_rule *r = &t->rules[t->pages[p].first_rule + i];
        bx_content_line(&st->content, r->x1, r->y1, r->x2, r->y2);
    }
    if (t->pages[p].numbered)
        footer(st, regular, ts->page_w, ++*number, total);
    for (int i = 0; i < t->nmarks; i++) {
        const bx_text_mark *mk = &t->marks[i];
        if (mk->page != p)
            continue;
        HPDF_Outline parent = mk->level > 0 ? parents[mk->level - 1] : NULL;
        HPDF_Outline o = bx_hpdf_add_outline(st->pdf, parent, mk->title, err);
        if (!o || HPDF_Outline_SetDestination(o, HPDF_Page_CreateDestination(page)) != HPDF_OK)
            return bx_pdf_fail(st, "书签", err);
        for (int k = mk->level; k < 3; k++)
            parents[k] = o;
        if (i == t->tables_mark)
            st->tables_outline = o;
    }
    return end_page(st, page, err);
}

static bool draw_all(pdf_state *st, bx_error *err)
{
    int total = 0;
    for (int i = 0; i < st->nlayouts; i++)
        total += st->layouts[i].npages;
    bx_metrics m = {st, bx_pdf_width};
    st->text_style.table_pages = total;
    if (st->model->nblocks &&
        !bx_text_lay_out(st->model, &m, &st->text_style, st->arena, &st->text, err))
        return false;
    for (int p = 0; p < st->text.npages; p++)
        total += st->text.pages[p].numbered;
    if (st->pages_out)
        *st->pages_out = st->text_style.table_pages + st->text.npages; /* the cover too */
    /* a page tree when the root would hold too many (BUDGETX_PDF_PAGES_PER_NODE:
     * tests); a shorter document's file stays as it was */
    const char *forced = getenv("BUDGETX_PDF_PAGES_PER_NODE");
    int per_node = forced ? atoi(forced) : total > PAGES_IN_ONE_NODE ? PAGES_PER_NODE : 0;
    if (per_node > 0 && HPDF_SetPagesConfiguration(st->pdf, (HPDF_UINT)per_node) != HPDF_OK)
        return bx_pdf_fail(st, "页面树", err);
    int number = 0;
    bool ok = true;
    HPDF_Outline parents[3] = {NULL, NULL, NULL};
    /* the text, the tables where it puts them, the text after them */
    for (int p = 0; p < st->text.tables_page && ok; p++)
        ok = draw_text_page(st, p, &number, total, parents, err);
    for (int i = 0; i < st->nlayouts && ok; i++)
        ok = draw_sheet(st, &st->layouts[i], &number, total, err);
    for (int p = st->text.tables_page; p < st->text.npages && ok; p++)
        ok = draw_text_page(st, p, &number, total, parents, err);
    return ok;
}

/* ---- the back end ------------------------------------------------------ */

static bool set_info(pdf_state *st, bx_error *err)
{
    const bx_doc *m = st->model;
    if (!bx_hpdf_set_info(st->pdf, HPDF_INFO_TITLE, m->title, err) ||
        !bx_hpdf_set_info(st->pdf, HPDF_INFO_AUTHOR, m->author, err) ||
        !bx_hpdf_set_info(st->pdf, HPDF_INFO_SUBJECT, "部门预算公开表格", err) ||
        !bx_hpdf_set_info(st->pdf, HPDF_INFO_CREATOR, "budgetx " BX_VERSION, err))
        return false;
    time_t t = (time_t)m->created;
    struct tm tm;
    if (gmtime_r(&t, &tm)) {
        HPDF_Date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                       tm.tm_sec,         'Z',           0,          0};
        HPDF_SetInfoDateAttr(st->pdf, HPDF_INFO_CREATION_DATE, d);
    }
    return bx_pdf_ok_so_far(st, "文档属性", err);
}

static void free_state(pdf_state *st)
{
    if (st->pdf)
        HPDF_Free(st->pdf);
    bx_font_set_free(st->own_fonts);
    bx_charset_free(&st->regular.chars);
    bx_charset_free(&st->bold.chars);
    bx_charset_free(&st->hei.chars);
    bx_charset_free(&st->kai.chars);
    bx_arena_free(st->arena);
    bx_arena_free(st->scratch);
    bx_deflater_free(st->deflater);
    bx_content_free(&st->content);
    bx_strbuf_free(&st->page_stream);
    free(st->layouts);
    bx_text_layout_free(&st->text);
    free(st->path);
    free(st);
}

static void *pdf_open(const bx_doc *m, const char *path, const bx_write_ctx *ctx, bx_error *err)
{
    pdf_state *st = bx_calloc(1, sizeof *st, err);
    if (!st)
        return NULL;
    st->model = m;
    st->pages_out = ctx ? ctx->pages : NULL;
    bx_pdf_style_default(&st->style);
    bx_text_style_default(&st->text_style);
    bx_text_style_apply(&st->text_style, &m->text_setup);
    bx_content_init(&st->content);
    bx_strbuf_init(&st->page_stream, 0);
    st->path = bx_strdup(path, err);
    st->arena = bx_arena_new();
    st->scratch = bx_arena_new();
    st->deflater = bx_deflater_new(err);
    bx_error_clear(&st->draw_err);
    st->layouts = bx_calloc((size_t)(m->nsheets ? m->nsheets : 1), sizeof *st->layouts, err);
    if (!st->path || !st->arena || !st->scratch || !st->deflater || !st->layouts) {
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        free_state(st);
        return NULL;
    }
    st->pdf = HPDF_New(bx_pdf_on_error, st);
    if (!st->pdf) {
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        free_state(st);
        return NULL;
    }
    HPDF_SetCompressionMode(st->pdf, HPDF_COMP_ALL);
    if (!bx_pdf_ok_so_far(st, "初始化", err) || !bx_pdf_open_faces(st, ctx, err) ||
        !bx_pdf_make_fonts(st, err) || !set_info(st, err)) {
        free_state(st);
        return NULL;
    }
    return st;
}

static bool pdf_event(void *vst, const bx_event *ev, bx_error *err)
{
    pdf_state *st = vst;
    switch (ev->type) {
    case BX_EV_SHEET_BEGIN: {
        bx_metrics m = {st, bx_pdf_width};
        bx_pdf_sheet *l = &st->layouts[st->nlayouts];
        if (!bx_pdf_lay_out(ev->sheet, &m, &st->style, st->arena, l, err) ||
            !bx_paginate(l, &st->style, st->arena, err))
            return false;
        st->nlayouts++;
        return true;
    }
    case BX_EV_ROW_BEGIN:
    case BX_EV_CELL:
    case BX_EV_ROW_END:
    case BX_EV_SHEET_END:
    case BX_EV_DONE: return true;
    }
    return true;
}

static bool pdf_finish(void *vst, bx_error *err)
{
    pdf_state *st = vst;
    bool ok = draw_all(st, err);
    if (ok && HPDF_SaveToFile(st->pdf, st->path) != HPDF_OK) {
        bx_loc loc = {st->path, 0, 0};
        bx_fail(err, &loc, BX_ERR_IO, "无法写入 PDF 文件（libharu 错误 0x%04X）",
                (unsigned)st->hpdf_error);
        ok = false;
    }
    free_state(st);
    return ok;
}

static void pdf_abort(void *vst)
{
    free_state(vst);
}

const bx_backend bx_backend_pdf = {
    .name = "pdf",
    .extension = "pdf",
    .open = pdf_open,
    .event = pdf_event,
    .finish = pdf_finish,
    .abort = pdf_abort,
};
