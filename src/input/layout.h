/* Layouts: one YAML file per official table, grouped in a set folder with
 * set.yaml. Loaded into plain structs whose strings live in the set's
 * arena. The format is documented in docs/layout-format.md. */
#ifndef BX_LAYOUT_H
#define BX_LAYOUT_H

#include "amount.h"
#include "arena.h"
#include "common.h"
#include "doc_layout.h"
#include "style.h"

typedef enum bx_coltype {
    BX_COL_TEXT,     /* short text, left aligned, may be indented */
    BX_COL_CODE,     /* 科目编码 and the like: text that keeps leading zeros */
    BX_COL_LONGTEXT, /* paragraphs: wrapped */
    BX_COL_AMOUNT,   /* money, converted to the display unit */
    BX_COL_NUMBER    /* a plain decimal (rates, scores): not converted */
} bx_coltype;

/* A number column shown with as many decimals as each value was given
 * with (自评表: "27433741.7" beside "17948700.00"). */
enum { BX_DECIMALS_GIVEN = -1 };

/* A node of a header tree: a column group (children) or a leaf column. */
typedef struct bx_hnode {
    const char *title; /* template: may hold {year}, {unit}, {field} */
    bx_loc loc;
    struct bx_hnode *children;
    size_t nchildren;
    /* leaves only */
    const char *field; /* CSV column bound to the leaf (NULL: none) */
    bx_coltype type;
    int decimals; /* BX_COL_NUMBER: decimals shown; BX_DECIMALS_GIVEN: as typed */
    int width;    /* hundredths of a CJK character; 0 = by type */
    int span;     /* grid columns the leaf covers (forms); >= 1 */
    bool indent;  /* indented by the row's level */
    bx_align align;
    /* a part of a code split into columns (类 | 款 | 项): the code's
     * digits [digits_from, digits_from + digits); digits 0: the whole */
    int digits_from, digits;
    /* groups only */
    int rows; /* header rows the group's own cell spans (>= 1) */
    /* ledger groups only */
    const char *side; /* value of the side column choosing this group */
} bx_hnode;

typedef struct bx_header {
    bx_hnode *roots;
    size_t nroots;
} bx_header;

/* A cell of a form band. Exactly one of text / value / field is set. */
typedef struct bx_fcell {
    const char *text;  /* literal template */
    const char *value; /* name of a dataset field */
    const char *field; /* CSV column (repeat bands) */
    bx_loc loc;
    bx_coltype type;
    int decimals;
    int span;         /* grid columns */
    bool label;       /* a label cell: centred */
    bool merge_equal; /* repeat bands: merge equal neighbours vertically */
    bx_align align;
} bx_fcell;

typedef enum bx_band_kind {
    BX_BAND_CELLS,  /* one row of fixed cells */
    BX_BAND_HEADER, /* a header tree inside a form */
    BX_BAND_REPEAT, /* one row per CSV row */
    BX_BAND_GROUP   /* a label column spanning the rows of inner bands */
} bx_band_kind;

typedef struct bx_band {
    bx_band_kind kind;
    bx_loc loc;
    bx_fcell *cells; /* CELLS, REPEAT */
    size_t ncells;
    bx_header header;  /* HEADER */
    const char *data;  /* REPEAT: CSV file name */
    const char *label; /* GROUP */
    struct bx_band *bands;
    size_t nbands;
} bx_band;

/* Consistency checks a layout declares (docs/layout-format.md, "Checks"). */
typedef enum bx_check_kind {
    BX_CHECK_SUM,     /* every row: lhs = ±term ±term … */
    BX_CHECK_WITHIN,  /* every row: term <= term <= … */
    BX_CHECK_CODES,   /* a 科目编码 = the sum of its sub-codes; the code-less row = top codes */
    BX_CHECK_LEVELS,  /* a row = the sum of the rows one level below it */
    BX_CHECK_LEDGER,  /* items by level, cumulative totals, last totals equal */
    BX_CHECK_ROWS,    /* row lhs = ±row ±row … (rows by label), in every column */
    BX_CHECK_TOTAL,   /* forms: a single value = the sum of a column */
    BX_CHECK_EQUAL,   /* set: figures of several tables are equal */
    BX_CHECK_SET_SUM, /* set: a figure = the sum of figures of other tables */
    BX_CHECK_MATCH    /* set: rows of one table = the rows of another with the same name */
} bx_check_kind;

typedef struct bx_term {
    const char *name; /* a field, or a row label template (ROWS) */
    int sign;         /* +1 or -1 */
} bx_term;

/* A figure in the set: table number, row (@first, @last, @fields, code=…,
 * or a row label) and field. */
typedef struct bx_ref {
    int table;
    const char *row;
    const char *field;
    const char *text; /* as written */
} bx_ref;

typedef struct bx_check {
    bx_check_kind kind;
    const char *text; /* as written, for messages */
    bx_loc loc;
    const char *lhs; /* SUM, ROWS, TOTAL */
    bx_term *terms;  /* SUM, WITHIN, ROWS, TOTAL */
    int nterms;
    bx_ref *refs; /* EQUAL, SET_SUM, MATCH */
    int nrefs;
    const char **columns; /* ROWS: only these fields (NULL: all) */
    int ncolumns;
} bx_check;

typedef enum bx_table_kind {
    BX_TABLE_GRID,   /* header tree + one row per CSV row */
    BX_TABLE_LEDGER, /* two lists side by side (收入 | 支出) */
    BX_TABLE_FORM    /* fixed cells, repeating sections, groups */
} bx_table_kind;

/* How a table is printed (print: in set.yaml or a table): sizes in
 * points, 0 where not given. */
