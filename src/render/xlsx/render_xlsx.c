/* The XLSX back end on libxlsxwriter: one worksheet per sheet of the model,
 * title block in the first three rows, the grid below with its merges,
 * notes after the last row, print setup for A4. libxlsxwriter errors are
 * converted to bx_error in one place (bx_lxw_ok()).
 *
 * A big workbook is written in libxlsxwriter's constant-memory mode: each
 * row goes to disk when the next one starts, so a table of any length
 * takes the memory of one row. Rows are then written strictly in order,
 * and a merge that spans rows is declared on its last row (the cells
 * above are on disk by then; libxlsxwriter only records the range and
 * pads that row), its covered cells written as formatted blanks row by
 * row for their borders. A small workbook is kept in memory, which is
 * quicker: that mode allocates a row buffer of 16,384 columns per sheet.
 * Both write the same cells (BUDGETX_XLSX_STREAMING=always|never forces
 * one, for tests). */
#include "xlsx.h"
#include "lib_text.h"

#include "dataset_sheet.h"
#include "display.h"
#include "geometry.h"
#include "text.h"
#include "xlsx_guard.h"

#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

enum {
    TITLE_ROWS = BX_TITLE_ROWS, /* 表号, title, caption line */
    BODY_FONT_SIZE = 10,
    TITLE_FONT_SIZE = 16,
    PAPER_A4 = 9,
    MAX_FORMATS = 256,    /* distinct cell looks in one workbook */
    STREAM_CELLS = 250000 /* grid cells from which the workbook streams */
};

/* Closing a workbook is where libxlsxwriter (1.1.4 to 1.2.3) does two
 * things that are not safe on several threads at once: it formats the
 * document's dates with gmtime(), whose result all threads share, and it
 * makes its temporary part files with tmpfileplus, whose random names come
 * from a static seed. A thread-safe gmtime() would not be enough, so
 * workbooks are closed one at a time. (A streamed workbook also makes a
 * sheet's file as it adds the sheet: that happens under the same lock.) */
static pthread_mutex_t closing = PTHREAD_MUTEX_INITIALIZER;

static const double LINE_HEIGHT = 13.5; /* points per text line at 10 pt */
static const double ROW_PADDING = 4.0;

/* What makes two cells look different; one lxw_format per distinct key. */
typedef enum role {
    ROLE_CELL,
    ROLE_NUMBER_LINE, /* "表 1" */
    ROLE_TITLE,
    ROLE_CAPTION_LEFT,
    ROLE_CAPTION_RIGHT,
    ROLE_NOTE
} role;

typedef struct fmt_key {
    role role;
    bx_cell_style style;
    int indent, align, decimals;
    bool trim;
    bool wrap;
    bool unlocked;   /* a template's cell to type into */
    int half_points; /* the sheet's print: its type size (0: ours) */
    bool regular;    /* … its title not bold */
} fmt_key;

/* A merge spanning rows, still open: the rows after its first. */
typedef struct open_span {
    lxw_row_t first_row, last_row;
    lxw_col_t first_col, last_col;
    lxw_format *format;
} open_span;

typedef struct xlsx_state {
    const bx_doc *model;
    const bx_write_ctx *ctx;
    bx_sheet_name *names; /* the worksheets' names */
    lxw_workbook *wb;
    lxw_worksheet *ws;
    const bx_sheet *sheet;
    fmt_key keys[MAX_FORMATS];
    lxw_format *formats[MAX_FORMATS];
    int nformats;
    double *row_heights; /* of the current sheet's grid rows */
    bool streaming;      /* constant-memory mode */
    open_span *spans;    /* streaming: merges spanning rows, not yet declared */
    int nspans, cap_spans;
    bool *editable; /* a template: per cell of the sheet, typed into */
} xlsx_state;

