/* Every use of libharu's internals, for the objects hpdf.h cannot make
 * (pdf_hpdf.h). What is used, and why hpdf.h does not do instead:
 *
 * - HPDF_Doc's mmgr and xref: every object is allocated from the
 *   document's memory manager and numbered in its cross-reference table;
 *   hpdf.h creates only the objects of its own features (pages, its own
 *   fonts, outlines, images).
 * - HPDF_Dict_New, HPDF_DictStream_New, HPDF_Xref_Add, HPDF_Dict_Add*,
 *   HPDF_Array_*, HPDF_String_New, HPDF_Box_Array_New (hpdf_objects.h):
 *   the font dictionaries. hpdf.h's TrueType fonts (HPDF_LoadTTFont*)
 *   write a malformed ToUnicode map and recompress the whole font
 *   (pdf_font.h); it has no CFF fonts at all.
 * - A stream dictionary's stream, filter and write_fn: its data is given
 *   deflated, in a memory stream of exactly its size; filter NONE keeps
 *   libharu from deflating it again, and since libharu then drops
 *   /Filter, write_fn writes it back at the end of the dictionary.
 * - HPDF_PageAttr's contents and stream (hpdf_pages.h): hpdf.h has no
 *   call that writes bytes into a page's content stream, only its page
 *   operators (slow: pdf_content.h) and HPDF_Page_New_Content_Stream,
 *   which turns /Contents into an array of streams.
 * - HPDF_Doc's info, and HPDF_Binary_New: text strings in UTF-16 without
 *   libharu's UTF-8 encoder (bx_hpdf_set_info); hpdf.h sets information
 *   and titles only through an encoder.
 * - HPDF_Page_GetLocalFontName (hpdf_pages.h): the name of a font in a
 *   page's resources. hpdf.h's HPDF_Page_SetFontAndSize does the same but
 *   takes only libharu's own fonts and writes "Tf" into the page.
 *
 * Checked field by field against libharu 2.3.0 (Debian 12), with outputs
 * compared byte for byte; the build stops on any other version. (2.4
 * adds a field to HPDF_PageAttr and writes PDF 1.3 by default: to be
 * checked, and its outputs compared, before it is let in.) */
#include "pdf_hpdf.h"
#include "text.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdlib.h>
#include <string.h>

/* The version the structs and behaviour above were checked against. A
 * _Static_assert, not #error: its message can name the version found. */
#define BX_HPDF_STR(x) #x
#define BX_HPDF_XSTR(x) BX_HPDF_STR(x)
#define BX_HPDF_FOUND                                                                              \
    BX_HPDF_XSTR(HPDF_MAJOR_VERSION)                                                               \
    "." BX_HPDF_XSTR(HPDF_MINOR_VERSION) "." BX_HPDF_XSTR(HPDF_BUGFIX_VERSION) HPDF_EXTRA_VERSION
#if HPDF_VERSION_ID != 20300
_Static_assert(0, "budgetx is written for libharu 2.3.0 (HPDF_VERSION_ID 20300), whose internal "
                  "structs src/render/pdf/pdf_hpdf.c uses; this is libharu " BX_HPDF_FOUND);
#endif

static bool hpdf_failed(HPDF_Doc pdf, const char *what, bx_error *err)
{
    bx_fail(err, NULL, BX_ERR_BACKEND, "写入 PDF 失败（%s）：libharu 错误 0x%04X", what,
            (unsigned)HPDF_GetError(pdf));
    return false;
}

static bool stream_failed(bx_error *err)
{
    if (!bx_failed(err))
        bx_fail(err, NULL, BX_ERR_BACKEND, "写入 PDF 失败（压缩数据流）");
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

/* Put deflated data in a stream dictionary, replacing what its stream
 * held, and make libharu write it as it is. */
static bool put_deflated(HPDF_Dict stream, const unsigned char *data, size_t len, bx_error *err)
{
    if (len >= UINT32_MAX)
        return stream_failed(err);
    /* a stream of exactly this size: libharu's grow in 4 KiB blocks,
     * which a 10,000-page document would mostly leave empty */
    HPDF_Stream fitted = HPDF_MemStream_New(stream->mmgr, len ? (HPDF_UINT)len : 1);
    if (!fitted)
        return stream_failed(err);
    HPDF_Stream_Free(stream->stream);
    stream->stream = fitted;
    stream->filter = HPDF_STREAM_FILTER_NONE; /* libharu must not deflate it again */
    stream->write_fn = write_flate_filter;
    if (HPDF_Stream_Write(fitted, data, (HPDF_UINT)len) != HPDF_OK)
        return stream_failed(err);
    return true;
}

/* A stream object holding deflated data. */
static HPDF_Dict deflated_stream(HPDF_Doc pdf, const unsigned char *data, size_t len, bx_error *err)
{
    HPDF_Dict s = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!s) {
        hpdf_failed(pdf, "字体", err);
        return NULL;
    }
    return put_deflated(s, data, len, err) ? s : NULL;
}

