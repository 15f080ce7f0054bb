/* libharu behind one file. budgetx makes PDF objects that libharu's API
 * (hpdf.h) has no call for: subset fonts of its own (Type0 over
 * CIDFontType2 or CIDFontType0, with a ToUnicode map), streams it has deflated itself, and
 * a page's content stream written in one piece. Making them takes
 * libharu's internal headers and struct fields; pdf_hpdf.c is the only
 * file that uses them (render_pdf.c and pdf_objects.c keep to hpdf.h and
 * these calls), and it refuses to compile against a libharu other than
 * the one it was written for (2.3.0). */
#ifndef BX_PDF_HPDF_H
#define BX_PDF_HPDF_H

#include "pdf_font.h"

#include <hpdf.h>

/* A glyph of a subset font, by its code (CID), and its advance, in 1/1000
 * em. */
typedef struct bx_hpdf_glyph {
    uint16_t code;
    int16_t width;
} bx_hpdf_glyph;

/* A subset font to embed. Both streams are already deflated (zlib
 * format); libharu writes them as they are, with /Filter /FlateDecode. */
typedef struct bx_hpdf_font {
    const char *name;             /* "TAG+PostScriptName" */
    const bx_subset_info *info;   /* outlines, metrics, character collection */
    const unsigned char *program; /* the TrueType subset or CFF table, deflated */
    size_t program_len;
    size_t program_size;             /* the subset's size before deflating (/Length1) */
    const unsigned char *to_unicode; /* the ToUnicode CMap, deflated */
    size_t to_unicode_len;
    int default_width;           /* DW: the width of a glyph not in `glyphs` */
    const bx_hpdf_glyph *glyphs; /* codes ascending, each once */
    size_t nglyphs;
} bx_hpdf_font;

/* Add the font's objects to pdf: the font program (FontFile2 for
 * TrueType; FontFile3 /Subtype /CIDFontType0C, PDF 1.3, for CFF), its
 * descriptor, the CIDFont (CIDFontType2 with CIDToGIDMap Identity: the
 * glyph ids are the CIDs; or CIDFontType0: the CFF program's CIDs), the
 * ToUnicode map and the Type0 font (Identity-H). Returns the Type0 font, for
 * bx_hpdf_page_font, or NULL (err set; libharu's error handler has been
 * called for its own failures). */
HPDF_Dict bx_hpdf_add_font(HPDF_Doc pdf, const bx_hpdf_font *font, bx_error *err);

/* The name font has in page's resources ("F1"), adding it there on first
 * use; NULL on failure (libharu's error handler called). The name lives
 * as long as the page. */
const char *bx_hpdf_page_font(HPDF_Page page, HPDF_Dict font);

/* Make `data`, already deflated, the whole content stream of page (a
 * page from HPDF_AddPage whose stream nothing has written to). */
bool bx_hpdf_set_page_contents(HPDF_Page page, const unsigned char *data, size_t len,
                               bx_error *err);

/* Text strings (PDF 1.7, 7.9.2.2) — the document's information and the
 * outline's titles — as libharu's UTF-8 encoder writes them (UTF-16BE
 * after a byte order mark, in hex), without that encoder: its tables, 260
 * KB zeroed for each document, took longer to fault in than the rest of
 * opening one. Bytes of utf8 that are not UTF-8 are left out. False on
 * failure (err set). */
bool bx_hpdf_set_info(HPDF_Doc pdf, HPDF_InfoType type, const char *utf8, bx_error *err);
/* A new outline entry under parent (NULL: the root) titled utf8. */
HPDF_Outline bx_hpdf_add_outline(HPDF_Doc pdf, HPDF_Outline parent, const char *utf8,
                                 bx_error *err);

#endif /* BX_PDF_HPDF_H */
