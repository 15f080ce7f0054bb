#include "pdf_font.h"
#include "fonts.h"
#include "pdf_cff_subset.h"
#include "text.h"

#include <hb-subset.h>
#include <hb-ot.h>
#include <hb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Glyph ids are 16 bits; a font holds at most 65,535 glyphs. */
enum { MAX_CHARS = 65000 };

struct bx_face {
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;
    char *path;
    bool cff; /* CFF outlines (else glyf) */
};

static bool has_table(hb_face_t *face, hb_tag_t tag)
{
    hb_blob_t *b = hb_face_reference_table(face, tag);
    bool ok = hb_blob_get_length(b) > 0;
    hb_blob_destroy(b);
    return ok;
}

static void name_of(hb_face_t *face, hb_ot_name_id_t id, char *out, unsigned size)
{
    if (!hb_ot_name_get_utf8(face, id, HB_LANGUAGE_INVALID, &size, out))
        out[0] = '\0';
}

/* Whether a family name has the word "SC". */
static bool simplified_chinese(const char *family)
{
    for (const char *p = strstr(family, "SC"); p; p = strstr(p + 1, "SC"))
        if ((p == family || p[-1] == ' ') && (p[2] == '\0' || p[2] == ' '))
            return true;
    return false;
}

/* The index of the face to use (bx_face_open), or -1 with the faces'
 * names listed in `names`. */
static int choose_face(hb_blob_t *blob, const char *want, char *names, size_t size)
{
    unsigned n = hb_face_count(blob);
    int sc = -1;
    size_t used = 0;
    names[0] = '\0';
    for (unsigned i = 0; i < n; i++) {
        hb_face_t *face = hb_face_create(blob, i);
        char ps[64], family[128];
        name_of(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, ps, sizeof ps);
        name_of(face, HB_OT_NAME_ID_FONT_FAMILY, family, sizeof family);
        hb_face_destroy(face);
        if (want && *want && strcmp(ps, want) == 0)
            return (int)i;
        if (sc < 0 && simplified_chinese(family))
            sc = (int)i;
        int k = snprintf(names + used, size - used, "%s%s", i ? "、" : "", ps);
        if (k > 0 && (size_t)k < size - used)
            used += (size_t)k;
    }
    if (want && *want)
        return -1;
    return sc >= 0 ? sc : 0;
}

