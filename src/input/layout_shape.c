/* The shape of a table layout: the attributes of a column or cell, the
 * header tree of columns:, and a form's grid: and bands:. */
#include "layout.h"
#include "layout_loader.h"

#include <string.h>

/* ---- column and cell attributes ---------------------------------------- */

static bool parse_type(loader *ld, const yaml_node_t *map, bx_coltype *type)
{
    const char *t = bx_yaml_str(ld->y, map, "type", false, ld->err);
    if (!t)
        return !bx_failed(ld->err);
    static const struct {
        const char *name;
        bx_coltype type;
    } types[] = {{"text", BX_COL_TEXT},
                 {"code", BX_COL_CODE},
                 {"longtext", BX_COL_LONGTEXT},
                 {"amount", BX_COL_AMOUNT},
                 {"number", BX_COL_NUMBER}};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        if (strcmp(t, types[i].name) == 0) {
            *type = types[i].type;
            return true;
        }
    }
    return bx_layout_fail_at(ld, bx_yaml_get(ld->y, map, "type"),
                             "未知的列类型“%s”（可用：text, code, longtext, amount, number）", t);
}

static bool parse_align(loader *ld, const yaml_node_t *map, bx_align *align)
{
    const char *a = bx_yaml_str(ld->y, map, "align", false, ld->err);
    if (!a)
        return !bx_failed(ld->err);
    if (strcmp(a, "left") == 0)
        *align = BX_ALIGN_LEFT;
    else if (strcmp(a, "center") == 0)
        *align = BX_ALIGN_CENTER;
    else if (strcmp(a, "right") == 0)
        *align = BX_ALIGN_RIGHT;
    else
        return bx_layout_fail_at(ld, bx_yaml_get(ld->y, map, "align"),
                                 "未知的对齐方式“%s”（可用：left, center, right）", a);
    return true;
}

static bool parse_span(loader *ld, const yaml_node_t *map, int *span)
{
    long v = 1;
    if (!bx_yaml_int(ld->y, map, "span", false, 1, BX_MAX_COLUMNS, &v, ld->err))
        return false;
    *span = (int)v;
    return true;
}

static bool parse_decimals(loader *ld, const yaml_node_t *map, int *decimals)
{
    const char *text = bx_yaml_str(ld->y, map, "decimals", false, ld->err);
    if (text && strcmp(text, "given") == 0) {
        *decimals = BX_DECIMALS_GIVEN;
        return true;
    }
    long v = 2;
    if (!bx_yaml_int(ld->y, map, "decimals", false, 0, BX_MAX_DECIMALS, &v, ld->err))
        return false;
    *decimals = (int)v;
    return true;
}

static int default_width(bx_coltype type)
{
    switch (type) {
    case BX_COL_TEXT: return 1200;
    case BX_COL_CODE: return 800;
    case BX_COL_LONGTEXT: return 2400;
    case BX_COL_AMOUNT: return 700;
    case BX_COL_NUMBER: return 500;
    }
    return 1000;
}

/* ---- header trees ------------------------------------------------------ */

static bool parse_hnodes(loader *ld, const yaml_node_t *seq, int depth, bx_hnode **out,
                         size_t *count);

/* split: [{title: 类, digits: 3}, {title: 款, digits: 2}, …] — a code column
 * shown as one column per part of its digits, under its own title: n
 * becomes their group. */
static bool parse_split(loader *ld, const yaml_node_t *map, const yaml_node_t *seq, bx_hnode *n)
{
    if (n->type != BX_COL_CODE || !n->field || bx_yaml_get(ld->y, map, "children"))
        return bx_layout_fail_at(ld, seq, "split 只用于绑定了数据的 code 列（“%s”）", n->title);
    if (!bx_yaml_want_seq(ld->y, seq, "split", ld->err))
        return false;
    size_t count = bx_yaml_len(seq);
    if (count < 2 || count > 8)
        return bx_layout_fail_at(ld, seq, "split 应分成 2 到 8 列");
    bx_hnode *parts = bx_layout_alloc(ld, count * sizeof *parts);
    if (!parts)
        return false;
    static const char *const keys[] = {"title", "digits", "width", "align", NULL};
    int from = 0;
    for (size_t i = 0; i < count; i++) {
        const yaml_node_t *m = bx_yaml_item(ld->y, seq, i);
        bx_hnode *p = &parts[i];
        long digits = 0, width = 0;
        *p = (bx_hnode){.loc = bx_layout_loc_of(ld, m),
                        .field = n->field,
                        .type = BX_COL_CODE,
                        .span = 1,
                        .rows = 1,
                        .digits_from = from};
        if (!bx_yaml_want_map(ld->y, m, "split 的每一列", ld->err) ||
            !bx_yaml_check_keys(ld->y, m, keys, ld->err) ||
            !bx_layout_get_template(ld, m, "title", true, &p->title) ||
            !bx_yaml_int(ld->y, m, "digits", true, 1, 16, &digits, ld->err) ||
            !bx_yaml_hundredths(ld->y, m, "width", 100, 20000, &width, ld->err) ||
            !parse_align(ld, m, &p->align))
            return false;
        p->digits = (int)digits;
        p->width = width ? (int)width : 200;
        from += p->digits;
    }
    n->children = parts;
    n->nchildren = count;
    n->field = NULL; /* a group now: its parts are bound */
    n->type = BX_COL_TEXT;
    return true;
}

