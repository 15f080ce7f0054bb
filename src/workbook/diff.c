/* What differs between two datasets, as a finance user checks a
 * correction: both are resolved with the same layouts, each sheet's rows
 * are paired by their texts, and every cell whose shown text differs is
 * one line, named by its cell in the new workbook. */
#include "align.h"
#include "display.h"
#include "geometry.h"
#include "resolve.h"
#include "strbuf.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *shown(const bx_cell *c, char *buf, size_t size)
{
    if (c->covered) {
        buf[0] = '\0';
        return buf;
    }
    bx_cell_display(c, buf, size);
    return buf;
}

/* A row's texts (not figures), joined: what pairs the rows of the two. */
static char *row_key(const bx_sheet *s, int r, bx_error *err)
{
    bx_strbuf key;
    bx_strbuf_init(&key, 0);
    char buf[1024];
    for (int c = 0; c < s->ncols; c++) {
        const bx_cell *cell = bx_sheet_cell(s, r, c);
        if (!bx_cell_is_figure(cell))
            bx_strbuf_puts(&key, shown(cell, buf, sizeof buf));
        bx_strbuf_putc(&key, '\x1f');
    }
    char *k = key.failed ? NULL : bx_strdup(bx_strbuf_str(&key), err);
    bx_strbuf_free(&key);
    return k;
}

/* The text a position shows, inside a merge its anchor's: a merged
 * label names every row it spans. */
static const char *shown_merged(const bx_sheet *s, int r, int c, char *buf, size_t size)
{
    for (int rr = r; rr >= 0; rr--)
        for (int cc = c; cc >= 0; cc--) {
            const bx_cell *a = bx_sheet_cell(s, rr, cc);
            if (!a->covered && rr + a->rowspan > r && cc + a->colspan > c)
                return shown(a, buf, size);
        }
    buf[0] = '\0';
    return buf;
}

/* What names the row of column c: the texts just left of its figures
 * ("2080501 行政单位离退休"; a ledger's side; a form's label). */
static void row_label(const bx_sheet *s, int r, int c, bx_strbuf *out)
{
    int k = c - 1;
    while (k >= 0 && bx_cell_is_figure(bx_sheet_cell(s, r, k)))
        k--;
    int end = k;
    while (k >= 0 && !bx_cell_is_figure(bx_sheet_cell(s, r, k)))
        k--;
    char buf[512], last[512] = "";
    bool any = false;
    for (int i = k + 1; i <= end; i++) {
        const char *t = shown_merged(s, r, i, buf, sizeof buf);
        if (!*t || (i > k + 1 && strcmp(t, last) == 0))
            continue;
        snprintf(last, sizeof last, "%s", t);
        bx_strbuf_printf(out, "%s%s", any ? " " : "", t);
        any = true;
    }
    if (!any)
        bx_strbuf_printf(out, "第 %d 行", BX_TITLE_ROWS + r + 1);
}

/* The headings above column c, top to bottom ("2024年政府采购项目/小计"). */
static void column_name(const bx_sheet *s, int c, bx_strbuf *out)
{
    bool any = false;
    for (int r = 0; r < s->header_rows; r++)
        for (int k = 0; k <= c; k++) {
            const bx_cell *h = bx_sheet_cell(s, r, k);
            if (h->covered || h->kind != BX_CELL_TEXT || k + h->colspan <= c)
                continue;
            bx_strbuf_printf(out, "%s%s", any ? "/" : "", h->text);
            any = true;
        }
}

/* A sheet and its name in the workbook. */
typedef struct named {
    const bx_sheet *s;
    const char *name;
} named;

static void cell_line(named n, int r, int c, const char *before, const char *after, bx_strbuf *out)
{
    const bx_sheet *s = n.s;
    char ref[32];
    bx_strbuf_printf(out, "%s!%s  ", n.name, bx_grid_ref(r, c, ref, sizeof ref));
    row_label(s, r, c, out);
    if (s->header_rows > 0) {
        bx_strbuf_puts(out, " · ");
        column_name(s, c, out);
    }
    bx_strbuf_printf(out, "：%s → %s\n", *before ? before : "（空）", *after ? after : "（空）");
}

static void row_line(named n, int r, const char *what, bx_strbuf *out)
{
    const bx_sheet *s = n.s;
    char ref[32], buf[512];
    bx_strbuf_printf(out, "%s!%s  %s", n.name, bx_grid_ref(r, 0, ref, sizeof ref), what);
    for (int c = 0; c < s->ncols; c++)
        if (*shown(bx_sheet_cell(s, r, c), buf, sizeof buf))
            bx_strbuf_printf(out, " %s", buf);
    bx_strbuf_putc(out, '\n');
}

