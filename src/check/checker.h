/* Consistency checks: the rules the layouts declare (checks:), evaluated
 * on the figures as given (before rounding to the display unit). When the
 * figures are given in 元 everything must add up exactly; when they were
 * already rounded (万元), a difference within half a unit per rounded
 * figure involved is a rounding notice (尾数差异), anything more an error.
 *
 * The checker is three files around this private header: findings.c (the
 * finding records, the comparison of a figure with what a rule expects,
 * bx_model_validate and the reports), table_rules.c (reading figures, and
 * the rules within one table) and set_rules.c (the rules across the
 * tables of a set). */
#ifndef BX_CHECKER_H
#define BX_CHECKER_H

#include "resolve.h"
#include "strbuf.h"

/* What an evaluation found; the rules keep the texts they make in its
 * arena. The records are findings.c's. */
struct bx_findings {
    bx_arena *arena;
    struct finding_rec *items;
    size_t n, cap, errors;
    struct figure_rec *figures;
    size_t nfigures;
    struct bx_narrative_rec *narrative; /* the document's text: every figure printed */
    size_t nnarrative;
};

/* A figure the document's text printed: the placeholder, what it printed,
 * the cell it came from and the values used, as the report shows them. */
typedef struct bx_narrative_cell {
    const char *role; /* "value", "last_year", "base", "part" */
    const char *ref;
    const char *file; /* where its figure is, or "" */
    int line, column;
    char value[48], exact[64]; /* exact "" when it is the value shown */
} bx_narrative_cell;

typedef struct bx_narrative_rec {
    const char *expr, *printed, *ref;
    const char *computed; /* given: what it computes to; else NULL */
    int block;            /* the block of the document's text (0-based) */
    const char *file;     /* where the cell's figure is, or "" */
    int line, column;
    const char *part; /* its part's heading */
    char value[48];
    bx_narrative_cell *cells; /* every figure it used */
    size_t ncells;
    int amount_decimals, percent_decimals; /* -1: none printed */
    bool exact_base;
} bx_narrative_rec;

/* What one evaluation carries around. */
typedef struct checker {
    const bx_model *m;
    const bx_layout_set *set;
    bx_findings *out;
    bx_error *err;
    bx_scale display;      /* the set's display unit */
    const bx_vtable *vt;   /* the table being checked */
    const bx_check *check; /* the rule being evaluated */
    const char *rule;      /* set rules: that rule in words, for messages (else check->text) */
    bool *told_empty;      /* per table of the view: "表中没有数据" reported */
    /* BX_VALIDATE_FIGURES: per table of the view, per row and field
     * (row × nfields + field), whether an equation holds the figure; the
     * checker's own, so that the model is only read */
    uint8_t **used;
} checker;

/* The layout of a table of the view, in the set being checked with. */
static inline const bx_table_layout *bx_check_layout(const checker *ck, const bx_vtable *vt)
{
    return &ck->set->tables[vt->layout];
}

/* A figure a rule makes of figures (a sum, a difference), in a wider type:
 * exact for as many figures as the checks read (each within ±INT64_MAX;
 * about 10^19 of them would be needed to leave it), so that two parts of
 * 9,223,372,036,854.77 never wrap into a small number that passes.
 * bx_check_compare says when a result is beyond what the checks show. */
typedef __int128 bx_sum;

/* findings.c */
/* Compare a figure with what a rule expects of it: a rounding notice or an
 * error when they differ, "超出可处理的范围" (an error) when either or
 * their difference is beyond what the checks hold. */
bool bx_check_compare(checker *ck, const bx_vtable *vt, const bx_vrow *row, int field,
                      bx_sum expected, bx_sum actual, int rounded, const char *rule);
bool bx_check_problem(checker *ck, const bx_vtable *vt, const bx_vrow *row, const char *what);
/* A table without rows that a rule across tables needs: reported once. */
bool bx_check_empty_table(checker *ck, const bx_vtable *vt);

/* table_rules.c */
int bx_check_field_of(const bx_vtable *vt, const char *name);
/* The figure of row r (of table vt) in field f, 0 when there is none;
 * *present (may be NULL) says whether there is one. Marks the figure as
 * held by an equation. */
int64_t bx_check_take(checker *ck, const bx_vtable *vt, const bx_vrow *r, int f, bool *present);
bool bx_check_table(checker *ck, const bx_vtable *vt);

/* s as a JSON string, quoted and escaped. */
void bx_check_json_string(bx_strbuf *b, const char *s);

/* The rules of the document's text: its notices (a rate that the exact
 * figures round otherwise, a given figure), the digit lint (a number typed
 * into the text) and the department's figures against their cells. */
#define BX_TEXT_RULE "文字部分的数字"
#define BX_TYPED_RULE "文字部分的数字来源"
#define BX_PARTS_RULE "单位数据之和"
#define BX_ROWS_RULE "文字中的表格列出每一行"
/* A cell printed as the published table prints it, not as the data adds up. */
#define BX_PRINTED_RULE "印刷为给定的数"

/* The notices of the cells printed as given (dataset.yaml's printed:). */
bool bx_check_printed(checker *ck);

/* A finding about the document's text (no table cell), at file:line:column. */
bool bx_check_text_finding(checker *ck, bool error, const char *rule, const char *file, int line,
                           int column, const char *what);

/* narration.c: the document's text among the findings (its notices) and,
 * in the JSON report, every figure it printed. */
bool bx_check_narration(checker *ck);
void bx_check_json_narration(const bx_findings *f, bx_strbuf *b);

/* set_rules.c */
bool bx_check_set_rule(checker *ck, const bx_check *c);

#endif /* BX_CHECKER_H */
