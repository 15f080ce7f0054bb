/* Building CFF programs byte by byte in the CFF tests (test_pdf_cff.c,
 * test_pdf_cff_subset.c): a buffer and the big-endian numbers and DICT
 * operands CFF writes. */
#ifndef BX_TEST_CFF_BUILD_H
#define BX_TEST_CFF_BUILD_H

#include "test_util.h"

#include <string.h>

typedef struct buf {
    unsigned char b[1 << 16];
    size_t n;
} buf;

static inline void put(buf *b, const void *p, size_t n)
{
    assert_true(b->n + n <= sizeof b->b);
    memcpy(b->b + b->n, p, n);
    b->n += n;
}

static inline void u8(buf *b, unsigned v)
{
    unsigned char c = (unsigned char)v;
    put(b, &c, 1);
}

static inline void u16(buf *b, unsigned v)
{
    u8(b, v >> 8);
    u8(b, v & 0xFF);
}

/* A DICT operand in its five-byte form (so that sizes do not depend on it). */
static inline void num(buf *b, long v)
{
    u8(b, 29);
    for (int s = 24; s >= 0; s -= 8)
        u8(b, (unsigned)((unsigned long)v >> s) & 0xFF);
}

#endif /* BX_TEST_CFF_BUILD_H */
