#include "pdf_objects.h"
#include "strbuf.h"

#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>

static bool hpdf_failed(HPDF_Doc pdf, const char *what, bx_error *err)
{
    bx_fail(err, NULL, BX_ERR_BACKEND, "写入 PDF 失败（%s）：libharu 错误 0x%04X", what,
            (unsigned)HPDF_GetError(pdf));
    return false;
}

/* libharu removes a stream's /Filter when it is told not to deflate the
 * data itself, so the key is written by this hook, at the end of the
 * dictionary. */
static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream out)
{
    (void)dict;
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

enum { DEFLATE_LEVEL = 6 };

bx_deflater *bx_deflater_new(bx_error *err)
{
    bx_deflater *d = libdeflate_alloc_compressor(DEFLATE_LEVEL);
    if (!d)
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
    return d;
}

void bx_deflater_free(bx_deflater *d)
{
    if (d)
        libdeflate_free_compressor(d);
}

bool bx_pdf_put_deflated(HPDF_Dict stream, const void *data, size_t len, bx_deflater *d,
                         bx_error *err)
{
    size_t cap = libdeflate_zlib_compress_bound(d, len);
    unsigned char *buf = len < UINT32_MAX ? bx_malloc(cap ? cap : 1, err) : NULL;
    size_t n = buf ? libdeflate_zlib_compress(d, data, len, buf, cap) : 0;
    bool ok = n > 0;
    if (ok && stream->stream->size == 0) {
        /* a stream of exactly this size: libharu's grow in 4 KiB blocks,
         * which a 10,000-page document would mostly leave empty */
        HPDF_Stream fitted = HPDF_MemStream_New(stream->mmgr, (HPDF_UINT)n);
        if (fitted) {
            HPDF_Stream_Free(stream->stream);
            stream->stream = fitted;
        }
    }
    if (ok) {
        stream->filter = HPDF_STREAM_FILTER_NONE; /* libharu must not deflate it again */
        stream->write_fn = write_flate_filter;
        ok = HPDF_Stream_Write(stream->stream, buf, (HPDF_UINT)n) == HPDF_OK;
    }
    free(buf);
    if (!ok && !bx_failed(err))
        bx_fail(err, NULL, BX_ERR_BACKEND, "写入 PDF 失败（压缩数据流）");
    return ok;
}

/* A glyph of the subset and the character it draws. */
typedef struct glyph {
    uint16_t gid;
    int16_t width;
    uint32_t cp;
} glyph;

static int by_gid(const void *a, const void *b)
{
    const glyph *x = a, *y = b;
    if (x->gid != y->gid)
        return x->gid < y->gid ? -1 : 1;
    return (x->cp > y->cp) - (x->cp < y->cp);
}

/* The charset's glyphs in glyph order, each once; *n set. */
static glyph *glyphs_of(const bx_charset *cs, size_t *n, bx_error *err)
{
    glyph *g = bx_calloc(cs->n ? cs->n : 1, sizeof *g, err);
    if (!g)
        return NULL;
    for (size_t i = 0; i < cs->n; i++)
        g[i] = (glyph){cs->gids[i], cs->widths[i], cs->cps[i]};
    qsort(g, cs->n, sizeof *g, by_gid);
    size_t k = 0;
    for (size_t i = 0; i < cs->n; i++)
        if (k == 0 || g[i].gid != g[k - 1].gid) /* two characters, one glyph */
            g[k++] = g[i];
    *n = k;
    return g;
}

/* Four hex digits of v into out. */
static void hex4(unsigned v, char *out)
{
    static const char digits[] = "0123456789ABCDEF";
    for (int i = 3; i >= 0; i--, v >>= 4)
        out[i] = digits[v & 15];
}

/* <XXXX> (without printf: a map has hundreds). */
static void put_hex4(bx_strbuf *b, unsigned v)
{
    char h[6] = {'<', 0, 0, 0, 0, '>'};
    hex4(v, h + 1);
    bx_strbuf_append(b, h, sizeof h);
}

/* A character in UTF-16: <XXXX>, or a surrogate pair <XXXXXXXX>. */
static void put_utf16(bx_strbuf *b, uint32_t cp)
{
    if (cp <= 0xFFFF) {
        put_hex4(b, cp);
        return;
    }
    uint32_t v = cp - 0x10000;
    char h[10] = {'<', 0, 0, 0, 0, 0, 0, 0, 0, '>'};
    hex4(0xD800 + (v >> 10), h + 1);
    hex4(0xDC00 + (v & 0x3FF), h + 5);
    bx_strbuf_append(b, h, sizeof h);
}

/* The ToUnicode CMap: glyph id → character, as bfranges where both run on
 * (inside one low byte of the code), at most 100 to a block. */
static void to_unicode_cmap(const glyph *g, size_t n, bx_strbuf *b)
{
    bx_strbuf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    for (size_t i = 0; i < n;) {
        size_t starts[100], ends[100];
        int nb = 0;
        while (i < n && nb < 100) {
            size_t j = i;
            while (j + 1 < n && g[j + 1].gid == g[j].gid + 1 && g[j + 1].cp == g[j].cp + 1 &&
                   g[j].cp < 0xFFFF && (g[j + 1].gid & 0xFF) != 0)
                j++;
            starts[nb] = i;
            ends[nb++] = j;
            i = j + 1;
        }
        bx_strbuf_printf(b, "%d beginbfrange\n", nb);
        for (int k = 0; k < nb; k++) {
            put_hex4(b, g[starts[k]].gid);
            bx_strbuf_putc(b, ' ');
            put_hex4(b, g[ends[k]].gid);
            bx_strbuf_putc(b, ' ');
            put_utf16(b, g[starts[k]].cp);
            bx_strbuf_putc(b, '\n');
        }
        bx_strbuf_puts(b, "endbfrange\n");
    }
    bx_strbuf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

/* W: [first [w w …] first [w …] …] over runs of consecutive glyph ids. */
static HPDF_Array widths_array(HPDF_MMgr mmgr, const glyph *g, size_t n)
{
    HPDF_Array w = HPDF_Array_New(mmgr);
    HPDF_Array run = NULL;
    HPDF_STATUS r = w ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    for (size_t i = 0; i < n && r == HPDF_OK; i++) {
        if (!run || g[i].gid != g[i - 1].gid + 1) {
            run = HPDF_Array_New(mmgr);
            r = run ? HPDF_Array_AddNumber(w, g[i].gid) : HPDF_FAILD_TO_ALLOC_MEM;
            if (r == HPDF_OK)
                r = HPDF_Array_Add(w, run);
        }
        if (r == HPDF_OK)
            r = HPDF_Array_AddNumber(run, g[i].width);
    }
    return r == HPDF_OK ? w : NULL;
}

/* A dictionary that is an object of its own (referenced, not copied). */
static HPDF_Dict indirect_dict(HPDF_Doc pdf)
{
    HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
    return d && HPDF_Xref_Add(pdf->xref, d) == HPDF_OK ? d : NULL; /* Xref_Add frees on failure */
}

static HPDF_Dict font_descriptor(HPDF_Doc pdf, bx_deflater *deflater, const bx_font_metrics *m,
                                 const char *name, const unsigned char *data, size_t len,
                                 bx_error *err)
{
    HPDF_Dict file = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    HPDF_Dict d = indirect_dict(pdf);
    if (!file || !d) {
        hpdf_failed(pdf, "字体", err);
        return NULL;
    }
    if (!bx_pdf_put_deflated(file, data, len, deflater, err))
        return NULL;
    HPDF_Box box = {(HPDF_REAL)m->bbox[0], (HPDF_REAL)m->bbox[1], (HPDF_REAL)m->bbox[2],
                    (HPDF_REAL)m->bbox[3]};
    HPDF_STATUS r = HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)len);
    r |= HPDF_Dict_AddName(d, "Type", "FontDescriptor");
    r |= HPDF_Dict_AddName(d, "FontName", name);
    r |= HPDF_Dict_AddNumber(d, "Flags", 4); /* symbolic: glyphs outside Latin */
    r |= HPDF_Dict_Add(d, "FontBBox", HPDF_Box_Array_New(pdf->mmgr, box));
    r |= HPDF_Dict_AddNumber(d, "ItalicAngle", 0);
    r |= HPDF_Dict_AddNumber(d, "Ascent", m->ascent);
    r |= HPDF_Dict_AddNumber(d, "Descent", m->descent);
    r |= HPDF_Dict_AddNumber(d, "CapHeight", m->cap_height);
    r |= HPDF_Dict_AddNumber(d, "StemV", m->bold ? 120 : 80);
    r |= HPDF_Dict_Add(d, "FontFile2", file);
    if (r != HPDF_OK) {
        hpdf_failed(pdf, "字体", err);
        return NULL;
    }
    return d;
}

