#include "csv_read.h"
#include "arena.h"

#include "strbuf.h"
#include "text.h"
#include "fs.h"
#include "parse_text.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

/* Parsing state shared with libcsv's callbacks. */
typedef struct parse_state {
    const char *name;
    bx_error *err;
    int line;        /* line being fed to libcsv */
    int record_line; /* line where the current record started */
    int done_line;   /* line where the last complete record ended */
    char **fields;   /* current record */
    size_t nfields, cap_fields;
    bool record_blank;
    bx_arena *strings; /* every field's text (one allocation per field would
                          cost as much again in overhead on a big file) */
    /* finished records */
    char **cells;
    struct record {
        int line;     /* where the record starts */
        size_t width; /* its number of fields */
    } * records;
    size_t nrecords, cap_records, ncells, cap_cells;
} parse_state;

static bool failed(parse_state *st)
{
    return bx_failed(st->err);
}

static size_t count_newlines(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == '\n';
    return k;
}

static void on_field(void *data, size_t len, void *vst)
{
    parse_state *st = vst;
    if (failed(st))
        return;
    const char *text = data ? data : "";
    if (!data)
        len = 0;
    int start_line = st->line - (int)count_newlines(text, len);
    if (st->nfields == 0)
        st->record_line = start_line;
    bx_loc loc = {st->name, st->record_line, (int)st->nfields + 1};
    if (len > BX_MAX_CELL_BYTES) {
        bx_fail_cell(st->err, &loc, BX_ERR_LIMIT, "单元格超过 %d 字节的上限", BX_MAX_CELL_BYTES);
        return;
    }
    if (memchr(text, '\0', len)) {
        bx_fail_cell(st->err, &loc, BX_ERR_DATA, "单元格含有空字符（NUL）");
        return;
    }
    if (st->nfields == BX_MAX_COLUMNS) {
        bx_fail_cell(st->err, &loc, BX_ERR_LIMIT, "超过 %d 列的上限", BX_MAX_COLUMNS);
        return;
    }
    if (st->nfields == st->cap_fields) {
        size_t cap = st->cap_fields ? st->cap_fields * 2 : 16;
        char **p = realloc(st->fields, cap * sizeof *p);
        if (!p) {
            bx_fail(st->err, NULL, BX_ERR_NOMEM, "内存不足");
            return;
        }
        st->fields = p;
        st->cap_fields = cap;
    }
    char *copy = bx_arena_strndup(st->strings, text, len, st->err);
    if (!copy)
        return;
    st->fields[st->nfields++] = copy;
    if (!bx_text_blank(copy))
        st->record_blank = false;
}

/* The first line from `line` on that holds more than a line end: where a
 * record that never completed began. */
static int first_nonblank_line(const char *text, size_t len, int line)
{
    int at_line = 1;
    size_t i = 0;
    while (i < len && at_line < line)
        at_line += text[i++] == '\n';
    while (i < len && (text[i] == '\n' || text[i] == '\r')) {
        at_line += text[i] == '\n';
        i++;
    }
    return at_line;
}

static void drop_fields(parse_state *st)
{
    st->done_line = st->line;
    st->nfields = 0;
    st->record_blank = true;
}

static void on_record(int terminator, void *vst)
{
    (void)terminator;
    parse_state *st = vst;
    if (failed(st) || st->record_blank) {
        drop_fields(st);
        return;
    }
    if (st->nrecords > BX_MAX_ROWS) {
        bx_loc loc = {st->name, st->record_line, 0};
        bx_fail_cell(st->err, &loc, BX_ERR_LIMIT, "超过 %d 行的上限", BX_MAX_ROWS);
        drop_fields(st);
        return;
    }
    if (!bx_grow((void **)&st->records, &st->cap_records, st->nrecords + 1, sizeof *st->records,
                 st->err) ||
        !bx_grow((void **)&st->cells, &st->cap_cells, st->ncells + st->nfields, sizeof(char *),
                 st->err)) {
        drop_fields(st);
        return;
    }
    memcpy(st->cells + st->ncells, st->fields, st->nfields * sizeof(char *));
    st->ncells += st->nfields;
    st->done_line = st->line;
    st->records[st->nrecords].line = st->record_line;
    st->records[st->nrecords].width = st->nfields;
    st->nrecords++;
    st->nfields = 0;
    st->record_blank = true;
}

