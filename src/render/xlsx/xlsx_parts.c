/* The parts of a workbook beside its sheets: sharedStrings.xml, styles.xml
 * (the indent of every cell format) and docProps/custom.xml; and the
 * decoding of OOXML text, which shared strings and cells share. */
#include "xlsx_read.h"
#include "xlsx_reader.h"

#include "text.h"

#include <stdlib.h>
#include <string.h>

/* ---- text ---- */

static int hex4(const char *s)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Length of an "_xHHHH_" escape at s (its UTF-16 unit in *unit), or 0. */
static size_t escape_at(const char *s, size_t n, uint32_t *unit)
{
    if (n < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
        return 0;
    int v = hex4(s + 2);
    if (v < 0)
        return 0;
    *unit = (uint32_t)v;
    return 7;
}

/* One escape (or surrogate pair of escapes) at s as a code point; 0 if s
 * holds none that names a character (then it is kept as written). */
static size_t decode_escape(const char *s, size_t n, uint32_t *cp)
{
    uint32_t hi, lo;
    size_t k = escape_at(s, n, &hi);
    if (k && hi >= 0xD800 && hi <= 0xDBFF && escape_at(s + 7, n - 7, &lo) && lo >= 0xDC00 &&
        lo <= 0xDFFF) {
        *cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
        return 14;
    }
    if (!k || hi == 0 || (hi >= 0xD800 && hi <= 0xDFFF))
        return 0;
    *cp = hi;
    return k;
}

/* Text of an OOXML ST_Xstring in the arena: Excel stores characters XML
 * cannot hold (CR, control characters) as "_xHHHH_", and a literal "_x…_"
 * with its underscore escaped as "_x005F_". Decoded in place: an escape
 * is always longer than its UTF-8. */
const char *bx_xread_decode_text(reader *rd, const bx_strbuf *b)
{
    size_t n = b->len;
    char *out = bx_arena_strndup(rd->arena, bx_strbuf_str(b), n, rd->err);
    if (!out || !strstr(out, "_x"))
        return out;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = decode_escape(out + i, n - i, &cp);
        if (k == 0) {
            out[o++] = out[i++];
            continue;
        }
        i += k;
        o += bx_utf8_encode(cp, out + o);
    }
    out[o] = '\0';
    return out;
}

/* ---- sharedStrings.xml ---- */

typedef struct sst_part {
    part base;
    bx_strbuf text; /* the <si> being read: its <t>, rich text runs' too */
    bool in_si;
    int phonetic; /* depth of <rPh>: furigana, not part of the text */
} sst_part;

static void sst_start(part *p, const char *name, const char **atts)
{
    (void)atts;
    sst_part *sp = (sst_part *)p;
    if (strcmp(name, "si") == 0) {
        sp->in_si = true;
        sp->phonetic = 0;
        bx_strbuf_reset(&sp->text);
    } else if (strcmp(name, "rPh") == 0) {
        sp->phonetic++;
    } else if (strcmp(name, "t") == 0 && sp->in_si && sp->phonetic == 0) {
        p->into = &sp->text;
    }
}

static void sst_end(part *p, const char *name)
{
    sst_part *sp = (sst_part *)p;
    reader *rd = p->rd;
    if (strcmp(name, "t") == 0) {
        p->into = NULL;
    } else if (strcmp(name, "rPh") == 0 && sp->phonetic > 0) {
        sp->phonetic--;
    } else if (strcmp(name, "si") == 0 && sp->in_si) {
        sp->in_si = false;
        if (rd->nsst == BX_XLSX_MAX_CELLS) {
            bx_xread_part_fail(p, BX_ERR_LIMIT, "%s（%s）超过 %d 项的上限", p->what, p->name,
                               BX_XLSX_MAX_CELLS);
            return;
        }
        if (!bx_xread_grow(rd, (void **)&rd->sst, &rd->cap_sst, rd->nsst, sizeof(char *)))
            return;
        const char *s = bx_xread_decode_text(rd, &sp->text);
        if (s)
            rd->sst[rd->nsst++] = s;
    }
}

