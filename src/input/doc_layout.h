/* A layout set's outline of the whole public document (document.yaml and
 * the part files it includes; docs/document-format.md): the cover's
 * title, the 目录, headings with their numbering styles, paragraphs of
 * sentences whose figures come from the tables, the department's own
 * texts, and where the tables go. */
#ifndef BX_DOC_LAYOUT_H
#define BX_DOC_LAYOUT_H

#include "arena.h"
#include "common.h"
#include "amount.h"
#include "sentence.h"
#include "style.h"

enum {
    BX_DOC_LEVELS = 5, /* heading levels 0 (unnumbered) .. 4 */
    BX_DOC_MAX_BLOCKS = 10000,
    BX_DOC_MAX_INCLUDES = 64
};

typedef enum bx_dblock_kind {
    BX_DB_HEADING,   /* text: the heading's words; level 0..4 */
    BX_DB_PARAGRAPH, /* text: a sentence template; level > 0: numbered, run in */
    BX_DB_TEXT,      /* text: the name of a department text; lead: before it */
    BX_DB_TABLES,    /* text: the heading over the tables */
    BX_DB_CONTENTS,  /* 目录 */
    BX_DB_TABLE      /* text: the department's rows of a table inside the text */
} bx_dblock_kind;

enum { BX_DOC_MAX_COLUMNS = 16 };

/* A column of a table inside the text: its heading, the template of its
 * cells ({row}: the row's name, {text}: the department's text of the row,
 * {5:@row:总计}: the row's figure), its share of the width, its alignment. */
typedef struct bx_dcolumn {
    const char *heading, *cell;
    int width;
    char align; /* 'l', 'c', 'r' */
} bx_dcolumn;

typedef struct bx_dblock {
    bx_dblock_kind kind;
    int level;
    const char *text;
    const char *lead; /* BX_DB_TEXT: a template before its first paragraph, or NULL */
    /* BX_DB_TEXT: a template each paragraph is printed through, {text} the
     * paragraph (上海's “{path}”科目{5:@row:合计}万元，{text}), or NULL */
    const char *each;
    /* BX_DB_TEXT: each paragraph's number, {n} or {cn} its count from 1
     * ("{n}.", "（{cn}）"), or NULL */
    const char *numbering;
    /* BX_DB_TEXT with numbering: the list its numbers continue (the
     * blocks of one list count on from each other, "（二）" between), or NULL */
    const char *list;
    bool pages;   /* BX_DB_CONTENTS: page numbers */
    bool leaders; /* BX_DB_CONTENTS: dots from each entry to the right edge */
    /* BX_DB_CONTENTS: the numbers of its level-1 entries and the tables'
     * (numbering, "{cn}、") and of the tables listed under those (NULL:
     * the tables are not listed) */
    const char *table_numbering;
    bool no_divider; /* BX_DB_TABLES: its heading only in the 目录 and bookmarks */
    /* BX_DB_HEADING, BX_DB_TABLES: the 目录's text for it, a template, or
     * NULL (its text) */
    const char *entry;
    /* BX_DB_TABLE, BX_DB_TEXT: the table rows its department rows name
     * ("5:level=1"), each exactly once (NULL: a text about no rows); a
     * table's columns */
    const char *rows;
    /* BX_DB_TEXT with rows: how {path} prints a row after its ancestors,
     * one template per level from the top, {name} the row's name, the last
     * for any deeper ("{name}（类）", "{name}（款）", "{name}（项）"); NULL:
     * the names joined by "-" */
    const char *const *path;
    int npath;
    const bx_dcolumn *columns;
    int ncolumns;
    bx_loc loc; /* in its file, for messages */
} bx_dblock;

typedef struct bx_doc_layout {
    const char *title;    /* the cover's, a {name} template */
    const char *label;    /* above the title at the cover's top left ("附件 1:"), or NULL */
    const char *subtitle; /* below the title, centred ("预算主管部门：{unit}"), or NULL */
    bx_text_setup page;   /* how the text pages are printed (page:) */
    /* per heading level: how its number is written, {cn} (一, 二, …) or
     * {n} (1, 2, …) standing for its count; NULL: not numbered */
    const char *numbering[BX_DOC_LEVELS];
    const char *texts;   /* the data file of the department's texts, or NULL */
    const char *compare; /* the data file of last year's figures, or NULL */
    const char *basis; /* what last year's figures are: 年初预算, 调整预算, 上年决算 */
    const char *given; /* the data file of figures printed as given (占位符, 印刷), or NULL */
    const char *figures; /* the data file of the department's figures no table holds
                            (名称, 数值: {value 名称}), or NULL */
    bx_nstyle style;
    /* the unit and decimals sentences print amounts in (上海's 万元 from
     * tables in 元); unit 0: the set's display unit, decimals -1: the cell's */
    bx_scale amounts;
    bx_dblock *blocks;
    size_t nblocks;
} bx_doc_layout;

#endif /* BX_DOC_LAYOUT_H */
