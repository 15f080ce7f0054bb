/* What the consistency checks read: every table's data rows with their
 * figures at full precision (before rounding to the display unit), their
 * labels, codes, levels and source locations. Resolve fills it beside the
 * model; back ends never look at it. */
#ifndef BX_DATAVIEW_H
#define BX_DATAVIEW_H

#include "amount.h"
#include "common.h"

/* Figures are held at 10^-6 of their unit (元 or 万元 as given, or a plain
 * number), so amounts and scores of any declared precision compare. */
enum { BX_NORM_DECIMALS = 6 };
#define BX_NOVALUE INT64_MIN

/* Where a figure is: line and column in file (1-based index into the
 * model's inputs; 0 = unknown). Kept small: a table may hold millions. */
typedef struct bx_vloc {
    uint32_t line;
    uint16_t column;
    uint16_t file;
} bx_vloc;

typedef struct bx_vrow {
    const char *label; /* the row's name in rules and messages */
    const char *code;  /* 科目编码, or NULL */
    const char *band;  /* forms: the repeat CSV; "@fields" for the dataset's values */
    int level;
    int side;      /* ledger: side index; else -1 */
    int segment;   /* ledger: segment (0 before the first total, …) */
    bool total;    /* ledger: a total row */
    bx_loc loc;    /* the row in its CSV (or dataset.yaml) */
    int sheet_row; /* grids: its row of the sheet; else -1 */
    int64_t *v;    /* per field; BX_NOVALUE where there is none */
    bx_vloc *vloc; /* per field: where the figure is */
    int8_t *shown; /* per field: decimals it is shown with */
} bx_vrow;

typedef struct bx_vtable {
    int number;
    const char *sheet;
    int layout;          /* its table among the layout set's (an index: the view keeps
                            no pointer into the set, which may be freed before it) */
    const char **fields; /* the table's figure fields */
    bool *money;         /* per field: an amount (rounded when given in 万元) */
    int nfields;
    bx_vrow *rows;
    int nrows, cap_rows;
} bx_vtable;

/* The data behind every sheet of a document, for the checks. */
typedef struct bx_dataview {
    bx_vtable *tables; /* one per sheet, in the document's order */
    int ntables;
    bx_scale input;      /* the unit and decimals amounts were given in */
    const char **inputs; /* the dataset files read (bx_vloc.file - 1) */
    int ninputs;
} bx_dataview;

/* The row a rule or a sentence names in vt: "@first" or "@last" (data
 * rows), "@fields" (a form's own values), "code=2101501", or a label
 * (compared but for spaces), with {year} and {last_year} written out. The
 * first such row, or NULL; *count (may be NULL) says how many there are. */
const bx_vrow *bx_dataview_row(const bx_vtable *vt, const char *selector, int year, int *count);
/* The (first) table of the view numbered n, or NULL. */
const bx_vtable *bx_dataview_table(const bx_dataview *v, int n);
/* A reference to a figure (table number, row selector as for
 * bx_dataview_row, field) in words, as a finance user reads it:
 * 1/收入总计/金额 is "表1 收入总计的金额", 2/@first/收入总计 "表2 合计的
 * 收入总计" (the first row's name), 8/code=30217/支出总计 "表8 科目 30217
 * 的支出总计", 12/@fields/总额 "表12 总额". Returns the length (as
 * snprintf). */
size_t bx_dataview_ref_words(const bx_dataview *v, int table, const char *row, const char *field,
                             int year, char *out, size_t size);
/* tpl with {year} and {last_year} written out, into out. */
void bx_dataview_expand_years(int year, const char *tpl, char *out, size_t size);
/* a and b equal but for (ASCII) spaces: how labels are compared. */
bool bx_dataview_same_label(const char *a, const char *b);

/* Free what the view holds (its strings belong to the document's arena,
 * none to the dataset or the layout set). */
void bx_dataview_free(bx_dataview *v);

#endif /* BX_DATAVIEW_H */
