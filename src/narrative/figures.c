/* Exact narrative figures (figures.h). */
#include "figures.h"
#include "amount.h"

#include <stdio.h>
#include <string.h>

static __int128 pow10_128(int n)
{
    __int128 p = 1;
    while (n-- > 0)
        p *= 10;
    return p;
}

/* num / den rounded half away from zero; den != 0. */
static __int128 divide_half_up(__int128 num, __int128 den)
{
    bool negative = (num < 0) != (den < 0);
    __int128 n = num < 0 ? -num : num, d = den < 0 ? -den : den;
    __int128 q = n / d, r = n % d;
    if (2 * r >= d)
        q++;
    return negative ? -q : q;
}

bx_nfig bx_nfig_of(int64_t shown, int decimals)
{
    return (bx_nfig){shown, decimals, (__int128)shown * pow10_128(BX_NFIG_EXACT - decimals),
                     0,     0,        0};
}

size_t bx_nfig_format(int64_t v, int decimals, bx_nformat f, char *buf, size_t size)
{
    char text[64];
    size_t n = bx_amount_format(v, decimals, f.grouping, text, sizeof text);
    if (f.trim && decimals > 0) {
        while (n > 0 && text[n - 1] == '0')
            n--;
        if (n > 0 && text[n - 1] == '.')
            n--;
        text[n] = '\0';
    }
    const char *point = f.whole && decimals > 0 ? strchr(text, '.') : NULL;
    if (point && strspn(point + 1, "0") == (size_t)decimals) {
        n = (size_t)(point - text);
        text[n] = '\0';
    }
    if (size > 0) {
        size_t k = n < size - 1 ? n : size - 1;
        memcpy(buf, text, k);
        buf[k] = '\0';
    }
    return n;
}

size_t bx_nfig_exact_text(const bx_nfig *f, char *buf, size_t size)
{
    char digits[64];
    int n = 0;
    __int128 v = f->exact < 0 ? -f->exact : f->exact;
    do { /* least significant first */
        digits[n++] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v > 0 || n <= BX_NFIG_EXACT);
    int keep = BX_NFIG_EXACT; /* decimals kept */
    while (keep > f->decimals && digits[BX_NFIG_EXACT - keep] == '0')
        keep--;
    char text[80];
    size_t k = 0;
    if (f->exact < 0)
        text[k++] = '-';
    for (int i = n - 1; i >= BX_NFIG_EXACT; i--)
        text[k++] = digits[i];
    if (keep > 0)
        text[k++] = '.';
    for (int i = BX_NFIG_EXACT - 1; i >= BX_NFIG_EXACT - keep; i--)
        text[k++] = digits[i];
    text[k] = '\0';
    if (size > 0)
        snprintf(buf, size, "%s", text);
    return k;
}

bool bx_nfig_align(bx_nfig *a, bx_nfig *b)
{
    bx_nfig *low = a->decimals < b->decimals ? a : b;
    int to = a->decimals > b->decimals ? a->decimals : b->decimals;
    for (; low->decimals < to; low->decimals++)
        if (__builtin_mul_overflow(low->shown, 10, &low->shown))
            return false;
    return true;
}

bool bx_percent_of(__int128 num, __int128 den, int decimals, int64_t *out)
{
    if (den == 0 || decimals < 0 || decimals > BX_NFIG_MAX_DECIMALS)
        return false;
    __int128 scale = 100 * pow10_128(decimals);
    /* |num| × 10^8 stays far inside 128 bits for any figure of 64 bits
     * shifted by BX_NFIG_EXACT */
    __int128 limit = ((__int128)1 << 100);
    if (num > limit || num < -limit)
        return false;
    __int128 q = divide_half_up(num * scale, den);
    if (q > INT64_MAX || q < -INT64_MAX)
        return false;
    *out = (int64_t)q;
    return true;
}

int64_t bx_nfig_round_exact(__int128 exact, int decimals)
{
    return (int64_t)divide_half_up(exact, pow10_128(BX_NFIG_EXACT - decimals));
}
