/* What differs between two datasets, as a finance user checks a
 * correction: both are resolved with the same layouts and each sheet is
 * compared part by part — the title block, the header rows, the body
 * (rows paired by their texts) and the notes. Every cell whose shown text
 * or indentation level differs is one line, named by its cell in the new
 * workbook; a row or note that is gone is named by its row in the old one.
 * Texts are compared whole and cut only for display. */
#include "align.h"
#include "display.h"
#include "geometry.h"
#include "resolve.h"
#include "strbuf.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- texts ------------------------------------------------------------- */

enum {
    SHOWN_CHARS = 60,  /* characters of a text a line shows */
    CONTEXT_CHARS = 10 /* of them, before the first difference */
};

/* The whole text a cell shows: its own for a text, else formatted into
 * buf (an amount is short); "" inside a merge. */
static const char *cell_text(const bx_cell *c, char *buf, size_t size)
{
    if (c->covered || c->kind == BX_CELL_EMPTY)
        return "";
    if (c->kind == BX_CELL_TEXT)
        return c->text;
    bx_cell_display(c, buf, size);
    return buf;
}

/* The byte offset of the character `chars` characters after s[at] (or the
 * end). */
static size_t skip_chars(const char *s, size_t at, size_t chars)
{
    while (s[at] && chars > 0) {
        at++;
        while (((unsigned char)s[at] & 0xC0) == 0x80)
            at++;
        chars--;
    }
    return at;
}

/* s from byte `from` (a character's start), at most SHOWN_CHARS
 * characters, with "…" where it is cut. */
static void put_cut(bx_strbuf *out, const char *s, size_t from)
{
    size_t end = skip_chars(s, from, SHOWN_CHARS);
    if (from > 0)
        bx_strbuf_puts(out, "…");
    bx_strbuf_append(out, s + from, end - from);
    if (s[end])
        bx_strbuf_puts(out, "…");
}

/* "before → after", each cut to what a line shows: when one is long, both
 * start a little before where they first differ, so that the change shows. */
static void put_change(bx_strbuf *out, const char *before, const char *after)
{
    size_t same = 0;
    while (before[same] && before[same] == after[same])
        same++;
    while (same > 0 && ((unsigned char)after[same] & 0xC0) == 0x80)
        same--; /* back to the start of the character that differs */
    size_t chars = 0;
    for (size_t i = 0; i < same; i++)
        chars += ((unsigned char)after[i] & 0xC0) != 0x80;
    size_t from = 0;
    if (after[skip_chars(after, 0, SHOWN_CHARS)] || before[skip_chars(before, 0, SHOWN_CHARS)])
        from = chars > CONTEXT_CHARS ? skip_chars(after, 0, chars - CONTEXT_CHARS) : 0;
    if (*before)
        put_cut(out, before, from);
    else
        bx_strbuf_puts(out, "（空）");
    bx_strbuf_puts(out, " → ");
    if (*after)
        put_cut(out, after, from);
    else
        bx_strbuf_puts(out, "（空）");
}

/* ---- naming cells ------------------------------------------------------ */

/* A row's texts (not figures), joined: what pairs the rows of the two. */
static char *row_key(const bx_sheet *s, int r, bx_error *err)
{
    bx_strbuf key;
    bx_strbuf_init(&key, 0);
    char buf[64];
    for (int c = 0; c < s->ncols; c++) {
        const bx_cell *cell = bx_sheet_cell(s, r, c);
        if (!bx_cell_is_figure(cell))
            bx_strbuf_puts(&key, cell_text(cell, buf, sizeof buf));
        bx_strbuf_putc(&key, '\x1f');
    }
    char *k = key.failed ? NULL : bx_strdup(bx_strbuf_str(&key), err);
    if (key.failed)
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
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
                return cell_text(a, buf, size);
        }
    return "";
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
    char buf[64], kept[64];
    const char *last = "";
    bool any = false;
    for (int i = k + 1; i <= end; i++) {
        const char *t = shown_merged(s, r, i, buf, sizeof buf);
        if (!*t || (i > k + 1 && strcmp(t, last) == 0))
            continue;
        if (t == buf) { /* a figure merged over the row: buf is used again */
            snprintf(kept, sizeof kept, "%s", buf);
            last = kept;
        } else {
            last = t;
        }
        if (any)
            bx_strbuf_putc(out, ' ');
        put_cut(out, t, 0);
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
            if (any)
                bx_strbuf_putc(out, '/');
            put_cut(out, h->text, 0);
            any = true;
        }
}

