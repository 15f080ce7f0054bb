/* The rules within one table (checks: of a table layout): sum, within,
 * codes, levels, ledger, rows and total; and how the rules read figures,
 * marking those an equation holds. */
#include "checker.h"
#include "strindex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading figures ----------------------------------------------------- */

int bx_check_field_of(const bx_vtable *vt, const char *name)
{
    for (int i = 0; i < vt->nfields; i++)
        if (strcmp(vt->fields[i], name) == 0)
            return i;
    return -1;
}

/* The figure (0 when there is none) and whether there is one. */
static int64_t peek(const bx_vrow *r, int f, bool *present)
{
    if (present)
        *present = r->v[f] != BX_NOVALUE;
    return r->v[f] == BX_NOVALUE ? 0 : r->v[f];
}

/* The same, marking the figure as held by an equation: any change to it
 * shows. (Inequalities — a part within its whole — use peek: a figure
 * they alone hold can change unnoticed, so it is not marked.) */
int64_t bx_check_take(checker *ck, const bx_vtable *vt, const bx_vrow *r, int f, bool *present)
{
    if (ck->used)
        ck->used[vt - ck->m->view.tables]
                [(size_t)(r - vt->rows) * (size_t)vt->nfields + (size_t)f] = 1;
    return peek(r, f, present);
}

/* ---- table rules ------------------------------------------------------- */

/* sum: lhs = ±terms, on every row that has any of them */
static bool check_sum(checker *ck, const bx_vtable *vt, const bx_check *c)
{
    int lhs = bx_check_field_of(vt, c->lhs);
    for (int r = 0; r < vt->nrows; r++) {
        const bx_vrow *row = &vt->rows[r];
        bool any = false, p;
        int rounded = 0;
        bx_sum expected = 0;
        for (int k = 0; k < c->nterms; k++) {
            int f = bx_check_field_of(vt, c->terms[k].name);
            expected += (bx_sum)c->terms[k].sign * bx_check_take(ck, vt, row, f, &p);
            any |= p;
            rounded += p && vt->money[f];
        }
        int64_t actual = bx_check_take(ck, vt, row, lhs, &p);
        any |= p;
        rounded += p && vt->money[lhs];
        if (any && !bx_check_compare(ck, vt, row, lhs, expected, actual, rounded, c->text))
            return false;
    }
    return true;
}

/* within: a <= b <= … on every row */
static bool check_within(checker *ck, const bx_vtable *vt, const bx_check *c)
{
    for (int r = 0; r < vt->nrows; r++) {
        const bx_vrow *row = &vt->rows[r];
        for (int k = 0; k + 1 < c->nterms; k++) {
            int fa = bx_check_field_of(vt, c->terms[k].name),
                fb = bx_check_field_of(vt, c->terms[k + 1].name);
            bool pa, pb;
            int64_t a = peek(row, fa, &pa), b = peek(row, fb, &pb);
            if ((!pa && !pb) || a <= b)
                continue;
            /* the part exceeds the whole: expected at most b */
            if (!bx_check_compare(ck, vt, row, fa, b, a, pa + pb, c->text))
                return false;
        }
    }
    return true;
}

/* Parent row = the sum of its children, in every figure field. */
static bool check_family(checker *ck, const bx_vtable *vt, const bx_vrow *parent,
                         const bx_vrow *const *children, int n)
{
    for (int f = 0; f < vt->nfields; f++) {
        bool any = false, p;
        int rounded = 0;
        bx_sum expected = 0;
        for (int k = 0; k < n; k++) {
            expected += bx_check_take(ck, vt, children[k], f, &p);
            any |= p;
            rounded += p && vt->money[f];
        }
        int64_t actual = bx_check_take(ck, vt, parent, f, &p);
        any |= p;
        rounded += p && vt->money[f];
        if (any && !bx_check_compare(ck, vt, parent, f, expected, actual, rounded, ck->check->text))
            return false;
    }
    return true;
}

/* The rows one level below each code, in row order: kids of the row
 * first holding a code are kids[off[r]] … kids[off[r + 1] − 1]; the top
 * codes are the kids of the row slot n (the table's first row, when it
 * has no code, is their sum). */
typedef struct code_tree {
    bx_strindex index; /* code → its first row */
    int *off;          /* n + 2 */
    const bx_vrow **kids;
} code_tree;

static void code_tree_free(code_tree *t)
{
    bx_strindex_free(&t->index);
    free(t->off);
    free(t->kids);
}

