/* Reading a workbook (.xlsx) written by budgetx (libxlsxwriter), Excel, WPS
 * or LibreOffice: libzip opens the container, expat parses each XML part.
 * Read-only and format-agnostic: cells keep the text of their values as
 * stored, the caller decides what a number or a style means. */
#ifndef BX_XLSX_READ_H
#define BX_XLSX_READ_H

#include "common.h"

/* Limits; exceeding one is an error, never a truncation. */
enum {
    BX_XLSX_MAX_ROWS = 1048576,                   /* Excel's own */
    BX_XLSX_MAX_COLS = 16384,                     /* Excel's own (XFD) */
    BX_XLSX_MAX_SHEETS = 256,                     /* sheets of a workbook */
    BX_XLSX_MAX_PART_BYTES = 256 * 1024 * 1024,   /* one XML part, uncompressed */
    BX_XLSX_MAX_TOTAL_BYTES = 1024 * 1024 * 1024, /* all parts read, uncompressed */
    BX_XLSX_MAX_CELLS = 4 * 1024 * 1024,          /* cells (and merges) of a workbook */
    BX_XLSX_MAX_TEXT_BYTES = 256 * 1024,          /* one string (Excel: 32,767 chars) */
    BX_XLSX_MAX_STYLES = 65536                    /* cellXfs entries */
};

typedef enum bx_xtype { BX_X_EMPTY, BX_X_STRING, BX_X_NUMBER, BX_X_BOOL, BX_X_ERROR } bx_xtype;

typedef struct bx_xcell {
    int row, col;  /* 0-based */
    bx_xtype type; /* of the value (a formula's cached value) */
    /* STRING: the text (shared, inline <is>, t="str" formula string, or
     * a t="d" ISO date); NUMBER: the <v> text exactly as in the XML
     * ("1234.5", "1E-3"); BOOL: "0"/"1"; ERROR: "#DIV/0!"; EMPTY: "".
     * Never NULL. */
    const char *text;
    bool formula; /* the cell has an <f> */
    bool cached;  /* formula: a cached value <v> was present */
    int style;    /* the s= attribute (cellXfs index), 0 if absent */
} bx_xcell;

typedef struct bx_xmerge {
    int first_row, first_col, last_row, last_col; /* 0-based, inclusive */
} bx_xmerge;

typedef enum bx_xstate { BX_XSHEET_VISIBLE, BX_XSHEET_HIDDEN, BX_XSHEET_VERY_HIDDEN } bx_xstate;

typedef struct bx_xsheet {
    const char *name;
    bx_xstate state;
    /* every <c> with a value, a formula or a style, sorted by (row, col);
     * a chart sheet has none */
    bx_xcell *cells;
    size_t ncells;
    bx_xmerge *merges;
    size_t nmerges;
    int nrows, ncols; /* 1 + the largest row / col of a cell or merge (0 if none) */
} bx_xsheet;

/* A custom document property (docProps/custom.xml). */
typedef struct bx_xprop {
    const char *name, *value;
} bx_xprop;

typedef struct bx_xbook {
    const char *path; /* as given; used as the file of every message */
    bx_xsheet *sheets;
    size_t nsheets;   /* in workbook order (workbook.xml <sheets>) */
    int *xf_indent;   /* per cellXfs entry: its alignment indent (0 if none) */
    int *xf_decimals; /* … and the decimals its number format shows (-1: General, text) */
    size_t nxf;
    bx_xprop *props; /* in document order */
    size_t nprops;
    struct bx_arena *arena; /* owns everything above */
} bx_xbook;

/* Read the workbook at path. NULL with err set (BX_ERR_IO, BX_ERR_SYNTAX,
 * BX_ERR_LIMIT, BX_ERR_NOMEM; the message names the file) if it cannot be
 * read, including a cell given twice or a shared string that does not
 * exist. err may be NULL. Caller frees with bx_xbook_free. */
bx_xbook *bx_xbook_open(const char *path, bx_error *err);
/* The same from memory (tests, fuzzing); display_name stands for the path
 * in messages. data is not kept past the call. */
bx_xbook *bx_xbook_parse(const void *data, size_t len, const char *display_name, bx_error *err);
/* Accepts NULL. */
void bx_xbook_free(bx_xbook *book);

/* The sheet called name (exact match), or NULL. */
const bx_xsheet *bx_xbook_sheet(const bx_xbook *book, const char *name);
/* The cell at (row, col), or NULL if the sheet has none there. */
const bx_xcell *bx_xsheet_cell(const bx_xsheet *s, int row, int col);
/* The alignment indent of a cellXfs index; 0 for an index out of range. */
int bx_xbook_indent(const bx_xbook *book, int style);
/* The decimals the number format of a cellXfs index shows; -1 for
 * General, text or an index out of range. */
int bx_xbook_decimals(const bx_xbook *book, int style);
/* A custom document property's value (<property name=".."><vt:lpwstr>),
 * or NULL if the workbook has none of that name. */
const char *bx_xbook_property(const bx_xbook *book, const char *name);

#endif /* BX_XLSX_READ_H */
