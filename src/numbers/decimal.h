/* Decimals read from a workbook, made exact (decimal.c). */
#ifndef BX_DECIMAL_H
#define BX_DECIMAL_H

#include "common.h"

/* A number's XML text as a plain decimal of at most 15 significant digits,
 * rounded half up ("1.2345E3" → "1234.5", "649.4299999999999" → "649.43");
 * false if it is not a number or does not fit in size. */
bool bx_decimal_from_number(const char *s, char *out, size_t size);

/* A figure typed as text ("1,234.50", " -3 ") as a plain decimal ("1234.50");
 * false if it is not one (letters, misplaced separators). */
bool bx_decimal_from_text(const char *s, char *out, size_t size);

typedef enum bx_scaled { BX_SCALED_OK, BX_SCALED_DECIMALS, BX_SCALED_OVERFLOW } bx_scaled;

/* A plain decimal in units of 10^-decimals ("12.5" at 2 → 1250; decimals
 * may be negative: at -2, "1200" → 12); BX_SCALED_DECIMALS if non-zero
 * digits would be lost. */
bx_scaled bx_decimal_scale(const char *plain, int decimals, int64_t *out);

/* The power of ten of a money unit (10000 → 4). */
int bx_log10(int64_t v);

#endif /* BX_DECIMAL_H */
