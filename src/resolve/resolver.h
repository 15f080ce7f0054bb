/* What the files of resolve share: the resolver, which carries the
 * state of one resolution, and the helpers grid.c and form.c build on. */
#ifndef BX_RESOLVER_H
#define BX_RESOLVER_H

#include "resolve.h"

typedef struct resolver {
    const bx_layout_set *set;
    const bx_dataset *ds;
    bx_model *m;
    bx_arena *arena; /* the document's */
    bx_readback *rb; /* m's */
    bx_trace *trace; /* of the current sheet */
    bx_error *err;
    const bx_table_layout *t;
    bx_sheet *sheet;
    /* a form repeated per row of an index CSV (layout `each`): that row */
    const bx_csv *inst;
    size_t inst_row;
    int inst_key; /* column of the key in inst */
    /* the data view of the current sheet and the row being read */
    bx_vtable *vt;
    bx_vrow *vrow;
    int fixed_row;                    /* of the form being read: an index, as rows move */
    struct ledger_side *ledger_sides; /* of the ledger being read */
    const char **files;               /* file names interned in the model */
    int nfiles;
    const char *last_file; /* the name last interned, and its index */
    int last_index;
    bool bind;       /* record every data cell's source (reading a workbook back) */
    int blank_rows;  /* a template: blank rows after every block of data rows */
    int repeat_col0; /* the repeating section being closed: its first column */
} resolver;

static inline bool failed(const resolver *rv)
{
    return bx_failed(rv->err);
}

/* ---- cells.c: cells from data, the data view, file names, binds -------- */

/* File names that live as long as the model (CSV names die with their
 * CSV; the data view keeps locations). The index of a file among the
 * model's inputs, added if new; -1 when out of memory. The cells of one
 * CSV share its name: the last one is tried first. */
int bx_rv_intern_file_at(resolver *rv, const char *name);
/* The interned copy of a file name. */
const char *bx_rv_intern_file(resolver *rv, const char *name);
/* The instance's value of a column of its index CSV, or NULL. */
const char *bx_rv_instance_field(const resolver *rv, const char *name, bx_loc *loc);
/* The index of a kept CSV among the model's sources. */
uint16_t bx_rv_source_index(const resolver *rv, const bx_csv *csv);
/* Remember that cell (row, col) shows CSV row r, column c (or, with csv
 * NULL, dataset field c). */
bool bx_rv_bind_cell(resolver *rv, int row, int col, const bx_csv *csv, size_t r, int c);
/* Room for at least `cap` rows in the data view. */
bool bx_rv_vt_grow(resolver *rv, int cap);
/* Open a data row: figures read by make_cell until the next one go there. */
bx_vrow *bx_rv_vt_row(resolver *rv, const bx_loc *loc);
/* The data view of the current table: its figure fields. */
bool bx_rv_vt_begin_table(resolver *rv);
/* A row's name and code from its text cells: the layout's label_field,
 * else the first text; the first code. */
void bx_rv_name_row(resolver *rv, bx_vrow *vr, const char *field, bx_coltype type,
                    const bx_cell *cell);
/* A cell of the given type from a data text. A figure is also recorded
 * under `field` in the open data row, if any. */
bool bx_rv_make_cell(resolver *rv, bx_coltype type, int decimals, const char *field,
                     const char *raw, const bx_loc *loc, bx_cell *cell);
/* A row's indentation level from its text (0…BX_MAX_INDENT; blank: 0). */
bool bx_rv_parse_level(resolver *rv, const char *raw, const bx_loc *loc, int *level);
/* A blank cell of a column's type, to be typed into. */
bx_cell bx_rv_blank_cell(bx_coltype type, bx_align align, int span);

/* ---- narrate.c: the whole document's text -------------------------------- */

/* The set's document outline written into the model's blocks, its
 * figures logged in the model's narration. */
bool bx_rv_narrate(resolver *rv);

/* ---- sheets.c: CSVs, templates, headers, blocks of rows --------------- */

/* A CSV of the dataset, read once and kept by the model (a workbook
 * carries it); its name is remembered as an input. `rows_vary`: a table
 * body or a repeating section. NULL on failure. */
const bx_csv *bx_rv_load_csv(resolver *rv, const char *name, bool rows_vary);
/* Expand {year}, {unit} and {field} in a layout text into the model's
 * arena. `loc` locates the template for messages. */
const char *bx_rv_expand(resolver *rv, const char *tpl, const bx_loc *loc);
/* The header rows of a header tree, its first column at first_col. */
bool bx_rv_put_header(resolver *rv, const bx_header *h, int first_col);
/* Find the CSV column of every wanted field; every CSV column must be
 * wanted. `cols` receives -1 for optional fields that are absent. */
bool bx_rv_bind_columns(resolver *rv, const bx_csv *csv, const char *const *fields,
                        const bool *optional, size_t n, int *cols);
/* Close a block of data rows: how many rows it took, then a template's
 * blank rows, each cell made by put(). */
/* v with `decimals` decimals at BX_NORM_DECIMALS, as the data view holds
 * figures; false on overflow (and for INT64_MIN, which is BX_NOVALUE). */
bool bx_rv_normalize(int64_t v, int decimals, int64_t *out);

/* "5:基金监督管理:总计" into the table's number, the row (at most size
 * bytes) and the field; false if it is not one. */
bool bx_rv_split_ref(const char *ref, int *table, char *row, size_t size, const char **field);

/* printed.c: dataset.yaml's printed figures of the grid just resolved
 * (leaves: its columns) put in its cells; each entry used once, else an
 * error naming it (bx_rv_printed_used, after every table). */
struct bx_hnode;
bool bx_rv_apply_printed(resolver *rv, const struct bx_hnode **leaves, size_t nleaves);
bool bx_rv_printed_used(resolver *rv);

bool bx_rv_end_block(resolver *rv, int slot, bool (*put)(resolver *rv, const void *what, int row),
                     const void *what);
/* Open a block of rows of csv in the current sheet: where it starts,
 * recorded for read-back only. *slot receives its index, -1 without one;
 * false when out of memory. */
bool bx_rv_open_block(resolver *rv, const bx_csv *csv, const bx_band *band, int col0, int *slot);
/* What grids and ledgers begin with: the header rows, then the table's
 * CSV (kept by the model) with its columns bound to the wanted fields. */
const bx_csv *bx_rv_start_data_table(resolver *rv, const char *const *fields, const bool *optional,
                                     size_t n, int *cols);

/* ---- grid.c ------------------------------------------------------------ */

/* The current table, of kind grid or ledger, into the current sheet. */
bool bx_rv_resolve_grid(resolver *rv);
bool bx_rv_resolve_ledger(resolver *rv);

/* ---- form.c ------------------------------------------------------------ */

/* The current table, a form, into the current sheet. */
bool bx_rv_resolve_form(resolver *rv);

#endif /* BX_RESOLVER_H */
