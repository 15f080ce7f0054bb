/* The parts of a CFF program the PDF needs (pdf_cff.h), after Adobe's
 * Technical Note #5176, "The Compact Font Format Specification": the
 * header, the Name, Top DICT and String INDEXes, the Top DICT's charset,
 * CharStrings and ROS operators, the CharStrings INDEX's count and the
 * charset in its three formats. */
#include "pdf_cff.h"

#include <stdlib.h>
#include <string.h>

enum {
    OP_CHARSET = 15,
    OP_CHARSTRINGS = 17,
    OP_ROS = 1230,          /* 12 30 */
    NSTANDARD_STRINGS = 391 /* SIDs below are the specification's own strings */
};

typedef struct reader {
    const unsigned char *p;
    size_t len;
    const char *what; /* the first thing found wrong */
} reader;

static bool bad(reader *r, const char *what)
{
    if (!r->what)
        r->what = what;
    return false;
}

/* A big-endian number of n bytes (1–4) at off. */
static bool card(reader *r, size_t off, int n, uint32_t *v)
{
    if (off > r->len || (size_t)n > r->len - off)
        return bad(r, "数据不完整");
    *v = 0;
    for (int i = 0; i < n; i++)
        *v = (*v << 8) | r->p[off + (size_t)i];
    return true;
}

/* An INDEX at off: its count, where item i is, and where it ends. */
typedef struct cff_index {
    uint32_t count;
    size_t offsets; /* the offset array */
    int off_size;
    size_t data; /* the byte before the first item: offsets count from it */
    size_t end;
} cff_index;

static bool index_at(reader *r, size_t off, cff_index *ix)
{
    memset(ix, 0, sizeof *ix);
    if (!card(r, off, 2, &ix->count))
        return false;
    if (ix->count == 0) {
        ix->end = off + 2;
        return true;
    }
    uint32_t size, last;
    if (!card(r, off + 2, 1, &size))
        return false;
    if (size < 1 || size > 4)
        return bad(r, "INDEX 的偏移量长度无效");
    ix->off_size = (int)size;
    ix->offsets = off + 3;
    ix->data = ix->offsets + ((size_t)ix->count + 1) * size - 1;
    if (!card(r, ix->offsets + (size_t)ix->count * size, ix->off_size, &last))
        return false;
    if (last < 1 || last > r->len - ix->data)
        return bad(r, "INDEX 超出数据范围");
    ix->end = ix->data + last;
    return true;
}

static bool index_item(reader *r, const cff_index *ix, uint32_t i, size_t *start, size_t *end)
{
    uint32_t a, b;
    if (i >= ix->count ||
        !card(r, ix->offsets + (size_t)i * (size_t)ix->off_size, ix->off_size, &a) ||
        !card(r, ix->offsets + ((size_t)i + 1) * (size_t)ix->off_size, ix->off_size, &b))
        return bad(r, "INDEX 不完整");
    if (a < 1 || b < a || ix->data + b > ix->end)
        return bad(r, "INDEX 的偏移量无效");
    *start = ix->data + a;
    *end = ix->data + b;
    return true;
}

/* What the Top DICT says. */
typedef struct top_dict {
    long charset, charstrings;
    long ros[3]; /* registry SID, ordering SID, supplement */
    bool has_ros, has_charstrings;
} top_dict;

/* One operand at *pos (its value, for the integers; reals read as 0). */
static bool operand(reader *r, size_t *pos, size_t end, long *v)
{
    unsigned b0 = r->p[*pos];
    uint32_t x;
    if (b0 >= 32 && b0 <= 246) {
        *v = (long)b0 - 139;
        *pos += 1;
    } else if (b0 >= 247 && b0 <= 254) {
        if (*pos + 1 >= end)
            return bad(r, "Top DICT 不完整");
        long w = ((long)(b0 >= 251 ? b0 - 251 : b0 - 247) << 8) + r->p[*pos + 1] + 108;
        *v = b0 >= 251 ? -w : w;
        *pos += 2;
    } else if (b0 == 28 || b0 == 29) {
        int n = b0 == 28 ? 2 : 4;
        if (*pos + (size_t)n >= end || !card(r, *pos + 1, n, &x))
            return bad(r, "Top DICT 不完整");
        *v = n == 2 ? (long)(int16_t)x : (long)(int32_t)x;
        *pos += 1 + (size_t)n;
    } else if (b0 == 30) { /* a real: nibbles up to one of 0xF */
        size_t i = *pos + 1;
        while (i < end && (r->p[i] & 0xF0) != 0xF0 && (r->p[i] & 0x0F) != 0x0F)
            i++;
        if (i >= end)
            return bad(r, "Top DICT 不完整");
        *v = 0;
        *pos = i + 1;
    } else {
        return bad(r, "Top DICT 中有无效的字节");
    }
    return true;
}

