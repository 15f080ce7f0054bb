/* The PDF back end on libharu 2.3.0. Each sheet event is laid out by
 * pdf_layout.c (measure, wrap, paginate); at the end every page is drawn,
 * so "第 N 页 共 M 页" knows M. Text is set in an embedded subset of a
 * CJK font (pdf_font.h, pdf_objects.h), and characters the font
 * lacks are reported before anything is drawn. Only libharu's API (hpdf.h)
 * is used here; what it has no call for is in pdf_hpdf.h. libharu errors
 * are converted to bx_error in one place (hpdf_fail()). */
#include "pdf.h"

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
enum { MAX_MISSING = 12, PAGES_IN_ONE_NODE = 32000, PAGES_PER_NODE = 1000 };

/* One face of the document: the font file, the characters drawn in it
 * and the libharu font made from their subset. */
typedef struct pdf_face {
    const bx_face *face;
    bx_charset chars;
    HPDF_Dict font; /* the Type0 font in the document */
} pdf_face;

typedef struct pdf_state {
    const bx_doc *model;
    char *path;
    HPDF_Doc pdf;
    pdf_face regular, bold;
    bool fake_bold;         /* no bold face: stroke the regular one */
    bx_font_set *own_fonts; /* when not given a renderer's */
    HPDF_STATUS hpdf_error; /* the first error libharu reported */
    HPDF_STATUS hpdf_detail;
    bx_pdf_style style;
    bx_arena *arena;
    bx_pdf_sheet *layouts; /* one per sheet */
    int nlayouts;
    bx_arena *scratch;     /* cells of a big sheet, wrapped again to be drawn */
    bx_error draw_err;     /* a failure while drawing a page's cells */
    bx_deflater *deflater; /* every stream we compress */
    bx_content content;    /* the page being drawn */
    bx_strbuf page_stream; /* its content stream */
} pdf_state;

static void on_hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
    pdf_state *st = data;
    if (!st->hpdf_error) {
        st->hpdf_error = error;
        st->hpdf_detail = detail;
    }
}

static bool hpdf_fail(pdf_state *st, const char *what, bx_error *err)
{
    bx_loc loc = {st->path, 0, 0};
    bx_fail(err, &loc, BX_ERR_BACKEND, "写入 PDF 失败（%s）：libharu 错误 0x%04X，细节 %u", what,
            (unsigned)st->hpdf_error, (unsigned)st->hpdf_detail);
    return false;
}

static bool ok_so_far(pdf_state *st, const char *what, bx_error *err)
{
    return st->hpdf_error == HPDF_OK || hpdf_fail(st, what, err);
}

/* ---- fonts ------------------------------------------------------------- */

/* The subset's tag (six capitals before "+" in the font name): derived
 * from its characters, so output stays reproducible and two documents'
 * different subsets of one font keep different names when merged. */
static void subset_tag(const bx_charset *cs, bool bold, char tag[7])
{
    /* its own seed, as subset tags have always been made: a tag names a
     * font in the PDF, so the same characters keep the same tag */
    uint64_t h = 1469598103934665603ull ^ (bold ? 0x9e37u : 0);
    for (size_t i = 0; i < cs->n; i++)
        h = bx_fnv_step(h, cs->cps[i]);
    for (int i = 0; i < 6; i++, h /= 26)
        tag[i] = (char)('A' + h % 26);
    tag[6] = '\0';
}

static bool embed_subset(pdf_state *st, pdf_face *pf, bool bold, bx_error *err)
{
    unsigned char *data;
    size_t len;
    bx_subset_info metrics;
    bx_charset_seal(&pf->chars);
    if (!bx_face_subset(pf->face, &pf->chars, &data, &len, &metrics, err))
        return false;
    char tag[7];
    subset_tag(&pf->chars, bold, tag);
    pf->font = bx_pdf_embed_font(st->pdf, st->deflater, &pf->chars, &metrics, data, len, tag, err);
    free(data);
    return pf->font != NULL;
}

