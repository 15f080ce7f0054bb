/* The CFF subsetter (bx_cff_subset) on programs made by hand: subroutines,
 * local and global, nested, written out into the glyphs byte for byte,
 * hint masks read with the stems of the glyph and of its subroutines;
 * glyphs renumbered with their CIDs and Font DICTs kept; no subroutine
 * left; and each program it does not take refused with the reason —
 * arithmetic, a call without a constant, nesting too deep, a number out
 * of range, no endchar, a program not CID-keyed, a glyph that grows too
 * big, every truncation — never read past its end. */
#include "test_util.h"

#include "cff_build.h"

#include "pdf_cff_subset.h"
#include "pdf_cff_read.h"

#include <hb-ot.h>
#include <hb.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bytes of a charstring. */
typedef struct bytes {
    const unsigned char *b;
    size_t n;
} bytes;
#define CS(...)                                                                                    \
    ((bytes){(const unsigned char[]){__VA_ARGS__}, sizeof((const unsigned char[]){__VA_ARGS__})})

/* An INDEX with two-byte offsets. */
static void index_of(buf *b, const bytes *items, unsigned count)
{
    u16(b, count);
    if (count == 0)
        return;
    u8(b, 2);
    unsigned off = 1;
    u16(b, off);
    for (unsigned i = 0; i < count; i++)
        u16(b, off += (unsigned)items[i].n);
    for (unsigned i = 0; i < count; i++)
        put(b, items[i].b, items[i].n);
}

/* A program: its glyphs (glyph 0 first), their CIDs and Font DICTs (two:
 * 0 with the local subroutines, 1 without), the global subroutines. */
typedef struct spec {
    bytes glyphs[8];
    unsigned nglyphs;
    unsigned cids[8];
    unsigned fds[8];
    bytes gsubrs[16], lsubrs[16];
    unsigned ngsubrs, nlsubrs;
    bool name_keyed; /* no ROS: not CID-keyed */
} spec;

static void make_program(buf *out, const spec *s)
{
    static const bytes names[] = {{(const unsigned char *)"Test", 4}};
    static const bytes strings[] = {{(const unsigned char *)"Adobe", 5},
                                    {(const unsigned char *)"Identity", 8}};
    long charset = 0, fdselect = 0, charstrings = 0, fdarray = 0, priv0 = 0, priv1 = 0;
    for (int pass = 0; pass < 2; pass++) { /* the second with the offsets */
        buf *top = calloc(1, sizeof *top);
        assert_non_null(top);
        if (!s->name_keyed) {
            num(top, 391);
            num(top, 392);
            num(top, 0);
            put(top, "\x0c\x1e", 2);
        }
        num(top, charset);
        u8(top, 15);
        num(top, fdselect);
        put(top, "\x0c\x25", 2);
        num(top, fdarray);
        put(top, "\x0c\x24", 2);
        num(top, charstrings);
        u8(top, 17);
        out->n = 0;
        put(out, "\1\0\4\4", 4);
        index_of(out, names, 1);
        bytes t = {top->b, top->n};
        index_of(out, &t, 1);
        free(top);
        index_of(out, strings, 2);
        index_of(out, s->gsubrs, s->ngsubrs);
        charset = (long)out->n;
        u8(out, 0);
        for (unsigned g = 1; g < s->nglyphs; g++)
            u16(out, s->cids[g]);
        fdselect = (long)out->n;
        u8(out, 0);
        for (unsigned g = 0; g < s->nglyphs; g++)
            u8(out, s->fds[g]);
        charstrings = (long)out->n;
        index_of(out, s->glyphs, s->nglyphs);
        /* two Font DICTs: Private size offset */
        unsigned char fd0[11], fd1[11];
        buf *d = calloc(1, sizeof *d);
        assert_non_null(d);
        num(d, 6);
        num(d, priv0);
        u8(d, 18);
        memcpy(fd0, d->b, 11);
        d->n = 0;
        num(d, 4);
        num(d, priv1);
        u8(d, 18);
        memcpy(fd1, d->b, 11);
        free(d);
        bytes fds[2] = {{fd0, 11}, {fd1, 11}};
        fdarray = (long)out->n;
        index_of(out, fds, 2);
        priv0 = (long)out->n; /* Subrs, just after this Private DICT of 6 bytes */
        num(out, 6);
        u8(out, 19);
        index_of(out, s->lsubrs, s->nlsubrs);
        priv1 = (long)out->n; /* defaultWidthX 500 */
        put(out, "\x1c\x01\xf4\x14", 4);
    }
}

