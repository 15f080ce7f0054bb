#include "display.h"

#include "amount.h"

#include <stdio.h>
#include <string.h>

/* What a spreadsheet's General format shows: no thousands separators, no
 * trailing zeros ("43.44", "42", "0"). */
static size_t trimmed_amount(const bx_cell *cell, char *buf, size_t size)
{
    char tmp[64];
    size_t n = bx_amount_format(cell->amount, cell->decimals, false, tmp, sizeof tmp);
    if (cell->decimals > 0) {
        while (n > 0 && tmp[n - 1] == '0')
            n--;
        if (n > 0 && tmp[n - 1] == '.')
            n--;
        tmp[n] = '\0';
    }
    if (size) {
        size_t k = n < size - 1 ? n : size - 1;
        memcpy(buf, tmp, k);
        buf[k] = '\0';
    }
    return n;
}

size_t bx_cell_display(const bx_cell *cell, char *buf, size_t size)
{
    switch (cell->kind) {
    case BX_CELL_EMPTY:
        if (size)
            buf[0] = '\0';
        return 0;
    case BX_CELL_TEXT: {
        size_t n = strlen(cell->text);
        if (size) {
            size_t k = n < size - 1 ? n : size - 1;
            memcpy(buf, cell->text, k);
            buf[k] = '\0';
        }
        return n;
    }
    case BX_CELL_AMOUNT:
        if (cell->trim)
            return trimmed_amount(cell, buf, size);
        return bx_amount_format(cell->amount, cell->decimals, cell->style != BX_STYLE_NUMBER, buf,
                                size);
    }
    return 0;
}

const char *bx_cell_numfmt(const bx_cell *cell)
{
    static const char *const grouped[] = {"#,##0",      "#,##0.0",     "#,##0.00",    "#,##0.000",
                                          "#,##0.0000", "#,##0.00000", "#,##0.000000"};
    static const char *const plain[] = {"0",      "0.0",     "0.00",    "0.000",
                                        "0.0000", "0.00000", "0.000000"};
    if (cell->kind != BX_CELL_AMOUNT || cell->decimals > BX_MAX_DECIMALS)
        return NULL;
    if (cell->trim)
        return "General";
    return cell->style == BX_STYLE_NUMBER ? plain[cell->decimals] : grouped[cell->decimals];
}

double bx_cell_double(const bx_cell *cell)
{
    static const double pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    if (cell->kind != BX_CELL_AMOUNT || cell->decimals > BX_MAX_DECIMALS)
        return 0;
    return (double)cell->amount / pow10[cell->decimals];
}

bx_align bx_cell_halign(const bx_cell *cell)
{
    if (cell->align != BX_ALIGN_DEFAULT)
        return (bx_align)cell->align;
    switch (cell->style) {
    case BX_STYLE_HEADER:
    case BX_STYLE_LABEL: return BX_ALIGN_CENTER;
    case BX_STYLE_AMOUNT:
    case BX_STYLE_NUMBER: return BX_ALIGN_RIGHT;
    case BX_STYLE_TEXT:
    case BX_STYLE_CODE:
    case BX_STYLE_PARAGRAPH: return BX_ALIGN_LEFT;
    }
    return BX_ALIGN_LEFT;
}

bool bx_cell_wraps(const bx_cell *cell)
{
    return cell->style != BX_STYLE_CODE && cell->style != BX_STYLE_AMOUNT &&
           cell->style != BX_STYLE_NUMBER;
}

const char *bx_style_name(bx_cell_style style)
{
    switch (style) {
    case BX_STYLE_HEADER: return "header";
    case BX_STYLE_LABEL: return "label";
    case BX_STYLE_TEXT: return "text";
    case BX_STYLE_CODE: return "code";
    case BX_STYLE_PARAGRAPH: return "paragraph";
    case BX_STYLE_AMOUNT: return "amount";
    case BX_STYLE_NUMBER: return "number";
    }
    return "?";
}

bool bx_cell_is_figure(const bx_cell *cell)
{
    return cell->style == BX_STYLE_AMOUNT || cell->style == BX_STYLE_NUMBER;
}
