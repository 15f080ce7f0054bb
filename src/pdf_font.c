#include "pdf_font.h"
#include "fonts.h"
#include "text.h"

#include <hb-subset.h>
#include <hb.h>
#include <stdlib.h>
#include <string.h>

/* A cmap format 4 subtable is at most 64 KiB; one segment with a glyph
 * array of n entries takes 32 + 2n bytes. */
enum { MAX_CHARS = 32000 };

struct bx_face {
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;
    char *path;
};

static bool has_table(hb_face_t *face, hb_tag_t tag)
{
    hb_blob_t *b = hb_face_reference_table(face, tag);
    bool ok = hb_blob_get_length(b) > 0;
    hb_blob_destroy(b);
    return ok;
}

bx_face *bx_face_open(const char *path, bx_error *err)
{
    if (!bx_font_check_file(path, NULL, err))
        return NULL;
    bx_face *f = bx_calloc(1, sizeof *f, err);
    if (!f)
        return NULL;
    bx_loc loc = {path, 0, 0};
    f->path = bx_strdup(path, err);
    f->blob = hb_blob_create_from_file_or_fail(path);
    if (!f->path || !f->blob) {
        if (!bx_failed(err))
            bx_fail(err, &loc, BX_ERR_IO, "无法读取字体文件");
        bx_face_free(f);
        return NULL;
    }
    f->face = hb_face_create(f->blob, 0);
    if (hb_face_get_glyph_count(f->face) == 0 || !has_table(f->face, HB_TAG('g', 'l', 'y', 'f')) ||
        !has_table(f->face, HB_TAG('c', 'm', 'a', 'p'))) {
        bx_fail(err, &loc, BX_ERR_USAGE,
                "字体文件无法解析（需要含 glyf 和 cmap 表的 TrueType 字体）");
        bx_face_free(f);
        return NULL;
    }
    hb_face_make_immutable(f->face); /* shared by documents on many threads */
    f->font = hb_font_create(f->face);
    hb_font_make_immutable(f->font);
    return f;
}

void bx_face_free(bx_face *f)
{
    if (!f)
        return;
    hb_font_destroy(f->font);
    hb_face_destroy(f->face);
    hb_blob_destroy(f->blob);
    free(f->path);
    free(f);
}

const char *bx_face_path(const bx_face *f)
{
    return f->path;
}

bool bx_face_has(const bx_face *f, uint32_t cp)
{
    hb_codepoint_t gid = 0;
    return hb_font_get_nominal_glyph(f->font, cp, &gid) && gid != 0;
}

/* ---- charsets ---------------------------------------------------------- */

bool bx_charset_init(bx_charset *cs, bx_error *err)
{
    memset(cs, 0, sizeof *cs);
    cs->bmp = bx_calloc(0x10000, sizeof *cs->bmp, err);
    return cs->bmp != NULL;
}

void bx_charset_free(bx_charset *cs)
{
    free(cs->cps);
    free(cs->bmp);
    free(cs->widths);
    memset(cs, 0, sizeof *cs);
}

bool bx_charset_contains(const bx_charset *cs, uint32_t cp)
{
    if (cp <= 0xFFFF)
        return cs->bmp[cp] != 0;
    for (size_t i = 0; i < cs->n; i++) /* rare: the supplementary planes */
        if (cs->cps[i] == cp)
            return true;
    return false;
}

bool bx_charset_add(bx_charset *cs, uint32_t cp, bx_error *err)
{
    if (cp < 0x20 || cs->sealed || bx_charset_contains(cs, cp))
        return true;
    if (cs->n == MAX_CHARS)
        return bx_fail(err, NULL, BX_ERR_LIMIT, "一份 PDF 最多使用 %d 个不同的字符", MAX_CHARS) ==
               BX_OK;
    if (cs->n == cs->cap) {
        size_t cap = cs->cap ? cs->cap * 2 : 512;
        uint32_t *p = realloc(cs->cps, cap * sizeof *p);
        if (!p)
            return bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
        cs->cps = p;
        cs->cap = cap;
    }
    cs->cps[cs->n++] = cp;
    if (cp <= 0xFFFF)
        cs->bmp[cp] = 1; /* present; numbered when sealed */
    return true;
}