static bool parse_hnode(loader *ld, const yaml_node_t *map, int depth, bx_hnode *n)
{
    static const char *const keys[] = {"title",    "field", "type", "width",    "span",
                                       "indent",   "align", "side", "decimals", "rows",
                                       "children", "split", NULL};
    if (!bx_yaml_want_map(ld->y, map, "表头的每一项", ld->err) ||
        !bx_yaml_check_keys(ld->y, map, keys, ld->err))
        return false;
    n->loc = bx_layout_loc_of(ld, map);
    n->type = BX_COL_TEXT;
    n->span = 1;
    if (!bx_layout_get_template(ld, map, "title", true, &n->title) ||
        !bx_layout_get_plain(ld, map, "field", false, &n->field) ||
        !bx_layout_get_plain(ld, map, "side", false, &n->side) || !parse_type(ld, map, &n->type) ||
        !parse_align(ld, map, &n->align) || !parse_span(ld, map, &n->span) ||
        !parse_decimals(ld, map, &n->decimals) ||
        !bx_yaml_bool(ld->y, map, "indent", &n->indent, ld->err))
        return false;
    long width = 0, rows = 1;
    if (!bx_yaml_hundredths(ld->y, map, "width", 100, 20000, &width, ld->err) ||
        !bx_yaml_int(ld->y, map, "rows", false, 1, BX_MAX_DEPTH, &rows, ld->err))
        return false;
    n->rows = (int)rows;
    n->width = width ? (int)width : default_width(n->type);
    yaml_node_t *split = bx_yaml_get(ld->y, map, "split");
    if (split)
        return parse_split(ld, map, split, n);
    yaml_node_t *children = bx_yaml_get(ld->y, map, "children");
    if (!children && bx_yaml_get(ld->y, map, "rows"))
        return bx_layout_fail_at(
            ld, map, "rows 只用于有下级列的“%s”；没有下级的列总是延伸到表头最后一行", n->title);
    if (children) {
        if (n->field || bx_yaml_get(ld->y, map, "type") || bx_yaml_get(ld->y, map, "span"))
            return bx_layout_fail_at(ld, map, "“%s”有下级列，它本身不能再有 field、type 或 span",
                                     n->title);
        if (!parse_hnodes(ld, children, depth + 1, &n->children, &n->nchildren))
            return false;
    }
    return true;
}

static bool parse_hnodes(loader *ld, const yaml_node_t *seq, int depth, bx_hnode **out,
                         size_t *count)
{
    if (depth >= BX_MAX_DEPTH)
        return bx_layout_fail_at(ld, seq, "表头层级超过 %d 层的上限", BX_MAX_DEPTH);
    if (!bx_yaml_want_seq(ld->y, seq, "columns/children", ld->err))
        return false;
    size_t n = bx_yaml_len(seq);
    if (n == 0)
        return bx_layout_fail_at(ld, seq, "列的列表不能为空");
    if (n > BX_MAX_COLUMNS)
        return bx_layout_fail_at(ld, seq, "列数超过 %d 的上限", BX_MAX_COLUMNS);
    bx_hnode *nodes = bx_arena_alloc(ld->set->arena, n * sizeof *nodes, ld->err);
    if (!nodes)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!parse_hnode(ld, bx_yaml_item(ld->y, seq, i), depth, &nodes[i]))
            return false;
    *out = nodes;
    *count = n;
    return true;
}

