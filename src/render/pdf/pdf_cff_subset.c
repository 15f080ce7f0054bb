/* A subset of a CID-keyed CFF program (pdf_cff_subset.h); Type 2
 * charstrings after Adobe's Technical Note #5177. */
#include "pdf_cff_subset.h"
#include "pdf_cff_read.h"
#include "strbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    MAX_SUBSET_BYTES = 64 << 20, /* a subset's program */
    MAX_SUBR_DEPTH = 10,         /* the specification's limit of nested calls */
    MAX_GLYPH_BYTES = 65535,     /* one glyph, its subroutines written out */
    MAX_GLYPH_TOKENS = 65536     /* read for one glyph: bounds a program's calls */
};

/* A glyph's charstring written out: each call of a subroutine replaced
 * by the subroutine's own charstring, everything else copied as it is
 * (Type 2, Technical Note #5177). Reading hintmask and cntrmask needs the
 * number of stem hints so far; the operand stack is followed only as far
 * as its depth (a subroutine's number is the number just before its call
 * in the same charstring: what every subroutinizer writes). */
typedef struct flattener {
    bx_cff_reader *r;
    const bx_cff_index *gsubrs, *lsubrs;
    long gbias, lbias;
    bx_strbuf *out;
    size_t glyph_start; /* where this glyph began in out */
    int nargs, nstems;
    size_t tokens;
    bool ended; /* endchar */
} flattener;

static long bias_of(uint32_t count)
{
    return count < 1240 ? 107 : count < 33900 ? 1131 : 32768;
}

/* A number at pos: its length, value (the integer part) or 0 if cut. */
static size_t charstring_number(const unsigned char *p, size_t pos, size_t end, long *v)
{
    unsigned b0 = p[pos];
    size_t n = b0 == 28 ? 3 : b0 <= 246 ? 1 : b0 <= 254 ? 2 : 5;
    if (n > end - pos)
        return 0;
    if (b0 == 28)
        *v = (int16_t)((p[pos + 1] << 8) | p[pos + 2]);
    else if (b0 <= 246)
        *v = (long)b0 - 139;
    else if (b0 <= 250)
        *v = ((long)b0 - 247) * 256 + p[pos + 1] + 108;
    else if (b0 <= 254)
        *v = -((long)b0 - 251) * 256 - p[pos + 1] - 108;
    else /* 16.16 fixed */
        *v = (long)(int32_t)(((uint32_t)p[pos + 1] << 24) | ((uint32_t)p[pos + 2] << 16) |
                             ((uint32_t)p[pos + 3] << 8) | p[pos + 4]) /
             65536;
    return n;
}

/* Copy the charstring's bytes from … to onto the output. */
static bool emit(flattener *f, size_t from, size_t to)
{
    if (f->out->len - f->glyph_start + (to - from) > MAX_GLYPH_BYTES)
        return bx_cff_bad(f->r, "字形过于复杂");
    bx_strbuf_append(f->out, (const char *)f->r->p + from, to - from);
    return true;
}

/* Whether a Type 2 operator (escaped: 1200 + the second byte) is one this
 * subsetter does not write out: the arithmetic and storage operators,
 * whose results could be subroutine numbers, and the reserved ones. */
static bool unsupported_op(int op)
{
    if (op >= 1200)
        return op != 1234 && op != 1235 && op != 1236 && op != 1237; /* the flexes */
    return op == 0 || op == 2 || op == 9 || op == 13 || op == 15 || op == 16 || op == 17;
}

static bool flatten(flattener *f, size_t pos, size_t end, int depth);

/* callsubr / callgsubr of subroutine k (unbiased): its charstring. */
static bool call(flattener *f, bool global, long k, int depth)
{
    const bx_cff_index *subrs = global ? f->gsubrs : f->lsubrs;
    size_t start, end;
    k += global ? f->gbias : f->lbias;
    if (depth >= MAX_SUBR_DEPTH)
        return bx_cff_bad(f->r, "子程序嵌套过深");
    if (k < 0 || k >= (long)subrs->count ||
        !bx_cff_index_item(f->r, subrs, (uint32_t)k, &start, &end))
        return bx_cff_bad(f->r, "子程序编号超出范围");
    return flatten(f, start, end, depth + 1);
}

