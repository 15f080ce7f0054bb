/* A subset of a CID-keyed CFF program: the glyphs a document draws, their
 * subroutines written out into them — what hb-subset makes with its
 * desubroutinize flag, in a fraction of the time (hb-subset spends most
 * of it on the whole font, Noto CJK's 65,535 glyphs and large cmap,
 * whatever the few hundred glyphs kept). */
#ifndef BX_PDF_CFF_SUBSET_H
#define BX_PDF_CFF_SUBSET_H

#include "pdf_cff.h"

/* A subset of a CID-keyed program: the glyphs gids[0 … n) (ascending,
 * gids[0] = 0, .notdef) become glyphs 0 … n-1 and keep their CIDs, their
 * subroutines written out into them (hints kept; no subroutines left);
 * *program (malloc'd, caller frees) holds it, *cff says what bx_cff_read
 * would of it. A program this does not take — not CID-keyed, a
 * subroutine number that is not a constant, operators it does not know,
 * anything malformed — is an error saying why (BX_ERR_BACKEND; out of
 * memory: BX_ERR_NOMEM): hb-subset may still take it. */
bool bx_cff_subset(const unsigned char *data, size_t len, const uint16_t *gids, size_t n,
                   unsigned char **program, size_t *program_len, bx_cff *cff, bx_error *err);

#endif /* BX_PDF_CFF_SUBSET_H */
