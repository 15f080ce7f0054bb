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

/* Why name cannot be the name of a dataset's CSV file — it must be one
 * file name (no "/" or "\\"), end in .csv, not begin with ".", hold no
 * control character (line ends included) and be valid UTF-8, at most 255
 * bytes — or NULL when it can. */
const char *bx_image_name_problem(const char *name);
/* name for a message: control characters and bytes that are not UTF-8
 * written as \xHH or \uHHHH, so that a name cannot break a message's
 * line; returns buf. */
char *bx_image_shown_name(const char *name, char *buf, size_t size);

/* Flags of bx_image_save. */
enum {
    /* dir holds files that are not a dataset's: replace the dataset's files
     * in it (together), keep the others */
    BX_IMAGE_FORCE = 1
};

/* Write the dataset of files (files[0] dataset.yaml, then the CSVs) as
 * the folder dir, all or nothing. Every name is checked first
 * (bx_image_name_problem; no two alike ignoring case; messages name
 * origin, or dir). The files are written into a new folder beside dir,
 * which then takes dir's place; the folder that was there, holding only a
 * dataset (dataset.yaml, *.csv) that an earlier save wrote (the marker
 * file budgetx-import.txt it leaves), is removed. A dir that is a symbolic
 * link, holds anything else or another dataset is refused — unless
 * BX_IMAGE_FORCE, and
 * then, as when dir is the current folder, the files are replaced in
 * place, together, and the others stay. */
bx_status bx_image_save(const bx_mem_file *files, size_t n, const char *dir, int flags,
                        const char *origin, bx_error *err);

#endif /* BX_DATASET_IMAGE_H */
