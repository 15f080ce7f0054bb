/* Sentence templates of the 文字部分 (docs/document-format.md, "Sentence
 * templates"): text with placeholders in braces, each a name ({year},
 * {unit}, a dataset field), a table cell by reference ({5:基金监督管理:总计}),
 * or arithmetic on cells and on last year's figures ({diff …}, {growth …},
 * {share … of …}, {change …} choosing its words by the sign of the change),
 * with an optional format (|fixed, |plain, |abs). Figures come from a
 * source (the resolved tables, last year's figures) through two calls, so
 * this file knows nothing of tables or datasets; every figure printed is
 * logged with where it came from. */
#ifndef BX_SENTENCE_H
#define BX_SENTENCE_H

#include "arena.h"
#include "figures.h"
#include "strbuf.h"

/* What a figure is to the placeholder that used it. */
typedef enum bx_nrole {
    BX_NROLE_VALUE,     /* the figure itself, this year's */
    BX_NROLE_LAST_YEAR, /* what a change is against */
    BX_NROLE_BASE,      /* a share's whole */
    BX_NROLE_PART       /* one term of a sum */
} bx_nrole;

/* A figure a placeholder used: its reference and its value, with where
 * the source found it. */
typedef struct bx_nuse {
    bx_nrole role;
    const char *ref;
    bx_nfig fig;
} bx_nuse;

/* The figures one placeholder used, in the order met: the provenance of
 * what it printed. The refs are copied into arena. */
typedef struct bx_nuses {
    bx_nuse *items;
    size_t n, cap;
    bx_arena *arena;
    bx_error *err;
} bx_nuses;

/* ref's figure fig, used as role, onto u; u NULL (nobody asks): nothing.
 * False when out of memory (u->err says so). */
bool bx_nuses_add(bx_nuses *u, bx_nrole role, const char *ref, const bx_nfig *fig);

/* Where the figures and names come from. */
typedef struct bx_nsource {
    void *ctx;
    /* The figure ref names ("5:基金监督管理:总计"): this year's, or (prev)
     * the comparison's. False with a reason in why when there is none or
     * more than one. */
    bool (*figure)(void *ctx, const char *ref, bool prev, bx_nfig *out, char *why, size_t size);
    /* The text of a name (year, last_year, unit, a dataset field); NULL if
     * it has none. */
    const char *(*name)(void *ctx, const char *name);
    /* How many rows `rows` names ("5:level=1"); false with a reason in why. */
    bool (*count)(void *ctx, const char *rows, int64_t *n, char *why, size_t size);
    /* The sum of a column over rows ("5:level=1:总计", "12:@forms:年度资金总额":
     * every form of a table), each term added to parts (bx_nuses_add; parts
     * may be NULL); false with a reason in why (none when parts ran out of
     * memory). May be NULL. */
    bool (*sum)(void *ctx, const char *ref, bx_nfig *out, bx_nuses *parts, char *why, size_t size);
    /* The text the dataset gives for a placeholder ("growth 1:支出总计:金额"),
     * printed instead of what it computes (a published document reproduced
     * with its errors; each one a notice); NULL: none. May be NULL. */
    const char *(*given)(void *ctx, const char *placeholder);
} bx_nsource;

/* The words of {change REF as NAME}, one per case the data can reach;
 * {abs} and {pct} in them are the change's magnitude and growth rate.
 * A case left NULL is an error when it is reached (to_zero falls back to
 * down). */
typedef struct bx_nphrases {
    const char *name;
    const char *up, *down, *zero;
    const char *from_zero; /* last year 0, this year not: no growth rate */
    const char *to_zero;   /* this year 0, last year not */
} bx_nphrases;

/* How a layout set prints its narrative's figures. */
typedef struct bx_nstyle {
    bx_nformat amounts;
    int percent_decimals;
    bool percent_grouping; /* "1,601.2" */
    /* growth rates, shares and differences from the exact values rather
     * than from the figures as printed (the default: a reader can redo
     * them from the page) */
    bool exact_base;
    const bx_nphrases *phrases; /* the first is {change}'s default */
    int nphrases;
    /* the texts in which a digit typed into a template is not a figure
     * ("100万元以上", "“十四五”" would need none): every other digit of
     * the literal text is reported (bx_nlog.typed) */
    const char *const *constants;
    int nconstants;
} bx_nstyle;

/* One figure a template printed: the placeholder, what it printed, the
 * cell it came from, every figure it used and how it rounded. */
typedef struct bx_nprinted {
    const char *expr;
    const char *printed;
    const char *computed; /* a given text printed instead: what it computed; else NULL */
    const char *ref;      /* NULL for a name */
    bx_nfig value;
    const bx_nuse *uses; /* in the log's arena */
    size_t nuses;
    /* the decimals it printed an amount and a percentage at, -1 for none;
     * percentages from the exact values (else from the shown ones) */
    int amount_decimals, percent_decimals;
    bool exact_base;
    size_t at; /* byte offset of the printed text in the output */
    int block; /* whose text it is: left to the caller (-1) */
} bx_nprinted;

/* A notice, and the template it is about. */
typedef struct bx_nnotice {
    const char *text;
    const char *file;
    int line, column;
    bool error; /* checks: an error, not a notice */
    int kind;   /* checks: a bx_ncheck */
} bx_nnotice;

/* What the caller checked while narrating (bx_nlog.checks). */
typedef enum bx_ncheck {
    BX_NCHECK_PARTS, /* the department's figures against the total they break down */
    BX_NCHECK_ROWS   /* a table inside the text against the rows it must list */
} bx_ncheck;

/* What rendering found beside the text: every figure printed, the
 * notices (a change that prints as 0 but is not, a rate that the exact
 * values would round otherwise) and the digits typed into the literal
 * text (the digit lint: a number no placeholder printed and no constant
 * declares). Owns its strings. */
typedef struct bx_nlog {
    bx_arena *arena;
    bx_nprinted *figures;
    size_t nfigures, cap_figures;
    bx_nnotice *notices;
    size_t nnotices, cap_notices;
    bx_nnotice *typed;
    size_t ntyped, cap_typed;
    /* what the caller's checks found (bx_nlog_add_check): figures that
     * do not sum to the total they break down, a table inside the text
     * that leaves out a row it must list */
    bx_nnotice *checks;
    size_t nchecks, cap_checks;
} bx_nlog;

bool bx_nlog_init(bx_nlog *log, bx_error *err);

/* A finding of a check of kind at loc: an error, or (error false) a notice. */
bool bx_nlog_add_check(bx_nlog *log, const bx_loc *loc, bx_ncheck kind, bool error,
                       const char *text, bx_error *err);
void bx_nlog_free(bx_nlog *log);

/* The evaluator's: a notice about a template at loc; a number typed into
 * one (the digit lint). */
bool bx_nlog_add_notice(bx_nlog *log, const bx_loc *loc, const char *text, bx_error *err);
bool bx_nlog_add_typed(bx_nlog *log, const bx_loc *loc, const char *text, bx_error *err);

/* Render tpl onto out. loc names the template (file, line) in messages;
 * log (may be NULL) receives the figures and notices. False on the first
 * error (err names the placeholder and why). */
bool bx_sentence_render(const char *tpl, const bx_loc *loc, const bx_nstyle *style,
                        const bx_nsource *src, bx_strbuf *out, bx_nlog *log, bx_error *err);

#endif /* BX_SENTENCE_H */
