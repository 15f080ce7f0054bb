/* PDF objects budgetx makes itself inside a libharu document: the
 * embedded subset fonts (Type0 over CIDFontType2 or CIDFontType0, CIDs as
 * codes, with a ToUnicode map), and streams it compresses itself — page contents as
 * each page is finished, so a 10,000-page document holds them compressed
 * rather than all in full until the end. What goes in them is decided
 * here; pdf_hpdf.c puts them into libharu's document. */
#ifndef BX_PDF_OBJECTS_H
#define BX_PDF_OBJECTS_H

#include "pdf_font.h"
#include "strbuf.h"

#include <hpdf.h>

/* The compressor of a document's streams: libdeflate, which writes zlib's
 * format in about half zlib's time for the same size. One per document
 * (it holds about a megabyte of tables, reused by every stream). */
typedef struct libdeflate_compressor bx_deflater;
bx_deflater *bx_deflater_new(bx_error *err);
void bx_deflater_free(bx_deflater *d);

/* `data` deflated (zlib format) into a new buffer the caller frees; *out_len
 * set. NULL on failure (err set). */
unsigned char *bx_deflate(bx_deflater *d, const void *data, size_t len, size_t *out_len,
                          bx_error *err);

/* The ToUnicode CMap of a subset (cs sealed, bx_face_subset done): code
 * → character, replacing out's contents. */
bool bx_pdf_tounicode(const bx_charset *cs, bx_strbuf *out, bx_error *err);

/* Embed a subset font (bx_face_subset's output for cs) in pdf, named
 * "TAG+PostScriptName" (tag: six capitals). Returns the Type0 font
 * dictionary to put in page resources, or NULL (err set). */
HPDF_Dict bx_pdf_embed_font(HPDF_Doc pdf, bx_deflater *d, const bx_charset *cs,
                            const bx_subset_info *m, const unsigned char *data, size_t len,
                            const char *tag, bx_error *err);

#endif /* BX_PDF_OBJECTS_H */
