/* What the PDF back end's files share: one document being written (its
 * libharu document, faces, layouts and the page being drawn), libharu's
 * errors turned into bx_error, and the characters the document draws,
 * subset and embedded before any page is drawn (pdf_doc.c). render_pdf.c
 * draws the tables and the text on top of it. */
#ifndef BX_PDF_DOC_H
#define BX_PDF_DOC_H

#include "backend.h"
#include "fonts.h"
#include "pdf_content.h"
#include "pdf_font.h"
#include "pdf_layout.h"
#include "pdf_objects.h"
#include "pdf_text.h"

#include <hpdf.h>

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
    int *pages_out; /* the write context's: the pages, once known */
    HPDF_Doc pdf;
    pdf_face regular, bold;
    bool fake_bold; /* no bold face: stroke the regular one */
    /* the whole document's headings' faces (face NULL: none, set in the
     * titles' face) */
    pdf_face hei, kai;
    bx_font_set *own_fonts; /* when not given a renderer's */
    HPDF_STATUS hpdf_error; /* the first error libharu reported */
    HPDF_STATUS hpdf_detail;
    bx_pdf_style style;
    bx_text_style text_style;
    bx_arena *arena;
    bx_pdf_sheet *layouts; /* one per sheet */
    int nlayouts;
    bx_text_layout text;         /* the document's text before the tables */
    HPDF_Outline tables_outline; /* the bookmark the tables' go under, or NULL */
    bx_arena *scratch;           /* cells of a big sheet, wrapped again to be drawn */
    bx_error draw_err;           /* a failure while drawing a page's cells */
    bx_deflater *deflater;       /* every stream we compress */
    bx_content content;          /* the page being drawn */
    bx_strbuf page_stream;       /* its content stream */
} pdf_state;

/* libharu's error handler: keeps the first error. */
void bx_pdf_on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data);
/* The error libharu reported, as bx_error naming what was being done. */
bool bx_pdf_fail(pdf_state *st, const char *what, bx_error *err);
bool bx_pdf_ok_so_far(pdf_state *st, const char *what, bx_error *err);

/* The renderer's faces, or faces of the document's own. */
bool bx_pdf_open_faces(pdf_state *st, const bx_write_ctx *ctx, bx_error *err);
/* The face a title is drawn in: the bold one, or the regular one stroked. */
pdf_face *bx_pdf_title_face(pdf_state *st);
/* The face that draws text of a typeface: a heading face the document
 * lacks is the titles'. */
pdf_face *bx_pdf_face(pdf_state *st, bx_typeface face);
/* Whether text of the typeface is the regular face stroked (no bold). */
bool bx_pdf_stroked(pdf_state *st, bx_typeface face);
/* bx_metrics' width over the document's faces. */
double bx_pdf_width(void *ctx, bx_typeface face, const char *s, size_t n);
/* Every character the document draws, each in the face that draws it;
 * then the two subsets embedded. Characters a face lacks are an error
 * naming where they are. */
bool bx_pdf_make_fonts(pdf_state *st, bx_error *err);

#endif /* BX_PDF_DOC_H */