/* The renderer's faces, or faces of our own for this one file. */
static bool open_faces(pdf_state *st, const bx_write_ctx *ctx, bx_error *err)
{
    bx_font_set *fonts = ctx ? ctx->fonts : NULL;
    if (!fonts) {
        fonts = st->own_fonts = bx_font_set_new(ctx ? ctx->options : NULL, err);
        if (!fonts)
            return false;
    }
    if (!bx_font_set_faces(fonts, &st->regular.face, &st->bold.face, err))
        return false;
    st->fake_bold = st->bold.face == NULL;
    return bx_charset_init(&st->regular.chars, err) &&
           (st->fake_bold || bx_charset_init(&st->bold.chars, err));
}

/* The face a title is drawn in: the bold one, or the regular one stroked. */
static pdf_face *title_face(pdf_state *st)
{
    return st->fake_bold ? &st->regular : &st->bold;
}

static double metrics_width(void *ctx, bool bold, const char *s, size_t n)
{
    pdf_state *st = ctx;
    pdf_face *pf = bold ? title_face(st) : &st->regular;
    return (double)bx_charset_text_width(&pf->chars, s, n);
}

/* ---- which characters are drawn ------------------------------------------ */

typedef struct missing {
    uint32_t cp[MAX_MISSING];
    char where[MAX_MISSING][160];
    int n;
    bool more;
} missing;

/* Add text's characters to the face's set; characters the face lacks are
 * noted (their place is filled in by the caller, once, for new ones). */
static bool collect(pdf_face *pf, const char *text, missing *ms, bx_error *err)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = bx_utf8_decode(text + i, n - i, &cp);
        if (k == 0) {
            k = 1;
            cp = 0xFFFD;
        }
        i += k;
        if (cp < 0x20 || bx_charset_contains(&pf->chars, cp))
            continue;
        if (bx_face_has(pf->face, cp)) {
            if (!bx_charset_add(&pf->chars, cp, err))
                return false;
            continue;
        }
        bool seen = false;
        for (int j = 0; j < ms->n && !seen; j++)
            seen = ms->cp[j] == cp;
        if (seen)
            continue;
        if (ms->n == MAX_MISSING)
            ms->more = true;
        else
            ms->where[ms->n][0] = '\0', ms->cp[ms->n++] = cp;
    }
    return true;
}

/* Name the place of characters just found missing. */
static void place_missing(missing *ms, int from, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void place_missing(missing *ms, int from, const char *fmt, ...)
{
    for (int i = from; i < ms->n; i++) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(ms->where[i], sizeof ms->where[i], fmt, ap);
        va_end(ap);
    }
}

static bool collect_sheet(pdf_state *st, const bx_sheet *s, missing *ms, bx_error *err)
{
    int before = ms->n;
    bool ok = collect(title_face(st), s->title, ms, err);
    place_missing(ms, before, "%s!标题", s->name);
    before = ms->n;
    ok = ok && collect(&st->regular, s->label, ms, err) &&
         collect(&st->regular, s->caption_left ? s->caption_left : "", ms, err) &&
         collect(&st->regular, s->caption_right ? s->caption_right : "", ms, err);
    place_missing(ms, before, "%s!表号与表头说明", s->name);
    bool amounts = false;
    for (int r = 0; r < s->nrows && ok; r++) {
        for (int c = 0; c < s->ncols && ok; c++) {
            const bx_cell *cell = bx_sheet_cell(s, r, c);
            if (cell->covered || cell->kind == BX_CELL_EMPTY)
                continue;
            if (cell->kind == BX_CELL_AMOUNT) {
                amounts = true;
                continue;
            }
            before = ms->n;
            ok = collect(&st->regular, cell->text, ms, err);
            char ref[32];
            place_missing(ms, before, "%s!%s“%.40s”", s->name, bx_grid_ref(r, c, ref, sizeof ref),
                          cell->text);
        }
    }
    for (int i = 0; i < s->nnotes && ok; i++) {
        before = ms->n;
        ok = collect(&st->regular, s->notes[i], ms, err);
        place_missing(ms, before, "%s!注释第 %d 行", s->name, i + 1);
    }
    return ok && (!amounts || collect(&st->regular, BX_AMOUNT_CHARS, ms, err));
}