/* The subset of gids[0 … n), or the error. */
static bool subset(const buf *b, const uint16_t *gids, size_t n, unsigned char **out, size_t *len,
                   bx_cff *cff, bx_error *err)
{
    bx_error_clear(err);
    return bx_cff_subset(b->b, b->n, gids, n, out, len, cff, err);
}

/* Glyph g's charstring in a program. */
static void assert_glyph(const unsigned char *p, size_t len, unsigned g, bytes want)
{
    bx_cff_reader r = {p, len, NULL};
    bx_cff_program pg;
    size_t start, end;
    if (!bx_cff_read_program(&r, &pg) || !bx_cff_index_item(&r, &pg.charstrings, g, &start, &end))
        fail_msg("the subset does not read back: %s", r.what);
    if (end - start != want.n || memcmp(p + start, want.b, want.n) != 0) {
        char got[512] = "";
        for (size_t i = start; i < end && i - start < 100; i++)
            snprintf(got + strlen(got), sizeof got - strlen(got), " %u", p[i]);
        fail_msg("glyph %u:%s", g, got);
    }
}

/* Subroutine numbers are biased by 107 (fewer than 1,240 of them): 32
 * (-107) calls the first, 33 the second. At file scope: a compound
 * literal in sample() would not outlive it. */
static const unsigned char endchar[] = {14};
/* hstemhm 10 20, hintmask with a vstem 30 40 (two stems: one byte), then
 * local subroutine 0, endchar */
static const unsigned char glyph1[] = {149, 159, 18, 169, 179, 19, 0xC0, 32, 10, 14};
/* rmoveto 0 0, global subroutine 0 ends the glyph */
static const unsigned char glyph2[] = {139, 139, 21, 32, 29};
/* a hintmask of the caller's two stems, hlineto 1 */
static const unsigned char gsubr1[] = {19, 0x80, 140, 6, 11};
/* rmoveto 4 4, global subroutine 1 */
static const unsigned char lsubr0[] = {143, 143, 21, 33, 29, 11};
#define BYTES(a) ((bytes){a, sizeof a})

static spec sample(void)
{
    spec s = {.nglyphs = 4, .cids = {0, 100, 7000, 65000}, .fds = {0, 0, 1, 0}};
    s.glyphs[0] = BYTES(endchar);
    s.glyphs[1] = BYTES(glyph1);
    s.glyphs[2] = BYTES(glyph2);
    s.glyphs[3] = BYTES(endchar);
    s.gsubrs[0] = BYTES(endchar);
    s.gsubrs[1] = BYTES(gsubr1);
    s.ngsubrs = 2;
    s.lsubrs[0] = BYTES(lsubr0);
    s.nlsubrs = 1;
    return s;
}

static void subroutines_are_written_out(void **state)
{
    (void)state;
    static buf b;
    spec s = sample();
    make_program(&b, &s);
    static const uint16_t gids[] = {0, 1, 2, 3};
    unsigned char *out;
    size_t len;
    bx_cff cff;
    bx_error err;
    if (!subset(&b, gids, 4, &out, &len, &cff, &err))
        fail_msg("%s", err.message);
    assert_glyph(out, len, 0, CS(14));
    assert_glyph(out, len, 1,
                 CS(149, 159, 18, 169, 179, 19, 0xC0, 143, 143, 21, 19, 0x80, 140, 6, 14));
    assert_glyph(out, len, 2, CS(139, 139, 21, 14));
    assert_glyph(out, len, 3, CS(14));
    assert_true(cff.cid_keyed);
    assert_string_equal(cff.registry, "Adobe");
    assert_string_equal(cff.ordering, "Identity");
    /* read back: the same CIDs, no subroutine left */
    bx_cff back;
    bx_error_clear(&err);
    if (!bx_cff_read(out, len, &back, &err))
        fail_msg("%s", err.message);
    assert_int_equal(back.nglyphs, 4);
    for (unsigned g = 0; g < 4; g++) {
        assert_int_equal(cff.cids[g], s.cids[g]);
        assert_int_equal(back.cids[g], s.cids[g]);
    }
    bx_cff_reader r = {out, len, NULL};
    bx_cff_program pg;
    bx_cff_font_dict fds[BX_CFF_MAX_FDS];
    unsigned nfds;
    assert_true(bx_cff_read_program(&r, &pg) && bx_cff_read_font_dicts(&r, &pg, fds, &nfds));
    assert_int_equal(pg.gsubrs.count, 0);
    assert_int_equal(nfds, 2);
    assert_int_equal(fds[0].subrs.count, 0);
    assert_int_equal(fds[1].priv_end - fds[1].priv, 4); /* defaultWidthX kept */
    bx_cff_free(&back);
    bx_cff_free(&cff);
    free(out);
}

