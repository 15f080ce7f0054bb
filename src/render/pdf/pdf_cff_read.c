/* Reading a CFF program (pdf_cff_read.h), after Adobe's Technical Note
 * #5176, "The Compact Font Format Specification": the header, INDEXes,
 * DICTs, the Top DICT's offsets and ROS, the FDArray with its Private
 * DICTs and local subroutines, FDSelect. */
#include "pdf_cff_read.h"

#include <string.h>

/* SIDs below are the specification's own strings */
enum { NSTANDARD_STRINGS = 391 };

bool bx_cff_bad(bx_cff_reader *r, const char *what)
{
    if (!r->what)
        r->what = what;
    return false;
}

bool bx_cff_card(bx_cff_reader *r, size_t off, int n, uint32_t *v)
{
    if (off > r->len || (size_t)n > r->len - off)
        return bx_cff_bad(r, "数据不完整");
    *v = 0;
    for (int i = 0; i < n; i++)
        *v = (*v << 8) | r->p[off + (size_t)i];
    return true;
}

bool bx_cff_index_at(bx_cff_reader *r, size_t off, bx_cff_index *ix)
{
    memset(ix, 0, sizeof *ix);
    if (!bx_cff_card(r, off, 2, &ix->count))
        return false;
    if (ix->count == 0) {
        ix->end = off + 2;
        return true;
    }
    uint32_t size, last;
    if (!bx_cff_card(r, off + 2, 1, &size))
        return false;
    if (size < 1 || size > 4)
        return bx_cff_bad(r, "INDEX 的偏移量长度无效");
    ix->off_size = (int)size;
    ix->offsets = off + 3;
    ix->data = ix->offsets + ((size_t)ix->count + 1) * size - 1;
    if (!bx_cff_card(r, ix->offsets + (size_t)ix->count * size, ix->off_size, &last))
        return false;
    if (last < 1 || last > r->len - ix->data)
        return bx_cff_bad(r, "INDEX 超出数据范围");
    ix->end = ix->data + last;
    return true;
}

bool bx_cff_index_item(bx_cff_reader *r, const bx_cff_index *ix, uint32_t i, size_t *start,
                       size_t *end)
{
    uint32_t a, b;
    if (i >= ix->count ||
        !bx_cff_card(r, ix->offsets + (size_t)i * (size_t)ix->off_size, ix->off_size, &a) ||
        !bx_cff_card(r, ix->offsets + ((size_t)i + 1) * (size_t)ix->off_size, ix->off_size, &b))
        return bx_cff_bad(r, "INDEX 不完整");
    if (a < 1 || b < a || ix->data + b > ix->end)
        return bx_cff_bad(r, "INDEX 的偏移量无效");
    *start = ix->data + a;
    *end = ix->data + b;
    return true;
}

/* One operand at *pos (its value, for the integers; reals read as 0). */
static bool operand(bx_cff_reader *r, size_t *pos, size_t end, long *v)
{
    unsigned b0 = r->p[*pos];
    uint32_t x;
    if (b0 >= 32 && b0 <= 246) {
        *v = (long)b0 - 139;
        *pos += 1;
    } else if (b0 >= 247 && b0 <= 254) {
        if (*pos + 1 >= end)
            return bx_cff_bad(r, "DICT 不完整");
        long w = ((long)(b0 >= 251 ? b0 - 251 : b0 - 247) << 8) + r->p[*pos + 1] + 108;
        *v = b0 >= 251 ? -w : w;
        *pos += 2;
    } else if (b0 == 28 || b0 == 29) {
        int n = b0 == 28 ? 2 : 4;
        if (*pos + (size_t)n >= end || !bx_cff_card(r, *pos + 1, n, &x))
            return bx_cff_bad(r, "DICT 不完整");
        *v = n == 2 ? (long)(int16_t)x : (long)(int32_t)x;
        *pos += 1 + (size_t)n;
    } else if (b0 == 30) { /* a real: nibbles up to one of 0xF */
        size_t i = *pos + 1;
        while (i < end && (r->p[i] & 0xF0) != 0xF0 && (r->p[i] & 0x0F) != 0x0F)
            i++;
        if (i >= end)
            return bx_cff_bad(r, "DICT 不完整");
        *v = 0;
        *pos = i + 1;
    } else {
        return bx_cff_bad(r, "DICT 中有无效的字节");
    }
    return true;
}

