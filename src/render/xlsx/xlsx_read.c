#include "xlsx_read.h"
#include "arena.h"

#include "strbuf.h"
#include "text.h"

#include <errno.h>
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* Expat joins a namespaced name as "uri|local". Names are compared by their
 * local part, so that x:c (LibreOffice, some generators) and c in the
 * default namespace read alike, and Strict OOXML's namespaces too. */
enum { NS_SEP = '|', MAX_LIST = 65536, MAX_DEPTH = 256 };

/* A relationship: Id → the part its Target names, of a Type. */
typedef struct rel {
    const char *id, *type, *target;
    bool external;
} rel;

typedef struct rels {
    rel *items;
    size_t n, cap;
} rels;

/* One reading of one workbook. Failures go to `error` (the caller's record
 * may be NULL or hold an older failure) and are copied out at the end. */
typedef struct reader {
    zip_t *zip;
    bx_xbook *book;
    bx_arena *arena;
    bx_error error;
    bx_error *err;          /* &error */
    bx_loc loc;             /* the workbook: every message names it */
    size_t ncells, nmerges; /* of the workbook so far */
    zip_uint64_t unzipped;  /* bytes of the parts read so far */
    const char **sst;
    size_t nsst, cap_sst;
} reader;

static bool fail(reader *rd, bx_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static bool fail(reader *rd, bx_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bx_vfail(rd->err, &rd->loc, status, fmt, ap);
    va_end(ap);
    return false;
}

static bool nomem(reader *rd)
{
    return fail(rd, BX_ERR_NOMEM, "内存不足");
}

/* Room for item n of `size` bytes in *items (capacity *cap). */
static bool grow(reader *rd, void **items, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return true;
    size_t want = *cap ? *cap * 2 : 16;
    void *p = realloc(*items, want * size);
    if (!p)
        return nomem(rd);
    *items = p;
    *cap = want;
    return true;
}

/* n items of `size` bytes moved into the arena (NULL for none). */
static void *keep(reader *rd, const void *items, size_t n, size_t size)
{
    if (n == 0)
        return NULL;
    void *p = bx_arena_alloc(rd->arena, n * size, rd->err);
    if (p)
        memcpy(p, items, n * size);
    return p;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && strcmp(s + a - b, tail) == 0;
}

/* Digits only, at most max; false otherwise. */
static bool parse_uint(const char *s, long max, long *out)
{
    long v = 0;
    if (!s || !*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        v = v * 10 + (*s - '0');
        if (v > max)
            return false;
    }
    *out = v;
    return true;
}

/* ---- cell references ---- */

typedef enum ref_status { REF_OK, REF_BAD, REF_RANGE } ref_status;

/* "D5" (n bytes) → row 4, col 3. Letters and digits past the limits still
 * parse, so that "XFE1" is out of range rather than invalid. */
static ref_status parse_ref(const char *s, size_t n, int *row, int *col)
{
    long c = 0, r = 0;
    size_t i = 0;
    for (; i < n && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')); i++) {
        c = c * 26 + ((s[i] | 0x20) - 'a' + 1);
        if (c > BX_XLSX_MAX_COLS)
            c = BX_XLSX_MAX_COLS + 1;
    }
    size_t letters = i;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
        r = r * 10 + (s[i] - '0');
        if (r > BX_XLSX_MAX_ROWS)
            r = BX_XLSX_MAX_ROWS + 1;
    }
    if (letters == 0 || i == letters || i != n || r == 0)
        return REF_BAD;
    if (c > BX_XLSX_MAX_COLS || r > BX_XLSX_MAX_ROWS)
        return REF_RANGE;
    *row = (int)r - 1;
    *col = (int)c - 1;
    return REF_OK;
}

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
static const char *decode_text(reader *rd, const bx_strbuf *b)
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

/* ---- XML parts ---- */

typedef struct part part;
typedef void (*start_fn)(part *p, const char *name, const char **atts);
typedef void (*end_fn)(part *p, const char *name);

/* The parse of one XML part; each kind of part embeds it first. */
struct part {
    reader *rd;
    XML_Parser xml;
    const char *name; /* the zip entry */
    char what[512];   /* for messages: "工作表“表3”" */
    bx_strbuf *into;  /* where character data goes; NULL: nowhere */
    start_fn start;
    end_fn end;
    int depth; /* of open elements */
    bool found;
};

