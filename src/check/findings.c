/* The findings of a check: each a record owning its texts, made by
 * comparing a figure with what a rule expects of it (exact, or within the
 * rounding of the figures involved); the figures snapshot; the entry
 * bx_model_validate; the text and JSON reports. */
#include "checker.h"
#include "relocate.h"
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct finding_rec {
    bx_finding pub;
    char expected[40], actual[40], difference[320];
    const char *text; /* in the arena, for a text finding: what is wrong, whole */
} finding_rec;

/* A figure of the data, for the JSON report: its place, its value, whether
 * an equation holds it, and 10 shown units in the unit it is given in. */
typedef struct figure_rec {
    const char *table, *row, *column, *file;
    int line, column_number;
    bool money, checked;
    char value[40], step[40];
} figure_rec;

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

/* A new, empty finding record; NULL when out of memory. */
static finding_rec *new_finding(checker *ck)
{
    bx_findings *f = ck->out;
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 32;
        finding_rec *p = realloc(f->items, cap * sizeof *p);
        if (!p) {
            bx_fail(ck->err, NULL, BX_ERR_NOMEM, "内存不足");
            return NULL;
        }
        f->items = p;
        f->cap = cap;
    }
    finding_rec *r = &f->items[f->n++];
    memset(r, 0, sizeof *r);
    return r;
}

bool bx_check_text_finding(checker *ck, bool error, const char *rule, const char *file, int line,
                           int column, const char *what)
{
    bx_findings *f = ck->out;
    finding_rec *r = new_finding(ck);
    if (!r)
        return false;
    r->pub.error = error;
    f->errors += error;
    r->pub.table = "文字部分";
    r->pub.row = r->pub.column = "";
    r->pub.rule = rule;
    r->text = bx_arena_strdup(f->arena, what, ck->err);
    r->pub.file = bx_arena_strdup(f->arena, file ? file : "", ck->err);
    r->pub.line = line;
    r->pub.column_number = column;
    return r->pub.file && r->text;
}

/* The dataset file a table reads (its CSV, as the resolver named it), or
 * NULL: where a finding about the table as a whole is. */
static const char *table_input(const checker *ck, const bx_vtable *vt)
{
    const char *data = bx_check_layout(ck, vt)->data;
    size_t n = data ? strlen(data) : 0;
    for (int i = 0; n && i < ck->m->view.ninputs; i++) {
        const char *in = ck->m->view.inputs[i];
        size_t len = strlen(in);
        if (len >= n && strcmp(in + len - n, data) == 0 &&
            (len == n || in[len - n - 1] == '/' || in[len - n - 1] == ' '))
            return in;
    }
    return NULL;
}

static bool add_finding(checker *ck, const bx_vtable *vt, const bx_vrow *row, int field, bool error,
                        const char *expected, const char *actual, const char *difference,
                        const char *rule)
{
    bx_findings *f = ck->out;
    finding_rec *r = new_finding(ck);
    if (!r)
        return false;
    char name[512];
    bx_loc loc = row ? row->loc : (bx_loc){table_input(ck, vt), 0, 0};
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
    /* units, not figures: at most 10^6 × 10^8 (亿元 shown, 元 given) */
    int64_t unit = pow10i(BX_NORM_DECIMALS - shown); /* one shown unit, display unit */
    if (ck->display.unit_yuan >= m->view.input.unit_yuan)
        unit *= ck->display.unit_yuan / m->view.input.unit_yuan;
    else
        unit /= m->view.input.unit_yuan / ck->display.unit_yuan;
    return unit / 2;
}

/* Within what a figure can be (INT64_MIN is BX_NOVALUE). */
static bool fits(bx_sum v)
{
    return v >= -INT64_MAX && v <= INT64_MAX;
}

/* Compare a figure with what a rule expects of it. `rounded` counts the
 * rounded figures involved (each may be off by half a unit). */
bool bx_check_compare(checker *ck, const bx_vtable *vt, const bx_vrow *row, int field,
                      bx_sum expected, bx_sum actual, int rounded, const char *rule)
{
    bx_sum wide = actual - expected;
    if (!fits(expected) || !fits(actual) || !fits(wide))
        return add_finding(ck, vt, row, field, true, "", "", "超出可处理的范围", rule);
    if (wide == 0)
        return true;
    int64_t diff = (int64_t)wide;
    int64_t mag = diff < 0 ? -diff : diff;
    bool money = vt->money[field];
    int64_t half = money ? half_unit(ck, row ? row->shown[field] : 0) : 0, tolerance;
    if (__builtin_mul_overflow(half, (int64_t)rounded, &tolerance))
        tolerance = INT64_MAX; /* more than any difference */
    bool error = half == 0 || mag > tolerance;
    char e[40], a[40], d[40];
    int shown = row ? row->shown[field] : -1;
    show(ck, money, shown, (int64_t)expected, e, sizeof e);
    show(ck, money, shown, (int64_t)actual, a, sizeof a);
    show(ck, money, shown, diff, d, sizeof d);
    return add_finding(ck, vt, row, field, error, e, a, d, rule);
}