static void free_state(parse_state *st)
{
    drop_fields(st);
    free(st->fields);
    free(st->cells);
    free(st->records);
    bx_arena_free(st->strings);
}

/* Convert GB18030 to UTF-8; NULL (with the byte offset in the message) if
 * the bytes are not GB18030 either. */
static char *gb18030_to_utf8(const char *data, size_t len, const char *name, size_t *out_len,
                             bx_error *err)
{
    bx_loc loc = {name, 0, 0};
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1) {
        bx_fail(err, &loc, BX_ERR_ENCODING, "系统不支持 GB18030 编码转换");
        return NULL;
    }
    size_t cap = len * 2 + 16;
    char *out = malloc(cap);
    if (!out) {
        iconv_close(cd);
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        return NULL;
    }
    char *in = (char *)data, *o = out;
    size_t in_left = len, out_left = cap - 1;
    while (in_left > 0) {
        if (iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1)
            continue;
        if (errno == E2BIG) {
            size_t used = (size_t)(o - out);
            cap *= 2;
            char *grown = realloc(out, cap);
            if (!grown) {
                bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
                break;
            }
            out = grown;
            o = out + used;
            out_left = cap - used - 1;
            continue;
        }
        size_t offset = (size_t)(in - data);
        loc.line = 1 + (int)count_newlines(data, offset);
        bx_fail(err, &loc, BX_ERR_ENCODING,
                "第 %d 行（第 %zu 字节）：文件既不是 UTF-8 也不是 GB18030 编码", loc.line,
                offset + 1);
        break;
    }
    iconv_close(cd);
    if (bx_failed(err)) {
        free(out);
        return NULL;
    }
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
}

/* Whether data reads as GB18030 throughout. */
static bool decodes_as_gb18030(const char *data, size_t len)
{
    bx_error probe;
    bx_error_clear(&probe);
    size_t n;
    char *text = gb18030_to_utf8(data, len, "", &n, &probe);
    bool ok = text != NULL;
    free(text);
    return ok;
}

/* Bring data to UTF-8 without BOM. Returns a new buffer. */
char *bx_text_to_utf8(const char *data, size_t len, const char *name, bx_encoding encoding,
                      const char **used, size_t *out_len, bx_error *err)
{
    bx_loc loc = {name, 0, 0};
    if (len >= 2 && ((unsigned char)data[0] == 0xFF || (unsigned char)data[0] == 0xFE) &&
        ((unsigned char)data[1] == 0xFE || (unsigned char)data[1] == 0xFF)) {
        bx_fail(err, &loc, BX_ERR_ENCODING,
                "文件是 UTF-16 编码：请在 Excel 中另存为“CSV UTF-8”或“CSV（逗号分隔）”");
        return NULL;
    }
    bool bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0;
    if (bom) {
        data += 3;
        len -= 3;
    }
    size_t bad = bx_utf8_invalid_at(data, len);
    if (encoding == BX_ENCODING_UTF8 || (encoding == BX_ENCODING_AUTO && bad == len)) {
        if (bad != len) {
            loc.line = 1 + (int)count_newlines(data, bad);
            bx_fail(err, &loc, BX_ERR_ENCODING, "第 %d 行（第 %zu 字节）：无效的 UTF-8 字节%s",
                    loc.line, bad + 1 + (bom ? 3 : 0),
                    decodes_as_gb18030(data, len)
                        ? "（指定了 UTF-8 编码，但文件是 GB18030/GBK 编码：不指定编码即可自动识别）"
                        : "");
            return NULL;
        }
        char *copy = malloc(len + 1);
        if (!copy) {
            bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
            return NULL;
        }
        memcpy(copy, data, len);
        copy[len] = '\0';
        *used = "UTF-8";
        *out_len = len;
        return copy;
    }
    *used = "GB18030";
    char *text = gb18030_to_utf8(data, len, name, out_len, err);
    if (!text && bad == len && err && err->status == BX_ERR_ENCODING)
        snprintf(err->message, sizeof err->message,
                 "文件是 UTF-8 编码，不是指定的 GB18030/GBK 编码（不指定编码即可自动识别）");
    return text;
}