/* The row a code's family hangs from: its parent code's first row, the
 * top slot n, or −1 (no parent: reported elsewhere). */
static int parent_slot(const code_tree *t, const bx_vtable *vt, const char *code, size_t top)
{
    size_t len = strlen(code);
    if (len == top)
        return vt->nrows;
    return len > top ? bx_strindex_get(&t->index, code, len - 2) : -1;
}

static bool build_code_tree(code_tree *t, const bx_vtable *vt, size_t top, bx_error *err)
{
    int n = vt->nrows;
    memset(t, 0, sizeof *t);
    t->off = bx_calloc((size_t)n + 2, sizeof *t->off, err);
    t->kids = bx_calloc((size_t)n + 1, sizeof *t->kids, err);
    if (!t->off || !t->kids || !bx_strindex_init(&t->index, (size_t)n, err))
        return false;
    for (int r = 0; r < n; r++)
        if (vt->rows[r].code &&
            bx_strindex_put(&t->index, vt->rows[r].code, strlen(vt->rows[r].code), r, err) < 0)
            return false;
    int *fill = bx_calloc((size_t)n + 2, sizeof *fill, err);
    if (!fill)
        return false;
    for (int pass = 0; pass < 2; pass++) { /* count, then place */
        for (int q = 0; q < n; q++) {
            if (!vt->rows[q].code)
                continue;
            int p = parent_slot(t, vt, vt->rows[q].code, top);
            if (p < 0)
                continue;
            if (pass == 0)
                t->off[p + 1]++;
            else
                t->kids[t->off[p] + fill[p]++] = &vt->rows[q];
        }
        if (pass == 0)
            for (int p = 0; p <= n; p++)
                t->off[p + 1] += t->off[p];
    }
    free(fill);
    return true;
}

/* codes: a 科目编码 = the sum of the codes one level below (3 → 5 → 7
 * digits); the first or the last row, without a code, = the sum of the
 * top codes. */
static bool check_codes(checker *ck, const bx_vtable *vt)
{
    size_t top = 0;
    for (int r = 0; r < vt->nrows; r++)
        if (vt->rows[r].code && (top == 0 || strlen(vt->rows[r].code) < top))
            top = strlen(vt->rows[r].code);
    code_tree t;
    bool ok = build_code_tree(&t, vt, top, ck->err);
    /* a code appears once */
    for (int r = 0; ok && r < vt->nrows; r++) {
        const char *code = vt->rows[r].code;
        int first = code ? bx_strindex_get(&t.index, code, strlen(code)) : r;
        if (first != r) {
            char what[200];
            snprintf(what, sizeof what, "科目编码 %s 重复（第 %d 行已有）", code,
                     vt->rows[first].loc.line);
            ok = bx_check_problem(ck, vt, &vt->rows[r], what);
        }
    }
    /* every code below the top level needs its parent */
    for (int r = 0; ok && r < vt->nrows; r++) {
        const char *code = vt->rows[r].code;
        if (code && strlen(code) > top && parent_slot(&t, vt, code, top) < 0) {
            char what[160];
            snprintf(what, sizeof what, "科目 %s 没有上级科目 %.*s", code, (int)strlen(code) - 2,
                     code);
            ok = bx_check_problem(ck, vt, &vt->rows[r], what);
        }
    }
    for (int r = 0; ok && r < vt->nrows; r++) {
        const bx_vrow *parent = &vt->rows[r];
        /* a total without a code heads the table or closes it (上海's 合计) */
        bool total = r == 0 || r == vt->nrows - 1;
        int slot = parent->code ? bx_strindex_get(&t.index, parent->code, strlen(parent->code))
                   : total      ? vt->nrows
                                : -1;
        int n = slot >= 0 ? t.off[slot + 1] - t.off[slot] : 0;
        if (n > 0)
            ok = check_family(ck, vt, parent, t.kids + t.off[slot], n);
    }
    code_tree_free(&t);
    return ok;
}

/* "其中：…" rows name a part of the row above, not an addend. */
static bool is_of_which(const bx_vrow *r)
{
    return r->label && strncmp(r->label, "其中", strlen("其中")) == 0;
}

/* A part is at most its whole, in every figure field. */
static bool check_part(checker *ck, const bx_vtable *vt, const bx_vrow *whole, const bx_vrow *part)
{
    for (int f = 0; f < vt->nfields; f++) {
        bool pa, pb;
        int64_t a = peek(part, f, &pa), b = peek(whole, f, &pb);
        if ((pa || pb) && a > b &&
            !bx_check_compare(ck, vt, part, f, b, a, pa + pb, ck->check->text))
            return false;
    }
    return true;
}