static bool report_missing(const missing *ms, bx_error *err)
{
    bx_strbuf msg;
    bx_strbuf_init(&msg, 900);
    bx_strbuf_puts(&msg, "字体中没有这些字符，PDF 中会显示为空白：");
    for (int i = 0; i < ms->n; i++) {
        char ch[8];
        ch[bx_utf8_encode(ms->cp[i], ch)] = '\0';
        bx_strbuf_printf(&msg, "%s“%s”（U+%04X，%s）", i ? "、" : "", ch, (unsigned)ms->cp[i],
                         ms->where[i]);
    }
    if (ms->more)
        bx_strbuf_puts(&msg, "等");
    bx_strbuf_puts(&msg, "。请用 --font 指定包含这些字符的字体");
    bx_fail(err, NULL, BX_ERR_DATA, "%s", bx_strbuf_str(&msg));
    bx_strbuf_free(&msg);
    return false;
}

/* Every character the document draws, each in the face that draws it
 * (the page footer "第 N 页 共 M 页" included); then the two subsets. */
static bool make_fonts(pdf_state *st, bx_error *err)
{
    missing ms = {0};
    bool ok = true;
    for (int i = 0; i < st->model->nsheets && ok; i++)
        ok = collect_sheet(st, &st->model->sheets[i], &ms, err);
    int before = ms.n;
    ok = ok && collect(&st->regular, "第页共 0123456789", &ms, err);
    place_missing(&ms, before, "%s", "页码");
    if (ok && ms.n)
        return report_missing(&ms, err);
    if (!ok || !embed_subset(st, &st->regular, false, err))
        return false;
    return st->fake_bold || embed_subset(st, &st->bold, true, err);
}

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
    const pdf_face *pf = title ? title_face(st) : &st->regular;
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
    double indent = cell->indent * st->style.indent_em * l->size;
    for (int k = from; k < to; k++) {
        const bx_text_line *line = &wr->lines[k];
        double lx = aligned_x(align, x, w, st->style.pad_x, indent, line->width);
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
    const bx_pdf_style *ps = &st->style;
    const bx_pdf_sheet *l = pc->l;
    const bx_sheet *s = l->sheet;
    double label_line = ps->label_size * ps->leading;
    double y = l->page_h - ps->margin_t;
    show(pc, false, ps->label_size, l->x0, baseline_for(y, label_line, ps->label_size), s->label,
         strlen(s->label));
    y -= label_line + ps->gap;
    double title_line = ps->title_size * ps->leading;
    for (int i = 0; i < l->title.n; i++) {
        const bx_text_line *line = &l->title.lines[i];
        double x = l->x0 + (l->table_w - line->width) / 2;
        show_line(pc, true, ps->title_size, x, baseline_for(y, title_line, ps->title_size),
                  s->title, line);
        y -= title_line;
    }
    y -= ps->gap;
    double base = baseline_for(y, label_line, ps->label_size);
    if (s->caption_left)
        show(pc, false, ps->label_size, l->x0, base, s->caption_left, strlen(s->caption_left));
    if (s->caption_right) {
        double w = metrics_width(st, false, s->caption_right, strlen(s->caption_right)) *
                   ps->label_size / 1000.0;
        show(pc, false, ps->label_size, l->x0 + l->table_w - w, base, s->caption_right,
             strlen(s->caption_right));
    }
}

static void draw_notes(page_ctx *pc, double y)
{
    const bx_pdf_style *ps = &pc->st->style;
    const bx_pdf_sheet *l = pc->l;
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
    char text[64];
    snprintf(text, sizeof text, "第 %d 页 共 %d 页", number, total);
    double size = st->style.label_size;
    double w = metrics_width(st, false, text, strlen(text)) * size / 1000.0;
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
    if (first_of_sheet) {
        HPDF_Outline o = bx_hpdf_add_outline(st->pdf, NULL, pc->l->sheet->name, &st->draw_err);
        if (o)
            HPDF_Outline_SetDestination(o, HPDF_Page_CreateDestination(page));
    }
    pc->regular = bx_hpdf_page_font(page, st->regular.font);
    pc->bold = st->fake_bold ? pc->regular : bx_hpdf_page_font(page, st->bold.font);
    return pc->regular && pc->bold ? page : NULL;
}

