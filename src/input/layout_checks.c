/* The checks: of a table layout or a set: rules written as expressions
 * ("合计 = 甲 + 乙") or references ("1:收入总计:金额"); and the figure
 * fields of a table, which the checks may name. */
#include "layout.h"
#include "layout_loader.h"

#include <string.h>

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
                return bx_layout_fail_at(
                    ld, node, "检查“%s”应写成 甲 <= 乙 <= 丙（运算符两边留空格）", c->text);
            if (i % 2 == 0)
                c->terms[c->nterms++] = (bx_term){tok[i], 1};
        }
        if (n % 2 == 0 || c->nterms < 2)
            return bx_layout_fail_at(ld, node, "检查“%s”应写成 甲 <= 乙 <= 丙（运算符两边留空格）",
                                     c->text);
        return true;
    }
    if (n < 3 || strcmp(tok[1], "=") != 0)
        return bx_layout_fail_at(ld, node, "检查“%s”应写成 合计 = 甲 + 乙 - 丙（运算符两边留空格）",
                                 c->text);
    c->lhs = tok[0];
    int sign = 1;
    for (int i = 2; i < n; i++) {
        bool op = strcmp(tok[i], "+") == 0 || strcmp(tok[i], "-") == 0;
        bool want_op = (i - 2) % 2 == 1;
        if (op != want_op)
            return bx_layout_fail_at(
                ld, node, "检查“%s”应写成 合计 = 甲 + 乙 - 丙（运算符两边留空格）", c->text);
        if (op)
            sign = tok[i][0] == '-' ? -1 : 1;
        else
            c->terms[c->nterms++] = (bx_term){tok[i], sign};
    }
    if ((n - 2) % 2 == 0)
        return bx_layout_fail_at(ld, node, "检查“%s”以运算符结尾", c->text);
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
        return bx_layout_fail_at(ld, node, "引用“%s”应写成 表号:行:列，例如 1:收入总计:金额", text);
    memcpy(num, text, len);
    num[len] = '\0';
    if (bx_amount_parse(num, 0, &n) != BX_AMOUNT_OK || n < 1 || n > 999)
        return bx_layout_fail_at(ld, node, "引用“%s”的表号无效", text);
    r->table = (int)n;
    r->row = bx_arena_strndup(ld->set->arena, a + 1, (size_t)(b - a - 1), ld->err);
    r->field = bx_layout_copy(ld, b + 1);
    r->text = bx_layout_copy(ld, text);
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
        return bx_layout_fail_at(ld, map, "checks 的每一项应恰好是一种检查");
    yaml_node_t *k = NULL, *v = NULL;
    for (size_t i = 0; i < bx_yaml_len(map); i++) {
        bx_yaml_pair(ld->y, map, i, &k, &v);
        if (strcmp(bx_yaml_text(k), "columns") != 0)
            break;
    }
    if (columns && strcmp(bx_yaml_text(k), "rows") != 0)
        return bx_layout_fail_at(ld, columns, "columns 只用于 rows 检查");
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
                !(c->columns[i] = bx_layout_copy(ld, bx_yaml_text(item))))
                return false;
        }
        c->ncolumns = (int)n;
    }
    const char *kind = bx_yaml_text(k);
    c->loc = bx_layout_loc_of(ld, map);
    if (set_level) {
        c->kind = strcmp(kind, "equal") == 0 ? BX_CHECK_EQUAL
                  : strcmp(kind, "sum") == 0 ? BX_CHECK_SET_SUM
                                             : BX_CHECK_MATCH;
        if (!bx_yaml_want_seq(ld->y, v, kind, ld->err))
            return false;
        size_t n = bx_yaml_len(v);
        if (n < 2 || n > 64 || (c->kind == BX_CHECK_MATCH && n > 9))
            return bx_layout_fail_at(ld, v, "%s",
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
    c->text = bx_layout_copy(ld, bx_yaml_text(v));
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
        if (c->kind == BX_CHECK_ROWS && !bx_layout_check_template(ld, v, c->text))
            return false;
        return parse_expr(ld, v, c);
    }
    return bx_layout_fail_at(ld, k, "未知的检查“%s”", kind);
}

bool bx_layout_parse_checks(loader *ld, const yaml_node_t *seq, bool set_level, bx_check **out,
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

bool bx_layout_has_field(const char *const *fields, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(fields[i], name) == 0)
            return true;
    return false;
}

/* Every field a check names must be a figure of the table. */
bool bx_layout_check_check_fields(loader *ld, const bx_table_layout *t)
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
            if (!bx_layout_has_field(fields, n, c->columns[k]))
                return bx_fail(ld->err, &c->loc, BX_ERR_LAYOUT,
                               "检查“%s”的列“%s”不是本表的金额或数字列", c->text,
                               c->columns[k]) == BX_OK;
        if (!fields_named)
            continue;
        if (c->lhs && !bx_layout_has_field(fields, n, c->lhs))
            return bx_fail(ld->err, &c->loc, BX_ERR_LAYOUT,
                           "检查“%s”中的“%s”不是本表的金额或数字列", c->text, c->lhs) == BX_OK;
        for (int k = 0; k < c->nterms; k++)
            if (!bx_layout_has_field(fields, n, c->terms[k].name))
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
                bx_layout_has_field(fields, k, name))
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
            bx_layout_has_field(fields, k, l->field))
            continue;
        fields[k] = l->field;
        money[k++] = l->type == BX_COL_AMOUNT;
    }
    return k;
}