/* A row = the sum of the following rows one level deeper, up to the next
 * row at its level or above (total rows end a run). */
static bool check_levels_of(checker *ck, const bx_vtable *vt, const bx_vrow *const *rows, int n)
{
    const bx_vrow **kids = malloc((size_t)(n + 1) * sizeof *kids);
    if (!kids) {
        bx_fail(ck->err, NULL, BX_ERR_NOMEM, "内存不足");
        return false;
    }
    bool ok = true;
    for (int r = 0; ok && r < n; r++) {
        const bx_vrow *parent = rows[r];
        if (parent->total)
            continue;
        int k = 0;
        for (int q = r + 1; ok && q < n && !rows[q]->total && rows[q]->level > parent->level; q++) {
            if (rows[q]->level != parent->level + 1)
                continue;
            if (is_of_which(rows[q]))
                ok = check_part(ck, vt, parent, rows[q]);
            else
                kids[k++] = rows[q];
        }
        if (ok && k > 0)
            ok = check_family(ck, vt, parent, kids, k);
    }
    free(kids);
    return ok;
}

static bool check_levels(checker *ck, const bx_vtable *vt)
{
    const bx_vrow **rows = malloc((size_t)(vt->nrows + 1) * sizeof *rows);
    if (!rows) {
        bx_fail(ck->err, NULL, BX_ERR_NOMEM, "内存不足");
        return false;
    }
    for (int r = 0; r < vt->nrows; r++)
        rows[r] = &vt->rows[r];
    bool ok = check_levels_of(ck, vt, rows, vt->nrows);
    free(rows);
    return ok;
}

/* The last totals of two sides agree: in every field either has, when
 * they have the same fields (收入 | 支出 by 金额); else the first figure of
 * each (财政拨款收入's 预算数 against 财政拨款支出's 合计 of three budgets). */
static bool totals_agree(checker *ck, const bx_vtable *vt, const bx_vrow *a, const bx_vrow *b)
{
    int fa = -1, fb = -1;
    bool same = true;
    for (int f = 0; f < vt->nfields; f++) {
        bool pa, pb;
        peek(a, f, &pa);
        peek(b, f, &pb);
        same &= pa == pb;
        if (pa && fa < 0)
            fa = f;
        if (pb && fb < 0)
            fb = f;
    }
    if (same || fa < 0 || fb < 0)
        return check_family(ck, vt, b, &a, 1);
    bool p;
    int64_t expected = bx_check_take(ck, vt, a, fa, &p), actual = bx_check_take(ck, vt, b, fb, &p);
    return bx_check_compare(ck, vt, b, fb, expected, actual, 2 * vt->money[fb], ck->check->text);
}

/* ledger: on every side, items by level inside each segment; each total =
 * the previous total + the segment's top items; the last totals of all
 * sides agree (totals_agree). */
static bool check_ledger(checker *ck, const bx_vtable *vt)
{
    int sides = 0;
    for (int r = 0; r < vt->nrows; r++)
        if (vt->rows[r].side + 1 > sides)
            sides = vt->rows[r].side + 1;
    const bx_vrow **side = malloc((size_t)(vt->nrows + 1) * sizeof *side);
    const bx_vrow **kids = malloc((size_t)(vt->nrows + 2) * sizeof *kids);
    const bx_vrow **last = calloc((size_t)sides + 1, sizeof *last);
    if (!side || !kids || !last) {
        free(side);
        free(kids);
        free(last);
        bx_fail(ck->err, NULL, BX_ERR_NOMEM, "内存不足");
        return false;
    }
    bool ok = true;
    for (int s = 0; ok && s < sides; s++) {
        int n = 0;
        for (int r = 0; r < vt->nrows; r++)
            if (vt->rows[r].side == s)
                side[n++] = &vt->rows[r];
        const bx_vrow *prev_total = NULL;
        int start = 0;
        for (int r = 0; ok && r < n; r++) {
            if (!side[r]->total)
                continue;
            ok = check_levels_of(ck, vt, side + start, r - start);
            int k = 0;
            if (prev_total)
                kids[k++] = prev_total;
            for (int q = start; q < r; q++)
                if (side[q]->level == 0)
                    kids[k++] = side[q];
            ok = ok && check_family(ck, vt, side[r], kids, k);
            prev_total = side[r];
            start = r + 1;
        }
        if (ok && start < n)
            ok = check_levels_of(ck, vt, side + start, n - start);
        last[s] = prev_total;
    }
    for (int s = 1; ok && s < sides; s++)
        if (last[0] && last[s])
            ok = totals_agree(ck, vt, last[0], last[s]);
    free(side);
    free(kids);
    free(last);
    return ok;
}

