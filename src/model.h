/* The resolved model: every sheet as a title block, a grid of cells with
 * spans, column widths, the header-row range and notes. It knows nothing
 * of XLSX or PDF; back ends only read it. */
#ifndef BX_MODEL_H
#define BX_MODEL_H

#include "amount.h"
#include "arena.h"
#include "common.h"
#include "dataview.h"

typedef enum bx_cell_kind {
    BX_CELL_EMPTY,
    BX_CELL_TEXT,
    BX_CELL_AMOUNT /* an exact decimal: amount × 10^-decimals */
} bx_cell_kind;

typedef enum bx_cell_style {
    BX_STYLE_HEADER,    /* column header: centred both ways, wrapped */
    BX_STYLE_LABEL,     /* form label, total label: centred, wrapped */
    BX_STYLE_TEXT,      /* body text: left, wrapped, indented by level */
    BX_STYLE_CODE,      /* codes: left, never wrapped */
    BX_STYLE_PARAGRAPH, /* long text: left, wrapped */
    BX_STYLE_AMOUNT,    /* money: right, thousands separators */
    BX_STYLE_NUMBER     /* plain decimal: right, no separators */
} bx_cell_style;

/* 24 bytes: a table may hold millions. */
typedef struct bx_cell {
    bx_cell_kind kind : 8;
    bx_cell_style style : 8;
    uint8_t indent;   /* indentation level, 0..BX_MAX_INDENT */
    uint8_t decimals; /* BX_CELL_AMOUNT */
    int8_t align;     /* a bx_align override (0 = by style) */
    bool trim;        /* BX_CELL_AMOUNT: drop trailing zeros ("42", "43.44") */
    bool covered;     /* inside another cell's span: not an anchor */
    int rowspan, colspan;
    union {
        const char *text; /* BX_CELL_TEXT */
        int64_t amount;   /* BX_CELL_AMOUNT: an exact decimal */
    };
} bx_cell;

/* Worksheet rows above the grid: 表号, title, caption line. Cell
 * references in messages count them too, so they match the workbook. */
enum { BX_TITLE_ROWS = 3 };

typedef struct bx_sheet {
    const char *name;  /* worksheet name, legal for XLSX */
    const char *label; /* "表 1" */
    const char *title;
    const char *caption_left;  /* may be NULL */
    const char *caption_right; /* may be NULL */
    bool landscape;
    int nrows, ncols;
    int header_rows; /* rows [0, header_rows) are column headers */
    int *col_widths; /* hundredths of a CJK character */
    bx_cell *cells;  /* nrows × ncols, row-major */
    int cap_rows;
    const char **notes;
    int nnotes;
    const char *empty_note; /* the layout's empty-table note, shown or not (read-back) */
    struct bx_bind *binds;  /* where data cells came from (only when resolved for
                               read-back), in the order they were placed */
    int nbinds, cap_binds;
    struct bx_slot *slots; /* where rows of a CSV go (read-back, templates) */
    int nslots;
} bx_sheet;

/* A block of rows showing one CSV (a table body, a repeating section):
 * where it starts, how many rows the dataset gave and how many blank rows
 * a template added after them. Recorded when resolved for read-back, so
 * that rows can be typed into a block the dataset left empty. */
typedef struct bx_slot {
    int row, nrows, blank;
    uint16_t source;            /* index into bx_model.sources */
    const struct bx_band *band; /* a form's repeating section, else NULL */
    int col0;                   /* its first grid column */
    const char *key;            /* `each` forms: the key new rows take */
} bx_slot;

/* A data cell's source: a row and column of one of the model's source
 * tables, or a dataset field. For reading a workbook back. */
enum { BX_BIND_FIELD = 0xFFFF }; /* bx_bind.source: a dataset field */
typedef struct bx_bind {
    int row, col;    /* the cell in the grid */
    uint16_t source; /* index into bx_model.sources, or BX_BIND_FIELD */
    uint16_t column; /* the CSV column, or the dataset field's index */
    uint32_t record; /* the CSV data row */
} bx_bind;

/* A CSV the model was made from, kept so that the workbook can carry the
 * dataset (and be read back). */
typedef struct bx_source_table {
    const char *data;   /* the name layouts use (`data:`) */
    const char *file;   /* its file name, after the dataset's `files` */
    struct bx_csv *csv; /* owned by the model */
    bool rows_vary;     /* a table body or repeating section: rows may come and go */
} bx_source_table;

typedef struct bx_pair {
    const char *key, *value;
} bx_pair;

