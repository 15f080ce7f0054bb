/* A growable NUL-terminated byte buffer with a maximum size, so that a
 * documented limit becomes an error instead of unbounded growth. */
#ifndef BX_STRBUF_H
#define BX_STRBUF_H

#include "common.h"

typedef struct bx_strbuf {
    char *data; /* NUL-terminated when len > 0 or after any append */
    size_t len, cap, max;
    bool failed; /* an append hit the maximum or ran out of memory */
} bx_strbuf;

/* max = 0 means no maximum beyond memory. */
void bx_strbuf_init(bx_strbuf *b, size_t max);
void bx_strbuf_free(bx_strbuf *b);
void bx_strbuf_reset(bx_strbuf *b);
bool bx_strbuf_append(bx_strbuf *b, const char *s, size_t n);
bool bx_strbuf_puts(bx_strbuf *b, const char *s);
bool bx_strbuf_putc(bx_strbuf *b, char c);
bool bx_strbuf_printf(bx_strbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The contents; "" for an empty buffer. */
const char *bx_strbuf_str(const bx_strbuf *b);

#endif /* BX_STRBUF_H */
