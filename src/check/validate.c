/* Consistency checks: the rules the layouts declare (checks:), evaluated
 * on the figures as given (before rounding to the display unit). When the
 * figures are given in 元 everything must add up exactly; when they were
 * already rounded (万元), a difference within half a unit per rounded
 * figure involved is a rounding notice (尾数差异), anything more an error. */
#include "resolve.h"
#include "strbuf.h"
#include "strindex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct finding_rec {
    bx_finding pub;
    char expected[40], actual[40], difference[320];
} finding_rec;

/* A figure of the data, for the JSON report: its place, its value, whether
 * an equation holds it, and 10 shown units in the unit it is given in. */
typedef struct figure_rec {
    const char *table, *row, *column, *file;
    int line, column_number;
    bool money, checked;
    char value[40], step[40];
} figure_rec;

struct bx_findings {
    bx_arena *arena;
    finding_rec *items;
    size_t n, cap, errors;
    figure_rec *figures;
    size_t nfigures;
};

/* What one evaluation carries around. */
typedef struct checker {
    const bx_model *m;
    const bx_layout_set *set;
    bx_findings *out;
    bx_error *err;
    bx_scale display;      /* the set's display unit */
    const bx_vtable *vt;   /* the table being checked */
    const bx_check *check; /* the rule being evaluated */
} checker;

/* ---- numbers ----------------------------------------------------------- */

static int64_t pow10i(int n)
{
    int64_t f = 1;
    while (n-- > 0)
        f *= 10;
    return f;
}

/* A normalised figure as the user typed it: money at the input decimals
 * with thousands separators, plain numbers without trailing zeros. */
static void show(const checker *ck, bool money, int shown, int64_t v, char *buf, size_t size)
{
    if (money) {
        /* as many decimals as the figure is shown with when it is given in
         * the display unit, else as many as it was given with */
        int d = ck->display.unit_yuan == ck->m->view.input.unit_yuan && shown >= 0 &&
                        shown <= BX_NORM_DECIMALS
                    ? shown
                    : ck->m->view.input.decimals;
        int64_t f = pow10i(BX_NORM_DECIMALS - d);
        if (v % f == 0) {
            bx_amount_format(v / f, d, true, buf, size);
            return;
        }
    }
    bx_amount_format(v, BX_NORM_DECIMALS, !money ? false : true, buf, size);
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.')
        buf[--n] = '\0';
}

/* ---- findings ---------------------------------------------------------- */

static const char *row_name(const checker *ck, const bx_vrow *r, char *buf, size_t size)
{
    if (r->band && strcmp(r->band, "@fields") == 0)
        snprintf(buf, size, "表内单项");
    else if (r->code && r->label)
        snprintf(buf, size, "%s %s", r->code, r->label);
    else if (r->code || r->label)
        snprintf(buf, size, "%s", r->code ? r->code : r->label);
    else
        snprintf(buf, size, "第 %d 行", r->loc.line);
    (void)ck;
    return buf;
}

static bx_loc figure_loc(const bx_model *m, const bx_vloc *v)
{
    const char *file = v->file && v->file <= m->view.ninputs ? m->view.inputs[v->file - 1] : NULL;
    return (bx_loc){file, (int)v->line, v->column};
}

static bool add_finding(checker *ck, const bx_vtable *vt, const bx_vrow *row, int field, bool error,
                        const char *expected, const char *actual, const char *difference,
                        const char *rule)
{
    bx_findings *f = ck->out;
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 32;
        finding_rec *p = realloc(f->items, cap * sizeof *p);
        if (!p) {
            bx_fail(ck->err, NULL, BX_ERR_NOMEM, "内存不足");
            return false;
        }
        f->items = p;
        f->cap = cap;
    }
    finding_rec *r = &f->items[f->n++];
    memset(r, 0, sizeof *r);
    char name[512];
    bx_loc loc = row ? row->loc : (bx_loc){vt->layout->file, 0, 0};
    if (row && field >= 0 && row->vloc[field].file)
        loc = figure_loc(ck->m, &row->vloc[field]);
    r->pub.error = error;
    /* findings outlive the model and the layouts: they own their texts */
    r->pub.table = bx_arena_strdup(f->arena, vt->sheet, ck->err);
    r->pub.row =
        row ? bx_arena_strdup(f->arena, row_name(ck, row, name, sizeof name), ck->err) : "";
    r->pub.column = bx_arena_strdup(f->arena, field >= 0 ? vt->fields[field] : "", ck->err);
    r->pub.rule = bx_arena_strdup(f->arena, rule ? rule : "", ck->err);
    snprintf(r->expected, sizeof r->expected, "%s", expected);
    snprintf(r->actual, sizeof r->actual, "%s", actual);
    snprintf(r->difference, sizeof r->difference, "%s", difference);
    r->pub.file = bx_arena_strdup(f->arena, loc.file ? loc.file : "", ck->err);
    r->pub.line = loc.line;
    r->pub.column_number = loc.column;
    f->errors += error;
    return r->pub.row && r->pub.table && r->pub.column && r->pub.rule && r->pub.file;
}