bool bx_xread_shared_strings(reader *rd, const char *name, bool required)
{
    sst_part sp;
    bx_xread_part_init(&sp.base, rd, name, "共享字符串表", sst_start, sst_end);
    bx_strbuf_init(&sp.text, BX_XLSX_MAX_TEXT_BYTES);
    sp.in_si = false;
    sp.phonetic = 0;
    bool ok = bx_xread_parse_part(&sp.base, required);
    bx_strbuf_free(&sp.text);
    return ok;
}

/* ---- styles.xml: the indent and decimals of every cell format ---- */

enum { MAX_NUM_FORMATS = 512 }; /* custom number formats remembered */

typedef struct styles_part {
    part base;
    int *indent, *fmt; /* per xf: its indent, its numFmtId */
    size_t n, cap, cap_fmt;
    bool in_xfs, in_xf;
    struct {
        long id;
        int decimals;
    } custom[MAX_NUM_FORMATS];
    int ncustom;
} styles_part;

/* The decimals a number format code shows ("#,##0.00" 2, "#,##0" 0), or
 * -1 for General, text or a code without digits. */
static int code_decimals(const char *code)
{
    bool digits = false, quoted = false;
    int after = -1;
    for (const char *p = code; *p && *p != ';'; p++) {
        if (*p == '"')
            quoted = !quoted;
        if (quoted)
            continue;
        if (*p == '[') { /* a colour or condition */
            const char *end = strchr(p, ']');
            if (!end)
                break;
            p = end;
        } else if (*p == '\\' && p[1]) {
            p++;
        } else if (*p == '.') {
            after = after < 0 ? 0 : after;
        } else if (*p == '0' || *p == '#' || *p == '?') {
            digits = true;
            after += after >= 0;
        } else if (strncmp(p, "General", 7) == 0 || *p == '@') {
            return -1;
        }
    }
    return digits ? (after > 0 ? after : 0) : -1;
}

/* Excel's built-in formats that show figures. */
static int builtin_decimals(long id)
{
    switch (id) {
    case 1:
    case 3:
    case 9:
    case 37:
    case 38: return 0;
    case 2:
    case 4:
    case 10:
    case 39:
    case 40: return 2;
    default: return -1;
    }
}

static void styles_start(part *p, const char *name, const char **atts)
{
    styles_part *sp = (styles_part *)p;
    long id;
    if (strcmp(name, "numFmt") == 0 && sp->ncustom < MAX_NUM_FORMATS &&
        bx_xread_parse_uint(bx_xread_attr(atts, "numFmtId"), 100000, &id)) {
        const char *code = bx_xread_attr(atts, "formatCode");
        sp->custom[sp->ncustom].id = id;
        sp->custom[sp->ncustom++].decimals = code ? code_decimals(code) : -1;
    } else if (strcmp(name, "cellXfs") == 0) {
        sp->in_xfs = true;
    } else if (strcmp(name, "xf") == 0 && sp->in_xfs) {
        if (sp->n == BX_XLSX_MAX_STYLES) {
            bx_xread_part_fail(p, BX_ERR_LIMIT, "%s（%s）的单元格格式超过 %d 个的上限", p->what,
                               p->name, BX_XLSX_MAX_STYLES);
            return;
        }
        if (!bx_xread_grow(p->rd, (void **)&sp->indent, &sp->cap, sp->n, sizeof(int)) ||
            !bx_xread_grow(p->rd, (void **)&sp->fmt, &sp->cap_fmt, sp->n, sizeof(int)))
            return;
        sp->fmt[sp->n] =
            bx_xread_parse_uint(bx_xread_attr(atts, "numFmtId"), 100000, &id) ? (int)id : 0;
        sp->indent[sp->n++] = 0;
        sp->in_xf = true;
    } else if (strcmp(name, "alignment") == 0 && sp->in_xf) {
        long indent;
        /* Excel allows 0..250; anything else counts as no indent */
        if (bx_xread_parse_uint(bx_xread_attr(atts, "indent"), 250, &indent))
            sp->indent[sp->n - 1] = (int)indent;
    }
}