/* A dictionary that is an object of its own (referenced, not copied). */
static HPDF_Dict indirect_dict(HPDF_Doc pdf)
{
    HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
    return d && HPDF_Xref_Add(pdf->xref, d) == HPDF_OK ? d : NULL; /* Xref_Add frees on failure */
}

/* W: [first [w w …] first [w …] …] over runs of consecutive codes. */
static HPDF_Array widths_array(HPDF_MMgr mmgr, const bx_hpdf_glyph *g, size_t n)
{
    HPDF_Array w = HPDF_Array_New(mmgr);
    HPDF_Array run = NULL;
    HPDF_STATUS r = w ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    for (size_t i = 0; i < n && r == HPDF_OK; i++) {
        if (!run || g[i].code != g[i - 1].code + 1) {
            run = HPDF_Array_New(mmgr);
            r = run ? HPDF_Array_AddNumber(w, g[i].code) : HPDF_FAILD_TO_ALLOC_MEM;
            if (r == HPDF_OK)
                r = HPDF_Array_Add(w, run);
        }
        if (r == HPDF_OK)
            r = HPDF_Array_AddNumber(run, g[i].width);
    }
    return r == HPDF_OK ? w : NULL;
}

static HPDF_Dict font_descriptor(HPDF_Doc pdf, const bx_hpdf_font *f, bx_error *err)
{
    HPDF_Dict file = deflated_stream(pdf, f->program, f->program_len, err);
    HPDF_Dict d = file ? indirect_dict(pdf) : NULL;
    if (!d) {
        if (!bx_failed(err))
            hpdf_failed(pdf, "字体", err);
        return NULL;
    }
    const bx_subset_info *m = f->info;
    HPDF_Box box = {(HPDF_REAL)m->bbox[0], (HPDF_REAL)m->bbox[1], (HPDF_REAL)m->bbox[2],
                    (HPDF_REAL)m->bbox[3]};
    /* a bare CFF program (PDF 1.3), not the OpenType file around it (1.6):
     * libharu writes a PDF 1.3 header */
    HPDF_STATUS r = m->cff ? HPDF_Dict_AddName(file, "Subtype", "CIDFontType0C")
                           : HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)f->program_size);
    r |= HPDF_Dict_AddName(d, "Type", "FontDescriptor");
    r |= HPDF_Dict_AddName(d, "FontName", f->name);
    r |= HPDF_Dict_AddNumber(d, "Flags", 4); /* symbolic: glyphs outside Latin */
    r |= HPDF_Dict_Add(d, "FontBBox", HPDF_Box_Array_New(pdf->mmgr, box));
    r |= HPDF_Dict_AddNumber(d, "ItalicAngle", 0);
    r |= HPDF_Dict_AddNumber(d, "Ascent", m->ascent);
    r |= HPDF_Dict_AddNumber(d, "Descent", m->descent);
    r |= HPDF_Dict_AddNumber(d, "CapHeight", m->cap_height);
    r |= HPDF_Dict_AddNumber(d, "StemV", m->bold ? 120 : 80);
    r |= HPDF_Dict_Add(d, m->cff ? "FontFile3" : "FontFile2", file);
    if (r != HPDF_OK) {
        hpdf_failed(pdf, "字体", err);
        return NULL;
    }
    return d;
}

/* The CIDFont: CIDFontType2, whose glyph ids are the CIDs, or
 * CIDFontType0, whose CFF program's charset gives each glyph's CID. */
static HPDF_Dict cid_font(HPDF_Doc pdf, const bx_hpdf_font *f, HPDF_Dict descriptor, bx_error *err)
{
    const bx_subset_info *m = f->info;
    HPDF_Dict cid = indirect_dict(pdf);
    HPDF_Dict info = cid ? HPDF_Dict_New(pdf->mmgr) : NULL;
    if (!info || HPDF_Dict_Add(cid, "CIDSystemInfo", info) != HPDF_OK) {
        hpdf_failed(pdf, "字体", err);
        return NULL;
    }
    HPDF_STATUS r = HPDF_Dict_Add(info, "Registry", HPDF_String_New(pdf->mmgr, m->registry, NULL));
    r |= HPDF_Dict_Add(info, "Ordering", HPDF_String_New(pdf->mmgr, m->ordering, NULL));
    r |= HPDF_Dict_AddNumber(info, "Supplement", m->supplement);
    r |= HPDF_Dict_AddName(cid, "Type", "Font");
    r |= HPDF_Dict_AddName(cid, "Subtype", m->cff ? "CIDFontType0" : "CIDFontType2");
    r |= HPDF_Dict_AddName(cid, "BaseFont", f->name);
    r |= HPDF_Dict_Add(cid, "FontDescriptor", descriptor);
    r |= HPDF_Dict_AddNumber(cid, "DW", f->default_width);
    r |= HPDF_Dict_Add(cid, "W", widths_array(pdf->mmgr, f->glyphs, f->nglyphs));
    if (!m->cff)
        r |= HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");
    if (r != HPDF_OK) {
        hpdf_failed(pdf, "字体", err);
        return NULL;
    }
    return cid;
}

