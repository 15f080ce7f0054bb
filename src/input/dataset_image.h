/* A dataset as the texts of its files — dataset.yaml and the CSVs — made
 * in memory (when a workbook is read back), to load without touching the
 * disk or to save into a folder. */
#ifndef BX_DATASET_IMAGE_H
#define BX_DATASET_IMAGE_H

#include "dataset.h"
#include "strbuf.h"

/* One CSV row (RFC 4180: fields quoted when they hold a comma, a quote,
 * a line end or surrounding spaces), appended to out with "\n". */
void bx_image_csv_row(bx_strbuf *out, const char *const *fields, size_t n);

/* A dataset being made in memory: file 0 is dataset.yaml, files 1… its
 * CSVs, each written into its buffer (bufs[i + 1] for CSV i). */
typedef struct bx_image {
    bx_mem_file *files;
    bx_strbuf *bufs;
    size_t n;
} bx_image;

/* dataset.yaml for meta, and ncsv empty CSV buffers after it. */
bool bx_image_start(bx_image *img, const bx_dataset_meta *meta, size_t ncsv, bx_error *err);
/* CSV i is written: name its file; false (out of memory) if its buffer failed. */
bool bx_image_seal(bx_image *img, size_t i, const char *name, bx_error *err);
/* The dataset of the files; messages name origin. */
bx_dataset *bx_image_dataset(const bx_image *img, const char *origin, bx_error *err);
/* Accepts a zeroed or freed image. */
void bx_image_free(bx_image *img);

/* Write every file into dir (created if needed), each through a temporary
 * file renamed into place. */
bx_status bx_image_save(const bx_mem_file *files, size_t n, const char *dir, bx_error *err);

#endif /* BX_DATASET_IMAGE_H */
