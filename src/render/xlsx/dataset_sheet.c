/* The dataset sheet both ways (dataset_sheet.h). */
#include "dataset_sheet.h"

#include "xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- writing ----------------------------------------------------------- */

typedef struct source_writer {
    lxw_worksheet *ws;
    lxw_row_t row;
    /* texts longer than a cell holds: their rest, per column, for "+" rows */
    const char **rest;
    int nrest;
} source_writer;

/* Up to BX_CARRY_CHUNK of the len bytes at s, cut between UTF-8
 * characters. */
static size_t chunk_length(const char *s, size_t len)
{
    if (len <= BX_CARRY_CHUNK)
        return len;
    size_t n = BX_CARRY_CHUNK;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* n bytes of s in a cell of the current row (none when n is 0). */
static bool put_piece(source_writer *w, int col, const char *s, size_t n, bx_error *err)
{
    if (n == 0)
        return true;
    char *piece = bx_malloc(n + 1, err);
    if (!piece)
        return false;
    memcpy(piece, s, n);
    piece[n] = '\0';
    lxw_error e = worksheet_write_string(w->ws, w->row, (lxw_col_t)col, piece, NULL);
    free(piece);
    return bx_lxw_ok(e, "数据来源", err);
}

/* The first piece of text in column col; the rest is left for "+" rows. */
static bool put_chunk(source_writer *w, int col, const char *text, bx_error *err)
{
    size_t len = strlen(text), n = chunk_length(text, len);
    if (col < w->nrest)
        w->rest[col] = n < len ? text + n : NULL;
    return put_piece(w, col, text, n, err);
}

/* One tagged row: texts[0..n) in columns B…, then "+" rows while a text
 * is left over. */
static bool source_row(source_writer *w, const char *tag, const char *const *texts, int n,
                       bx_error *err)
{
    if (n + 1 > w->nrest) {
        const char **grown = realloc(w->rest, (size_t)(n + 1) * sizeof *grown);
        if (!grown)
            return bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
        w->rest = grown;
        w->nrest = n + 1;
    }
    for (int i = 0; i < w->nrest; i++)
        w->rest[i] = NULL;
    bool more = bx_lxw_ok(worksheet_write_string(w->ws, w->row, 0, tag, NULL), "数据来源", err);
    for (int i = 0; more && i < n; i++)
        more = put_chunk(w, i + 1, texts[i] ? texts[i] : "", err);
    while (more) {
        w->row++;
        bool left = false;
        for (int i = 1; i <= n && !left; i++)
            left = w->rest[i] != NULL;
        if (!left)
            return true;
        more = bx_lxw_ok(worksheet_write_string(w->ws, w->row, 0, BX_CARRY_CONTINUE, NULL),
                         "数据来源", err);
        for (int i = 1; more && i <= n; i++)
            if (w->rest[i])
                more = put_chunk(w, i, w->rest[i], err);
    }
    return false;
}

/* bx_carry_put for the describing rows. */
static bool put_row(void *w, const char *tag, const char *const *texts, int n, bx_error *err)
{
    return source_row(w, tag, texts, n, err);
}

/* A CSV as its text (RFC 4180, as `budgetx import` writes it) in pieces
 * of at most BX_CARRY_CHUNK bytes: a few long cells are much quicker to
 * write and read than a cell per field. */
static bool source_csv(source_writer *w, const bx_carried *c, int i, bx_error *err)
{
    const char *data = NULL, *file = NULL;
    bx_strbuf text;
    bx_strbuf_init(&text, 0);
    bool ok = c->csv(c->ctx, i, &data, &file, &text, err);
    ok = ok && (!text.failed || bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK);
    char bytes[32];
    snprintf(bytes, sizeof bytes, "%zu", text.len);
    const char *head[3] = {data, file, bytes};
    ok = ok && source_row(w, "csv", head, 3, err);
    for (size_t at = 0; ok && at < text.len; w->row++) {
        size_t n = chunk_length(text.data + at, text.len - at);
        ok = bx_lxw_ok(worksheet_write_string(w->ws, w->row, 0, "text", NULL), "数据来源", err) &&
             put_piece(w, 1, text.data + at, n, err);
        at += n;
    }
    bx_strbuf_free(&text);
    return ok;
}

bool bx_carried_write(lxw_workbook *wb, const bx_carried *c, bool alone, bx_error *err)
{
    source_writer w = {.ws = workbook_add_worksheet(wb, BX_CARRY_SHEET)};
    if (!w.ws)
        return bx_fail(err, NULL, BX_ERR_BACKEND, "无法添加工作表“%s”", BX_CARRY_SHEET) == BX_OK;
    if (!alone)
        worksheet_hide(w.ws);
    worksheet_protect(w.ws, NULL, NULL);
    const char *head[2] = {BX_CARRY_FORMAT,
                           "本表记录生成本工作簿的数据，供 budgetx 读回；请勿修改。"};
    bool ok = source_row(&w, BX_CARRY_SHEET, head, 2, err) && c->describe(c->ctx, put_row, &w, err);
    for (int i = 0; ok && i < c->ncsvs; i++)
        ok = source_csv(&w, c, i, err);
    free(w.rest);
    return ok;
}

/* ---- reading ----------------------------------------------------------- */

/* Nothing the sheet declares is trusted before its bytes are there, and
 * every copy is counted: a cell's text stays where the workbook holds it
 * (a shared string may stand in any number of cells, so copies of it are
 * what could grow without bound); only texts continued by "+" rows and the
 * CSVs are copied, once each, at most BX_CARRY_MAX_BYTES in all. */
typedef struct column {
    size_t len, pieces; /* of one column of a row and its "+" rows */
    char *joined;       /* several pieces: where they are joined */
    size_t at;
} column;

typedef struct reader {
    const bx_xbook *book;
    bx_arena *a;
    size_t copied;   /* bytes of text copied so far */
    column *cols;    /* scratch, per column of the row being read */
    size_t cap_cols; /* items */
    bx_strbuf text;  /* the CSV being read */
    long want;       /* its size, as its "csv" row says */
    bx_error *err;
} reader;

/* A message on worksheet row `row` (0-based) of the sheet. */
static bool sheet_failed(reader *rd, int row, bx_status status, const char *what)
{
    bx_loc loc = {rd->book->path, 0, 0};
    return bx_fail(rd->err, &loc, status, "工作表“%s”第 %d 行%s", BX_CARRY_SHEET, row + 1, what) ==
           BX_OK;
}

/* Whether `more` bytes may still be copied (else a message on row). */
static bool within_budget(reader *rd, int row, size_t more)
{
    char what[128];
    if (more > BX_CARRY_MAX_TEXT) {
        snprintf(what, sizeof what, "的文字超过 %d MB 的上限，无法读回",
                 BX_CARRY_MAX_TEXT / (1024 * 1024));
        return sheet_failed(rd, row, BX_ERR_LIMIT, what);
    }
    if (more > BX_CARRY_MAX_BYTES - rd->copied) {
        snprintf(what, sizeof what, "：数据共超过 %d MB 的上限，无法读回",
                 BX_CARRY_MAX_BYTES / (1024 * 1024));
        return sheet_failed(rd, row, BX_ERR_LIMIT, what);
    }
    rd->copied += more;
    return true;
}

/* The tag of a row whose first cell is c: its text in column A. */
static const char *tag_of(const bx_xcell *c)
{
    return c->col == 0 ? c->text : "";
}

/* Where the worksheet row starting at cell `at` ends. */
static size_t row_end(const bx_xsheet *ss, size_t at)
{
    size_t end = at;
    while (end < ss->ncells && ss->cells[end].row == ss->cells[at].row)
        end++;
    return end;
}

/* The row starting at cell `at` and the "+" rows after it, cells [at,
 * end), as one. Its texts are its columns B… up to the last one not empty;
 * a row with more empty columns than texts before that one was not written
 * by budgetx (and would cost a pointer per column). */
static bool read_row(reader *rd, const bx_xsheet *ss, size_t at, size_t end, bx_carried_row *lr)
{
    const bx_xcell *cells = ss->cells;
    int row = cells[at].row, width = 0, held = 0;
    for (size_t i = at; i < end && cells[i].row == row; i++)
        if (cells[i].col > 0 && cells[i].text[0]) {
            width = cells[i].col;
            held++;
        }
    *lr = (bx_carried_row){.tag = tag_of(&cells[at]), .n = width, .index = row};
    if (width > 2 * held + 1)
        return sheet_failed(rd, row, BX_ERR_DATA, "已被改动，无法读回");
    lr->texts = bx_arena_alloc(rd->a, (size_t)(width + 1) * sizeof(char *), rd->err);
    if (!lr->texts ||
        !bx_grow((void **)&rd->cols, &rd->cap_cols, (size_t)width + 1, sizeof *rd->cols, rd->err))
        return false;
    column *cols = rd->cols;
    memset(cols, 0, (size_t)width * sizeof *cols);
    for (size_t i = at; i < end; i++) {
        const bx_xcell *c = &cells[i];
        if (c->col == 0 || c->col > width || !c->text[0])
            continue;
        column *k = &cols[c->col - 1];
        k->len += strlen(c->text);
        if (k->pieces++ == 0)
            lr->texts[c->col - 1] = c->text; /* one piece: kept where it is */
    }
    for (int k = 0; k < width; k++) {
        if (cols[k].pieces < 2)
            continue;
        if (!within_budget(rd, row, cols[k].len) ||
            !(cols[k].joined = bx_arena_alloc(rd->a, cols[k].len + 1, rd->err)))
            return false;
        lr->texts[k] = cols[k].joined;
    }
    for (size_t i = at; i < end; i++) {
        const bx_xcell *c = &cells[i];
        column *k = c->col > 0 && c->col <= width ? &cols[c->col - 1] : NULL;
        if (k && k->joined) {
            size_t n = strlen(c->text);
            memcpy(k->joined + k->at, c->text, n);
            k->at += n;
        }
    }
    for (int k = 0; k < width; k++)
        if (!lr->texts[k])
            lr->texts[k] = "";
    return true;
}

/* The source sheet's rows, "+" rows joined to the row they continue. */
static bool source_rows(reader *rd, const bx_xsheet *ss, bx_carried_row **out, int *count)
{
    int nrows = 0;
    for (size_t i = 0; i < ss->ncells; i = row_end(ss, i))
        nrows++;
    bx_carried_row *rows = bx_arena_alloc(rd->a, (size_t)(nrows + 1) * sizeof *rows, rd->err);
    if (!rows)
        return false;
    int n = 0;
    for (size_t i = 0; i < ss->ncells;) {
        size_t end = row_end(ss, i);
        while (end < ss->ncells && strcmp(tag_of(&ss->cells[end]), BX_CARRY_CONTINUE) == 0)
            end = row_end(ss, end);
        if (!read_row(rd, ss, i, end, &rows[n++]))
            return false;
        i = end;
    }
    *out = rows;
    *count = n;
    return true;
}

static const char *arg(const bx_carried_row *r, int i)
{
    return i < r->n ? r->texts[i] : "";
}

static bool count_arg(const bx_carried_row *r, int i, long lo, long hi, long *out)
{
    char *end;
    const char *s = arg(r, i);
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* The CSV being read is complete: its text, as long as its "csv" row
 * said, into the arena. */
static bool end_csv(reader *rd, bx_carried_book *cb)
{
    if (cb->ncsvs == 0)
        return true;
    bx_carried_csv *c = &cb->csvs[cb->ncsvs - 1];
    bx_loc loc = {rd->book->path, 0, 0};
    if ((long)rd->text.len != rd->want)
        return bx_fail(rd->err, &loc, BX_ERR_DATA, "工作表“%s”中“%s”的数据不完整，无法读回",
                       BX_CARRY_SHEET, c->data) == BX_OK;
    char *text = bx_arena_alloc(rd->a, rd->text.len + 1, rd->err);
    if (!text)
        return false;
    memcpy(text, bx_strbuf_str(&rd->text), rd->text.len);
    c->text = text;
    c->len = rd->text.len;
    bx_strbuf_reset(&rd->text);
    return true;
}

/* A "csv" row starts a CSV, "text" rows hold its pieces: its text grows
 * as they come, never beyond the size the "csv" row says. False without
 * a message: the row is not valid. */
static bool csv_row(reader *rd, const bx_carried_row *r, bx_carried_book *cb)
{
    if (strcmp(r->tag, "csv") == 0) {
        long want;
        if (!end_csv(rd, cb) || !count_arg(r, 2, 1, BX_MAX_FILE_BYTES, &want))
            return false;
        cb->csvs[cb->ncsvs++] = (bx_carried_csv){arg(r, 0), arg(r, 1), "", 0};
        rd->want = want;
        return true;
    }
    if (!cb->ncsvs || strcmp(r->tag, "text") != 0 || r->n > 1)
        return false;
    size_t n = strlen(arg(r, 0));
    if (n > (size_t)rd->want - rd->text.len)
        return false;
    if (!within_budget(rd, r->index, n))
        return false;
    return bx_strbuf_append(&rd->text, arg(r, 0), n) ||
           bx_fail(rd->err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
}

bool bx_carried_row_broken(const bx_xbook *book, const bx_carried_row *row, bx_error *err)
{
    bx_loc loc = {book->path, 0, 0};
    return bx_fail(err, &loc, BX_ERR_DATA, "工作表“%s”第 %d 行已被改动，无法读回", BX_CARRY_SHEET,
                   row->index + 1) == BX_OK;
}

static bool is_csv_row(const bx_carried_row *r)
{
    return strcmp(r->tag, "csv") == 0 || strcmp(r->tag, "text") == 0;
}

/* The rows after the header: the describing ones, and the CSVs. */
static bool read_book(reader *rd, const bx_carried_row *rows, int n, bx_carried_book *out)
{
    int ncsvs = 0;
    for (int i = 1; i < n; i++)
        ncsvs += strcmp(rows[i].tag, "csv") == 0;
    out->rows = bx_arena_alloc(rd->a, (size_t)n * sizeof *out->rows, rd->err);
    out->csvs = bx_arena_alloc(rd->a, (size_t)(ncsvs + 1) * sizeof *out->csvs, rd->err);
    if (!out->rows || !out->csvs)
        return false;
    for (int i = 1; i < n; i++) {
        if (!is_csv_row(&rows[i]))
            out->rows[out->nrows++] = rows[i];
        else if (!csv_row(rd, &rows[i], out))
            return bx_failed(rd->err) ? false : bx_carried_row_broken(rd->book, &rows[i], rd->err);
    }
    return end_csv(rd, out);
}

bool bx_carried_read(const bx_xbook *book, bx_arena *a, bx_carried_book *out, bx_error *err)
{
    bx_loc loc = {book->path, 0, 0};
    memset(out, 0, sizeof *out);
    const bx_xsheet *ss = bx_xbook_sheet(book, BX_CARRY_SHEET);
    if (!ss)
        return bx_fail(err, &loc, BX_ERR_DATA,
                       "这个工作簿没有 budgetx 的数据记录（隐藏的工作表“%s”），无法读回；"
                       "请使用 budgetx 生成的工作簿，或用 budgetx template 生成的空白工作簿",
                       BX_CARRY_SHEET) == BX_OK;
    reader rd = {.book = book, .a = a, .err = err};
    bx_strbuf_init(&rd.text, BX_MAX_FILE_BYTES);
    bx_carried_row *rows;
    int n;
    bool ok = source_rows(&rd, ss, &rows, &n);
    if (ok && (n == 0 || strcmp(rows[0].tag, BX_CARRY_SHEET) != 0 ||
               strcmp(arg(&rows[0], 0), BX_CARRY_FORMAT) != 0))
        ok = bx_fail(err, &loc, BX_ERR_DATA, "工作表“%s”的格式不受支持（应为第 %s 版）",
                     BX_CARRY_SHEET, BX_CARRY_FORMAT) == BX_OK;
    ok = ok && read_book(&rd, rows, n, out);
    free(rd.cols);
    bx_strbuf_free(&rd.text);
    return ok;
}
