/* Reading an Excel 97-2003 workbook (.xls, BIFF8) with FreeXL into the
 * same bx_xbook an .xlsx gives (xlsx_read.h), for the readers above it.
 * FreeXL gives cell values only — no merges, styles or sheet states — so
 * every sheet is visible and unmerged, every cell in the default format;
 * the readers do without (a heading merged over columns is found in its
 * first column). Numbers keep the 15 significant digits Excel shows. */
#include "xls_read.h"

#include "arena.h"
#include "text.h"

#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { XLS_MAX_BYTES = 256 * 1024 * 1024 };

/* What FreeXL's error codes mean to the user. */
static const char *xls_problem(int code)
{
    switch (code) {
    case FREEXL_FILE_NOT_FOUND: return "无法打开文件";
    case FREEXL_INSUFFICIENT_MEMORY: return "内存不足";
    case FREEXL_INVALID_CHARACTER:
    case FREEXL_UNSUPPORTED_CHARSET: return "文字的编码无法识别";
    case FREEXL_CRAFTED_FILE: return "文件严重损坏";
    default: return "文件已损坏或不是 Excel 97-2003 工作簿";
    }
}

static bool xls_fail(const char *path, int code, bx_error *err)
{
    bx_loc loc = {path, 0, 0};
    return bx_fail(err, &loc, code == FREEXL_INSUFFICIENT_MEMORY ? BX_ERR_NOMEM : BX_ERR_SYNTAX,
                   "无法读取 .xls 工作簿：%s（FreeXL 错误 %d）", xls_problem(code), code) == BX_OK;
}

/* A number as Excel shows it: 15 significant digits, no trailing zeros. */
static void number_text(double v, char *buf, size_t size)
{
    snprintf(buf, size, "%.15g", v);
}

static bool add_cell(bx_xsheet *ws, size_t *cap, const bx_xcell *c, bx_error *err)
{
    if (ws->ncells == *cap) {
        size_t n = *cap ? *cap * 2 : 256;
        bx_xcell *p = realloc(ws->cells, n * sizeof *p);
        if (!p)
            return bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
        ws->cells = p;
        *cap = n;
    }
    ws->cells[ws->ncells++] = *c;
    return true;
}

/* One worksheet's cells, copied into the book's arena. */
static bool read_sheet(const void *h, bx_xbook *book, bx_xsheet *ws, size_t *total, bx_error *err)
{
    unsigned int rows;
    unsigned short cols;
    int rc = freexl_worksheet_dimensions(h, &rows, &cols);
    if (rc != FREEXL_OK)
        return xls_fail(book->path, rc, err);
    size_t cap = 0;
    bool ok = true;
    for (unsigned int r = 0; ok && r < rows; r++)
        for (unsigned short c = 0; ok && c < cols; c++) {
            FreeXL_CellValue v;
            if ((rc = freexl_get_cell_value(h, r, c, &v)) != FREEXL_OK) {
                ok = xls_fail(book->path, rc, err);
                break;
            }
            char num[64];
            const char *text = NULL;
            bx_xcell cell = {.row = (int)r, .col = (int)c, .type = BX_X_STRING};
            if (v.type == FREEXL_CELL_INT || v.type == FREEXL_CELL_DOUBLE) {
                number_text(v.type == FREEXL_CELL_INT ? v.value.int_value : v.value.double_value,
                            num, sizeof num);
                text = num;
                cell.type = BX_X_NUMBER;
            } else if (v.type != FREEXL_CELL_NULL) {
                text = v.value.text_value ? v.value.text_value : "";
            }
            if (!text)
                continue;
            if (++*total > BX_XLSX_MAX_CELLS) {
                bx_loc loc = {book->path, 0, 0};
                ok = bx_fail(err, &loc, BX_ERR_LIMIT, "工作簿的单元格超过 %d 个的上限",
                             BX_XLSX_MAX_CELLS) == BX_OK;
                break;
            }
            if (strlen(text) > BX_XLSX_MAX_TEXT_BYTES ||
                bx_utf8_invalid_at(text, strlen(text)) != strlen(text))
                text = "";
            cell.text = bx_arena_strdup(book->arena, text, err);
            ok = cell.text && add_cell(ws, &cap, &cell, err);
            ws->nrows = (int)r + 1;
            ws->ncols = (int)c + 1 > ws->ncols ? (int)c + 1 : ws->ncols;
        }
    /* the cells into the arena, as an .xlsx's are */
    bx_xcell *kept = ok ? bx_arena_alloc(book->arena, (ws->ncells + 1) * sizeof *kept, err) : NULL;
    if (kept && ws->ncells)
        memcpy(kept, ws->cells, ws->ncells * sizeof *kept);
    free(ws->cells);
    ws->cells = kept;
    return kept != NULL;
}