static void styles_end(part *p, const char *name)
{
    styles_part *sp = (styles_part *)p;
    if (strcmp(name, "cellXfs") == 0)
        sp->in_xfs = false;
    else if (strcmp(name, "xf") == 0)
        sp->in_xf = false;
}

bool bx_xread_styles(reader *rd, const char *name, bool required)
{
    styles_part sp = {.n = 0};
    bx_xread_part_init(&sp.base, rd, name, "样式表", styles_start, styles_end);
    bool ok = bx_xread_parse_part(&sp.base, required);
    for (size_t i = 0; ok && i < sp.n; i++) { /* numFmtId → decimals, in place */
        int decimals = builtin_decimals(sp.fmt[i]);
        for (int k = 0; k < sp.ncustom; k++)
            if (sp.custom[k].id == sp.fmt[i])
                decimals = sp.custom[k].decimals;
        sp.fmt[i] = decimals;
    }
    if (ok && sp.n) {
        rd->book->xf_indent = bx_xread_keep(rd, sp.indent, sp.n, sizeof(int));
        rd->book->xf_decimals = bx_xread_keep(rd, sp.fmt, sp.n, sizeof(int));
        rd->book->nxf = rd->book->xf_indent && rd->book->xf_decimals ? sp.n : 0;
    }
    free(sp.indent);
    free(sp.fmt);
    return ok && !bx_failed(rd->err);
}

/* ---- docProps/custom.xml ---- */

typedef struct props_part {
    part base;
    bx_xprop *items;
    size_t n, cap;
    int level; /* 1 inside <property>, 2 inside its value element */
    const char *name;
    bx_strbuf value;
} props_part;

static void props_start(part *p, const char *name, const char **atts)
{
    props_part *pp = (props_part *)p;
    if (pp->level > 0) {
        if (++pp->level == 2) {
            bx_strbuf_reset(&pp->value);
            p->into = &pp->value;
        }
    } else if (strcmp(name, "property") == 0) {
        const char *prop = bx_xread_attr(atts, "name");
        pp->level = 1;
        pp->name = prop ? bx_arena_strdup(p->rd->arena, prop, p->rd->err) : NULL;
    }
}

static void props_end(part *p, const char *name)
{
    (void)name;
    props_part *pp = (props_part *)p;
    reader *rd = p->rd;
    if (pp->level == 0 || --pp->level != 1)
        return;
    p->into = NULL;
    if (!pp->name)
        return;
    if (pp->n == MAX_LIST) {
        bx_xread_part_fail(p, BX_ERR_LIMIT, "%s（%s）超过 %d 项的上限", p->what, p->name, MAX_LIST);
        return;
    }
    if (!bx_xread_grow(rd, (void **)&pp->items, &pp->cap, pp->n, sizeof *pp->items))
        return;
    const char *value = bx_arena_strdup(rd->arena, bx_strbuf_str(&pp->value), rd->err);
    if (value)
        pp->items[pp->n++] = (bx_xprop){.name = pp->name, .value = value};
    pp->name = NULL; /* a second value element is not a second property */
}

bool bx_xread_properties(reader *rd, const char *name, bool required)
{
    props_part pp = {.n = 0};
    bx_xread_part_init(&pp.base, rd, name, "自定义属性", props_start, props_end);
    bx_strbuf_init(&pp.value, BX_XLSX_MAX_TEXT_BYTES);
    bool ok = bx_xread_parse_part(&pp.base, required);
    if (ok && pp.n) {
        rd->book->props = bx_xread_keep(rd, pp.items, pp.n, sizeof *pp.items);
        rd->book->nprops = rd->book->props ? pp.n : 0;
    }
    bx_strbuf_free(&pp.value);
    free(pp.items);
    return ok && !bx_failed(rd->err);
}