/* rows: lhs row = ±rows (by label), in every figure field */
static bool check_rows(checker *ck, const bx_vtable *vt, const bx_check *c)
{
    char label[256];
    const bx_vrow *rows[BX_MAX_COLUMNS + 1];
    for (int k = -1; k < c->nterms; k++) {
        const char *tpl = k < 0 ? c->lhs : c->terms[k].name;
        bx_dataview_expand_years(ck->m->doc->year, tpl, label, sizeof label);
        const bx_vrow *found = NULL;
        for (int r = 0; r < vt->nrows && !found; r++)
            if (vt->rows[r].label && bx_dataview_same_label(vt->rows[r].label, label))
                found = &vt->rows[r];
        if (!found) {
            char what[320];
            snprintf(what, sizeof what, "找不到行“%s”", label);
            return bx_check_problem(ck, vt, NULL, what);
        }
        rows[k + 1] = found;
    }
    for (int f = 0; f < vt->nfields; f++) {
        bool wanted = c->ncolumns == 0;
        for (int k = 0; k < c->ncolumns && !wanted; k++)
            wanted = strcmp(c->columns[k], vt->fields[f]) == 0;
        if (!wanted)
            continue;
        bool any = false, p;
        int rounded = 0;
        bx_sum expected = 0;
        for (int k = 0; k < c->nterms; k++) {
            expected += (bx_sum)c->terms[k].sign * bx_check_take(ck, vt, rows[k + 1], f, &p);
            any |= p;
            rounded += p && vt->money[f];
        }
        int64_t actual = bx_check_take(ck, vt, rows[0], f, &p);
        any |= p;
        rounded += p && vt->money[f];
        if (any && !bx_check_compare(ck, vt, rows[0], f, expected, actual, rounded, c->text))
            return false;
    }
    return true;
}

/* total (forms): a single value = the sum of a column over its rows */
static bool check_total(checker *ck, const bx_vtable *vt, const bx_check *c)
{
    int lhs = bx_check_field_of(vt, c->lhs);
    const bx_vrow *fixed = NULL;
    for (int r = 0; r < vt->nrows && !fixed; r++)
        if (vt->rows[r].band && strcmp(vt->rows[r].band, "@fields") == 0)
            fixed = &vt->rows[r];
    if (!fixed)
        return true;
    bool any = false, p;
    int rounded = 0;
    bx_sum expected = 0;
    for (int k = 0; k < c->nterms; k++) {
        int f = bx_check_field_of(vt, c->terms[k].name);
        for (int r = 0; r < vt->nrows; r++) {
            if (&vt->rows[r] == fixed)
                continue;
            expected += (bx_sum)c->terms[k].sign * bx_check_take(ck, vt, &vt->rows[r], f, &p);
            any |= p;
            rounded += p && vt->money[f];
        }
    }
    int64_t actual = bx_check_take(ck, vt, fixed, lhs, &p);
    any |= p;
    rounded += p && vt->money[lhs];
    return !any || bx_check_compare(ck, vt, fixed, lhs, expected, actual, rounded, c->text);
}

bool bx_check_table(checker *ck, const bx_vtable *vt)
{
    const bx_table_layout *t = bx_check_layout(ck, vt);
    bool ok = true;
    ck->rule = NULL;
    /* a table without rows has nothing to add up; the rules across tables
     * say so if others need its figures */
    for (size_t i = 0; ok && vt->nrows > 0 && i < t->nchecks; i++) {
        const bx_check *c = &t->checks[i];
        ck->check = c;
        switch (c->kind) {
        case BX_CHECK_SUM: ok = check_sum(ck, vt, c); break;
        case BX_CHECK_WITHIN: ok = check_within(ck, vt, c); break;
        case BX_CHECK_CODES: ok = check_codes(ck, vt); break;
        case BX_CHECK_LEVELS: ok = check_levels(ck, vt); break;
        case BX_CHECK_LEDGER: ok = check_ledger(ck, vt); break;
        case BX_CHECK_ROWS: ok = check_rows(ck, vt, c); break;
        case BX_CHECK_TOTAL: ok = check_total(ck, vt, c); break;
        case BX_CHECK_EQUAL:
        case BX_CHECK_SET_SUM:
        case BX_CHECK_MATCH: break;
        }
    }
    return ok;
}
