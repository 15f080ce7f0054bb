/* Reading a workbook budgetx wrote back into a dataset (import.c). */
#ifndef BX_IMPORT_H
#define BX_IMPORT_H

#include "dataset.h"

struct bx_layout_set;

/* Finds the layout set a dataset names (a renderer's cache, or a search). */
typedef const struct bx_layout_set *(*bx_set_finder)(void *ctx, const char *name, bx_error *err);

/* The dataset a workbook carries, corrected with what its sheets show. */
bx_dataset *bx_workbook_dataset(const char *path, bx_set_finder find, void *ctx, bx_error *err);
/* The same from a workbook already read (fuzzing). */
struct bx_xbook;
bx_dataset *bx_workbook_dataset_of(const struct bx_xbook *book, bx_set_finder find, void *ctx,
                                   bx_error *err);

#endif /* BX_IMPORT_H */