bool bx_layout_parse_header(loader *ld, const yaml_node_t *seq, bx_header *h)
{
    if (!parse_hnodes(ld, seq, 0, &h->roots, &h->nroots))
        return false;
    if (bx_header_leaf_count(h) > BX_MAX_COLUMNS || bx_header_width(h) > BX_MAX_COLUMNS)
        return bx_layout_fail_at(ld, seq, "列数超过 %d 的上限", BX_MAX_COLUMNS);
    return true;
}

/* Every leaf of a data table must be bound to a CSV column, once. */
bool bx_layout_check_bound_leaves(loader *ld, const yaml_node_t *where, const bx_header *h,
                                  bool unique)
{
    size_t n = bx_header_leaf_count(h);
    const bx_hnode **leaves = bx_arena_alloc(ld->set->arena, n * sizeof *leaves, ld->err);
    if (!leaves)
        return false;
    bx_header_leaves(h, leaves);
    for (size_t i = 0; i < n; i++) {
        if (!leaves[i]->field) {
            bx_fail(ld->err, &leaves[i]->loc, BX_ERR_LAYOUT, "列“%s”没有绑定数据（缺少 field）",
                    leaves[i]->title);
            return false;
        }
        if (leaves[i]->span != 1) {
            bx_fail(ld->err, &leaves[i]->loc, BX_ERR_LAYOUT,
                    "只有表单（kind: form）的列可以设置 span");
            return false;
        }
        for (size_t k = 0; unique && k < i; k++) {
            bool parts = leaves[k]->digits && leaves[i]->digits; /* of one split code */
            if (strcmp(leaves[k]->field, leaves[i]->field) == 0 && !parts) {
                bx_fail(ld->err, &leaves[i]->loc, BX_ERR_LAYOUT, "数据列“%s”被绑定了两次",
                        leaves[i]->field);
                return false;
            }
        }
    }
    (void)where;
    return true;
}

/* ---- forms ------------------------------------------------------------- */

static bool parse_fcell(loader *ld, const yaml_node_t *map, bool in_repeat, bx_fcell *c)
{
    static const char *const keys[] = {"text",  "value", "field", "type",     "span",
                                       "label", "merge", "align", "decimals", NULL};
    if (!bx_yaml_want_map(ld->y, map, "表单的每个单元格", ld->err) ||
        !bx_yaml_check_keys(ld->y, map, keys, ld->err))
        return false;
    c->loc = bx_layout_loc_of(ld, map);
    c->type = BX_COL_TEXT;
    if (!bx_layout_get_template(ld, map, "text", false, &c->text) ||
        !bx_layout_get_plain(ld, map, "value", false, &c->value) ||
        !bx_layout_get_plain(ld, map, "field", false, &c->field) ||
        !parse_type(ld, map, &c->type) || !parse_span(ld, map, &c->span) ||
        !parse_align(ld, map, &c->align) || !parse_decimals(ld, map, &c->decimals) ||
        !bx_yaml_bool(ld->y, map, "label", &c->label, ld->err))
        return false;
    int given = (c->text != NULL) + (c->value != NULL) + (c->field != NULL);
    if (given != 1)
        return bx_layout_fail_at(ld, map, "单元格应恰好有 text、value、field 之一");
    if (c->field && !in_repeat)
        return bx_layout_fail_at(ld, map, "field 只能用在 repeat 段中；固定单元格用 text 或 value");
    const char *merge = bx_yaml_str(ld->y, map, "merge", false, ld->err);
    if (merge) {
        if (strcmp(merge, "equal") != 0 || !in_repeat)
            return bx_layout_fail_at(ld, bx_yaml_get(ld->y, map, "merge"),
                                     "merge 只能是 equal，且只能用在 repeat 段中");
        c->merge_equal = true;
    }
    return !bx_failed(ld->err);
}

static bool parse_fcells(loader *ld, const yaml_node_t *seq, bool in_repeat, int width,
                         bx_fcell **out, size_t *count)
{
    if (!bx_yaml_want_seq(ld->y, seq, "cells", ld->err))
        return false;
    size_t n = bx_yaml_len(seq);
    if (n == 0 || n > BX_MAX_COLUMNS)
        return bx_layout_fail_at(ld, seq, "cells 应有 1 到 %d 个单元格", BX_MAX_COLUMNS);
    bx_fcell *cells = bx_arena_alloc(ld->set->arena, n * sizeof *cells, ld->err);
    if (!cells)
        return false;
    int total = 0;
    for (size_t i = 0; i < n; i++) {
        if (!parse_fcell(ld, bx_yaml_item(ld->y, seq, i), in_repeat, &cells[i]))
            return false;
        total += cells[i].span;
    }
    if (total != width)
        return bx_layout_fail_at(ld, seq, "这一行的单元格共占 %d 列，应占 %d 列", total, width);
    *out = cells;
    *count = n;
    return true;
}