bool bx_lxw_ok(lxw_error e, const char *what, bx_error *err)
{
    if (e == LXW_NO_ERROR)
        return true;
    bx_fail(err, NULL, BX_ERR_BACKEND, "写入 XLSX 失败（%s）：%s", what, bx_lxw_text((int)e));
    return false;
}

/* ---- formats ----------------------------------------------------------- */

static uint8_t lxw_align(bx_align a)
{
    switch (a) {
    case BX_ALIGN_CENTER: return LXW_ALIGN_CENTER;
    case BX_ALIGN_RIGHT: return LXW_ALIGN_RIGHT;
    case BX_ALIGN_LEFT:
    case BX_ALIGN_DEFAULT: return LXW_ALIGN_LEFT;
    }
    return LXW_ALIGN_LEFT;
}

static void apply_key(xlsx_state *st, lxw_format *f, const fmt_key *k)
{
    format_set_font_name(f, st->model->font ? st->model->font : "宋体");
    double size = k->role == ROLE_TITLE ? TITLE_FONT_SIZE : BODY_FONT_SIZE;
    format_set_font_size(f, k->half_points ? k->half_points / 2.0 : size);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    switch (k->role) {
    case ROLE_TITLE:
        if (!k->regular)
            format_set_bold(f);
        format_set_align(f, LXW_ALIGN_CENTER);
        return;
    case ROLE_NUMBER_LINE:
    case ROLE_CAPTION_LEFT: format_set_align(f, LXW_ALIGN_LEFT); return;
    case ROLE_CAPTION_RIGHT: format_set_align(f, LXW_ALIGN_RIGHT); return;
    case ROLE_NOTE:
        format_set_align(f, LXW_ALIGN_LEFT);
        format_set_text_wrap(f);
        return;
    case ROLE_CELL: break;
    }
    format_set_border(f, LXW_BORDER_THIN);
    if (k->unlocked)
        format_set_unlocked(f);
    format_set_align(f, lxw_align((bx_align)k->align));
    if (k->wrap)
        format_set_text_wrap(f);
    if (k->indent)
        format_set_indent(f, (uint8_t)k->indent);
    if (k->style == BX_STYLE_AMOUNT || k->style == BX_STYLE_NUMBER) {
        bx_cell probe = {.kind = BX_CELL_AMOUNT,
                         .style = k->style,
                         .decimals = (uint8_t)k->decimals,
                         .trim = k->trim};
        format_set_num_format(f, bx_cell_numfmt(&probe));
    }
}

static lxw_format *format_for(xlsx_state *st, const fmt_key *k, bx_error *err)
{
    for (int i = 0; i < st->nformats; i++)
        if (memcmp(&st->keys[i], k, sizeof *k) == 0)
            return st->formats[i];
    if (st->nformats == MAX_FORMATS) {
        bx_fail(err, NULL, BX_ERR_LIMIT, "单元格样式超过 %d 种", MAX_FORMATS);
        return NULL;
    }
    lxw_format *f = workbook_add_format(st->wb);
    if (!f) {
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        return NULL;
    }
    apply_key(st, f, k);
    st->keys[st->nformats] = *k;
    st->formats[st->nformats++] = f;
    return f;
}

/* The type size a sheet's print gives a role, in half points (0: ours). */
static int half_points(const bx_sheet *s, role r)
{
    double size = r == ROLE_TITLE ? s->title_size : s->font_size;
    return (int)(size * 2 + 0.5);
}

static lxw_format *role_format(xlsx_state *st, role r, bx_error *err)
{
    fmt_key k;
    memset(&k, 0, sizeof k);
    k.role = r;
    k.half_points = half_points(st->sheet, r);
    k.regular = r == ROLE_TITLE && st->sheet->title_regular;
    return format_for(st, &k, err);
}