bool bx_check_printed(checker *ck)
{
    for (size_t i = 0; i < ck->m->nprinted; i++) {
        const struct bx_printed *p = &ck->m->printed[i];
        const bx_vtable *vt = &ck->m->view.tables[p->table];
        const bx_vrow *row = &vt->rows[p->row];
        char e[40], a[40], d[40];
        int shown = row->shown[p->field];
        bool money = vt->money[p->field];
        show(ck, money, shown, row->v[p->field], e, sizeof e);
        show(ck, money, shown, p->printed, a, sizeof a);
        show(ck, money, shown, p->printed - row->v[p->field], d, sizeof d);
        if (!add_finding(ck, vt, row, p->field, false, e, a, d, BX_PRINTED_RULE))
            return false;
    }
    return true;
}

/* A structural problem (a missing row, a code without its parent). */
bool bx_check_problem(checker *ck, const bx_vtable *vt, const bx_vrow *row, const char *what)
{
    return add_finding(ck, vt, row, -1, true, "", "", what, ck->rule ? ck->rule : ck->check->text);
}

bool bx_check_empty_table(checker *ck, const bx_vtable *vt)
{
    int i = (int)(vt - ck->m->view.tables);
    if (ck->told_empty[i])
        return true;
    ck->told_empty[i] = true;
    /* no table with a row of data: an unfilled template, most likely */
    bool any = false;
    for (int t = 0; t < ck->m->view.ntables && !any; t++)
        for (int r = 0; r < ck->m->view.tables[t].nrows && !any; r++) {
            const char *band = ck->m->view.tables[t].rows[r].band;
            any = !band || strcmp(band, "@fields") != 0;
        }
    return add_finding(ck, vt, NULL, -1, true, "", "",
                       any ? "表中没有数据，无法与其他表核对"
                           : "表中没有数据，无法与其他表核对（各表都没有数据：模板还没有填写？）",
                       "");
}

/* ---- the figures ------------------------------------------------------- */

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
                g->checked = ck->used[i][(size_t)r * (size_t)vt->nfields + (size_t)k];
                /* at most 10 × 10^6 × 10^8: no figure is involved */
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

/* Whether the model was resolved with this set (or the same set loaded
 * again): the view names its tables' layouts by their place in the set. */
static bool made_with(const bx_model *m, const bx_layout_set *set)
{
    const char *version = m->readback.meta.layout_version;
    if (set->version && version && *version && strcmp(version, set->version) != 0)
        return false;
    for (int i = 0; i < m->view.ntables; i++) {
        const bx_vtable *vt = &m->view.tables[i];
        if (vt->layout < 0 || (size_t)vt->layout >= set->ntables ||
            set->tables[vt->layout].number != vt->number)
            return false;
    }
    return true;
}

static void free_marks(uint8_t **used, int n)
{
    for (int i = 0; used && i < n; i++)
        free(used[i]);
    free(used);
}

/* The checker's own marks of the figures an equation holds, all clear. */
static uint8_t **new_marks(const bx_model *m, bx_error *err)
{
    uint8_t **used = bx_calloc((size_t)m->view.ntables + 1, sizeof *used, err);
    for (int i = 0; used && i < m->view.ntables; i++) {
        const bx_vtable *vt = &m->view.tables[i];
        used[i] = bx_calloc((size_t)vt->nrows * (size_t)vt->nfields + 1, 1, err);
        if (!used[i]) {
            free_marks(used, i);
            return NULL;
        }
    }
    return used;
}

bx_findings *bx_model_validate(const bx_model *m, const bx_layout_set *set, int flags,
                               bx_error *err)
{
    bx_error spare;
    err = bx_error_or(err, &spare);
    if (!m || !set) {
        bx_fail(err, NULL, BX_ERR_USAGE, "bx_model_validate: 缺少模型或布局");
        return NULL;
    }
    if (!made_with(m, set)) {
        bx_fail(err, NULL, BX_ERR_USAGE, "bx_model_validate: 模型不是用布局“%s”生成的",
                set->name ? set->name : "");
        return NULL;
    }
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
    bool ok = (ck.told_empty = bx_calloc((size_t)m->view.ntables + 1, sizeof(bool), err)) != NULL;
    if (ok && (flags & BX_VALIDATE_FIGURES))
        ok = (ck.used = new_marks(m, err)) != NULL;
    for (int i = 0; ok && i < m->view.ntables; i++)
        ok = bx_check_table(&ck, &m->view.tables[i]);
    for (size_t i = 0; ok && i < set->nchecks; i++) {
        ck.check = &set->checks[i];
        ok = bx_check_set_rule(&ck, &set->checks[i]);
    }
    ok = ok && bx_check_narration(&ck) && bx_check_printed(&ck);
    ok = ok && (!(flags & BX_VALIDATE_FIGURES) || snapshot_figures(&ck));
    free_marks(ck.used, m->view.ntables);
    free(ck.told_empty);
    if (!ok) {
        bx_findings_free(f);
        return NULL;
    }
    for (size_t i = 0; i < f->n; i++) {
        f->items[i].pub.expected = f->items[i].expected;
        f->items[i].pub.actual = f->items[i].actual;
        f->items[i].pub.difference = f->items[i].text ? f->items[i].text : f->items[i].difference;
    }
    return f;
}