static bool read_top_dict(reader *r, size_t pos, size_t end, top_dict *t)
{
    long stack[48];
    int n = 0;
    memset(t, 0, sizeof *t);
    while (pos < end) {
        unsigned b0 = r->p[pos];
        if (b0 > 21) {
            if (n == 48)
                return bad(r, "Top DICT 的操作数过多");
            if (!operand(r, &pos, end, &stack[n++]))
                return false;
            continue;
        }
        int op = (int)b0;
        if (b0 == 12) {
            if (pos + 1 >= end)
                return bad(r, "Top DICT 不完整");
            op = 1200 + r->p[pos + 1];
            pos++;
        }
        pos++;
        if (op == OP_CHARSET && n >= 1) {
            t->charset = stack[n - 1];
        } else if (op == OP_CHARSTRINGS && n >= 1) {
            t->charstrings = stack[n - 1];
            t->has_charstrings = true;
        } else if (op == OP_ROS && n >= 3) {
            memcpy(t->ros, stack + n - 3, sizeof t->ros);
            t->has_ros = true;
        }
        n = 0;
    }
    return true;
}

/* The text of a SID from the String INDEX, if it is one of the font's own
 * strings and a plain name ([A-Za-z0-9_.-]); else "". */
static void string_of(reader *r, const cff_index *strings, long sid, char *out, size_t size)
{
    size_t start, end;
    out[0] = '\0';
    if (sid < NSTANDARD_STRINGS || sid - NSTANDARD_STRINGS >= (long)strings->count ||
        !index_item(r, strings, (uint32_t)(sid - NSTANDARD_STRINGS), &start, &end) ||
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

/* The CIDs of glyphs 1 … nglyphs-1 from a charset at off (glyph 0 is
 * CID 0). */
static bool read_charset(reader *r, size_t off, bx_cff *cff)
{
    uint32_t format, v, left;
    if (!card(r, off, 1, &format))
        return false;
    size_t pos = off + 1;
    unsigned gid = 1;
    if (format == 0) {
        for (; gid < cff->nglyphs; gid++, pos += 2) {
            if (!card(r, pos, 2, &v))
                return false;
            cff->cids[gid] = (uint16_t)v;
        }
        return true;
    }
    if (format != 1 && format != 2)
        return bad(r, "charset 的格式无效");
    int nleft = format == 1 ? 1 : 2;
    while (gid < cff->nglyphs) {
        if (!card(r, pos, 2, &v) || !card(r, pos + 2, nleft, &left))
            return false;
        pos += 2 + (size_t)nleft;
        for (uint32_t k = 0; k <= left && gid < cff->nglyphs; k++, gid++) {
            if (v + k > 0xFFFF)
                return bad(r, "charset 中的 CID 超出范围");
            cff->cids[gid] = (uint16_t)(v + k);
        }
    }
    return true;
}

static bool read_cff(reader *r, bx_cff *cff)
{
    uint32_t major, hdr_size;
    if (!card(r, 0, 1, &major) || !card(r, 2, 1, &hdr_size))
        return false;
    if (major != 1)
        return bad(r, "不是 CFF 第 1 版");
    cff_index names, tops, strings, charstrings;
    size_t top_start, top_end;
    top_dict t;
    if (!index_at(r, hdr_size, &names) || !index_at(r, names.end, &tops) ||
        !index_at(r, tops.end, &strings) || !index_item(r, &tops, 0, &top_start, &top_end) ||
        !read_top_dict(r, top_start, top_end, &t))
        return false;
    if (!t.has_charstrings || t.charstrings <= 0 || (unsigned long)t.charstrings >= r->len)
        return bad(r, "没有 CharStrings");
    if (!index_at(r, (size_t)t.charstrings, &charstrings))
        return false;
    if (charstrings.count == 0 || charstrings.count > 0xFFFF)
        return bad(r, "字形数无效");
    cff->nglyphs = charstrings.count;
    cff->cids = calloc(cff->nglyphs, sizeof *cff->cids);
    if (!cff->cids)
        return bad(r, "内存不足");
    cff->cid_keyed = t.has_ros;
    if (!cff->cid_keyed) { /* CIDs are glyph ids */
        for (unsigned g = 0; g < cff->nglyphs; g++)
            cff->cids[g] = (uint16_t)g;
        return true;
    }
    string_of(r, &strings, t.ros[0], cff->registry, sizeof cff->registry);
    string_of(r, &strings, t.ros[1], cff->ordering, sizeof cff->ordering);
    cff->supplement = (int)t.ros[2];
    /* 0–2 name the predefined charsets of fonts that are not CID-keyed */
    if (t.charset <= 2 || (unsigned long)t.charset >= r->len)
        return bad(r, "CID 字体没有 charset");
    return read_charset(r, (size_t)t.charset, cff);
}

bool bx_cff_read(const unsigned char *data, size_t len, bx_cff *out, bx_error *err)
{
    memset(out, 0, sizeof *out);
    reader r = {data, len, NULL};
    if (read_cff(&r, out))
        return true;
    bool nomem = strcmp(r.what, "内存不足") == 0;
    bx_cff_free(out);
    if (nomem)
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
    else
        bx_fail(err, NULL, BX_ERR_BACKEND, "字体的 CFF 表无法解析：%s", r.what);
    return false;
}

void bx_cff_free(bx_cff *cff)
{
    if (!cff)
        return;
    free(cff->cids);
    memset(cff, 0, sizeof *cff);
}