typedef struct bx_print {
    double font_size, title_size, row_height, body_row_height;
    int title_regular; /* -1: not given; 0 bold; 1 regular */
    double margins[4]; /* top, right, bottom, left, in points; 0: not given */
    double title_height;
    double leading;   /* line height over type size; 0: not given */
    double padding;   /* points; 0: not given */
    int stretch;      /* -1: not given; 0 the widths as given; 1 filling the page */
    int page_numbers; /* -1: not given; 0 none; 1 printed */
} bx_print;

typedef struct bx_table_layout {
    const char *file;          /* layout file as shown in messages */
    int number;                /* 1, 2, … */
    const char *label;         /* "表 1" */
    const char *title;         /* template */
    const char *sheet_name;    /* template */
    const char *caption_left;  /* "部门名称：{unit}" */
    const char *caption_right; /* "单位：万元" */
    bool landscape;
    bx_table_kind kind;
    bx_header header;         /* GRID, LEDGER */
    const char *data;         /* GRID, LEDGER: CSV file name */
    const char *level_field;  /* CSV column with the indentation level */
    const char *label_field;  /* column naming a row in checks (default: first text) */
    const char *side_field;   /* LEDGER: column naming the side */
    const char *kind_field;   /* LEDGER: column marking total rows */
    const char *total_marker; /* LEDGER: its value on total rows */
    int *grid_widths;         /* FORM: width of each grid column */
    size_t ngrid;
    bx_band *bands; /* FORM */
    size_t nbands;
    const char **notes; /* templates */
    size_t nnotes;
    const char *empty_note; /* shown when no amount is non-zero */
    int display_decimals;   /* amount decimals of this table; < 0: the set's */
    bool display_trim;      /* amounts drop trailing zeros ("General") */
    int64_t display_unit; /* this table's unit in 元 (the 三公 table in 万元); 0: the set's */
    bx_zero_display zero; /* how its zero amounts show; UNSET: the dataset's, the set's */
    /* GRID: the data's first (1) or last (-1) row is the table's total:
     * its label merged over the columns before it, centred; 0: none */
    int total_row;
    int min_rows; /* body rows at least: empty ruled rows before the total row */
    /* on the pages a table continues on: its title block, its header rows */
    bool repeat_title, repeat_header;
    bx_print print;   /* type sizes and row height; the set's where it has none */
    bx_check *checks; /* this table's consistency checks */
    size_t nchecks;
    const char *each_data; /* FORM: one sheet per row of this CSV … */
    const char *each_key;  /* … identified by this column */
} bx_table_layout;

struct bx_layout_set {
    bx_arena *arena;
    const char *dir;
    const char *base_dir; /* the base set's folder (its outline's part files), or NULL */
    const char *name;
    const char *title;            /* document title template */
    const char *font;             /* font name the published documents use */
    bx_scale display;             /* unit and decimals amounts are shown in */
    bx_zero_display display_zero; /* how zeros show where neither table nor dataset says */
    bx_print print;               /* how its tables are printed, where they do not say */
    bx_table_layout *tables;
    size_t ntables;
    bx_check *checks; /* identities across the tables of the set */
    size_t nchecks;
    bx_doc_layout *document; /* the whole public document's outline, or NULL */
    const char *version;     /* digest of set.yaml and the table files: a workbook
                                records it, reading one back compares */
};

/* The style of a cell in a column of the given type. */
bx_cell_style bx_coltype_style(bx_coltype type);

/* Leaves of a header in column order. `out` must hold bx_header_leaves()
 * entries. */
size_t bx_header_leaf_count(const bx_header *h);
size_t bx_header_leaves(const bx_header *h, const bx_hnode **out);

/* Width of the header in grid columns (sum of leaf spans). */
int bx_header_width(const bx_header *h);

/* The figure fields of a table (its amount and number columns, or for a
 * form its numeric cells), each once, in layout order; money[i] tells an
 * amount from a plain number. Returns how many were written (<= max). */
int bx_table_figure_fields(const struct bx_table_layout *t, const char **fields, bool *money,
                           int max);

/* Number of header rows: the depth of the deepest leaf. */
int bx_header_depth(const bx_header *h);

/* Where each header node goes. Cells are listed in row-major order. */
typedef struct bx_hplace {
    const bx_hnode *node;
    int row, col, rowspan, colspan;
} bx_hplace;

/* Place the header with its first column at first_col. *out is allocated
 * in arena; *count receives the number of nodes. */
bool bx_header_place(const bx_header *h, int first_col, bx_arena *arena, bx_hplace **out,
                     size_t *count, bx_error *err);

/* Load one table layout file into set's arena (used by the set loader and
 * by tests). */
bool bx_table_layout_load(bx_layout_set *set, const char *path, const char *display_name,
                          bx_table_layout *out, bx_error *err);
/* The same from a buffer. */
bool bx_table_layout_parse(bx_layout_set *set, const char *data, size_t len,
                           const char *display_name, bx_table_layout *out, bx_error *err);

/* The names of the layout sets bx_layout_set_find can find (folders with
 * a set.yaml in search_dirs and the built-in places), each once, sorted,
 * NULL-terminated; at most BX_MAX_SETS. Free with bx_layout_set_names_free. */
enum { BX_MAX_SETS = 256 };
char **bx_layout_set_names(const char *const *search_dirs, bx_error *err);
void bx_layout_set_names_free(char **names);

/* An empty set with an arena and the default display scale (tests). */
bx_layout_set *bx_layout_set_new(bx_error *err);

#endif /* BX_LAYOUT_H */