static lxw_format *cell_format(xlsx_state *st, const bx_cell *c, int row, int col, bx_error *err)
{
    fmt_key k;
    memset(&k, 0, sizeof k); /* padding too: keys are compared with memcmp */
    k.role = ROLE_CELL;
    k.style = c->style;
    k.indent = c->indent;
    k.align = bx_cell_halign(c);
    k.decimals = c->kind == BX_CELL_AMOUNT ? c->decimals : 0;
    k.trim = c->kind == BX_CELL_AMOUNT && c->trim;
    k.wrap = bx_cell_wraps(c);
    k.unlocked = st->editable && st->editable[(size_t)row * (size_t)st->sheet->ncols + (size_t)col];
    k.half_points = half_points(st->sheet, ROLE_CELL);
    return format_for(st, &k, err);
}

/* ---- sizes ------------------------------------------------------------- */

/* How much larger the sheet's type is than ours (its print's font_size). */
static double type_scale(const bx_sheet *s)
{
    return s->font_size > 0 ? s->font_size / BODY_FONT_SIZE : 1.0;
}

/* Excel measures columns in widths of "0" of the default font (Calibri
 * 11, 7 px); a 10 pt 宋体 character is about 13.3 px. */
static double excel_width(const bx_sheet *s, int hundredths_cjk)
{
    return hundredths_cjk / 100.0 * 1.9 * type_scale(s) + 0.9;
}

/* Half-width units that fit on one line of a cell spanning `cols`. */
static double line_capacity(const bx_sheet *s, int col, int cols, int indent)
{
    int w = 0;
    for (int c = col; c < col + cols && c < s->ncols; c++)
        w += s->col_widths[c];
    double units = w / 100.0 * 2.0 - 1.0 - indent * 2.0;
    return units < 2.0 ? 2.0 : units;
}

/* Lines a text needs in a cell of the given capacity. */
static int lines_needed(const char *text, double capacity)
{
    int lines = 0;
    for (const char *p = text;;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        double w = (double)bx_text_width_n(p, len);
        int k = (int)((w + capacity - 1) / capacity);
        lines += k < 1 ? 1 : k;
        if (!nl)
            break;
        p = nl + 1;
    }
    return lines;
}

static int cell_lines(const bx_sheet *s, const bx_cell *c, int col)
{
    if (c->kind != BX_CELL_TEXT || !bx_cell_wraps(c))
        return 1;
    return lines_needed(c->text, line_capacity(s, col, c->colspan, c->indent));
}

static double height_for(const bx_sheet *s, int lines)
{
    return lines * LINE_HEIGHT * type_scale(s) + ROW_PADDING;
}

/* A cell's height in points, by its estimated lines. */
static double cell_height(void *sheet, int row, int col, const bx_cell *cell)
{
    (void)row;
    return height_for(sheet, cell_lines(sheet, cell, col));
}

/* Row heights that fit every cell (bx_sheet_fit_rows). */
static bool compute_row_heights(xlsx_state *st, bx_error *err)
{
    const bx_sheet *s = st->sheet;
    free(st->row_heights);
    st->row_heights = bx_calloc((size_t)(s->nrows ? s->nrows : 1), sizeof(double), err);
    double one = height_for(s, 1);
    double base = one > s->row_height ? one : s->row_height;
    if (!st->row_heights || !bx_sheet_fit_rows(s, base, cell_height, (void *)s, st->row_heights))
        return false;
    for (int r = s->header_rows; r < s->nrows; r++) /* the sheet's print: a taller body row */
        if (st->row_heights[r] < s->body_row_height)
            st->row_heights[r] = s->body_row_height;
    return true;
}

/* A margin of the sheet's print in inches (points / 72), or the default. */
static double margin_in(double points, double otherwise)
{
    return points > 0 ? points / 72.0 : otherwise;
}

/* ---- writing ----------------------------------------------------------- */