/* Where the new side's body cells were read, for a dataset read from a
 * workbook made elsewhere: its binds sorted by cell, and the dataset's
 * origins (bx_cell_origin) of each source. */
typedef struct read_at {
    bx_bind *binds;
    size_t n;
    const bx_file_origins *const *files; /* per source of the model */
} read_at;

/* A sheet and its name in the workbook. */
typedef struct named {
    const bx_sheet *s;
    const char *name;
    const read_at *at; /* the new side's, or NULL */
} named;

static int by_cell(const void *x, const void *y)
{
    const bx_bind *a = x, *b = y;
    return a->row != b->row ? (a->row > b->row) - (a->row < b->row)
                            : (a->col > b->col) - (a->col < b->col);
}

/* "SHEET!REF" of body cell (r, c): where it was read, else its place in
 * the workbook budgetx would write. */
static void body_ref(named n, int r, int c, bx_strbuf *out)
{
    char ref[32];
    bx_bind key = {.row = r, .col = c};
    const bx_bind *b = n.at ? bsearch(&key, n.at->binds, n.at->n, sizeof key, by_cell) : NULL;
    const bx_file_origins *f = b && b->source != BX_BIND_FIELD ? n.at->files[b->source] : NULL;
    const bx_cell_origin *o = f && b->record < f->rows && b->column < f->cols
                                  ? &f->cells[b->record * f->cols + b->column]
                                  : NULL;
    if (o && o->sheet && o->row >= 0)
        bx_strbuf_printf(out, "%s!%s  ", o->sheet, bx_cell_ref(o->row, o->col, ref, sizeof ref));
    else
        bx_strbuf_printf(out, "%s!%s  ", n.name, bx_grid_ref(r, c, ref, sizeof ref));
}

/* A body cell's place, its row and column: "SHEET!REF  ROW · COLUMN：". */
static void cell_place(named n, int r, int c, bx_strbuf *out)
{
    const bx_sheet *s = n.s;
    body_ref(n, r, c, out);
    row_label(s, r, c, out);
    if (s->header_rows > 0) {
        bx_strbuf_puts(out, " · ");
        column_name(s, c, out);
    }
    bx_strbuf_puts(out, "：");
}

/* A changed body cell: its place, what it showed, what it shows. */
static void cell_line(named n, int r, int c, const char *before, const char *after, bx_strbuf *out)
{
    cell_place(n, r, c, out);
    put_change(out, before, after);
    bx_strbuf_putc(out, '\n');
}

/* A row moved up or down a level: named by the indented text itself
 * ("基本工资 · 支出项目类别：层级 2 → 1"). */
static void level_line(named n, int r, int c, int before, int after, bx_strbuf *out)
{
    char buf[64];
    body_ref(n, r, c, out);
    put_cut(out, cell_text(bx_sheet_cell(n.s, r, c), buf, sizeof buf), 0);
    if (n.s->header_rows > 0) {
        bx_strbuf_puts(out, " · ");
        column_name(n.s, c, out);
    }
    bx_strbuf_printf(out, "：层级 %d → %d\n", before, after);
}

/* A cell of the title block, a heading or a note: "SHEET!REF  WHAT：…". */
static void fixed_line(named n, int row, int col, const char *what, const char *before,
                       const char *after, bx_strbuf *out)
{
    char ref[32];
    bx_strbuf_printf(out, "%s!%s  %s：", n.name, bx_cell_ref(row, col, ref, sizeof ref), what);
    put_change(out, before, after);
    bx_strbuf_putc(out, '\n');
}

/* A row's texts after what happened to it. */
static void row_texts(const bx_sheet *s, int r, bx_strbuf *out)
{
    char buf[64];
    for (int c = 0; c < s->ncols; c++) {
        const char *t = cell_text(bx_sheet_cell(s, r, c), buf, sizeof buf);
        if (*t) {
            bx_strbuf_putc(out, ' ');
            put_cut(out, t, 0);
        }
    }
    bx_strbuf_putc(out, '\n');
}

/* A row added: named by its first cell in the new workbook. */
static void added_line(named n, int r, bx_strbuf *out)
{
    char ref[32];
    bx_strbuf_printf(out, "%s!%s  （新增行）", n.name, bx_grid_ref(r, 0, ref, sizeof ref));
    row_texts(n.s, r, out);
}

