/* Sentence templates (sentence.h): placeholders parsed as they are met,
 * evaluated exactly, printed once. */
#include "sentence.h"
#include "amount.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    MAX_PLACEHOLDER = 1024, /* bytes inside one pair of braces */
    MAX_PHRASE_DEPTH = 4,   /* a phrase's placeholders may use phrases */
    MAX_IF_DEPTH = 16       /* {if} inside {if}: bounds the recursion */
};

typedef struct local {
    const char *name, *value;
} local;

typedef struct eval {
    const bx_nstyle *style;
    const bx_nsource *src;
    const bx_loc *loc;
    bx_strbuf *out;
    bx_nlog *log;
    bx_error *err;
    const local *locals;
    int nlocals, depth;
    int ifs;          /* {if}s open around the text being rendered */
    int markers;      /* list markers "1." "2." met in the text so far */
    const char *expr; /* the placeholder being evaluated, for messages */
    /* what the placeholder being evaluated used and printed: for the log */
    bx_nuses *uses;
    int amount_decimals, percent_decimals;
} eval;

/* What a placeholder's format asks for (after "|": fixed, plain, abs). */
typedef struct format {
    bool fixed, plain, abs, trim;
} format;

static bool fail(eval *e, bx_status status, const char *why)
{
    bx_fail(e->err, e->loc, status, "文字模板的占位符“{%s}”：%s", e->expr, why);
    return false;
}

/* ---- the log ------------------------------------------------------------- */

/* The placeholder just evaluated, printed from at on: what it printed,
 * from which figures (ref's the one it names), at which decimals. */
static bool log_figure(eval *e, const char *ref, const bx_nfig *value, size_t at)
{
    bx_nlog *log = e->log;
    if (!log || e->depth > 0) /* a phrase's {abs} and {pct} belong to its {change} */
        return true;
    if (!bx_grow((void **)&log->figures, &log->cap_figures, log->nfigures + 1, sizeof *log->figures,
                 e->err))
        return false;
    bx_nprinted *p = &log->figures[log->nfigures];
    *p = (bx_nprinted){.at = at,
                       .block = -1,
                       .amount_decimals = e->amount_decimals,
                       .percent_decimals = e->percent_decimals,
                       .exact_base = e->style->exact_base};
    p->expr = bx_arena_strdup(log->arena, e->expr, e->err);
    p->printed = bx_arena_strdup(log->arena, e->out->data ? e->out->data + at : "", e->err);
    p->ref = ref ? bx_arena_strdup(log->arena, ref, e->err) : NULL;
    if (!p->expr || !p->printed || (ref && !p->ref))
        return false;
    if (value)
        p->value = *value;
    if (e->uses && e->uses->n) {
        bx_nuse *uses = bx_arena_alloc(log->arena, e->uses->n * sizeof *uses, e->err);
        if (!uses)
            return false;
        memcpy(uses, e->uses->items, e->uses->n * sizeof *uses);
        p->uses = uses;
        p->nuses = e->uses->n;
    }
    log->nfigures++;
    return true;
}

static bool notice(eval *e, const char *what)
{
    if (!e->log)
        return true;
    char text[1536];
    snprintf(text, sizeof text, "“{%s}”：%s", e->expr, what);
    bx_nlog *log = e->log;
    return bx_nlog_add_notice(log, e->loc, text, e->err);
}

/* ---- the digit lint ------------------------------------------------------ */

