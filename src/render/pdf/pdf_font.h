/* The PDF's fonts, made small and quick: a face — TrueType (glyf) or
 * OpenType/CFF outlines, alone or in a collection — is opened once
 * (memory-mapped by HarfBuzz) and may be shared by many documents and
 * threads; each document collects the characters it draws (a charset)
 * and embeds a subset (hb-subset) holding only their glyphs. Text is
 * written with two-byte codes (Identity-H) that are the subset's CIDs: for
 * TrueType its glyph ids (CIDFontType2, CIDToGIDMap Identity), for a
 * CID-keyed CFF program the CIDs its charset gives the glyphs
 * (CIDFontType0; pdf_cff.h). A ToUnicode map gives the characters back.
 *
 * libharu's own TrueType path is not used: it parses the font again,
 * looks up each of the 65,536 BMP code points for a code-to-glyph map,
 * copies the font four bytes at a time and recompresses it — most of the
 * time of a render — and its ToUnicode map is malformed. */
#ifndef BX_PDF_FONT_H
#define BX_PDF_FONT_H

#include "common.h"

typedef struct bx_face bx_face;

/* Open a face of a .ttf, .otf or .ttc for subsetting: in a collection
 * the face whose PostScript name is `face` (an error naming the faces
 * there if none is), or with `face` NULL or "" the Simplified Chinese
 * face (a family name with the word "SC", as Noto CJK and Source Han name
 * theirs), else the first. */
bx_face *bx_face_open(const char *path, const char *face, bx_error *err);
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
/* The faces of the whole document's headings, 黑体 and 楷体, opened on
 * first use (a set given --font has none: both NULL, the headings are set
 * in its bold face). A failure is kept like bx_font_set_faces'. */
bool bx_font_set_heading_faces(bx_font_set *fs, const bx_face **hei, const bx_face **kai,
                               bx_error *err);

/* The characters one document draws in one face. */
typedef struct bx_charset {
    uint32_t *cps; /* sorted once sealed */
    size_t n, cap;
    uint16_t *bmp;   /* BMP character -> index + 1; 0 = not in the set */
    uint16_t *codes; /* per index: its code, the subset's CID (bx_face_subset) */
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
/* The code (CID) of a character of the subset; 0 if it is not in it. */
unsigned bx_charset_code(const bx_charset *cs, uint32_t cp);
/* Width of UTF-8 text in 1/1000 em; characters outside the set count 0. */
long bx_charset_text_width(const bx_charset *cs, const char *s, size_t n);

/* What the PDF's font objects say of a subset besides its program and
 * widths; metrics in 1/1000 em. */
typedef struct bx_subset_info {
    bool cff; /* the program is a CFF table (else a TrueType file) */
    int ascent, descent, cap_height;
    int bbox[4]; /* xMin, yMin, xMax, yMax */
    bool bold;
    char name[64];                   /* PostScript name */
    char registry[32], ordering[32]; /* the character collection (CIDSystemInfo) */
    int supplement;
} bx_subset_info;

/* The subset of a sealed charset: *data (malloc'd, caller frees) holds
 * its font program — a TrueType file, or the CFF table of an OpenType
 * one — with the glyphs of the characters (and the glyphs they are built
 * from); fills cs->codes, cs->widths and *info. Every character must be
 * in the face. */
bool bx_face_subset(const bx_face *face, bx_charset *cs, unsigned char **data, size_t *len,
                    bx_subset_info *info, bx_error *err);

#endif /* BX_PDF_FONT_H */