/* The entry at *pos (< end), *pos moved past it. */
bool bx_cff_next_entry(bx_cff_reader *r, size_t *pos, size_t end, bx_cff_entry *e)
{
    e->start = *pos;
    e->nargs = 0;
    while (*pos < end && r->p[*pos] > 21) {
        if (e->nargs == 48)
            return bx_cff_bad(r, "DICT 的操作数过多");
        if (!operand(r, pos, end, &e->args[e->nargs++]))
            return false;
    }
    if (*pos >= end)
        return bx_cff_bad(r, "DICT 不完整");
    e->op = r->p[*pos];
    if (e->op == 12) {
        if (*pos + 1 >= end)
            return bx_cff_bad(r, "DICT 不完整");
        e->op = 1200 + r->p[*pos + 1];
        *pos += 1;
    }
    *pos += 1;
    e->end = *pos;
    return true;
}

static bool read_top_dict(bx_cff_reader *r, size_t pos, size_t end, bx_cff_top *t)
{
    memset(t, 0, sizeof *t);
    bx_cff_entry e;
    while (pos < end) {
        if (!bx_cff_next_entry(r, &pos, end, &e))
            return false;
        long last = e.nargs ? e.args[e.nargs - 1] : 0;
        if (e.op == BX_CFF_OP_CHARSET && e.nargs >= 1) {
            t->charset = last;
        } else if (e.op == BX_CFF_OP_CHARSTRINGS && e.nargs >= 1) {
            t->charstrings = last;
            t->has_charstrings = true;
        } else if (e.op == BX_CFF_OP_FDARRAY && e.nargs >= 1) {
            t->fdarray = last;
        } else if (e.op == BX_CFF_OP_FDSELECT && e.nargs >= 1) {
            t->fdselect = last;
        } else if (e.op == BX_CFF_OP_ROS && e.nargs >= 3) {
            memcpy(t->ros, e.args + e.nargs - 3, sizeof t->ros);
            t->has_ros = true;
        }
    }
    return true;
}

/* The text of a SID from the String INDEX, if it is one of the font's own
 * strings and a plain name ([A-Za-z0-9_.-]); else "". */
void bx_cff_string(bx_cff_reader *r, const bx_cff_index *strings, long sid, char *out, size_t size)
{
    size_t start, end;
    out[0] = '\0';
    if (sid < NSTANDARD_STRINGS || sid - NSTANDARD_STRINGS >= (long)strings->count ||
        !bx_cff_index_item(r, strings, (uint32_t)(sid - NSTANDARD_STRINGS), &start, &end) ||
        end - start >= size)
        return;
    for (size_t i = start; i < end; i++) {
        unsigned char c = r->p[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '-')) {
            out[0] = '\0';
            return;
        }
        out[i - start] = (char)c;
    }
    out[end - start] = '\0';
}

bool bx_cff_read_program(bx_cff_reader *r, bx_cff_program *pg)
{
    uint32_t major, hdr_size;
    if (!bx_cff_card(r, 0, 1, &major) || !bx_cff_card(r, 2, 1, &hdr_size))
        return false;
    if (major != 1)
        return bx_cff_bad(r, "不是 CFF 第 1 版");
    pg->hdr_size = hdr_size;
    if (!bx_cff_index_at(r, hdr_size, &pg->names) ||
        !bx_cff_index_at(r, pg->names.end, &pg->tops) ||
        !bx_cff_index_at(r, pg->tops.end, &pg->strings) ||
        !bx_cff_index_at(r, pg->strings.end, &pg->gsubrs) ||
        !bx_cff_index_item(r, &pg->tops, 0, &pg->top_start, &pg->top_end) ||
        !read_top_dict(r, pg->top_start, pg->top_end, &pg->top))
        return false;
    const bx_cff_top *t = &pg->top;
    if (!t->has_charstrings || t->charstrings <= 0 || (unsigned long)t->charstrings >= r->len)
        return bx_cff_bad(r, "没有 CharStrings");
    if (!bx_cff_index_at(r, (size_t)t->charstrings, &pg->charstrings))
        return false;
    if (pg->charstrings.count == 0 || pg->charstrings.count > 0xFFFF)
        return bx_cff_bad(r, "字形数无效");
    return true;
}

/* The Font DICT at start … end and what it points at. */
static bool read_font_dict(bx_cff_reader *r, size_t start, size_t end, bx_cff_font_dict *fd)
{
    memset(fd, 0, sizeof *fd);
    fd->start = start;
    fd->end = end;
    bx_cff_entry e;
    for (size_t pos = start; pos < end;) {
        if (!bx_cff_next_entry(r, &pos, end, &e))
            return false;
        if (e.op != BX_CFF_OP_PRIVATE || e.nargs != 2)
            continue;
        if (e.args[0] < 0 || e.args[1] < 0 || (unsigned long)e.args[1] > r->len ||
            (unsigned long)e.args[0] > r->len - (unsigned long)e.args[1])
            return bx_cff_bad(r, "Private DICT 超出数据范围");
        fd->priv = (size_t)e.args[1];
        fd->priv_end = fd->priv + (size_t)e.args[0];
    }
    for (size_t pos = fd->priv; pos < fd->priv_end;) {
        if (!bx_cff_next_entry(r, &pos, fd->priv_end, &e))
            return false;
        if (e.op == BX_CFF_OP_SUBRS && e.nargs == 1) {
            if (e.args[0] <= 0 || (unsigned long)e.args[0] >= r->len - fd->priv)
                return bx_cff_bad(r, "Subrs 超出数据范围");
            if (!bx_cff_index_at(r, fd->priv + (size_t)e.args[0], &fd->subrs))
                return false;
        }
    }
    return true;
}

