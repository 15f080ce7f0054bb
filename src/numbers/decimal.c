/* Decimals as a spreadsheet stores them, made exact: numbers in their XML
 * text (shortest round trip of a double, "1.2345E3", "649.4299999999999"),
 * figures typed as text ("1,234.50"), and their value at a given number of
 * decimals without binary floating point. */
#include "decimal.h"

#include "amount.h"

#include <stdlib.h>
#include <string.h>

enum { SIGNIFICANT_DIGITS = 15 }; /* what a spreadsheet keeps of a number */

/* A number as a spreadsheet stores it ("1.2345E3", "1234.5700000000002")
 * as a plain decimal of at most 15 significant digits ("1234.57"). */
bool bx_decimal_from_number(const char *s, char *out, size_t size)
{
    char digits[64];
    int n = 0, point = -1, exponent = 0;
    bool neg = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    for (; *s && *s != 'e' && *s != 'E'; s++) {
        if (*s == '.' && point < 0)
            point = n;
        else if (*s >= '0' && *s <= '9' && n < (int)sizeof digits - 1)
            digits[n++] = *s;
        else
            return false;
    }
    if (*s) {
        char *end;
        long e = strtol(s + 1, &end, 10);
        if (*end || end == s + 1 || e > 400 || e < -400)
            return false;
        exponent = (int)e;
    }
    if (n == 0)
        return false;
    int intlen = (point < 0 ? n : point) + exponent;
    int lead = 0;
    while (lead < n - 1 && digits[lead] == '0')
        lead++;
    memmove(digits, digits + lead, (size_t)(n - lead));
    n -= lead;
    intlen -= lead;
    if (n > SIGNIFICANT_DIGITS) { /* round half up at the 15th digit */
        bool up = digits[SIGNIFICANT_DIGITS] >= '5';
        n = SIGNIFICANT_DIGITS;
        for (int i = n - 1; up && i >= 0; i--) {
            up = digits[i] == '9';
            digits[i] = up ? '0' : (char)(digits[i] + 1);
        }
        if (up) {
            memmove(digits + 1, digits, (size_t)n);
            digits[0] = '1';
            intlen++;
        }
    }
    while (n > 0 && n > intlen && digits[n - 1] == '0')
        n--;
    if (intlen > 300 || intlen < -300)
        return false;
    size_t k = 0;
    char buf[720];
    if (neg && !(n == 1 && digits[0] == '0'))
        buf[k++] = '-';
    for (int i = 0; i < (intlen > 0 ? intlen : 1); i++)
        buf[k++] = i < intlen && i < n ? digits[i] : '0';
    if (n > intlen) {
        buf[k++] = '.';
        for (int i = intlen; i < n; i++)
            buf[k++] = i < 0 ? '0' : digits[i];
    }
    buf[k] = '\0';
    if (k >= size)
        return false;
    memcpy(out, buf, k + 1);
    return true;
}

/* A figure typed as text ("1,234.50", " 1234.5 ") as a plain decimal. */
bool bx_decimal_from_text(const char *s, char *out, size_t size)
{
    int64_t ignored;
    bx_amount_result r = bx_amount_parse(s, BX_MAX_DECIMALS, &ignored);
    if (r != BX_AMOUNT_OK && r != BX_AMOUNT_DECIMALS && r != BX_AMOUNT_OVERFLOW)
        return false;
    size_t k = 0;
    for (; *s && k + 1 < size; s++)
        if (*s != ',' && *s != ' ')
            out[k++] = *s;
    out[k] = '\0';
    return k > 0 && !*s;
}

/* A plain decimal in units of 10^-decimals (decimals may be negative:
 * whole hundreds, …); SCALED_DECIMALS if digits would be lost. */
bx_scaled bx_decimal_scale(const char *s, int decimals, int64_t *out)
{
    bool neg = *s == '-';
    if (neg)
        s++;
    int64_t v = 0;
    int frac = -1, want = decimals > 0 ? decimals : 0;
    for (; *s; s++) {
        if (*s == '.') {
            frac = 0;
            continue;
        }
        int d = *s - '0';
        if (frac >= 0 && frac >= want) {
            if (d)
                return BX_SCALED_DECIMALS;
            continue;
        }
        if (frac >= 0)
            frac++;
        if (v > (INT64_MAX - d) / 10)
            return BX_SCALED_OVERFLOW;
        v = v * 10 + d;
    }
    for (int have = frac < 0 ? 0 : frac; have < want; have++) {
        if (v > INT64_MAX / 10)
            return BX_SCALED_OVERFLOW;
        v *= 10;
    }
    for (int k = decimals; k < 0; k++) {
        if (v % 10)
            return BX_SCALED_DECIMALS;
        v /= 10;
    }
    *out = neg ? -v : v;
    return BX_SCALED_OK;
}

int bx_log10(int64_t v)
{
    int n = 0;
    for (; v >= 10; v /= 10)
        n++;
    return n;
}
