/* The workbook's geometry, which the XLSX writer and reader share and
 * every back end's messages use (a cell is named as the workbook shows
 * it): each sheet's title block — 表号, title, caption line — takes the
 * first BX_TITLE_ROWS rows, so grid row r is worksheet row
 * BX_TITLE_ROWS + r; and the sheet names Excel accepts. */
#ifndef BX_GEOMETRY_H
#define BX_GEOMETRY_H

#include "model.h"

enum { BX_TITLE_ROWS = 3 };

/* The cells of a sheet's title block. `both` holds a caption joined into
 * one cell. Returns how many. */
enum { BX_TITLE_NUMBER, BX_TITLE_TITLE, BX_TITLE_CAPTION_LEFT, BX_TITLE_CAPTION_RIGHT };
typedef struct bx_title_cell {
    int row, col, last_col;
    const char *text;
    int role;
} bx_title_cell;
int bx_title_cells(const bx_sheet *s, bx_title_cell out[4], char *both, size_t size);

/* The worksheet name of every sheet of doc, in order: its own name made
 * legal by Excel's rules (at most 31 characters, none of []:*?/\, not
 * empty, no apostrophe at either end) and unique ignoring case. Caller
 * frees. */
enum { BX_SHEET_NAME_MAX = 160 };
typedef char bx_sheet_name[BX_SHEET_NAME_MAX];
bx_sheet_name *bx_sheet_names(const bx_doc *doc, bx_error *err);

/* "D5": the worksheet reference of grid cell (row, col); returns buf. */
char *bx_grid_ref(int row, int col, char *buf, size_t size);

#endif /* BX_GEOMETRY_H */
