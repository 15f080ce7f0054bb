/* The CFF reader (pdf_cff.h) on programs made by hand: the CID of every
 * glyph from a charset in each of its three formats, the ROS, glyph ids as
 * CIDs in a program that is not CID-keyed, and every truncation of a
 * program refused with a message, never read past its end. */
#include "test_util.h"

#include "cff_build.h"

#include "pdf_cff.h"

#include <stdlib.h>
#include <string.h>

/* An INDEX with one-byte offsets. */
static void index_of(buf *b, const char *const *items, int count)
{
    u16(b, (unsigned)count);
    if (count == 0)
        return;
    u8(b, 1);
    unsigned off = 1;
    u8(b, off);
    for (int i = 0; i < count; i++)
        u8(b, off += (unsigned)strlen(items[i]));
    for (int i = 0; i < count; i++)
        put(b, items[i], strlen(items[i]));
}

/* A program of nglyphs glyphs: CID-keyed (ROS Adobe-Identity-0) with the
 * given charset bytes, or not (charset NULL). */
static void make_cff(buf *out, unsigned nglyphs, const unsigned char *charset, size_t charset_len)
{
    static const char *const names[] = {"Test"};
    static const char *const strings[] = {"Adobe", "Identity"};
    long charset_at = 0, charstrings_at = 0;
    for (int pass = 0; pass < 2; pass++) { /* the second with the offsets */
        buf dict = {.n = 0};
        if (charset) {
            num(&dict, 391);
            num(&dict, 392);
            num(&dict, 0);
            u8(&dict, 12);
            u8(&dict, 30);
            num(&dict, charset_at);
            u8(&dict, 15);
        }
        num(&dict, charstrings_at);
        u8(&dict, 17);
        buf *b = out;
        b->n = 0;
        put(b, "\1\0\4\4", 4);
        index_of(b, names, 1);
        u16(b, 1); /* the Top DICT INDEX */
        u8(b, 1);
        u8(b, 1);
        u8(b, 1 + (unsigned)dict.n);
        put(b, dict.b, dict.n);
        index_of(b, strings, 2);
        u16(b, 0); /* no global subroutines */
        charstrings_at = (long)b->n;
        u16(b, nglyphs); /* each glyph an endchar; two-byte offsets */
        u8(b, 2);
        for (unsigned g = 0; g <= nglyphs; g++)
            u16(b, 1 + g);
        for (unsigned g = 0; g < nglyphs; g++)
            u8(b, 14);
        charset_at = (long)b->n;
        if (charset)
            put(b, charset, charset_len);
    }
}

static bx_cff read_ok(const buf *b)
{
    bx_cff cff;
    bx_error err;
    bx_error_clear(&err);
    if (!bx_cff_read(b->b, b->n, &cff, &err))
        fail_msg("%s", err.message);
    return cff;
}

static void assert_cids(const bx_cff *cff, const unsigned *want, unsigned n)
{
    assert_int_equal(cff->nglyphs, n);
    for (unsigned g = 0; g < n; g++)
        if (cff->cids[g] != want[g])
            fail_msg("glyph %u: CID %u, expected %u", g, cff->cids[g], want[g]);
}

static void charset_format_0_lists_every_cid(void **state)
{
    (void)state;
    static const unsigned char charset[] = {0, 0x00, 0x0D, 0x30, 0xD2, 0xFF, 0xFE};
    buf b;
    make_cff(&b, 4, charset, sizeof charset);
    bx_cff cff = read_ok(&b);
    assert_true(cff.cid_keyed);
    static const unsigned want[] = {0, 13, 12498, 65534};
    assert_cids(&cff, want, 4);
    bx_cff_free(&cff);
}

static void charset_format_1_has_ranges_of_up_to_256(void **state)
{
    (void)state;
    /* 13–15, then 300 … 300+255 (a range's count is one byte), then 9 */
    static const unsigned char charset[] = {1, 0x00, 0x0D, 2, 0x01, 0x2C, 255, 0x00, 0x09, 0};
    buf b;
    make_cff(&b, 1 + 3 + 256 + 1, charset, sizeof charset);
    bx_cff cff = read_ok(&b);
    unsigned want[261] = {0, 13, 14, 15};
    for (unsigned k = 0; k < 256; k++)
        want[4 + k] = 300 + k;
    want[260] = 9;
    assert_cids(&cff, want, 261);
    bx_cff_free(&cff);
}

static void charset_format_2_has_long_ranges(void **state)
{
    (void)state;
    static const unsigned char charset[] = {2, 0x10, 0x00, 0x01, 0x2B, 0x00, 0x07, 0x00, 0x00};
    buf b;
    make_cff(&b, 1 + 300 + 1, charset, sizeof charset);
    bx_cff cff = read_ok(&b);
    unsigned want[302] = {0};
    for (unsigned k = 0; k < 300; k++)
        want[1 + k] = 0x1000 + k;
    want[301] = 7;
    assert_cids(&cff, want, 302);
    bx_cff_free(&cff);
}

static void the_ros_is_read(void **state)
{
    (void)state;
    static const unsigned char charset[] = {0, 0x00, 0x01};
    buf b;
    make_cff(&b, 2, charset, sizeof charset);
    bx_cff cff = read_ok(&b);
    assert_string_equal(cff.registry, "Adobe");
    assert_string_equal(cff.ordering, "Identity");
    assert_int_equal(cff.supplement, 0);
    bx_cff_free(&cff);
}

static void without_ros_cids_are_glyph_ids(void **state)
{
    (void)state;
    buf b;
    make_cff(&b, 5, NULL, 0);
    bx_cff cff = read_ok(&b);
    assert_false(cff.cid_keyed);
    static const unsigned want[] = {0, 1, 2, 3, 4};
    assert_cids(&cff, want, 5);
    bx_cff_free(&cff);
}

static void every_truncation_is_refused(void **state)
{
    (void)state;
    static const unsigned char charset[] = {1, 0x00, 0x0D, 2, 0x01, 0x2C, 3};
    buf b;
    make_cff(&b, 8, charset, sizeof charset);
    for (size_t len = 0; len < b.n; len++) {
        unsigned char *copy = malloc(len ? len : 1); /* exactly len: ASan sees a read past it */
        assert_non_null(copy);
        memcpy(copy, b.b, len);
        bx_cff cff;
        bx_error err;
        bx_error_clear(&err);
        if (bx_cff_read(copy, len, &cff, &err))
            fail_msg("%zu of %zu bytes read as a program", len, b.n);
        assert_contains(err.message, "字体的 CFF 表无法解析：");
        assert_null(cff.cids);
        free(copy);
    }
}

static void an_unknown_charset_format_is_refused(void **state)
{
    (void)state;
    static const unsigned char charset[] = {0, 0x00, 0x01};
    buf b;
    make_cff(&b, 2, charset, sizeof charset);
    b.b[b.n - 3] = 3; /* no charset format 3 */
    bx_cff cff;
    bx_error err;
    bx_error_clear(&err);
    assert_false(bx_cff_read(b.b, b.n, &cff, &err));
    assert_text(err.message, "字体的 CFF 表无法解析：charset 的格式无效");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(charset_format_0_lists_every_cid),
        cmocka_unit_test(charset_format_1_has_ranges_of_up_to_256),
        cmocka_unit_test(charset_format_2_has_long_ranges),
        cmocka_unit_test(the_ros_is_read),
        cmocka_unit_test(without_ros_cids_are_glyph_ids),
        cmocka_unit_test(every_truncation_is_refused),
        cmocka_unit_test(an_unknown_charset_format_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
