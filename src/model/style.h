/* How a cell and a text page look, in words every layer shares: layouts
 * declare it, resolve puts it on cells and the document, back ends draw it. */
#ifndef BX_STYLE_H
#define BX_STYLE_H

#include <stdbool.h>

typedef enum bx_cell_style {
    BX_STYLE_HEADER,    /* column header: centred both ways, wrapped */
    BX_STYLE_LABEL,     /* form label, total label: centred, wrapped */
    BX_STYLE_TEXT,      /* body text: left, wrapped, indented by level */
    BX_STYLE_CODE,      /* codes: left, never wrapped */
    BX_STYLE_PARAGRAPH, /* long text: left, wrapped */
    BX_STYLE_AMOUNT,    /* money: right, thousands separators */
    BX_STYLE_NUMBER     /* plain decimal: right, no separators */
} bx_cell_style;

typedef enum bx_align {
    BX_ALIGN_DEFAULT, /* by style: text left, numbers right */
    BX_ALIGN_LEFT,
    BX_ALIGN_CENTER,
    BX_ALIGN_RIGHT
} bx_align;

/* The faces a text page's parts may be set in (BX_FACE_DEFAULT: the back
 * end's choice for that part). */
typedef enum bx_text_face {
    BX_FACE_DEFAULT,
    BX_FACE_REGULAR,
    BX_FACE_BOLD,
    BX_FACE_HEI,
    BX_FACE_KAI
} bx_text_face;

/* The parts of a text page whose type a set may choose. */
typedef enum bx_text_role {
    BX_ROLE_TITLE,          /* the cover's title */
    BX_ROLE_SUBTITLE,       /* the cover's line below it */
    BX_ROLE_CONTENTS_TITLE, /* 目录 */
    BX_ROLE_CONTENTS,       /* its entries */
    BX_ROLE_PART,           /* headings of levels 0 and 1 */
    BX_ROLE_SECTION,        /* level 2 */
    BX_ROLE_BODY,           /* paragraphs and the lower headings */
    BX_TEXT_ROLES
} bx_text_role;

/* How the text pages are printed where the set says (document.yaml page:;
 * 0 and BX_FACE_DEFAULT: the back end's own): 上海's are A4 landscape, 12 pt
 * on 14.5 pt lines, each part beginning a page, the cover in 楷体. */
typedef struct bx_text_setup {
    bool landscape;
    bool part_pages;      /* every level-1 heading begins a page */
    bool no_page_numbers; /* the text's pages carry none */
    double margin_top, margin_right, margin_bottom, margin_left; /* points */
    double leading;                                              /* baseline to baseline, points */
    double size[BX_TEXT_ROLES];                                  /* points */
    bx_text_face face[BX_TEXT_ROLES];
} bx_text_setup;

#endif /* BX_STYLE_H */
