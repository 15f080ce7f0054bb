/* Workbooks made elsewhere (foreign.c, foreign_sheet.c): a budget system's
 * export, a workbook kept by hand in Excel or WPS, ours without its hidden
 * sheet. Each worksheet is recognised as a table of the set by its title,
 * then redrawn in the model's coordinates — the title block where ours has
 * it, the header found wherever it sits and its columns paired with the
 * layout's by their texts, the body's rows in order, the notes — so that
 * the reader of our own workbooks (import.c) reads it, while every message
 * names the cell of the workbook the user has. */
#ifndef BX_FOREIGN_H
#define BX_FOREIGN_H

#include "import.h"
#include "importer.h"

/* A redrawn workbook's cell formats are the workbook's, then one per
 * indentation level read from a label's leading spaces (level k: format
 * nxf + k of the workbook's nxf). */
enum { BX_FOREIGN_LEVELS = 16 };

/* A worksheet recognised as a table of the set: where its title is, the
 * unit its amounts are stated in, its key. */
typedef struct bx_found_sheet {
    const bx_xsheet *ws;
    int table; /* index in the set */
    int title_row, title_col;
    bx_scale shown;
    const char *key; /* `each` tables: the sheet's key */
} bx_found_sheet;

/* Redraw worksheet f->ws as model sheet s (tr: its read-back record) into
 * *out (cells and strings in arena); *o says where each cell came from. */
bool bx_foreign_sheet(const bx_xbook *book, const bx_found_sheet *f, const bx_sheet *s,
                      const bx_trace *tr, const bx_table_layout *t, bx_arena *arena, bx_xsheet *out,
                      bx_origin *o, bx_error *err);

#endif /* BX_FOREIGN_H */