static bool write_title_block(xlsx_state *st, bx_error *err)
{
    static const role roles[] = {ROLE_NUMBER_LINE, ROLE_TITLE, ROLE_CAPTION_LEFT,
                                 ROLE_CAPTION_RIGHT};
    bx_title_cell cells[4];
    char both[2048];
    int n = bx_title_cells(st->sheet, cells, both, sizeof both);
    for (int i = 0; i < n; i++) {
        const bx_title_cell *c = &cells[i];
        lxw_format *f = role_format(st, roles[c->role], err);
        if (!f)
            return false;
        /* rows in order: a streamed sheet cannot go back */
        if (c->role == BX_TITLE_TITLE &&
            !bx_lxw_ok(worksheet_set_row(st->ws, 1, 30, NULL), "行高", err))
            return false;
        lxw_error e =
            c->last_col > c->col
                ? worksheet_merge_range(st->ws, (lxw_row_t)c->row, (lxw_col_t)c->col,
                                        (lxw_row_t)c->row, (lxw_col_t)c->last_col, c->text, f)
                : worksheet_write_string(st->ws, (lxw_row_t)c->row, (lxw_col_t)c->col, c->text, f);
        if (!bx_lxw_ok(e, "标题栏", err))
            return false;
    }
    return true;
}

static bool setup_sheet(xlsx_state *st, bx_error *err)
{
    const bx_sheet *s = st->sheet;
    lxw_worksheet *ws = st->ws;
    for (int c = 0; c < s->ncols; c++)
        if (!bx_lxw_ok(worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                                            excel_width(s, s->col_widths[c]), NULL),
                       "列宽", err))
            return false;
    worksheet_set_paper(ws, PAPER_A4);
    if (s->landscape)
        worksheet_set_landscape(ws);
    else
        worksheet_set_portrait(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_center_horizontally(ws);
    worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
    worksheet_set_margins(ws, margin_in(s->margin_left, 0.5), margin_in(s->margin_right, 0.5),
                          margin_in(s->margin_top, 0.6), margin_in(s->margin_bottom, 0.7));
    /* the rows every printed page repeats: title block and header, either
     * or none as the table says (a print title is one range of rows) */
    int first = s->title_once ? TITLE_ROWS : 0;
    int last = s->header_once ? TITLE_ROWS - 1 : TITLE_ROWS + s->header_rows - 1;
    bool repeat = !(s->title_once && s->header_once) && last >= first;
    if ((!s->no_page_numbers &&
         !bx_lxw_ok(worksheet_set_footer(ws, "&C第 &P 页 共 &N 页"), "页脚", err)) ||
        (repeat && !bx_lxw_ok(worksheet_repeat_rows(ws, (lxw_row_t)first, (lxw_row_t)last),
                              "打印标题行", err)))
        return false;
    if (s->header_rows > 0)
        worksheet_freeze_panes(ws, (lxw_row_t)(TITLE_ROWS + s->header_rows), 0);
    return write_title_block(st, err) && compute_row_heights(st, err);
}

static bool open_span_add(xlsx_state *st, const open_span *sp, bx_error *err)
{
    if (st->nspans == st->cap_spans) {
        int cap = st->cap_spans ? st->cap_spans * 2 : 16;
        open_span *p = realloc(st->spans, (size_t)cap * sizeof *p);
        if (!p)
            return bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
        st->spans = p;
        st->cap_spans = cap;
    }
    st->spans[st->nspans++] = *sp;
    return true;
}

/* A new row of the grid: its height, the blanks of merges coming down
 * from above, and those merges that end here declared. */
static bool begin_row(xlsx_state *st, int grid_row, bx_error *err)
{
    lxw_row_t r = (lxw_row_t)(TITLE_ROWS + grid_row);
    if (!bx_lxw_ok(worksheet_set_row(st->ws, r, st->row_heights[grid_row], NULL), "行高", err))
        return false;
    for (int i = 0; st->streaming && i < st->nspans;) {
        const open_span *sp = &st->spans[i];
        for (lxw_col_t c = sp->first_col; c <= sp->last_col; c++)
            if (!bx_lxw_ok(worksheet_write_blank(st->ws, r, c, sp->format), "合并单元格", err))
                return false;
        if (sp->last_row != r) {
            i++;
            continue;
        }
        /* the rows above are on disk: only the range is recorded */
        if (!bx_lxw_ok(worksheet_merge_range(st->ws, sp->first_row, sp->first_col, sp->last_row,
                                             sp->last_col, "", sp->format),
                       "合并单元格", err))
            return false;
        st->spans[i] = st->spans[--st->nspans];
    }
    return true;
}

