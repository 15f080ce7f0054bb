/* One PDF document being written (pdf_doc.h): libharu's errors, the
 * faces, and every character drawn, subset and embedded up front. */
#include "pdf_doc.h"

#include "display.h"
#include "geometry.h"
#include "hash.h"
#include "strbuf.h"
#include "text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_MISSING = 12 };

void bx_pdf_on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
    pdf_state *st = data;
    if (!st->hpdf_error) {
        st->hpdf_error = error;
        st->hpdf_detail = detail;
    }
}

bool bx_pdf_fail(pdf_state *st, const char *what, bx_error *err)
{
    bx_loc loc = {st->path, 0, 0};
    bx_fail(err, &loc, BX_ERR_BACKEND, "写入 PDF 失败（%s）：libharu 错误 0x%04X，细节 %u", what,
            (unsigned)st->hpdf_error, (unsigned)st->hpdf_detail);
    return false;
}

bool bx_pdf_ok_so_far(pdf_state *st, const char *what, bx_error *err)
{
    return st->hpdf_error == HPDF_OK || bx_pdf_fail(st, what, err);
}

/* ---- fonts ------------------------------------------------------------- */

/* The subset's tag (six capitals before "+" in the font name): derived
 * from its characters, so output stays reproducible and two documents'
 * different subsets of one font keep different names when merged. */
static void subset_tag(const bx_charset *cs, bx_typeface face, char tag[7])
{
    /* its own seed per face, as subset tags have always been made: a tag
     * names a font in the PDF, so the same characters keep the same tag */
    static const unsigned salt[BX_TYPEFACES] = {0, 0x9e37u, 0x7f4au, 0x3c6eu};
    uint64_t h = 1469598103934665603ull ^ salt[face];
    for (size_t i = 0; i < cs->n; i++)
        h = bx_fnv_step(h, cs->cps[i]);
    for (int i = 0; i < 6; i++, h /= 26)
        tag[i] = (char)('A' + h % 26);
    tag[6] = '\0';
}

static bool embed_subset(pdf_state *st, pdf_face *pf, bx_typeface face, bx_error *err)
{
    unsigned char *data;
    size_t len;
    bx_subset_info metrics;
    bx_charset_seal(&pf->chars);
    if (!bx_face_subset(pf->face, &pf->chars, &data, &len, &metrics, err))
        return false;
    char tag[7];
    subset_tag(&pf->chars, face, tag);
    pf->font = bx_pdf_embed_font(st->pdf, st->deflater, &pf->chars, &metrics, data, len, tag, err);
    free(data);
    return pf->font != NULL;
}

/* The renderer's faces, or faces of our own for this one file. */
bool bx_pdf_open_faces(pdf_state *st, const bx_write_ctx *ctx, bx_error *err)
{
    bx_font_set *fonts = ctx ? ctx->fonts : NULL;
    if (!fonts) {
        fonts = st->own_fonts = bx_font_set_new(ctx ? ctx->options : NULL, err);
        if (!fonts)
            return false;
    }
    if (!bx_font_set_faces(fonts, &st->regular.face, &st->bold.face, err))
        return false;
    st->fake_bold = st->bold.face == NULL;
    /* the headings' faces only for a document with text */
    if (st->model->nblocks && !bx_font_set_heading_faces(fonts, &st->hei.face, &st->kai.face, err))
        return false;
    return bx_charset_init(&st->regular.chars, err) &&
           (st->fake_bold || bx_charset_init(&st->bold.chars, err)) &&
           (!st->hei.face || bx_charset_init(&st->hei.chars, err)) &&
           (!st->kai.face || bx_charset_init(&st->kai.chars, err));
}

/* The face a title is drawn in: the bold one, or the regular one stroked. */
pdf_face *bx_pdf_title_face(pdf_state *st)
{
    return st->fake_bold ? &st->regular : &st->bold;
}