static void glyphs_are_renumbered_with_their_cids_and_font_dicts(void **state)
{
    (void)state;
    static buf b;
    spec s = sample();
    make_program(&b, &s);
    static const uint16_t gids[] = {0, 2, 3};
    unsigned char *out;
    size_t len;
    bx_cff cff;
    bx_error err;
    if (!subset(&b, gids, 3, &out, &len, &cff, &err))
        fail_msg("%s", err.message);
    assert_int_equal(cff.nglyphs, 3);
    assert_int_equal(cff.cids[1], 7000);
    assert_int_equal(cff.cids[2], 65000);
    assert_glyph(out, len, 1, CS(139, 139, 21, 14));
    bx_cff_reader r = {out, len, NULL};
    bx_cff_program pg;
    uint8_t fd_of[3];
    assert_true(bx_cff_read_program(&r, &pg));
    assert_true(bx_cff_read_fdselect(&r, (size_t)pg.top.fdselect, 3, 2, NULL, 0, fd_of));
    assert_int_equal(fd_of[0], 0);
    assert_int_equal(fd_of[1], 1);
    assert_int_equal(fd_of[2], 0);
    bx_cff_free(&cff);
    free(out);
}

/* glyph 1 replaced by charstring; the subset of {0, 1} refused with why. */
static void assert_refused(spec s, bytes charstring, const char *why)
{
    static buf b;
    s.glyphs[1] = charstring;
    make_program(&b, &s);
    static const uint16_t gids[] = {0, 1};
    unsigned char *out = NULL;
    size_t len;
    bx_cff cff;
    bx_error err;
    if (subset(&b, gids, 2, &out, &len, &cff, &err))
        fail_msg("subset made; expected: %s", why);
    assert_null(out);
    assert_null(cff.cids);
    assert_int_equal(err.status, BX_ERR_BACKEND);
    char want[256];
    snprintf(want, sizeof want, "字体的 CFF 表无法取子集：%s", why);
    assert_text(err.message, want);
}

static void programs_it_does_not_take_are_refused_with_the_reason(void **state)
{
    (void)state;
    spec s = sample();
    assert_refused(s, CS(140, 140, 12, 10, 10, 14), "字形中有不支持的运算符"); /* add */
    assert_refused(s, CS(139, 139, 21, 10, 14), "子程序编号不是常数");
    assert_refused(s, CS(139, 29, 14), "子程序编号超出范围"); /* 0 + 107 */
    assert_refused(s, CS(139, 139, 21), "字形没有 endchar");
    assert_refused(s, CS(139, 11), "字形中有多余的 return");
    static const unsigned char itself[] = {32, 10, 11};
    s.lsubrs[0] = BYTES(itself);
    assert_refused(s, CS(32, 10, 14), "子程序嵌套过深");
    s = sample();
    s.name_keyed = true;
    assert_refused(s, CS(14), "不是 CID 字体");
}

static void a_glyph_that_grows_too_big_is_refused(void **state)
{
    (void)state;
    /* each subroutine calls the next twice; the last draws 198 bytes:
     * written out, 2^9 × 198 bytes, more than a glyph may have */
    spec s = sample();
    s.nlsubrs = 10;
    for (unsigned i = 0; i < 9; i++) {
        unsigned char *c = malloc(5);
        assert_non_null(c);
        unsigned char next = (unsigned char)(32 + i + 1);
        memcpy(c, (unsigned char[]){next, 10, next, 10, 11}, 5);
        s.lsubrs[i] = (bytes){c, 5};
    }
    static unsigned char last[199];
    for (unsigned i = 0; i < 66; i++)
        memcpy(last + 3 * i, (unsigned char[]){140, 140, 21}, 3);
    last[198] = 11;
    s.lsubrs[9] = (bytes){last, sizeof last};
    assert_refused(s, CS(32, 10, 14), "字形过于复杂");
    for (unsigned i = 0; i < 9; i++)
        free((void *)s.lsubrs[i].b);
}

