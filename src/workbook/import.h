/* Reading a workbook budgetx wrote back into a dataset (import.c). */
#ifndef BX_IMPORT_H
#define BX_IMPORT_H

#include "dataset.h"

struct bx_layout_set;

/* Finds the layout set a dataset names (a renderer's cache, or a search). */
typedef const struct bx_layout_set *(*bx_set_finder)(void *ctx, const char *name, bx_error *err);

/* What a workbook made elsewhere is read as (foreign.h). */
typedef struct bx_foreign_hints {
    const char *set;  /* the layout set its tables are of */
    const char *unit; /* NULL: from the titles */
    int year;         /* 0: from the titles */
    /* set NULL: guessed among the sets in these folders and the built-in
     * places (bx_layout_set_names) */
    const char *const *layout_dirs;
} bx_foreign_hints;

/* The dataset a workbook carries, corrected with what its sheets show; a
 * workbook without our hidden sheet is read by its headings as tables of
 * hints->set. hints may be NULL. */
bx_dataset *bx_workbook_dataset(const char *path, bx_set_finder find, void *ctx,
                                const bx_foreign_hints *hints, bx_error *err);
/* The same from a workbook already read (fuzzing). */
struct bx_xbook;
bx_dataset *bx_workbook_dataset_of(const struct bx_xbook *book, bx_set_finder find, void *ctx,
                                   const bx_foreign_hints *hints, bx_error *err);

/* The dataset a workbook without budgetx's hidden sheet holds, read as
 * tables of set (foreign.c). */
bx_dataset *bx_foreign_dataset(const struct bx_xbook *book, const struct bx_layout_set *set,
                               const bx_foreign_hints *hints, bx_error *err);

/* The one set whose tables a workbook's sheets are (every table found,
 * the most sheets recognised), as a copy of its name to free; NULL with
 * err set when none or several are. */
char *bx_foreign_guess_set(const struct bx_xbook *book, const char *const *layout_dirs,
                           bx_error *err);

#endif /* BX_IMPORT_H */