static bool write_cell(xlsx_state *st, const bx_event *ev, bx_error *err)
{
    const bx_cell *c = ev->cell;
    lxw_worksheet *ws = st->ws;
    lxw_format *f = cell_format(st, c, ev->row, ev->col, err);
    if (!f)
        return false;
    lxw_row_t r = (lxw_row_t)(TITLE_ROWS + ev->row);
    lxw_col_t col = (lxw_col_t)ev->col, last_col = (lxw_col_t)(col + c->colspan - 1);
    lxw_row_t last_row = (lxw_row_t)(r + c->rowspan - 1);
    if (!st->streaming || c->rowspan == 1) {
        /* Merge with an empty string, then write the value into the first
         * cell: numbers keep their type this way. */
        if ((c->rowspan > 1 || c->colspan > 1) &&
            !bx_lxw_ok(worksheet_merge_range(ws, r, col, last_row, last_col, "", f), "合并单元格",
                       err))
            return false;
    } else {
        /* the first row's blanks now, the rest row by row */
        open_span sp = {r, last_row, col, last_col, f};
        if (!open_span_add(st, &sp, err))
            return false;
        for (lxw_col_t k = col + 1; k <= last_col; k++)
            if (!bx_lxw_ok(worksheet_write_blank(ws, r, k, f), "合并单元格", err))
                return false;
    }
    switch (c->kind) {
    case BX_CELL_EMPTY: return bx_lxw_ok(worksheet_write_blank(ws, r, col, f), "单元格", err);
    case BX_CELL_TEXT:
        /* write_string never makes a formula of "=…" text */
        return bx_lxw_ok(worksheet_write_string(ws, r, col, c->text, f), "单元格", err);
    case BX_CELL_AMOUNT:
        return bx_lxw_ok(worksheet_write_number(ws, r, col, bx_cell_double(c), f), "单元格", err);
    }
    return true;
}

static bool write_notes(xlsx_state *st, bx_error *err)
{
    const bx_sheet *s = st->sheet;
    lxw_format *f = role_format(st, ROLE_NOTE, err);
    if (!f)
        return false;
    for (int i = 0; i < s->nnotes; i++) {
        lxw_row_t r = (lxw_row_t)(TITLE_ROWS + s->nrows + i);
        double height = height_for(s, lines_needed(s->notes[i], line_capacity(s, 0, s->ncols, 0)));
        if (!bx_lxw_ok(worksheet_set_row(st->ws, r, height, NULL), "行高", err))
            return false;
        bool ok =
            s->ncols > 1
                ? bx_lxw_ok(worksheet_merge_range(st->ws, r, 0, r, (lxw_col_t)(s->ncols - 1),
                                                  s->notes[i], f),
                            "注释", err)
                : bx_lxw_ok(worksheet_write_string(st->ws, r, 0, s->notes[i], f), "注释", err);
        if (!ok)
            return false;
    }
    return true;
}

/* ---- a template for data entry ----------------------------------------- */

/* The cells a template leaves open (the caller's bx_entry says which). */
static bool mark_editable(xlsx_state *st, int index, bx_error *err)
{
    const bx_sheet *s = st->sheet;
    free(st->editable);
    st->editable = NULL;
    const bx_entry *entry = st->ctx ? st->ctx->entry : NULL;
    if (!entry)
        return true;
    st->editable = bx_calloc((size_t)s->nrows * (size_t)s->ncols + 1, 1, err);
    if (!st->editable)
        return false;
    entry->mark(entry->ctx, index, s, st->editable);
    return true;
}

