/* A dataset: dataset.yaml (template, unit, year, amount unit, free-text
 * fields) plus the CSV files the layouts name. Documented in
 * docs/dataset-format.md. */
#ifndef BX_DATASET_H
#define BX_DATASET_H

#include "arena.h"
#include "csv_read.h"
#include "dataset_meta.h"

/* Where a cell of a dataset read from a workbook was shown: the
 * workbook's sheet and cell (row -1: in no cell). */
typedef struct bx_cell_origin {
    const char *sheet;
    int row, col;
} bx_cell_origin;

/* One CSV's cells' origins: per data row (line 2 on), per column. */
typedef struct bx_file_origins {
    bx_cell_origin *cells;
    size_t rows, cols;
} bx_file_origins;

struct bx_dataset {
    bx_arena *arena;
    const char *dir;
    const char *yaml_name; /* dataset.yaml as shown in messages */
    bx_dataset_meta meta;  /* what dataset.yaml says */
    /* files held in memory rather than in dir (a dataset read back from a
     * workbook): dataset.yaml first, then the CSVs */
    struct bx_mem_file *mem;
    size_t nmem;
    const char *origin;       /* the workbook it was read from, or NULL */
    const char *notice;       /* a remark on reading it back, or NULL */
    bx_file_origins *origins; /* per file of mem (read back: where its cells were), or NULL */
};

typedef struct bx_mem_file {
    const char *name;
    const char *data;
    size_t len;
} bx_mem_file;

/* A dataset from files in memory: files[0] is dataset.yaml, the others
 * the CSVs it needs (copied). `origin` names the workbook they came from,
 * for messages ("book.xlsx » 03_支出总表.csv"). */
bx_dataset *bx_dataset_from_memory(const char *origin, const bx_mem_file *files, size_t n,
                                   bx_error *err);

/* A dataset from the text of its dataset.yaml (tests, fuzzing); CSV files
 * are looked for in dir. */
bx_dataset *bx_dataset_parse(const char *dir, const char *data, size_t len, bx_error *err);

/* The field called key, or NULL. */
const bx_dfield *bx_dataset_field(const bx_dataset *ds, const char *key);

/* Load the CSV a layout calls `data_name` (after the dataset's `files`
 * overrides). Caller frees with bx_csv_free. */
bx_csv *bx_dataset_csv(const bx_dataset *ds, const char *data_name, bx_error *err);

/* Whether table number n is wanted. */
bool bx_dataset_wants(const bx_dataset *ds, int number);

#endif /* BX_DATASET_H */
