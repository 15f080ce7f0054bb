/* What the PDF needs to know of a CFF font program (the 'CFF ' table of
 * an OpenType font, as hb-subset leaves it) to embed it as a CIDFontType0
 * font: whether it is CID-keyed, its character collection (ROS), and the
 * CID of each glyph.
 *
 * A PDF addresses the glyphs of a CIDFontType0 font by CID, not by glyph
 * id: in a CID-keyed program the reader finds the glyph of a CID through
 * the program's charset (glyph → CID), and hb-subset keeps each glyph's
 * original CID while it renumbers the glyphs. In a program that is not
 * CID-keyed, CIDs are glyph ids. Pure functions over the bytes, every read
 * checked against their length. */
#ifndef BX_PDF_CFF_H
#define BX_PDF_CFF_H

#include "common.h"

typedef struct bx_cff {
    bool cid_keyed;
    char registry[32], ordering[32]; /* CID-keyed: its ROS; "" when not given as text */
    int supplement;
    unsigned nglyphs;
    uint16_t *cids; /* per glyph id: its CID (nglyphs entries) */
} bx_cff;

/* Read the program's header, Top DICT, CharStrings count and charset into
 * *out (bx_cff_free frees it). A malformed program is an error naming
 * what is wrong. */
bool bx_cff_read(const unsigned char *data, size_t len, bx_cff *out, bx_error *err);
void bx_cff_free(bx_cff *cff);

#endif /* BX_PDF_CFF_H */
