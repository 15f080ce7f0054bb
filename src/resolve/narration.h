/* The narration's state, shared by the files that write the whole
 * document's text (narrate.c: the blocks and figures; narrate_table.c: a
 * table inside the text; narrate_totals.c: the department's figures
 * against the totals they break down). Private to the resolve layer. */
#ifndef BX_NARRATION_H
#define BX_NARRATION_H

#include "resolver.h"

#include "doc_layout.h"
#include "strbuf.h"

enum { MAX_PARAGRAPH_BYTES = 1 << 20, MAX_NUMBER = 99, MAX_LISTS = 64, MAX_TABLE_ROWS = 1000 };

typedef struct narration {
    resolver *rv;
    const bx_doc_layout *d;
    const bx_csv *compare, *texts, *given, *figures;
    int compare_ref, compare_amount, text_name, text_body, given_expr, given_text;
    int text_row; /* the texts' 行 column (a table block's rows), -1 without */
    int figure_name, figure_value, figure_total; /* figure_total: -1 without 合计 */
    char year[16], last_year[16];
    /* the lists numbered text blocks continue: name, paragraphs so far */
    struct {
        const char *name;
        int count;
    } lists[MAX_LISTS];
    int nlists;
    /* the row a table block's cells are rendered for: {row}, {text}, @row */
    const bx_vtable *cur_table;
    const bx_vrow *cur_row;
    const char *cur_text;
    /* the document's style, its constants the layout's and the dataset's */
    bx_nstyle style;
    const bx_dblock *cur_block; /* the text block whose rows {path} names, or NULL */
    /* the 目录's numbering of its level-1 entries and of the tables, and
     * the entries numbered so far */
    const char *entry_numbering, *table_numbering;
    int entries;
    char path[2048]; /* {path}: the row's name after its ancestors' */
} narration;

/* The rows a set "T:@rows", "T:level=N", "T:@nonzero" names. */
typedef struct bx_row_set {
    const bx_vtable *vt;
    long level; /* -1: any */
    bool nonzero;
    bool leaves; /* the rows with a code no next row's code extends */
} bx_row_set;

bool bx_narr_parse_rows(const narration *n, const char *rows, bx_row_set *out, char *why,
                        size_t size);
bool bx_narr_in_rows(const bx_row_set *set, const bx_vrow *row);

/* tpl rendered onto out (reset first), its figures logged for the next block. */
bool bx_narr_sentence(narration *n, const char *tpl, const bx_loc *loc, bx_strbuf *out);

/* A figure by reference ("5:基金监督管理:总计") or name (the figures file). */
bool bx_narr_figure(void *ctx, const char *ref, bool prev, bx_nfig *out, char *why, size_t size);
/* Row r of the figures file as a figure. */
bool bx_narr_figure_at(const narration *n, size_t r, bx_nfig *out, char *why, size_t size);

/* The rows of a set a text or a table block must list, each exactly once
 * (narrate_table.c): begin (the set parsed), one department row at a time
 * (its 行 names the row: NULL, with an error finding, when it names none
 * or one listed before; *ok false on a failure), end (an error finding
 * for each row left out; frees). */
typedef struct bx_row_cover {
    bx_row_set set;
    bool *used;
} bx_row_cover;

bool bx_narr_cover_begin(narration *n, const bx_dblock *b, bx_row_cover *c);
/* {path}: the current row's name after its ancestors', through the
 * current block's path templates (in n->path). */
const char *bx_narr_row_path(narration *n);

const bx_vrow *bx_narr_cover_row(narration *n, const bx_dblock *b, bx_row_cover *c, size_t r,
                                 bool *ok);
bool bx_narr_cover_end(narration *n, const bx_dblock *b, bx_row_cover *c);

/* The row the next sentences are for ({row}, {text}, @row); NULLs: none. */
void bx_narr_enter_row(narration *n, const bx_vtable *vt, const bx_vrow *row, const char *text);

/* narrate_table.c: a table block into the document. */
bool bx_narr_table(narration *n, const bx_dblock *b, bx_strbuf *out);
/* narrate_totals.c: every total the figures file's 合计 column names. */
bool bx_narr_check_totals(narration *n);

#endif /* BX_NARRATION_H */
