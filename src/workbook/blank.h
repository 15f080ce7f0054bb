/* The empty dataset of a layout set (template.c): what a blank workbook
 * stands for, and what a workbook made elsewhere is read into. */
#ifndef BX_BLANK_H
#define BX_BLANK_H

#include "dataset.h"
#include "layout.h"

/* An `each` table's sheets: the CSV they are made from, its key column
 * and each sheet's key, in order. */
typedef struct bx_blank_keys {
    const char *data, *key;
    const char **values;
    int nkeys;
} bx_blank_keys;

typedef struct bx_blank_request {
    const char *unit;
    int year;
    bx_scale input;             /* the amounts' unit; unit_yuan 0: the set's display */
    bx_dataset_display display; /* how the tables show amounts ({-1, UNSET}: the set's way) */
    const bx_dfield *fields;    /* values of the set's fields (the rest are blank) */
    size_t nfields;
    const bx_blank_keys *keys;
    int nkeys;
} bx_blank_request;

/* The set's dataset without rows (but the keys asked for); `document:
 * tables` where the set has an outline. Strings are copied. */
bx_dataset *bx_blank_dataset(const bx_layout_set *set, const bx_blank_request *req, bx_error *err);

#endif /* BX_BLANK_H */
