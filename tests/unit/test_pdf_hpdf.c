/* Text strings without libharu's UTF-8 encoder (pdf_hpdf.h): the
 * document's information and outline titles as UTF-16BE after a byte
 * order mark, in hex — what the encoder wrote — with characters outside
 * the BMP as surrogate pairs and bytes that are not UTF-8 left out. The
 * document is saved uncompressed to memory and its bytes searched. */
#include "test_util.h"

#include "pdf_hpdf.h"

#include <stdlib.h>
#include <string.h>

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
    (void)error;
    (void)detail;
    (void)data;
}

/* The saved document, NUL-terminated. */
static char *saved(HPDF_Doc pdf)
{
    assert_int_equal(HPDF_SaveToStream(pdf), HPDF_OK);
    HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
    char *bytes = calloc(size + 1, 1);
    assert_non_null(bytes);
    HPDF_UINT32 got = size;
    HPDF_ReadFromStream(pdf, (HPDF_BYTE *)bytes, &got);
    assert_int_equal(got, size);
    for (HPDF_UINT32 i = 0; i < size; i++) /* binary bytes must not end the search */
        if (bytes[i] == '\0')
            bytes[i] = ' ';
    return bytes;
}

static void information_in_utf16(void **state)
{
    (void)state;
    HPDF_Doc pdf = HPDF_New(on_error, NULL);
    assert_non_null(pdf);
    bx_error err;
    bx_error_clear(&err);
    /* 表 U+8868, 𠀀 U+20000 (D840 DC00), a stray byte, A */
    assert_true(bx_hpdf_set_info(pdf, HPDF_INFO_TITLE,
                                 "表𠀀\xff"
                                 "A",
                                 &err));
    assert_true(bx_hpdf_set_info(pdf, HPDF_INFO_AUTHOR, "", &err));
    assert_true(bx_hpdf_set_info(pdf, HPDF_INFO_CREATOR, "budgetx", &err));
    HPDF_AddPage(pdf);
    char *bytes = saved(pdf);
    assert_non_null(strstr(bytes, "/Title <FEFF8868D840DC000041>"));
    assert_non_null(strstr(bytes, "/Author <FEFF>"));
    assert_non_null(strstr(bytes, "/Creator <FEFF0062007500640067006500740078>"));
    free(bytes);
    HPDF_Free(pdf);
}

static void outline_titles_in_utf16(void **state)
{
    (void)state;
    HPDF_Doc pdf = HPDF_New(on_error, NULL);
    assert_non_null(pdf);
    bx_error err;
    bx_error_clear(&err);
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Outline o = bx_hpdf_add_outline(pdf, NULL, "表1 收支总表", &err);
    assert_non_null(o);
    assert_int_equal(HPDF_Outline_SetDestination(o, HPDF_Page_CreateDestination(page)), HPDF_OK);
    char *bytes = saved(pdf);
    assert_non_null(strstr(bytes, "/Title <FEFF8868003100206536652F603B8868>"));
    free(bytes);
    HPDF_Free(pdf);
}

static void an_unknown_entry_is_refused(void **state)
{
    (void)state;
    HPDF_Doc pdf = HPDF_New(on_error, NULL);
    bx_error err;
    bx_error_clear(&err);
    assert_false(bx_hpdf_set_info(pdf, HPDF_INFO_CREATION_DATE, "x", &err));
    assert_true(bx_failed(&err));
    HPDF_Free(pdf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(information_in_utf16),
        cmocka_unit_test(outline_titles_in_utf16),
        cmocka_unit_test(an_unknown_entry_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