/* Half the unit a money figure was rounded to: the last decimal it is
 * shown with, in the display unit, expressed in the unit it was given in.
 * Figures given in 元 are exact (0). */
static int64_t half_unit(const checker *ck, int shown)
{
    const bx_model *m = ck->m;
    if (m->view.input.unit_yuan == 1 || shown < 0 || shown > BX_NORM_DECIMALS)
        return 0;
    int64_t unit = pow10i(BX_NORM_DECIMALS - shown); /* one shown unit, display unit */
    if (ck->display.unit_yuan >= m->view.input.unit_yuan)
        unit *= ck->display.unit_yuan / m->view.input.unit_yuan;
    else
        unit /= m->view.input.unit_yuan / ck->display.unit_yuan;
    return unit / 2;
}

/* Compare a figure with what a rule expects of it. `rounded` counts the
 * rounded figures involved (each may be off by half a unit). */
static bool compare(checker *ck, const bx_vtable *vt, const bx_vrow *row, int field,
                    int64_t expected, int64_t actual, int rounded, const char *rule)
{
    if (expected == actual)
        return true;
    int64_t diff = actual - expected;
    int64_t mag = diff < 0 ? -diff : diff;
    bool money = vt->money[field];
    int64_t half = money ? half_unit(ck, row ? row->shown[field] : 0) : 0;
    bool error = half == 0 || mag > half * rounded;
    char e[40], a[40], d[40];
    int shown = row ? row->shown[field] : -1;
    show(ck, money, shown, expected, e, sizeof e);
    show(ck, money, shown, actual, a, sizeof a);
    show(ck, money, shown, diff, d, sizeof d);
    return add_finding(ck, vt, row, field, error, e, a, d, rule);
}

/* A structural problem (a missing row, a code without its parent). */
static bool problem(checker *ck, const bx_vtable *vt, const bx_vrow *row, const char *what)
{
    return add_finding(ck, vt, row, -1, true, "", "", what, ck->check->text);
}

/* ---- reading figures ----------------------------------------------------- */

static int field_of(const bx_vtable *vt, const char *name)
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
static int64_t take(const bx_vrow *r, int f, bool *present)
{
    ((bx_vrow *)r)->used[f] = 1;
    return peek(r, f, present);
}

static bool squash_equal(const char *a, const char *b)
{
    while (*a || *b) {
        while (*a == ' ')
            a++;
        while (*b == ' ')
            b++;
        if (*a != *b)
            return false;
        if (*a) {
            a++;
            b++;
        }
    }
    return true;
}

/* {year} and {last_year} in a row label of a check. */
static void expand_years(int year, const char *tpl, char *out, size_t size)
{
    size_t at = 0;
    for (const char *p = tpl; *p && at + 8 < size;) {
        if (strncmp(p, "{year}", 6) == 0) {
            at += (size_t)snprintf(out + at, size - at, "%d", year);
            p += 6;
        } else if (strncmp(p, "{last_year}", 11) == 0) {
            at += (size_t)snprintf(out + at, size - at, "%d", year - 1);
            p += 11;
        } else {
            out[at++] = *p++;
        }
    }
    out[at] = '\0';
}

/* ---- table rules ------------------------------------------------------- */

