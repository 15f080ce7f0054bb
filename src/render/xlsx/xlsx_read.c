/* The XLSX reader (xlsx_read.h): the reader's helpers, the container
 * (libzip) and the parse of one XML part (expat), relationships, the
 * workbook and the package, and the API. Shared strings, styles and
 * custom properties are read in xlsx_parts.c, worksheets in xlsx_sheet.c. */
#include "xlsx_read.h"
#include "xlsx_reader.h"

#include "lib_text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A relationship: Id → the part its Target names, of a Type. */
typedef struct rel {
    const char *id, *type, *target;
    bool external;
} rel;

typedef struct rels {
    rel *items;
    size_t n, cap;
} rels;

bool bx_xread_fail(reader *rd, bx_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bx_vfail(rd->err, &rd->loc, status, fmt, ap);
    va_end(ap);
    return false;
}

static bool nomem(reader *rd)
{
    return bx_xread_fail(rd, BX_ERR_NOMEM, "内存不足");
}

/* Room for item n of `size` bytes in *items (capacity *cap). */
bool bx_xread_grow(reader *rd, void **items, size_t *cap, size_t n, size_t size)
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
void *bx_xread_keep(reader *rd, const void *items, size_t n, size_t size)
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
bool bx_xread_parse_uint(const char *s, long max, long *out)
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

/* ---- XML parts ---- */

static const char *local_name(const char *name)
{
    const char *sep = strrchr(name, NS_SEP);
    return sep ? sep + 1 : name;
}

const char *bx_xread_attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(local_name(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

void bx_xread_part_fail(part *p, bx_status status, const char *fmt, ...)
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
        bx_xread_part_fail(p, BX_ERR_LIMIT, "%s（%s）的元素嵌套超过 %d 层", p->what, p->name,
                           MAX_DEPTH);
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
        bx_xread_part_fail(p, BX_ERR_LIMIT, "%s（%s）中有文字超过 %d KB 的上限", p->what, p->name,
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
    bx_xread_part_fail(p, BX_ERR_SYNTAX, "%s（%s）含有 DTD 实体声明，不是电子表格软件写出的文件",
                       p->what, p->name);
}

static bool xml_failed(part *p)
{
    if (bx_failed(p->rd->err))
        return false; /* a handler stopped the parser and said why */
    enum XML_Error code = XML_GetErrorCode(p->xml);
    return bx_xread_fail(p->rd, BX_ERR_SYNTAX, "%s（%s）的 XML 无效：第 %lu 行第 %lu 列：%s",
                         p->what, p->name, (unsigned long)XML_GetCurrentLineNumber(p->xml),
                         (unsigned long)XML_GetCurrentColumnNumber(p->xml) +
                             1, /* expat counts from 0 */
                         bx_xml_text(code));
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
            bx_xread_fail(p->rd, BX_ERR_SYNTAX, "XLSX 文件已损坏（无法解压 %s：%s）", p->name,
                          got < 0 ? bx_zip_text(zip_error_code_zip(zip_file_get_error(file)))
                                  : "长度与记录不符");
            free(buf);
            return NULL;
        }
        have += (zip_uint64_t)got;
    }
    if (have != size) {
        bx_xread_fail(p->rd, BX_ERR_SYNTAX, "XLSX 文件已损坏（无法解压 %s：%s）", p->name,
                      "长度与记录不符");
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
        bx_xread_fail(rd, BX_ERR_SYNTAX, "XLSX 文件已损坏（无法读取 %s）", p->name);
        return NULL;
    }
    if (st.size > BX_XLSX_MAX_PART_BYTES) {
        bx_xread_fail(rd, BX_ERR_LIMIT, "%s（%s）解压后超过 %d MB 的上限", p->what, p->name,
                      BX_XLSX_MAX_PART_BYTES / (1024 * 1024));
        return NULL;
    }
    /* a sheet part may be named by every sheet: bound the sum too */
    if (st.size > BX_XLSX_MAX_TOTAL_BYTES - rd->unzipped) {
        bx_xread_fail(rd, BX_ERR_LIMIT, "XLSX 文件解压后总计超过 %d MB 的上限",
                      BX_XLSX_MAX_TOTAL_BYTES / (1024 * 1024));
        return NULL;
    }
    rd->unzipped += st.size;
    zip_file_t *file = zip_fopen_index(rd->zip, (zip_uint64_t)index, 0);
    if (!file) {
        bx_xread_fail(rd, BX_ERR_SYNTAX, "XLSX 文件已损坏（无法解压 %s：%s）", p->name,
                      bx_zip_text(zip_error_code_zip(zip_get_error(rd->zip))));
        return NULL;
    }
    char *data = read_entry(p, file, st.size);
    zip_fclose(file);
    *size = st.size;
    return data;
}

/* Parse the entry p->name with p's handlers. A missing entry is an error
 * if `required`, else p->found tells. */
