/* The PDF's fonts, made small and quick: a TrueType face is opened once
 * (memory-mapped by HarfBuzz) and may be shared by many documents and
 * threads; each document collects the characters it draws (a charset)
 * and embeds a subset (hb-subset) holding only their glyphs. Text is
 * written with the subset's glyph ids as character codes (Identity-H,
 * CIDToGIDMap Identity), and a ToUnicode map gives the characters back.
 *
 * libharu's own TrueType path is not used: it parses the font again,
 * looks up each of the 65,536 BMP code points for a code-to-glyph map,
 * copies the font four bytes at a time and recompresses it — most of the
 * time of a render — and its ToUnicode map is malformed. */
#ifndef BX_PDF_FONT_H
#define BX_PDF_FONT_H

#include "common.h"

typedef struct bx_face bx_face;

/* Open a .ttf (or the first face of a .ttc) for subsetting. */
bx_face *bx_face_open(const char *path, bx_error *err);
void bx_face_free(bx_face *face);
const char *bx_face_path(const bx_face *face);
/* Whether the face draws the character (has a glyph for it). */
bool bx_face_has(const bx_face *face, uint32_t cp);

/* The faces the PDFs of one renderer are drawn with: chosen and opened on
 * first use, then shared read-only by every document and thread. */
typedef struct bx_font_set bx_font_set;

/* Borrows opts' font names and folders (they must outlive the set). */
bx_font_set *bx_font_set_new(const bx_render_options *opts, bx_error *err);
void bx_font_set_free(bx_font_set *fs);
/* The regular face and the bold one (*bold = NULL: no bold face, the
 * regular one is emboldened). A failure to open them is kept and
 * reported again to every later caller. Thread-safe. */
bool bx_font_set_faces(bx_font_set *fs, const bx_face **regular, const bx_face **bold,
                       bx_error *err);

/* The characters one document draws in one face. */
typedef struct bx_charset {
    uint32_t *cps; /* sorted once sealed */
    size_t n, cap;
    uint16_t *bmp;   /* BMP character -> index + 1; 0 = not in the set */
    uint16_t *gids;  /* per index: its glyph in the subset (bx_face_subset) */
    int16_t *widths; /* per index, in 1/1000 em (bx_face_subset) */
    bool sealed;
} bx_charset;

bool bx_charset_init(bx_charset *cs, bx_error *err);
void bx_charset_free(bx_charset *cs);
/* Add one character (control characters are never drawn: ignored). Only
 * before bx_charset_seal. */
bool bx_charset_add(bx_charset *cs, uint32_t cp, bx_error *err);
/* Whether the character was added (sealed or not). */
bool bx_charset_contains(const bx_charset *cs, uint32_t cp);
/* Sort the characters; then bx_face_subset. */
void bx_charset_seal(bx_charset *cs);
/* The glyph id of a character of the subset; 0 if it is not in it. */
unsigned bx_charset_gid(const bx_charset *cs, uint32_t cp);
/* Width of UTF-8 text in 1/1000 em; characters outside the set count 0. */
long bx_charset_text_width(const bx_charset *cs, const char *s, size_t n);

/* What a PDF font descriptor needs, in 1/1000 em. */
typedef struct bx_font_metrics {
    int ascent, descent, cap_height;
    int bbox[4]; /* xMin, yMin, xMax, yMax */
    bool bold;
    char name[64]; /* PostScript name */
} bx_font_metrics;

/* The subset of a sealed charset: *data (malloc'd, caller frees) holds a
 * TrueType file with the glyphs of the characters (and the glyphs they
 * are built from); fills cs->gids, cs->widths and *metrics. Every
 * character must be in the face. */
bool bx_face_subset(const bx_face *face, bx_charset *cs, unsigned char **data, size_t *len,
                    bx_font_metrics *metrics, bx_error *err);

#endif /* BX_PDF_FONT_H */
