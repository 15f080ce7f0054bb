/* Figures the published tables print otherwise than the data holds
 * (dataset.yaml's printed: "2:code=21201:合计": 94995790 — 万里街道 printed
 * 94,995,790 where its parts give 94,995,789): the data keeps the figure
 * that adds up, the table's cell shows the printed one, and check reports
 * each (check/printed.c). Grids only: their rows are the sheet's rows. */
#include "resolver.h"

#include <stdio.h>
#include <string.h>

static bool fail_entry(resolver *rv, const bx_dfield *e, const char *why)
{
    bx_fail(rv->err, &e->loc, BX_ERR_DATA, "printed 的“%s”：%s", e->key, why);
    return false;
}

/* Entry e's table, row and column, or an error naming it. */
static bool entry_ref(resolver *rv, const bx_dfield *e, int *table, char *sel, size_t size,
                      const char **field)
{
    return bx_rv_split_ref(e->key, table, sel, size, field) ||
           fail_entry(rv, e, "应写成 表号:行:列（如 2:code=21201:合计）");
}

/* Entry e put in the grid just resolved. */
static bool apply_one(resolver *rv, const bx_dfield *e, const char *sel, const char *field,
                      const struct bx_hnode **leaves, size_t nleaves)
{
    int count = 0;
    const bx_vrow *vr = bx_dataview_row(rv->vt, sel, rv->ds->meta.year, &count);
    if (count != 1 || vr->sheet_row < 0)
        return fail_entry(rv, e, count > 1 ? "有多行符合：请用 code=科目编码" : "表中没有这一行");
    int col = -1, f = -1;
    for (size_t i = 0; i < nleaves && col < 0; i++)
        if (leaves[i]->type == BX_COL_AMOUNT && strcmp(leaves[i]->field, field) == 0)
            col = (int)i;
    for (int i = 0; i < rv->vt->nfields && f < 0; i++)
        if (strcmp(rv->vt->fields[i], field) == 0)
            f = i;
    if (col < 0 || f < 0)
        return fail_entry(rv, e, "表中没有这一金额列");
    bx_vrow *keep = rv->vrow;
    rv->vrow = NULL; /* the data view keeps the data's figure */
    bx_cell cell;
    bool ok = bx_rv_make_cell(rv, BX_COL_AMOUNT, 0, field, e->value, &e->loc, &cell);
    rv->vrow = keep;
    int64_t typed, v;
    int decimals = rv->ds->meta.input.decimals;
    if (!ok)
        return false;
    if (bx_amount_parse(e->value, decimals, &typed) != BX_AMOUNT_OK ||
        !bx_rv_normalize(typed, decimals, &v))
        return fail_entry(rv, e, "印刷的数应为金额");
    bx_cell *at = bx_sheet_cell(rv->sheet, vr->sheet_row, col);
    cell.style = at->style;
    cell.align = at->align;
    *at = cell;
    struct bx_printed *p = &rv->m->printed[rv->m->nprinted++];
    *p = (struct bx_printed){(int)(rv->vt - rv->m->view.tables), (int)(vr - rv->vt->rows), f, v,
                             (size_t)(e - rv->ds->meta.printed)};
    return true;
}

bool bx_rv_apply_printed(resolver *rv, const struct bx_hnode **leaves, size_t nleaves)
{
    const bx_dataset_meta *meta = &rv->ds->meta;
    if (!meta->nprinted)
        return true;
    if (!rv->m->printed && !(rv->m->printed = bx_arena_alloc(
                                 rv->arena, meta->nprinted * sizeof *rv->m->printed, rv->err)))
        return false;
    for (size_t i = 0; i < meta->nprinted; i++) {
        const bx_dfield *e = &meta->printed[i];
        int table;
        char sel[512];
        const char *field;
        if (!entry_ref(rv, e, &table, sel, sizeof sel, &field))
            return false;
        if (table == rv->t->number && !apply_one(rv, e, sel, field, leaves, nleaves))
            return false;
    }
    return true;
}

bool bx_rv_printed_used(resolver *rv)
{
    const bx_dataset_meta *meta = &rv->ds->meta;
    for (size_t i = 0; i < meta->nprinted; i++) {
        const bx_dfield *e = &meta->printed[i];
        int table;
        char sel[512];
        const char *field;
        if (!entry_ref(rv, e, &table, sel, sizeof sel, &field))
            return false;
        bool used = false;
        for (size_t k = 0; k < rv->m->nprinted && !used; k++)
            used = rv->m->printed[k].entry == i;
        if (!used && bx_dataset_wants(rv->ds, table))
            return fail_entry(rv, e, "没有用上：只用于 grid 表（表号:行:列）");
    }
    return true;
}