/* The CIDFontType2 font: glyph ids are the CIDs. */
static HPDF_Dict cid_font(HPDF_Doc pdf, const char *name, HPDF_Dict descriptor, const glyph *g,
                          size_t n, bx_error *err)
{
    HPDF_Dict cid = indirect_dict(pdf);
    HPDF_Dict info = cid ? HPDF_Dict_New(pdf->mmgr) : NULL;
    if (!info || HPDF_Dict_Add(cid, "CIDSystemInfo", info) != HPDF_OK) {
        hpdf_failed(pdf, "字体", err);
        return NULL;
    }
    HPDF_STATUS r = HPDF_Dict_Add(info, "Registry", HPDF_String_New(pdf->mmgr, "Adobe", NULL));
    r |= HPDF_Dict_Add(info, "Ordering", HPDF_String_New(pdf->mmgr, "Identity", NULL));
    r |= HPDF_Dict_AddNumber(info, "Supplement", 0);
    r |= HPDF_Dict_AddName(cid, "Type", "Font");
    r |= HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
    r |= HPDF_Dict_AddName(cid, "BaseFont", name);
    r |= HPDF_Dict_Add(cid, "FontDescriptor", descriptor);
    r |= HPDF_Dict_AddNumber(cid, "DW", 1000);
    r |= HPDF_Dict_Add(cid, "W", widths_array(pdf->mmgr, g, n));
    r |= HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");
    if (r != HPDF_OK) {
        hpdf_failed(pdf, "字体", err);
        return NULL;
    }
    return cid;
}

