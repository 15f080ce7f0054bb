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

bool bx_carried_write(lxw_workbook *wb, const bx_carried *c, bx_error *err)
{
    source_writer w = {.ws = workbook_add_worksheet(wb, BX_CARRY_SHEET)};
    if (!w.ws)
        return bx_fail(err, NULL, BX_ERR_BACKEND, "无法添加工作表“%s”", BX_CARRY_SHEET) == BX_OK;
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

/* The source sheet's rows, "+" rows joined to the row they continue. */
static bool source_rows(const bx_xsheet *ss, bx_arena *a, bx_carried_row **out, int *count,
                        bx_error *err)
{
    bx_carried_row *rows = bx_arena_alloc(a, (size_t)(ss->nrows + 1) * sizeof *rows, err);
    if (!rows)
        return false;
    int n = 0;
    for (size_t i = 0; i < ss->ncells;) {
        int row = ss->cells[i].row, width = 0;
        size_t end = i;
        while (end < ss->ncells && ss->cells[end].row == row)
            width = ss->cells[end++].col;
        const char *tag = ss->cells[i].col == 0 ? ss->cells[i].text : "";
        bool more = strcmp(tag, BX_CARRY_CONTINUE) == 0 && n > 0;
        bx_carried_row *lr = more ? &rows[n - 1] : &rows[n++];
        if (!more) {
            lr->tag = tag;
            lr->n = width;
            lr->texts = bx_arena_alloc(a, (size_t)(width + 1) * sizeof(char *), err);
            lr->index = n - 1;
            if (!lr->texts)
                return false;
        }
        for (; i < end; i++) {
            const bx_xcell *c = &ss->cells[i];
            if (c->col == 0 || c->col > lr->n)
                continue;
            const char *was = lr->texts[c->col - 1] ? lr->texts[c->col - 1] : "";
            size_t k = strlen(was), add = strlen(c->text);
            char *joined = bx_arena_alloc(a, k + add + 1, err);
            if (!joined)
                return false;
            memcpy(joined, was, k);
            memcpy(joined + k, c->text, add + 1);
            lr->texts[c->col - 1] = joined;
        }
    }
    for (int r = 0; r < n; r++)
        for (int c = 0; c < rows[r].n; c++)
            if (!rows[r].texts[c])
                rows[r].texts[c] = "";
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

/* A "csv" row starts a CSV, "text" rows hold its pieces. */
static bool csv_row(const bx_carried_row *r, bx_carried_book *cb, long *bytes, bx_arena *a,
                    bx_error *err)
{
    if (strcmp(r->tag, "csv") == 0) {
        long want;
        if (!count_arg(r, 2, 1, BX_MAX_FILE_BYTES, &want))
            return false;
        bx_carried_csv *grown = bx_arena_alloc(a, (size_t)(cb->ncsvs + 1) * sizeof *grown, err);
        char *text = bx_arena_alloc(a, (size_t)want + 1, err);
        if (!grown || !text)
            return false;
        if (cb->ncsvs)
            memcpy(grown, cb->csvs, (size_t)cb->ncsvs * sizeof *grown);
        grown[cb->ncsvs] = (bx_carried_csv){arg(r, 0), arg(r, 1), text, 0};
        cb->csvs = grown;
        bytes[cb->ncsvs++] = want;
        return true;
    }
    bx_carried_csv *c = cb->ncsvs ? &cb->csvs[cb->ncsvs - 1] : NULL;
    if (!c || strcmp(r->tag, "text") != 0 || r->n > 1)
        return false;
    size_t n = strlen(arg(r, 0));
    if (n > (size_t)bytes[cb->ncsvs - 1] - c->len)
        return false;
    memcpy((char *)c->text + c->len, arg(r, 0), n);
    c->len += n;
    return true;
}

bool bx_carried_row_broken(const bx_xbook *book, const bx_carried_row *row, bx_error *err)
{
    bx_loc loc = {book->path, 0, 0};
    return bx_fail(err, &loc, BX_ERR_DATA, "工作表“%s”第 %d 行已被改动，无法读回", BX_CARRY_SHEET,
                   row->index + 1) == BX_OK;
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
    bx_carried_row *rows;
    int n;
    if (!source_rows(ss, a, &rows, &n, err))
        return false;
    if (n == 0 || strcmp(rows[0].tag, BX_CARRY_SHEET) != 0 ||
        strcmp(arg(&rows[0], 0), BX_CARRY_FORMAT) != 0)
        return bx_fail(err, &loc, BX_ERR_DATA, "工作表“%s”的格式不受支持（应为第 %s 版）",
                       BX_CARRY_SHEET, BX_CARRY_FORMAT) == BX_OK;
    /* the CSVs' sizes, as their "csv" rows say */
    long *bytes = bx_arena_alloc(a, (size_t)n * sizeof *bytes, err);
    out->rows = bx_arena_alloc(a, (size_t)n * sizeof *out->rows, err);
    if (!bytes || !out->rows)
        return false;
    for (int i = 1; i < n; i++) {
        bool is_csv = strcmp(rows[i].tag, "csv") == 0 || strcmp(rows[i].tag, "text") == 0;
        if (!is_csv)
            out->rows[out->nrows++] = rows[i];
        else if (!csv_row(&rows[i], out, bytes, a, err))
            return bx_failed(err) ? false : bx_carried_row_broken(book, &rows[i], err);
    }
    for (int i = 0; i < out->ncsvs; i++)
        if ((long)out->csvs[i].len != bytes[i])
            return bx_fail(err, &loc, BX_ERR_DATA, "工作表“%s”中“%s”的数据不完整，无法读回",
                           BX_CARRY_SHEET, out->csvs[i].data) == BX_OK;
    return true;
}
