/* Excel 97-2003 workbooks (.xls), read with FreeXL (xls_read.c). */
#ifndef BX_XLS_READ_H
#define BX_XLS_READ_H

#include "xlsx_read.h"

/* The workbook at path, as bx_xbook_open gives an .xlsx: cells with their
 * values, no merges or formats. NULL with err set (BX_ERR_SYNTAX, _LIMIT,
 * _NOMEM) if it cannot be read. */
bx_xbook *bx_xls_open(const char *path, bx_error *err);

/* A workbook of either kind, told by its first bytes (an OLE2 file is an
 * .xls: FreeXL; else an .xlsx: bx_xbook_open). */
bx_xbook *bx_workbook_open(const char *path, bx_error *err);

#endif /* BX_XLS_READ_H */