HPDF_Dict bx_hpdf_add_font(HPDF_Doc pdf, const bx_hpdf_font *f, bx_error *err)
{
    HPDF_Dict desc = font_descriptor(pdf, f, err);
    HPDF_Dict cid = desc ? cid_font(pdf, f, desc, err) : NULL;
    HPDF_Dict cmap = cid ? deflated_stream(pdf, f->to_unicode, f->to_unicode_len, err) : NULL;
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
    r |= HPDF_Dict_AddName(type0, "BaseFont", f->name);
    r |= HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
    r |= HPDF_Dict_Add(type0, "ToUnicode", cmap);
    if (r != HPDF_OK) {
        hpdf_failed(pdf, "字体", err);
        return NULL;
    }
    return type0;
}

const char *bx_hpdf_page_font(HPDF_Page page, HPDF_Dict font)
{
    return HPDF_Page_GetLocalFontName(page, font);
}

bool bx_hpdf_set_page_contents(HPDF_Page page, const unsigned char *data, size_t len, bx_error *err)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    bool ok = put_deflated(attr->contents, data, len, err);
    /* libharu's page operators write to attr->stream: not the freed one */
    attr->stream = attr->contents->stream;
    return ok;
}

/* utf8 as a text string: UTF-16BE after a byte order mark (hex: an
 * HPDF_Binary), what libharu's UTF-8 encoder makes of it. NULL on failure
 * (libharu's error handler called, or out of memory). */
static HPDF_Binary text_string(HPDF_MMgr mmgr, const char *utf8)
{
    size_t n = utf8 ? strlen(utf8) : 0;
    /* a code point takes 2 bytes for every one or more of UTF-8, 4 for 4 */
    unsigned char *u = malloc(2 + 2 * n);
    if (!u)
        return NULL;
    size_t len = 0;
    u[len++] = 0xFE;
    u[len++] = 0xFF;
    uint32_t cp;
    for (size_t i = 0; bx_utf8_next(utf8, n, &i, &cp);) {
        if (cp >= 0x10000) { /* a surrogate pair */
            uint32_t v = cp - 0x10000, hi = 0xD800 | (v >> 10), lo = 0xDC00 | (v & 0x3FF);
            u[len++] = (unsigned char)(hi >> 8);
            u[len++] = (unsigned char)hi;
            cp = lo;
        }
        u[len++] = (unsigned char)(cp >> 8);
        u[len++] = (unsigned char)cp;
    }
    HPDF_Binary b = HPDF_Binary_New(mmgr, u, (HPDF_UINT)len);
    free(u);
    return b;
}

static bool put_text(HPDF_Doc pdf, HPDF_Dict dict, const char *key, const char *utf8,
                     const char *what, bx_error *err)
{
    HPDF_Binary text = text_string(pdf->mmgr, utf8);
    if (!text || HPDF_Dict_Add(dict, key, text) != HPDF_OK)
        return hpdf_failed(pdf, what, err);
    return true;
}

bool bx_hpdf_set_info(HPDF_Doc pdf, HPDF_InfoType type, const char *utf8, bx_error *err)
{
    const char *key = type == HPDF_INFO_TITLE      ? "Title"
                      : type == HPDF_INFO_AUTHOR   ? "Author"
                      : type == HPDF_INFO_SUBJECT  ? "Subject"
                      : type == HPDF_INFO_CREATOR  ? "Creator"
                      : type == HPDF_INFO_KEYWORDS ? "Keywords"
                                                   : NULL;
    /* libharu makes the information dictionary and the entry, in its
     * order; the entry's value is then replaced */
    if (!key || HPDF_SetInfoAttr(pdf, type, "") != HPDF_OK || !pdf->info)
        return hpdf_failed(pdf, "文档属性", err);
    return put_text(pdf, pdf->info, key, utf8, "文档属性", err);
}

HPDF_Outline bx_hpdf_add_outline(HPDF_Doc pdf, HPDF_Outline parent, const char *utf8, bx_error *err)
{
    HPDF_Outline o = HPDF_CreateOutline(pdf, parent, "", NULL);
    if (!o) {
        hpdf_failed(pdf, "书签", err);
        return NULL;
    }
    return put_text(pdf, o, "Title", utf8, "书签", err) ? o : NULL;
}
