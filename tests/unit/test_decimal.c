/* Reading a workbook back: numbers as spreadsheets store them made exact. */
#include "test_util.h"

#include "decimal.h"

static const char *number(const char *xml)
{
    static char out[400];
    assert_true(bx_decimal_from_number(xml, out, sizeof out));
    return out;
}

static void numbers_as_stored_become_plain_decimals(void **state)
{
    (void)state;
    assert_string_equal(number("1234.5"), "1234.5");
    assert_string_equal(number("649.4299999999999"), "649.43"); /* libxlsxwriter's %.16g */
    assert_string_equal(number("1234.5700000000002"), "1234.57");
    assert_string_equal(number("0.30000000000000004"), "0.3");
    assert_string_equal(number("1.2345E3"), "1234.5");
    assert_string_equal(number("1E-3"), "0.001");
    assert_string_equal(number("-2.5e2"), "-250");
    assert_string_equal(number("21866.99"), "21866.99");
    assert_string_equal(number("0"), "0");
    assert_string_equal(number("-0"), "0");
    assert_string_equal(number("9.9999999999999999E2"), "1000"); /* the carry */
    assert_string_equal(number("100"), "100");
    char out[8];
    assert_false(bx_decimal_from_number("1E400", out, sizeof out));
    assert_false(bx_decimal_from_number("12345678901", out, sizeof out)); /* does not fit */
    assert_false(bx_decimal_from_number("abc", out, sizeof out));
    assert_false(bx_decimal_from_number("", out, sizeof out));
    assert_false(bx_decimal_from_number("1.2.3", out, sizeof out));
}

static void figures_typed_as_text(void **state)
{
    (void)state;
    char out[64];
    assert_true(bx_decimal_from_text("1,234.50", out, sizeof out));
    assert_string_equal(out, "1234.50");
    assert_true(bx_decimal_from_text(" -3 ", out, sizeof out));
    assert_string_equal(out, "-3");
    assert_true(bx_decimal_from_text("0.1234567", out, sizeof out)); /* decimals judged later */
    assert_false(bx_decimal_from_text("12,34.5", out, sizeof out));
    assert_false(bx_decimal_from_text("三百", out, sizeof out));
    assert_false(bx_decimal_from_text("１２３", out, sizeof out));
}

static void scaling_is_exact_or_refused(void **state)
{
    (void)state;
    int64_t v = 0;
    assert_int_equal(bx_decimal_scale("12.5", 2, &v), BX_SCALED_OK);
    assert_int_equal(v, 1250);
    assert_int_equal(bx_decimal_scale("-0.01", 2, &v), BX_SCALED_OK);
    assert_int_equal(v, -1);
    assert_int_equal(bx_decimal_scale("310.5", 6, &v), BX_SCALED_OK); /* 万元 shown, 元 given */
    assert_int_equal(v, 310500000);
    assert_int_equal(bx_decimal_scale("1.230", 2, &v), BX_SCALED_OK); /* trailing zeros */
    assert_int_equal(v, 123);
    assert_int_equal(bx_decimal_scale("0.001", 2, &v), BX_SCALED_DECIMALS);
    assert_int_equal(bx_decimal_scale("1200", -2, &v), BX_SCALED_OK); /* whole hundreds */
    assert_int_equal(v, 12);
    assert_int_equal(bx_decimal_scale("1250", -2, &v), BX_SCALED_DECIMALS);
    assert_int_equal(bx_decimal_scale("99999999999999999999", 0, &v), BX_SCALED_OVERFLOW);
    assert_int_equal(bx_log10(10000), 4);
    assert_int_equal(bx_log10(1), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_as_stored_become_plain_decimals),
        cmocka_unit_test(figures_typed_as_text),
        cmocka_unit_test(scaling_is_exact_or_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
