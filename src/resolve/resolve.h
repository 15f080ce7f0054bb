/* Resolve: a dataset bound to a layout set. What it gives — the public
 * bx_model — is three things side by side: the document every back end
 * draws (model.h), the data behind it that the checks read (dataview.h),
 * and what reading a workbook back needs (readback.h). The model keeps
 * copies of what it needs of the dataset and the set, so that it outlives
 * both (the one exception, a slot's band, readback.h); the view names its
 * tables' layouts by their index in the set, for the checks, which are
 * given the set. */
#ifndef BX_RESOLVE_H
#define BX_RESOLVE_H

#include "dataset.h"
#include "dataview.h"
#include "layout.h"
#include "model.h"
#include "readback.h"
#include "sentence.h"

/* A cell printed as the published table prints it (dataset.yaml's
 * printed:): the figure of the view it shows otherwise, and what it shows. */
struct bx_printed {
    int table, row, field; /* in the view */
    int64_t printed;       /* normalized, as the view's figures */
    size_t entry;          /* its entry of printed: */
};

struct bx_model {
    bx_doc *doc;                /* owns the arena the other two keep their strings in */
    bx_dataview view;           /* per sheet of doc */
    bx_readback readback;       /* per sheet of doc, and the dataset */
    bx_nlog narration;          /* the document's text: every figure printed, the notices */
    struct bx_printed *printed; /* the cells printed as the published tables print them */
    size_t nprinted;
};

/* As bx_model_resolve, the tables alone: no text of the whole document
 * even where the set has its outline. */
bx_model *bx_model_resolve_tables(const bx_layout_set *set, const bx_dataset *ds, bx_error *err);
/* Resolve for reading a workbook back: as bx_model_resolve, also recording
 * every data cell's source and every block of CSV rows. */
bx_model *bx_model_resolve_bound(const bx_layout_set *set, const bx_dataset *ds, bx_error *err);
/* A template for data entry: resolved for read-back, with `blank_rows`
 * blank rows after every table body and repeating section. */
bx_model *bx_model_resolve_template(const bx_layout_set *set, const bx_dataset *ds, int blank_rows,
                                    bx_error *err);

#endif /* BX_RESOLVE_H */