static HPDF_Dict to_unicode(HPDF_Doc pdf, bx_deflater *d, const glyph *g, size_t n, bx_error *err)
{
    HPDF_Dict cmap = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!cmap) {
        hpdf_failed(pdf, "字体", err);
        return NULL;
    }
    bx_strbuf text;
    bx_strbuf_init(&text, 0);
    to_unicode_cmap(g, n, &text);
    bool ok = !text.failed;
    if (!ok)
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
    ok = ok && bx_pdf_put_deflated(cmap, text.data, text.len, d, err);
    bx_strbuf_free(&text);
    return ok ? cmap : NULL;
}

HPDF_Dict bx_pdf_embed_font(HPDF_Doc pdf, bx_deflater *d, const bx_charset *cs,
                            const bx_font_metrics *m, const unsigned char *data, size_t len,
                            const char *tag, bx_error *err)
{
    char name[96];
    snprintf(name, sizeof name, "%s+%s", tag, m->name);
    size_t n;
    glyph *g = glyphs_of(cs, &n, err);
    if (!g)
        return NULL;
    HPDF_Dict desc = font_descriptor(pdf, d, m, name, data, len, err);
    HPDF_Dict cid = desc ? cid_font(pdf, name, desc, g, n, err) : NULL;
    HPDF_Dict cmap = cid ? to_unicode(pdf, d, g, n, err) : NULL;
    free(g);
    HPDF_Dict type0 = cmap ? indirect_dict(pdf) : NULL;
    HPDF_Array descendants = type0 ? HPDF_Array_New(pdf->mmgr) : NULL;
    if (!descendants || HPDF_Dict_Add(type0, "DescendantFonts", descendants) != HPDF_OK) {
        if (!bx_failed(err))
            hpdf_failed(pdf, "字体", err);
        return NULL;
    }
    HPDF_STATUS r = HPDF_Array_Add(descendants, cid);
    r |= HPDF_Dict_AddName(type0, "Type", "Font");
    r |= HPDF_Dict_AddName(type0, "Subtype", "Type0");
    r |= HPDF_Dict_AddName(type0, "BaseFont", name);
    r |= HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
    r |= HPDF_Dict_Add(type0, "ToUnicode", cmap);
    if (r != HPDF_OK) {
        hpdf_failed(pdf, "字体", err);
        return NULL;
    }
    return type0;
}
