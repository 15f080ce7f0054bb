#include "amount.h"

#include <string.h>

static const int64_t pow10_table[] = {
    1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
};

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Check "1,234,567" style grouping of the integer digits s[0..n). */
static bool grouping_ok(const char *s, size_t n)
{
    size_t first = 0;
    while (first < n && s[first] != ',')
        first++;
    if (first == 0 || first > 3)
        return false;
    for (size_t i = first; i < n; i += 4) {
        if (n - i < 4 || s[i] != ',')
            return false;
        for (size_t k = 1; k <= 3; k++)
            if (!is_digit(s[i + k]))
                return false;
    }
    return true;
}

static const char *skip_spaces(const char *s, size_t *n)
{
    while (*n > 0 && s[0] == ' ')
        s++, (*n)--;
    while (*n > 0 && s[*n - 1] == ' ')
        (*n)--;
    return s;
}

/* Skip a leading ¥ (U+00A5) or ￥ (U+FFE5) and the spaces after it. */
static const char *skip_currency(const char *s, size_t *n)
{
    static const char *const signs[] = {"\xC2\xA5", "\xEF\xBF\xA5"};
    for (size_t k = 0; k < sizeof signs / sizeof *signs; k++) {
        size_t len = strlen(signs[k]);
        if (*n >= len && memcmp(s, signs[k], len) == 0) {
            *n -= len;
            return skip_spaces(s + len, n);
        }
    }
    return s;
}

static const char *skip_digits(const char *s)
{
    while (is_digit(*s))
        s++;
    return s;
}

bool bx_looks_like_exponent(const char *s)
{
    while (*s == ' ')
        s++;
    if (*s == '-' || *s == '+')
        s++;
    if (!is_digit(*s))
        return false;
    s = skip_digits(s);
    if (*s == '.')
        s = skip_digits(s + 1);
    if (*s != 'E' && *s != 'e')
        return false;
    s++;
    if (*s == '+' || *s == '-')
        s++;
    if (!is_digit(*s))
        return false;
    for (s = skip_digits(s); *s == ' ';)
        s++;
    return *s == '\0';
}

/* Not a number: Excel's scientific notation has its own result. */
static bx_amount_result not_a_number(const char *text)
{
    return bx_looks_like_exponent(text) ? BX_AMOUNT_EXPONENT : BX_AMOUNT_SYNTAX;
}

bx_amount_result bx_amount_parse(const char *text, int decimals, int64_t *out)
{
    if (decimals < 0 || decimals > BX_MAX_DECIMALS)
        return BX_AMOUNT_SYNTAX;
    size_t n = strlen(text);
    const char *s = skip_spaces(text, &n);
    if (n == 0)
        return BX_AMOUNT_EMPTY;

    /* what Excel writes for a negative in accounting format, "(1,234.00)",
     * and a currency sign before the figure or after its minus */
    bool negative = false;
    if (n >= 2 && s[0] == '(' && s[n - 1] == ')') {
        negative = true;
        n -= 2;
        s = skip_spaces(s + 1, &n);
    }
    size_t before = n;
    s = skip_currency(s, &n);
    if (n == 1 && s[0] == '-' && n != before) {
        *out = 0; /* "¥-": a zero in accounting format */
        return BX_AMOUNT_OK;
    }
    size_t i = 0;
    if (n > 0 && s[0] == '-' && !negative) {
        negative = true;
        s++, n--;
        s = skip_currency(s, &n);
    }
    size_t int_start = i;
    bool has_comma = false;
    while (i < n && (is_digit(s[i]) || s[i] == ',')) {
        has_comma |= s[i] == ',';
        i++;
    }
    size_t int_end = i;
    if (int_end == int_start)
        return not_a_number(text);
    size_t frac_start = n, frac_end = n;
    if (i < n) {
        if (s[i] != '.')
            return not_a_number(text);
        frac_start = ++i;
        while (i < n && is_digit(s[i]))
            i++;
        frac_end = i;
        if (i != n || frac_end == frac_start)
            return not_a_number(text);
    }
    if (has_comma && !grouping_ok(s + int_start, int_end - int_start))
        return BX_AMOUNT_GROUPING;

    uint64_t v = 0;
    const uint64_t limit = (uint64_t)INT64_MAX;
    for (size_t k = int_start; k < int_end; k++) {
        if (s[k] == ',')
            continue;
        unsigned d = (unsigned)(s[k] - '0');
        if (v > (limit - d) / 10)
            return BX_AMOUNT_OVERFLOW;
        v = v * 10 + d;
    }
    for (int k = 0; k < decimals; k++) {
        size_t at = frac_start + (size_t)k;
        unsigned d = at < frac_end ? (unsigned)(s[at] - '0') : 0;
        if (v > (limit - d) / 10)
            return BX_AMOUNT_OVERFLOW;
        v = v * 10 + d;
    }
    for (size_t at = frac_start + (size_t)decimals; at < frac_end; at++)
        if (s[at] != '0')
            return BX_AMOUNT_DECIMALS;
    *out = negative ? -(int64_t)v : (int64_t)v;
    return BX_AMOUNT_OK;
}