bx_face *bx_face_open(const char *path, const char *face, bx_error *err)
{
    if (!bx_font_check_file(path, err))
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
    char names[1024];
    int index = choose_face(f->blob, face, names, sizeof names);
    if (index < 0) {
        bx_fail(err, &loc, BX_ERR_USAGE, "字体文件中没有字体 %s（其中有：%s）", face,
                names[0] ? names : "无");
        bx_face_free(f);
        return NULL;
    }
    f->face = hb_face_create(f->blob, (unsigned)index);
    f->cff = !has_table(f->face, HB_TAG('g', 'l', 'y', 'f')) &&
             has_table(f->face, HB_TAG('C', 'F', 'F', ' '));
    if (hb_face_get_glyph_count(f->face) == 0 || !has_table(f->face, HB_TAG('c', 'm', 'a', 'p')) ||
        (!f->cff && !has_table(f->face, HB_TAG('g', 'l', 'y', 'f')))) {
        bx_fail(err, &loc, BX_ERR_USAGE, "%s",
                has_table(f->face, HB_TAG('C', 'F', 'F', '2'))
                    ? "这是 CFF2 轮廓（可变）的 OpenType 字体，无法嵌入：请用静态字体"
                    : "字体文件无法解析（需要含 cmap 表和 glyf 或 CFF 轮廓的字体）");
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

/* ---- the faces of a renderer ------------------------------------------ */

/* Two faces opened together on first use, or why they could not be. */
typedef struct face_pair {
    bool tried;
    bx_error failure;
    bx_face *first, *second;
} face_pair;

struct bx_font_set {
    const char *font, *bold_font;
    const char *const *font_dirs;
    pthread_mutex_t lock;
    face_pair body;     /* regular, bold */
    face_pair headings; /* 黑体, 楷体 */
};

bx_font_set *bx_font_set_new(const bx_render_options *opts, bx_error *err)
{
    bx_font_set *fs = bx_calloc(1, sizeof *fs, err);
    if (!fs)
        return NULL;
    if (opts) {
        fs->font = opts->font;
        fs->bold_font = opts->bold_font;
        fs->font_dirs = opts->font_dirs;
    }
    pthread_mutex_init(&fs->lock, NULL);
    bx_error_clear(&fs->body.failure);
    bx_error_clear(&fs->headings.failure);
    return fs;
}

void bx_font_set_free(bx_font_set *fs)
{
    if (!fs)
        return;
    bx_face_free(fs->body.first);
    bx_face_free(fs->body.second);
    bx_face_free(fs->headings.first);
    bx_face_free(fs->headings.second);
    pthread_mutex_destroy(&fs->lock);
    free(fs);
}

static void open_faces(bx_font_set *fs, face_pair *p)
{
    bx_font_choice choice;
    if (!bx_fonts_choose(fs->font, fs->bold_font, fs->font_dirs, &choice, &p->failure))
        return;
    p->first = bx_face_open(choice.path, choice.face, &p->failure);
    if (p->first && choice.bold_path[0])
        p->second = bx_face_open(choice.bold_path, choice.bold_face, &p->failure);
}

static void open_heading_faces(bx_font_set *fs, face_pair *p)
{
    bx_heading_fonts choice;
    if (fs->font || !bx_fonts_choose_headings(fs->font_dirs, &choice, &p->failure))
        return;
    p->first = bx_face_open(choice.hei_path, choice.hei_face, &p->failure);
    if (p->first)
        p->second = bx_face_open(choice.kai_path, choice.kai_face, &p->failure);
}

/* p's faces, opened by `open` on the first call (under the lock); its
 * failure, kept, returned to every caller. */
static bool faces_once(bx_font_set *fs, face_pair *p, void (*open)(bx_font_set *, face_pair *),
                       const bx_face **first, const bx_face **second, bx_error *err)
{
    pthread_mutex_lock(&fs->lock);
    if (!p->tried) {
        open(fs, p);
        p->tried = true;
    }
    bool ok = !bx_failed(&p->failure);
    if (ok) {
        *first = p->first;
        *second = p->second;
    } else if (err && !bx_failed(err)) {
        *err = p->failure;
    }
    pthread_mutex_unlock(&fs->lock);
    return ok;
}

bool bx_font_set_faces(bx_font_set *fs, const bx_face **regular, const bx_face **bold,
                       bx_error *err)
{
    return faces_once(fs, &fs->body, open_faces, regular, bold, err);
}

bool bx_font_set_heading_faces(bx_font_set *fs, const bx_face **hei, const bx_face **kai,
                               bx_error *err)
{
    return faces_once(fs, &fs->headings, open_heading_faces, hei, kai, err);
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
    free(cs->codes);
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

unsigned bx_charset_code(const bx_charset *cs, uint32_t cp)
{
    size_t slot = slot_of(cs, cp);
    return slot && cs->codes ? cs->codes[slot - 1] : 0;
}

long bx_charset_text_width(const bx_charset *cs, const char *s, size_t n)
{
    long w = 0;
    uint32_t cp;
    for (size_t i = 0; bx_utf8_next(s, n, &i, &cp);) {
        size_t slot = slot_of(cs, cp);
        if (slot && cs->widths)
            w += cs->widths[slot - 1];
    }
    return w;
}

/* ---- subsets ----------------------------------------------------------- */

/* The tables a PDF's font program uses (and the few small ones strict
 * readers look for); everything else is dropped before subsetting: less
 * work for hb-subset (no closure over GSUB: only the glyphs of the
 * characters), nothing unused in the PDF. A CFF subset is embedded as its
 * CFF table alone, and nothing else of it is read: glyphs, widths and
 * metrics come from the face, the new glyph ids from the subset plan (for
 * Noto CJK, subsetting its cmap and metrics tables too would cost a fifth
 * more). */
static const hb_tag_t kept_truetype[] = {
    HB_TAG('O', 'S', '/', '2'), HB_TAG('c', 'm', 'a', 'p'), HB_TAG('c', 'v', 't', ' '),
    HB_TAG('f', 'p', 'g', 'm'), HB_TAG('g', 'l', 'y', 'f'), HB_TAG('h', 'e', 'a', 'd'),
    HB_TAG('h', 'h', 'e', 'a'), HB_TAG('h', 'm', 't', 'x'), HB_TAG('l', 'o', 'c', 'a'),
    HB_TAG('m', 'a', 'x', 'p'), HB_TAG('n', 'a', 'm', 'e'), HB_TAG('p', 'o', 's', 't'),
    HB_TAG('p', 'r', 'e', 'p'),
};
static const hb_tag_t kept_cff[] = {HB_TAG('C', 'F', 'F', ' ')};

static bool is_kept(hb_tag_t tag, bool cff)
{
    const hb_tag_t *kept = cff ? kept_cff : kept_truetype;
    size_t n =
        cff ? sizeof kept_cff / sizeof *kept_cff : sizeof kept_truetype / sizeof *kept_truetype;
    for (size_t i = 0; i < n; i++)
        if (kept[i] == tag)
            return true;
    return false;
}

static void drop_unused_tables(const bx_face *f, hb_subset_input_t *in)
{
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb_tag_t tags[32];
    unsigned start = 0, count;
    do {
        count = sizeof tags / sizeof tags[0];
        hb_face_get_table_tags(f->face, start, &count, tags);
        for (unsigned i = 0; i < count; i++)
            if (!is_kept(tags[i], f->cff))
                hb_set_add(drop, tags[i]);
        start += count;
    } while (count == sizeof tags / sizeof tags[0]);
}

/* The code of every character — its glyph's id in the subset, or for CFF
 * that glyph's CID — and its width (1/1000 em, truncated, as fonts'
 * widths are usually given). */
static bool map_glyphs(const bx_face *f, const hb_map_t *new_gid, const bx_cff *cff, bx_charset *cs,
                       bx_error *err)
{
    unsigned upem = hb_face_get_upem(f->face);
    for (size_t i = 0; i < cs->n; i++) {
        hb_codepoint_t old = 0, g = HB_MAP_VALUE_INVALID;
        if (hb_font_get_nominal_glyph(f->font, cs->cps[i], &old))
            g = hb_map_get(new_gid, old);
        if (old == 0 || g == 0 || g > 0xFFFF || (cff && g >= cff->nglyphs))
            return bx_fail(err, NULL, BX_ERR_BACKEND, "字体子集中缺少字符 U+%04X",
                           (unsigned)cs->cps[i]) == BX_OK;
        cs->codes[i] = cff ? cff->cids[g] : (uint16_t)g;
        unsigned adv = (unsigned)hb_font_get_glyph_h_advance(f->font, old);
        cs->widths[i] = (int16_t)(upem ? adv * 1000u / upem : 0);
    }
    return true;
}

static int per_mille(hb_position_t v, unsigned upem)
{
    return upem ? (int)((v * 1000L + (v < 0 ? -(long)upem : (long)upem) / 2) / (long)upem) : 0;
}

static int int16_at(const char *p)
{
    return (int16_t)(((unsigned char)p[0] << 8) | (unsigned char)p[1]);
}

/* Ascent, descent, cap height, bounding box, weight and name. */
static void read_metrics(hb_face_t *face, hb_font_t *font, bx_subset_info *m)
{
    unsigned upem = hb_face_get_upem(face);
    hb_position_t v = 0;
    if (hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v))
        m->ascent = per_mille(v, upem);
    if (hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v))
        m->descent = per_mille(v, upem);
    m->cap_height = hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_CAP_HEIGHT, &v) && v > 0
                        ? per_mille(v, upem)
                        : m->ascent;
    hb_blob_t *head = hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
    unsigned len = 0;
    const char *h = hb_blob_get_data(head, &len);
    if (len >= 46) {
        for (int i = 0; i < 4; i++)
            m->bbox[i] = per_mille(int16_at(h + 36 + 2 * i), upem);
        m->bold = (h[45] & 1) != 0; /* macStyle */
    }
    hb_blob_destroy(head);
    char name[64];
    name_of(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, name, sizeof name);
    /* a PDF name: printable ASCII without delimiters */
    size_t k = 0;
    for (const char *p = name; *p && k + 1 < sizeof m->name; p++)
        if (*p > ' ' && *p < 127 && !strchr("()<>[]{}/%#", *p))
            m->name[k++] = *p;
    if (k == 0)
        k = (size_t)snprintf(m->name, sizeof m->name, "Font");
    m->name[k] = '\0';
}

