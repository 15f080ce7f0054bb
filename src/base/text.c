#include "text.h"

#include <stdio.h>
#include <string.h>

size_t bx_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (n == 0)
        return 0;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if ((c & 0xE0) == 0xC0) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

bool bx_utf8_next(const char *s, size_t n, size_t *i, uint32_t *cp)
{
    while (*i < n) {
        size_t k = bx_utf8_decode(s + *i, n - *i, cp);
        *i += k ? k : 1;
        if (k)
            return true;
    }
    return false;
}

size_t bx_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t bx_utf8_invalid_at(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = bx_utf8_decode(s + i, n - i, &cp);
        if (k == 0)
            return i;
        i += k;
    }
    return n;
}

/* Chinese fonts draw almost everything from U+1100 on at full width,
 * including the "ambiguous" punctuation (“”、…—≥) used in these tables. */
static unsigned cp_width(uint32_t cp)
{
    if (cp < 0x1100)
        return cp == 0xB7 || cp == 0xD7 || cp == 0xF7 ? 2 : 1;
    if (cp >= 0xFF61 && cp <= 0xFFDC) /* half-width katakana, hangul */
        return 1;
    return 2;
}

size_t bx_text_width_n(const char *s, size_t n)
{
    size_t w = 0, i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = bx_utf8_decode(s + i, n - i, &cp);
        if (k == 0) {
            w += 1;
            i += 1;
            continue;
        }
        w += cp_width(cp);
        i += k;
    }
    return w;
}

size_t bx_text_width(const char *s)
{
    return bx_text_width_n(s, strlen(s));
}

size_t bx_text_max_line_width(const char *s)
{
    size_t best = 0;
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        size_t w = bx_text_width_n(s, len);
        if (w > best)
            best = w;
        if (!nl)
            break;
        s = nl + 1;
    }
    return best;
}

bool bx_text_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
            return false;
    return true;
}

/* The character a folded text keeps for cp, or 0 to drop it. */
static uint32_t folded(uint32_t cp)
{
    if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000 || cp == 0xA0)
        return 0;
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        return cp - 0xFF01 + '!';
    if (cp == 0x201C || cp == 0x201D)
        return '"';
    if (cp == 0x2018 || cp == 0x2019)
        return '\'';
    return cp;
}

bool bx_text_fold(const char *s, char *out, size_t size, int *at)
{
    size_t n = strlen(s), i = 0, len = 0;
    while (i < n) {
        size_t start = i;
        uint32_t cp;
        if (!bx_utf8_next(s, n, &i, &cp))
            break;
        if ((cp = folded(cp)) == 0)
            continue;
        char buf[4];
        size_t k = bx_utf8_encode(cp, buf);
        if (len + k >= size)
            return false;
        for (size_t j = 0; j < k; j++) {
            if (at)
                at[len + j] = (int)start;
            out[len + j] = buf[j];
        }
        len += k;
    }
    if (size == 0)
        return false;
    out[len] = '\0';
    return true;
}

const char *bx_text_trim(const char *s, size_t *n)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    size_t k = strlen(s);
    while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t' || s[k - 1] == '\r' || s[k - 1] == '\n'))
        k--;
    *n = k;
    return s;
}

char *bx_cell_ref(int row, int col, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    if (row < 0 || col < 0) {
        snprintf(buf, size, "?");
        return buf;
    }
    char letters[8];
    size_t n = 0;
    for (long c = (long)col + 1; c > 0 && n < sizeof letters - 1; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    for (size_t i = 0; i < n / 2; i++) {
        char t = letters[i];
        letters[i] = letters[n - 1 - i];
        letters[n - 1 - i] = t;
    }
    snprintf(buf, size, "%.*s%d", (int)n, letters, row + 1);
    return buf;
}