static bool diff_sheet(named na_, named nb_, bx_strbuf *out, bx_error *err)
{
    const bx_sheet *a = na_.s, *b = nb_.s;
    int first = b->header_rows, na = a->nrows - first, nb = b->nrows - first;
    if (na < 0 || nb < 0 || a->ncols != b->ncols) {
        bx_strbuf_printf(out, "%s：表格结构不同\n", nb_.name);
        return true;
    }
    char **ka = bx_calloc((size_t)na + 1, sizeof *ka, err);
    char **kb = bx_calloc((size_t)nb + 1, sizeof *kb, err);
    int *match = bx_calloc((size_t)nb + 1, sizeof *match, err);
    bool *paired = bx_calloc((size_t)na + 1, 1, err);
    bool ok = ka && kb && match && paired;
    for (int i = 0; ok && i < na; i++)
        ok = (ka[i] = row_key(a, first + i, err)) != NULL;
    for (int j = 0; ok && j < nb; j++)
        ok = (kb[j] = row_key(b, first + j, err)) != NULL;
    ok = ok && bx_align_keys((const char *const *)ka, na, (const char *const *)kb, nb, match, err);
    for (int j = 0; ok && j < nb; j++) {
        if (match[j] < 0) {
            row_line(nb_, first + j, "（新增行）", out);
            continue;
        }
        paired[match[j]] = true;
        for (int c = 0; c < b->ncols; c++) {
            char x[2048], y[2048];
            shown(bx_sheet_cell(a, first + match[j], c), x, sizeof x);
            shown(bx_sheet_cell(b, first + j, c), y, sizeof y);
            if (strcmp(x, y) != 0)
                cell_line(nb_, first + j, c, x, y, out);
        }
    }
    for (int i = 0; ok && i < na; i++)
        if (!paired[i])
            row_line(na_, first + i, "（删除行）", out);
    for (int i = 0; ka && i < na; i++)
        free(ka[i]);
    for (int j = 0; kb && j < nb; j++)
        free(kb[j]);
    free(ka);
    free(kb);
    free(match);
    free(paired);
    return ok;
}

/* Sheets pair by their names in the workbook. */
static bool diff_docs(const bx_doc *a, const bx_doc *b, bx_strbuf *out, bx_error *err)
{
    bx_sheet_name *an = bx_sheet_names(a, err), *bn = an ? bx_sheet_names(b, err) : NULL;
    bool ok = bn != NULL;
    for (int i = 0; ok && i < b->nsheets; i++) {
        int k = 0;
        while (k < a->nsheets && strcmp(an[k], bn[i]) != 0)
            k++;
        if (k == a->nsheets)
            bx_strbuf_printf(out, "%s：（新增的表）\n", bn[i]);
        else
            ok = diff_sheet((named){&a->sheets[k], an[k]}, (named){&b->sheets[i], bn[i]}, out, err);
    }
    for (int k = 0; ok && k < a->nsheets; k++) {
        bool kept = false;
        for (int i = 0; i < b->nsheets && !kept; i++)
            kept = strcmp(an[k], bn[i]) == 0;
        if (!kept)
            bx_strbuf_printf(out, "%s：（删除的表）\n", an[k]);
    }
    free(an);
    free(bn);
    return ok;
}

char *bx_dataset_diff(const bx_dataset *before, const bx_dataset *after,
                      const char *const *layout_dirs, bx_error *err)
{
    bx_error spare;
    err = bx_error_or(err, &spare);
    if (!before || !after) {
        bx_fail(err, NULL, BX_ERR_USAGE, "bx_dataset_diff: 缺少数据");
        return NULL;
    }
    bx_layout_set *set = bx_layout_set_find(after->meta.template_name, layout_dirs, err);
    bx_model *a = set ? bx_model_resolve(set, before, err) : NULL;
    bx_model *b = a ? bx_model_resolve(set, after, err) : NULL;
    bx_strbuf out;
    bx_strbuf_init(&out, 0);
    char *text = NULL;
    if (b && diff_docs(a->doc, b->doc, &out, err))
        text = out.failed ? NULL : bx_strdup(bx_strbuf_str(&out), err);
    if (out.failed)
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
    bx_strbuf_free(&out);
    bx_model_free(b);
    bx_model_free(a);
    bx_layout_set_free(set);
    return text;
}
