/* A hash index from strings (not copied: they must outlive the index) to
 * small integers, for lookups by 科目编码 or row name in tables of any
 * size. Open addressing, FNV-1a. */
#ifndef BX_STRINDEX_H
#define BX_STRINDEX_H

#include "common.h"

typedef struct bx_strindex {
    struct bx_strindex_slot *slots;
    size_t cap, n;
} bx_strindex;

/* Sized for about `expected` keys (it grows as needed). */
bool bx_strindex_init(bx_strindex *ix, size_t expected, bx_error *err);
void bx_strindex_free(bx_strindex *ix);
/* Store key (len bytes) → value unless the key is there. Returns the value
 * stored under the key — `value` if it was new — or -1 when out of
 * memory (err is set). */
int bx_strindex_put(bx_strindex *ix, const char *key, size_t len, int value, bx_error *err);
/* The value stored under key, or -1. */
int bx_strindex_get(const bx_strindex *ix, const char *key, size_t len);

#endif /* BX_STRINDEX_H */
