/* FNV-1a, 64 bits: hash indexes, the layout set's digest, font subset
 * tags. Quick and stable across runs and machines (nothing here is a
 * defence against chosen inputs). */
#ifndef BX_HASH_H
#define BX_HASH_H

#include <stddef.h>
#include <stdint.h>

#define BX_FNV_OFFSET 0xcbf29ce484222325ull
#define BX_FNV_PRIME 0x100000001b3ull

/* One more value (a byte, or a wider unit such as a code point). */
static inline uint64_t bx_fnv_step(uint64_t h, uint64_t v)
{
    return (h ^ v) * BX_FNV_PRIME;
}

/* n more bytes. */
static inline uint64_t bx_fnv_bytes(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++)
        h = bx_fnv_step(h, p[i]);
    return h;
}

#endif /* BX_HASH_H */