bool bx_xread_parse_part(part *p, bool required)
{
    reader *rd = p->rd;
    zip_uint64_t size = 0;
    char *data = load_entry(p, &size);
    if (!data && p->found)
        return false;
    if (!data)
        return required ? bx_xread_fail(rd, BX_ERR_SYNTAX, "不是有效的 XLSX 文件（缺少%s %s）",
                                        p->what, p->name)
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

void bx_xread_part_init(part *p, reader *rd, const char *name, const char *what, start_fn start,
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
    const char *id = bx_xread_attr(atts, "Id"), *type = bx_xread_attr(atts, "Type"),
               *target = bx_xread_attr(atts, "Target");
    const char *mode = bx_xread_attr(atts, "TargetMode");
    if (!id || !target)
        return; /* unusable: as if absent */
    if (rp->out->n == MAX_LIST) {
        bx_xread_part_fail(p, BX_ERR_LIMIT, "%s（%s）的关系超过 %d 个的上限", p->what, p->name,
                           MAX_LIST);
        return;
    }
    if (!bx_xread_grow(rd, (void **)&rp->out->items, &rp->out->cap, rp->out->n, sizeof(rel)))
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
        return bx_xread_fail(rd, BX_ERR_SYNTAX, "不是有效的 XLSX 文件（部件名称过长）");
    rels_part rp;
    bx_xread_part_init(&rp.base, rd, name, "关系表", rels_start, no_end);
    rp.source = source;
    rp.out = out;
    return bx_xread_parse_part(&rp.base, false);
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
        bx_xread_part_fail(p, BX_ERR_LIMIT, "工作簿的工作表超过 %d 个的上限", BX_XLSX_MAX_SHEETS);
        return;
    }
    const char *sheet_name = bx_xread_attr(atts, "name"), *state = bx_xread_attr(atts, "state");
    const char *rid = bx_xread_attr(atts, "id");
    if (!sheet_name) {
        bx_xread_part_fail(p, BX_ERR_SYNTAX, "%s（%s）中有工作表没有名称", p->what, p->name);
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
    bx_xread_part_init(&bp.base, rd, name, "工作簿目录", book_start, book_end);
    return bx_xread_parse_part(&bp.base, true);
}

/* Each sheet's part through the workbook's relationships. Chart sheets
 * and other kinds have no cells. */
static bool read_sheets(reader *rd, const rels *wb, const char **rids)
{
    for (size_t i = 0; i < rd->book->nsheets; i++) {
        bx_xsheet *s = &rd->book->sheets[i];
        const rel *r = rids[i] ? find_id(wb, rids[i]) : NULL;
        if (!r || r->external)
            return bx_xread_fail(rd, BX_ERR_SYNTAX,
                                 "XLSX 文件不完整：找不到工作表“%s”的内容（关系“%s”）", s->name,
                                 rids[i] ? rids[i] : "");
        if (ends_with(r->type, "/worksheet") && !bx_xread_sheet(rd, s, r->target))
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
    if (!workbook || !custom || !bx_xread_properties(rd, custom, required))
        goto done;
    if (!read_rels(rd, workbook, &wb) || !read_workbook(rd, workbook, &rids))
        goto done;
    const char *sst = part_of(rd, &wb, "/sharedStrings", workbook, "sharedStrings.xml", &required);
    if (!sst || !bx_xread_shared_strings(rd, sst, required))
        goto done;
    const char *styles = part_of(rd, &wb, "/styles", workbook, "styles.xml", &required);
    if (!styles || !bx_xread_styles(rd, styles, required))
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

/* The first bytes of a file are text: no control byte but tab and line
 * ends (a CSV or a web page saved under a .xlsx name). */
static bool looks_like_text(const unsigned char *head, size_t n)
{
    if (n >= 2 && (memcmp(head, "\xFF\xFE", 2) == 0 || memcmp(head, "\xFE\xFF", 2) == 0))
        return true; /* UTF-16, as Excel's "Unicode 文本" */
    for (size_t i = 0; i < n; i++)
        if (head[i] < 0x20 && head[i] != '\t' && head[i] != '\n' && head[i] != '\r')
            return false;
    return n > 0;
}

enum { HEAD_BYTES = 64 }; /* of a file that is not a zip: enough to say what it is */

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
                sys ? bx_read_error_text(sys) : bx_zip_text(code));
    } else if (n >= 4 && memcmp(head, "\xD0\xCF\x11\xE0", 4) == 0) {
        /* OLE2: an .xls, or an .xlsx encrypted with a password */
        bx_fail(err, &loc, BX_ERR_SYNTAX,
                "不是有效的 XLSX 文件（这是 Excel 97-2003 的 .xls 文件或设了打开密码的工作簿："
                "请在 Excel 中另存为不加密的 .xlsx）");
    } else if (n >= 4 && memcmp(head, "%PDF", 4) == 0) {
        bx_fail(err, &loc, BX_ERR_SYNTAX, "这是 PDF 文件，不是工作簿（.xlsx）");
    } else if (looks_like_text(head, n)) {
        bx_fail(err, &loc, BX_ERR_SYNTAX,
                "不是有效的 XLSX 文件：这是文本文件（CSV 或网页），只是扩展名为 .xlsx；"
                "请在 Excel 中打开后另存为“Excel 工作簿（*.xlsx）”");
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
        open_failed(name, &ze, data, len < HEAD_BYTES ? len : HEAD_BYTES, err);
        zip_error_fini(&ze);
        return NULL;
    }
    zip_error_fini(&ze);
    return open_source(src, name, data, len < HEAD_BYTES ? len : HEAD_BYTES, err);
}

bx_xbook *bx_xbook_open(const char *path, bx_error *err)
{
    unsigned char head[HEAD_BYTES];
    FILE *f = fopen(path, "rb");
    if (!f) {
        bx_loc loc = {path, 0, 0};
        bx_fail(err, &loc, BX_ERR_IO, "无法打开文件：%s", bx_read_error_text(errno));
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

int bx_xbook_decimals(const bx_xbook *book, int style)
{
    if (!book || !book->xf_decimals || style < 0 || (size_t)style >= book->nxf)
        return -1;
    return book->xf_decimals[style];
}

const bx_xsheet *bx_xbook_sheet(const bx_xbook *book, const char *name)
{
    for (size_t i = 0; book && name && i < book->nsheets; i++)
        if (strcmp(book->sheets[i].name, name) == 0)
            return &book->sheets[i];
    return NULL;
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