static void every_truncation_is_refused(void **state)
{
    (void)state;
    static buf b;
    spec s = sample();
    make_program(&b, &s);
    static const uint16_t gids[] = {0, 1, 2, 3};
    for (size_t len = 0; len < b.n; len++) {
        unsigned char *copy = malloc(len ? len : 1); /* exactly len: ASan sees a read past it */
        assert_non_null(copy);
        memcpy(copy, b.b, len);
        unsigned char *out = NULL;
        size_t out_len;
        bx_cff cff;
        bx_error err;
        bx_error_clear(&err);
        if (bx_cff_subset(copy, len, gids, 4, &out, &out_len, &cff, &err))
            fail_msg("%zu of %zu bytes subset", len, b.n);
        assert_contains(err.message, "字体的 CFF 表无法取子集：");
        assert_null(out);
        free(copy);
    }
}

/* The CFF table of the face named ps in a font file (a blob: caller
 * destroys it). */
static hb_blob_t *cff_table(const char *path, const char *ps)
{
    hb_blob_t *file = hb_blob_create_from_file_or_fail(path);
    if (!file)
        fail_msg("%s: cannot be read (package fonts-noto-cjk)", path);
    for (unsigned i = 0; i < hb_face_count(file); i++) {
        hb_face_t *face = hb_face_create(file, i);
        char name[64];
        unsigned size = sizeof name;
        if (hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size,
                                name) &&
            strcmp(name, ps) == 0) {
            hb_blob_t *cff = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
            hb_face_destroy(face);
            hb_blob_destroy(file);
            return cff;
        }
        hb_face_destroy(face);
    }
    fail_msg("%s: no face %s", path, ps);
    return NULL;
}

/* The default fonts are taken whole: every glyph of both faces written
 * out (if one were not, the PDF would fall back to hb-subset, slower, and
 * nothing else would say so). */
static void every_glyph_of_the_default_fonts_is_taken(void **state)
{
    (void)state;
    static const char *const faces[][2] = {
        {"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular"},
        {"/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", "NotoSerifCJKsc-Bold"},
    };
    for (size_t f = 0; f < 2; f++) {
        hb_blob_t *cff = cff_table(faces[f][0], faces[f][1]);
        unsigned len = 0;
        const unsigned char *data = (const unsigned char *)hb_blob_get_data(cff, &len);
        bx_cff all;
        bx_error err;
        bx_error_clear(&err);
        if (!bx_cff_read(data, len, &all, &err))
            fail_msg("%s", err.message);
        uint16_t *gids = malloc(all.nglyphs * sizeof *gids);
        assert_non_null(gids);
        for (unsigned g = 0; g < all.nglyphs; g++)
            gids[g] = (uint16_t)g;
        unsigned char *out;
        size_t out_len;
        bx_cff cff_out;
        bx_error_clear(&err);
        if (!bx_cff_subset(data, len, gids, all.nglyphs, &out, &out_len, &cff_out, &err))
            fail_msg("%s: %s", faces[f][1], err.message);
        for (unsigned g = 0; g < all.nglyphs; g++)
            assert_int_equal(cff_out.cids[g], all.cids[g]);
        free(out);
        free(gids);
        bx_cff_free(&cff_out);
        bx_cff_free(&all);
        hb_blob_destroy(cff);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(subroutines_are_written_out),
        cmocka_unit_test(glyphs_are_renumbered_with_their_cids_and_font_dicts),
        cmocka_unit_test(programs_it_does_not_take_are_refused_with_the_reason),
        cmocka_unit_test(a_glyph_that_grows_too_big_is_refused),
        cmocka_unit_test(every_truncation_is_refused),
        cmocka_unit_test(every_glyph_of_the_default_fonts_is_taken),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
