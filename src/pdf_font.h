/* The PDF's fonts, made small and quick: a TrueType face is opened once
 * (memory-mapped by HarfBuzz) and may be shared by many documents; each
 * document collects the characters it draws (a charset), numbers them
 * densely and gets a subset font (hb-subset) holding only their glyphs,
 * with a cmap from those dense codes to the glyphs.
 *
 * Why dense codes: libharu's UTF-8 path looks up every one of the 65,536
 * BMP code points in the font's cmap, a linear search per code point. On
 * a CJK font that costs more than everything else in a render; with one
 * cmap segment it is nothing. The PDF's ToUnicode map turns the codes
 * back into the real characters, so copied and extracted text is right. */
#ifndef BX_PDF_FONT_H
#define BX_PDF_FONT_H

#include "common.h"
#include "strbuf.h"

/* The first dense code: above Latin-1, so codes never collide with the
 * control characters a PDF string treats specially. */
enum { BX_FONT_FIRST_CODE = 0x100 };

typedef struct bx_face bx_face;

/* Open a .ttf (or the first face of a .ttc) for subsetting. */
bx_face *bx_face_open(const char *path, bx_error *err);
void bx_face_free(bx_face *face);
const char *bx_face_path(const bx_face *face);
/* Whether the face draws the character (has a glyph for it). */
bool bx_face_has(const bx_face *face, uint32_t cp);

/* The characters one document draws in one face. */
typedef struct bx_charset {
    uint32_t *cps; /* sorted once sealed; code of cps[i] = FIRST_CODE + i */
    size_t n, cap;
    uint16_t *bmp;   /* BMP character -> index + 1; 0 = not in the set */
    int16_t *widths; /* per index, in 1/1000 em (set by bx_face_subset) */
    bool sealed;
} bx_charset;

bool bx_charset_init(bx_charset *cs, bx_error *err);
void bx_charset_free(bx_charset *cs);
/* Add one character (control characters are never drawn: ignored). Only
 * before bx_charset_seal. */
bool bx_charset_add(bx_charset *cs, uint32_t cp, bx_error *err);
/* Whether the character was added (sealed or not). */
bool bx_charset_contains(const bx_charset *cs, uint32_t cp);
/* Sort and number the characters. */
void bx_charset_seal(bx_charset *cs);
/* The dense code of a character of a sealed set; 0 if it is not in it. */
uint32_t bx_charset_code(const bx_charset *cs, uint32_t cp);
/* Width of UTF-8 text in 1/1000 em; characters outside the set count 0. */
long bx_charset_text_width(const bx_charset *cs, const char *s, size_t n);
/* Re-encode UTF-8 text as the UTF-8 of its dense codes (what the PDF
 * font's cmap understands) into out; control characters are dropped. */
void bx_charset_encode(const bx_charset *cs, const char *s, size_t n, bx_strbuf *out);

/* Make the subset font of a sealed charset: *data (malloc'd, caller frees)
 * holds a TrueType file whose cmap maps the dense codes to the glyphs;
 * fills cs->widths. Every character must be in the face. */
bool bx_face_subset(const bx_face *face, bx_charset *cs, unsigned char **data, size_t *len,
                    bx_error *err);

#endif /* BX_PDF_FONT_H */
