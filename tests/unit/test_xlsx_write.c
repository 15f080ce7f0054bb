/* The XLSX back end, exactly: a small sheet made by hand is written with
 * bx_backend_xlsx, read back with the project's reader (bx_xbook_open) and
 * xl/styles.xml, and every cell that landed in the workbook is one line:
 *   "A7 s 基本工资 | left indent=1 wrap border"
 *   "B6 n 1234.5 | right border fmt=#,##0.00"
 * (s: a string, n: a number as stored, blank: formatted but empty), then
 * its merges. Any change of a cell's place, value, type, merge, number
 * format, alignment, indent, wrapping, font or border fails the test. */
#include "test_util.h"

#include "geometry.h"
#include "model.h"
#include "xlsx.h"
#include "xlsx_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* ---- the look of a cellXfs entry, from xl/styles.xml -------------------- */

/* The whole of a part of the zip at path; caller frees. */
static char *zip_part(const char *path, const char *name)
{
    int zerr = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
    assert_non_null(z);
    zip_stat_t st;
    assert_int_equal(zip_stat(z, name, 0, &st), 0);
    zip_file_t *f = zip_fopen(z, name, 0);
    assert_non_null(f);
    char *text = malloc(st.size + 1);
    assert_non_null(text);
    assert_int_equal(zip_fread(f, text, st.size), (zip_int64_t)st.size);
    text[st.size] = '\0';
    zip_fclose(f);
    zip_close(z);
    return text;
}

/* The n-th element <tag …/> or <tag …>…</tag> inside <list …>…</list>,
 * as [*from, *to). */
static bool nth_element(const char *xml, const char *list, const char *tag, int n,
                        const char **from, const char **to)
{
    char open[64], close[64], elem[64], closing[64];
    snprintf(open, sizeof open, "<%s ", list);
    snprintf(close, sizeof close, "</%s>", list);
    snprintf(elem, sizeof elem, "<%s", tag);
    snprintf(closing, sizeof closing, "</%s>", tag);
    size_t k = strlen(elem);
    const char *p = strstr(xml, open), *end = p ? strstr(p, close) : NULL;
    if (!p || !end)
        return false;
    p = strchr(p, '>') + 1;
    for (int i = 0; p && p < end; i++) {
        while ((p = strstr(p, elem)) && p < end && !strchr(" />", p[k]))
            p += k;
        if (!p || p >= end)
            return false;
        const char *gt = strchr(p, '>');
        const char *stop = gt[-1] == '/' ? gt + 1 : strstr(gt, closing) + strlen(closing);
        if (i == n) {
            *from = p;
            *to = stop;
            return true;
        }
        p = stop;
    }
    return false;
}

/* The value of attribute name="…" of the first <tag> within [from, to), or
 * NULL; into buf. */
static const char *attr(const char *from, const char *to, const char *tag, const char *name,
                        char *buf, size_t size)
{
    char elem[64], key[64];
    snprintf(elem, sizeof elem, "<%s", tag);
    snprintf(key, sizeof key, " %s=\"", name);
    const char *e = strstr(from, elem);
    if (!e || e >= to)
        return NULL;
    const char *gt = strchr(e, '>');
    const char *a = strstr(e, key);
    if (!a || a > gt)
        return NULL;
    a += strlen(key);
    const char *q = strchr(a, '"');
    snprintf(buf, size, "%.*s", (int)(q - a), a);
    return buf;
}

static bool has(const char *from, const char *to, const char *what)
{
    const char *p = strstr(from, what);
    return p && p < to;
}

/* Excel's built-in number formats libxlsxwriter maps format strings to. */
static const char *builtin_format(int id)
{
    switch (id) {
    case 0: return "General";
    case 1: return "0";
    case 2: return "0.00";
    case 3: return "#,##0";
    case 4: return "#,##0.00";
    case 49: return "@";
    default: return NULL;
    }
}

/* " | center wrap border bold 16pt fmt=#,##0.00": how cellXfs entry xf
 * looks. Left out where every cell is alike: vertically centred, 宋体,
 * 10 pt, no border unless thin on all four sides, General format. */