/* src into dst[size], cut if need be. */
static void copy_text(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src);
    if (n >= size)
        n = size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* The character collection: a CID-keyed program's own, else Identity
 * (the codes are then glyph ids). */
static void read_collection(const bx_cff *cff, bx_subset_info *m)
{
    bool own = cff && cff->cid_keyed && cff->registry[0] && cff->ordering[0];
    copy_text(m->registry, sizeof m->registry, own ? cff->registry : "Adobe");
    copy_text(m->ordering, sizeof m->ordering, own ? cff->ordering : "Identity");
    m->supplement = own ? cff->supplement : 0;
}

/* The subset's program: the whole file, or its CFF table. */
static hb_blob_t *program_of(const bx_face *f, hb_face_t *sub)
{
    return f->cff ? hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' '))
                  : hb_face_reference_blob(sub);
}

static int by_id(const void *a, const void *b)
{
    return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

/* A CID-keyed CFF face's subset by bx_cff_subset; new_gid gets each kept
 * glyph's new id. A face it does not take: false, with err saying why. */
static bool subset_cff(const bx_face *f, const bx_charset *cs, hb_map_t *new_gid,
                       unsigned char **data, size_t *len, bx_cff *cff, bx_error *err)
{
    uint16_t *gids = bx_calloc(cs->n + 1, sizeof *gids, err);
    if (!gids)
        return false;
    size_t n = 1; /* gids[0] = 0, .notdef */
    for (size_t i = 0; i < cs->n; i++) {
        hb_codepoint_t g = 0;
        if (hb_font_get_nominal_glyph(f->font, cs->cps[i], &g) && g > 0 && g <= 0xFFFF)
            gids[n++] = (uint16_t)g; /* a character without a glyph: map_glyphs says so */
    }
    qsort(gids + 1, n - 1, sizeof *gids, by_id);
    size_t kept = 1;
    for (size_t i = 1; i < n; i++)
        if (gids[i] != gids[kept - 1])
            gids[kept++] = gids[i];
    for (size_t i = 0; i < kept; i++)
        hb_map_set(new_gid, gids[i], (hb_codepoint_t)i);
    hb_blob_t *table = hb_face_reference_table(f->face, HB_TAG('C', 'F', 'F', ' '));
    unsigned size = 0;
    const unsigned char *bytes = (const unsigned char *)hb_blob_get_data(table, &size);
    bool ok = bx_cff_subset(bytes, size, gids, kept, data, len, cff, err);
    hb_blob_destroy(table);
    free(gids);
    return ok;
}

/* The subset by hb-subset (TrueType faces, and CFF faces bx_cff_subset
 * does not take); new_gid gets the characters' glyphs' new ids. */
static bool subset_harfbuzz(const bx_face *face, const bx_charset *cs, hb_map_t *new_gid,
                            unsigned char **data, size_t *len, bx_cff *cff, bx_error *err)
{
    bx_loc loc = {face->path, 0, 0};
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    hb_set_t *unicodes = hb_subset_input_unicode_set(in);
    for (size_t i = 0; i < cs->n; i++)
        hb_set_add(unicodes, cs->cps[i]);
    drop_unused_tables(face, in);
    /* CFF glyphs without subroutines: Noto CJK's subroutines serve all its
     * 65,535 glyphs; a document's few hundred glyphs written out in full
     * deflate smaller (96 KB against 110 KB for a sample) and subset in
     * half the time. Hints are kept. */
    if (face->cff)
        hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_DESUBROUTINIZE);
    hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(face->face, in);
    hb_subset_input_destroy(in);
    hb_face_t *sub = plan ? hb_subset_plan_execute_or_fail(plan) : NULL;
    if (!sub) {
        hb_subset_plan_destroy(plan);
        return bx_fail(err, &loc, BX_ERR_BACKEND, "无法为 PDF 制作字体子集") == BX_OK;
    }
    const hb_map_t *plan_gids = hb_subset_plan_old_to_new_glyph_mapping(plan);
    for (size_t i = 0; i < cs->n; i++) {
        hb_codepoint_t old = 0;
        if (hb_font_get_nominal_glyph(face->font, cs->cps[i], &old) && hb_map_has(plan_gids, old))
            hb_map_set(new_gid, old, hb_map_get(plan_gids, old));
    }
    hb_blob_t *blob = program_of(face, sub);
    unsigned n = hb_blob_get_length(blob);
    const unsigned char *bytes = n ? (const unsigned char *)hb_blob_get_data(blob, NULL) : NULL;
    bool ok = n > 0 || bx_fail(err, &loc, BX_ERR_BACKEND, "无法为 PDF 制作字体子集") == BX_OK;
    bx_error cff_err;
    bx_error_clear(&cff_err);
    if (ok && face->cff && !bx_cff_read(bytes, n, cff, &cff_err))
        ok = bx_fail(err, &loc, cff_err.status, "%s", cff_err.message) == BX_OK;
    if (ok && (*data = bx_malloc(n, err)) != NULL) {
        memcpy(*data, bytes, n);
        *len = n;
    }
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    hb_subset_plan_destroy(plan);
    return ok && *data;
}