static bool read_sheets(const void *h, bx_xbook *book, bx_error *err)
{
    unsigned int n;
    int rc = freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &n);
    if (rc != FREEXL_OK)
        return xls_fail(book->path, rc, err);
    if (n > BX_XLSX_MAX_SHEETS) {
        bx_loc loc = {book->path, 0, 0};
        return bx_fail(err, &loc, BX_ERR_LIMIT, "工作簿的工作表超过 %d 张的上限",
                       BX_XLSX_MAX_SHEETS) == BX_OK;
    }
    book->sheets = bx_arena_alloc(book->arena, (n + 1) * sizeof *book->sheets, err);
    if (!book->sheets)
        return false;
    size_t total = 0;
    for (unsigned int i = 0; i < n; i++) {
        bx_xsheet *ws = &book->sheets[i];
        const char *name;
        memset(ws, 0, sizeof *ws);
        if ((rc = freexl_get_worksheet_name(h, (unsigned short)i, &name)) != FREEXL_OK ||
            (rc = freexl_select_active_worksheet(h, (unsigned short)i)) != FREEXL_OK)
            return xls_fail(book->path, rc, err);
        ws->name = bx_arena_strdup(book->arena, name ? name : "", err);
        book->nsheets = i + 1;
        if (!ws->name || !read_sheet(h, book, ws, &total, err))
            return false;
    }
    return true;
}

bx_xbook *bx_xls_open(const char *path, bx_error *err)
{
    struct stat st;
    bx_loc loc = {path, 0, 0};
    if (stat(path, &st) == 0 && st.st_size > XLS_MAX_BYTES) {
        bx_fail(err, &loc, BX_ERR_LIMIT, ".xls 工作簿超过 %d MB 的上限", XLS_MAX_BYTES >> 20);
        return NULL;
    }
    const void *h = NULL;
    int rc = freexl_open(path, &h);
    if (rc != FREEXL_OK) {
        if (h)
            freexl_close(h);
        xls_fail(path, rc, err);
        return NULL;
    }
    unsigned int password = 0;
    if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK &&
        password == FREEXL_BIFF_OBFUSCATED) {
        freexl_close(h);
        bx_fail(err, &loc, BX_ERR_SYNTAX,
                "无法读取 .xls 工作簿：它设了打开密码（请另存为不加密的文件）");
        return NULL;
    }
    bx_xbook *book = bx_calloc(1, sizeof *book, err);
    bool ok = book && (book->arena = bx_arena_new()) != NULL;
    if (book && !ok)
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
    if (ok) {
        book->path = bx_arena_strdup(book->arena, path, err);
        ok = book->path && read_sheets(h, book, err);
    }
    freexl_close(h);
    if (!ok) {
        bx_xbook_free(book);
        return NULL;
    }
    return book;
}

bx_xbook *bx_workbook_open(const char *path, bx_error *err)
{
    unsigned char head[4] = {0};
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(head, 1, sizeof head, f) : 0;
    if (f)
        fclose(f);
    /* OLE2: Excel 97-2003 (or an .xlsx encrypted with a password, which
     * FreeXL then refuses) */
    if (n == 4 && memcmp(head, "\xD0\xCF\x11\xE0", 4) == 0)
        return bx_xls_open(path, err);
    return bx_xbook_open(path, err);
}
