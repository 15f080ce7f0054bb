/* The department's figures against the totals they break down
 * (narration.h): the rows of the figures file naming one total in their
 * 合计 column add up to it, exactly or within their rounding. */
#include "narration.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct part {
    const char *total; /* the 合计 cell's text: a table reference or a name */
    size_t row;
} part;

static int by_total(const void *a, const void *b)
{
    const part *x = a, *y = b;
    int c = strcmp(x->total, y->total);
    return c ? c : (x->row > y->row) - (x->row < y->row);
}

/* Half a unit of the last of `decimals` places, exactly. */
static __int128 half_unit(int decimals)
{
    return bx_nfig_of(1, decimals).exact / 2;
}

static void exact_text(__int128 exact, int decimals, char *out, size_t size)
{
    bx_amount_format(bx_nfig_round_exact(exact, decimals), decimals, true, out, size);
}

/* The rows p[0, count) name one total: their sum must be it, exactly or
 * within their rounding (each part, and a total of the file's, may be
 * rounded half a unit of its last place). */
static bool check_parts(narration *n, const part *p, size_t count)
{
    const bx_csv *c = n->figures;
    bx_loc loc = bx_csv_loc(c, p[0].row, (size_t)n->figure_total);
    char why[512] = "";
    __int128 sum = 0, slack = 0;
    int decimals = 0;
    for (size_t i = 0; i < count; i++) {
        bx_nfig v;
        if (!bx_narr_figure_at(n, p[i].row, &v, why, sizeof why))
            return bx_fail(n->rv->err, NULL, BX_ERR_DATA, "%s", why) == BX_OK;
        if (__builtin_add_overflow(sum, v.exact, &sum))
            return bx_fail(n->rv->err, &loc, BX_ERR_LIMIT, "合计“%s”的各项之和过大", p[0].total) ==
                   BX_OK;
        slack += half_unit(v.decimals);
        decimals = v.decimals > decimals ? v.decimals : decimals;
    }
    bx_nfig total;
    if (!bx_narr_figure(n, p[0].total, false, &total, why, sizeof why))
        return bx_fail(n->rv->err, &loc, BX_ERR_DATA, "合计“%s”：%s", p[0].total, why) == BX_OK;
    if (!strchr(p[0].total, ':'))
        slack += half_unit(total.decimals);
    __int128 diff = sum - total.exact;
    if (diff == 0)
        return true;
    int shown = total.decimals > decimals ? total.decimals : decimals;
    char a[64], b[64], d[64], text[1024];
    exact_text(sum, decimals, a, sizeof a);
    exact_text(total.exact, total.decimals, b, sizeof b);
    exact_text(diff, shown, d, sizeof d);
    bool error = diff > slack || -diff > slack;
    char words[640], row[256];
    int table;
    const char *field;
    if (bx_rv_split_ref(p[0].total, &table, row, sizeof row, &field))
        bx_dataview_ref_words(&n->rv->m->view, table, row, field, n->rv->m->doc->year, words,
                              sizeof words);
    else
        snprintf(words, sizeof words, "“%s”", p[0].total);
    snprintf(text, sizeof text, "%zu 项（第 %d 行起）合计于%s：各项之和 %s，合计为 %s，差 %s%s",
             count, loc.line, words, a, b, d, error ? "" : "（在各项的尾数之内）");
    return bx_nlog_add_check(&n->rv->m->narration, &loc, BX_NCHECK_PARTS, error, text, n->rv->err);
}

/* Every total the figures file's 合计 column names, against its parts. */
bool bx_narr_check_totals(narration *n)
{
    const bx_csv *c = n->figures;
    if (!c || n->figure_total < 0 || c->nrows == 0)
        return true;
    part *parts = bx_calloc(c->nrows, sizeof *parts, n->rv->err);
    if (!parts)
        return false;
    size_t k = 0;
    for (size_t r = 0; r < c->nrows; r++) {
        const char *total = bx_csv_cell(c, r, (size_t)n->figure_total);
        if (*total)
            parts[k++] = (part){total, r};
    }
    qsort(parts, k, sizeof *parts, by_total);
    bool ok = true;
    for (size_t i = 0, j; ok && i < k; i = j) {
        for (j = i + 1; j < k && strcmp(parts[j].total, parts[i].total) == 0; j++)
            ;
        ok = check_parts(n, parts + i, j - i);
    }
    free(parts);
    return ok;
}