static int by_code_point(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

void bx_charset_seal(bx_charset *cs)
{
    if (cs->n)
        qsort(cs->cps, cs->n, sizeof *cs->cps, by_code_point);
    for (size_t i = 0; i < cs->n; i++)
        if (cs->cps[i] <= 0xFFFF)
            cs->bmp[cs->cps[i]] = (uint16_t)(i + 1);
    cs->sealed = true;
}

/* index + 1 of a character, 0 if absent */
static size_t slot_of(const bx_charset *cs, uint32_t cp)
{
    if (cp <= 0xFFFF)
        return cs->bmp[cp];
    const uint32_t *hit = cs->n ? bsearch(&cp, cs->cps, cs->n, sizeof cp, by_code_point) : NULL;
    return hit ? (size_t)(hit - cs->cps) + 1 : 0;
}

uint32_t bx_charset_code(const bx_charset *cs, uint32_t cp)
{
    size_t slot = slot_of(cs, cp);
    return slot ? (uint32_t)(BX_FONT_FIRST_CODE + slot - 1) : 0;
}

long bx_charset_text_width(const bx_charset *cs, const char *s, size_t n)
{
    long w = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = bx_utf8_decode(s + i, n - i, &cp);
        if (k == 0) {
            i++;
            continue;
        }
        i += k;
        size_t slot = slot_of(cs, cp);
        if (slot && cs->widths)
            w += cs->widths[slot - 1];
    }
    return w;
}

void bx_charset_encode(const bx_charset *cs, const char *s, size_t n, bx_strbuf *out)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = bx_utf8_decode(s + i, n - i, &cp);
        if (k == 0) {
            i++;
            continue;
        }
        i += k;
        uint32_t code = bx_charset_code(cs, cp);
        if (code) {
            char buf[4];
            bx_strbuf_append(out, buf, bx_utf8_encode(code, buf));
        }
    }
}

/* ---- subsets ----------------------------------------------------------- */

/* The tables libharu embeds; everything else is dropped before subsetting
 * (less work for hb-subset, nothing unused in the PDF). */
static const hb_tag_t kept_tables[] = {
    HB_TAG('O', 'S', '/', '2'), HB_TAG('c', 'm', 'a', 'p'), HB_TAG('c', 'v', 't', ' '),
    HB_TAG('f', 'p', 'g', 'm'), HB_TAG('g', 'l', 'y', 'f'), HB_TAG('h', 'e', 'a', 'd'),
    HB_TAG('h', 'h', 'e', 'a'), HB_TAG('h', 'm', 't', 'x'), HB_TAG('l', 'o', 'c', 'a'),
    HB_TAG('m', 'a', 'x', 'p'), HB_TAG('n', 'a', 'm', 'e'), HB_TAG('p', 'o', 's', 't'),
    HB_TAG('p', 'r', 'e', 'p'),
};
enum { NKEPT = sizeof kept_tables / sizeof kept_tables[0] };

static bool is_kept(hb_tag_t tag)
{
    for (int i = 0; i < NKEPT; i++)
        if (kept_tables[i] == tag)
            return true;
    return false;
}

static void drop_unused_tables(hb_face_t *face, hb_subset_input_t *in)
{
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb_tag_t tags[32];
    unsigned start = 0, count;
    do {
        count = sizeof tags / sizeof tags[0];
        hb_face_get_table_tags(face, start, &count, tags);
        for (unsigned i = 0; i < count; i++)
            if (!is_kept(tags[i]))
                hb_set_add(drop, tags[i]);
        start += count;
    } while (count == sizeof tags / sizeof tags[0]);
}

static unsigned char *put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
    return p + 2;
}

/* A cmap with one format 4 subtable (Windows, Unicode BMP) mapping the
 * codes FIRST_CODE … FIRST_CODE + n − 1 to gids[0 … n − 1]: one segment
 * through the glyph array, and the final 0xFFFF segment. */
static hb_blob_t *dense_cmap(const uint16_t *gids, size_t n)
{
    size_t sub_len = 32 + 2 * n, len = 12 + sub_len;
    unsigned char *buf = malloc(len);
    if (!buf)
        return NULL;
    unsigned last = (unsigned)(BX_FONT_FIRST_CODE + (n ? n - 1 : 0));
    unsigned char *p = buf;
    p = put16(p, 0);  /* version */
    p = put16(p, 1);  /* one encoding record */
    p = put16(p, 3);  /* Windows */
    p = put16(p, 1);  /* Unicode BMP */
    p = put16(p, 0);  /* offset, high half */
    p = put16(p, 12); /* offset, low half */
    p = put16(p, 4);  /* format */
    p = put16(p, (unsigned)sub_len);
    p = put16(p, 0);    /* language */
    p = put16(p, 4);    /* segCountX2 */
    p = put16(p, 4);    /* searchRange */
    p = put16(p, 1);    /* entrySelector */
    p = put16(p, 0);    /* rangeShift */
    p = put16(p, last); /* endCode */
    p = put16(p, 0xFFFF);
    p = put16(p, 0);                  /* reservedPad */
    p = put16(p, BX_FONT_FIRST_CODE); /* startCode */
    p = put16(p, 0xFFFF);
    p = put16(p, 0); /* idDelta */
    p = put16(p, 1);
    p = put16(p, 4); /* idRangeOffset: the glyph array follows */
    p = put16(p, 0);
    for (size_t i = 0; i < n; i++)
        p = put16(p, gids[i]);
    return hb_blob_create((const char *)buf, (unsigned)len, HB_MEMORY_MODE_WRITABLE, buf, free);
}

