/* The rules across the tables of a set (checks: of set.yaml): equal, sum
 * and match, figures named by references ("1:收入总计:金额"). */
#include "checker.h"
#include "strbuf.h"
#include "strindex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- set rules --------------------------------------------------------- */

static const bx_vtable *table_numbered(const checker *ck, int number)
{
    return bx_dataview_table(&ck->m->view, number);
}

/* A reference in words (bx_dataview_ref_words), appended to out. */
static void ref_words(const checker *ck, const bx_ref *ref, bx_strbuf *out)
{
    char words[640];
    bx_dataview_ref_words(&ck->m->view, ref->table, ref->row, ref->field, ck->m->doc->year, words,
                          sizeof words);
    bx_strbuf_puts(out, words);
}

/* The rule in words, "甲 = 乙 = 丙" (op " = ") or "甲 = 乙 + 丙" (op
 * " + "), then tail; in the findings' arena, NULL when out of memory. */
static const char *rule_words(checker *ck, const bx_check *c, const char *op, const char *tail)
{
    bx_strbuf b;
    bx_strbuf_init(&b, 0);
    for (int k = 0; k < c->nrefs; k++) {
        if (k)
            bx_strbuf_puts(&b, k == 1 ? " = " : op);
        ref_words(ck, &c->refs[k], &b);
    }
    bx_strbuf_puts(&b, tail);
    const char *r = b.failed ? NULL : bx_arena_strdup(ck->out->arena, b.data, ck->err);
    if (b.failed)
        bx_fail(ck->err, NULL, BX_ERR_NOMEM, "内存不足");
    bx_strbuf_free(&b);
    return r;
}

/* A reference's figure: 1 found, 0 its table is not in the dataset (the
 * reference is left out), -1 the row is missing or the table empty
 * (reported; -2: out of memory). */
static int find_ref(checker *ck, const bx_ref *ref, const bx_vtable **vt, const bx_vrow **row,
                    int *f)
{
    if (!(*vt = table_numbered(ck, ref->table)))
        return 0;
    if ((*vt)->nrows == 0)
        return bx_check_empty_table(ck, *vt) ? -1 : -2;
    *row = bx_dataview_row(*vt, ref->row, ck->m->doc->year, NULL);
    *f = bx_check_field_of(*vt, ref->field);
    if (*row && *f >= 0)
        return 1;
    bx_strbuf what;
    bx_strbuf_init(&what, 0);
    bx_strbuf_puts(&what, "找不到");
    ref_words(ck, ref, &what);
    bool ok = !what.failed && bx_check_problem(ck, *vt, NULL, what.data);
    bx_strbuf_free(&what);
    return ok ? -1 : -2;
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
            bx_check_take(ck, vt, row, f, NULL);
            continue;
        }
        bool pa, pb;
        int64_t expected = bx_check_take(ck, first_vt, first_row, first_f, &pa),
                actual = bx_check_take(ck, vt, row, f, &pb);
        int rounded = (pa && first_vt->money[first_f]) + (pb && vt->money[f]);
        bx_strbuf rule;
        bx_strbuf_init(&rule, 0);
        ref_words(ck, ref, &rule);
        bx_strbuf_puts(&rule, " = ");
        ref_words(ck, &c->refs[0], &rule);
        const char *r = rule.failed ? NULL : bx_arena_strdup(ck->out->arena, rule.data, ck->err);
        bx_strbuf_free(&rule);
        if (!r || !bx_check_compare(ck, vt, row, f, expected, actual, rounded, r))
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
    bx_sum expected = 0;
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
        expected += bx_check_take(ck, pvt, prow, pf, &p);
        any |= p;
        rounded += p && pvt->money[pf];
    }
    bool p;
    int64_t actual = bx_check_take(ck, vt, row, f, &p);
    rounded += p && vt->money[f];
    if (!any && !p)
        return true;
    return bx_check_compare(ck, vt, row, f, expected, actual, rounded, ck->rule);
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
    t->f = bx_check_field_of(vt, ref->field);
    if (strcmp(ref->row, "*") != 0) {
        const bx_table_layout *layout = bx_check_layout(ck, vt);
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
    const char *text = ck->rule;
    for (int r = 0; ok && a.vt && r < a.vt->nrows; r++) {
        const char *name = a.name[r];
        if (!name)
            continue;
        bool ambiguous = key_count(&a.by_name, name) > 1;
        for (int k = 0; k < nparts && !ambiguous; k++)
            ambiguous = parts[k].vt && key_count(&parts[k].by_name, name) > 1;
        bx_sum sum = 0;
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
            sum += bx_check_take(ck, parts[k].vt, &parts[k].vt->rows[q], parts[k].f, &p);
            rounded += p && parts[k].vt->money[parts[k].f];
            found++;
            last = &parts[k];
            last_row = q;
        }
        if (!found)
            continue;
        bool p;
        int64_t value = bx_check_take(ck, a.vt, &a.vt->rows[r], a.f, &p);
        rounded += p && a.vt->money[a.f];
        /* one counterpart: reported at it, as "what the first table says"
         * against it; several: at the first table's row, against their sum */
        ok = nparts == 1
                 ? bx_check_compare(ck, last->vt, &last->vt->rows[last_row], last->f, value, sum,
                                    rounded, text)
                 : bx_check_compare(ck, a.vt, &a.vt->rows[r], a.f, sum, value, rounded, text);
    }
    for (int k = 0; k < ready; k++)
        match_table_free(&parts[k]);
    match_table_free(&a);
    return ok;
}

bool bx_check_set_rule(checker *ck, const bx_check *c)
{
    ck->rule = rule_words(ck, c, c->kind == BX_CHECK_EQUAL ? " = " : " + ",
                          c->kind == BX_CHECK_MATCH ? "（同名的行）" : "");
    if (!ck->rule)
        return false;
    return c->kind == BX_CHECK_MATCH     ? check_match(ck, c)
           : c->kind == BX_CHECK_SET_SUM ? check_set_sum(ck, c)
                                         : check_equal(ck, c);
}
