/* Page layout for the PDF back end, as pure functions over the model and a
 * font-metrics interface: measure, wrap (CJK line breaking with 避头尾),
 * size columns and rows, paginate. No libharu here, so all of it is
 * unit-tested with a fake font; render_pdf.c only draws what this
 * computed. All lengths are PDF points. */
#ifndef BX_PDF_LAYOUT_H
#define BX_PDF_LAYOUT_H

#include "arena.h"
#include "model.h"

/* The faces text is drawn in: the body's, the titles' (bold), and the
 * whole document's headings (GB/T 9704: 黑体 for the parts, 楷体 below). */
typedef enum bx_typeface {
    BX_TYPEFACE_REGULAR,
    BX_TYPEFACE_BOLD,
    BX_TYPEFACE_HEI,
    BX_TYPEFACE_KAI,
    BX_TYPEFACES
} bx_typeface;

/* Advance widths from the font that will draw the text. */
typedef struct bx_metrics {
    void *ctx;
    /* Width of UTF-8 text s[0..n) in face, in thousandths of an em. */
    double (*width)(void *ctx, bx_typeface face, const char *s, size_t n);
} bx_metrics;

/* Page geometry and type sizes. */
typedef struct bx_pdf_style {
    double page_w, page_h; /* portrait A4: 595.28 × 841.89 */
    double margin_l, margin_r, margin_t, margin_b;
    double body_size; /* cell text; reduced down to min_body_size to fit */
    double min_body_size;
    double title_size;    /* the centred bold title */
    double label_size;    /* "表 1", captions, notes, page numbers */
    double leading;       /* line height = size × leading */
    double pad_x, pad_y;  /* inside a cell */
    double indent_em;     /* per indentation level, in em of the body size */
    double gap;           /* between title block lines, before notes */
    double footer_h;      /* space kept for "第 N 页 共 M 页" */
    double min_row_h;     /* the least height of a row (0: one line) */
    double min_body_h;    /* … and of a body row */
    double title_block_h; /* the least height of a table's title block */
    bool no_page_numbers;
    bool natural_width; /* columns as wide as the layout says, not filling the page */
    bool title_regular; /* the title in the regular face */
} bx_pdf_style;

/* The defaults: A4, 10 mm margins, 9 pt body, 16 pt title. */
void bx_pdf_style_default(bx_pdf_style *st);

/* One line of wrapped text: bytes [off, off+len) of the source text. */
typedef struct bx_text_line {
    uint32_t off, len;
    double width; /* points */
} bx_text_line;

typedef struct bx_wrapped {
    bx_text_line *lines;
    int n;
    double width; /* of the widest line */
} bx_wrapped;

/* Wrap text into lines at most `width` points wide at `size`. Breaks
 * between CJK characters and at spaces, keeps Latin words and numbers
 * whole unless one alone is too wide, honours explicit "\n", and applies
 * 避头尾: no line starts with closing punctuation (，。、；：）」 …) and none
 * ends with opening punctuation (（「 …). Lines live in arena. */
bool bx_wrap(const bx_metrics *m, bx_typeface face, const char *text, double size, double width,
             bx_arena *arena, bx_wrapped *out, bx_error *err);

/* As bx_wrap, but when the text needs several lines, make them as even as
 * possible (the narrowest width that still gives that many lines): centred
 * headings read "基本支出 / 拨款" rather than "基本支出拨 / 款". */
bool bx_wrap_balanced(const bx_metrics *m, bx_typeface face, const char *text, double size,
                      double width, bx_arena *arena, bx_wrapped *out, bx_error *err);

/* pdf_columns.c: a cell's text as printed (an amount formatted into buf). */
const char *bx_pdf_cell_text(const bx_cell *c, char *buf, size_t size);

/* A label of this many characters (ems) or fewer is never broken where
 * the page has room: the published tables keep "增减变化金额", "深圳市医疗
 * 保障局（本级）" and a project's name on one line. */
enum { BX_PDF_SHORT_EMS = 12 };

/* pdf_columns.c: the width of text's widest line ("\n" breaks it). */
double bx_pdf_text_width(const bx_metrics *m, const char *text, double size);

/* pdf_columns.c: columns narrower than they want widened, the width taken
 * from those with more than they want in proportion to what they have
 * above it, as far as that goes; the sum of w holds. */
void bx_pdf_give_wants(double *w, const double *want, int nc);

/* pdf_columns.c: out's body size and column widths (col_w) for a table
 * avail points wide — the layout's proportions, widened to what the cells
 * want (short labels on one line, headings in two lines at most) at the
 * largest size, down to 2 points below the style's, where they fit; else
 * the largest size at which the narrowest columns fit. */
struct bx_pdf_sheet;
bool bx_pdf_choose_size(const bx_sheet *s, const bx_metrics *m, const bx_pdf_style *st,
                        double avail, struct bx_pdf_sheet *out, bx_error *err);

/* A piece of a body row on a page: the whole row, or (for a row taller
 * than a page) lines [line_from, line_to) of its cells. */
typedef struct bx_slice {
    int row;
    int line_from, line_to; /* line_to < 0: all lines */
    double h;
} bx_slice;

typedef struct bx_page_plan {
    int first_slice, nslices;
    bool notes; /* the notes go on this page, after its slices */
} bx_page_plan;

/* Everything render_pdf.c needs to draw one sheet. */
typedef struct bx_pdf_sheet {
    const bx_sheet *sheet;
    double page_w, page_h; /* after orientation */
    double size;           /* body font size chosen */
    double line_h;
    double x0, table_w;    /* left edge and width of the table */
    double *col_x, *col_w; /* ncols */
    double *row_h;         /* nrows: header rows first */
    bx_wrapped *cells;     /* nrows × ncols, anchors only; NULL for a sheet too
                              big to keep them (see bx_pdf_cell_lines) */
    bx_metrics metrics;    /* what the sheet was measured with */
    const bx_pdf_style *style;
    bx_wrapped title;
    bx_wrapped *notes;    /* nnotes */
    double title_block_h; /* label + title + caption, with gaps */
    double header_h;      /* the header rows */
    double notes_h;
    bx_slice *slices;
    int nslices;
    bx_page_plan *pages;
    int npages;
} bx_pdf_sheet;

/* Size the columns and rows of a sheet and wrap every text. The style
 * must outlive the layout. */
bool bx_pdf_lay_out(const bx_sheet *s, const bx_metrics *m, const bx_pdf_style *st, bx_arena *arena,
                    bx_pdf_sheet *out, bx_error *err);

/* The lines of anchor cell (r, c). A sheet of up to BX_KEEP_CELLS cells
 * keeps every cell's lines; a bigger one is wrapped again, cell by cell,
 * into scratch when drawn, so that its memory grows with its rows alone. */
enum { BX_KEEP_CELLS = 100000 };
bool bx_pdf_cell_lines(const bx_pdf_sheet *l, int r, int c, bx_arena *scratch, bx_wrapped *out,
                       bx_error *err);

/* Cut the body into pages: every page repeats the title block and the
 * header rows; a row never breaks unless it alone is taller than a page;
 * the notes follow the last row, and take the last row with them to a new
 * page when they do not fit. */
bool bx_paginate(bx_pdf_sheet *l, const bx_pdf_style *st, bx_arena *arena, bx_error *err);

/* Top of the body area and height available for body rows on a page. */
double bx_pdf_body_top(const bx_pdf_sheet *l, const bx_pdf_style *st);
double bx_pdf_body_space(const bx_pdf_sheet *l, const bx_pdf_style *st);

#endif /* BX_PDF_LAYOUT_H */
