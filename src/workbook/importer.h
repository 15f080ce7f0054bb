/* What the files reading a workbook back share (import.c, sheet.c,
 * rows.c): the importer, which carries one read-back, and the helpers
 * between them. */
#ifndef BX_IMPORTER_H
#define BX_IMPORTER_H

#include "geometry.h"
#include "resolve.h"
#include "xlsx_read.h"

#include <stdarg.h>

/* A workbook made elsewhere, redrawn in our shape (foreign.h): where
 * the cells of a redrawn sheet came from, and the unit its amounts
 * are stated in. */
typedef struct bx_origin {
    const char *sheet; /* the workbook's sheet */
    int nrows, ncols;  /* of the redrawn sheet */
    int *row_of;       /* per redrawn row: the workbook's row, or -1 */
    int *col_of;       /* per redrawn column: the workbook's column, or -1 */
    bx_scale shown;    /* the amounts' unit (单位：元 / 万元) */
} bx_origin;

typedef struct insert {
    int anchor; /* a CSV row, or -1: at the end */
    bool after;
    const char **cells;
    bx_cell_origin *at; /* where each cell was in the workbook */
} insert;

/* A CSV being corrected: its original rows (texts replaced in place),
 * which are gone, and new rows with where they go. */
typedef struct etable {
    const bx_csv *csv;
    const char **cells;
    bx_cell_origin *at; /* where each of cells was read, row -1: not read */
    bool *deleted;
    insert *ins;
    int nins, cap_ins;
} etable;

typedef struct cover {
    int row, col, anchor_row, anchor_col;
} cover;

/* The positions inside a sheet's merges, but their first cells. */
typedef struct bx_covers {
    cover *v;
    size_t n;
} bx_covers;
bool bx_covers_index(const bx_xsheet *ws, const char *path, bx_covers *out, bx_error *err);
/* The merge covering (row, col) other than its first cell, or NULL. */
const cover *bx_covers_find(const bx_covers *c, int row, int col);
void bx_covers_free(bx_covers *c);

typedef struct importer {
    const bx_xbook *book;
    const bx_layout_set *set;
    bx_model *m0;
    bx_arena *arena; /* new texts */
    bx_error *err;
    etable *tables; /* per source of m0 */
    const char **fields;
    bx_cell_origin *field_at; /* per field: where it was read (row -1: not read) */
    bx_sheet_name *names;     /* the worksheets of m0's sheets */
    /* the sheet being compared */
    const bx_sheet *s;
    const bx_trace *tr; /* its read-back record */
    const bx_xsheet *ws;
    const bx_table_layout *t;
    int *bind_start; /* s->nrows + 1: binds of row r are order[bind_start[r] …] */
    int *order;
    bx_covers covers;
    int levels; /* bx_im_levels_lost: 0 not known yet, 1 read, 2 lost */
    /* a workbook made elsewhere, redrawn (foreign.h): per sheet of book,
     * where its cells came from; NULL for ours */
    const bx_origin *origins;
} importer;

/* The amounts' unit of the sheet being compared: the one it states, or
 * the table's. */
bx_scale bx_im_shown(const importer *im);

/* ---- import.c: reading a redrawn workbook (foreign.c) ------------------ */

/* The dataset a redrawn workbook shows, m0 its template model (taken). */
bx_dataset *bx_im_read_redrawn(const bx_xbook *book, const bx_origin *origins,
                               const bx_layout_set *set, bx_model *m0, bx_error *err);

/* ---- import.c: messages ------------------------------------------------ */

/* An error naming the sheet and cell, "表3 支出总表!D5：…"; false. */
bool bx_im_fail_at(importer *im, int row, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* The workbook's own sheet and cell of (row, col) of the sheet being
 * read (a redrawn sheet's: where it came from). */
bx_cell_origin bx_im_where(const importer *im, int row, int col);
/* A copy of s in the importer's arena (new texts). */
const char *bx_im_keep(importer *im, const char *s);

/* ---- sheet.c: the workbook's cells, binds, values, one sheet ----------- */

/* Index the merged positions of the current sheet (bx_im_covered). */
bool bx_im_index_merges(importer *im);
/* The merge covering (row, col) other than its first cell, or NULL. */
const cover *bx_im_covered(const importer *im, int row, int col);
/* The cell at (row, col); inside a merge, the merge's first cell. */
const bx_xcell *bx_im_wcell(const importer *im, int row, int col);
/* What a cell shows as text ("" for none). */
const char *bx_im_wtext(const importer *im, int row, int col);
/* Empty when it holds nothing but spaces, or lies inside a merge. */
bool bx_im_wblank(const importer *im, int row, int col);
/* Index the current sheet's binds by model row (bx_im_bind_at). */
bool bx_im_index_binds(importer *im);
/* The bind of cell (row, col) of the model, or NULL. */
const bx_bind *bx_im_bind_at(const importer *im, int row, int col);
/* The text the dataset gave the cell a bind names. */
const char *bx_im_source_text(const importer *im, const bx_bind *b);
/* The text a data cell now holds, for its place in the dataset: `old`
 * when the workbook shows what the dataset gave, else the new value
 * (amounts in the dataset's unit). `model` is the cell as resolved. */
bool bx_im_read_value(importer *im, int row, int col, const bx_cell *model, const char *old,
                      const char **out);
/* Put a corrected text where the bind says, read from workbook cell
 * (wr, wc). */
void bx_im_store(importer *im, const bx_bind *b, size_t record, const char *text, int wr, int wc);
/* Whether workbook row wr still holds the literal texts of model row r
 * (and there is at least one). */
bool bx_im_row_matches(const importer *im, int r, int wr);
/* A row of fixed cells: literal texts must be unchanged; the values in it
 * (a form's fields) are read. */
bool bx_im_fixed_row(importer *im, int r, int wr);
/* Compare sheet i of the model with the workbook's, correcting the
 * dataset with what it now shows. */
bool bx_im_read_sheet(importer *im, int i);

/* ---- rows.c: the rows that vary ---------------------------------------- */

enum { BX_CODE_MAX = 32 }; /* a code joined from its parts, with its NUL */

/* A code from its n parts (类 | 款 | 项: part k's len[k] bytes, digits
 * [from[k], from[k] + digits[k]) of the code): a part left blank before one
 * given is those digits of *last, the code above (exports print the 类
 * once). False if no part is given; else last (size bytes, at most
 * BX_CODE_MAX) becomes the code. */
bool bx_im_join_code(const char *const *part, const size_t *len, int n, const int *from,
                     const int *digits, char *last, size_t size);

/* Whether the workbook lost the rows' indentation: none of its cell
 * formats is indented while the dataset had levels (a program that drops
 * cell styles saved it). Then the rows keep the dataset's levels, and a
 * row typed in takes the level of the row above it. */
bool bx_im_levels_lost(importer *im);

/* Model rows [r0, r1) show rows of one source; their workbook rows start
 * at *wr. */
bool bx_im_grid_region(importer *im, const bx_slot *slot, int r0, int r1, int *wr);
/* A ledger's body: each side's items paired on their own. */
bool bx_im_ledger_body(importer *im, int *wr);

#endif /* BX_IMPORTER_H */
