/* How a cell looks, in words every layer shares: layouts declare it,
 * resolve puts it on cells, back ends draw it. */
#ifndef BX_STYLE_H
#define BX_STYLE_H

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

#endif /* BX_STYLE_H */
