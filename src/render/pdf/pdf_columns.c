/* The columns of a sheet's PDF table: how wide each is and at which body
 * size, from what its cells ask (pdf_layout.h: bx_pdf_choose_size). */
#include "pdf_layout.h"

#include "display.h"

#include <stdlib.h>
#include <string.h>

const char *bx_pdf_cell_text(const bx_cell *c, char *buf, size_t size)
{
    if (c->kind == BX_CELL_TEXT)
        return c->text;
    bx_cell_display(c, buf, size);
    return buf;
}

/* Widest line of a text set on one line per "\n". */
double bx_pdf_text_width(const bx_metrics *m, const char *s, double size)
{
    double best = 0;
    for (;;) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        double w = len ? m->width(m->ctx, BX_TYPEFACE_REGULAR, s, len) * size / 1000.0 : 0.0;
        if (w > best)
            best = w;
        if (!nl)
            return best;
        s = nl + 1;
    }
}

/* What a column's cells ask of its width, in ems of the body size (the
 * widths of text scale with its size): at least (minw: one character, or
 * an amount or code on one line), wanted (want: a short label on one line,
 * a heading in two lines at most — as the published tables set them) and
 * all of it on one line (need). */
typedef struct column_ask {
    double minw, want, need;
} column_ask;

/* The narrowest width, in ems, at which a heading takes two lines at most
 * (published: "政府性基/金预算", never three), or its one line. */
