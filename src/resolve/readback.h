/* What reading a workbook back needs besides the model: the dataset the
 * model was resolved from (dataset.yaml's values and every CSV, which the
 * workbook carries in its hidden sheet), and — when resolved for read-back
 * or as a template — where each data cell and each block of CSV rows went.
 * Only the workbook layer reads it; back ends never see it. */
#ifndef BX_READBACK_H
#define BX_READBACK_H

#include "csv_read.h"
#include "dataset_meta.h"

/* A block of rows showing one CSV (a table body, a repeating section):
 * where it starts, how many rows the dataset gave and how many blank rows
 * a template added after them, so that rows can be typed into a block the
 * dataset left empty. */
typedef struct bx_slot {
    int row, nrows, blank;
    uint16_t source; /* index into bx_readback.sources */
    /* a form's repeating section, else NULL: a pointer into the layout set,
     * valid while it lives (slots are recorded only when resolved for
     * read-back or as a template, inside the workbook layer, which keeps
     * the set as long as the model) */
    const struct bx_band *band;
    int col0;        /* its first grid column */
    const char *key; /* `each` forms: the key new rows take */
} bx_slot;

/* A data cell's source: a row and column of one of the sources, or a
 * dataset field. */
enum { BX_BIND_FIELD = 0xFFFF }; /* bx_bind.source: a dataset field */
typedef struct bx_bind {
    int row, col;    /* the cell in the grid */
    uint16_t source; /* index into bx_readback.sources, or BX_BIND_FIELD */
    uint16_t column; /* the CSV column, or the dataset field's index */
    uint32_t record; /* the CSV data row */
} bx_bind;

/* Per sheet of the document. */
typedef struct bx_trace {
    const char *empty_note; /* the layout's empty-table note, shown or not */
    bx_bind *binds;         /* in the order cells were placed */
    size_t nbinds, cap_binds;
    bx_slot *slots;
    int nslots;
} bx_trace;

/* A CSV the model was made from. */
typedef struct bx_source_table {
    const char *data;   /* the name layouts use (`data:`) */
    const char *file;   /* its file name, after the dataset's `files` */
    struct bx_csv *csv; /* owned here */
    bool rows_vary;     /* a table body or repeating section: rows may come and go */
} bx_source_table;

typedef struct bx_readback {
    bx_dataset_meta meta; /* strings in the document's arena */
    bx_source_table *sources;
    int nsources;
    bx_trace *sheets; /* one per sheet of the document */
    int nsheets;
    bool traced; /* binds and slots were recorded */
} bx_readback;

/* Free what it holds. */
void bx_readback_free(bx_readback *rb);

#endif /* BX_READBACK_H */