/* The bytes of the digit at s (ASCII or full-width), 0 if there is none. */
static size_t digit_at(const char *s, size_t len)
{
    if (len >= 1 && s[0] >= '0' && s[0] <= '9')
        return 1;
    if (len >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC &&
        (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99) /* ０-９ */
        return 3;
    return 0;
}

/* Whether a declared constant written in s[0, len) spans [from, to). */
static bool constant_covers(const bx_nstyle *st, const char *s, size_t len, size_t from, size_t to)
{
    for (int c = 0; c < st->nconstants; c++) {
        size_t clen = strlen(st->constants[c]);
        /* an occurrence that spans [from, to) begins in [to - clen, from] */
        for (size_t at = to > clen ? to - clen : 0; clen && at + clen <= len && at <= from; at++)
            if (memcmp(s + at, st->constants[c], clen) == 0 && to <= at + clen)
                return true;
    }
    return false;
}

/* Back or forward from s[at] by up to n characters of UTF-8, within len. */
static size_t chars_back(const char *s, size_t at, int n)
{
    while (at > 0 && n > 0) {
        at--;
        if (((unsigned char)s[at] & 0xC0) != 0x80)
            n--;
    }
    return at;
}

static size_t chars_forward(const char *s, size_t len, size_t at, int n)
{
    while (at < len && n > 0) {
        at++;
        while (at < len && ((unsigned char)s[at] & 0xC0) == 0x80)
            at++;
        n--;
    }
    return at;
}

static bool typed_number(eval *e, const char *s, size_t len, size_t from, size_t to)
{
    size_t a = chars_back(s, from, 8), b = chars_forward(s, len, to, 8);
    char text[1536];
    snprintf(text, sizeof text,
             "键入的数字“%.*s”（%s%.*s%s）：文字部分的数字应来自表格、上年数或单位数据"
             "（{value 名称}）；固定说法在 document.yaml 的 constants 中声明，段落的编号用 "
             "text 块的 numbering",
             (int)(to - from), s + from, a > 0 ? "…" : "", (int)(b - a), s + a, b < len ? "…" : "");
    bx_nlog *log = e->log;
    return bx_nlog_add_typed(log, e->loc, text, e->err);
}

/* Whether the text before s[at] ends a sentence or a clause that may open
 * a list ("…如下：1.…；2.…"), or there is no text before it. */
static bool opens_list(const eval *e, const char *s, size_t at)
{
    const char *before;
    if (at > 0)
        before = s + chars_back(s, at, 1);
    else if (e->out->len > 0)
        before = e->out->data + chars_back(e->out->data, e->out->len, 1);
    else
        return true;
    return strncmp(before, "。", 3) == 0 || strncmp(before, "；", 3) == 0 ||
           strncmp(before, "：", 3) == 0;
}

/* A list marker: the next number of the text's own list (1, 2, 3 …),
 * ASCII digits alone, then "." or "、" (not a decimal point), where a list
 * may begin or go on. Its digits count the items; they are not figures. */
static bool list_marker(eval *e, const char *s, size_t len, size_t from, size_t to)
{
    long v = 0;
    for (size_t k = from; k < to; k++) {
        if (s[k] < '0' || s[k] > '9' || v > 1000)
            return false;
        v = v * 10 + (s[k] - '0');
    }
    bool mark = to < len && (s[to] == '.' || (len - to >= 3 && strncmp(s + to, "、", 3) == 0));
    if (!mark || v != e->markers + 1 || !opens_list(e, s, from))
        return false;
    e->markers++;
    return true;
}

/* Digits are figures, and figures come from placeholders: every run of
 * digits (with the points and commas between them) that the literal text
 * s[0, len) types, and neither a declared constant covers nor is the text's
 * next list marker, is logged. */
static bool lint(eval *e, const char *s, size_t len)
{
    if (!e->log)
        return true;
    for (size_t i = 0; i < len;) {
        if (!digit_at(s + i, len - i)) {
            i++;
            continue;
        }
        size_t end = i, d;
        while (end < len) {
            if ((d = digit_at(s + end, len - end)))
                end += d;
            else if ((s[end] == '.' || s[end] == ',') && digit_at(s + end + 1, len - end - 1))
                end++;
            else
                break;
        }
        if (!constant_covers(e->style, s, len, i, end) && !list_marker(e, s, len, i, end) &&
            !typed_number(e, s, len, i, end))
            return false;
        i = end;
    }
    return true;
}

/* Literal text onto the output, linted. */
static bool put_literal(eval *e, const char *s, size_t len)
{
    return lint(e, s, len) &&
           (bx_strbuf_append(e->out, s, len) || fail(e, BX_ERR_LIMIT, "文字部分过长"));
}

/* ---- figures ------------------------------------------------------------- */

/* ref's figure, this year's or (prev) last year's, used as role. */
static bool figure(eval *e, const char *ref, bool prev, bx_nrole role, bx_nfig *out)
{
    char why[512] = "";
    if (e->src->figure(e->src->ctx, ref, prev, out, why, sizeof why))
        return e->depth > 0 || bx_nuses_add(e->uses, role, ref, out);
    char what[800];
    snprintf(what, sizeof what, "%s%s", prev ? "上年数：" : "", why[0] ? why : "找不到");
    return fail(e, BX_ERR_DATA, what);
}

static bool put_amount(eval *e, int64_t v, int decimals, format f)
{
    bx_nformat nf = e->style->amounts;
    if (f.fixed)
        nf.trim = nf.whole = false;
    if (f.trim)
        nf.trim = true;
    if (f.plain)
        nf.grouping = false;
    if (f.abs && v < 0)
        v = -v;
    char text[64];
    bx_nfig_format(v, decimals, nf, text, sizeof text);
    e->amount_decimals = decimals;
    return bx_strbuf_puts(e->out, text) || fail(e, BX_ERR_LIMIT, "文字部分过长");
}

static bool put_percent(eval *e, int64_t pct, format f)
{
    bx_nformat nf = {.grouping = e->style->percent_grouping && !f.plain, .trim = f.trim};
    if (f.abs && pct < 0)
        pct = -pct;
    char text[64];
    bx_nfig_format(pct, e->style->percent_decimals, nf, text, sizeof text);
    e->percent_decimals = e->style->percent_decimals;
    return bx_strbuf_puts(e->out, text) || fail(e, BX_ERR_LIMIT, "文字部分过长");
}

/* this − last: exact, or (the default base) of the figures as printed. */
static bool difference(eval *e, bx_nfig cur, bx_nfig last, bx_nfig *d)
{
    if (!bx_nfig_align(&cur, &last) || __builtin_sub_overflow(cur.shown, last.shown, &d->shown))
        return fail(e, BX_ERR_DATA, "超出可处理的范围");
    d->decimals = cur.decimals;
    d->exact = cur.exact - last.exact;
    if (e->style->exact_base)
        d->shown = bx_nfig_round_exact(d->exact, d->decimals);
    else if (bx_nfig_round_exact(d->exact, d->decimals) != d->shown &&
             !notice(e, "按显示数与按精确数计算的差额不同（按显示数）"))
        return false;
    if (d->shown == 0 && d->exact != 0 && !notice(e, "差额不为 0，但显示为 0"))
        return false;
    return true;
}

/* part / whole as a percentage at the style's decimals; a notice when the
 * other base would print it differently. *ok false: whole is 0. */
static bool percent(eval *e, bx_nfig part, bx_nfig whole, int64_t *pct, bool *ok)
{
    int d = e->style->percent_decimals;
    bx_nfig p = part, w = whole;
    if (!bx_nfig_align(&p, &w))
        return fail(e, BX_ERR_DATA, "超出可处理的范围");
    int64_t shown = 0, exact = 0;
    bool by_shown = bx_percent_of(p.shown, w.shown, d, &shown);
    bool by_exact = bx_percent_of(part.exact, whole.exact, d, &exact);
    *ok = e->style->exact_base ? by_exact : by_shown;
    if (!*ok)
        return true;
    *pct = e->style->exact_base ? exact : shown;
    if (by_shown && by_exact && shown != exact) {
        char what[256], a[64], b[64];
        bx_nformat nf = {0};
        bx_nfig_format(shown, d, nf, a, sizeof a);
        bx_nfig_format(exact, d, nf, b, sizeof b);
        snprintf(what, sizeof what, "按显示数为 %s%%，按精确数为 %s%%（用%s）", a, b,
                 e->style->exact_base ? "精确数" : "显示数");
        return notice(e, what);
    }
    return true;
}

/* ---- placeholders -------------------------------------------------------- */

static bool render(eval *e, const char *tpl);

static const bx_nphrases *phrases_named(const bx_nstyle *s, const char *name)
{
    for (int i = 0; i < s->nphrases; i++)
        if (!name ? i == 0 : strcmp(s->phrases[i].name, name) == 0)
            return &s->phrases[i];
    return NULL;
}

/* What a change is against: last year's figure of ref, or (from) another
 * cell of this year's tables (表9 holds both years' 三公 rows). */
static bool last_of(eval *e, const char *ref, const char *from, bx_nfig *out)
{
    return from ? figure(e, from, false, BX_NROLE_LAST_YEAR, out)
                : figure(e, ref, true, BX_NROLE_LAST_YEAR, out);
}

/* {change REF [from REF] [as NAME]}: the phrase for the case the change is in. */
static bool change(eval *e, const char *ref, const char *from, const char *as)
{
    const bx_nphrases *ph = phrases_named(e->style, as);
    if (!ph)
        return fail(e, BX_ERR_LAYOUT, as ? "没有这组措辞" : "布局模板没有写增减措辞（phrases）");
    bx_nfig cur, last, d;
    if (!figure(e, ref, false, BX_NROLE_VALUE, &cur) || !last_of(e, ref, from, &last) ||
        !difference(e, cur, last, &d))
        return false;
    size_t at = e->out->len;
    bool last_zero = e->style->exact_base ? last.exact == 0 : last.shown == 0;
    bool cur_zero = e->style->exact_base ? cur.exact == 0 : cur.shown == 0;
    const char *words = last_zero && cur_zero     ? ph->zero
                        : last_zero               ? ph->from_zero
                        : cur_zero && ph->to_zero ? ph->to_zero
                        : d.shown > 0             ? ph->up
                        : d.shown < 0             ? ph->down
                                                  : ph->zero;
    const char *which = last_zero && cur_zero     ? "zero"
                        : last_zero               ? "from_zero"
                        : cur_zero && ph->to_zero ? "to_zero"
                        : d.shown > 0             ? "up"
                        : d.shown < 0             ? "down"
                                                  : "zero";
    if (!words) {
        char what[128];
        snprintf(what, sizeof what, "措辞“%s”缺少 %s 一种情形", ph->name, which);
        return fail(e, BX_ERR_LAYOUT, what);
    }
    char abs_text[64] = "", pct_text[64] = "--";
    int64_t magnitude = d.shown < 0 ? -d.shown : d.shown;
    bx_nfig_format(magnitude, d.decimals, e->style->amounts, abs_text, sizeof abs_text);
    e->amount_decimals = d.decimals;
    int64_t pct;
    bool ok;
    if (!last_zero) {
        bx_nfig dm = d;
        dm.shown = magnitude;
        dm.exact = d.exact < 0 ? -d.exact : d.exact;
        bx_nfig lm = last;
        if (lm.shown < 0) {
            lm.shown = -lm.shown;
            lm.exact = -lm.exact;
        }
        if (!percent(e, dm, lm, &pct, &ok))
            return false;
        bx_nformat nf = {.grouping = e->style->percent_grouping, .trim = false};
        if (ok)
            bx_nfig_format(pct, e->style->percent_decimals, nf, pct_text, sizeof pct_text);
        e->percent_decimals = ok ? e->style->percent_decimals : -1;
    }
    local locals[] = {{"abs", abs_text}, {"pct", pct_text}};
    eval inner = *e;
    inner.locals = locals;
    inner.nlocals = 2;
    inner.depth = e->depth + 1;
    if (inner.depth > MAX_PHRASE_DEPTH)
        return fail(e, BX_ERR_LAYOUT, "措辞嵌套过深");
    if (!render(&inner, words))
        return false;
    return log_figure(e, ref, &cur, at);
}

/* A name's text: a phrase's local, or the source's. */
static bool name(eval *e, const char *n)
{
    for (int i = 0; i < e->nlocals; i++)
        if (strcmp(e->locals[i].name, n) == 0)
            return bx_strbuf_puts(e->out, e->locals[i].value) ||
                   fail(e, BX_ERR_LIMIT, "文字部分过长");
    const char *text = e->src->name ? e->src->name(e->src->ctx, n) : NULL;
    if (!text)
        return fail(e, BX_ERR_LAYOUT, "没有这个名称（可用：year、last_year、unit、数据集的字段）");
    size_t at = e->out->len;
    if (!bx_strbuf_puts(e->out, text))
        return fail(e, BX_ERR_LIMIT, "文字部分过长");
    return log_figure(e, NULL, NULL, at);
}

enum { MAX_WORDS = 6 }; /* change A from B as NAME */

/* The words of body, split at spaces: up to MAX_WORDS (more: MAX_WORDS + 1). */
static int split_words(char *body, char *words[MAX_WORDS])
{
    int n = 0;
    char *save = NULL;
    for (char *p = strtok_r(body, " ", &save); p; p = strtok_r(NULL, " ", &save)) {
        if (n == MAX_WORDS)
            return MAX_WORDS + 1;
        words[n++] = p;
    }
    return n;
}

static bool parse_format(eval *e, const char *spec, format *f)
{
    char copy[64];
    if (strlen(spec) >= sizeof copy)
        return fail(e, BX_ERR_LAYOUT, "格式过长");
    strcpy(copy, spec);
    char *save = NULL;
    for (char *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        if (strcmp(p, "fixed") == 0)
            f->fixed = true;
        else if (strcmp(p, "plain") == 0)
            f->plain = true;
        else if (strcmp(p, "abs") == 0)
            f->abs = true;
        else if (strcmp(p, "trim") == 0)
            f->trim = true;
        else
            return fail(e, BX_ERR_LAYOUT, "未知的格式（可用：fixed、plain、abs、trim）");
    }
    return true;
}

static bool evaluate(eval *e, char *body)
{
    format f = {false, false, false, false};
    char *bar = strrchr(body, '|');
    if (bar) {
        *bar = '\0';
        if (!parse_format(e, bar + 1, &f))
            return false;
    }
    char *w[MAX_WORDS];
    int n = split_words(body, w);
    if (n == 0 || n > MAX_WORDS)
        return fail(e, BX_ERR_LAYOUT, n == 0 ? "占位符为空" : "占位符的写法不对");
    size_t at = e->out->len;
    if (e->depth == 0) {
        if (e->uses)
            e->uses->n = 0;
        e->amount_decimals = e->percent_decimals = -1;
    }
    if (n == 1 && !strchr(w[0], ':'))
        return name(e, w[0]);
    if (n == 1) { /* a cell */
        bx_nfig v;
        return figure(e, w[0], false, BX_NROLE_VALUE, &v) &&
               put_amount(e, v.shown, v.decimals, f) && log_figure(e, w[0], &v, at);
    }
    /* FN REF, then "from REF", "of REF", "as NAME" */
    const char *fn = w[0], *ref = w[1], *from = NULL, *of = NULL, *as = NULL;
    bool words_ok = n % 2 == 0;
    for (int i = 2; words_ok && i + 1 < n; i += 2) {
        const char **slot = strcmp(w[i], "from") == 0 ? &from
                            : strcmp(w[i], "of") == 0 ? &of
                            : strcmp(w[i], "as") == 0 ? &as
                                                      : NULL;
        words_ok = slot && !*slot;
        if (slot)
            *slot = w[i + 1];
    }
    bool plain = !from && !of && !as;
    if (words_ok && strcmp(fn, "prev") == 0 && plain) {
        bx_nfig v;
        return figure(e, ref, true, BX_NROLE_LAST_YEAR, &v) &&
               put_amount(e, v.shown, v.decimals, f) && log_figure(e, ref, &v, at);
    }
    if (words_ok && strcmp(fn, "diff") == 0 && !of && !as) {
        bx_nfig cur, last, d;
        return figure(e, ref, false, BX_NROLE_VALUE, &cur) && last_of(e, ref, from, &last) &&
               difference(e, cur, last, &d) && put_amount(e, d.shown, d.decimals, f) &&
               log_figure(e, ref, &cur, at);
    }
    if (words_ok && strcmp(fn, "growth") == 0 && !of && !as) {
        bx_nfig cur, last, d;
        int64_t pct;
        bool ok;
        if (!figure(e, ref, false, BX_NROLE_VALUE, &cur) || !last_of(e, ref, from, &last) ||
            !difference(e, cur, last, &d) || !percent(e, d, last, &pct, &ok))
            return false;
        if (!ok)
            return fail(e, BX_ERR_DATA, "上年数为 0，增长率不可比（用 {change …} 写这种情形）");
        return put_percent(e, pct, f) && log_figure(e, ref, &cur, at);
    }
    if (words_ok && strcmp(fn, "share") == 0 && of && !from && !as) {
        bx_nfig part, whole;
        int64_t pct;
        bool ok;
        if (!figure(e, ref, false, BX_NROLE_VALUE, &part) ||
            !figure(e, of, false, BX_NROLE_BASE, &whole) || !percent(e, part, whole, &pct, &ok))
            return false;
        if (!ok)
            return fail(e, BX_ERR_DATA, "总数为 0，占比无意义");
        return put_percent(e, pct, f) && log_figure(e, ref, &part, at);
    }
    if (words_ok && strcmp(fn, "value") == 0 && plain) { /* a figure no table holds */
        bx_nfig v;
        return figure(e, ref, false, BX_NROLE_VALUE, &v) && put_amount(e, v.shown, v.decimals, f) &&
               log_figure(e, ref, &v, at);
    }
    if (words_ok && strcmp(fn, "count") == 0 && plain) {
        char why[512] = "";
        int64_t k;
        if (!e->src->count || !e->src->count(e->src->ctx, ref, &k, why, sizeof why))
            return fail(e, BX_ERR_DATA, why[0] ? why : "无法计数");
        bx_nfig v = bx_nfig_of(k, 0);
        return put_amount(e, k, 0, f) && log_figure(e, ref, &v, at);
    }
    if (words_ok && strcmp(fn, "sum") == 0 && plain) {
        char why[512] = "";
        bx_nfig v;
        bx_nuses *parts = e->depth == 0 ? e->uses : NULL;
        if (!e->src->sum || !e->src->sum(e->src->ctx, ref, &v, parts, why, sizeof why))
            return why[0] || !e->src->sum ? fail(e, BX_ERR_DATA, why[0] ? why : "无法求和")
                                          : false; /* out of memory: err says so */
        return put_amount(e, v.shown, v.decimals, f) && log_figure(e, ref, &v, at);
    }
    if (words_ok && strcmp(fn, "change") == 0 && !of)
        return change(e, ref, from, as);
    return fail(e, BX_ERR_LAYOUT,
                "无法识别（可用：单元格引用、prev、diff、growth、share … of …、change、count、"
                "sum，from、as）");
}

/* The brace that closes the one at open: a reference may hold names in
 * braces of its own ({9:{year}年:总计}). NULL if none. */
static const char *closing(const char *open)
{
    int depth = 0;
    for (const char *p = open; *p; p++) {
        if (*p == '{')
            depth++;
        else if (*p == '}' && --depth == 0)
            return p;
    }
    return NULL;
}

/* Where the {if} whose body ends at p is closed: its {end} (NULL if
 * none), its {else} at the same depth in *else_at (or NULL). */
static const char *if_end(const char *p, const char **else_at, const char **after_else)
{
    int depth = 0;
    *else_at = *after_else = NULL;
    for (const char *q = strchr(p, '{'); q; q = strchr(q, '{')) {
        if (q[1] == '{') {
            q += 2;
            continue;
        }
        const char *end = closing(q);
        if (!end)
            return NULL;
        size_t n = (size_t)(end - q - 1);
        if (n > 3 && strncmp(q + 1, "if ", 3) == 0)
            depth++;
        else if (n == 3 && strncmp(q + 1, "end", 3) == 0 && depth-- == 0)
            return q;
        else if (n == 4 && strncmp(q + 1, "else", 4) == 0 && depth == 0 && !*else_at) {
            *else_at = q;
            *after_else = end + 1;
        }
        q = end + 1;
    }
    return NULL;
}

/* {if REF OP NUMBER}: a cell compared, as shown, with a number (= != < >
 * <= >=); {if empty T}: table T has no row with a figure other than 0 (an
 * empty table, or one of zeros: "本单位无政府性基金预算支出"). */
static bool condition(eval *e, char *cond, bool *truth)
{
    char *w[MAX_WORDS];
    int n = split_words(cond, w);
    if (n == 2 && strcmp(w[0], "empty") == 0) {
        char rows[64], why[512] = "";
        int64_t k;
        snprintf(rows, sizeof rows, "%s:@nonzero", w[1]);
        if (!e->src->count || !e->src->count(e->src->ctx, rows, &k, why, sizeof why))
            return fail(e, BX_ERR_DATA, why[0] ? why : "无法计数");
        *truth = k == 0;
        return true;
    }
    static const char *const ops[] = {"=", "!=", "<", ">", "<=", ">="};
    int op = -1;
    for (int i = 0; n == 3 && i < 6; i++)
        if (strcmp(w[1], ops[i]) == 0)
            op = i;
    bx_nfig v;
    int64_t k;
    if (op < 0)
        return fail(e, BX_ERR_LAYOUT,
                    "条件应写成 {if 表号:行:列 = 0}（比较：= != < > <= >=）"
                    "或 {if empty 表号}");
    if (!figure(e, w[0], false, BX_NROLE_VALUE, &v))
        return false;
    if (bx_amount_parse(w[2], v.decimals, &k) != BX_AMOUNT_OK)
        return fail(e, BX_ERR_LAYOUT, "条件中的数字无效（小数不能多于单元格显示的位数）");
    int c = (v.shown > k) - (v.shown < k);
    *truth = op == 0   ? c == 0
             : op == 1 ? c != 0
             : op == 2 ? c < 0
             : op == 3 ? c > 0
             : op == 4 ? c <= 0
                       : c >= 0;
    return true;
}

/* The branch of {if cond}… that holds; *next: past its {end}. */
static bool conditional(eval *e, char *cond, const char *body, const char **next)
{
    const char *else_at, *after_else;
    const char *end = if_end(body, &else_at, &after_else);
    if (!end)
        return fail(e, BX_ERR_LAYOUT, "{if …} 没有对应的 {end}");
    bool truth;
    if (!condition(e, cond, &truth))
        return false;
    const char *from = truth ? body : after_else, *to = truth ? (else_at ? else_at : end) : end;
    *next = end + 5; /* "{end}" */
    if (!from)
        return true;
    if (e->ifs >= MAX_IF_DEPTH)
        return fail(e, BX_ERR_LIMIT, "{if} 嵌套超过 16 层");
    char *branch = strndup(from, (size_t)(to - from));
    if (!branch)
        return fail(e, BX_ERR_NOMEM, "内存不足");
    const char *outer = e->expr;
    e->ifs++;
    bool ok = render(e, branch);
    e->ifs--;
    e->expr = outer;
    free(branch);
    return ok;
}

/* A placeholder's text replaced by the one the dataset gives for it (a
 * published figure reproduced as printed), with a notice of what it
 * computes to. */
static bool given(eval *e, const char *expr, size_t at)
{
    const char *text = e->depth == 0 && e->src->given ? e->src->given(e->src->ctx, expr) : NULL;
    if (!text)
        return true;
    char computed[256], what[640];
    snprintf(computed, sizeof computed, "%s", e->out->data ? e->out->data + at : "");
    e->out->len = at;
    if (e->out->data)
        e->out->data[at] = '\0';
    if (!bx_strbuf_puts(e->out, text))
        return fail(e, BX_ERR_LIMIT, "文字部分过长");
    snprintf(what, sizeof what, "印刷为给定的“%s”，按表中数字计算为“%s”", text, computed);
    bx_nlog *log = e->log;
    bx_nprinted *p = log && log->nfigures ? &log->figures[log->nfigures - 1] : NULL;
    if (p && p->at == at &&
        (!(p->printed = bx_arena_strdup(log->arena, text, e->err)) ||
         !(p->computed = bx_arena_strdup(log->arena, computed, e->err))))
        return false;
    return notice(e, what);
}

static bool render(eval *e, const char *tpl)
{
    for (const char *p = tpl; *p;) {
        const char *brace = strpbrk(p, "{}");
        if (!brace)
            return put_literal(e, p, strlen(p));
        if (!put_literal(e, p, (size_t)(brace - p)))
            return false;
        if (brace[1] == brace[0]) { /* {{ and }} are the braces themselves */
            if (!bx_strbuf_putc(e->out, brace[0]))
                return fail(e, BX_ERR_LIMIT, "文字部分过长");
            p = brace + 2;
            continue;
        }
        const char *end = brace[0] == '{' ? closing(brace) : NULL;
        size_t n = end ? (size_t)(end - brace - 1) : 0;
        char body[MAX_PLACEHOLDER];
        if (!end || n >= sizeof body) {
            snprintf(body, sizeof body, "%.40s", brace);
            e->expr = body;
            return fail(e, BX_ERR_LAYOUT,
                        !end ? "大括号不成对（文字中的大括号写作 {{ 和 }}）" : "占位符过长");
        }
        char expr[MAX_PLACEHOLDER];
        memcpy(body, brace + 1, n);
        body[n] = '\0';
        memcpy(expr, body, n + 1);
        const char *outer = e->expr;
        e->expr = expr;
        if (strncmp(body, "if ", 3) == 0) {
            if (!conditional(e, body + 3, end + 1, &p))
                return false;
            e->expr = outer;
            continue;
        }
        if (strcmp(body, "else") == 0 || strcmp(body, "end") == 0)
            return fail(e, BX_ERR_LAYOUT, "{else} 或 {end} 之前没有 {if …}");
        size_t at = e->out->len;
        if (!evaluate(e, body) || !given(e, expr, at))
            return false;
        e->expr = outer;
        p = end + 1;
    }
    return true;
}

bool bx_sentence_render(const char *tpl, const bx_loc *loc, const bx_nstyle *style,
                        const bx_nsource *src, bx_strbuf *out, bx_nlog *log, bx_error *err)
{
    bx_nuses uses = {.arena = log ? log->arena : NULL, .err = err};
    eval e = {.style = style,
              .src = src,
              .loc = loc,
              .out = out,
              .log = log,
              .err = err,
              .expr = "",
              .uses = log ? &uses : NULL,
              .amount_decimals = -1,
              .percent_decimals = -1};
    bx_strbuf_puts(out, ""); /* out's text is a string even when tpl is empty */
    bool ok = render(&e, tpl ? tpl : "");
    free(uses.items);
    return ok;
}