/* A row removed: it is in the old workbook only, named by its row there. */
static void removed_line(named n, int r, bx_strbuf *out)
{
    bx_strbuf_printf(out, "%s  （删除行，原第 %d 行）", n.name, BX_TITLE_ROWS + r + 1);
    row_texts(n.s, r, out);
}

/* ---- the parts of a sheet ---------------------------------------------- */

static const char *title_role(int role)
{
    return role == BX_TITLE_NUMBER ? "表号" : role == BX_TITLE_TITLE ? "标题" : "标题栏";
}

/* The title block, cell by cell of the new workbook's (by their role). */
static void diff_title(named na, named nb, bx_strbuf *out)
{
    bx_title_cell ca[4], cb[4];
    char both_a[2048], both_b[2048];
    int n_a = bx_title_cells(na.s, ca, both_a, sizeof both_a);
    int n_b = bx_title_cells(nb.s, cb, both_b, sizeof both_b);
    for (int j = 0; j < n_b; j++) {
        const char *before = "";
        for (int i = 0; i < n_a; i++)
            if (ca[i].role == cb[j].role)
                before = ca[i].text;
        if (strcmp(before, cb[j].text) != 0)
            fixed_line(nb, cb[j].row, cb[j].col, title_role(cb[j].role), before, cb[j].text, out);
    }
}

/* The header rows, cell by cell (both sheets have the same shape). */
static void diff_headers(named na, named nb, bx_strbuf *out)
{
    char x[64], y[64];
    for (int r = 0; r < nb.s->header_rows; r++)
        for (int c = 0; c < nb.s->ncols; c++) {
            const char *before = cell_text(bx_sheet_cell(na.s, r, c), x, sizeof x);
            const char *after = cell_text(bx_sheet_cell(nb.s, r, c), y, sizeof y);
            if (strcmp(before, after) != 0)
                fixed_line(nb, BX_TITLE_ROWS + r, c, "表头", before, after, out);
        }
}

/* Two rows paired: every cell whose text differs, every indentation
 * level that differs (a row moved up or down a level). */
static void diff_row(named na, named nb, int ra, int rb, bx_strbuf *out)
{
    for (int c = 0; c < nb.s->ncols; c++) {
        const bx_cell *ca = bx_sheet_cell(na.s, ra, c), *cb = bx_sheet_cell(nb.s, rb, c);
        char x[64], y[64];
        const char *before = cell_text(ca, x, sizeof x), *after = cell_text(cb, y, sizeof y);
        if (strcmp(before, after) != 0)
            cell_line(nb, rb, c, before, after, out);
        if (!cb->covered && !ca->covered && ca->indent != cb->indent)
            level_line(nb, rb, c, ca->indent, cb->indent, out);
    }
}

/* The body: rows paired by their texts; a removed row is listed before
 * the first row paired after it. */