/* Where the page's rows go: header rows, then its slices of body rows.
 * Returns the bottom of the last. */
static double place_rows(page_ctx *pc, const bx_page_plan *plan)
{
    const bx_pdf_sheet *l = pc->l;
    const bx_sheet *s = l->sheet;
    double y = l->page_h - pc->st->style.margin_t - l->title_block_h;
    pc->nvis = 0;
    for (int r = 0; r < s->header_rows; r++) {
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

static bool draw_page(page_ctx *pc, const bx_page_plan *plan, int number, int total,
                      bool first_of_sheet, bx_error *err)
{
    pdf_state *st = pc->st;
    const bx_pdf_sheet *l = pc->l;
    const bx_sheet *s = l->sheet;
    HPDF_Page page = new_page(pc, first_of_sheet);
    if (!page)
        return hpdf_fail(st, "新页面", err);
    bx_content_reset(&st->content);
    bx_arena_reset(st->scratch);
    draw_title_block(pc);
    double y = place_rows(pc, plan);
    const bx_slice *slices = &l->slices[plan->first_slice];
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
    if (!bx_content_finish(&st->content, 0.5, &st->page_stream))
        return bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    size_t len;
    unsigned char *z =
        bx_deflate(st->deflater, st->page_stream.data, st->page_stream.len, &len, err);
    bool ok = z && bx_hpdf_set_page_contents(page, z, len, err);
    free(z);
    return ok && ok_so_far(st, "绘制页面", err);
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

static bool draw_all(pdf_state *st, bx_error *err)
{
    int total = 0;
    for (int i = 0; i < st->nlayouts; i++)
        total += st->layouts[i].npages;
    /* a page tree when the root would hold too many (BUDGETX_PDF_PAGES_PER_NODE:
     * tests); a shorter document's file stays as it was */
    const char *forced = getenv("BUDGETX_PDF_PAGES_PER_NODE");
    int per_node = forced ? atoi(forced) : total > PAGES_IN_ONE_NODE ? PAGES_PER_NODE : 0;
    if (per_node > 0 && HPDF_SetPagesConfiguration(st->pdf, (HPDF_UINT)per_node) != HPDF_OK)
        return hpdf_fail(st, "页面树", err);
    int number = 0;
    bool ok = true;
    for (int i = 0; i < st->nlayouts && ok; i++)
        ok = draw_sheet(st, &st->layouts[i], &number, total, err);
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
    return ok_so_far(st, "文档属性", err);
}

static void free_state(pdf_state *st)
{
    if (st->pdf)
        HPDF_Free(st->pdf);
    bx_font_set_free(st->own_fonts);
    bx_charset_free(&st->regular.chars);
    bx_charset_free(&st->bold.chars);
    bx_arena_free(st->arena);
    bx_arena_free(st->scratch);
    bx_deflater_free(st->deflater);
    bx_content_free(&st->content);
    bx_strbuf_free(&st->page_stream);
    free(st->layouts);
    free(st->path);
    free(st);
}

static void *pdf_open(const bx_doc *m, const char *path, const bx_write_ctx *ctx, bx_error *err)
{
    pdf_state *st = bx_calloc(1, sizeof *st, err);
    if (!st)
        return NULL;
    st->model = m;
    bx_pdf_style_default(&st->style);
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
    st->pdf = HPDF_New(on_hpdf_error, st);
    if (!st->pdf) {
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        free_state(st);
        return NULL;
    }
    HPDF_SetCompressionMode(st->pdf, HPDF_COMP_ALL);
    if (!ok_so_far(st, "初始化", err) || !open_faces(st, ctx, err) || !make_fonts(st, err) ||
        !set_info(st, err)) {
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
        bx_metrics m = {st, metrics_width};
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
