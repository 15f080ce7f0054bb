/* Loading layout sets and table layouts from YAML. Every string is copied
 * into the set's arena, so the YAML documents are freed after loading. */
#include "layout.h"

#include "yaml_doc.h"
#include "fs.h"
#include "places.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* What the loader of one file carries around. */
typedef struct loader {
    bx_layout_set *set;
    bx_yaml *y;
    const char *file; /* arena copy of the display name */
    bx_error *err;
} loader;

static bx_loc loc_of(loader *ld, const yaml_node_t *node)
{
    bx_loc loc = bx_yaml_loc(ld->y, node);
    loc.file = ld->file;
    return loc;
}

static bool fail_at(loader *ld, const yaml_node_t *node, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static bool fail_at(loader *ld, const yaml_node_t *node, const char *fmt, ...)
{
    bx_loc loc = loc_of(ld, node);
    va_list ap;
    va_start(ap, fmt);
    bx_vfail(ld->err, &loc, BX_ERR_LAYOUT, fmt, ap);
    va_end(ap);
    return false;
}

static const char *copy(loader *ld, const char *s)
{
    return s ? bx_arena_strdup(ld->set->arena, s, ld->err) : NULL;
}

/* Placeholders are {name}; "{{" and "}}" stand for literal braces. */
static bool check_template(loader *ld, const yaml_node_t *node, const char *t)
{
    for (const char *p = t; *p; p++) {
        if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
            p++;
            continue;
        }
        if (*p == '}')
            return fail_at(ld, node, "文字“%s”中的“}”没有对应的“{”", t);
        if (*p != '{')
            continue;
        const char *end = strchr(p, '}');
        const char *nested = strchr(p + 1, '{');
        if (!end || end == p + 1 || (nested && nested < end))
            return fail_at(ld, node, "文字“%s”中的占位符应写成 {名称}", t);
        p = end;
    }
    return true;
}

/* A template string at map[key]. */
static bool get_template(loader *ld, const yaml_node_t *map, const char *key, bool required,
                         const char **out)
{
    const char *s = bx_yaml_str(ld->y, map, key, required, ld->err);
    if (!s)
        return !bx_failed(ld->err);
    if (!check_template(ld, bx_yaml_get(ld->y, map, key), s))
        return false;
    *out = copy(ld, s);
    return *out != NULL;
}

