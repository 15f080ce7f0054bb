/* Display decisions made once for every back end: how an amount is shown
 * (decimals, thousands separators, half-up rounding happened in resolve),
 * which spreadsheet number format matches that text, and how a cell is
 * aligned. The XLSX number format and the PDF text cannot disagree because
 * both come from here. */
#ifndef BX_DISPLAY_H
#define BX_DISPLAY_H

#include "model.h"

/* The text a reader sees in the cell ("21,866.99", "基本工资", "").
 * Returns the length written into buf (truncated to size-1). */
size_t bx_cell_display(const bx_cell *cell, char *buf, size_t size);

/* Every character bx_cell_display can write for an amount (the PDF font
 * subset holds them without formatting every amount twice). */
#define BX_AMOUNT_CHARS "0123456789,.-"

/* The spreadsheet number format for an amount cell ("#,##0.00"), or NULL
 * for other cells. */
const char *bx_cell_numfmt(const bx_cell *cell);

/* The value of an amount cell as a double, for libxlsxwriter's boundary
 * only: correctly rounded amount / 10^decimals. */
double bx_cell_double(const bx_cell *cell);

/* A figure's cell (an amount or a plain number), filled or not. */
bool bx_cell_is_figure(const bx_cell *cell);

/* Horizontal alignment after applying the style's default. */
bx_align bx_cell_halign(const bx_cell *cell);

/* True for styles whose text wraps inside the cell. */
bool bx_cell_wraps(const bx_cell *cell);

/* Name of a style for dumps and messages ("header", "amount", …). */
const char *bx_style_name(bx_cell_style style);

#endif /* BX_DISPLAY_H */
