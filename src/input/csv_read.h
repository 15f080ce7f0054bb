/* CSV files of a dataset: detect the encoding (UTF-8 with or without BOM,
 * else GB18030, which covers GBK and GB2312), convert to UTF-8 with iconv,
 * parse with libcsv, and keep the line of every row for messages. */
#ifndef BX_CSV_READ_H
#define BX_CSV_READ_H

#include "common.h"

typedef struct bx_csv {
    char *name;           /* as shown in messages */
    const char *encoding; /* "UTF-8" or "GB18030" */
    size_t ncols;         /* columns of the header row */
    size_t nrows;         /* data rows (header not counted, blank rows dropped) */
    char **header;        /* ncols names */
    char **cells;         /* nrows * ncols texts, row-major, never NULL */
    int *row_line;        /* nrows: 1-based line where each row starts */
    int header_line;
    struct bx_arena *strings; /* owns the texts */
} bx_csv;

typedef enum bx_encoding { BX_ENCODING_AUTO, BX_ENCODING_UTF8, BX_ENCODING_GB18030 } bx_encoding;

/* Load path; `name` is used in messages (NULL = path). Rows whose fields
 * are all empty are dropped; any other row must have the header's number
 * of fields. Caller frees with bx_csv_free. */
bx_csv *bx_csv_load(const char *path, const char *name, bx_encoding encoding, bx_error *err);
/* The same from a buffer (tests, fuzzing). */
bx_csv *bx_csv_parse(const char *data, size_t len, const char *name, bx_encoding encoding,
                     bx_error *err);
void bx_csv_free(bx_csv *csv);

/* A text file's bytes as UTF-8 without BOM (UTF-8, else GB18030 when
 * `encoding` is auto); *used receives "UTF-8" or "GB18030". NULL with the
 * line and byte of the first bad byte in err. Caller frees. */
char *bx_text_to_utf8(const char *data, size_t len, const char *name, bx_encoding encoding,
                      const char **used, size_t *out_len, bx_error *err);

/* Index of the header column called `name`, or -1. */
int bx_csv_column(const bx_csv *csv, const char *name);

/* Cell text of data row r, column c. */
static inline const char *bx_csv_cell(const bx_csv *csv, size_t r, size_t c)
{
    return csv->cells[r * csv->ncols + c];
}

/* Location of data row r, column c (1-based column number). */
bx_loc bx_csv_loc(const bx_csv *csv, size_t r, size_t c);

#endif /* BX_CSV_READ_H */