static bool get_plain(loader *ld, const yaml_node_t *map, const char *key, bool required,
                      const char **out)
{
    return bx_yaml_copy_text(ld->y, map, key, required, ld->set->arena, out, ld->err);
}

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
    return fail_at(ld, bx_yaml_get(ld->y, map, "type"),
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
        return fail_at(ld, bx_yaml_get(ld->y, map, "align"),
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

static bool parse_hnode(loader *ld, const yaml_node_t *map, int depth, bx_hnode *n)
{
    static const char *const keys[] = {"title", "field", "type",     "width", "span",     "indent",
                                       "align", "side",  "decimals", "rows",  "children", NULL};
    if (!bx_yaml_want_map(ld->y, map, "表头的每一项", ld->err) ||
        !bx_yaml_check_keys(ld->y, map, keys, ld->err))
        return false;
    n->loc = loc_of(ld, map);
    n->type = BX_COL_TEXT;
    n->span = 1;
    if (!get_template(ld, map, "title", true, &n->title) ||
        !get_plain(ld, map, "field", false, &n->field) ||
        !get_plain(ld, map, "side", false, &n->side) || !parse_type(ld, map, &n->type) ||
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
    yaml_node_t *children = bx_yaml_get(ld->y, map, "children");
    if (!children && bx_yaml_get(ld->y, map, "rows"))
        return fail_at(ld, map, "rows 只用于有下级列的“%s”；没有下级的列总是延伸到表头最后一行",
                       n->title);
    if (children) {
        if (n->field || bx_yaml_get(ld->y, map, "type") || bx_yaml_get(ld->y, map, "span"))
            return fail_at(ld, map, "“%s”有下级列，它本身不能再有 field、type 或 span", n->title);
        if (!parse_hnodes(ld, children, depth + 1, &n->children, &n->nchildren))
            return false;
    }
    return true;
}

static bool parse_hnodes(loader *ld, const yaml_node_t *seq, int depth, bx_hnode **out,
                         size_t *count)
{
    if (depth >= BX_MAX_DEPTH)
        return fail_at(ld, seq, "表头层级超过 %d 层的上限", BX_MAX_DEPTH);
    if (!bx_yaml_want_seq(ld->y, seq, "columns/children", ld->err))
        return false;
    size_t n = bx_yaml_len(seq);
    if (n == 0)
        return fail_at(ld, seq, "列的列表不能为空");
    if (n > BX_MAX_COLUMNS)
        return fail_at(ld, seq, "列数超过 %d 的上限", BX_MAX_COLUMNS);
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

static bool parse_header(loader *ld, const yaml_node_t *seq, bx_header *h)
{
    if (!parse_hnodes(ld, seq, 0, &h->roots, &h->nroots))
        return false;
    if (bx_header_leaf_count(h) > BX_MAX_COLUMNS || bx_header_width(h) > BX_MAX_COLUMNS)
        return fail_at(ld, seq, "列数超过 %d 的上限", BX_MAX_COLUMNS);
    return true;
}

/* Every leaf of a data table must be bound to a CSV column, once. */
static bool check_bound_leaves(loader *ld, const yaml_node_t *where, const bx_header *h,
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
            if (strcmp(leaves[k]->field, leaves[i]->field) == 0) {
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
    c->loc = loc_of(ld, map);
    c->type = BX_COL_TEXT;
    if (!get_template(ld, map, "text", false, &c->text) ||
        !get_plain(ld, map, "value", false, &c->value) ||
        !get_plain(ld, map, "field", false, &c->field) || !parse_type(ld, map, &c->type) ||
        !parse_span(ld, map, &c->span) || !parse_align(ld, map, &c->align) ||
        !parse_decimals(ld, map, &c->decimals) ||
        !bx_yaml_bool(ld->y, map, "label", &c->label, ld->err))
        return false;
    int given = (c->text != NULL) + (c->value != NULL) + (c->field != NULL);
    if (given != 1)
        return fail_at(ld, map, "单元格应恰好有 text、value、field 之一");
    if (c->field && !in_repeat)
        return fail_at(ld, map, "field 只能用在 repeat 段中；固定单元格用 text 或 value");
    const char *merge = bx_yaml_str(ld->y, map, "merge", false, ld->err);
    if (merge) {
        if (strcmp(merge, "equal") != 0 || !in_repeat)
            return fail_at(ld, bx_yaml_get(ld->y, map, "merge"),
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
        return fail_at(ld, seq, "cells 应有 1 到 %d 个单元格", BX_MAX_COLUMNS);
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
        return fail_at(ld, seq, "这一行的单元格共占 %d 列，应占 %d 列", total, width);
    *out = cells;
    *count = n;
    return true;
}

static bool parse_bands(loader *ld, const yaml_node_t *seq, int width, int depth, bx_band **out,
                        size_t *count);

static bool parse_band(loader *ld, const yaml_node_t *map, int width, int depth, bx_band *b)
{
    static const char *const keys[] = {"cells", "header", "repeat", "group", "bands", NULL};
    if (!bx_yaml_want_map(ld->y, map, "bands 的每一段", ld->err) ||
        !bx_yaml_check_keys(ld->y, map, keys, ld->err))
        return false;
    b->loc = loc_of(ld, map);
    yaml_node_t *cells = bx_yaml_get(ld->y, map, "cells");
    yaml_node_t *header = bx_yaml_get(ld->y, map, "header");
    yaml_node_t *repeat = bx_yaml_get(ld->y, map, "repeat");
    yaml_node_t *group = bx_yaml_get(ld->y, map, "group");
    yaml_node_t *bands = bx_yaml_get(ld->y, map, "bands");
    if (group) {
        if (cells || header || repeat || !bands)
            return fail_at(ld, map, "group 段应只有 group（标签）和 bands");
        if (width < 2)
            return fail_at(ld, map, "group 段至少需要 2 列");
        b->kind = BX_BAND_GROUP;
        return get_template(ld, map, "group", true, &b->label) &&
               parse_bands(ld, bands, width - 1, depth + 1, &b->bands, &b->nbands);
    }
    if (bands)
        return fail_at(ld, map, "bands 只能用在 group 段中");
    if (header) {
        if (cells || repeat)
            return fail_at(ld, map, "header 段不能同时有 cells 或 repeat");
        b->kind = BX_BAND_HEADER;
        if (!parse_header(ld, header, &b->header))
            return false;
        int w = bx_header_width(&b->header);
        if (w != width)
            return fail_at(ld, header, "表头共占 %d 列，应占 %d 列", w, width);
        return true;
    }
    if (!cells)
        return fail_at(ld, map, "每一段应有 cells、header、repeat 或 group 之一");
    b->kind = repeat ? BX_BAND_REPEAT : BX_BAND_CELLS;
    if (repeat && !get_plain(ld, map, "repeat", true, &b->data))
        return false;
    return parse_fcells(ld, cells, repeat != NULL, width, &b->cells, &b->ncells);
}

static bool parse_bands(loader *ld, const yaml_node_t *seq, int width, int depth, bx_band **out,
                        size_t *count)
{
    if (depth >= BX_MAX_DEPTH)
        return fail_at(ld, seq, "表单嵌套超过 %d 层的上限", BX_MAX_DEPTH);
    if (!bx_yaml_want_seq(ld->y, seq, "bands", ld->err))
        return false;
    size_t n = bx_yaml_len(seq);
    if (n == 0)
        return fail_at(ld, seq, "bands 不能为空");
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

static bool parse_grid(loader *ld, const yaml_node_t *seq, bx_table_layout *t)
{
    if (!bx_yaml_want_seq(ld->y, seq, "grid", ld->err))
        return false;
    size_t n = bx_yaml_len(seq);
    if (n == 0 || n > BX_MAX_COLUMNS)
        return fail_at(ld, seq, "grid 应有 1 到 %d 列", BX_MAX_COLUMNS);
    t->grid_widths = bx_arena_alloc(ld->set->arena, n * sizeof(int), ld->err);
    if (!t->grid_widths)
        return false;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = bx_yaml_item(ld->y, seq, i);
        const char *text = bx_yaml_text(item);
        int64_t v = 0;
        if (!text || bx_amount_parse(text, 2, &v) != BX_AMOUNT_OK || v < 100 || v > 20000 ||
            strchr(text, ','))
            return fail_at(ld, item, "grid 的每一项是一列的宽度（1 到 200 个汉字宽）");
        t->grid_widths[i] = (int)v;
    }
    t->ngrid = n;
    return true;
}

/* ---- checks ------------------------------------------------------------ */

/* Split text at ASCII spaces into tokens (in the arena). */
static int split_tokens(loader *ld, const char *text, const char **tok, int max)
{
    int n = 0;
    for (const char *p = text; *p && n < max;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *end = strchr(p, ' ');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        tok[n] = bx_arena_strndup(ld->set->arena, p, len, ld->err);
        if (!tok[n])
            return -1;
        n++;
        p += len;
    }
    return n;
}

/* "A = B + C - D" (signs between terms, spaces around operators), or
 * "A <= B <= C" for within. */
static bool parse_expr(loader *ld, const yaml_node_t *node, bx_check *c)
{
    const char *tok[BX_MAX_COLUMNS * 2 + 3];
    int n = split_tokens(ld, c->text, tok, (int)(sizeof tok / sizeof tok[0]));
    if (n < 0)
        return false;
    c->terms = bx_arena_alloc(ld->set->arena, (size_t)(n + 1) * sizeof *c->terms, ld->err);
    if (!c->terms)
        return false;
    if (c->kind == BX_CHECK_WITHIN) {
        for (int i = 0; i < n; i++) {
            if (i % 2 == 1 ? strcmp(tok[i], "<=") != 0 : strcmp(tok[i], "<=") == 0)
                return fail_at(ld, node, "检查“%s”应写成 甲 <= 乙 <= 丙（运算符两边留空格）",
                               c->text);
            if (i % 2 == 0)
                c->terms[c->nterms++] = (bx_term){tok[i], 1};
        }
        if (n % 2 == 0 || c->nterms < 2)
            return fail_at(ld, node, "检查“%s”应写成 甲 <= 乙 <= 丙（运算符两边留空格）", c->text);
        return true;
    }
    if (n < 3 || strcmp(tok[1], "=") != 0)
        return fail_at(ld, node, "检查“%s”应写成 合计 = 甲 + 乙 - 丙（运算符两边留空格）", c->text);
    c->lhs = tok[0];
    int sign = 1;
    for (int i = 2; i < n; i++) {
        bool op = strcmp(tok[i], "+") == 0 || strcmp(tok[i], "-") == 0;
        bool want_op = (i - 2) % 2 == 1;
        if (op != want_op)
            return fail_at(ld, node, "检查“%s”应写成 合计 = 甲 + 乙 - 丙（运算符两边留空格）",
                           c->text);
        if (op)
            sign = tok[i][0] == '-' ? -1 : 1;
        else
            c->terms[c->nterms++] = (bx_term){tok[i], sign};
    }
    if ((n - 2) % 2 == 0)
        return fail_at(ld, node, "检查“%s”以运算符结尾", c->text);
    return true;
}

/* "N:ROW:FIELD" */
static bool parse_ref(loader *ld, const yaml_node_t *node, const char *text, bx_ref *r)
{
    const char *a = strchr(text, ':'), *b = strrchr(text, ':');
    int64_t n = 0;
    char num[16];
    size_t len = a ? (size_t)(a - text) : 0;
    if (!a || a == b || len == 0 || len >= sizeof num)
        return fail_at(ld, node, "引用“%s”应写成 表号:行:列，例如 1:收入总计:金额", text);
    memcpy(num, text, len);
    num[len] = '\0';
    if (bx_amount_parse(num, 0, &n) != BX_AMOUNT_OK || n < 1 || n > 999)
        return fail_at(ld, node, "引用“%s”的表号无效", text);
    r->table = (int)n;
    r->row = bx_arena_strndup(ld->set->arena, a + 1, (size_t)(b - a - 1), ld->err);
    r->field = copy(ld, b + 1);
    r->text = copy(ld, text);
    return r->row && r->field && r->text;
}

static bool parse_check(loader *ld, const yaml_node_t *map, bool set_level, bx_check *c)
{
    static const char *const table_kinds[] = {"sum",    "within", "codes", "levels",
                                              "ledger", "rows",   "total", NULL};
    static const char *const set_kinds[] = {"equal", "sum", "match", NULL};
    const char *const *kinds = set_level ? set_kinds : table_kinds;
    static const char *const table_keys[] = {"sum",  "within", "codes",   "levels", "ledger",
                                             "rows", "total",  "columns", NULL};
    if (!bx_yaml_want_map(ld->y, map, "checks 的每一项", ld->err) ||
        !bx_yaml_check_keys(ld->y, map, set_level ? kinds : table_keys, ld->err))
        return false;
    yaml_node_t *columns = bx_yaml_get(ld->y, map, "columns");
    if (bx_yaml_len(map) != 1 + (columns != NULL))
        return fail_at(ld, map, "checks 的每一项应恰好是一种检查");
    yaml_node_t *k = NULL, *v = NULL;
    for (size_t i = 0; i < bx_yaml_len(map); i++) {
        bx_yaml_pair(ld->y, map, i, &k, &v);
        if (strcmp(bx_yaml_text(k), "columns") != 0)
            break;
    }
    if (columns && strcmp(bx_yaml_text(k), "rows") != 0)
        return fail_at(ld, columns, "columns 只用于 rows 检查");
    if (columns) {
        if (!bx_yaml_want_seq(ld->y, columns, "columns", ld->err))
            return false;
        size_t n = bx_yaml_len(columns);
        c->columns = bx_arena_alloc(ld->set->arena, (n ? n : 1) * sizeof *c->columns, ld->err);
        if (!c->columns)
            return false;
        for (size_t i = 0; i < n; i++) {
            yaml_node_t *item = bx_yaml_item(ld->y, columns, i);
            if (!bx_yaml_want_scalar(ld->y, item, "columns 的每一项", ld->err) ||
                !(c->columns[i] = copy(ld, bx_yaml_text(item))))
                return false;
        }
        c->ncolumns = (int)n;
    }
    const char *kind = bx_yaml_text(k);
    c->loc = loc_of(ld, map);
    if (set_level) {
        c->kind = strcmp(kind, "equal") == 0 ? BX_CHECK_EQUAL
                  : strcmp(kind, "sum") == 0 ? BX_CHECK_SET_SUM
                                             : BX_CHECK_MATCH;
        if (!bx_yaml_want_seq(ld->y, v, kind, ld->err))
            return false;
        size_t n = bx_yaml_len(v);
        if (n < 2 || n > 64 || (c->kind == BX_CHECK_MATCH && n > 9))
            return fail_at(ld, v, "%s",
                           c->kind == BX_CHECK_MATCH ? "match 应列出 2 到 9 个引用"
                           : c->kind == BX_CHECK_SET_SUM
                               ? "sum 应列出合计和至少 1 个加数（2 到 64 个引用）"
                               : "equal 应列出 2 到 64 个引用");
        c->refs = bx_arena_alloc(ld->set->arena, n * sizeof *c->refs, ld->err);
        if (!c->refs)
            return false;
        for (size_t i = 0; i < n; i++) {
            yaml_node_t *item = bx_yaml_item(ld->y, v, i);
            if (!bx_yaml_want_scalar(ld->y, item, "引用", ld->err) ||
                !parse_ref(ld, item, bx_yaml_text(item), &c->refs[i]))
                return false;
        }
        c->nrefs = (int)n;
        c->text = c->refs[0].text;
        return true;
    }
    if (!bx_yaml_want_scalar(ld->y, v, kind, ld->err))
        return false;
    c->text = copy(ld, bx_yaml_text(v));
    if (!c->text)
        return false;
    static const struct {
        const char *name;
        bx_check_kind kind;
        bool expr;
    } map_kinds[] = {{"sum", BX_CHECK_SUM, true},        {"within", BX_CHECK_WITHIN, true},
                     {"codes", BX_CHECK_CODES, false},   {"levels", BX_CHECK_LEVELS, false},
                     {"ledger", BX_CHECK_LEDGER, false}, {"rows", BX_CHECK_ROWS, true},
                     {"total", BX_CHECK_TOTAL, true}};
    for (size_t i = 0; i < sizeof map_kinds / sizeof map_kinds[0]; i++) {
        if (strcmp(kind, map_kinds[i].name) != 0)
            continue;
        c->kind = map_kinds[i].kind;
        if (!map_kinds[i].expr) {
            /* what the rule says, for messages */
            c->text = c->kind == BX_CHECK_CODES    ? "上级科目 = 下级科目之和"
                      : c->kind == BX_CHECK_LEVELS ? "上一级 = 下一级之和"
                                                   : "收支：明细之和、合计、总计，两栏总计相等";
            return true;
        }
        if (c->kind == BX_CHECK_ROWS && !check_template(ld, v, c->text))
            return false;
        return parse_expr(ld, v, c);
    }
    return fail_at(ld, k, "未知的检查“%s”", kind);
}

static bool parse_checks(loader *ld, const yaml_node_t *seq, bool set_level, bx_check **out,
                         size_t *count)
{
    if (!bx_yaml_want_seq(ld->y, seq, "checks", ld->err))
        return false;
    size_t n = bx_yaml_len(seq);
    bx_check *c = bx_arena_alloc(ld->set->arena, (n ? n : 1) * sizeof *c, ld->err);
    if (!c)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!parse_check(ld, bx_yaml_item(ld->y, seq, i), set_level, &c[i]))
            return false;
    *out = c;
    *count = n;
    return true;
}

static bool has_field(const char *const *fields, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(fields[i], name) == 0)
            return true;
    return false;
}

/* Every field a check names must be a figure of the table. */
static bool check_check_fields(loader *ld, const bx_table_layout *t)
{
    const char *fields[BX_MAX_COLUMNS * 4];
    bool money[BX_MAX_COLUMNS * 4];
    int n = bx_table_figure_fields(t, fields, money, (int)(sizeof fields / sizeof fields[0]));
    for (size_t i = 0; i < t->nchecks; i++) {
        const bx_check *c = &t->checks[i];
        bool fields_named =
            c->kind == BX_CHECK_SUM || c->kind == BX_CHECK_WITHIN || c->kind == BX_CHECK_TOTAL;
        if (c->kind == BX_CHECK_LEDGER && t->kind != BX_TABLE_LEDGER)
            return bx_fail(ld->err, &c->loc, BX_ERR_LAYOUT, "ledger 检查只用于 ledger 表") == BX_OK;
        if (c->kind == BX_CHECK_TOTAL && t->kind != BX_TABLE_FORM)
            return bx_fail(ld->err, &c->loc, BX_ERR_LAYOUT, "total 检查只用于表单") == BX_OK;
        for (int k = 0; k < c->ncolumns; k++)
            if (!has_field(fields, n, c->columns[k]))
                return bx_fail(ld->err, &c->loc, BX_ERR_LAYOUT,
                               "检查“%s”的列“%s”不是本表的金额或数字列", c->text,
                               c->columns[k]) == BX_OK;
        if (!fields_named)
            continue;
        if (c->lhs && !has_field(fields, n, c->lhs))
            return bx_fail(ld->err, &c->loc, BX_ERR_LAYOUT,
                           "检查“%s”中的“%s”不是本表的金额或数字列", c->text, c->lhs) == BX_OK;
        for (int k = 0; k < c->nterms; k++)
            if (!has_field(fields, n, c->terms[k].name))
                return bx_fail(ld->err, &c->loc, BX_ERR_LAYOUT,
                               "检查“%s”中的“%s”不是本表的金额或数字列", c->text,
                               c->terms[k].name) == BX_OK;
    }
    return true;
}

/* The figures of a form: numeric cells of its bands, each name once. */
static int form_figures(const bx_band *bands, size_t n, const char **fields, bool *money, int k,
                        int max)
{
    for (size_t i = 0; i < n; i++) {
        const bx_band *b = &bands[i];
        if (b->kind == BX_BAND_GROUP)
            k = form_figures(b->bands, b->nbands, fields, money, k, max);
        for (size_t c = 0; c < b->ncells && k < max; c++) {
            const bx_fcell *fc = &b->cells[c];
            const char *name = fc->field ? fc->field : fc->value;
            if (!name || (fc->type != BX_COL_AMOUNT && fc->type != BX_COL_NUMBER) ||
                has_field(fields, k, name))
                continue;
            fields[k] = name;
            money[k++] = fc->type == BX_COL_AMOUNT;
        }
    }
    return k;
}

int bx_table_figure_fields(const bx_table_layout *t, const char **fields, bool *money, int max)
{
    if (t->kind == BX_TABLE_FORM)
        return form_figures(t->bands, t->nbands, fields, money, 0, max);
    size_t nleaves = bx_header_leaf_count(&t->header);
    const bx_hnode *leaves[BX_MAX_COLUMNS];
    if (nleaves > BX_MAX_COLUMNS)
        return 0;
    bx_header_leaves(&t->header, leaves);
    int k = 0;
    for (size_t i = 0; i < nleaves && k < max; i++) {
        const bx_hnode *l = leaves[i];
        if ((l->type != BX_COL_AMOUNT && l->type != BX_COL_NUMBER) ||
            has_field(fields, k, l->field))
            continue;
        fields[k] = l->field;
        money[k++] = l->type == BX_COL_AMOUNT;
    }
    return k;
}

/* ---- the table file ---------------------------------------------------- */

static bool parse_notes(loader *ld, const yaml_node_t *seq, bx_table_layout *t)
{
    if (!bx_yaml_want_seq(ld->y, seq, "notes", ld->err))
        return false;
    size_t n = bx_yaml_len(seq);
    t->notes = bx_arena_alloc(ld->set->arena, (n ? n : 1) * sizeof(char *), ld->err);
    if (!t->notes)
        return false;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = bx_yaml_item(ld->y, seq, i);
        if (!bx_yaml_want_scalar(ld->y, item, "notes 的每一项", ld->err) ||
            !check_template(ld, item, bx_yaml_text(item)))
            return false;
        t->notes[i] = copy(ld, bx_yaml_text(item));
        if (!t->notes[i])
            return false;
    }
    t->nnotes = n;
    return true;
}

static bool parse_kind(loader *ld, const yaml_node_t *root, bx_table_kind *kind)
{
    const char *k = bx_yaml_str(ld->y, root, "kind", false, ld->err);
    if (!k)
        return !bx_failed(ld->err);
    if (strcmp(k, "grid") == 0)
        *kind = BX_TABLE_GRID;
    else if (strcmp(k, "ledger") == 0)
        *kind = BX_TABLE_LEDGER;
    else if (strcmp(k, "form") == 0)
        *kind = BX_TABLE_FORM;
    else
        return fail_at(ld, bx_yaml_get(ld->y, root, "kind"),
                       "未知的表格类型“%s”（可用：grid, ledger, form）", k);
    return true;
}

static bool parse_caption(loader *ld, const yaml_node_t *root, bx_table_layout *t)
{
    yaml_node_t *cap = bx_yaml_get(ld->y, root, "caption");
    if (!cap)
        return true;
    static const char *const keys[] = {"left", "right", NULL};
    return bx_yaml_want_map(ld->y, cap, "caption", ld->err) &&
           bx_yaml_check_keys(ld->y, cap, keys, ld->err) &&
           get_template(ld, cap, "left", false, &t->caption_left) &&
           get_template(ld, cap, "right", false, &t->caption_right);
}

static bool parse_orientation(loader *ld, const yaml_node_t *root, bx_table_layout *t)
{
    const char *o = bx_yaml_str(ld->y, root, "orientation", false, ld->err);
    t->landscape = true;
    if (!o)
        return !bx_failed(ld->err);
    if (strcmp(o, "portrait") == 0)
        t->landscape = false;
    else if (strcmp(o, "landscape") != 0)
        return fail_at(ld, bx_yaml_get(ld->y, root, "orientation"),
                       "orientation 应为 landscape 或 portrait");
    return true;
}

static bool parse_ledger(loader *ld, const yaml_node_t *root, bx_table_layout *t)
{
    t->side_field = "栏目";
    t->kind_field = "类型";
    t->total_marker = "合计";
    if (!get_plain(ld, root, "side_field", false, &t->side_field) ||
        !get_plain(ld, root, "kind_field", false, &t->kind_field) ||
        !get_plain(ld, root, "total_marker", false, &t->total_marker))
        return false;
    if (t->header.nroots < 2)
        return fail_at(ld, root, "ledger 表至少要有两栏（例如 收入 与 支出）");
    for (size_t i = 0; i < t->header.nroots; i++) {
        const bx_hnode *g = &t->header.roots[i];
        if (!g->side || !g->nchildren) {
            bx_fail(ld->err, &g->loc, BX_ERR_LAYOUT,
                    "ledger 表的每一栏应有 side（数据中“%s”列的值）和下级列", t->side_field);
            return false;
        }
        bx_header one = {(bx_hnode *)g, 1};
        if (!check_bound_leaves(ld, root, &one, true))
            return false;
    }
    return true;
}

/* display: {decimals: N, trim: true} — this table's amounts differ from
 * the set's (2022 表8 “三公”经费 prints "43.44" beside "42"). */
static bool parse_table_display(loader *ld, const yaml_node_t *root, bx_table_layout *t)
{
    t->display_decimals = -1;
    yaml_node_t *d = bx_yaml_get(ld->y, root, "display");
    if (!d)
        return true;
    static const char *const keys[] = {"decimals", "trim", NULL};
    long decimals = -1;
    if (!bx_yaml_want_map(ld->y, d, "display", ld->err) ||
        !bx_yaml_check_keys(ld->y, d, keys, ld->err) ||
        !bx_yaml_int(ld->y, d, "decimals", false, 0, BX_MAX_DECIMALS, &decimals, ld->err) ||
        !bx_yaml_bool(ld->y, d, "trim", &t->display_trim, ld->err))
        return false;
    t->display_decimals = (int)decimals;
    return true;
}

/* each: {data: FILE.csv, key: COLUMN} — a form repeated once per row. */
static bool parse_each(loader *ld, const yaml_node_t *root, bx_table_layout *t)
{
    yaml_node_t *e = bx_yaml_get(ld->y, root, "each");
    if (!e)
        return true;
    static const char *const keys[] = {"data", "key", NULL};
    return bx_yaml_want_map(ld->y, e, "each", ld->err) &&
           bx_yaml_check_keys(ld->y, e, keys, ld->err) &&
           get_plain(ld, e, "data", true, &t->each_data) &&
           get_plain(ld, e, "key", true, &t->each_key);
}

static bool parse_table_body(loader *ld, const yaml_node_t *root, bx_table_layout *t);

/* A table layout, then its checks (which name its fields). */
static bool parse_table(loader *ld, const yaml_node_t *root, bx_table_layout *t)
{
    if (!parse_table_body(ld, root, t))
        return false;
    yaml_node_t *checks = bx_yaml_get(ld->y, root, "checks");
    return !checks ||
           (parse_checks(ld, checks, false, &t->checks, &t->nchecks) && check_check_fields(ld, t));
}

static bool parse_table_body(loader *ld, const yaml_node_t *root, bx_table_layout *t)
{
    static const char *const keys[] = {
        "number",       "label",   "title",       "sheet",       "orientation", "caption",
        "kind",         "data",    "level_field", "label_field", "side_field",  "kind_field",
        "total_marker", "columns", "grid",        "bands",       "notes",       "empty_note",
        "display",      "each",    "checks",      NULL};
    if (!bx_yaml_want_map(ld->y, root, "表格布局文件", ld->err) ||
        !bx_yaml_check_keys(ld->y, root, keys, ld->err))
        return false;
    long number = 0;
    if (!bx_yaml_int(ld->y, root, "number", true, 1, 999, &number, ld->err))
        return false;
    t->number = (int)number;
    t->file = ld->file;
    if (!get_template(ld, root, "title", true, &t->title) ||
        !get_template(ld, root, "label", false, &t->label) ||
        !get_template(ld, root, "sheet", false, &t->sheet_name) ||
        !get_template(ld, root, "empty_note", false, &t->empty_note) ||
        !get_plain(ld, root, "data", false, &t->data) ||
        !get_plain(ld, root, "level_field", false, &t->level_field) ||
        !get_plain(ld, root, "label_field", false, &t->label_field) ||
        !parse_caption(ld, root, t) || !parse_orientation(ld, root, t) ||
        !parse_kind(ld, root, &t->kind))
        return false;
    char buf[64];
    if (!t->label) {
        snprintf(buf, sizeof buf, "表 %d", t->number);
        t->label = copy(ld, buf);
    }
    if (!t->sheet_name) {
        char *s = bx_arena_alloc(ld->set->arena, strlen(t->title) + 16, ld->err);
        if (!s)
            return false;
        sprintf(s, "表%d %s", t->number, t->title);
        t->sheet_name = s;
    }
    yaml_node_t *notes = bx_yaml_get(ld->y, root, "notes");
    if ((notes && !parse_notes(ld, notes, t)) || !parse_table_display(ld, root, t) ||
        !parse_each(ld, root, t))
        return false;

    yaml_node_t *columns = bx_yaml_get(ld->y, root, "columns");
    yaml_node_t *grid = bx_yaml_get(ld->y, root, "grid");
    yaml_node_t *bands = bx_yaml_get(ld->y, root, "bands");
    if (t->each_data && t->kind != BX_TABLE_FORM)
        return fail_at(ld, bx_yaml_get(ld->y, root, "each"), "each 只用于表单（kind: form）");
    if (t->kind == BX_TABLE_FORM) {
        if (!grid || !bands || columns || t->data)
            return fail_at(ld, root, "表单（kind: form）应有 grid 和 bands，不用 columns 和 data");
        return parse_grid(ld, grid, t) &&
               parse_bands(ld, bands, (int)t->ngrid, 0, &t->bands, &t->nbands);
    }
    if (!columns || !t->data || grid || bands)
        return fail_at(ld, root, "grid 和 ledger 表应有 columns 和 data，不用 grid 和 bands");
    if (!parse_header(ld, columns, &t->header))
        return false;
    if (t->kind == BX_TABLE_LEDGER)
        return parse_ledger(ld, root, t);
    if (bx_yaml_get(ld->y, root, "side_field") || bx_yaml_get(ld->y, root, "kind_field") ||
        bx_yaml_get(ld->y, root, "total_marker"))
        return fail_at(ld, root, "side_field、kind_field、total_marker 只用于 ledger 表");
    return check_bound_leaves(ld, root, &t->header, true);
}

static bool parse_into(bx_layout_set *set, bx_yaml *y, bx_table_layout *out, bx_error *err)
{
    loader ld = {set, y, NULL, err};
    ld.file = copy(&ld, bx_yaml_file(y));
    if (!ld.file)
        return false;
    memset(out, 0, sizeof *out);
    return parse_table(&ld, bx_yaml_root(y), out);
}

bool bx_table_layout_parse(bx_layout_set *set, const char *data, size_t len,
                           const char *display_name, bx_table_layout *out, bx_error *err)
{
    bx_yaml *y = bx_yaml_parse(data, len, display_name, err);
    if (!y)
        return false;
    bool ok = parse_into(set, y, out, err);
    bx_yaml_free(y);
    return ok;
}

bool bx_table_layout_load(bx_layout_set *set, const char *path, const char *display_name,
                          bx_table_layout *out, bx_error *err)
{
    bx_yaml *y = bx_yaml_load(path, display_name, err);
    if (!y)
        return false;
    bool ok = parse_into(set, y, out, err);
    bx_yaml_free(y);
    return ok;
}

/* ---- sets -------------------------------------------------------------- */

bx_layout_set *bx_layout_set_new(bx_error *err)
{
    bx_layout_set *set = bx_calloc(1, sizeof *set, err);
    if (!set)
        return NULL;
    set->arena = bx_arena_new();
    if (!set->arena) {
        free(set);
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        return NULL;
    }
    set->display.unit_yuan = 10000;
    set->display.decimals = 2;
    set->font = "宋体";
    set->title = "{year}年{unit}部门预算";
    return set;
}

void bx_layout_set_free(bx_layout_set *set)
{
    if (!set)
        return;
    bx_arena_free(set->arena);
    free(set);
}

const char *bx_layout_set_dir(const bx_layout_set *set)
{
    return set->dir;
}

static bool parse_display(loader *ld, const yaml_node_t *root)
{
    yaml_node_t *d = bx_yaml_get(ld->y, root, "display");
    if (!d)
        return true;
    static const char *const keys[] = {"unit", "decimals", NULL};
    if (!bx_yaml_want_map(ld->y, d, "display", ld->err) ||
        !bx_yaml_check_keys(ld->y, d, keys, ld->err))
        return false;
    const char *unit = bx_yaml_str(ld->y, d, "unit", false, ld->err);
    if (unit && !bx_money_unit(unit, &ld->set->display.unit_yuan))
        return fail_at(ld, bx_yaml_get(ld->y, d, "unit"),
                       "未知的金额单位“%s”（可用：元、千元、万元、亿元）", unit);
    long decimals = ld->set->display.decimals;
    if (!bx_yaml_int(ld->y, d, "decimals", false, 0, BX_MAX_DECIMALS, &decimals, ld->err))
        return false;
    ld->set->display.decimals = (int)decimals;
    return !bx_failed(ld->err);
}

static int by_number(const void *a, const void *b)
{
    const bx_table_layout *x = a, *y = b;
    return (x->number > y->number) - (x->number < y->number);
}

static bool load_tables(loader *ld, const yaml_node_t *seq)
{
    if (!bx_yaml_want_seq(ld->y, seq, "tables", ld->err))
        return false;
    size_t n = bx_yaml_len(seq);
    if (n == 0 || n > BX_MAX_TABLES)
        return fail_at(ld, seq, "tables 应列出 1 到 %d 个布局文件", BX_MAX_TABLES);
    bx_layout_set *set = ld->set;
    set->tables = bx_arena_alloc(set->arena, n * sizeof *set->tables, ld->err);
    if (!set->tables)
        return false;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = bx_yaml_item(ld->y, seq, i);
        if (!bx_yaml_want_scalar(ld->y, item, "tables 的每一项", ld->err))
            return false;
        const char *name = bx_yaml_text(item);
        if (strchr(name, '/') || name[0] == '.' || !*name)
            return fail_at(ld, item, "布局文件名“%s”不能含有路径", name);
        char *path = bx_path_join(set->dir, name, ld->err);
        if (!path)
            return false;
        bool ok = bx_table_layout_load(set, path, path, &set->tables[i], ld->err);
        free(path);
        if (!ok)
            return false;
        for (size_t k = 0; k < i; k++)
            if (set->tables[k].number == set->tables[i].number)
                return fail_at(ld, item, "表号 %d 重复", set->tables[i].number);
        set->ntables = i + 1;
    }
    qsort(set->tables, set->ntables, sizeof *set->tables, by_number);
    return true;
}

/* Every figure a set check refers to must be in a table of the set. */
static bool check_set_refs(loader *ld, const bx_layout_set *set)
{
    for (size_t i = 0; i < set->nchecks; i++) {
        const bx_check *c = &set->checks[i];
        for (int k = 0; k < c->nrefs; k++) {
            const bx_ref *r = &c->refs[k];
            const bx_table_layout *t = NULL;
            for (size_t j = 0; j < set->ntables && !t; j++)
                if (set->tables[j].number == r->table)
                    t = &set->tables[j];
            const char *fields[BX_MAX_COLUMNS * 4];
            bool money[BX_MAX_COLUMNS * 4];
            int n = t ? bx_table_figure_fields(t, fields, money, BX_MAX_COLUMNS * 4) : 0;
            if (!t || !has_field(fields, n, r->field))
                return bx_fail(ld->err, &c->loc, BX_ERR_LAYOUT, "引用“%s”：%s", r->text,
                               t ? "该表没有这个金额或数字列" : "模板中没有这张表") == BX_OK;
        }
    }
    return true;
}

/* FNV-1a over the bytes of set.yaml and every table file, in table order:
 * any edit of the layouts changes it. */
static bool digest_set(bx_layout_set *set, const char *set_yaml, bx_error *err)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i <= set->ntables; i++) {
        size_t len;
        char *data = bx_read_file(i == 0 ? set_yaml : set->tables[i - 1].file, &len, err);
        if (!data)
            return false;
        for (size_t k = 0; k < len; k++)
            h = (h ^ (unsigned char)data[k]) * 0x100000001b3ULL;
        free(data);
    }
    char hex[24];
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)h);
    return (set->version = bx_arena_strdup(set->arena, hex, err)) != NULL;
}

