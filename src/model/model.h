/* The model: the document as every back end sees it — each sheet as a
 * title block, a grid of cells with spans, column widths, the header-row
 * range and notes. It knows nothing of XLSX or PDF, nor of where its
 * figures came from (resolve/readback.h keeps that beside it). */
#ifndef BX_MODEL_H
#define BX_MODEL_H

#include "amount.h"
#include "arena.h"
#include "common.h"
#include "style.h"

typedef enum bx_cell_kind {
    BX_CELL_EMPTY,
    BX_CELL_TEXT,
    BX_CELL_AMOUNT /* an exact decimal: amount × 10^-decimals */
} bx_cell_kind;

/* 24 bytes: a table may hold millions. */
typedef struct bx_cell {
    bx_cell_kind kind : 8;
    bx_cell_style style : 8;
    uint8_t indent;   /* indentation level, 0..BX_MAX_INDENT */
    uint8_t decimals; /* BX_CELL_AMOUNT */
    int8_t align;     /* a bx_align override (0 = by style) */
    bool trim;        /* BX_CELL_AMOUNT: drop trailing zeros ("42", "43.44") */
    bool covered;     /* inside another cell's span: not an anchor */
    int rowspan, colspan;
    union {
        const char *text; /* BX_CELL_TEXT */
        int64_t amount;   /* BX_CELL_AMOUNT: an exact decimal */
    };
} bx_cell;

typedef struct bx_sheet {
    const char *name;  /* as the layout names it (a workbook makes it legal) */
    const char *label; /* "表 1" */
    const char *title;
    const char *caption_left;  /* may be NULL */
    const char *caption_right; /* may be NULL */
    bool landscape;
    int nrows, ncols;
    int header_rows; /* rows [0, header_rows) are column headers */
    /* printed on the first page only, not on the pages the table
     * continues on (上海's 收入总表 repeats neither) */
    bool title_once, header_once;
    /* how it is printed where its layout says (0: the back end's own):
     * the type size of its cells, captions and notes and of its title,
     * in points; the least height of a row, and of a body row, in points
     * (上海's tables: 12, 18, 25; its “三公” table's one row 69); its title
     * set in the regular face, not bold */
    double font_size, title_size, row_height, body_row_height;
    bool title_regular;
    /* its page: margins and the least height of its title block (label,
     * title, caption), in points (0: the back end's); no page numbers */
    double margin_top, margin_bottom, margin_left, margin_right, title_height;
    double leading;     /* line height over type size (0: the back end's) */
    double padding;     /* between a cell's rules and its text, in points (0: the back end's) */
    bool natural_width; /* the columns as wide as given, not stretched to the page */
    bool no_page_numbers;
    int *col_widths; /* hundredths of a CJK character */
    bx_cell *cells;  /* nrows × ncols, row-major */
    int cap_rows;
    const char **notes;
    int nnotes;
} bx_sheet;

/* The text of a whole public document around its tables (a layout set
 * with an outline), in reading order: the cover's title, the 目录, headings
 * with their numbers ("第二部分", "（一）"), paragraphs (a numbered one runs
 * in after its number: "1.医疗保障政策研究管理 874.6万元，…") and the place
 * the tables go, under their own heading. Figures in the texts are already
 * printed. */
typedef enum bx_block_kind {
    BX_BLOCK_TITLE,
    BX_BLOCK_CONTENTS, /* 目录: the headings of level <= level */
    BX_BLOCK_HEADING,
    BX_BLOCK_PARAGRAPH,
    BX_BLOCK_TABLES,  /* text: the heading over the tables ("二、表格部分") */
    BX_BLOCK_GRID,    /* a small table inside the text: grid */
    BX_BLOCK_LABEL,   /* a line above the title, at the cover's top left ("附件 1:") */
    BX_BLOCK_SUBTITLE /* a line below the title, centred ("预算主管部门：…") */
} bx_block_kind;

enum { BX_GRID_MAX_COLUMNS = 16 };

/* A table inside the text (2024's 第七部分: 项目名称 / 预算数 / 绩效目标): its
 * heading row, then one row per item, every cell a printed text. */
typedef struct bx_grid {
    int ncols, nrows;   /* nrows counts the heading row */
    const char **cells; /* nrows × ncols, row-major; row 0 the headings */
    const int *widths;  /* per column, its share of the text's width */
    const char *aligns; /* per column: 'l', 'c' or 'r' (the body's; headings centre) */
} bx_grid;