static bool validate_numbers(xlsx_state *st, int first, int last, int col, bx_error *err)
{
    lxw_data_validation v;
    memset(&v, 0, sizeof v);
    v.validate = LXW_VALIDATION_TYPE_DECIMAL;
    v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    v.minimum_number = -1e15;
    v.maximum_number = 1e15;
    v.error_title = "金额格式无效";
    v.error_message = "请输入数字，例如 1234.5";
    return bx_lxw_ok(worksheet_data_validation_range(st->ws, (lxw_row_t)(TITLE_ROWS + first),
                                                     (lxw_col_t)col, (lxw_row_t)(TITLE_ROWS + last),
                                                     (lxw_col_t)col, &v),
                     "数据验证", err);
}

/* Numbers only in the figure columns of open cells (runs of rows), then
 * the sheet protected without a password: rows may still be inserted,
 * deleted and indented. */
static bool protect_template(xlsx_state *st, bx_error *err)
{
    const bx_sheet *s = st->sheet;
    if (!st->editable)
        return true;
    for (int c = 0; c < s->ncols; c++)
        for (int r = 0; r < s->nrows;) {
            size_t at = (size_t)r * (size_t)s->ncols + (size_t)c;
            if (!st->editable[at] || !bx_cell_is_figure(bx_sheet_cell(s, r, c))) {
                r++;
                continue;
            }
            int end = r + 1;
            while (end < s->nrows && st->editable[(size_t)end * (size_t)s->ncols + (size_t)c] &&
                   bx_cell_is_figure(bx_sheet_cell(s, end, c)))
                end++;
            if (!validate_numbers(st, r, end - 1, c, err))
                return false;
            r = end;
        }
    lxw_protection p;
    memset(&p, 0, sizeof p);
    p.insert_rows = p.delete_rows = p.format_cells = p.format_rows = 1;
    worksheet_protect(st->ws, NULL, &p);
    return true;
}

static bool xlsx_event(void *vst, const bx_event *ev, bx_error *err)
{
    xlsx_state *st = vst;
    switch (ev->type) {
    case BX_EV_SHEET_BEGIN:
        st->sheet = ev->sheet;
        pthread_mutex_lock(&closing);
        st->ws = workbook_add_worksheet(st->wb, st->names[ev->sheet_index]);
        pthread_mutex_unlock(&closing);
        if (!st->ws) {
            bx_fail(err, NULL, BX_ERR_BACKEND, "无法添加工作表“%s”", st->names[ev->sheet_index]);
            return false;
        }
        return mark_editable(st, ev->sheet_index, err) && setup_sheet(st, err);
    case BX_EV_ROW_BEGIN: return begin_row(st, ev->row, err);
    case BX_EV_CELL: return write_cell(st, ev, err);
    case BX_EV_SHEET_END: return write_notes(st, err) && protect_template(st, err);
    case BX_EV_DONE:
        return !st->ctx || !st->ctx->carried ||
               bx_carried_write(st->wb, st->ctx->carried, st->model->nsheets == 0, err);
    case BX_EV_ROW_END: return true;
    }
    return true;
}

static bool set_properties(xlsx_state *st, bx_error *err)
{
    const bx_doc *m = st->model;
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    props.title = (char *)m->title;
    props.subject = (char *)m->title;
    props.author = (char *)m->author;
    props.company = (char *)m->author;
    props.category = "部门预算公开";
    props.keywords = "部门预算, 公开表格";
    props.comments = "budgetx " BX_VERSION;
    props.created = (time_t)m->created;
    char year[16];
    snprintf(year, sizeof year, "%d", m->year);
    /* What a later `budgetx import` needs to read the workbook back. */
    return bx_lxw_ok(workbook_set_properties(st->wb, &props), "文档属性", err) &&
           bx_lxw_ok(workbook_set_custom_property_string(st->wb, "budgetx.template",
                                                         (char *)m->template_name),
                     "文档属性", err) &&
           bx_lxw_ok(workbook_set_custom_property_string(st->wb, "budgetx.unit", (char *)m->author),
                     "文档属性", err) &&
           bx_lxw_ok(workbook_set_custom_property_string(st->wb, "budgetx.year", year), "文档属性",
                     err) &&
           bx_lxw_ok(workbook_set_custom_property_string(st->wb, "budgetx.amount_unit",
                                                         (char *)m->amount_unit),
                     "文档属性", err) &&
           bx_lxw_ok(workbook_set_custom_property_string(st->wb, "budgetx.version", BX_VERSION),
                     "文档属性", err);
}

