#include "pdf_objects.h"
#include "pdf_hpdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>

enum { DEFLATE_LEVEL = 6, BX_PDF_DEFAULT_WIDTH = 1000 };

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

unsigned char *bx_deflate(bx_deflater *d, const void *data, size_t len, size_t *out_len,
                          bx_error *err)
{
    size_t cap = libdeflate_zlib_compress_bound(d, len);
    unsigned char *buf = len < UINT32_MAX ? bx_malloc(cap ? cap : 1, err) : NULL;
    size_t n = buf ? libdeflate_zlib_compress(d, data, len, buf, cap) : 0;
    if (n == 0) {
        free(buf);
        if (!bx_failed(err))
            bx_fail(err, NULL, BX_ERR_BACKEND, "写入 PDF 失败（压缩数据流）");
        return NULL;
    }
    *out_len = n;
    return buf;
}

/* A glyph of the subset (its code, the CID) and the character it draws. */
typedef struct glyph {
    uint16_t code;
    int16_t width;
    uint32_t cp;
} glyph;

static int by_code(const void *a, const void *b)
{
    const glyph *x = a, *y = b;
    if (x->code != y->code)
        return x->code < y->code ? -1 : 1;
    return (x->cp > y->cp) - (x->cp < y->cp);
}

/* The charset's glyphs in code order, each once; *n set. */
static glyph *glyphs_of(const bx_charset *cs, size_t *n, bx_error *err)
{
    glyph *g = bx_calloc(cs->n ? cs->n : 1, sizeof *g, err);
    if (!g)
        return NULL;
    for (size_t i = 0; i < cs->n; i++)
        g[i] = (glyph){cs->codes[i], cs->widths[i], cs->cps[i]};
    qsort(g, cs->n, sizeof *g, by_code);
    size_t k = 0;
    for (size_t i = 0; i < cs->n; i++)
        if (k == 0 || g[i].code != g[k - 1].code) /* two characters, one glyph */
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

/* The ToUnicode CMap: code → character, one bfchar entry per code, at
 * most 100 to a block. (Ranges would be shorter, but Ghostscript 10.0
 * reads bfrange entries of these maps wrongly: its text extraction and
 * pdfwrite turn the text into mojibake. One entry per code is read
 * alike by every reader.) */
static void to_unicode_cmap(const glyph *g, size_t n, bx_strbuf *b)
{
    bx_strbuf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    for (size_t i = 0; i < n;) {
        size_t nb = n - i < 100 ? n - i : 100;
        bx_strbuf_printf(b, "%zu beginbfchar\n", nb);
        for (size_t end = i + nb; i < end; i++) {
            put_hex4(b, g[i].code);
            bx_strbuf_putc(b, ' ');
            put_utf16(b, g[i].cp);
            bx_strbuf_putc(b, '\n');
        }
        bx_strbuf_puts(b, "endbfchar\n");
    }
    bx_strbuf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

bool bx_pdf_tounicode(const bx_charset *cs, bx_strbuf *out, bx_error *err)
{
    size_t n;
    glyph *g = glyphs_of(cs, &n, err);
    if (!g)
        return false;
    bx_strbuf_reset(out);
    to_unicode_cmap(g, n, out);
    free(g);
    if (out->failed)
        return bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    return true;
}

/* The text of the ToUnicode map, deflated. */
static unsigned char *deflated_cmap(bx_deflater *d, const glyph *g, size_t n, size_t *len,
                                    bx_error *err)
{
    bx_strbuf text;
    bx_strbuf_init(&text, 0);
    to_unicode_cmap(g, n, &text);
    unsigned char *z = NULL;
    if (text.failed)
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
    else
        z = bx_deflate(d, text.data, text.len, len, err);
    bx_strbuf_free(&text);
    return z;
}

HPDF_Dict bx_pdf_embed_font(HPDF_Doc pdf, bx_deflater *d, const bx_charset *cs,
                            const bx_subset_info *m, const unsigned char *data, size_t len,
                            const char *tag, bx_error *err)
{
    char name[96];
    snprintf(name, sizeof name, "%s+%s", tag, m->name);
    size_t n = 0;
    glyph *g = glyphs_of(cs, &n, err);
    /* W lists only the glyphs narrower or wider than DW, one em: CJK
     * glyphs are an em wide, so a few dozen of hundreds */
    bx_hpdf_glyph *widths = g ? bx_calloc(n ? n : 1, sizeof *widths, err) : NULL;
    size_t nw = 0;
    for (size_t i = 0; widths && i < n; i++)
        if (g[i].width != BX_PDF_DEFAULT_WIDTH)
            widths[nw++] = (bx_hpdf_glyph){g[i].code, g[i].width};
    bx_hpdf_font f = {.name = name,
                      .info = m,
                      .program_size = len,
                      .default_width = BX_PDF_DEFAULT_WIDTH,
                      .glyphs = widths,
                      .nglyphs = nw};
    unsigned char *program = widths ? bx_deflate(d, data, len, &f.program_len, err) : NULL;
    unsigned char *cmap = program ? deflated_cmap(d, g, n, &f.to_unicode_len, err) : NULL;
    f.program = program;
    f.to_unicode = cmap;
    HPDF_Dict font = cmap ? bx_hpdf_add_font(pdf, &f, err) : NULL;
    free(program);
    free(cmap);
    free(widths);
    free(g);
    return font;
}
