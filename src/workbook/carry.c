#include "carry.h"

#include "dataset_image.h"

static bool describe(const void *ctx, bx_carry_put put, void *sheet, bx_error *err)
{
    const bx_readback *rb = ctx;
    return bx_meta_rows(&rb->meta, put, sheet, err);
}

static bool csv_text(const void *ctx, int i, const char **data, const char **file, bx_strbuf *text,
                     bx_error *err)
{
    (void)err;
    const bx_source_table *t = &((const bx_readback *)ctx)->sources[i];
    const bx_csv *csv = t->csv;
    *data = t->data;
    *file = t->file;
    for (size_t r = 0; r <= csv->nrows; r++)
        bx_image_csv_row(text,
                         (const char *const *)(r ? &csv->cells[(r - 1) * csv->ncols] : csv->header),
                         csv->ncols);
    return true;
}

void bx_carry_of(const bx_readback *rb, bx_carried *out)
{
    *out = (bx_carried){.ctx = rb, .describe = describe, .ncsvs = rb->nsources, .csv = csv_text};
}
