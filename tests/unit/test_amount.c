/* Exact money: parsing, half-up rescaling between 元 and 万元, formatting. */
#include "test_util.h"

#include "amount.h"

static int64_t parse_ok(const char *s, int decimals)
{
    int64_t v = 0;
    assert_int_equal(bx_amount_parse(s, decimals, &v), BX_AMOUNT_OK);
    return v;
}

static bx_amount_result parse_result(const char *s, int decimals)
{
    int64_t v = 0;
    return bx_amount_parse(s, decimals, &v);
}

static void parses_plain_and_grouped_numbers(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("21866.99", 2), 2186699);
    assert_int_equal(parse_ok("21,866.99", 2), 2186699);
    assert_int_equal(parse_ok("1,234,567", 0), 1234567);
    assert_int_equal(parse_ok("0.00", 2), 0);
    assert_int_equal(parse_ok("7", 2), 700);
    assert_int_equal(parse_ok("12.5", 2), 1250);
    assert_int_equal(parse_ok(" 42 ", 0), 42);
}

static void parses_negative_amounts(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("-12.5", 2), -1250);
    assert_int_equal(parse_ok("-1,000", 0), -1000);
}

static void extra_decimals_only_if_zero(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("12.340", 2), 1234);
    assert_int_equal(parse_result("12.345", 2), BX_AMOUNT_DECIMALS);
    assert_int_equal(parse_result("0.001", 2), BX_AMOUNT_DECIMALS);
}

static void rejects_malformed_numbers(void **state)
{
    (void)state;
    assert_int_equal(parse_result("", 2), BX_AMOUNT_EMPTY);
    assert_int_equal(parse_result("   ", 2), BX_AMOUNT_EMPTY);
    assert_int_equal(parse_result("abc", 2), BX_AMOUNT_SYNTAX);
    assert_int_equal(parse_result("１２３", 2), BX_AMOUNT_SYNTAX);
    assert_int_equal(parse_result("12.", 2), BX_AMOUNT_SYNTAX);
    assert_int_equal(parse_result(".5", 2), BX_AMOUNT_SYNTAX);
    assert_int_equal(parse_result("+5", 2), BX_AMOUNT_SYNTAX);
    assert_int_equal(parse_result("1 000", 2), BX_AMOUNT_SYNTAX);
    assert_int_equal(parse_result("--1", 2), BX_AMOUNT_SYNTAX);
    assert_int_equal(parse_result("1e5", 2), BX_AMOUNT_EXPONENT);
    assert_int_equal(parse_result("2.10E+06", 2), BX_AMOUNT_EXPONENT);
    assert_int_equal(parse_result("E+06", 2), BX_AMOUNT_SYNTAX);
    assert_int_equal(parse_result("1.2E", 2), BX_AMOUNT_SYNTAX);
    assert_int_equal(parse_result("(1", 2), BX_AMOUNT_SYNTAX);
    assert_int_equal(parse_result("()", 2), BX_AMOUNT_SYNTAX);
    assert_int_equal(parse_result("(-1)", 2), BX_AMOUNT_SYNTAX);
    assert_int_equal(parse_result("¥", 2), BX_AMOUNT_SYNTAX);
    assert_int_equal(parse_result("¥¥1", 2), BX_AMOUNT_SYNTAX);
    assert_int_equal(parse_result("1¥", 2), BX_AMOUNT_SYNTAX);
    assert_int_equal(parse_result("$1", 2), BX_AMOUNT_SYNTAX);
    assert_int_equal(parse_result("-¥-1", 2), BX_AMOUNT_SYNTAX);
    assert_int_equal(parse_result("-", 2), BX_AMOUNT_SYNTAX);
}

/* What Excel writes in a CSV for a cell in currency or accounting format. */
static void accepts_excel_currency_forms(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("¥1,234.50", 2), 123450);
    assert_int_equal(parse_ok("￥1,234.50", 2), 123450);
    assert_int_equal(parse_ok(" ¥ 1,234.50 ", 2), 123450);
    assert_int_equal(parse_ok("-¥1,234.50", 2), -123450);
    assert_int_equal(parse_ok("¥-1,234.50", 2), -123450);
    assert_int_equal(parse_ok("(1,234.00)", 2), -123400);
    assert_int_equal(parse_ok("( ¥1,234.00 )", 2), -123400);
    assert_int_equal(parse_ok("¥-", 2), 0);
    assert_int_equal(parse_ok(" ￥ - ", 2), 0);
}

static void rejects_misplaced_thousands_separators(void **state)
{
    (void)state;
    assert_int_equal(parse_result("1,2,3", 0), BX_AMOUNT_GROUPING);
    assert_int_equal(parse_result("12,34", 0), BX_AMOUNT_GROUPING);
    assert_int_equal(parse_result("1234,567", 0), BX_AMOUNT_GROUPING);
    assert_int_equal(parse_result(",123", 0), BX_AMOUNT_GROUPING);
    assert_int_equal(parse_result("1,234,", 0), BX_AMOUNT_GROUPING);
}