pdf_face *bx_pdf_face(pdf_state *st, bx_typeface face)
{
    if (face == BX_TYPEFACE_REGULAR)
        return &st->regular;
    if (face == BX_TYPEFACE_HEI && st->hei.face)
        return &st->hei;
    if (face == BX_TYPEFACE_KAI && st->kai.face)
        return &st->kai;
    return bx_pdf_title_face(st);
}

bool bx_pdf_stroked(pdf_state *st, bx_typeface face)
{
    return face != BX_TYPEFACE_REGULAR && bx_pdf_face(st, face) == &st->regular;
}

double bx_pdf_width(void *ctx, bx_typeface face, const char *s, size_t n)
{
    pdf_state *st = ctx;
    return (double)bx_charset_text_width(&bx_pdf_face(st, face)->chars, s, n);
}

/* ---- which characters are drawn ------------------------------------------ */

typedef struct missing {
    uint32_t cp[MAX_MISSING];
    char where[MAX_MISSING][160];
    int n;
    bool more;
} missing;

/* Add text's characters to the face's set; characters the face lacks are
 * noted (their place is filled in by the caller, once, for new ones). */
static bool collect(pdf_face *pf, const char *text, missing *ms, bx_error *err)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = bx_utf8_decode(text + i, n - i, &cp);
        if (k == 0) {
            k = 1;
            cp = 0xFFFD;
        }
        i += k;
        if (cp < 0x20 || bx_charset_contains(&pf->chars, cp))
            continue;
        if (bx_face_has(pf->face, cp)) {
            if (!bx_charset_add(&pf->chars, cp, err))
                return false;
            continue;
        }
        bool seen = false;
        for (int j = 0; j < ms->n && !seen; j++)
            seen = ms->cp[j] == cp;
        if (seen)
            continue;
        if (ms->n == MAX_MISSING)
            ms->more = true;
        else
            ms->where[ms->n][0] = '\0', ms->cp[ms->n++] = cp;
    }
    return true;
}

/* Name the place of characters just found missing. */
static void place_missing(missing *ms, int from, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void place_missing(missing *ms, int from, const char *fmt, ...)
{
    for (int i = from; i < ms->n; i++) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(ms->where[i], sizeof ms->where[i], fmt, ap);
        va_end(ap);
    }
}

static bool collect_sheet(pdf_state *st, const bx_sheet *s, missing *ms, bx_error *err)
{
    int before = ms->n;
    bool ok = collect(s->title_regular ? &st->regular : bx_pdf_title_face(st), s->title, ms, err);
    place_missing(ms, before, "%s!标题", s->name);
    before = ms->n;
    ok = ok && collect(&st->regular, s->label, ms, err) &&
         collect(&st->regular, s->caption_left ? s->caption_left : "", ms, err) &&
         collect(&st->regular, s->caption_right ? s->caption_right : "", ms, err);
    place_missing(ms, before, "%s!表号与表头说明", s->name);
    bool amounts = false;
    for (int r = 0; r < s->nrows && ok; r++) {
        for (int c = 0; c < s->ncols && ok; c++) {
            const bx_cell *cell = bx_sheet_cell(s, r, c);
            if (cell->covered || cell->kind == BX_CELL_EMPTY)
                continue;
            if (cell->kind == BX_CELL_AMOUNT) {
                amounts = true;
                continue;
            }
            before = ms->n;
            ok = collect(&st->regular, cell->text, ms, err);
            char ref[32];
            place_missing(ms, before, "%s!%s“%.40s”", s->name, bx_grid_ref(r, c, ref, sizeof ref),
                          cell->text);
        }
    }
    for (int i = 0; i < s->nnotes && ok; i++) {
        before = ms->n;
        ok = collect(&st->regular, s->notes[i], ms, err);
        place_missing(ms, before, "%s!注释第 %d 行", s->name, i + 1);
    }
    return ok && (!amounts || collect(&st->regular, BX_AMOUNT_CHARS, ms, err));
}

/* The document's text: headings in bold, the rest regular, the two
 * characters of a paragraph's indent, 目录's title. */