void bx_findings_relocate(bx_findings *f, bx_finding_place place, void *ctx)
{
    for (size_t i = 0; f && i < f->n; i++) {
        bx_finding *x = &f->items[i].pub;
        char where[1024];
        if (!place(ctx, x->file, x->line, x->column_number, where, sizeof where))
            continue;
        const char *kept = bx_arena_strdup(f->arena, where, NULL);
        if (kept) {
            x->file = kept;
            x->line = x->column_number = 0;
        }
    }
}

void bx_findings_free(bx_findings *f)
{
    if (!f)
        return;
    free(f->items);
    free(f->narrative);
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

void bx_check_json_string(bx_strbuf *b, const char *s)
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
        if (x->file[0] && x->line > 0 && x->column_number > 0)
            bx_strbuf_printf(b, "%s:%d:%d: ", x->file, x->line, x->column_number);
        else if (x->file[0] && x->line > 0) /* a row */
            bx_strbuf_printf(b, "%s:%d: ", x->file, x->line);
        else if (x->file[0]) /* a workbook's cell */
            bx_strbuf_printf(b, "%s: ", x->file);
        bool text = x->rule && strcmp(x->rule, BX_TEXT_RULE) == 0;
        bool printed = x->rule && strcmp(x->rule, BX_PRINTED_RULE) == 0;
        bx_strbuf_printf(b, "%s：%s",
                         x->error  ? "错误"
                         : text    ? "提示"
                         : printed ? "提示（印刷为给定的数）"
                                   : "提示（尾数差异）",
                         x->table);
        if (x->row[0])
            bx_strbuf_printf(b, "，%s", x->row);
        if (printed) /* the data's figure, and the one the published table prints */
            bx_strbuf_printf(b, "，%s：数据为 %s，印刷为 %s，差 %s", x->column, x->expected,
                             x->actual, x->difference);
        else if (x->column[0] && !x->expected[0]) /* out of range: no figures to show */
            bx_strbuf_printf(b, "，%s：%s", x->column, x->difference);
        else if (x->column[0])
            bx_strbuf_printf(b, "，%s：应为 %s，实为 %s，差 %s", x->column, x->expected, x->actual,
                             x->difference);
        else
            bx_strbuf_printf(b, "：%s", x->difference);
        if (x->rule && x->rule[0])
            bx_strbuf_printf(b, "（检查：%s）", x->rule);
        bx_strbuf_putc(b, '\n');
    }
    size_t texts = 0, printed = 0;
    for (size_t i = 0; i < f->n; i++) {
        const char *rule = f->items[i].pub.rule;
        texts += rule && strcmp(rule, BX_TEXT_RULE) == 0;
        printed += rule && strcmp(rule, BX_PRINTED_RULE) == 0;
    }
    bx_strbuf_printf(b, "共 %zu 个错误，%zu 个尾数差异提示", f->errors,
                     f->n - f->errors - texts - printed);
    if (texts)
        bx_strbuf_printf(b, "，%zu 个文字部分的提示", texts);
    if (printed)
        bx_strbuf_printf(b, "，%zu 个印刷为给定的数", printed);
    bx_strbuf_puts(b, "。\n");
}

/* `, "name": "value"` */
static void json_field(bx_strbuf *b, const char *name, const char *value)
{
    bx_strbuf_printf(b, ", \"%s\": ", name);
    bx_check_json_string(b, value);
}

static void json_figures(const bx_findings *f, bx_strbuf *b)
{
    for (size_t i = 0; i < f->nfigures; i++) {
        const figure_rec *g = &f->figures[i];
        bx_strbuf_puts(b, i ? ",\n    " : "\n    ");
        bx_strbuf_puts(b, "{\"table\": ");
        bx_check_json_string(b, g->table);
        json_field(b, "row", g->row);
        json_field(b, "column", g->column);
        json_field(b, "file", g->file);
        bx_strbuf_printf(b, ", \"line\": %d, \"column_number\": %d, \"value\": ", g->line,
                         g->column_number);
        bx_check_json_string(b, g->value);
        bx_strbuf_printf(b, ", \"money\": %s, \"checked\": %s, \"step\": ",
                         g->money ? "true" : "false", g->checked ? "true" : "false");
        bx_check_json_string(b, g->step);
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
        bx_check_json_string(b, x->table);
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
    bx_strbuf_puts(b, "\n  ],\n  \"narrative\": [");
    bx_check_json_narration(f, b);
    bx_strbuf_puts(b, "\n  ]\n}\n");
}

char *bx_findings_report(const bx_findings *f, const char *format, bx_error *err)
{
    bool json = format && strcmp(format, "json") == 0;
    if (!f || (format && !json && strcmp(format, "text") != 0)) {
        bx_fail(err, NULL, BX_ERR_USAGE, "bx_findings_report: %s",
                !f ? "缺少检查结果" : "未知的格式");
        return NULL;
    }
    bx_strbuf b;
    bx_strbuf_init(&b, 0);
    if (json)
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