static void describe_xf(const char *styles, int xf, char *out, size_t size)
{
    const char *x0, *x1, *f0, *f1, *b0, *b1;
    char v[256], id[32];
    size_t len = 0;
#define PUT(...) len += (size_t)snprintf(out + len, size - len, __VA_ARGS__)
    assert_true(nth_element(styles, "cellXfs", "xf", xf, &x0, &x1));
    PUT(" |");
    PUT(" %s", attr(x0, x1, "alignment", "horizontal", v, sizeof v) ? v : "general");
    const char *vertical = attr(x0, x1, "alignment", "vertical", v, sizeof v);
    if (!vertical || strcmp(vertical, "center") != 0) /* every cell is centred vertically */
        PUT(" vertical=%s", vertical ? vertical : "bottom");
    if (attr(x0, x1, "alignment", "indent", v, sizeof v))
        PUT(" indent=%s", v);
    if (attr(x0, x1, "alignment", "wrapText", v, sizeof v))
        PUT(" wrap");
    assert_non_null(attr(x0, x1, "xf", "borderId", id, sizeof id));
    assert_true(nth_element(styles, "borders", "border", atoi(id), &b0, &b1));
    static const char *const sides[] = {"left", "right", "top", "bottom"};
    char side[4][32];
    int thin = 0;
    for (int i = 0; i < 4; i++) {
        if (!attr(b0, b1, sides[i], "style", side[i], sizeof side[i]))
            snprintf(side[i], sizeof side[i], "none");
        thin += strcmp(side[i], "thin") == 0;
    }
    if (thin == 4)
        PUT(" border");
    else
        for (int i = 0; i < 4; i++)
            if (strcmp(side[i], "none") != 0)
                PUT(" %s=%s", sides[i], side[i]);
    assert_non_null(attr(x0, x1, "xf", "fontId", id, sizeof id));
    assert_true(nth_element(styles, "fonts", "font", atoi(id), &f0, &f1));
    if (has(f0, f1, "<b/>"))
        PUT(" bold");
    if (attr(f0, f1, "sz", "val", v, sizeof v) && strcmp(v, "10") != 0)
        PUT(" %spt", v);
    if (attr(f0, f1, "name", "val", v, sizeof v) && strcmp(v, "宋体") != 0)
        PUT(" font=%s", v);
    if (has(x0, x1, "<protection locked=\"0\""))
        PUT(" unlocked");
    assert_non_null(attr(x0, x1, "xf", "numFmtId", id, sizeof id));
    const char *fmt = builtin_format(atoi(id));
    if (!fmt) {
        /* a custom format: <numFmt numFmtId="164" formatCode="…"/> */
        char key[64];
        snprintf(key, sizeof key, "<numFmt numFmtId=\"%s\"", id);
        const char *nf = strstr(styles, key);
        assert_non_null(nf);
        fmt = attr(nf, strchr(nf, '>'), "numFmt", "formatCode", v, sizeof v);
        assert_non_null(fmt);
    }
    if (strcmp(fmt, "General") != 0)
        PUT(" fmt=%s", fmt);
#undef PUT
}

/* ---- the workbook as text ---------------------------------------------- */

