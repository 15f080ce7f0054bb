/* A page's content stream, written directly rather than through
 * libharu's page operators: each of those clears a 2 KB buffer and
 * formats through its own routines, which on a 300-page table cost more
 * than everything else in the render together. libharu still owns the
 * document: pages, resources, fonts, compression.
 *
 * Grid lines are collected in one path stroked once, all text goes into
 * one text object, and text cut to a cell (a label whose span a page
 * break divides) follows in clipped groups. */
#ifndef BX_PDF_CONTENT_H
#define BX_PDF_CONTENT_H

#include "pdf_font.h"
#include "strbuf.h"

typedef struct bx_content {
    bx_strbuf lines, text, clipped;
    bx_strbuf *into;  /* text or clipped */
    const char *font; /* the font and size set in the current text object */
    double size;
    long long spacing;        /* Tc in the text object, 1/100 pt */
    long long x, y;           /* where its last line started, in 1/100 pt */
    long long main_x, main_y; /* the same for the unclipped text object */
} bx_content;

void bx_content_init(bx_content *c);
void bx_content_free(bx_content *c);
/* Start a new page. */
void bx_content_reset(bx_content *c);

/* A line of the grid, in points. */
void bx_content_line(bx_content *c, double x1, double y1, double x2, double y2);

/* Text with its baseline starting at (x, y), in the font the page knows
 * as `font` (its resource name, e.g. "F1"), drawn with the glyphs of cs. stroke > 0: also stroke
 * the outlines with that line width (a bold face made from a regular one). */
void bx_content_text(bx_content *c, const char *font, double size, double x, double y,
                     const bx_charset *cs, const char *s, size_t n, double stroke);

/* The space added after every character of the text that follows (PDF's
 * Tc, in points): a justified line; 0 for the rest. */
void bx_content_spacing(bx_content *c, double spacing);
/* Text between clip_begin and clip_end is clipped to the rectangle. */
void bx_content_clip_begin(bx_content *c, double x, double y, double w, double h);
void bx_content_clip_end(bx_content *c);

/* The whole stream (line width, grid, text); false if out of memory. */
bool bx_content_finish(bx_content *c, double line_width, bx_strbuf *out);

/* A number as PDF content writes it: at most two decimals, no trailing
 * zeros ("12.5", "-3", "0.07"). Appends to b. */
void bx_content_number(bx_strbuf *b, double v);

#endif /* BX_PDF_CONTENT_H */
