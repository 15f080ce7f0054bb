/* Every library message budgetx can pass on is said in Chinese: each
 * errno, each libcsv, libzip, expat and libxlsxwriter code, each libyaml
 * problem and context. A text passes when it holds a Chinese character
 * and no English word beyond the names of formats (UTF-8, XML, URI …). */
#include "test_util.h"

#include "budgetx.h"
#include "lib_text.h"
#include "parse_text.h"
#include "syserr.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Names a Chinese text may keep as they are. */
static const char *const kept[] = {"UTF-8", "UTF-16", "Unicode", "URI", "XML",   "XLSX",
                                   "CDATA", "DTD",    "YAML",    "TAG", "xmlns", "xml"};

static bool chinese(const char *text)
{
    char s[512];
    snprintf(s, sizeof s, "%s", text);
    for (size_t k = 0; k < sizeof kept / sizeof kept[0]; k++)
        for (char *at; (at = strstr(s, kept[k]));)
            memset(at, ' ', strlen(kept[k]));
    bool cjk = false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
            return false;
        cjk |= *p == 0xE4 || *p == 0xE5 || *p == 0xE6 || *p == 0xE7 || *p == 0xE8 || *p == 0xE9;
    }
    return cjk;
}

static void check(const char *what, int code, const char *text)
{
    if (!text || !chinese(text)) {
        fprintf(stderr, "%s %d: “%s”\n", what, code, text ? text : "(NULL)");
        fail();
    }
}

static void every_errno(void **state)
{
    (void)state;
    for (int e = 0; e < 140; e++) {
        check("errno", e, bx_errno_text(e));
        check("errno (read)", e, bx_read_error_text(e));
    }
    assert_string_equal(bx_read_error_text(2), "文件不存在"); /* ENOENT */
}

static void every_library_code(void **state)
{
    (void)state;
    for (int c = 0; c <= 5; c++)
        check("libcsv", c, bx_csv_text(c));
    for (int c = 0; c <= BX_ZIP_LAST + 1; c++)
        check("libzip", c, bx_zip_text(c));
    for (int c = 0; c <= BX_XML_LAST + 1; c++)
        check("expat", c, bx_xml_text(c));
    for (int c = 0; c <= BX_LXW_LAST + 1; c++)
        check("libxlsxwriter", c, bx_lxw_text(c));
    for (int s = 0; s <= BX_ERR_NOMEM + 1; s++)
        check("bx_status", s, bx_strerror((bx_status)s));
}

static void every_yaml_problem(void **state)
{
    (void)state;
    size_t n = bx_yaml_texts_count();
    assert_true(n > 80);
    for (size_t i = 0; i < n; i++) {
        const char *english, *text;
        bx_yaml_texts_at(i, &english, &text);
        check(english, (int)i, text);
        assert_string_equal(bx_yaml_said(english), text);
    }
    assert_null(bx_yaml_said("a problem of a later libyaml"));
    assert_null(bx_yaml_said(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_errno),
        cmocka_unit_test(every_library_code),
        cmocka_unit_test(every_yaml_problem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