static double two_line_ems(const bx_metrics *m, const char *text, bx_arena *scratch)
{
    double one = bx_pdf_text_width(m, text, 1.0);
    if (strchr(text, '\n') || one <= 1.0)
        return one;
    bx_error err;
    bx_error_clear(&err);
    double lo = one / 2, hi = one;
    for (int step = 0; step < 14 && hi - lo > 0.01; step++) {
        double mid = (lo + hi) / 2;
        bx_wrapped w;
        if (!bx_wrap(m, BX_TYPEFACE_REGULAR, text, 1.0, mid, scratch, &w, &err))
            return one;
        if (w.n <= 2)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

/* Every column's asks, from its single-column cells; NULL when out of
 * memory. */
static column_ask *ask_columns(const bx_sheet *s, const bx_metrics *m, const bx_pdf_style *st)
{
    column_ask *ask = calloc((size_t)s->ncols, sizeof *ask);
    bx_arena *scratch = bx_arena_new();
    if (!ask || !scratch) {
        free(ask);
        bx_arena_free(scratch);
        return NULL;
    }
    for (int c = 0; c < s->ncols; c++)
        ask[c].minw = 1.0; /* one CJK character */
    char buf[64];
    for (int r = 0; r < s->nrows; r++) {
        for (int c = 0; c < s->ncols; c++) {
            const bx_cell *cell = bx_sheet_cell(s, r, c);
            if (cell->covered || cell->colspan != 1 || cell->kind == BX_CELL_EMPTY)
                continue;
            const char *text = bx_pdf_cell_text(cell, buf, sizeof buf);
            double indent = cell->indent * st->indent_em;
            double own = bx_pdf_text_width(m, text, 1.0), nat = own + indent, want = 0;
            if (!bx_cell_wraps(cell))
                want = nat;
            else if (r < s->header_rows)
                want = two_line_ems(m, text, scratch) + indent;
            else if (own <= BX_PDF_SHORT_EMS + 0.01)
                want = nat;
            column_ask *a = &ask[c];
            a->need = nat > a->need ? nat : a->need;
            a->want = want > a->want ? want : a->want;
            if (!bx_cell_wraps(cell) && nat > a->minw)
                a->minw = nat;
        }
    }
    bx_arena_free(scratch);
    return ask;
}

void bx_pdf_give_wants(double *w, const double *want, int nc)
{
    double deficit = 0, spare = 0;
    for (int c = 0; c < nc; c++) {
        deficit += want[c] > w[c] ? want[c] - w[c] : 0;
        spare += w[c] > want[c] ? w[c] - want[c] : 0;
    }
    if (deficit <= 0 || spare <= 0)
        return;
    double give = deficit < spare ? deficit : spare;
    for (int c = 0; c < nc; c++) {
        if (want[c] > w[c])
            w[c] += (want[c] - w[c]) * give / deficit;
        else
            w[c] -= (w[c] - want[c]) * give / spare;
    }
}

/* Columns cut by `cut` in all, each in proportion to what it has above
 * its floor. */
static void shrink_to(double *w, const double *floor, int nc, double cut)
{
    double above = 0;
    for (int c = 0; c < nc; c++)
        above += w[c] - floor[c];
    for (int c = 0; c < nc && above > 0; c++)
        w[c] -= (w[c] - floor[c]) * cut / above;
}

/* Columns whose content wants more grown first, then the width filled. */
static void grow_to(double *w, const double *need, int nc, double avail)
{
    double sum = 0, deficit = 0;
    for (int c = 0; c < nc; c++) {
        sum += w[c];
        deficit += need[c] > w[c] ? need[c] - w[c] : 0;
    }
    double extra = avail - sum, share = deficit > extra ? extra / deficit : 1.0;
    for (int c = 0; c < nc; c++) {
        if (need[c] > w[c]) {
            double grow = (need[c] - w[c]) * share;
            w[c] += grow;
            extra -= grow;
        }
    }
    double total = 0;
    for (int c = 0; c < nc; c++)
        total += w[c];
    for (int c = 0; c < nc && total > 0; c++)
        w[c] += extra * w[c] / total;
}

typedef enum column_fit { FIT_NONE, FIT_MIN, FIT_WANTED } column_fit;

/* Column widths at body size `size`: the layout's proportions, widened to
 * what the cells want where the page has room, taken first from columns
 * with more than they want. FIT_NONE: even the narrowest do not fit in
 * avail; FIT_MIN: only by wrapping what would rather not. */
static column_fit size_columns(const bx_sheet *s, const column_ask *ask, const bx_pdf_style *st,
                               double size, double avail, double *w)
{
    int nc = s->ncols;
    double *minw = calloc((size_t)nc * 3, sizeof(double));
    if (!minw)
        return FIT_NONE;
    double *floor = minw + nc, *need = floor + nc;
    double summin = 0, sumfloor = 0, pads = 2 * st->pad_x;
    bool wants = !st->natural_width; /* a printed width is the published one */
    for (int c = 0; c < nc; c++) {
        minw[c] = ask[c].minw * size + pads;
        floor[c] =
            wants && ask[c].want * size + pads > minw[c] ? ask[c].want * size + pads : minw[c];
        need[c] = ask[c].need * size + pads;
        summin += minw[c];
        sumfloor += floor[c];
    }
    column_fit got = summin > avail + 1e-6     ? FIT_NONE
                     : sumfloor > avail + 1e-6 ? FIT_MIN
                                               : FIT_WANTED;
    /* the layout's widths, at least what is wanted (or, short of room, the
     * minimum) */
    const double *least = got == FIT_WANTED ? floor : minw;
    double sum = 0;
    for (int c = 0; c < nc; c++) {
        w[c] = s->col_widths[c] / 100.0 * size + pads;
        w[c] = w[c] < least[c] ? least[c] : w[c];
        sum += w[c];
    }
    if (got != FIT_NONE && sum > avail)
        shrink_to(w, least, nc, sum - avail);
    else if (got != FIT_NONE && sum < avail && !st->natural_width)
        grow_to(w, need, nc, avail);
    free(minw);
    return got;
}

/* The body size and column widths: the largest size, in half points, at
 * which every column gets what it wants, down to 2 points below the
 * style's (unless the sheet fixes its size); else the largest at which
 * the columns fit at all. */
bool bx_pdf_choose_size(const bx_sheet *s, const bx_metrics *m, const bx_pdf_style *st,
                        double avail, bx_pdf_sheet *out, bx_error *err)
{
    column_ask *ask = ask_columns(s, m, st);
    if (!ask)
        return bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    double lowest = s->font_size || st->natural_width ? st->body_size : st->body_size - 2;
    if (lowest < st->min_body_size)
        lowest = st->min_body_size;
    for (out->size = st->body_size; out->size >= lowest - 1e-9; out->size -= 0.5)
        if (size_columns(s, ask, st, out->size, avail, out->col_w) == FIT_WANTED) {
            free(ask);
            return true;
        }
    out->size = st->body_size;
    while (size_columns(s, ask, st, out->size, avail, out->col_w) == FIT_NONE &&
           out->size - 0.5 >= st->min_body_size)
        out->size -= 0.5;
    free(ask);
    return true;
}