static lxw_error close_workbook(lxw_workbook *wb)
{
    pthread_mutex_lock(&closing);
    lxw_error e = workbook_close(wb);
    pthread_mutex_unlock(&closing);
    return e;
}

static bool streams(const bx_doc *m)
{
    const char *force = getenv("BUDGETX_XLSX_STREAMING");
    if (force && strcmp(force, "always") == 0)
        return true;
    if (force && strcmp(force, "never") == 0)
        return false;
    size_t cells = 0;
    for (int i = 0; i < m->nsheets; i++)
        cells += (size_t)m->sheets[i].nrows * (size_t)m->sheets[i].ncols;
    return cells >= STREAM_CELLS;
}

/* Where libxlsxwriter keeps each part until it zips them: a small
 * workbook's few megabytes in memory (/dev/shm) rather than in files
 * created and removed on disk, which cost a render a sixth of its time;
 * a streamed one, whose parts may be gigabytes, and anything when the
 * user names TMPDIR, where libxlsxwriter would put them anyway. */
static char *scratch_dir(bool streaming)
{
    static char shm[] = "/dev/shm";
    struct stat st;
    if (streaming || getenv("TMPDIR") || stat(shm, &st) != 0 || !S_ISDIR(st.st_mode) ||
        access(shm, W_OK | X_OK) != 0)
        return NULL;
    return shm;
}

static void *xlsx_open(const bx_doc *m, const char *path, const bx_write_ctx *ctx, bx_error *err)
{
    xlsx_state *st = bx_calloc(1, sizeof *st, err);
    if (!st)
        return NULL;
    st->model = m;
    st->ctx = ctx;
    if (!(st->names = bx_sheet_names(m, err))) {
        free(st);
        return NULL;
    }
    st->streaming = streams(m);
    lxw_workbook_options options = {.constant_memory = st->streaming ? LXW_TRUE : LXW_FALSE,
                                    .tmpdir = scratch_dir(st->streaming)};
    st->wb = workbook_new_opt(path, &options);
    if (!st->wb) {
        bx_loc loc = {path, 0, 0};
        bx_fail(err, &loc, BX_ERR_IO, "无法创建 XLSX 文件");
        free(st->names);
        free(st);
        return NULL;
    }
    if (!set_properties(st, err)) {
        close_workbook(st->wb);
        free(st->names);
        free(st);
        return NULL;
    }
    return st;
}

static bool xlsx_finish(void *vst, bx_error *err)
{
    xlsx_state *st = vst;
    lxw_error e = close_workbook(st->wb);
    free(st->row_heights);
    free(st->spans);
    free(st->editable);
    free(st->names);
    free(st);
    return bx_lxw_ok(e, "保存文件", err);
}

static void xlsx_abort(void *vst)
{
    xlsx_state *st = vst;
    close_workbook(st->wb); /* frees it; the driver removes the file */
    free(st->row_heights);
    free(st->spans);
    free(st->editable);
    free(st->names);
    free(st);
}

const bx_backend bx_backend_xlsx = {
    .name = "xlsx",
    .extension = "xlsx",
    .open = xlsx_open,
    .event = xlsx_event,
    .finish = xlsx_finish,
    .abort = xlsx_abort,
};