/* sum: lhs = ±terms, on every row that has any of them */
static bool check_sum(checker *ck, const bx_vtable *vt, const bx_check *c)
{
    int lhs = field_of(vt, c->lhs);
    for (int r = 0; r < vt->nrows; r++) {
        const bx_vrow *row = &vt->rows[r];
        bool any = false, p;
        int rounded = 0;
        int64_t expected = 0;
        for (int k = 0; k < c->nterms; k++) {
            int f = field_of(vt, c->terms[k].name);
            expected += c->terms[k].sign * take(row, f, &p);
            any |= p;
            rounded += p && vt->money[f];
        }
        int64_t actual = take(row, lhs, &p);
        any |= p;
        rounded += p && vt->money[lhs];
        if (any && !compare(ck, vt, row, lhs, expected, actual, rounded, c->text))
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
            int fa = field_of(vt, c->terms[k].name), fb = field_of(vt, c->terms[k + 1].name);
            bool pa, pb;
            int64_t a = peek(row, fa, &pa), b = peek(row, fb, &pb);
            if ((!pa && !pb) || a <= b)
                continue;
            /* the part exceeds the whole: expected at most b */
            if (!compare(ck, vt, row, fa, b, a, pa + pb, c->text))
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
        int64_t expected = 0;
        for (int k = 0; k < n; k++) {
            expected += take(children[k], f, &p);
            any |= p;
            rounded += p && vt->money[f];
        }
        int64_t actual = take(parent, f, &p);
        any |= p;
        rounded += p && vt->money[f];
        if (any && !compare(ck, vt, parent, f, expected, actual, rounded, ck->check->text))
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
 * digits); the first row without a code = the sum of the top codes. */
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
            ok = problem(ck, vt, &vt->rows[r], what);
        }
    }
    /* every code below the top level needs its parent */
    for (int r = 0; ok && r < vt->nrows; r++) {
        const char *code = vt->rows[r].code;
        if (code && strlen(code) > top && parent_slot(&t, vt, code, top) < 0) {
            char what[160];
            snprintf(what, sizeof what, "科目 %s 没有上级科目 %.*s", code, (int)strlen(code) - 2,
                     code);
            ok = problem(ck, vt, &vt->rows[r], what);
        }
    }
    for (int r = 0; ok && r < vt->nrows; r++) {
        const bx_vrow *parent = &vt->rows[r];
        int slot = parent->code ? bx_strindex_get(&t.index, parent->code, strlen(parent->code))
                   : r == 0     ? vt->nrows
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
        if ((pa || pb) && a > b && !compare(ck, vt, part, f, b, a, pa + pb, ck->check->text))
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

/* ledger: on every side, items by level inside each segment; each total =
 * the previous total + the segment's top items; the last totals of all
 * sides equal. */
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
            ok = check_family(ck, vt, last[s], &last[0], 1);
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
        expand_years(ck->m->doc->year, tpl, label, sizeof label);
        const bx_vrow *found = NULL;
        for (int r = 0; r < vt->nrows && !found; r++)
            if (vt->rows[r].label && squash_equal(vt->rows[r].label, label))
                found = &vt->rows[r];
        if (!found) {
            char what[320];
            snprintf(what, sizeof what, "找不到行“%s”", label);
            return problem(ck, vt, NULL, what);
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
        int64_t expected = 0;
        for (int k = 0; k < c->nterms; k++) {
            expected += c->terms[k].sign * take(rows[k + 1], f, &p);
            any |= p;
            rounded += p && vt->money[f];
        }
        int64_t actual = take(rows[0], f, &p);
        any |= p;
        rounded += p && vt->money[f];
        if (any && !compare(ck, vt, rows[0], f, expected, actual, rounded, c->text))
            return false;
    }
    return true;
}

/* total (forms): a single value = the sum of a column over its rows */
static bool check_total(checker *ck, const bx_vtable *vt, const bx_check *c)
{
    int lhs = field_of(vt, c->lhs);
    const bx_vrow *fixed = NULL;
    for (int r = 0; r < vt->nrows && !fixed; r++)
        if (vt->rows[r].band && strcmp(vt->rows[r].band, "@fields") == 0)
            fixed = &vt->rows[r];
    if (!fixed)
        return true;
    bool any = false, p;
    int rounded = 0;
    int64_t expected = 0;
    for (int k = 0; k < c->nterms; k++) {
        int f = field_of(vt, c->terms[k].name);
        for (int r = 0; r < vt->nrows; r++) {
            if (&vt->rows[r] == fixed)
                continue;
            expected += c->terms[k].sign * take(&vt->rows[r], f, &p);
            any |= p;
            rounded += p && vt->money[f];
        }
    }
    int64_t actual = take(fixed, lhs, &p);
    any |= p;
    rounded += p && vt->money[lhs];
    return !any || compare(ck, vt, fixed, lhs, expected, actual, rounded, c->text);
}

