/* Exact money: amounts are int64 counts of a scale's smallest unit, never
 * binary floating point. A scale is a money unit (元, 万元, …) and a number
 * of decimals: 1234567 at {万元, 2} is 12,345.67 万元. */
#ifndef BX_AMOUNT_H
#define BX_AMOUNT_H

#include "common.h"

typedef struct bx_scale {
    int64_t unit_yuan; /* 1 for 元, 10000 for 万元 */
    int decimals;      /* 0..6 */
} bx_scale;

enum { BX_MAX_DECIMALS = 6 };

/* How a table shows an amount that is zero: as the figure ("0.00"), or
 * as an empty cell (上海市普陀区's 区政府办公室 tables); UNSET: as whoever
 * decides next (the dataset, then the set) says. */
typedef enum bx_zero_display { BX_ZERO_UNSET, BX_ZERO_SHOW, BX_ZERO_BLANK } bx_zero_display;

typedef enum bx_amount_result {
    BX_AMOUNT_OK,
    BX_AMOUNT_EMPTY,    /* nothing but spaces */
    BX_AMOUNT_SYNTAX,   /* not a number */
    BX_AMOUNT_GROUPING, /* thousands separators in the wrong place */
    BX_AMOUNT_DECIMALS, /* more decimals than allowed */
    BX_AMOUNT_OVERFLOW, /* does not fit */
    BX_AMOUNT_EXPONENT  /* "2.1E+06": Excel's scientific notation */
} bx_amount_result;

/* Parse "-1,234.5" into units of 10^-decimals: {-123450 at decimals 2}.
 * Accepts an optional leading '-', digits with correctly placed thousands
 * separators, and up to `decimals` decimals (further decimals are allowed
 * only if they are zeros). Leading/trailing ASCII spaces are ignored.
 * What Excel writes in a CSV for a cell in currency or accounting format
 * is accepted too: a ¥ or ￥ before the digits or after the minus
 * ("¥1,234.50", "-¥1,234.50"), and parentheses for a negative
 * ("(1,234.50)", "(¥1,234.50)"); "¥-" is a zero in accounting format. */
bx_amount_result bx_amount_parse(const char *s, int decimals, int64_t *out);

/* The accepted forms, as the message for a refused amount lists them. */
#define BX_AMOUNT_FORMS "可写作 1234.5、1,234.50、-1,234.50、¥1,234.50 或 (1,234.50)"

/* "2.10E+06", "1e5": a number in scientific notation, as Excel writes a
 * long number (a 科目编码, a big amount) in a CSV. */
bool bx_looks_like_exponent(const char *s);

/* The finance user's words for a parse result, e.g. "金额格式无效". */
const char *bx_amount_result_text(bx_amount_result r);

/* Convert v from one scale to another, rounding half away from zero
 * ("四舍五入") when precision is lost. False if the result overflows. */
bool bx_amount_rescale(int64_t v, bx_scale from, bx_scale to, int64_t *out);

/* Format v (in units of 10^-decimals) as "-12,345.67" (with_grouping) or
 * "-12345.67". Locale independent. Returns the length written. */
size_t bx_amount_format(int64_t v, int decimals, bool with_grouping, char *buf, size_t size);

/* Money unit names: "元" → 1, "千元" → 1000, "万元" → 10000, "亿元" →
 * 100000000. False for anything else. */
bool bx_money_unit(const char *name, int64_t *unit_yuan);
/* The other way: 10000 → "万元"; "" for a unit without a name. */
const char *bx_money_unit_name(int64_t unit_yuan);

/* "", "-", "—" or "－": how the published tables write "nothing" in an
 * amount cell. */
bool bx_amount_means_nothing(const char *s);

#endif /* BX_AMOUNT_H */
