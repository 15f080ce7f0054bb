/* What dataset.yaml says — the one description of its keys, used by the
 * loader (YAML in), by `budgetx import` (YAML out) and by the dataset a
 * workbook carries (tagged rows out and back in). Documented in
 * docs/dataset-format.md. */
#ifndef BX_DATASET_META_H
#define BX_DATASET_META_H

#include "amount.h"
#include "arena.h"
#include "csv_read.h"
#include "strbuf.h"
#include "yaml_doc.h"

/* A text of dataset.yaml with where it was written (loc zero when it was
 * not read from a file). */
typedef struct bx_dfield {
    const char *key;
    const char *value;
    bx_loc loc;
} bx_dfield;

/* How this dataset's tables show their amounts, where a table's layout
 * does not say: 普陀区's 区政府办公室 prints two decimals and leaves zeros
 * blank, its 万里街道 whole 元 and "0", in one layout set. */
typedef struct bx_dataset_display {
    int decimals; /* -1: the set's */
    bx_zero_display zero;
} bx_dataset_display;

typedef struct bx_dataset_meta {
    const char *template_name;
    const char *unit; /* 单位/部门名称 */
    int year;
    bx_scale input; /* unit and decimals the amounts are given in */
    bx_dataset_display display;
    const char *title;       /* document title override, or NULL */
    const char *output_name; /* base name of the output files, or NULL */
    const char *document;    /* "tables": only the tables of a set with an outline; NULL,
                                "whole": the whole document */
    long long created;       /* seconds since the epoch; -1: not given */
    bx_encoding encoding;    /* of the CSV files (never carried: a workbook's are UTF-8) */
    bx_dfield *fields;       /* free-text fields of the forms and titles */
    size_t nfields;
    bx_dfield *files; /* data name → file name overrides */
    size_t nfiles;
    /* figures the published tables print otherwise than the data holds:
     * "T:ROW:COLUMN" → the printed figure (a grid's cell shows it, check
     * reports it) */
    bx_dfield *printed;
    size_t nprinted;
    /* the fixed wordings of the department's texts whose digits are not
     * figures (a document number "沪府规【2016】168号"): name → wording */
    bx_dfield *constants;
    size_t nconstants;
    size_t cap_fields, cap_files, cap_printed, cap_constants; /* room (read back row by row) */
    int *tables; /* table numbers to render; NULL = all */
    size_t ntables;
    /* what only a workbook's copy holds */
    const char *layout_version; /* digest of the layout set it was made with */
    int blank_rows;             /* a template: blank rows per block (0: none) */
} bx_dataset_meta;

/* Nothing given: no creation date, encodings detected. */
void bx_meta_init(bx_dataset_meta *m);

/* The keys of dataset.yaml's root mapping into m, strings copied into
 * arena; messages name `file` and the line and column. */
bool bx_meta_load(bx_dataset_meta *m, bx_yaml *y, const char *file, bx_arena *arena, bx_error *err);

/* dataset.yaml for m (libyaml's emitter), appended to out. */
bool bx_meta_yaml(const bx_dataset_meta *m, bx_strbuf *out, bx_error *err);

/* m as the rows a workbook's dataset sheet holds: put() is called with a
 * tag ("template", "unit", "field", …) and its texts, in schema order. */
typedef bool (*bx_meta_put)(void *ctx, const char *tag, const char *const *texts, int n,
                            bx_error *err);
bool bx_meta_rows(const bx_dataset_meta *m, bx_meta_put put, void *ctx, bx_error *err);

/* One such row read back into m (texts kept, not copied; lists grown in
 * arena). False if the tag is not one of the schema's or its texts are
 * not valid (err is set only when out of memory). */
bool bx_meta_row(bx_dataset_meta *m, const char *tag, const char *const *texts, int n,
                 bx_arena *arena, bx_error *err);
/* Whether what rows gave is complete: template, unit, year and amounts. */
bool bx_meta_complete(const bx_dataset_meta *m);

/* Parse "YYYY-MM-DD" into seconds since the epoch (UTC midnight). */
bool bx_parse_date(const char *s, long long *out);
/* The other way: the UTC date of t as "YYYY-MM-DD" into buf (11 bytes). */
void bx_format_date(long long t, char *buf, size_t size);

/* "auto", "utf-8", "gb18030" (also "gbk", "gb2312"), any case. */
bool bx_encoding_named(const char *name, bx_encoding *out);

#endif /* BX_DATASET_META_H */