/* The charstring pos … end (a glyph's, depth 0, or a subroutine's), copied
 * in runs between the calls, which are written out in their place. */
static bool flatten(flattener *f, size_t pos, size_t end, int depth)
{
    const unsigned char *p = f->r->p;
    size_t run = pos;            /* not yet copied from here on */
    size_t number_at = SIZE_MAX; /* the last token, when it is a number */
    long number = 0;
    while (pos < end) {
        if (++f->tokens > MAX_GLYPH_TOKENS)
            return bx_cff_bad(f->r, "字形过于复杂");
        unsigned b0 = p[pos];
        if (b0 >= 32 || b0 == 28) {
            size_t n = charstring_number(p, pos, end, &number);
            if (n == 0)
                return bx_cff_bad(f->r, "字形数据不完整");
            if (++f->nargs > 48)
                return bx_cff_bad(f->r, "字形的操作数过多");
            number_at = pos;
            pos += n;
            continue;
        }
        int op = (int)b0;
        size_t n = 1;
        if (b0 == 12) {
            if (pos + 1 >= end)
                return bx_cff_bad(f->r, "字形数据不完整");
            op = 1200 + p[pos + 1];
            n = 2;
        }
        if (unsupported_op(op) || (op == 14 && f->nargs >= 4)) /* endchar as seac */
            return bx_cff_bad(f->r, "字形中有不支持的运算符");
        if (op == 10 || op == 29) { /* the number and the call give way to the subroutine */
            if (number_at == SIZE_MAX)
                return bx_cff_bad(f->r, "子程序编号不是常数");
            f->nargs--;
            if (!emit(f, run, number_at) || !call(f, op == 29, number, depth))
                return false;
            pos += n;
            run = pos;
            number_at = SIZE_MAX;
            if (f->ended)
                return true;
            continue;
        }
        if (op == 11) /* return: not copied */
            return (depth > 0 || bx_cff_bad(f->r, "字形中有多余的 return")) && emit(f, run, pos);
        pos += n;
        number_at = SIZE_MAX;
        if (op == 1 || op == 3 || op == 18 || op == 23 || op == 19 || op == 20)
            f->nstems += f->nargs / 2; /* before a mask: vstemhm implied */
        f->nargs = 0;
        if (op == 19 || op == 20) { /* hintmask, cntrmask: a bit per stem */
            size_t bytes = ((size_t)f->nstems + 7) / 8;
            if (bytes > end - pos)
                return bx_cff_bad(f->r, "字形数据不完整");
            pos += bytes;
        }
        if (op == 14) {
            f->ended = true;
            return emit(f, run, pos);
        }
    }
    return emit(f, run, pos);
}

/* The charstring of glyph gid (of font dict fd) written out onto out. */
static bool flatten_glyph(bx_cff_reader *r, const bx_cff_program *pg, const bx_cff_font_dict *fd,
                          unsigned gid, bx_strbuf *out)
{
    size_t start, end;
    if (!bx_cff_index_item(r, &pg->charstrings, gid, &start, &end))
        return false;
    flattener f = {.r = r,
                   .gsubrs = &pg->gsubrs,
                   .lsubrs = &fd->subrs,
                   .gbias = bias_of(pg->gsubrs.count),
                   .lbias = bias_of(fd->subrs.count),
                   .out = out,
                   .glyph_start = out->len};
    if (!flatten(&f, start, end, 0))
        return false;
    if (out->failed)
        return bx_cff_bad(r, "内存不足");
    return f.ended || bx_cff_bad(r, "字形没有 endchar");
}

/* ---- the subset's program ------------------------------------------------ */

static void put_card(bx_strbuf *b, uint32_t v, int n)
{
    for (int i = n - 1; i >= 0; i--)
        bx_strbuf_putc(b, (char)(unsigned char)(v >> (8 * i)));
}

/* A DICT operand in five bytes whatever its value: offsets can then be
 * written before they are known. */
enum { INT5 = 5 };
static void put_int5(bx_strbuf *b, size_t v)
{
    bx_strbuf_putc(b, 29);
    put_card(b, (uint32_t)v, 4);
}