/* Field c of record r, or "" past its end. */
static const char *field_of(const parse_state *st, const size_t *start, size_t r, size_t c)
{
    return c < st->records[r].width ? st->cells[start[r] + c] : "";
}

/* A header of one column that holds tabs or semicolons: a file saved as
 * "文本文件（制表符分隔）" or in a locale whose list separator is ';'. */
static bool wrong_separator(const parse_state *st, const bx_loc *at, bx_error *err)
{
    if (st->records[0].width != 1)
        return false;
    const char *h = st->cells[0];
    const char *what = strchr(h, '\t') ? "制表符" : strchr(h, ';') ? "分号" : NULL;
    if (what)
        bx_fail_cell(err, at, BX_ERR_DATA,
                     "表头只有一列，其中有%s：这个文件是用%s分隔的，budgetx 读的是逗号分隔的 CSV；"
                     "请在 Excel 中另存为“CSV UTF-8（逗号分隔）”",
                     what, what);
    return what != NULL;
}

/* The header's columns, less the trailing ones that are empty in every
 * row, header included (Excel writes such a column when a cell right of
 * the table was ever touched). 0 with err set for a row that reaches
 * further with something in it. */
static size_t used_columns(const parse_state *st, const size_t *start, bx_error *err)
{
    size_t ncols = st->records[0].width, widest = ncols;
    for (size_t r = 1; r < st->nrecords; r++)
        widest = st->records[r].width > widest ? st->records[r].width : widest;
    size_t used = widest;
    while (used > 0) {
        size_t r = 0;
        while (r < st->nrecords && bx_text_blank(field_of(st, start, r, used - 1)))
            r++;
        if (r < st->nrecords)
            break;
        used--;
    }
    size_t least = used < ncols ? used : ncols;
    for (size_t r = 1; r < st->nrecords; r++) {
        size_t w = st->records[r].width;
        bool beyond = false; /* something right of the header's last column */
        for (size_t c = ncols; c < w && !beyond; c++)
            beyond = !bx_text_blank(field_of(st, start, r, c));
        if (w < least || beyond) {
            bx_loc loc = {st->name, st->records[r].line, 0};
            bx_fail_cell(err, &loc, BX_ERR_DATA, "这一行有 %zu 列，表头有 %zu 列", w, ncols);
            return 0;
        }
    }
    return used;
}

static bx_csv *build(parse_state *st, const char *name, const char *encoding, bx_error *err)
{
    bx_loc loc = {name, 0, 0};
    if (st->nrecords == 0) {
        bx_fail(err, &loc, BX_ERR_DATA, "文件是空的：第一行应为表头");
        return NULL;
    }
    loc.line = st->records[0].line;
    loc.column = 1;
    if (wrong_separator(st, &loc, err))
        return NULL;
    size_t *start = malloc(st->nrecords * sizeof *start);
    if (!start) {
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        return NULL;
    }
    for (size_t r = 0, at = 0; r < st->nrecords; at += st->records[r++].width)
        start[r] = at;
    size_t ncols = used_columns(st, start, err);
    for (size_t c = 0; c < ncols && !bx_failed(err); c++) {
        loc.column = (int)c + 1;
        if (bx_text_blank(st->cells[c]))
            bx_fail_cell(err, &loc, BX_ERR_DATA, "表头的列名为空");
        for (size_t k = 0; k < c && !bx_failed(err); k++)
            if (strcmp(st->cells[k], st->cells[c]) == 0)
                bx_fail_cell(err, &loc, BX_ERR_DATA, "表头的列名“%s”重复", st->cells[c]);
    }
    if (bx_failed(err)) {
        free(start);
        return NULL;
    }
    /* every record to ncols fields: in place, as no record gets wider */
    for (size_t r = 0; r < st->nrecords; r++)
        memmove(st->cells + r * ncols, st->cells + start[r], ncols * sizeof *st->cells);
    free(start);
    bx_csv *csv = calloc(1, sizeof *csv);
    if (!csv) {
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        return NULL;
    }
    csv->name = strdup(name);
    csv->row_line = malloc((st->nrecords) * sizeof(int));
    if (!csv->name || !csv->row_line) {
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        bx_csv_free(csv);
        return NULL;
    }
    csv->encoding = encoding;
    csv->ncols = ncols;
    csv->nrows = st->nrecords - 1;
    csv->header_line = st->records[0].line;
    for (size_t r = 1; r < st->nrecords; r++)
        csv->row_line[r - 1] = st->records[r].line;
    /* Take ownership of the cell strings: header first, then rows. */
    csv->header = st->cells;
    csv->cells = st->cells + ncols;
    csv->strings = st->strings;
    st->cells = NULL;
    st->ncells = 0;
    st->strings = NULL;
    return csv;
}