/* The dataset.yaml the model was made from (strings in the model's arena). */
typedef struct bx_source_meta {
    const char *template_name;
    const char *unit;
    int year;
    bx_scale input;
    const char *title;       /* NULL: not given */
    const char *output_name; /* NULL: not given */
    long long created;       /* -1: not given */
    bx_pair *fields;
    int nfields;
    bx_pair *files;
    int nfiles;
    int *tables; /* NULL: all */
    int ntables;
    const char *layout_version; /* digest of the layout set's files */
    int blank_rows;             /* a template's blank rows per block (0: none) */
} bx_source_meta;

struct bx_model {
    bx_arena *arena;
    const char *title;  /* document title */
    const char *author; /* the unit */
    const char *template_name;
    const char *font;        /* font name to ask for (宋体) */
    const char *amount_unit; /* display unit name, e.g. 万元 */
    int year;
    long long created; /* seconds since the epoch */
    bx_sheet *sheets;
    int nsheets;
    /* for the consistency checks: the data behind every sheet */
    bx_vtable *vtables; /* one per sheet, same order */
    int nvtables;
    bx_scale input;      /* the unit and decimals amounts were given in */
    const char **inputs; /* the dataset files read (strings in the arena) */
    int ninputs;
    /* the dataset itself, which the workbook carries */
    bx_source_meta meta;
    bx_source_table *sources;
    int nsources;
    int blank_rows; /* a template for data entry: blank rows per block, body
                       cells unlocked, amounts validated */
};

static inline bx_cell *bx_sheet_cell(const bx_sheet *s, int row, int col)
{
    return &s->cells[(size_t)row * (size_t)s->ncols + (size_t)col];
}

/* Build a model: model_new, then per sheet sheet_add + sheet_row + put. */
bx_model *bx_model_new(bx_error *err);
bx_sheet *bx_model_add_sheet(bx_model *m, int ncols, bx_error *err);

/* Append an empty row; returns its index or -1. */
int bx_sheet_add_row(bx_sheet *s, bx_error *err);
/* Make room for n more rows at once (when their number is known), so that
 * a big table takes no more memory than its cells. */
bool bx_sheet_reserve_rows(bx_sheet *s, int n, bx_error *err);

/* Put an anchor cell with its spans at (row, col); rows the span needs
 * must exist. Fails if the span leaves the grid or overlaps a cell that is
 * already placed. */
bool bx_sheet_put(bx_sheet *s, int row, int col, const bx_cell *cell, bx_error *err);

/* Grow an anchor's row span (merging cells below, which must be empty). */
bool bx_sheet_extend_down(bx_sheet *s, int row, int col, int rowspan, bx_error *err);

/* Row heights that fit every cell: each row starts at `base`; cells of one
 * row first, then a cell spanning rows grows the last row of its span if
 * the rows are too low for it. need() gives a cell's height (the back
 * end's measure); a negative one stops with false. heights: s->nrows. */
typedef double (*bx_cell_height)(void *ctx, int row, int col, const bx_cell *cell);
bool bx_sheet_fit_rows(const bx_sheet *s, double base, bx_cell_height need, void *ctx,
                       double *heights);

/* Record where the data cell at (row, col) came from. */
bool bx_sheet_bind(bx_sheet *s, const bx_bind *bind, bx_error *err);

/* Resolve for reading a workbook back: as bx_model_resolve, also recording
 * every data cell's source (bx_sheet.binds). */
bx_model *bx_model_resolve_bound(const struct bx_layout_set *set, const struct bx_dataset *ds,
                                 bx_error *err);
/* A template for data entry: resolved for read-back, with `blank_rows`
 * blank rows after every table body and repeating section. */
bx_model *bx_model_resolve_template(const struct bx_layout_set *set, const struct bx_dataset *ds,
                                    int blank_rows, bx_error *err);

/* The invariants every back end relies on: spans inside the grid, every
 * position covered exactly once, header rows at the top, amounts in
 * range. */
bool bx_model_check(const bx_model *m, bx_error *err);

/* ---- the one walk that drives every back end ---- */

typedef enum bx_event_type {
    BX_EV_SHEET_BEGIN,
    BX_EV_ROW_BEGIN,
    BX_EV_CELL, /* anchor cells only; covered positions are skipped */
    BX_EV_ROW_END,
    BX_EV_SHEET_END,
    BX_EV_DONE
} bx_event_type;

typedef struct bx_event {
    bx_event_type type;
    const bx_sheet *sheet;
    int sheet_index;
    int row, col;
    const bx_cell *cell;
} bx_event;

typedef struct bx_iter {
    const bx_model *model;
    int sheet, row, col;
    bx_event_type next;
    bool finished;
} bx_iter;

void bx_iter_init(bx_iter *it, const bx_model *m);
/* Fill ev with the next event; false after BX_EV_DONE was returned. */
bool bx_iter_next(bx_iter *it, bx_event *ev);

#endif /* BX_MODEL_H */