static void ref(int row, int col, char *buf, size_t size)
{
    char letters[8];
    int n = 0;
    for (int c = col + 1; c > 0; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    size_t len = 0;
    while (n > 0 && len + 1 < size)
        buf[len++] = letters[--n];
    snprintf(buf + len, size - len, "%d", row + 1);
}

/* A text with its line breaks written as "\\n". */
static const char *one_line(const char *t)
{
    static char buf[1024];
    size_t n = 0;
    for (; *t && n + 2 < sizeof buf; t++) {
        if (*t == '\n') {
            buf[n++] = '\\';
            buf[n++] = 'n';
        } else
            buf[n++] = *t;
    }
    buf[n] = '\0';
    return buf;
}

static int by_place(const void *x, const void *y)
{
    const bx_xmerge *a = x, *b = y;
    return a->first_row != b->first_row ? a->first_row - b->first_row : a->first_col - b->first_col;
}

/* The custom properties `budgetx import` reads, then every sheet: its
 * name, one line per cell (row by row), its merges. */
static char *workbook_text(const char *path)
{
    bx_error err;
    bx_error_clear(&err);
    bx_xbook *book = bx_xbook_open(path, &err);
    if (!book)
        print_error("%s\n", err.message);
    assert_non_null(book);
    char *styles = zip_part(path, "xl/styles.xml");
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    assert_non_null(out);
#define PUT(...) len += (size_t)snprintf(out + len, cap - len, __VA_ARGS__)
    static const char *const props[] = {"budgetx.template", "budgetx.unit", "budgetx.year",
                                        "budgetx.amount_unit"};
    PUT("properties");
    for (size_t i = 0; i < sizeof props / sizeof props[0]; i++) {
        const char *v = bx_xbook_property(book, props[i]);
        PUT(" %s=%s", props[i], v ? v : "(none)");
    }
    PUT("\n");
    for (size_t i = 0; i < book->nsheets; i++) {
        const bx_xsheet *s = &book->sheets[i];
        PUT("sheet %s%s\n", s->name, s->state == BX_XSHEET_VISIBLE ? "" : " (hidden)");
        for (size_t k = 0; k < s->ncells; k++) {
            const bx_xcell *c = &s->cells[k];
            char at[16], look[512];
            ref(c->row, c->col, at, sizeof at);
            describe_xf(styles, c->style, look, sizeof look);
            assert_int_equal(bx_xbook_indent(book, c->style) > 0, strstr(look, "indent=") != NULL);
            switch (c->type) {
            case BX_X_STRING: PUT("%s s %s%s\n", at, one_line(c->text), look); break;
            case BX_X_NUMBER: PUT("%s n %s%s\n", at, c->text, look); break;
            case BX_X_EMPTY: PUT("%s blank%s\n", at, look); break;
            case BX_X_BOOL:
            case BX_X_ERROR: PUT("%s ? %s%s\n", at, c->text, look); break;
            }
            assert_false(c->formula);
        }
        /* in order of place: a streamed sheet declares a merge on its last row */
        bx_xmerge *merges = malloc((s->nmerges + 1) * sizeof *merges);
        assert_non_null(merges);
        if (s->nmerges) {
            memcpy(merges, s->merges, s->nmerges * sizeof *merges);
            qsort(merges, s->nmerges, sizeof *merges, by_place);
        }
        PUT("merges");
        for (size_t k = 0; k < s->nmerges; k++) {
            char a[16], b[16];
            ref(merges[k].first_row, merges[k].first_col, a, sizeof a);
            ref(merges[k].last_row, merges[k].last_col, b, sizeof b);
            PUT(" %s:%s", a, b);
        }
        free(merges);
        PUT("\n");
    }
#undef PUT
    assert_true(len < cap);
    free(styles);
    bx_xbook_free(book);
    return out;
}

/* ---- the sheet --------------------------------------------------------- */

static void put(bx_sheet *s, int row, int col, bx_cell cell)
{
    if (cell.rowspan == 0)
        cell.rowspan = 1;
    if (cell.colspan == 0)
        cell.colspan = 1;
    bx_error err;
    bx_error_clear(&err);
    bool ok = bx_sheet_put(s, row, col, &cell, &err);
    if (!ok)
        print_error("%s\n", err.message);
    assert_true(ok);
}

static bx_cell text(bx_cell_style style, const char *t)
{
    return (bx_cell){.kind = BX_CELL_TEXT, .style = style, .text = t};
}

static bx_cell amount(int64_t v, int decimals)
{
    return (bx_cell){.kind = BX_CELL_AMOUNT,
                     .style = BX_STYLE_AMOUNT,
                     .decimals = (uint8_t)decimals,
                     .amount = v};
}

/* 表1: a two-row header (项目 down both rows, 预算数 across two columns),
 * two items (the second indented), a total, a note; 表2: the other
 * kinds of cells. */
static bx_doc *small_doc(void)
{
    bx_doc *d = bx_doc_new(NULL);
    assert_non_null(d);
    d->title = "2024年测试单位部门预算";
    d->author = "测试单位";
    d->template_name = "test";
    d->font = "宋体";
    d->amount_unit = "万元";
    d->year = 2024;
    d->created = 1704067200; /* 2024-01-01 */
    bx_sheet *s = bx_doc_add_sheet(d, 3, NULL);
    assert_non_null(s);
    s->name = "表1 收支/测试"; /* '/' is not allowed in a sheet name */
    s->label = "表 1";
    s->title = "收支总表";
    s->caption_left = "部门名称：测试单位";
    s->caption_right = "单位：万元";
    s->landscape = true;
    s->header_rows = 2;
    s->col_widths[0] = 1600;
    s->col_widths[1] = 800;
    s->col_widths[2] = 800;
    for (int r = 0; r < 5; r++)
        assert_int_equal(bx_sheet_add_row(s, NULL), r);
    bx_cell item = text(BX_STYLE_HEADER, "项目");
    item.rowspan = 2;
    put(s, 0, 0, item);
    bx_cell budget = text(BX_STYLE_HEADER, "2024年预算数");
    budget.colspan = 2;
    put(s, 0, 1, budget);
    put(s, 1, 1, text(BX_STYLE_HEADER, "基本支出"));
    put(s, 1, 2, text(BX_STYLE_HEADER, "项目支出"));
    put(s, 2, 0, text(BX_STYLE_TEXT, "工资福利支出"));
    put(s, 2, 1, amount(123450, 2));
    put(s, 2, 2, amount(0, 2));
    bx_cell wage = text(BX_STYLE_TEXT, "基本工资");
    wage.indent = 1;
    put(s, 3, 0, wage);
    put(s, 3, 1, amount(98765432, 2));
    put(s, 3, 2, (bx_cell){.kind = BX_CELL_EMPTY, .style = BX_STYLE_AMOUNT});
    put(s, 4, 0, text(BX_STYLE_LABEL, "合计"));
    put(s, 4, 1, amount(98888882, 2));
    put(s, 4, 2, amount(-5, 2));
    static const char *notes[] = {"注：本表金额单位为万元。"};
    s->notes = notes;
    s->nnotes = 1;

    /* 表2: one column, no header; the caption joined into one cell */
    s = bx_doc_add_sheet(d, 1, NULL);
    assert_non_null(s);
    s->name = "表2 其他";
    s->label = "表 2";
    s->title = "其他单元格";
    s->caption_left = "部门名称：测试单位";
    s->caption_right = "单位：万元";
    s->col_widths[0] = 2000;
    for (int r = 0; r < 6; r++)
        assert_int_equal(bx_sheet_add_row(s, NULL), r);
    put(s, 0, 0, text(BX_STYLE_CODE, "2080501"));
    put(s, 1, 0, text(BX_STYLE_PARAGRAPH, "第一行\n第二行"));
    bx_cell rate = amount(87, 2);
    rate.style = BX_STYLE_NUMBER;
    put(s, 2, 0, rate);
    bx_cell trimmed = amount(4200, 2);
    trimmed.trim = true;
    put(s, 3, 0, trimmed);
    put(s, 4, 0, text(BX_STYLE_TEXT, "=1+1")); /* text, never a formula */
    bx_cell right = text(BX_STYLE_TEXT, "靠右");
    right.align = BX_ALIGN_RIGHT;
    put(s, 5, 0, right);
    assert_true(bx_doc_check(d, NULL));
    return d;
}

static char *written(const bx_doc *d, char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/t.xlsx", dir);
    bx_error err;
    bx_error_clear(&err);
    if (bx_doc_write(d, &bx_backend_xlsx, path, NULL, &err) != BX_OK)
        print_error("%s\n", err.message);
    assert_int_equal(err.status, BX_OK);
    return workbook_text(path);
}

/* What the workbook of small_doc() holds, in memory or streamed. B7 and
 * B8 are stored as libxlsxwriter prints the doubles (%.16g): 987654.32 and
 * 988888.82 are read back exact by bx_decimal_from_number. */
static const char *const small_doc_cells =
    "properties budgetx.template=test budgetx.unit=测试单位 budgetx.year=2024 "
    "budgetx.amount_unit=万元\n"
    "sheet 表1 收支_测试\n"
    "A1 s 表 1 | left\n"
    "A2 s 收支总表 | center bold 16pt\n"
    "B2 blank | center bold 16pt\n"
    "C2 blank | center bold 16pt\n"
    "A3 s 部门名称：测试单位 | left\n"
    "B3 blank | left\n"
    "C3 s 单位：万元 | right\n"
    "A4 s 项目 | center wrap border\n"
    "B4 s 2024年预算数 | center wrap border\n"
    "C4 blank | center wrap border\n"
    "A5 blank | center wrap border\n"
    "B5 s 基本支出 | center wrap border\n"
    "C5 s 项目支出 | center wrap border\n"
    "A6 s 工资福利支出 | left wrap border\n"
    "B6 n 1234.5 | right border fmt=#,##0.00\n"
    "C6 n 0 | right border fmt=#,##0.00\n"
    "A7 s 基本工资 | left indent=1 wrap border\n"
    "B7 n 987654.3199999999 | right border fmt=#,##0.00\n"
    "C7 blank | right border fmt=#,##0\n"
    "A8 s 合计 | center wrap border\n"
    "B8 n 988888.8199999999 | right border fmt=#,##0.00\n"
    "C8 n -0.05 | right border fmt=#,##0.00\n"
    "A9 s 注：本表金额单位为万元。 | left wrap\n"
    "B9 blank | left wrap\n"
    "C9 blank | left wrap\n"
    "merges A2:C2 A3:B3 A4:A5 B4:C4 A9:C9\n"
    "sheet 表2 其他\n"
    "A1 s 表 2 | left\n"
    "A2 s 其他单元格 | center bold 16pt\n"
    "A3 s 部门名称：测试单位    单位：万元 | left\n"
    "A4 s 2080501 | left border\n"
    "A5 s 第一行\\n第二行 | left wrap border\n"
    "A6 n 0.87 | right border fmt=0.00\n"
    "A7 n 42 | right border\n"
    "A8 s =1+1 | left wrap border\n"
    "A9 s 靠右 | right wrap border\n"
    "merges\n";

static void written_as(const char *streaming, const char *expected)
{
    assert_int_equal(setenv("BUDGETX_XLSX_STREAMING", streaming, 1), 0);
    bx_doc *d = small_doc();
    char *dir = scratch_new();
    char *text = written(d, dir);
    assert_text(text, expected);
    free(text);
    scratch_free(dir);
    bx_doc_free(d);
    unsetenv("BUDGETX_XLSX_STREAMING");
}

static void small_sheets_cell_by_cell(void **state)
{
    (void)state;
    written_as("never", small_doc_cells);
}

/* constant-memory mode: rows in order, merges across rows declared on
 * their last row, covered cells written as blanks row by row */
static void streamed_the_same_cells(void **state)
{
    (void)state;
    written_as("always", small_doc_cells);
}

/* Worksheet names: made legal, and a clash numbered without cutting a
 * character in two. */
static void sheet_names(void **state)
{
    (void)state;
    bx_doc *d = bx_doc_new(NULL);
    const char *want[] = {
        "表12 整体支出绩效目标表甲", "表12 整体支出绩效目标表甲", "a/b[c]", "'引号'", "", "SHEET"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        bx_doc_add_sheet(d, 1, NULL)->name = want[i];
    bx_sheet_name *names = bx_sheet_names(d, NULL);
    char got[1024] = "";
    for (int i = 0; i < d->nsheets; i++)
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s\n", names[i]);
    assert_text(got, "表12 整体支出绩效目标表甲\n"
                     "表12 整体支出 (2)\n"
                     "a_b_c_\n"
                     "引号\n"
                     "Sheet\n"
                     "SHEET (2)\n");
    free(names);
    bx_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(small_sheets_cell_by_cell),
        cmocka_unit_test(streamed_the_same_cells),
        cmocka_unit_test(sheet_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