bx_csv *bx_csv_parse(const char *data, size_t len, const char *name, bx_encoding encoding,
                     bx_error *err)
{
    bx_error local_err; /* err may be NULL */
    err = bx_error_or(err, &local_err);
    name = name ? name : "<csv>";
    const char *used = NULL;
    size_t ulen = 0;
    char *text = bx_text_to_utf8(data, len, name, encoding, &used, &ulen, err);
    if (!text)
        return NULL;
    size_t nul = strlen(text);
    if (nul != ulen) {
        bx_loc loc = {name, 1 + (int)count_newlines(text, nul), 0};
        bx_fail(err, &loc, BX_ERR_DATA,
                "第 %d 行（第 %zu 字节）：文件含有空字符（NUL），不是文本文件", loc.line, nul + 1);
        free(text);
        return NULL;
    }

    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        free(text);
        return NULL;
    }
    parse_state st = {
        .name = name, .err = err, .line = 1, .record_blank = true, .strings = bx_arena_new()};
    if (!st.strings) {
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        csv_free(&parser);
        free(text);
        return NULL;
    }
    /* Feed one line at a time so that callbacks know the current line. */
    size_t at = 0;
    while (at < ulen && !bx_failed(err)) {
        const char *nl = memchr(text + at, '\n', ulen - at);
        size_t chunk = nl ? (size_t)(nl - (text + at)) + 1 : ulen - at;
        if (csv_parse(&parser, text + at, chunk, on_field, on_record, &st) != chunk) {
            bx_loc loc = {name, st.line, 0};
            bx_fail_cell(err, &loc, BX_ERR_SYNTAX, "CSV 格式错误：%s",
                         bx_csv_text(csv_error(&parser)));
            break;
        }
        at += chunk;
        if (nl)
            st.line++;
    }
    if (!bx_failed(err) && csv_fini(&parser, on_field, on_record, &st) != 0) {
        bx_loc loc = {name, first_nonblank_line(text, ulen, st.done_line + 1), 0};
        bx_fail_cell(err, &loc, BX_ERR_SYNTAX, "CSV 格式错误：引号没有结束");
    }
    csv_free(&parser);
    free(text);

    bx_csv *csv = NULL;
    if (!bx_failed(err))
        csv = build(&st, name, used, err);
    free_state(&st);
    return csv;
}

bx_csv *bx_csv_load(const char *path, const char *name, bx_encoding encoding, bx_error *err)
{
    bx_error local_err; /* err may be NULL */
    err = bx_error_or(err, &local_err);
    size_t len;
    char *data = bx_read_file(path, &len, err);
    if (!data)
        return NULL;
    bx_csv *csv = bx_csv_parse(data, len, name ? name : path, encoding, err);
    free(data);
    return csv;
}

void bx_csv_free(bx_csv *csv)
{
    if (!csv)
        return;
    free(csv->header);
    bx_arena_free(csv->strings);
    free(csv->row_line);
    free(csv->name);
    free(csv);
}

int bx_csv_column(const bx_csv *csv, const char *name)
{
    for (size_t c = 0; c < csv->ncols; c++)
        if (strcmp(csv->header[c], name) == 0)
            return (int)c;
    return -1;
}

bx_loc bx_csv_loc(const bx_csv *csv, size_t r, size_t c)
{
    bx_loc loc = {csv->name, csv->row_line[r], (int)c + 1};
    return loc;
}