static const char *local_name(const char *name)
{
    const char *sep = strrchr(name, NS_SEP);
    return sep ? sep + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(local_name(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

static void part_fail(part *p, bx_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void part_fail(part *p, bx_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bx_vfail(p->rd->err, &p->rd->loc, status, fmt, ap);
    va_end(ap);
    XML_StopParser(p->xml, XML_FALSE);
}

static void XMLCALL on_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    part *p = data;
    if (bx_failed(p->rd->err))
        return;
    /* expat keeps every open element: depth would cost memory unbounded */
    if (++p->depth > MAX_DEPTH)
        part_fail(p, BX_ERR_LIMIT, "%s（%s）的元素嵌套超过 %d 层", p->what, p->name, MAX_DEPTH);
    else
        p->start(p, local_name(name), atts);
}

static void XMLCALL on_end(void *data, const XML_Char *name)
{
    part *p = data;
    p->depth--;
    if (!bx_failed(p->rd->err))
        p->end(p, local_name(name));
}

static void XMLCALL on_text(void *data, const XML_Char *s, int len)
{
    part *p = data;
    if (!p->into || bx_failed(p->rd->err))
        return;
    if (!bx_strbuf_append(p->into, s, (size_t)len))
        part_fail(p, BX_ERR_LIMIT, "%s（%s）中有文字超过 %d KB 的上限", p->what, p->name,
                  BX_XLSX_MAX_TEXT_BYTES / 1024);
}

/* No spreadsheet writes a DTD; entities are how XML bombs explode. */
static void XMLCALL on_entity(void *data, const XML_Char *name, int param, const XML_Char *value,
                              int len, const XML_Char *base, const XML_Char *system,
                              const XML_Char *public, const XML_Char *notation)
{
    (void)name, (void)param, (void)value, (void)len, (void)base, (void)system, (void)public;
    (void)notation;
    part *p = data;
    part_fail(p, BX_ERR_SYNTAX, "%s（%s）含有 DTD 实体声明，不是电子表格软件写出的文件", p->what,
              p->name);
}

static const struct {
    enum XML_Error code;
    const char *text;
} xml_errors[] = {
    {XML_ERROR_NO_ELEMENTS, "内容不完整或为空"},
    {XML_ERROR_INVALID_TOKEN, "格式不正确"},
    {XML_ERROR_UNCLOSED_TOKEN, "标记没有结束"},
    {XML_ERROR_PARTIAL_CHAR, "字符不完整"},
    {XML_ERROR_TAG_MISMATCH, "开始标记与结束标记不匹配"},
    {XML_ERROR_DUPLICATE_ATTRIBUTE, "属性重复"},
    {XML_ERROR_JUNK_AFTER_DOC_ELEMENT, "根元素之后有多余的内容"},
    {XML_ERROR_UNDEFINED_ENTITY, "未定义的实体"},
    {XML_ERROR_UNKNOWN_ENCODING, "不支持的字符编码"},
    {XML_ERROR_INCORRECT_ENCODING, "字符编码与声明不符"},
    {XML_ERROR_UNBOUND_PREFIX, "未声明的命名空间前缀"},
    {XML_ERROR_SYNTAX, "语法错误"},
};

static bool xml_failed(part *p)
{
    if (bx_failed(p->rd->err))
        return false; /* a handler stopped the parser and said why */
    enum XML_Error code = XML_GetErrorCode(p->xml);
    const char *text = XML_ErrorString(code);
    for (size_t i = 0; i < sizeof xml_errors / sizeof xml_errors[0]; i++)
        if (xml_errors[i].code == code)
            text = xml_errors[i].text;
    return fail(p->rd, BX_ERR_SYNTAX, "%s（%s）的 XML 无效：第 %lu 行第 %lu 列：%s", p->what,
                p->name, (unsigned long)XML_GetCurrentLineNumber(p->xml),
                (unsigned long)XML_GetCurrentColumnNumber(p->xml) + 1, /* expat counts from 0 */
                text ? text : "未知错误");
}

/* Decompress the entry: at most the size the zip states, read whole so
 * that expat parses it in one call (fed in chunks, expat 2.5 rescans an
 * unfinished token with each chunk: quadratic on a huge token). One read
 * past the size must find the end: that is where libzip checks the CRC,
 * and more data than stated is a forged size. Caller frees. */
static char *read_entry(part *p, zip_file_t *file, zip_uint64_t size)
{
    char *buf = malloc(size + 1);
    if (!buf) {
        nomem(p->rd);
        return NULL;
    }
    zip_uint64_t have = 0;
    for (zip_int64_t got; (got = zip_fread(file, buf + have, size + 1 - have)) != 0;) {
        if (got < 0 || (zip_uint64_t)got > size - have) {
            fail(p->rd, BX_ERR_SYNTAX, "XLSX 文件已损坏（无法解压 %s：%s）", p->name,
                 got < 0 ? zip_file_strerror(file) : "长度与记录不符");
            free(buf);
            return NULL;
        }
        have += (zip_uint64_t)got;
    }
    if (have != size) {
        fail(p->rd, BX_ERR_SYNTAX, "XLSX 文件已损坏（无法解压 %s：%s）", p->name, "长度与记录不符");
        free(buf);
        return NULL;
    }
    return buf;
}

/* The entry's bytes (*size of them; caller frees), NULL if it is absent
 * (p->found false) or cannot be read (err set). */
static char *load_entry(part *p, zip_uint64_t *size)
{
    reader *rd = p->rd;
    zip_int64_t index = zip_name_locate(rd->zip, p->name, ZIP_FL_NOCASE);
    if (index < 0)
        return NULL;
    p->found = true;
    zip_stat_t st;
    if (zip_stat_index(rd->zip, (zip_uint64_t)index, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
        fail(rd, BX_ERR_SYNTAX, "XLSX 文件已损坏（无法读取 %s）", p->name);
        return NULL;
    }
    if (st.size > BX_XLSX_MAX_PART_BYTES) {
        fail(rd, BX_ERR_LIMIT, "%s（%s）解压后超过 %d MB 的上限", p->what, p->name,
             BX_XLSX_MAX_PART_BYTES / (1024 * 1024));
        return NULL;
    }
    /* a sheet part may be named by every sheet: bound the sum too */
    if (st.size > BX_XLSX_MAX_TOTAL_BYTES - rd->unzipped) {
        fail(rd, BX_ERR_LIMIT, "XLSX 文件解压后总计超过 %d MB 的上限",
             BX_XLSX_MAX_TOTAL_BYTES / (1024 * 1024));
        return NULL;
    }
    rd->unzipped += st.size;
    zip_file_t *file = zip_fopen_index(rd->zip, (zip_uint64_t)index, 0);
    if (!file) {
        fail(rd, BX_ERR_SYNTAX, "XLSX 文件已损坏（无法解压 %s：%s）", p->name,
             zip_strerror(rd->zip));
        return NULL;
    }
    char *data = read_entry(p, file, st.size);
    zip_fclose(file);
    *size = st.size;
    return data;
}

/* Parse the entry p->name with p's handlers. A missing entry is an error
 * if `required`, else p->found tells. */
static bool parse_part(part *p, bool required)
{
    reader *rd = p->rd;
    zip_uint64_t size = 0;
    char *data = load_entry(p, &size);
    if (!data && p->found)
        return false;
    if (!data)
        return required
                   ? fail(rd, BX_ERR_SYNTAX, "不是有效的 XLSX 文件（缺少%s %s）", p->what, p->name)
                   : true;
    p->xml = XML_ParserCreateNS(NULL, NS_SEP);
    if (!p->xml) {
        free(data);
        return nomem(rd);
    }
    XML_SetUserData(p->xml, p);
    XML_SetElementHandler(p->xml, on_start, on_end);
    XML_SetCharacterDataHandler(p->xml, on_text);
    XML_SetEntityDeclHandler(p->xml, on_entity);
    bool ok = XML_Parse(p->xml, data, (int)size, XML_TRUE) != XML_STATUS_ERROR || xml_failed(p);
    XML_ParserFree(p->xml);
    p->xml = NULL;
    free(data);
    return ok && !bx_failed(rd->err);
}

static void part_init(part *p, reader *rd, const char *name, const char *what, start_fn start,
                      end_fn end)
{
    memset(p, 0, sizeof *p);
    p->rd = rd;
    p->name = name;
    snprintf(p->what, sizeof p->what, "%s", what);
    p->start = start;
    p->end = end;
}

/* ---- relationships (_rels/NAME.rels) ---- */

/* The part a Target names: absolute ("/xl/x.xml") or relative to the
 * source part's folder, "." and ".." resolved. */
static const char *resolve_target(reader *rd, const char *source, const char *target)
{
    const char *slash = strrchr(source, '/');
    size_t dir = target[0] == '/' || !slash ? 0 : (size_t)(slash - source) + 1;
    size_t n = strlen(target);
    char *path = bx_arena_alloc(rd->arena, dir + n + 1, rd->err);
    if (!path)
        return NULL;
    memcpy(path, source, dir);
    memcpy(path + dir, target, n + 1);
    /* in place: the result is never longer */
    size_t o = 0;
    for (char *seg = path, *next; *seg; seg = next) {
        next = seg + strcspn(seg, "/\\");
        size_t len = (size_t)(next - seg);
        if (*next)
            next++;
        if (len == 0 || (len == 1 && seg[0] == '.'))
            continue;
        if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            while (o > 0 && path[--o] != '/')
                ;
            continue;
        }
        if (o > 0)
            path[o++] = '/';
        memmove(path + o, seg, len);
        o += len;
    }
    path[o] = '\0';
    return path;
}

typedef struct rels_part {
    part base;
    const char *source;
    rels *out;
} rels_part;

static void rels_start(part *p, const char *name, const char **atts)
{
    rels_part *rp = (rels_part *)p;
    reader *rd = p->rd;
    if (strcmp(name, "Relationship") != 0)
        return;
    const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
    const char *mode = attr(atts, "TargetMode");
    if (!id || !target)
        return; /* unusable: as if absent */
    if (rp->out->n == MAX_LIST) {
        part_fail(p, BX_ERR_LIMIT, "%s（%s）的关系超过 %d 个的上限", p->what, p->name, MAX_LIST);
        return;
    }
    if (!grow(rd, (void **)&rp->out->items, &rp->out->cap, rp->out->n, sizeof(rel)))
        return;
    rel *r = &rp->out->items[rp->out->n];
    r->external = mode && strcmp(mode, "External") == 0;
    r->id = bx_arena_strdup(rd->arena, id, rd->err);
    r->type = bx_arena_strdup(rd->arena, type ? type : "", rd->err);
    r->target = r->external ? bx_arena_strdup(rd->arena, target, rd->err)
                            : resolve_target(rd, rp->source, target);
    if (r->id && r->type && r->target)
        rp->out->n++;
}

static void no_end(part *p, const char *name)
{
    (void)p, (void)name;
}

/* The relationships of `source` ("" for the package): its folder's
 * _rels/<name>.rels; none if that is absent. */
static bool read_rels(reader *rd, const char *source, rels *out)
{
    const char *slash = strrchr(source, '/');
    size_t dir = slash ? (size_t)(slash - source) + 1 : 0;
    char name[1024];
    if (snprintf(name, sizeof name, "%.*s_rels/%s.rels", (int)dir, source, source + dir) >=
        (int)sizeof name)
        return fail(rd, BX_ERR_SYNTAX, "不是有效的 XLSX 文件（部件名称过长）");
    rels_part rp;
    part_init(&rp.base, rd, name, "关系表", rels_start, no_end);
    rp.source = source;
    rp.out = out;
    return parse_part(&rp.base, false);
}

static const rel *find_type(const rels *rs, const char *suffix)
{
    for (size_t i = 0; i < rs->n; i++)
        if (!rs->items[i].external && ends_with(rs->items[i].type, suffix))
            return &rs->items[i];
    return NULL;
}

static const rel *find_id(const rels *rs, const char *id)
{
    for (size_t i = 0; i < rs->n; i++)
        if (strcmp(rs->items[i].id, id) == 0)
            return &rs->items[i];
    return NULL;
}

/* ---- workbook.xml: the sheets, in order ---- */

typedef struct book_part {
    part base;
    const char **rids; /* per sheet: its r:id, or NULL */
    bool in_sheets;
} book_part;

static void book_start(part *p, const char *name, const char **atts)
{
    book_part *bp = (book_part *)p;
    bx_xbook *book = p->rd->book;
    if (strcmp(name, "sheets") == 0)
        bp->in_sheets = true;
    if (strcmp(name, "sheet") != 0 || !bp->in_sheets)
        return;
    if (book->nsheets == BX_XLSX_MAX_SHEETS) {
        part_fail(p, BX_ERR_LIMIT, "工作簿的工作表超过 %d 个的上限", BX_XLSX_MAX_SHEETS);
        return;
    }
    const char *sheet_name = attr(atts, "name"), *state = attr(atts, "state");
    const char *rid = attr(atts, "id");
    if (!sheet_name) {
        part_fail(p, BX_ERR_SYNTAX, "%s（%s）中有工作表没有名称", p->what, p->name);
        return;
    }
    bx_xsheet *s = &book->sheets[book->nsheets];
    s->name = bx_arena_strdup(p->rd->arena, sheet_name, p->rd->err);
    s->state = !state                             ? BX_XSHEET_VISIBLE
               : strcmp(state, "hidden") == 0     ? BX_XSHEET_HIDDEN
               : strcmp(state, "veryHidden") == 0 ? BX_XSHEET_VERY_HIDDEN
                                                  : BX_XSHEET_VISIBLE;
    bp->rids[book->nsheets] = rid ? bx_arena_strdup(p->rd->arena, rid, p->rd->err) : NULL;
    book->nsheets++;
}

static void book_end(part *p, const char *name)
{
    if (strcmp(name, "sheets") == 0)
        ((book_part *)p)->in_sheets = false;
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
            part_fail(p, BX_ERR_LIMIT, "%s（%s）超过 %d 项的上限", p->what, p->name,
                      BX_XLSX_MAX_CELLS);
            return;
        }
        if (!grow(rd, (void **)&rd->sst, &rd->cap_sst, rd->nsst, sizeof(char *)))
            return;
        const char *s = decode_text(rd, &sp->text);
        if (s)
            rd->sst[rd->nsst++] = s;
    }
}

static bool read_shared_strings(reader *rd, const char *name, bool required)
{
    sst_part sp;
    part_init(&sp.base, rd, name, "共享字符串表", sst_start, sst_end);
    bx_strbuf_init(&sp.text, BX_XLSX_MAX_TEXT_BYTES);
    sp.in_si = false;
    sp.phonetic = 0;
    bool ok = parse_part(&sp.base, required);
    bx_strbuf_free(&sp.text);
    return ok;
}

/* ---- styles.xml: the indent of every cell format ---- */

typedef struct styles_part {
    part base;
    int *indent;
    size_t n, cap;
    bool in_xfs, in_xf;
} styles_part;

static void styles_start(part *p, const char *name, const char **atts)
{
    styles_part *sp = (styles_part *)p;
    if (strcmp(name, "cellXfs") == 0) {
        sp->in_xfs = true;
    } else if (strcmp(name, "xf") == 0 && sp->in_xfs) {
        if (sp->n == BX_XLSX_MAX_STYLES) {
            part_fail(p, BX_ERR_LIMIT, "%s（%s）的单元格格式超过 %d 个的上限", p->what, p->name,
                      BX_XLSX_MAX_STYLES);
            return;
        }
        if (!grow(p->rd, (void **)&sp->indent, &sp->cap, sp->n, sizeof(int)))
            return;
        sp->indent[sp->n++] = 0;
        sp->in_xf = true;
    } else if (strcmp(name, "alignment") == 0 && sp->in_xf) {
        long indent;
        /* Excel allows 0..250; anything else counts as no indent */
        if (parse_uint(attr(atts, "indent"), 250, &indent))
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

static bool read_styles(reader *rd, const char *name, bool required)
{
    styles_part sp = {.n = 0};
    part_init(&sp.base, rd, name, "样式表", styles_start, styles_end);
    bool ok = parse_part(&sp.base, required);
    if (ok && sp.n) {
        rd->book->xf_indent = keep(rd, sp.indent, sp.n, sizeof(int));
        rd->book->nxf = rd->book->xf_indent ? sp.n : 0;
    }
    free(sp.indent);
    return ok && !bx_failed(rd->err);
}

/* ---- worksheets ---- */

typedef enum cell_kind { KIND_N, KIND_S, KIND_STR, KIND_INLINE, KIND_B, KIND_E, KIND_D } cell_kind;

typedef struct sheet_part {
    part base;
    bx_xsheet *sheet;
    bx_xcell *cells;
    size_t ncells, cap_cells;
    bx_xmerge *merges;
    size_t nmerges, cap_merges;
    bool in_data; /* inside <sheetData> */
    int row, col; /* of the last <row> (-1 before the first) and cell */
    /* the <c> being read */
    bool in_cell, has_v, has_is, in_is, formula;
    int phonetic;
    cell_kind kind;
    bx_xcell cell;
    bx_strbuf v, is;
} sheet_part;

static void fail_ref(part *p, ref_status status, const char *ref)
{
    const char *sheet = ((sheet_part *)p)->sheet->name;
    if (status == REF_RANGE)
        part_fail(p, BX_ERR_LIMIT, "工作表“%s”的单元格位置“%.40s”超出范围（最多 %d 行、%d 列）",
                  sheet, ref, BX_XLSX_MAX_ROWS, BX_XLSX_MAX_COLS);
    else
        part_fail(p, BX_ERR_SYNTAX, "工作表“%s”的单元格位置“%.40s”无效", sheet, ref);
}

static void start_row(sheet_part *sp, const char *ref)
{
    long r = sp->row + 2; /* 1-based: the one after the last */
    if (ref && !parse_uint(ref, BX_XLSX_MAX_ROWS, &r))
        r = 0;
    if (r < 1 || r > BX_XLSX_MAX_ROWS) {
        part_fail(&sp->base, BX_ERR_SYNTAX, "工作表“%s”的行号“%.40s”无效（应为 1 到 %d）",
                  sp->sheet->name, ref ? ref : "", BX_XLSX_MAX_ROWS);
        return;
    }
    sp->row = (int)r - 1;
    sp->col = -1;
}

static bool cell_kind_of(const char *t, cell_kind *kind)
{
    static const struct {
        const char *name;
        cell_kind kind;
    } kinds[] = {{"n", KIND_N}, {"s", KIND_S}, {"str", KIND_STR}, {"inlineStr", KIND_INLINE},
                 {"b", KIND_B}, {"e", KIND_E}, {"d", KIND_D}};
    if (!t) {
        *kind = KIND_N;
        return true;
    }
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (strcmp(t, kinds[i].name) == 0) {
            *kind = kinds[i].kind;
            return true;
        }
    }
    return false;
}

/* Where the cell is: its r="D5", else the column after the last cell. */
static bool place_cell(sheet_part *sp, const char *ref)
{
    int row = sp->row < 0 ? 0 : sp->row, col = sp->col + 1;
    if (ref) {
        ref_status status = parse_ref(ref, strlen(ref), &row, &col);
        if (status != REF_OK) {
            fail_ref(&sp->base, status, ref);
            return false;
        }
    } else if (col >= BX_XLSX_MAX_COLS) {
        part_fail(&sp->base, BX_ERR_LIMIT, "工作表“%s”第 %d 行超过 %d 列的上限", sp->sheet->name,
                  row + 1, BX_XLSX_MAX_COLS);
        return false;
    }
    sp->row = row; /* r-less cells and rows after this one follow it */
    sp->col = col;
    sp->cell = (bx_xcell){.row = row, .col = col, .type = BX_X_EMPTY, .text = ""};
    return true;
}

static void start_cell(sheet_part *sp, const char **atts)
{
    part *p = &sp->base;
    char ref[16];
    const char *t = attr(atts, "t"), *s = attr(atts, "s");
    if (!place_cell(sp, attr(atts, "r")))
        return;
    bx_cell_ref(sp->cell.row, sp->cell.col, ref, sizeof ref);
    long style = 0;
    if (s && !parse_uint(s, BX_XLSX_MAX_STYLES, &style)) {
        part_fail(p, BX_ERR_SYNTAX, "工作表“%s”的单元格 %s 的格式编号“%.40s”无效", sp->sheet->name,
                  ref, s);
        return;
    }
    if (!cell_kind_of(t, &sp->kind)) {
        part_fail(p, BX_ERR_SYNTAX, "工作表“%s”的单元格 %s 的类型“%.40s”无法识别", sp->sheet->name,
                  ref, t);
        return;
    }
    sp->cell.style = (int)style;
    sp->in_cell = true;
    sp->has_v = sp->has_is = sp->in_is = sp->formula = false;
    sp->phonetic = 0;
    bx_strbuf_reset(&sp->v);
    bx_strbuf_reset(&sp->is);
}

/* <mergeCell ref="A1:C2"> (or a single cell); corners in any order. */
static void add_merge(sheet_part *sp, const char *ref)
{
    part *p = &sp->base;
    if (!ref) {
        part_fail(p, BX_ERR_SYNTAX, "工作表“%s”有一个合并单元格没有范围", sp->sheet->name);
        return;
    }
    const char *colon = strchr(ref, ':');
    size_t n = colon ? (size_t)(colon - ref) : strlen(ref);
    const char *second = colon ? colon + 1 : ref;
    int r0, c0, r1, c1;
    ref_status status = parse_ref(ref, n, &r0, &c0);
    if (status == REF_OK)
        status = parse_ref(second, strlen(second), &r1, &c1);
    if (status != REF_OK) {
        fail_ref(p, status, ref);
        return;
    }
    if (p->rd->nmerges == BX_XLSX_MAX_CELLS) {
        part_fail(p, BX_ERR_LIMIT, "工作簿的合并单元格超过 %d 个的上限", BX_XLSX_MAX_CELLS);
        return;
    }
    if (!grow(p->rd, (void **)&sp->merges, &sp->cap_merges, sp->nmerges, sizeof(bx_xmerge)))
        return;
    p->rd->nmerges++;
    sp->merges[sp->nmerges++] = (bx_xmerge){.first_row = r0 < r1 ? r0 : r1,
                                            .first_col = c0 < c1 ? c0 : c1,
                                            .last_row = r0 < r1 ? r1 : r0,
                                            .last_col = c0 < c1 ? c1 : c0};
}

/* An element inside <c>: the value, the formula, an inline string. */
static void start_in_cell(sheet_part *sp, const char *name)
{
    if (strcmp(name, "v") == 0) {
        sp->has_v = true;
        bx_strbuf_reset(&sp->v);
        sp->base.into = &sp->v;
    } else if (strcmp(name, "f") == 0) {
        sp->formula = true;
    } else if (strcmp(name, "is") == 0) {
        sp->has_is = sp->in_is = true;
    } else if (strcmp(name, "rPh") == 0) {
        sp->phonetic++;
    } else if (strcmp(name, "t") == 0 && sp->in_is && sp->phonetic == 0) {
        sp->base.into = &sp->is;
    }
}

static void sheet_start(part *p, const char *name, const char **atts)
{
    sheet_part *sp = (sheet_part *)p;
    if (strcmp(name, "sheetData") == 0) {
        sp->in_data = true;
    } else if (!sp->in_data) {
        if (strcmp(name, "mergeCell") == 0)
            add_merge(sp, attr(atts, "ref"));
    } else if (strcmp(name, "row") == 0) {
        start_row(sp, attr(atts, "r"));
    } else if (strcmp(name, "c") == 0) {
        start_cell(sp, atts);
    } else if (sp->in_cell) {
        start_in_cell(sp, name);
    }
}

/* The value of the cell just read, by its t= kind. */
static void cell_value(sheet_part *sp, const char *ref)
{
    part *p = &sp->base;
    reader *rd = p->rd;
    bx_xcell *c = &sp->cell;
    const char *v = bx_strbuf_str(&sp->v);
    long index;
    switch (sp->kind) {
    case KIND_N:
        if (sp->v.len > 0) {
            c->type = BX_X_NUMBER;
            c->text = bx_arena_strdup(rd->arena, v, rd->err);
        } else if (sp->has_is) { /* an inline string without its t= */
            c->type = BX_X_STRING;
            c->text = decode_text(rd, &sp->is);
        }
        break;
    case KIND_S:
        if (!sp->has_v)
            break;
        if (!parse_uint(v, BX_XLSX_MAX_CELLS, &index) || (size_t)index >= rd->nsst) {
            part_fail(p, BX_ERR_SYNTAX,
                      "工作表“%s”的单元格 %s 引用了不存在的共享字符串（第 %.20s 项，共 %zu 项）",
                      sp->sheet->name, ref, v, rd->nsst);
            break;
        }
        c->type = BX_X_STRING;
        c->text = rd->sst[index];
        break;
    case KIND_STR:
        if (sp->has_v) {
            c->type = BX_X_STRING;
            c->text = decode_text(rd, &sp->v);
        }
        break;
    case KIND_INLINE:
        if (sp->has_is) {
            c->type = BX_X_STRING;
            c->text = decode_text(rd, &sp->is);
        }
        break;
    case KIND_B:
        if (!sp->has_v)
            break;
        if (strcmp(v, "1") != 0 && strcmp(v, "0") != 0 && strcmp(v, "true") != 0 &&
            strcmp(v, "false") != 0) {
            part_fail(p, BX_ERR_SYNTAX, "工作表“%s”的单元格 %s 的逻辑值“%.20s”无效",
                      sp->sheet->name, ref, v);
            break;
        }
        c->type = BX_X_BOOL;
        c->text = v[0] == '1' || v[0] == 't' ? "1" : "0";
        break;
    case KIND_E:
    case KIND_D:
        if (sp->has_v) {
            c->type = sp->kind == KIND_E ? BX_X_ERROR : BX_X_STRING;
            c->text = bx_arena_strdup(rd->arena, v, rd->err);
        }
        break;
    }
    if (!c->text)
        c->text = ""; /* out of memory: err says so */
}

static void end_cell(sheet_part *sp)
{
    part *p = &sp->base;
    reader *rd = p->rd;
    char ref[16];
    bx_cell_ref(sp->cell.row, sp->cell.col, ref, sizeof ref);
    sp->in_cell = false;
    p->into = NULL;
    cell_value(sp, ref);
    bx_xcell *c = &sp->cell;
    c->formula = sp->formula;
    c->cached = sp->formula && (sp->has_v || sp->has_is);
    if (bx_failed(rd->err) || (c->type == BX_X_EMPTY && !c->formula && c->style == 0))
        return;
    if (rd->ncells == BX_XLSX_MAX_CELLS) {
        part_fail(p, BX_ERR_LIMIT, "工作簿的单元格超过 %d 个的上限", BX_XLSX_MAX_CELLS);
        return;
    }
    if (!grow(rd, (void **)&sp->cells, &sp->cap_cells, sp->ncells, sizeof *c))
        return;
    sp->cells[sp->ncells++] = *c;
    rd->ncells++;
}

static void sheet_end(part *p, const char *name)
{
    sheet_part *sp = (sheet_part *)p;
    if (strcmp(name, "sheetData") == 0) {
        sp->in_data = false;
    } else if (strcmp(name, "c") == 0 && sp->in_cell) {
        end_cell(sp);
    } else if (strcmp(name, "v") == 0 || strcmp(name, "t") == 0) {
        p->into = NULL;
    } else if (strcmp(name, "is") == 0) {
        sp->in_is = false;
    } else if (strcmp(name, "rPh") == 0 && sp->phonetic > 0) {
        sp->phonetic--;
    }
}

static int compare_cells(const void *a, const void *b)
{
    const bx_xcell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* Cells sorted (a file may list rows in any order), each position once,
 * moved into the arena with the merges; the sheet's extent. */
static bool finish_sheet(sheet_part *sp)
{
    reader *rd = sp->base.rd;
    bx_xsheet *s = sp->sheet;
    for (size_t i = 1; i < sp->ncells; i++) {
        if (compare_cells(&sp->cells[i - 1], &sp->cells[i]) >= 0) {
            qsort(sp->cells, sp->ncells, sizeof *sp->cells, compare_cells);
            break;
        }
    }
    for (size_t i = 1; i < sp->ncells; i++) {
        if (compare_cells(&sp->cells[i - 1], &sp->cells[i]) == 0) {
            char ref[16];
            bx_cell_ref(sp->cells[i].row, sp->cells[i].col, ref, sizeof ref);
            return fail(rd, BX_ERR_SYNTAX, "工作表“%s”的单元格 %s 出现了两次", s->name, ref);
        }
    }
    for (size_t i = 0; i < sp->ncells; i++) {
        s->nrows = sp->cells[i].row >= s->nrows ? sp->cells[i].row + 1 : s->nrows;
        s->ncols = sp->cells[i].col >= s->ncols ? sp->cells[i].col + 1 : s->ncols;
    }
    for (size_t i = 0; i < sp->nmerges; i++) {
        s->nrows = sp->merges[i].last_row >= s->nrows ? sp->merges[i].last_row + 1 : s->nrows;
        s->ncols = sp->merges[i].last_col >= s->ncols ? sp->merges[i].last_col + 1 : s->ncols;
    }
    s->cells = keep(rd, sp->cells, sp->ncells, sizeof *sp->cells);
    s->merges = keep(rd, sp->merges, sp->nmerges, sizeof *sp->merges);
    s->ncells = s->cells ? sp->ncells : 0;
    s->nmerges = s->merges ? sp->nmerges : 0;
    return !bx_failed(rd->err);
}

static bool read_sheet(reader *rd, bx_xsheet *s, const char *name)
{
    sheet_part sp = {.sheet = s, .row = -1, .col = -1};
    char what[512];
    snprintf(what, sizeof what, "工作表“%s”", s->name);
    part_init(&sp.base, rd, name, what, sheet_start, sheet_end);
    bx_strbuf_init(&sp.v, BX_XLSX_MAX_TEXT_BYTES);
    bx_strbuf_init(&sp.is, BX_XLSX_MAX_TEXT_BYTES);
    bool ok = parse_part(&sp.base, true) && finish_sheet(&sp);
    bx_strbuf_free(&sp.v);
    bx_strbuf_free(&sp.is);
    free(sp.cells);
    free(sp.merges);
    return ok;
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
        const char *prop = attr(atts, "name");
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
        part_fail(p, BX_ERR_LIMIT, "%s（%s）超过 %d 项的上限", p->what, p->name, MAX_LIST);
        return;
    }
    if (!grow(rd, (void **)&pp->items, &pp->cap, pp->n, sizeof *pp->items))
        return;
    const char *value = bx_arena_strdup(rd->arena, bx_strbuf_str(&pp->value), rd->err);
    if (value)
        pp->items[pp->n++] = (bx_xprop){.name = pp->name, .value = value};
    pp->name = NULL; /* a second value element is not a second property */
}

static bool read_properties(reader *rd, const char *name, bool required)
{
    props_part pp = {.n = 0};
    part_init(&pp.base, rd, name, "自定义属性", props_start, props_end);
    bx_strbuf_init(&pp.value, BX_XLSX_MAX_TEXT_BYTES);
    bool ok = parse_part(&pp.base, required);
    if (ok && pp.n) {
        rd->book->props = keep(rd, pp.items, pp.n, sizeof *pp.items);
        rd->book->nprops = rd->book->props ? pp.n : 0;
    }
    bx_strbuf_free(&pp.value);
    free(pp.items);
    return ok && !bx_failed(rd->err);
}

/* ---- the package ---- */

/* The part a relationship of `type` names, else the conventional one (then
 * it may be absent). */
static const char *part_of(reader *rd, const rels *rs, const char *type, const char *source,
                           const char *fallback, bool *required)
{
    const rel *r = find_type(rs, type);
    *required = r != NULL;
    return r ? r->target : resolve_target(rd, source, fallback);
}

static bool read_workbook(reader *rd, const char *name, const char ***rids)
{
    bx_xbook *book = rd->book;
    book_part bp = {.in_sheets = false};
    book->sheets = bx_arena_alloc(rd->arena, BX_XLSX_MAX_SHEETS * sizeof *book->sheets, rd->err);
    *rids = bx_arena_alloc(rd->arena, BX_XLSX_MAX_SHEETS * sizeof **rids, rd->err);
    if (!book->sheets || !*rids)
        return false;
    bp.rids = *rids;
    part_init(&bp.base, rd, name, "工作簿目录", book_start, book_end);
    return parse_part(&bp.base, true);
}

/* Each sheet's part through the workbook's relationships. Chart sheets
 * and other kinds have no cells. */
static bool read_sheets(reader *rd, const rels *wb, const char **rids)
{
    for (size_t i = 0; i < rd->book->nsheets; i++) {
        bx_xsheet *s = &rd->book->sheets[i];
        const rel *r = rids[i] ? find_id(wb, rids[i]) : NULL;
        if (!r || r->external)
            return fail(rd, BX_ERR_SYNTAX, "XLSX 文件不完整：找不到工作表“%s”的内容（关系“%s”）",
                        s->name, rids[i] ? rids[i] : "");
        if (ends_with(r->type, "/worksheet") && !read_sheet(rd, s, r->target))
            return false;
    }
    return true;
}

static void read_package(reader *rd)
{
    rels root = {.n = 0}, wb = {.n = 0};
    const char **rids = NULL;
    bool required;
    if (!read_rels(rd, "", &root))
        goto done;
    const char *workbook = part_of(rd, &root, "/officeDocument", "", "xl/workbook.xml", &required);
    const char *custom =
        part_of(rd, &root, "/custom-properties", "", "docProps/custom.xml", &required);
    if (!workbook || !custom || !read_properties(rd, custom, required))
        goto done;
    if (!read_rels(rd, workbook, &wb) || !read_workbook(rd, workbook, &rids))
        goto done;
    const char *sst = part_of(rd, &wb, "/sharedStrings", workbook, "sharedStrings.xml", &required);
    if (!sst || !read_shared_strings(rd, sst, required))
        goto done;
    const char *styles = part_of(rd, &wb, "/styles", workbook, "styles.xml", &required);
    if (!styles || !read_styles(rd, styles, required))
        goto done;
    read_sheets(rd, &wb, rids);
done:
    free(root.items);
    free(wb.items);
}

static bool new_book(reader *rd, const char *path)
{
    rd->book = bx_calloc(1, sizeof *rd->book, rd->err);
    if (!rd->book)
        return false;
    rd->arena = rd->book->arena = bx_arena_new();
    if (!rd->arena)
        return nomem(rd);
    rd->book->path = bx_arena_strdup(rd->arena, path, rd->err);
    rd->loc = (bx_loc){rd->book->path, 0, 0};
    return rd->book->path != NULL;
}

/* Read the opened archive (discarded here) into a book. */
static bx_xbook *read_book(zip_t *zip, const char *path, bx_error *err)
{
    reader rd = {.zip = zip, .loc = {path, 0, 0}};
    rd.err = &rd.error;
    if (new_book(&rd, path))
        read_package(&rd);
    free(rd.sst);
    zip_discard(zip);
    if (!bx_failed(rd.err))
        return rd.book;
    bx_xbook_free(rd.book);
    if (err && err->status == BX_OK)
        *err = rd.error;
    return NULL;
}

/* Why libzip could not open the archive, for the finance user. `head`
 * holds the first bytes of the file, if known. */
static void open_failed(const char *path, zip_error_t *ze, const unsigned char *head, size_t n,
                        bx_error *err)
{
    bx_loc loc = {path, 0, 0};
    int code = zip_error_code_zip(ze);
    if (code == ZIP_ER_NOENT || code == ZIP_ER_OPEN || code == ZIP_ER_READ) {
        int sys = zip_error_code_system(ze);
        bx_fail(err, &loc, BX_ERR_IO, "无法打开文件：%s",
                sys ? strerror(sys) : zip_error_strerror(ze));
    } else if (n >= 4 && memcmp(head, "\xD0\xCF\x11\xE0", 4) == 0) {
        /* OLE2: an .xls, or an .xlsx encrypted with a password */
        bx_fail(err, &loc, BX_ERR_SYNTAX,
                "不是有效的 XLSX 文件（这是 Excel 97-2003 的 .xls 文件或设了打开密码的工作簿："
                "请在 Excel 中另存为不加密的 .xlsx）");
    } else {
        bx_fail(err, &loc, BX_ERR_SYNTAX, "不是有效的 XLSX 文件（无法打开压缩包）");
    }
}

static bx_xbook *open_source(zip_source_t *src, const char *path, const unsigned char *head,
                             size_t n, bx_error *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_t *zip = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!zip) {
        open_failed(path, &ze, head, n, err);
        zip_error_fini(&ze);
        if (src)
            zip_source_free(src);
        return NULL;
    }
    zip_error_fini(&ze);
    return read_book(zip, path, err);
}

bx_xbook *bx_xbook_parse(const void *data, size_t len, const char *display_name, bx_error *err)
{
    const char *name = display_name ? display_name : "<xlsx>";
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (!src) {
        open_failed(name, &ze, data, len, err);
        zip_error_fini(&ze);
        return NULL;
    }
    zip_error_fini(&ze);
    return open_source(src, name, data, len, err);
}

bx_xbook *bx_xbook_open(const char *path, bx_error *err)
{
    unsigned char head[8];
    FILE *f = fopen(path, "rb");
    if (!f) {
        bx_loc loc = {path, 0, 0};
        bx_fail(err, &loc, BX_ERR_IO, "无法打开文件：%s", strerror(errno));
        return NULL;
    }
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_file_create(path, 0, -1, &ze);
    if (!src) {
        open_failed(path, &ze, head, n, err);
        zip_error_fini(&ze);
        return NULL;
    }
    zip_error_fini(&ze);
    return open_source(src, path, head, n, err);
}

void bx_xbook_free(bx_xbook *book)
{
    if (!book)
        return;
    bx_arena_free(book->arena);
    free(book);
}

const bx_xsheet *bx_xbook_sheet(const bx_xbook *book, const char *name)
{
    for (size_t i = 0; book && name && i < book->nsheets; i++)
        if (strcmp(book->sheets[i].name, name) == 0)
            return &book->sheets[i];
    return NULL;
}

const bx_xcell *bx_xsheet_cell(const bx_xsheet *s, int row, int col)
{
    const bx_xcell key = {.row = row, .col = col};
    if (!s || s->ncells == 0)
        return NULL;
    return bsearch(&key, s->cells, s->ncells, sizeof *s->cells, compare_cells);
}

int bx_xbook_indent(const bx_xbook *book, int style)
{
    if (!book || style < 0 || (size_t)style >= book->nxf)
        return 0;
    return book->xf_indent[style];
}

const char *bx_xbook_property(const bx_xbook *book, const char *name)
{
    for (size_t i = 0; book && name && i < book->nprops; i++)
        if (strcmp(book->props[i].name, name) == 0)
            return book->props[i].value;
    return NULL;
}