const char *bx_amount_result_text(bx_amount_result r)
{
    switch (r) {
    case BX_AMOUNT_OK: return "金额正确";
    case BX_AMOUNT_EMPTY: return "金额为空";
    case BX_AMOUNT_SYNTAX: return "金额格式无效";
    case BX_AMOUNT_GROUPING: return "金额的千位分隔符位置不正确";
    case BX_AMOUNT_DECIMALS: return "金额的小数位数超过允许的位数";
    case BX_AMOUNT_OVERFLOW: return "金额超出可处理的范围";
    case BX_AMOUNT_EXPONENT: return "金额被 Excel 改成了科学计数法";
    }
    return "金额格式无效";
}

bool bx_amount_rescale(int64_t v, bx_scale from, bx_scale to, int64_t *out)
{
    if (from.decimals < 0 || from.decimals > BX_MAX_DECIMALS || to.decimals < 0 ||
        to.decimals > BX_MAX_DECIMALS || from.unit_yuan <= 0 || to.unit_yuan <= 0)
        return false;
    /* v × unit_from × 10^to.decimals / (unit_to × 10^from.decimals) */
    __int128 num = (__int128)from.unit_yuan * pow10_table[to.decimals];
    __int128 den = (__int128)to.unit_yuan * pow10_table[from.decimals];
    __int128 x = (__int128)v * num;
    __int128 q = x / den, r = x % den;
    if (r < 0)
        r = -r;
    if (2 * r >= den)
        q += x < 0 ? -1 : 1;
    if (q > INT64_MAX || q < -INT64_MAX)
        return false;
    *out = (int64_t)q;
    return true;
}

size_t bx_amount_format(int64_t v, int decimals, bool with_grouping, char *buf, size_t size)
{
    char digits[32];
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int nd = 0;
    do {
        digits[nd++] = (char)('0' + mag % 10);
        mag /= 10;
    } while (mag > 0);
    while (nd <= decimals)
        digits[nd++] = '0';

    char tmp[64];
    size_t len = 0;
    if (v < 0)
        tmp[len++] = '-';
    int int_digits = nd - decimals;
    for (int k = nd - 1; k >= decimals; k--) {
        tmp[len++] = digits[k];
        int left = k - decimals; /* integer digits still to write */
        if (with_grouping && left > 0 && left % 3 == 0 && int_digits > 3)
            tmp[len++] = ',';
    }
    if (decimals > 0) {
        tmp[len++] = '.';
        for (int k = decimals - 1; k >= 0; k--)
            tmp[len++] = digits[k];
    }
    tmp[len] = '\0';
    if (size > 0) {
        size_t n = len < size - 1 ? len : size - 1;
        memcpy(buf, tmp, n);
        buf[n] = '\0';
    }
    return len;
}

static const struct {
    const char *name;
    int64_t yuan;
} units[] = {{"元", 1}, {"千元", 1000}, {"万元", 10000}, {"亿元", 100000000}};

const char *bx_money_unit_name(int64_t unit_yuan)
{
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (units[i].yuan == unit_yuan)
            return units[i].name;
    return "";
}

bool bx_amount_means_nothing(const char *s)
{
    return *s == '\0' || strcmp(s, "-") == 0 || strcmp(s, "—") == 0 || strcmp(s, "－") == 0;
}

bool bx_money_unit(const char *name, int64_t *unit_yuan)
{
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strcmp(name, units[i].name) == 0) {
            *unit_yuan = units[i].yuan;
            return true;
        }
    }
    return false;
}