static bool diff_body(named na_, named nb_, bx_strbuf *out, bx_error *err)
{
    const bx_sheet *a = na_.s, *b = nb_.s;
    int first = b->header_rows, na = a->nrows - first, nb = b->nrows - first;
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
    for (int j = 0; ok && j < nb; j++)
        if (match[j] >= 0)
            paired[match[j]] = true;
    int gone = 0; /* rows of a before it were listed */
    for (int j = 0; ok && j < nb; j++) {
        if (match[j] < 0) {
            added_line(nb_, first + j, out);
            continue;
        }
        for (; gone < match[j]; gone++)
            if (!paired[gone])
                removed_line(na_, first + gone, out);
        diff_row(na_, nb_, first + match[j], first + j, out);
    }
    for (; ok && gone < na; gone++)
        if (!paired[gone])
            removed_line(na_, first + gone, out);
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

/* The notes, paired by their texts like rows: each under the body, one
 * row each. */
static bool diff_notes(named na, named nb, bx_strbuf *out, bx_error *err)
{
    const bx_sheet *a = na.s, *b = nb.s;
    int *match = bx_calloc((size_t)b->nnotes + 1, sizeof *match, err);
    bool *paired = bx_calloc((size_t)a->nnotes + 1, 1, err);
    bool ok =
        match && paired && bx_align_keys(a->notes, a->nnotes, b->notes, b->nnotes, match, err);
    for (int j = 0; ok && j < b->nnotes; j++) {
        if (match[j] < 0) {
            char ref[32];
            bx_strbuf_printf(out, "%s!%s  （新增注释）", nb.name,
                             bx_grid_ref(b->nrows + j, 0, ref, sizeof ref));
            put_cut(out, b->notes[j], 0);
            bx_strbuf_putc(out, '\n');
            continue;
        }
        paired[match[j]] = true;
        if (strcmp(a->notes[match[j]], b->notes[j]) != 0)
            fixed_line(nb, BX_TITLE_ROWS + b->nrows + j, 0, "注释", a->notes[match[j]], b->notes[j],
                       out);
    }
    for (int i = 0; ok && i < a->nnotes; i++)
        if (!paired[i]) {
            bx_strbuf_printf(out, "%s  （删除注释，原第 %d 行）", na.name,
                             BX_TITLE_ROWS + a->nrows + i + 1);
            put_cut(out, a->notes[i], 0);
            bx_strbuf_putc(out, '\n');
        }
    free(match);
    free(paired);
    return ok;
}

static bool diff_sheet(named na, named nb, bx_strbuf *out, bx_error *err)
{
    const bx_sheet *a = na.s, *b = nb.s;
    diff_title(na, nb, out);
    if (a->header_rows != b->header_rows || a->ncols != b->ncols || a->nrows < a->header_rows ||
        b->nrows < b->header_rows) {
        bx_strbuf_printf(out, "%s：表格结构不同\n", nb.name);
        return true;
    }
    diff_headers(na, nb, out);
    return diff_body(na, nb, out, err) && diff_notes(na, nb, out, err);
}

/* Sheets pair by their names in the workbook. */
/* The new side's binds of sheet i, sorted, with the dataset's origins. */
static bool reads_of(const bx_model *m, const bx_dataset *ds, int i, read_at *at,
                     const bx_file_origins **files, bx_error *err)
{
    const bx_trace *tr = &m->readback.sheets[i];
    at->binds = bx_calloc(tr->nbinds + 1, sizeof *at->binds, err);
    if (!at->binds)
        return false;
    if (tr->nbinds)
        memcpy(at->binds, tr->binds, tr->nbinds * sizeof *at->binds);
    at->n = tr->nbinds;
    qsort(at->binds, at->n, sizeof *at->binds, by_cell);
    for (int k = 0; k < m->readback.nsources; k++) {
        files[k] = NULL;
        for (size_t f = 1; f < ds->nmem; f++)
            if (strcmp(ds->mem[f].name, m->readback.sources[k].file) == 0)
                files[k] = &ds->origins[f];
    }
    at->files = files;
    return true;
}

static bool diff_docs(const bx_doc *a, const bx_doc *b, const bx_model *mb, const bx_dataset *after,
                      bx_strbuf *out, bx_error *err)
{
    bool read_back = after->origins && mb->readback.sheets;
    const bx_file_origins **files =
        read_back ? bx_calloc((size_t)mb->readback.nsources + 1, sizeof *files, err) : NULL;
    if (read_back && !files)
        return false;
    bx_sheet_name *an = bx_sheet_names(a, err), *bn = an ? bx_sheet_names(b, err) : NULL;
    bool ok = bn != NULL;
    for (int i = 0; ok && i < b->nsheets; i++) {
        int k = 0;
        while (k < a->nsheets && strcmp(an[k], bn[i]) != 0)
            k++;
        read_at at = {0};
        if (k == a->nsheets)
            bx_strbuf_printf(out, "%s：（新增的表）\n", bn[i]);
        else if (!read_back || reads_of(mb, after, i, &at, files, err))
            ok = diff_sheet((named){&a->sheets[k], an[k], NULL},
                            (named){&b->sheets[i], bn[i], read_back ? &at : NULL}, out, err);
        else
            ok = false;
        free(at.binds);
    }
    free(files);
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
    /* read from a workbook: its cells named where they were read */
    bx_model *b = !a               ? NULL
                  : after->origins ? bx_model_resolve_bound(set, after, err)
                                   : bx_model_resolve(set, after, err);
    bx_strbuf out;
    bx_strbuf_init(&out, 0);
    char *text = NULL;
    if (b && diff_docs(a->doc, b->doc, b, after, &out, err))
        text = out.failed ? NULL : bx_strdup(bx_strbuf_str(&out), err);
    if (out.failed)
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
    bx_strbuf_free(&out);
    bx_model_free(b);
    bx_model_free(a);
    bx_layout_set_free(set);
    return text;
}
