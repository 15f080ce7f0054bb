/* The XLSX back end (render_xlsx.c on libxlsxwriter) and what its callers
 * may give it besides the document: the dataset the workbook carries
 * (dataset_sheet.h) and, for a template, the cells left open for typing. */
#ifndef BX_XLSX_H
#define BX_XLSX_H

#include "backend.h"

#include <xlsxwriter.h>

extern const bx_backend bx_backend_xlsx;

/* A template for data entry: which cells of each sheet are left unlocked
 * (their figure columns validated as numbers); the rest of every sheet is
 * protected without a password. */
typedef struct bx_entry {
    const void *ctx;
    /* Set open[r * ncols + c] for every cell of sheet i (doc order) to be
     * typed into; open is zeroed, s->nrows × s->ncols. */
    void (*mark)(const void *ctx, int i, const bx_sheet *s, bool *open);
} bx_entry;

/* libxlsxwriter's result as ours: false with err set (naming `what`)
 * unless it is LXW_NO_ERROR. */
bool bx_lxw_ok(lxw_error e, const char *what, bx_error *err);

#endif /* BX_XLSX_H */