static bool parse_band(loader *ld, const yaml_node_t *map, int width, int depth, bx_band *b)
{
    static const char *const keys[] = {"cells", "header", "repeat", "group", "bands", NULL};
    if (!bx_yaml_want_map(ld->y, map, "bands 的每一段", ld->err) ||
        !bx_yaml_check_keys(ld->y, map, keys, ld->err))
        return false;
    b->loc = bx_layout_loc_of(ld, map);
    yaml_node_t *cells = bx_yaml_get(ld->y, map, "cells");
    yaml_node_t *header = bx_yaml_get(ld->y, map, "header");
    yaml_node_t *repeat = bx_yaml_get(ld->y, map, "repeat");
    yaml_node_t *group = bx_yaml_get(ld->y, map, "group");
    yaml_node_t *bands = bx_yaml_get(ld->y, map, "bands");
    if (group) {
        if (cells || header || repeat || !bands)
            return bx_layout_fail_at(ld, map, "group 段应只有 group（标签）和 bands");
        if (width < 2)
            return bx_layout_fail_at(ld, map, "group 段至少需要 2 列");
        b->kind = BX_BAND_GROUP;
        return bx_layout_get_template(ld, map, "group", true, &b->label) &&
               bx_layout_parse_bands(ld, bands, width - 1, depth + 1, &b->bands, &b->nbands);
    }
    if (bands)
        return bx_layout_fail_at(ld, map, "bands 只能用在 group 段中");
    if (header) {
        if (cells || repeat)
            return bx_layout_fail_at(ld, map, "header 段不能同时有 cells 或 repeat");
        b->kind = BX_BAND_HEADER;
        if (!bx_layout_parse_header(ld, header, &b->header))
            return false;
        int w = bx_header_width(&b->header);
        if (w != width)
            return bx_layout_fail_at(ld, header, "表头共占 %d 列，应占 %d 列", w, width);
        return true;
    }
    if (!cells)
        return bx_layout_fail_at(ld, map, "每一段应有 cells、header、repeat 或 group 之一");
    b->kind = repeat ? BX_BAND_REPEAT : BX_BAND_CELLS;
    if (repeat && !bx_layout_get_data(ld, map, "repeat", true, &b->data))
        return false;
    return parse_fcells(ld, cells, repeat != NULL, width, &b->cells, &b->ncells);
}

bool bx_layout_parse_bands(loader *ld, const yaml_node_t *seq, int width, int depth, bx_band **out,
                           size_t *count)
{
    if (depth >= BX_MAX_DEPTH)
        return bx_layout_fail_at(ld, seq, "表单嵌套超过 %d 层的上限", BX_MAX_DEPTH);
    if (!bx_yaml_want_seq(ld->y, seq, "bands", ld->err))
        return false;
    size_t n = bx_yaml_len(seq);
    if (n == 0)
        return bx_layout_fail_at(ld, seq, "bands 不能为空");
    bx_band *b = bx_arena_alloc(ld->set->arena, n * sizeof *b, ld->err);
    if (!b)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!parse_band(ld, bx_yaml_item(ld->y, seq, i), width, depth, &b[i]))
            return false;
    *out = b;
    *count = n;
    return true;
}

bool bx_layout_parse_grid(loader *ld, const yaml_node_t *seq, bx_table_layout *t)
{
    if (!bx_yaml_want_seq(ld->y, seq, "grid", ld->err))
        return false;
    size_t n = bx_yaml_len(seq);
    if (n == 0 || n > BX_MAX_COLUMNS)
        return bx_layout_fail_at(ld, seq, "grid 应有 1 到 %d 列", BX_MAX_COLUMNS);
    t->grid_widths = bx_arena_alloc(ld->set->arena, n * sizeof(int), ld->err);
    if (!t->grid_widths)
        return false;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = bx_yaml_item(ld->y, seq, i);
        const char *text = bx_yaml_text(item);
        int64_t v = 0;
        if (!text || bx_amount_parse(text, 2, &v) != BX_AMOUNT_OK || v < 100 || v > 20000 ||
            strchr(text, ','))
            return bx_layout_fail_at(ld, item, "grid 的每一项是一列的宽度（1 到 200 个汉字宽）");
        t->grid_widths[i] = (int)v;
    }
    t->ngrid = n;
    return true;
}