static bool check_table(checker *ck, const bx_vtable *vt)
{
    const bx_table_layout *t = vt->layout;
    bool ok = true;
    for (size_t i = 0; ok && i < t->nchecks; i++) {
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

/* ---- set rules --------------------------------------------------------- */

/* The row a reference names: @first, @last, @fields, code=…, or a label
 * (with {year}, {last_year}). */
static const bx_vrow *ref_row(const bx_vtable *vt, const char *tpl, int year)
{
    char sel[256];
    expand_years(year, tpl, sel, sizeof sel);
    int first = 0;
    while (first < vt->nrows && vt->rows[first].band &&
           strcmp(vt->rows[first].band, "@fields") == 0)
        first++;
    if (strcmp(sel, "@first") == 0)
        return first < vt->nrows ? &vt->rows[first] : NULL;
    if (strcmp(sel, "@last") == 0)
        return vt->nrows > first ? &vt->rows[vt->nrows - 1] : NULL;
    for (int r = 0; r < vt->nrows; r++) {
        const bx_vrow *row = &vt->rows[r];
        if (strcmp(sel, "@fields") == 0     ? row->band && strcmp(row->band, "@fields") == 0
            : strncmp(sel, "code=", 5) == 0 ? row->code && strcmp(row->code, sel + 5) == 0
                                            : row->label && squash_equal(row->label, sel))
            return row;
    }
    return NULL;
}

static const bx_vtable *table_numbered(const checker *ck, int number)
{
    for (int i = 0; i < ck->m->view.ntables; i++)
        if (ck->m->view.tables[i].number == number)
            return &ck->m->view.tables[i];
    return NULL;
}

/* A reference's figure: 1 found, 0 its table is not in the dataset (the
 * reference is left out), -1 the row is missing (reported; -2: out of
 * memory). */
static int find_ref(checker *ck, const bx_ref *ref, const bx_vtable **vt, const bx_vrow **row,
                    int *f)
{
    if (!(*vt = table_numbered(ck, ref->table)))
        return 0;
    *row = ref_row(*vt, ref->row, ck->m->doc->year);
    *f = field_of(*vt, ref->field);
    if (*row && *f >= 0)
        return 1;
    char what[320];
    snprintf(what, sizeof what, "找不到 %s 的行“%s”", (*vt)->sheet, ref->row);
    return problem(ck, *vt, NULL, what) ? -1 : -2;
}

static bool check_equal(checker *ck, const bx_check *c)
{
    const bx_vtable *first_vt = NULL;
    const bx_vrow *first_row = NULL;
    int first_f = -1;
    for (int k = 0; k < c->nrefs; k++) {
        const bx_ref *ref = &c->refs[k];
        const bx_vtable *vt;
        const bx_vrow *row;
        int f, found = find_ref(ck, ref, &vt, &row, &f);
        if (found == -2)
            return false;
        if (found <= 0)
            continue;
        if (!first_row) {
            first_vt = vt;
            first_row = row;
            first_f = f;
            take(row, f, NULL);
            continue;
        }
        bool pa, pb;
        int64_t expected = take(first_row, first_f, &pa), actual = take(row, f, &pb);
        int rounded = (pa && first_vt->money[first_f]) + (pb && vt->money[f]);
        char rule[600];
        snprintf(rule, sizeof rule, "%s = %s", ref->text, c->refs[0].text);
        const char *r = bx_arena_strdup(ck->out->arena, rule, ck->err);
        if (!r || !compare(ck, vt, row, f, expected, actual, rounded, r))
            return false;
    }
    return true;
}

/* sum: the first figure = the sum of the others; a part whose table the
 * dataset leaves out counts as nothing. */
static bool check_set_sum(checker *ck, const bx_check *c)
{
    const bx_vtable *vt;
    const bx_vrow *row;
    int f, found = find_ref(ck, &c->refs[0], &vt, &row, &f);
    if (found <= 0)
        return found != -2;
    int64_t expected = 0;
    int rounded = 0;
    bool any = false;
    for (int k = 1; k < c->nrefs; k++) {
        const bx_vtable *pvt;
        const bx_vrow *prow;
        const bx_vtable *part = table_numbered(ck, c->refs[k].table);
        if (part && part->nrows == 0)
            continue; /* an empty table (本表无发生额) adds nothing */
        int pf, got = find_ref(ck, &c->refs[k], &pvt, &prow, &pf);
        if (got == -2)
            return false;
        if (got == -1)
            return true; /* reported: the sum cannot be made */
        if (got == 0)
            continue;
        bool p;
        expected += take(prow, pf, &p);
        any |= p;
        rounded += p && pvt->money[pf];
    }
    bool p;
    int64_t actual = take(row, f, &p);
    rounded += p && vt->money[f];
    if (!any && !p)
        return true;
    bx_strbuf rule;
    bx_strbuf_init(&rule, 0);
    bx_strbuf_printf(&rule, "%s =", c->refs[0].text);
    for (int k = 1; k < c->nrefs; k++)
        bx_strbuf_printf(&rule, "%s %s", k > 1 ? " +" : "", c->refs[k].text);
    const char *r = rule.failed ? NULL : bx_arena_strdup(ck->out->arena, rule.data, ck->err);
    bx_strbuf_free(&rule);
    return r && compare(ck, vt, row, f, expected, actual, rounded, r);
}

/* A row name without its numbering: "一、卫生健康支出", "1.一般公共预算拨款"
 * and "（一）…" compare by what follows. */
static const char *unnumbered(const char *s)
{
    static const char *const numerals[] = {"一", "二", "三", "四", "五",
                                           "六", "七", "八", "九", "十"};
    static const char *const marks[] = {"、", ".", "．", "）"};
    while (*s == ' ')
        s++;
    const char *q = s;
    if (strncmp(q, "（", strlen("（")) == 0)
        q += strlen("（");
    const char *start = q;
    while (*q >= '0' && *q <= '9')
        q++;
    for (bool more = q == start; more;) {
        more = false;
        for (size_t i = 0; i < sizeof numerals / sizeof numerals[0] && !more; i++) {
            size_t n = strlen(numerals[i]);
            if (strncmp(q, numerals[i], n) == 0) {
                q += n;
                more = true;
            }
        }
    }
    if (q == start)
        return s;
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (strncmp(q, marks[i], strlen(marks[i])) == 0)
            return q + strlen(marks[i]);
    return s;
}

/* s without spaces, into out (room for strlen(s) + 1); returns the length. */
static size_t squash(const char *s, char *out)
{
    size_t n = 0;
    for (; *s; s++)
        if (*s != ' ')
            out[n++] = *s;
    out[n] = '\0';
    return n;
}

/* Rows by a text key: every distinct key a slot, and each slot's rows in
 * order, rows[start[s] … start[s + 1]). */
typedef struct key_index {
    bx_strindex slots; /* key -> slot */
    int *start, *rows;
    int nslots;
} key_index;

static void key_index_free(key_index *ix)
{
    bx_strindex_free(&ix->slots);
    free(ix->start);
    free(ix->rows);
    memset(ix, 0, sizeof *ix);
}

/* Index the rows whose key is not NULL. */
static bool index_keys(const char *const *keys, int n, key_index *ix, bx_error *err)
{
    memset(ix, 0, sizeof *ix);
    int *slot_of = bx_calloc((size_t)n + 1, sizeof *slot_of, err);
    if (!slot_of || !bx_strindex_init(&ix->slots, (size_t)n, err)) {
        free(slot_of);
        return false;
    }
    bool ok = true;
    for (int r = 0; ok && r < n; r++) {
        slot_of[r] = -1;
        if (!keys[r])
            continue;
        slot_of[r] = bx_strindex_put(&ix->slots, keys[r], strlen(keys[r]), ix->nslots, err);
        ok = slot_of[r] >= 0;
        ix->nslots += ok && slot_of[r] == ix->nslots;
    }
    ix->start = ok ? bx_calloc((size_t)ix->nslots + 1, sizeof *ix->start, err) : NULL;
    ix->rows = ok ? bx_calloc((size_t)n + 1, sizeof *ix->rows, err) : NULL;
    int *fill = ok ? bx_calloc((size_t)ix->nslots + 1, sizeof *fill, err) : NULL;
    ok = ok && ix->start && ix->rows && fill;
    for (int r = 0; ok && r < n; r++) /* count, then place */
        if (slot_of[r] >= 0)
            ix->start[slot_of[r] + 1]++;
    for (int k = 0; ok && k < ix->nslots; k++)
        ix->start[k + 1] += ix->start[k];
    for (int r = 0; ok && r < n; r++)
        if (slot_of[r] >= 0)
            ix->rows[ix->start[slot_of[r]] + fill[slot_of[r]]++] = r;
    free(fill);
    free(slot_of);
    return ok;
}

static int key_count(const key_index *ix, const char *key)
{
    int slot = key ? bx_strindex_get(&ix->slots, key, strlen(key)) : -1;
    return slot < 0 ? 0 : ix->start[slot + 1] - ix->start[slot];
}

/* One table of a match: its rows' names (unnumbered, without spaces) and
 * paths (the names of the rows above, by 科目编码 or by level, then the
 * row's own), for rows that have the compared figure. */
typedef struct match_table {
    const bx_vtable *vt;
    int f;
    int side;    /* a ledger's side, or -1 for every row */
    bool nested; /* rows under rows (by code or level): paths say something */
    bx_arena *arena;
    const char **name, **path;
    key_index by_name, by_path;
    int *taken_name, *taken_path; /* per slot: rows paired so far */
} match_table;

static void match_table_free(match_table *t)
{
    key_index_free(&t->by_name);
    key_index_free(&t->by_path);
    free(t->taken_name);
    free(t->taken_path);
    free(t->name);
    free(t->path);
    bx_arena_free(t->arena);
}

static const char *path_of(match_table *t, int r, const char *parent, bx_error *err)
{
    if (!parent || !t->name[r])
        return t->name[r];
    size_t a = strlen(parent), b = strlen(t->name[r]);
    char *p = bx_arena_alloc(t->arena, a + b + 2, err);
    if (p) {
        memcpy(p, parent, a);
        p[a] = '/';
        memcpy(p + a + 1, t->name[r], b + 1);
    }
    return p;
}

/* Paths: by code (the parent code is the code without its last 2 digits)
 * when the table has codes, else by level (the last row one level up). */
static bool make_paths(match_table *t, bx_error *err)
{
    const bx_vtable *vt = t->vt;
    bool codes = false;
    for (int r = 0; r < vt->nrows && !codes; r++)
        codes = vt->rows[r].code != NULL;
    bx_strindex by_code = {0};
    if (codes && !bx_strindex_init(&by_code, (size_t)vt->nrows, err))
        return false;
    const char *above[BX_MAX_INDENT + 2] = {NULL};
    bool ok = true;
    for (int r = 0; ok && r < vt->nrows; r++) {
        const bx_vrow *row = &vt->rows[r];
        t->nested = t->nested || codes || row->level > 0;
        const char *parent = NULL;
        if (codes && row->code) {
            size_t len = strlen(row->code);
            int p = len > 2 ? bx_strindex_get(&by_code, row->code, len - 2) : -1;
            parent = p >= 0 ? t->path[p] : NULL;
            ok = bx_strindex_put(&by_code, row->code, len, r, err) >= 0;
        } else if (!codes && row->level > 0 && row->level <= BX_MAX_INDENT + 1) {
            parent = above[row->level - 1];
        }
        t->path[r] = ok ? path_of(t, r, parent, err) : NULL;
        ok = ok && (t->path[r] || !t->name[r]);
        if (!codes && row->level >= 0 && row->level <= BX_MAX_INDENT) {
            above[row->level] = t->path[r];
            for (int k = row->level + 1; k <= BX_MAX_INDENT + 1; k++)
                above[k] = NULL;
        }
    }
    bx_strindex_free(&by_code);
    return ok;
}

static bool match_table_init(match_table *t, const checker *ck, const bx_ref *ref, bx_error *err)
{
    memset(t, 0, sizeof *t);
    t->vt = table_numbered(ck, ref->table);
    t->side = -1;
    if (!t->vt)
        return true;
    const bx_vtable *vt = t->vt;
    t->f = field_of(vt, ref->field);
    if (strcmp(ref->row, "*") != 0) {
        const bx_table_layout *layout = vt->layout;
        for (size_t i = 0; i < layout->header.nroots; i++)
            if (layout->header.roots[i].side && strcmp(layout->header.roots[i].side, ref->row) == 0)
                t->side = (int)i;
    }
    size_t n = (size_t)vt->nrows + 1;
    t->arena = bx_arena_new();
    t->name = bx_calloc(n, sizeof *t->name, err);
    t->path = bx_calloc(n, sizeof *t->path, err);
    if (!t->arena || !t->name || !t->path)
        return bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    for (int r = 0; r < vt->nrows; r++) {
        const bx_vrow *row = &vt->rows[r];
        if (!row->label || row->total)
            continue;
        char *key = bx_arena_alloc(t->arena, strlen(row->label) + 1, err);
        if (!key)
            return false;
        squash(unnumbered(row->label), key);
        t->name[r] = key;
    }
    if (!make_paths(t, err))
        return false;
    for (int r = 0; r < vt->nrows; r++) { /* only the rows that take part */
        const bx_vrow *row = &vt->rows[r];
        if (t->f < 0 || row->v[t->f] == BX_NOVALUE || (t->side >= 0 && row->side != t->side))
            t->name[r] = t->path[r] = NULL;
    }
    if (!index_keys(t->name, vt->nrows, &t->by_name, err) ||
        !index_keys(t->path, vt->nrows, &t->by_path, err))
        return false;
    t->taken_name = bx_calloc((size_t)t->by_name.nslots + 1, sizeof(int), err);
    t->taken_path = bx_calloc((size_t)t->by_path.nslots + 1, sizeof(int), err);
    return t->taken_name && t->taken_path;
}

/* The next row of t with this key (by name or by path), or -1. */
static int take_next(match_table *t, const char *key, bool by_path)
{
    key_index *ix = by_path ? &t->by_path : &t->by_name;
    int *taken = by_path ? t->taken_path : t->taken_name;
    int slot = key ? bx_strindex_get(&ix->slots, key, strlen(key)) : -1;
    if (slot < 0 || ix->start[slot] + taken[slot] >= ix->start[slot + 1])
        return -1;
    return ix->rows[ix->start[slot] + taken[slot]++];
}

/* match: every row of the first reference's table (of its side, for a
 * ledger: "1:支出:金额"; "*" for all rows) equals the row of the same name
 * in the second table, or the sum of such rows in the others ("6:支出:金额"
 * = 表7 + 表10 + 表11). A name that occurs more than once (行政运行 under
 * several 款) pairs by the names of the rows above it as well, where both
 * tables nest their rows (by 科目编码 or level); else in order. Rows
 * without the compared figure (indicator rows in 表12) take no part. */
static bool check_match(checker *ck, const bx_check *c)
{
    enum { MAX_PARTS = 8 };
    int nparts = c->nrefs - 1 < MAX_PARTS ? c->nrefs - 1 : MAX_PARTS;
    match_table a, parts[MAX_PARTS];
    bool ok = match_table_init(&a, ck, &c->refs[0], ck->err);
    int ready = 0;
    for (; ok && ready < nparts; ready++)
        ok = match_table_init(&parts[ready], ck, &c->refs[ready + 1], ck->err);
    bx_strbuf rule;
    bx_strbuf_init(&rule, 0);
    bx_strbuf_printf(&rule, "%s =", c->refs[0].text);
    for (int k = 1; k <= nparts; k++)
        bx_strbuf_printf(&rule, "%s %s", k > 1 ? " +" : "", c->refs[k].text);
    bx_strbuf_puts(&rule, "（同名的行）");
    const char *text =
        ok && !rule.failed ? bx_arena_strdup(ck->out->arena, rule.data, ck->err) : NULL;
    bx_strbuf_free(&rule);
    ok = ok && text;
    for (int r = 0; ok && a.vt && r < a.vt->nrows; r++) {
        const char *name = a.name[r];
        if (!name)
            continue;
        bool ambiguous = key_count(&a.by_name, name) > 1;
        for (int k = 0; k < nparts && !ambiguous; k++)
            ambiguous = parts[k].vt && key_count(&parts[k].by_name, name) > 1;
        int64_t sum = 0;
        int rounded = 0, found = 0;
        const match_table *last = NULL;
        int last_row = -1;
        for (int k = 0; k < nparts; k++) {
            if (!parts[k].vt)
                continue;
            /* a recurring name: by path where both tables nest their rows,
             * else the next of that name, in order */
            bool by_path = ambiguous && a.nested && parts[k].nested;
            int q = take_next(&parts[k], by_path ? a.path[r] : name, by_path);
            if (q < 0)
                continue;
            bool p;
            sum += take(&parts[k].vt->rows[q], parts[k].f, &p);
            rounded += p && parts[k].vt->money[parts[k].f];
            found++;
            last = &parts[k];
            last_row = q;
        }
        if (!found)
            continue;
        bool p;
        int64_t value = take(&a.vt->rows[r], a.f, &p);
        rounded += p && a.vt->money[a.f];
        /* one counterpart: reported at it, as "what the first table says"
         * against it; several: at the first table's row, against their sum */
        ok = nparts == 1 ? compare(ck, last->vt, &last->vt->rows[last_row], last->f, value, sum,
                                   rounded, text)
                         : compare(ck, a.vt, &a.vt->rows[r], a.f, sum, value, rounded, text);
    }
    for (int k = 0; k < ready; k++)
        match_table_free(&parts[k]);
    match_table_free(&a);
    return ok;
}

/* Every figure with its place, whether a check looked at it, and the
 * change of 10 shown units in the unit it was given in (for tests that
 * alter figures one by one). */
static bool snapshot_figures(checker *ck)
{
    const bx_model *m = ck->m;
    bx_findings *f = ck->out;
    size_t n = 0;
    for (int i = 0; i < m->view.ntables; i++)
        for (int r = 0; r < m->view.tables[i].nrows; r++)
            for (int k = 0; k < m->view.tables[i].nfields; k++)
                n += m->view.tables[i].rows[r].v[k] != BX_NOVALUE;
    f->figures = bx_arena_alloc(f->arena, (n ? n : 1) * sizeof *f->figures, ck->err);
    if (!f->figures)
        return false;
    for (int i = 0; i < m->view.ntables; i++) {
        const bx_vtable *vt = &m->view.tables[i];
        /* strings shared by the table's figures, copied once */
        const char *sheet = bx_arena_strdup(f->arena, vt->sheet, ck->err);
        const char **columns = bx_arena_alloc(
            f->arena, (size_t)(vt->nfields ? vt->nfields : 1) * sizeof *columns, ck->err);
        if (!sheet || !columns)
            return false;
        for (int k = 0; k < vt->nfields; k++)
            if (!(columns[k] = bx_arena_strdup(f->arena, vt->fields[k], ck->err)))
                return false;
        const char *file_in = NULL, *file = "";
        for (int r = 0; r < vt->nrows; r++) {
            const bx_vrow *row = &vt->rows[r];
            char name[512];
            const char *rname = NULL;
            for (int k = 0; k < vt->nfields; k++) {
                if (row->v[k] == BX_NOVALUE)
                    continue;
                if (!rname && !(rname = bx_arena_strdup(
                                    f->arena, row_name(ck, row, name, sizeof name), ck->err)))
                    return false;
                bx_loc at = figure_loc(m, &row->vloc[k]);
                if (at.file != file_in) { /* files are interned by the model */
                    file_in = at.file;
                    if (!(file = bx_arena_strdup(f->arena, file_in ? file_in : "", ck->err)))
                        return false;
                }
                figure_rec *g = &f->figures[f->nfigures++];
                g->table = sheet;
                g->row = rname;
                g->column = columns[k];
                g->file = file;
                g->line = at.line;
                g->column_number = at.column;
                g->money = vt->money[k];
                g->checked = row->used[k];
                int64_t step = 10 * pow10i(BX_NORM_DECIMALS - row->shown[k]);
                if (vt->money[k] && ck->display.unit_yuan >= m->view.input.unit_yuan)
                    step *= ck->display.unit_yuan / m->view.input.unit_yuan;
                else if (vt->money[k])
                    step /= m->view.input.unit_yuan / ck->display.unit_yuan;
                show(ck, vt->money[k], row->shown[k], row->v[k], g->value, sizeof g->value);
                show(ck, false, -1, step, g->step, sizeof g->step);
            }
        }
    }
    return true;
}

/* ---- the API ----------------------------------------------------------- */

bx_findings *bx_model_validate(const bx_model *m, const bx_layout_set *set, int flags,
                               bx_error *err)
{
    bx_findings *f = bx_calloc(1, sizeof *f, err);
    if (!f)
        return NULL;
    f->arena = bx_arena_new();
    if (!f->arena) {
        free(f);
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        return NULL;
    }
    checker ck = {.m = m, .set = set, .out = f, .err = err, .display = set->display};
    bool ok = true;
    for (int i = 0; ok && i < m->view.ntables; i++) {
        for (int r = 0; r < m->view.tables[i].nrows; r++)
            memset(m->view.tables[i].rows[r].used, 0, (size_t)m->view.tables[i].nfields);
    }
    for (int i = 0; ok && i < m->view.ntables; i++)
        ok = check_table(&ck, &m->view.tables[i]);
    for (size_t i = 0; ok && i < set->nchecks; i++) {
        ck.check = &set->checks[i];
        const bx_check *c = &set->checks[i];
        ok = c->kind == BX_CHECK_MATCH     ? check_match(&ck, c)
             : c->kind == BX_CHECK_SET_SUM ? check_set_sum(&ck, c)
                                           : check_equal(&ck, c);
    }
    ok = ok && (!(flags & BX_VALIDATE_FIGURES) || snapshot_figures(&ck));
    if (!ok) {
        bx_findings_free(f);
        return NULL;
    }
    for (size_t i = 0; i < f->n; i++) {
        f->items[i].pub.expected = f->items[i].expected;
        f->items[i].pub.actual = f->items[i].actual;
        f->items[i].pub.difference = f->items[i].difference;
    }
    return f;
}

void bx_findings_free(bx_findings *f)
{
    if (!f)
        return;
    free(f->items);
    bx_arena_free(f->arena);
    free(f);
}

size_t bx_findings_count(const bx_findings *f)
{
    return f ? f->n : 0;
}

size_t bx_findings_errors(const bx_findings *f)
{
    return f ? f->errors : 0;
}

const bx_finding *bx_findings_at(const bx_findings *f, size_t i)
{
    return f && i < f->n ? &f->items[i].pub : NULL;
}

/* ---- reports ----------------------------------------------------------- */

static void json_string(bx_strbuf *b, const char *s)
{
    bx_strbuf_putc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            bx_strbuf_printf(b, "\\%c", c);
        else if (c < 0x20)
            bx_strbuf_printf(b, "\\u%04x", c);
        else
            bx_strbuf_putc(b, (char)c);
    }
    bx_strbuf_putc(b, '"');
}

static void text_report(const bx_findings *f, bx_strbuf *b)
{
    for (size_t i = 0; i < f->n; i++) {
        const bx_finding *x = &f->items[i].pub;
        if (x->file[0])
            bx_strbuf_printf(b, "%s:%d:%d: ", x->file, x->line, x->column_number);
        bx_strbuf_printf(b, "%s：%s", x->error ? "错误" : "提示（尾数差异）", x->table);
        if (x->row[0])
            bx_strbuf_printf(b, "，%s", x->row);
        if (x->column[0])
            bx_strbuf_printf(b, "，%s：应为 %s，实为 %s，差 %s", x->column, x->expected, x->actual,
                             x->difference);
        else
            bx_strbuf_printf(b, "：%s", x->difference);
        bx_strbuf_printf(b, "（检查：%s）\n", x->rule ? x->rule : "");
    }
    bx_strbuf_printf(b, "共 %zu 个错误，%zu 个尾数差异提示。\n", f->errors, f->n - f->errors);
}

/* `, "name": "value"` */
static void json_field(bx_strbuf *b, const char *name, const char *value)
{
    bx_strbuf_printf(b, ", \"%s\": ", name);
    json_string(b, value);
}

static void json_figures(const bx_findings *f, bx_strbuf *b)
{
    for (size_t i = 0; i < f->nfigures; i++) {
        const figure_rec *g = &f->figures[i];
        bx_strbuf_puts(b, i ? ",\n    " : "\n    ");
        bx_strbuf_puts(b, "{\"table\": ");
        json_string(b, g->table);
        json_field(b, "row", g->row);
        json_field(b, "column", g->column);
        json_field(b, "file", g->file);
        bx_strbuf_printf(b, ", \"line\": %d, \"column_number\": %d, \"value\": ", g->line,
                         g->column_number);
        json_string(b, g->value);
        bx_strbuf_printf(b, ", \"money\": %s, \"checked\": %s, \"step\": ",
                         g->money ? "true" : "false", g->checked ? "true" : "false");
        json_string(b, g->step);
        bx_strbuf_putc(b, '}');
    }
}

static void json_report(const bx_findings *f, bx_strbuf *b)
{
    bx_strbuf_printf(b, "{\n  \"errors\": %zu,\n  \"notices\": %zu,\n  \"findings\": [", f->errors,
                     f->n - f->errors);
    for (size_t i = 0; i < f->n; i++) {
        const bx_finding *x = &f->items[i].pub;
        bx_strbuf_puts(b, i ? ",\n    " : "\n    ");
        bx_strbuf_printf(b, "{\"severity\": \"%s\", \"table\": ", x->error ? "error" : "notice");
        json_string(b, x->table);
        json_field(b, "row", x->row);
        json_field(b, "column", x->column);
        json_field(b, "expected", x->expected);
        json_field(b, "actual", x->actual);
        json_field(b, "difference", x->difference);
        json_field(b, "check", x->rule ? x->rule : "");
        json_field(b, "file", x->file);
        bx_strbuf_printf(b, ", \"line\": %d, \"column_number\": %d}", x->line, x->column_number);
    }
    bx_strbuf_puts(b, "\n  ],\n  \"figures\": [");
    json_figures(f, b);
    bx_strbuf_puts(b, "\n  ]\n}\n");
}

char *bx_findings_report(const bx_findings *f, const char *format, bx_error *err)
{
    bx_strbuf b;
    bx_strbuf_init(&b, 0);
    if (format && strcmp(format, "json") == 0)
        json_report(f, &b);
    else
        text_report(f, &b);
    if (b.failed) {
        bx_strbuf_free(&b);
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        return NULL;
    }
    if (!b.data)
        bx_strbuf_puts(&b, "");
    return b.data;
}