static void rejects_overflow(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("9223372036854775807", 0), INT64_MAX);
    assert_int_equal(parse_result("9223372036854775808", 0), BX_AMOUNT_OVERFLOW);
    assert_int_equal(parse_result("92233720368547758.08", 2), BX_AMOUNT_OVERFLOW);
    assert_int_equal(parse_result("99999999999999999999999", 2), BX_AMOUNT_OVERFLOW);
}

static int64_t rescale(int64_t v, int64_t from_unit, int from_dec, int64_t to_unit, int to_dec)
{
    int64_t out = 0;
    bx_scale from = {from_unit, from_dec}, to = {to_unit, to_dec};
    assert_true(bx_amount_rescale(v, from, to, &out));
    return out;
}

static void yuan_to_wanyuan_rounds_half_up(void **state)
{
    (void)state;
    /* 12,345 元 = 1.2345 万元 → 1.23; 12,350 元 = 1.235 万元 → 1.24 */
    assert_int_equal(rescale(12345, 1, 0, 10000, 2), 123);
    assert_int_equal(rescale(12350, 1, 0, 10000, 2), 124);
    assert_int_equal(rescale(12349, 1, 0, 10000, 2), 123);
    /* half away from zero for negative amounts */
    assert_int_equal(rescale(-12350, 1, 0, 10000, 2), -124);
    assert_int_equal(rescale(-12349, 1, 0, 10000, 2), -123);
    /* 分 in, 万元 with 2 decimals out: 123,455.00 元 → 12.35 万元 (12.3455) */
    assert_int_equal(rescale(12345500, 1, 2, 10000, 2), 1235);
    /* 31,611,787.00 元 → 3,161.18 万元 */
    assert_int_equal(rescale(3161178700, 1, 2, 10000, 2), 316118);
}

static void wanyuan_decimals_to_whole_wanyuan(void **state)
{
    (void)state;
    assert_int_equal(rescale(1691049, 10000, 2, 10000, 0), 16910);
    assert_int_equal(rescale(1691050, 10000, 2, 10000, 0), 16911);
    assert_int_equal(rescale(-50, 10000, 2, 10000, 0), -1);
}

static void upscaling_is_exact(void **state)
{
    (void)state;
    assert_int_equal(rescale(2186699, 10000, 2, 1, 2), 21866990000);
    assert_int_equal(rescale(5, 10000, 0, 1, 0), 50000);
}

static void rescale_reports_overflow(void **state)
{
    (void)state;
    int64_t out;
    bx_scale wan = {10000, 2}, yuan = {1, 2};
    assert_false(bx_amount_rescale(INT64_MAX, wan, yuan, &out));
    assert_false(bx_amount_rescale(INT64_MIN + 1, wan, yuan, &out));
}

static const char *fmt(int64_t v, int decimals, bool grouping)
{
    static char buf[64];
    bx_amount_format(v, decimals, grouping, buf, sizeof buf);
    return buf;
}

static void formats_like_the_published_tables(void **state)
{
    (void)state;
    assert_string_equal(fmt(2186699, 2, true), "21,866.99");
    assert_string_equal(fmt(0, 2, true), "0.00");
    assert_string_equal(fmt(220, 2, true), "2.20");
    assert_string_equal(fmt(-5, 2, true), "-0.05");
    assert_string_equal(fmt(16910, 0, true), "16,910");
    assert_string_equal(fmt(100, 0, true), "100");
    assert_string_equal(fmt(0, 0, true), "0");
    assert_string_equal(fmt(123456789, 2, true), "1,234,567.89");
    assert_string_equal(fmt(-123456789, 2, true), "-1,234,567.89");
    assert_string_equal(fmt(123456, 2, false), "1234.56");
    assert_string_equal(fmt(87, 2, false), "0.87");
    assert_string_equal(fmt(INT64_MAX, 0, true), "9,223,372,036,854,775,807");
    assert_string_equal(fmt(-INT64_MAX, 2, true), "-92,233,720,368,547,758.07");
}

static void knows_money_units(void **state)
{
    (void)state;
    int64_t u = 0;
    assert_true(bx_money_unit("元", &u));
    assert_int_equal(u, 1);
    assert_true(bx_money_unit("万元", &u));
    assert_int_equal(u, 10000);
    assert_false(bx_money_unit("美元", &u));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_plain_and_grouped_numbers),
        cmocka_unit_test(parses_negative_amounts),
        cmocka_unit_test(extra_decimals_only_if_zero),
        cmocka_unit_test(rejects_malformed_numbers),
        cmocka_unit_test(accepts_excel_currency_forms),
        cmocka_unit_test(rejects_misplaced_thousands_separators),
        cmocka_unit_test(rejects_overflow),
        cmocka_unit_test(yuan_to_wanyuan_rounds_half_up),
        cmocka_unit_test(wanyuan_decimals_to_whole_wanyuan),
        cmocka_unit_test(upscaling_is_exact),
        cmocka_unit_test(rescale_reports_overflow),
        cmocka_unit_test(formats_like_the_published_tables),
        cmocka_unit_test(knows_money_units),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
