/* Pairing two sequences of rows by their keys (labels, codes): what a
 * workbook read back and a diff both need. */
#ifndef BX_ALIGN_H
#define BX_ALIGN_H

#include "common.h"

/* match[j] receives the index in a of b[j]'s partner, or -1. Equal keys
 * pair: the common beginning and end, then the longest common subsequence
 * of what is between (when that is small enough to compute: 4 million
 * pairs). Rows left between two pairs then pair in order, so that a row
 * whose key changed keeps its partner when nothing was added there. */
bool bx_align_keys(const char *const *a, int na, const char *const *b, int nb, int *match,
                   bx_error *err);

#endif /* BX_ALIGN_H */