static void put_op(bx_strbuf *b, int op)
{
    if (op >= 1200)
        bx_strbuf_putc(b, 12);
    bx_strbuf_putc(b, (char)(op >= 1200 ? op - 1200 : op));
}

/* The offset size an INDEX of data_len bytes needs. */
static int off_size_for(size_t data_len)
{
    size_t last = data_len + 1;
    return last <= 0xFF ? 1 : last <= 0xFFFF ? 2 : last <= 0xFFFFFF ? 3 : 4;
}

static size_t index_bytes(size_t count, size_t data_len)
{
    return count == 0 ? 2 : 3 + (count + 1) * (size_t)off_size_for(data_len) + data_len;
}

/* An INDEX of count items: item i is data[ends[i-1] … ends[i]) (ends[-1] = 0). */
static void put_index(bx_strbuf *b, size_t count, const size_t *ends, const char *data)
{
    put_card(b, (uint32_t)count, 2);
    if (count == 0)
        return;
    size_t len = ends[count - 1];
    int size = off_size_for(len);
    bx_strbuf_putc(b, (char)size);
    put_card(b, 1, size);
    for (size_t i = 0; i < count; i++)
        put_card(b, (uint32_t)(ends[i] + 1), size);
    bx_strbuf_append(b, data, len);
}

/* A DICT's entries but those whose operators drop lists (0-ended). */
static void copy_dict(bx_strbuf *b, bx_cff_reader *r, size_t pos, size_t end, const int *drop)
{
    bx_cff_entry e;
    while (pos < end && bx_cff_next_entry(r, &pos, end, &e)) {
        bool dropped = false;
        for (const int *d = drop; *d; d++)
            dropped = dropped || e.op == *d;
        if (!dropped)
            bx_strbuf_append(b, (const char *)r->p + e.start, e.end - e.start);
    }
}

/* What goes into a subset, glyph by glyph. */
typedef struct kept {
    const uint16_t *gids; /* ascending, gids[0] = 0 */
    size_t n;
    uint16_t *cids;   /* per kept glyph */
    uint8_t *fds;     /* per kept glyph: its Font DICT */
    bx_strbuf glyphs; /* the charstrings, written out, one after another */
    size_t *ends;     /* per kept glyph: where its charstring ends in glyphs */
} kept;

/* charset: format 0 (a CID per glyph) or 2 (runs of CIDs), the smaller. */
static void put_charset(bx_strbuf *b, const kept *k)
{
    size_t runs = 0;
    for (size_t i = 1; i < k->n; i++)
        runs += i == 1 || k->cids[i] != k->cids[i - 1] + 1;
    if (2 * (k->n - 1) <= 4 * runs) {
        bx_strbuf_putc(b, 0);
        for (size_t i = 1; i < k->n; i++)
            put_card(b, k->cids[i], 2);
        return;
    }
    bx_strbuf_putc(b, 2);
    for (size_t i = 1; i < k->n;) {
        size_t j = i + 1;
        while (j < k->n && k->cids[j] == k->cids[j - 1] + 1)
            j++;
        put_card(b, k->cids[i], 2);
        put_card(b, (uint32_t)(j - i - 1), 2);
        i = j;
    }
}

/* FDSelect format 3: runs of glyphs of one Font DICT. */
static void put_fdselect(bx_strbuf *b, const kept *k)
{
    size_t runs = 0;
    for (size_t i = 0; i < k->n; i++)
        runs += i == 0 || k->fds[i] != k->fds[i - 1];
    bx_strbuf_putc(b, 3);
    put_card(b, (uint32_t)runs, 2);
    for (size_t i = 0; i < k->n; i++)
        if (i == 0 || k->fds[i] != k->fds[i - 1]) {
            put_card(b, (uint32_t)i, 2);
            bx_strbuf_putc(b, (char)k->fds[i]);
        }
    put_card(b, (uint32_t)k->n, 2);
}

/* Write v into the five-byte operand put_int5 wrote at at. */
static void patch_int5(bx_strbuf *b, size_t at, size_t v)
{
    if (b->failed || at + INT5 > b->len)
        return;
    for (int i = 0; i < 4; i++)
        b->data[at + 1 + (size_t)i] = (char)(unsigned char)(v >> (8 * (3 - i)));
}