/* The Font DICT of every glyph (FDSelect, formats 0 and 3). */
bool bx_cff_read_fdselect(bx_cff_reader *r, size_t off, unsigned nglyphs, unsigned nfds,
                          const uint16_t *gids, size_t n, uint8_t *fds)
{
    size_t want = gids ? n : nglyphs, k = 0;
    uint32_t format, v, nranges, first, next;
    if (!bx_cff_card(r, off, 1, &format))
        return false;
    if (format == 0) {
        for (; k < want; k++) {
            if (!bx_cff_card(r, off + 1 + (gids ? gids[k] : k), 1, &v))
                return false;
            if (v >= nfds)
                return bx_cff_bad(r, "FDSelect 无效");
            fds[k] = (uint8_t)v;
        }
        return true;
    }
    if (format != 3 || !bx_cff_card(r, off + 1, 2, &nranges) || nranges == 0 ||
        !bx_cff_card(r, off + 3, 2, &first) || first != 0)
        return bx_cff_bad(r, "FDSelect 无效");
    for (uint32_t i = 0; i < nranges; i++) {
        size_t at = off + 3 + 3 * (size_t)i;
        if (!bx_cff_card(r, at + 2, 1, &v) || !bx_cff_card(r, at + 3, 2, &next))
            return false;
        if (v >= nfds || next < first || next > nglyphs)
            return bx_cff_bad(r, "FDSelect 无效");
        for (; k < want && (gids ? gids[k] : k) < next; k++)
            fds[k] = (uint8_t)v;
        first = next;
    }
    return first == nglyphs || bx_cff_bad(r, "FDSelect 无效");
}

bool bx_cff_read_charset(bx_cff_reader *r, size_t off, unsigned nglyphs, const uint16_t *gids,
                         size_t n, uint16_t *cids)
{
    size_t want = gids ? n : nglyphs, k = 0;
    for (; k < want && (gids ? gids[k] : k) == 0; k++)
        cids[k] = 0; /* .notdef */
    uint32_t format, v, left;
    if (!bx_cff_card(r, off, 1, &format))
        return false;
    if (format == 0) {
        for (; k < want; k++) {
            if (!bx_cff_card(r, off + 1 + 2 * ((gids ? gids[k] : k) - 1), 2, &v))
                return false;
            cids[k] = (uint16_t)v;
        }
        return true;
    }
    if (format != 1 && format != 2)
        return bx_cff_bad(r, "charset 的格式无效");
    int nleft = format == 1 ? 1 : 2;
    size_t pos = off + 1;
    for (unsigned gid = 1; gid < nglyphs && k < want; pos += 2 + (size_t)nleft) {
        if (!bx_cff_card(r, pos, 2, &v) || !bx_cff_card(r, pos + 2, nleft, &left))
            return false;
        uint32_t used = gid + left < nglyphs ? left : nglyphs - 1 - gid; /* within the glyphs */
        if (v + used > 0xFFFF)
            return bx_cff_bad(r, "charset 中的 CID 超出范围");
        size_t g;
        for (; k < want && (g = gids ? gids[k] : k) <= gid + left; k++)
            cids[k] = (uint16_t)(v + (g - gid));
        gid += left + 1;
    }
    return true;
}

/* The Font DICTs of a CID-keyed program. */
bool bx_cff_read_font_dicts(bx_cff_reader *r, const bx_cff_program *pg, bx_cff_font_dict *fds,
                            unsigned *nfds)
{
    bx_cff_index fdarray;
    if (!pg->top.has_ros)
        return bx_cff_bad(r, "不是 CID 字体");
    if (pg->top.fdarray <= 0 || (unsigned long)pg->top.fdarray >= r->len ||
        !bx_cff_index_at(r, (size_t)pg->top.fdarray, &fdarray))
        return bx_cff_bad(r, "没有 FDArray");
    if (fdarray.count == 0 || fdarray.count > BX_CFF_MAX_FDS)
        return bx_cff_bad(r, "FDArray 无效");
    for (uint32_t i = 0; i < fdarray.count; i++) {
        size_t start, end;
        if (!bx_cff_index_item(r, &fdarray, i, &start, &end) ||
            !read_font_dict(r, start, end, &fds[i]))
            return false;
    }
    *nfds = fdarray.count;
    return true;
}
