#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bx_strbuf_init(bx_strbuf *b, size_t max)
{
    memset(b, 0, sizeof *b);
    b->max = max;
}

void bx_strbuf_free(bx_strbuf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

void bx_strbuf_reset(bx_strbuf *b)
{
    b->len = 0;
    b->failed = false;
    if (b->data)
        b->data[0] = '\0';
}

static bool reserve(bx_strbuf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (extra > SIZE_MAX / 2 - b->len || (b->max && b->len + extra > b->max)) {
        b->failed = true;
        return false;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

bool bx_strbuf_append(bx_strbuf *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return false;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return true;
}

bool bx_strbuf_puts(bx_strbuf *b, const char *s)
{
    return bx_strbuf_append(b, s, strlen(s));
}

bool bx_strbuf_putc(bx_strbuf *b, char c)
{
    return bx_strbuf_append(b, &c, 1);
}

bool bx_strbuf_printf(bx_strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !reserve(b, (size_t)n))
        return false;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return true;
}

const char *bx_strbuf_str(const bx_strbuf *b)
{
    return b->data ? b->data : "";
}