/* An INDEX of one DICT, written from d, onto out; where d's byte 0 went. */
static size_t put_dict_index(bx_strbuf *out, const bx_strbuf *d)
{
    size_t ends[1] = {d->len};
    size_t at = out->len + index_bytes(1, d->len) - d->len;
    put_index(out, 1, ends, d->data);
    return at;
}

/* The FDArray (each Font DICT pointing at its Private DICT) and after it
 * the Private DICTs, without their subroutines: they are written out into
 * the glyphs. */
static void put_font_dicts(bx_strbuf *out, bx_cff_reader *r, const bx_cff_font_dict *fds,
                           unsigned nfds)
{
    static const int drop_private[] = {BX_CFF_OP_PRIVATE, 0}, drop_subrs[] = {BX_CFF_OP_SUBRS, 0};
    bx_strbuf dicts;
    bx_strbuf_init(&dicts, 0);
    size_t ends[BX_CFF_MAX_FDS] = {0}, size_at[BX_CFF_MAX_FDS] = {0};
    for (unsigned i = 0; i < nfds; i++) {
        copy_dict(&dicts, r, fds[i].start, fds[i].end, drop_private);
        size_at[i] = dicts.len;
        put_int5(&dicts, 0);
        put_int5(&dicts, 0);
        put_op(&dicts, BX_CFF_OP_PRIVATE);
        ends[i] = dicts.len;
    }
    size_t base = out->len + index_bytes(nfds, dicts.len) - dicts.len;
    put_index(out, nfds, ends, dicts.data);
    out->failed = out->failed || dicts.failed;
    bx_strbuf_free(&dicts);
    for (unsigned i = 0; i < nfds; i++) {
        size_t start = out->len;
        copy_dict(out, r, fds[i].priv, fds[i].priv_end, drop_subrs);
        patch_int5(out, base + size_at[i], out->len - start);
        patch_int5(out, base + size_at[i] + INT5, start);
    }
}

/* The Top DICT: the program's own entries (ROS first, as it must be) but
 * what the subset replaces, then charset, FDSelect, CharStrings and
 * FDArray with room for their offsets; *at: where those offsets are, in
 * that order. */
static void put_top_dict(bx_strbuf *t, bx_cff_reader *r, const bx_cff_program *pg, size_t at[4])
{
    static const int drop[] = {BX_CFF_OP_CHARSET,     BX_CFF_OP_ENCODING,
                               BX_CFF_OP_CHARSTRINGS, BX_CFF_OP_PRIVATE,
                               BX_CFF_OP_FDARRAY,     BX_CFF_OP_FDSELECT,
                               BX_CFF_OP_UNIQUEID,    BX_CFF_OP_XUID,
                               BX_CFF_OP_UIDBASE,     0};
    static const int ops[4] = {BX_CFF_OP_CHARSET, BX_CFF_OP_FDSELECT, BX_CFF_OP_CHARSTRINGS,
                               BX_CFF_OP_FDARRAY};
    copy_dict(t, r, pg->top_start, pg->top_end, drop);
    for (int i = 0; i < 4; i++) {
        at[i] = t->len;
        put_int5(t, 0);
        put_op(t, ops[i]);
    }
}

/* The subset's program from the parts read. */
static void put_subset(bx_strbuf *out, bx_cff_reader *r, const bx_cff_program *pg,
                       const bx_cff_font_dict *fds, unsigned nfds, const kept *k)
{
    bx_strbuf top;
    bx_strbuf_init(&top, 0);
    size_t at[4];
    put_top_dict(&top, r, pg, at);
    put_card(out, 0x01000404, 4); /* version 1.0, header of 4 bytes, offsets of 4 */
    bx_strbuf_append(out, (const char *)r->p + pg->hdr_size, pg->names.end - pg->hdr_size);
    size_t top_at = put_dict_index(out, &top);
    out->failed = out->failed || top.failed;
    bx_strbuf_free(&top);
    bx_strbuf_append(out, (const char *)r->p + pg->tops.end, pg->strings.end - pg->tops.end);
    put_card(out, 0, 2); /* no global subroutines */
    patch_int5(out, top_at + at[0], out->len);
    put_charset(out, k);
    patch_int5(out, top_at + at[1], out->len);
    put_fdselect(out, k);
    patch_int5(out, top_at + at[2], out->len);
    put_index(out, k->n, k->ends, k->glyphs.data);
    patch_int5(out, top_at + at[3], out->len);
    put_font_dicts(out, r, fds, nfds);
}