typedef struct bx_block {
    bx_block_kind kind;
    int level;          /* headings: 0 (unnumbered) .. 4; numbered paragraphs too */
    const char *number; /* "第二部分", "（一）", "1."; "" when none */
    const char *text;
    bool pages;   /* BX_BLOCK_CONTENTS: with the page each entry begins on */
    bool leaders; /* BX_BLOCK_CONTENTS: dots from each entry to the right edge */
    /* BX_BLOCK_TABLES: the heading only in the 目录 and the bookmarks, no
     * page of its own (上海's 五、部门预算表) */
    bool no_divider;
    /* a heading's or the tables' line in the 目录 when it differs from
     * number + text (上海: "一、部门主要职能" over a page headed "…主要职能"),
     * or NULL */
    const char *entry;
    /* BX_BLOCK_TABLES: the 目录's lines under it, one per table ("1. 2025年
     * 部门财务收支预算总表"), or none */
    const char **entries;
    int nentries;
    const bx_grid *grid; /* BX_BLOCK_GRID, else NULL */
} bx_block;

/* The document: its properties and its sheets. What every back end
 * draws, and all it sees. */
typedef struct bx_doc {
    bx_arena *arena;    /* owns every string and array of the document */
    const char *title;  /* document title */
    const char *author; /* the unit */
    const char *template_name;
    const char *font;        /* font name to ask for (宋体) */
    const char *amount_unit; /* display unit name, e.g. 万元 */
    int year;
    long long created; /* seconds since the epoch */
    bx_sheet *sheets;
    int nsheets;
    bx_block *blocks; /* none: the document is its tables */
    int nblocks;
    bx_text_setup text_setup;
    size_t cap_blocks;
} bx_doc;

static inline bx_cell *bx_sheet_cell(const bx_sheet *s, int row, int col)
{
    return &s->cells[(size_t)row * (size_t)s->ncols + (size_t)col];
}

/* Build a document: doc_new, then per sheet add_sheet + add_row + put.
 * bx_doc_free frees it and everything in it. */
bx_doc *bx_doc_new(bx_error *err);
void bx_doc_free(bx_doc *doc);
bx_sheet *bx_doc_add_sheet(bx_doc *doc, int ncols, bx_error *err);
/* A BX_BLOCK_GRID block: g's cells, widths and aligns copied. */
bool bx_doc_add_grid(bx_doc *doc, const bx_grid *g, bx_error *err);

/* Append a block (its strings copied into the document's arena). */
bool bx_doc_add_block(bx_doc *doc, bx_block_kind kind, int level, const char *number,
                      const char *text, bx_error *err);

/* Append an empty row; returns its index or -1. */
int bx_sheet_add_row(bx_sheet *s, bx_error *err);
/* Make room for n more rows at once (when their number is known), so that
 * a big table takes no more memory than its cells. */
bool bx_sheet_reserve_rows(bx_sheet *s, int n, bx_error *err);

/* Put an anchor cell with its spans at (row, col); rows the span needs
 * must exist. Fails if the span leaves the grid or overlaps a cell that is
 * already placed. */
bool bx_sheet_put(bx_sheet *s, int row, int col, const bx_cell *cell, bx_error *err);

/* Grow an anchor's row span (merging cells below, which must be empty). */
bool bx_sheet_extend_down(bx_sheet *s, int row, int col, int rowspan, bx_error *err);

/* Row heights that fit every cell: each row starts at `base`; cells of one
 * row first, then a cell spanning rows grows the last row of its span if
 * the rows are too low for it. need() gives a cell's height (the back
 * end's measure); a negative one stops with false. heights: s->nrows. */
typedef double (*bx_cell_height)(void *ctx, int row, int col, const bx_cell *cell);
bool bx_sheet_fit_rows(const bx_sheet *s, double base, bx_cell_height need, void *ctx,
                       double *heights);

/* The invariants every back end relies on: spans inside the grid, every
 * position covered exactly once, header rows at the top, amounts in
 * range. */
bool bx_doc_check(const bx_doc *doc, bx_error *err);

/* ---- the one walk that drives every back end ---- */

typedef enum bx_event_type {
    BX_EV_SHEET_BEGIN,
    BX_EV_ROW_BEGIN,
    BX_EV_CELL, /* anchor cells only; covered positions are skipped */
    BX_EV_ROW_END,
    BX_EV_SHEET_END,
    BX_EV_DONE
} bx_event_type;

typedef struct bx_event {
    bx_event_type type;
    const bx_sheet *sheet;
    int sheet_index;
    int row, col;
    const bx_cell *cell;
} bx_event;

typedef struct bx_iter {
    const bx_doc *doc;
    int sheet, row, col;
    bx_event_type next;
    bool finished;
} bx_iter;

void bx_iter_init(bx_iter *it, const bx_doc *doc);
/* Fill ev with the next event; false after BX_EV_DONE was returned. */
bool bx_iter_next(bx_iter *it, bx_event *ev);

#endif /* BX_MODEL_H */