bx_layout_set *bx_layout_set_load(const char *set_dir, bx_error *err)
{
    bx_layout_set *set = bx_layout_set_new(err);
    if (!set)
        return NULL;
    char *path = bx_path_join(set_dir, "set.yaml", err);
    bx_yaml *y = path ? bx_yaml_load(path, path, err) : NULL;
    free(path);
    if (!y) {
        bx_layout_set_free(set);
        return NULL;
    }
    loader ld = {set, y, NULL, err};
    static const char *const keys[] = {"name",   "title",       "font",   "display",
                                       "tables", "description", "checks", NULL};
    yaml_node_t *root = bx_yaml_root(y);
    bool ok =
        (ld.file = copy(&ld, bx_yaml_file(y))) != NULL && (set->dir = copy(&ld, set_dir)) != NULL &&
        bx_yaml_want_map(y, root, "set.yaml", err) && bx_yaml_check_keys(y, root, keys, err) &&
        get_plain(&ld, root, "name", true, &set->name) &&
        get_template(&ld, root, "title", false, &set->title) &&
        get_plain(&ld, root, "font", false, &set->font) && parse_display(&ld, root);
    yaml_node_t *tables = ok ? bx_yaml_get(y, root, "tables") : NULL;
    if (ok && !tables)
        ok = fail_at(&ld, root, "set.yaml 缺少 tables（布局文件列表）");
    if (ok)
        ok = load_tables(&ld, tables);
    yaml_node_t *checks = ok ? bx_yaml_get(y, root, "checks") : NULL;
    if (checks)
        ok = parse_checks(&ld, checks, true, &set->checks, &set->nchecks) &&
             check_set_refs(&ld, set);
    ok = ok && digest_set(set, ld.file, err);
    bx_yaml_free(y);
    if (!ok) {
        bx_layout_set_free(set);
        return NULL;
    }
    return set;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Try dir/name; NULL without an error if it is not there. */
static bx_layout_set *try_dir(const char *dir, const char *name, bx_error *err)
{
    if (!dir || !*dir)
        return NULL;
    char *path = bx_path_join(dir, name, err);
    if (!path)
        return NULL;
    bx_layout_set *set = is_dir(path) ? bx_layout_set_load(path, err) : NULL;
    free(path);
    return set;
}

bx_layout_set *bx_layout_set_find(const char *name, const char *const *search_dirs, bx_error *err)
{
    if (!name || !*name || strchr(name, '/') || name[0] == '.') {
        bx_fail(err, NULL, BX_ERR_USAGE, "模板名“%s”无效", name ? name : "");
        return NULL;
    }
    const char *env[] = {getenv("BUDGETX_LAYOUTS"), NULL};
    const char *const *lists[] = {search_dirs, env, bx_layout_places};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        for (const char *const *d = lists[i]; d && *d; d++) {
            bx_layout_set *set = try_dir(*d, name, err);
            if (set || bx_failed(err))
                return set;
        }
    char places[2048];
    bx_fail(err, NULL, BX_ERR_DATA,
            "找不到模板“%s”的布局（已查找 --layouts、$BUDGETX_LAYOUTS、%s）", name,
            bx_places_text(bx_layout_places, places, sizeof places));
    return NULL;
}
