/* Header trees: spans are computed here from the tree, never written by
 * hand. A group spans its leaves (and `rows` header rows, 1 unless the
 * layout says otherwise); a leaf spans down to the last header row. */
#include "layout.h"

#include <stdlib.h>

static size_t count_leaves(const bx_hnode *n, size_t k)
{
    size_t total = 0;
    for (size_t i = 0; i < k; i++)
        total += n[i].nchildren ? count_leaves(n[i].children, n[i].nchildren) : 1;
    return total;
}

size_t bx_header_leaf_count(const bx_header *h)
{
    return count_leaves(h->roots, h->nroots);
}

static size_t collect_leaves(const bx_hnode *n, size_t k, const bx_hnode **out, size_t at)
{
    for (size_t i = 0; i < k; i++) {
        if (n[i].nchildren)
            at = collect_leaves(n[i].children, n[i].nchildren, out, at);
        else
            out[at++] = &n[i];
    }
    return at;
}

size_t bx_header_leaves(const bx_header *h, const bx_hnode **out)
{
    return collect_leaves(h->roots, h->nroots, out, 0);
}

static int span_of(const bx_hnode *n)
{
    if (!n->nchildren)
        return n->span > 0 ? n->span : 1;
    int w = 0;
    for (size_t i = 0; i < n->nchildren; i++)
        w += span_of(&n->children[i]);
    return w;
}

int bx_header_width(const bx_header *h)
{
    int w = 0;
    for (size_t i = 0; i < h->nroots; i++)
        w += span_of(&h->roots[i]);
    return w;
}

static int own_rows(const bx_hnode *n)
{
    return n->nchildren && n->rows > 1 ? n->rows : 1;
}

static int depth_of(const bx_hnode *n)
{
    int d = 0;
    for (size_t i = 0; i < n->nchildren; i++) {
        int c = depth_of(&n->children[i]);
        if (c > d)
            d = c;
    }
    return d + own_rows(n);
}

int bx_header_depth(const bx_header *h)
{
    int d = 0;
    for (size_t i = 0; i < h->nroots; i++) {
        int c = depth_of(&h->roots[i]);
        if (c > d)
            d = c;
    }
    return d;
}

typedef struct placer {
    bx_hplace *cells;
    size_t n;
    int depth;
} placer;

static void place(placer *p, const bx_hnode *nodes, size_t k, int row, int col)
{
    for (size_t i = 0; i < k; i++) {
        const bx_hnode *n = &nodes[i];
        int width = span_of(n);
        bx_hplace *c = &p->cells[p->n++];
        c->node = n;
        c->row = row;
        c->col = col;
        c->colspan = width;
        c->rowspan = n->nchildren ? own_rows(n) : p->depth - row;
        if (n->nchildren)
            place(p, n->children, n->nchildren, row + own_rows(n), col);
        col += width;
    }
}

static size_t count_nodes(const bx_hnode *n, size_t k)
{
    size_t total = k;
    for (size_t i = 0; i < k; i++)
        total += count_nodes(n[i].children, n[i].nchildren);
    return total;
}

static int by_row_then_col(const void *a, const void *b)
{
    const bx_hplace *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return (x->col > y->col) - (x->col < y->col);
}

bool bx_header_place(const bx_header *h, int first_col, bx_arena *arena, bx_hplace **out,
                     size_t *count, bx_error *err)
{
    size_t total = count_nodes(h->roots, h->nroots);
    placer p = {bx_arena_alloc(arena, total * sizeof(bx_hplace), err), 0, bx_header_depth(h)};
    if (!p.cells)
        return false;
    place(&p, h->roots, h->nroots, 0, first_col);
    qsort(p.cells, p.n, sizeof *p.cells, by_row_then_col);
    *out = p.cells;
    *count = p.n;
    return true;
}

bx_cell_style bx_coltype_style(bx_coltype type)
{
    switch (type) {
    case BX_COL_TEXT: return BX_STYLE_TEXT;
    case BX_COL_CODE: return BX_STYLE_CODE;
    case BX_COL_LONGTEXT: return BX_STYLE_PARAGRAPH;
    case BX_COL_AMOUNT: return BX_STYLE_AMOUNT;
    case BX_COL_NUMBER: return BX_STYLE_NUMBER;
    }
    return BX_STYLE_TEXT;
}