/* The kept glyphs' CIDs, Font DICTs and charstrings. */
static bool keep_glyphs(bx_cff_reader *r, const bx_cff_program *pg, const bx_cff_font_dict *fds,
                        unsigned nfds, kept *k)
{
    unsigned nglyphs = pg->charstrings.count;
    for (size_t i = 0; i < k->n; i++)
        if (k->gids[i] >= nglyphs || (i > 0 && k->gids[i] <= k->gids[i - 1]) ||
            (i == 0 && k->gids[i] != 0))
            return bx_cff_bad(r, "字形编号无效");
    const bx_cff_top *t = &pg->top;
    /* 0–2 name the predefined charsets of fonts that are not CID-keyed */
    if (t->charset <= 2 || (unsigned long)t->charset >= r->len)
        return bx_cff_bad(r, "CID 字体没有 charset");
    if (t->fdselect <= 0 || (unsigned long)t->fdselect >= r->len)
        return bx_cff_bad(r, "没有 FDSelect");
    if (!bx_cff_read_charset(r, (size_t)t->charset, nglyphs, k->gids, k->n, k->cids) ||
        !bx_cff_read_fdselect(r, (size_t)t->fdselect, nglyphs, nfds, k->gids, k->n, k->fds))
        return false;
    for (size_t i = 0; i < k->n; i++) {
        if (!flatten_glyph(r, pg, &fds[k->fds[i]], k->gids[i], &k->glyphs))
            return false;
        k->ends[i] = k->glyphs.len;
    }
    return true;
}

bool bx_cff_subset(const unsigned char *data, size_t len, const uint16_t *gids, size_t n,
                   unsigned char **program_out, size_t *program_len, bx_cff *out, bx_error *err)
{
    *program_out = NULL;
    *program_len = 0;
    memset(out, 0, sizeof *out);
    bx_cff_reader r = {data, len, NULL};
    bx_cff_program pg;
    bx_cff_font_dict fds[BX_CFF_MAX_FDS];
    unsigned nfds = 0;
    size_t slots = n ? n : 1;
    kept k = {.gids = gids,
              .n = n,
              .cids = calloc(slots, sizeof *k.cids),
              .fds = calloc(slots, 1),
              .ends = calloc(slots, sizeof *k.ends)};
    bx_strbuf_init(&k.glyphs, MAX_SUBSET_BYTES);
    bx_strbuf prog;
    bx_strbuf_init(&prog, MAX_SUBSET_BYTES);
    bool ok = (k.cids && k.fds && k.ends) || bx_cff_bad(&r, "内存不足");
    ok = ok && (n > 0 || bx_cff_bad(&r, "没有字形"));
    ok = ok && bx_cff_read_program(&r, &pg) && bx_cff_read_font_dicts(&r, &pg, fds, &nfds) &&
         keep_glyphs(&r, &pg, fds, nfds, &k);
    if (ok) {
        put_subset(&prog, &r, &pg, fds, nfds, &k);
        ok = !prog.failed || bx_cff_bad(&r, "内存不足");
    }
    if (ok) {
        out->cid_keyed = true;
        out->nglyphs = (unsigned)n;
        out->cids = k.cids;
        k.cids = NULL;
        bx_cff_string(&r, &pg.strings, pg.top.ros[0], out->registry, sizeof out->registry);
        bx_cff_string(&r, &pg.strings, pg.top.ros[1], out->ordering, sizeof out->ordering);
        out->supplement = (int)pg.top.ros[2];
        *program_len = prog.len;
        *program_out = (unsigned char *)prog.data;
        prog.data = NULL;
    }
    free(k.cids);
    free(k.fds);
    free(k.ends);
    bx_strbuf_free(&k.glyphs);
    bx_strbuf_free(&prog);
    if (!ok)
        bx_fail(err, NULL, strcmp(r.what, "内存不足") == 0 ? BX_ERR_NOMEM : BX_ERR_BACKEND,
                "字体的 CFF 表无法取子集：%s", r.what);
    return ok;
}