bool bx_face_subset(const bx_face *face, bx_charset *cs, unsigned char **data, size_t *len,
                    bx_subset_info *info, bx_error *err)
{
    *data = NULL;
    *len = 0;
    memset(info, 0, sizeof *info);
    free(cs->widths);
    free(cs->codes);
    cs->widths = bx_calloc(cs->n ? cs->n : 1, sizeof *cs->widths, err);
    cs->codes = bx_calloc(cs->n ? cs->n : 1, sizeof *cs->codes, err);
    hb_map_t *new_gid = hb_map_create();
    if (!cs->widths || !cs->codes || !hb_map_allocation_successful(new_gid)) {
        hb_map_destroy(new_gid);
        if (!bx_failed(err))
            bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        return false;
    }
    bx_cff cff = {0};
    bx_error own;
    bx_error_clear(&own);
    bool ok = face->cff && subset_cff(face, cs, new_gid, data, len, &cff, &own);
    if (!ok && own.status == BX_ERR_NOMEM)
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
    else if (!ok) {
        hb_map_clear(new_gid);
        bx_cff_free(&cff);
        ok = subset_harfbuzz(face, cs, new_gid, data, len, &cff, err);
    }
    ok = ok && map_glyphs(face, new_gid, face->cff ? &cff : NULL, cs, err);
    if (ok) {
        info->cff = face->cff;
        read_metrics(face->face, face->font, info);
        read_collection(face->cff ? &cff : NULL, info);
    } else {
        free(*data);
        *data = NULL;
        *len = 0;
    }
    bx_cff_free(&cff);
    hb_map_destroy(new_gid);
    return ok;
}