static bool collect_blocks(pdf_state *st, missing *ms, bx_error *err)
{
    const bx_doc *m = st->model;
    bool contents = false; /* a 目录 lists the headings in the regular face */
    for (int i = 0; i < m->nblocks; i++)
        contents |= m->blocks[i].kind == BX_BLOCK_CONTENTS;
    const bx_text_style *ts = &st->text_style;
    pdf_face *entries = bx_pdf_face(st, ts->face[BX_ROLE_CONTENTS]);
    bool ok = m->nblocks == 0 || collect(&st->regular, "\u3000\u2026", ms, err);
    ok = ok && (!contents || collect(entries, "\u3000", ms, err));
    for (int i = 0; i < m->nblocks && ok; i++) {
        const bx_block *b = &m->blocks[i];
        pdf_face *pf = bx_pdf_face(st, bx_text_block_face(ts, b));
        bool listed = contents && (b->kind == BX_BLOCK_HEADING || b->kind == BX_BLOCK_TABLES);
        int before = ms->n;
        ok = collect(pf, b->number, ms, err) && collect(pf, b->text, ms, err) &&
             (!listed || (b->entry ? collect(entries, b->entry, ms, err)
                                   : collect(entries, b->number, ms, err) &&
                                         collect(entries, b->text, ms, err))) &&
             (b->kind != BX_BLOCK_CONTENTS || collect(pf, "目录", ms, err));
        for (int k = 0; ok && listed && k < b->nentries; k++)
            ok = collect(entries, b->entries[k], ms, err);
        for (int c = 0; ok && b->grid && c < b->grid->ncols * b->grid->nrows; c++)
            ok = collect(c < b->grid->ncols ? bx_pdf_title_face(st) : &st->regular,
                         b->grid->cells[c], ms, err);
        place_missing(ms, before, "文字部分第 %d 段“%.40s”", i + 1, b->grid ? "表格" : b->text);
    }
    return ok;
}

static bool report_missing(const missing *ms, bx_error *err)
{
    bx_strbuf msg;
    bx_strbuf_init(&msg, 900);
    bx_strbuf_puts(&msg, "字体中没有这些字符，PDF 中会显示为空白：");
    for (int i = 0; i < ms->n; i++) {
        char ch[8];
        ch[bx_utf8_encode(ms->cp[i], ch)] = '\0';
        bx_strbuf_printf(&msg, "%s“%s”（U+%04X，%s）", i ? "、" : "", ch, (unsigned)ms->cp[i],
                         ms->where[i]);
    }
    if (ms->more)
        bx_strbuf_puts(&msg, "等");
    bx_strbuf_puts(&msg, "。请用 --font 指定包含这些字符的字体");
    bx_fail(err, NULL, BX_ERR_DATA, "%s", bx_strbuf_str(&msg));
    bx_strbuf_free(&msg);
    return false;
}

/* Every character the document draws, each in the face that draws it
 * (the page footer "第 N 页 共 M 页" included); then the two subsets. */
bool bx_pdf_make_fonts(pdf_state *st, bx_error *err)
{
    missing ms = {0};
    bool ok = true;
    for (int i = 0; i < st->model->nsheets && ok; i++)
        ok = collect_sheet(st, &st->model->sheets[i], &ms, err);
    ok = ok && collect_blocks(st, &ms, err);
    int before = ms.n;
    ok = ok && collect(&st->regular, "第页共 0123456789", &ms, err);
    place_missing(&ms, before, "%s", "页码");
    if (ok && ms.n)
        return report_missing(&ms, err);
    if (!ok || !embed_subset(st, &st->regular, BX_TYPEFACE_REGULAR, err))
        return false;
    if (!st->fake_bold && !embed_subset(st, &st->bold, BX_TYPEFACE_BOLD, err))
        return false;
    /* a heading face only if something is drawn in it */
    return (!st->hei.face || !st->hei.chars.n ||
            embed_subset(st, &st->hei, BX_TYPEFACE_HEI, err)) &&
           (!st->kai.face || !st->kai.chars.n || embed_subset(st, &st->kai, BX_TYPEFACE_KAI, err));
}