/* The subset's glyph and width (1/1000 em, truncated as libharu does) of
 * every character, in code order. */
static bool map_glyphs(hb_face_t *sub, bx_charset *cs, uint16_t *gids, bx_error *err)
{
    hb_font_t *font = hb_font_create(sub);
    unsigned upem = hb_face_get_upem(sub);
    bool ok = true;
    for (size_t i = 0; i < cs->n && ok; i++) {
        hb_codepoint_t g = 0;
        ok = hb_font_get_nominal_glyph(font, cs->cps[i], &g) && g != 0 && g <= 0xFFFF;
        if (!ok) {
            bx_fail(err, NULL, BX_ERR_BACKEND, "字体子集中缺少字符 U+%04X", (unsigned)cs->cps[i]);
            break;
        }
        gids[i] = (uint16_t)g;
        unsigned adv = (unsigned)hb_font_get_glyph_h_advance(font, g);
        cs->widths[i] = (int16_t)(upem ? adv * 1000u / upem : 0);
    }
    hb_font_destroy(font);
    return ok;
}

/* The subset's tables with the dense cmap in place of its own. */
static hb_blob_t *assemble(hb_face_t *sub, hb_blob_t *cmap)
{
    hb_face_t *builder = hb_face_builder_create();
    for (int i = 0; i < NKEPT; i++) {
        hb_blob_t *t = kept_tables[i] == HB_TAG('c', 'm', 'a', 'p')
                           ? hb_blob_reference(cmap)
                           : hb_face_reference_table(sub, kept_tables[i]);
        if (hb_blob_get_length(t))
            hb_face_builder_add_table(builder, kept_tables[i], t);
        hb_blob_destroy(t);
    }
    hb_blob_t *out = hb_face_reference_blob(builder);
    hb_face_destroy(builder);
    return out;
}

bool bx_face_subset(const bx_face *face, bx_charset *cs, unsigned char **data, size_t *len,
                    bx_error *err)
{
    *data = NULL;
    *len = 0;
    bx_loc loc = {face->path, 0, 0};
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    free(cs->widths);
    cs->widths = bx_calloc(cs->n ? cs->n : 1, sizeof *cs->widths, err);
    uint16_t *gids = bx_calloc(cs->n ? cs->n : 1, sizeof *gids, err);
    if (!in || !cs->widths || !gids) {
        hb_subset_input_destroy(in);
        free(gids);
        return bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    }
    hb_set_t *unicodes = hb_subset_input_unicode_set(in);
    for (size_t i = 0; i < cs->n; i++)
        hb_set_add(unicodes, cs->cps[i]);
    drop_unused_tables(face->face, in);
    hb_face_t *sub = hb_subset_or_fail(face->face, in);
    hb_subset_input_destroy(in);
    if (!sub) {
        free(gids);
        return bx_fail(err, &loc, BX_ERR_BACKEND, "无法为 PDF 制作字体子集") == BX_OK;
    }
    bool ok = map_glyphs(sub, cs, gids, err);
    hb_blob_t *cmap = ok ? dense_cmap(gids, cs->n) : NULL;
    hb_blob_t *font = cmap ? assemble(sub, cmap) : NULL;
    unsigned n = font ? hb_blob_get_length(font) : 0;
    if (ok && n == 0)
        ok = bx_fail(err, &loc, BX_ERR_BACKEND, "无法为 PDF 制作字体子集") == BX_OK;
    if (ok && (*data = bx_malloc(n, err)) != NULL) {
        memcpy(*data, hb_blob_get_data(font, NULL), n);
        *len = n;
    }
    hb_blob_destroy(font);
    hb_blob_destroy(cmap);
    hb_face_destroy(sub);
    free(gids);
    return ok && *data;
}
