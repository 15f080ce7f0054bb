/* The dataset a workbook carries: a hidden, protected worksheet written
 * after the tables and read by `budgetx import`/`render book.xlsx` — both
 * here. Each row starts with a tag in column A:
 *
 *   budgetx  <format version>  <a note for whoever unhides the sheet>
 *   template <set name>            layout <digest of the set's files>
 *   unit <unit>   year <year>      amounts <unit name> <decimals>
 *   title / output / created <value>   (only when dataset.yaml gives them)
 *   tables <n> <n> …                   (only when dataset.yaml lists them)
 *   blank <n>                          (a template: blank rows per block)
 *   field <key> <value>                file <data name> <file name>
 *   csv <data name> <file name> <bytes>
 *   text <the CSV's text, RFC 4180>    (in pieces of BX_CARRY_CHUNK bytes,
 *                                       one row each, to be joined)
 *
 * A text longer than BX_CARRY_CHUNK bytes (a worksheet cell holds at most
 * 32,767 characters) continues in the same column of the following rows
 * tagged "+". Empty texts are empty cells.
 *
 * Read back, the sheet is untrusted: a CSV's size is checked against the
 * bytes its "text" rows hold (never allocated before they are there), a
 * row's texts cost a pointer per text it holds (a row with more empty
 * columns than texts before its last one is refused), no joined text may
 * exceed BX_MAX_FILE_BYTES and all joined texts and CSVs together
 * BX_CARRY_MAX_BYTES.
 *
 * This module knows the sheet's shape (the header row, the tags of the
 * CSVs, pieces and continuations); what the other rows mean is the
 * dataset schema's (input/dataset_meta.h), handed in by the caller. */
#ifndef BX_DATASET_SHEET_H
#define BX_DATASET_SHEET_H

#include "arena.h"
#include "strbuf.h"
#include "xlsx_read.h"

#include <xlsxwriter.h>

#define BX_CARRY_SHEET "budgetx"
#define BX_CARRY_FORMAT "3"
#define BX_CARRY_CONTINUE "+"
enum {
    BX_CARRY_CHUNK = 30000,
    /* what reading a sheet may copy: "+"-joined texts and CSVs (the
     * unzipped size of one part, BX_XLSX_MAX_PART_BYTES, which the sheet of
     * a workbook budgetx wrote in streaming mode holds them within) */
    BX_CARRY_MAX_BYTES = 256 * 1024 * 1024,
    /* one text or CSV copied out (a CSV beyond it is in a sheet too big for
     * the reader's limits anyway) */
    BX_CARRY_MAX_TEXT = 64 * 1024 * 1024
};

/* Receives one row of the dataset's description: a tag and its texts. */
typedef bool (*bx_carry_put)(void *sheet, const char *tag, const char *const *texts, int n,
                             bx_error *err);

/* What a workbook is to carry, given by whoever writes it. */
typedef struct bx_carried {
    const void *ctx;
    /* The rows describing the dataset (dataset.yaml's values): put() for
     * each, in order. */
    bool (*describe)(const void *ctx, bx_carry_put put, void *sheet, bx_error *err);
    int ncsvs;
    /* CSV i: its data name and file name, and its text (RFC 4180)
     * appended to text. */
    bool (*csv)(const void *ctx, int i, const char **data, const char **file, bx_strbuf *text,
                bx_error *err);
} bx_carried;

/* The hidden, protected sheet, added to wb after the tables; shown when it
 * is alone (a report without tables: a workbook needs a visible sheet). */
bool bx_carried_write(lxw_workbook *wb, const bx_carried *c, bool alone, bx_error *err);

/* What a workbook's sheet holds, read back: the describing rows, in order,
 * and the CSVs. Strings live in the arena given to bx_carried_read or in
 * the book (a text of one cell is not copied): use them while both are. */
typedef struct bx_carried_row {
    const char *tag;
    const char **texts; /* columns B…, never NULL */
    int n;
    int index; /* its worksheet row, 0-based (0: the header row) */
} bx_carried_row;

typedef struct bx_carried_csv {
    const char *data, *file;
    const char *text;
    size_t len;
} bx_carried_csv;

typedef struct bx_carried_book {
    bx_carried_row *rows;
    int nrows;
    bx_carried_csv *csvs;
    int ncsvs;
} bx_carried_book;

/* Read the sheet of a workbook: fails (naming the workbook and the row)
 * when there is none, when its format is another, when its CSVs were
 * tampered with, or when it holds more than the limits above. */
bool bx_carried_read(const bx_xbook *book, bx_arena *arena, bx_carried_book *out, bx_error *err);

/* The message for a describing row that is not valid (row->index). */
bool bx_carried_row_broken(const bx_xbook *book, const bx_carried_row *row, bx_error *err);

#endif /* BX_DATASET_SHEET_H */
