/* A dataset as the texts of its files — dataset.yaml and the CSVs — made
 * in memory (when a workbook is read back), to load without touching the
 * disk or to save into a folder. */
#ifndef BX_DATASET_IMAGE_H
#define BX_DATASET_IMAGE_H

#include "dataset.h"
#include "model.h"
#include "strbuf.h"

/* dataset.yaml for meta, appended to out (libyaml's emitter). */
bool bx_image_yaml(const bx_source_meta *meta, bx_strbuf *out, bx_error *err);

/* One CSV row (RFC 4180: fields quoted when they hold a comma, a quote,
 * a line end or surrounding spaces), appended to out with "\n". */
void bx_image_csv_row(bx_strbuf *out, const char *const *fields, size_t n);

/* Write every file into dir (created if needed), each through a temporary
 * file renamed into place. */
bx_status bx_image_save(const bx_mem_file *files, size_t n, const char *dir, bx_error *err);

#endif /* BX_DATASET_IMAGE_H */
