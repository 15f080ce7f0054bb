/* A table file's keys about how its body is shown (layout_loader.h): its
 * amounts (display, shared with set.yaml's), its total row, its least
 * height, and what its continuation pages repeat. */
#include "layout.h"
#include "layout_loader.h"

#include <string.h>

/* zero: show | blank, into *zero (left as it is when the key is absent). */
static bool parse_zero(loader *ld, const yaml_node_t *d, bx_zero_display *zero)
{
    const char *text = bx_yaml_str(ld->y, d, "zero", false, ld->err);
    if (!text)
        return !bx_failed(ld->err);
    if (strcmp(text, "show") == 0 || strcmp(text, "blank") == 0) {
        *zero = text[0] == 's' ? BX_ZERO_SHOW : BX_ZERO_BLANK;
        return true;
    }
    return bx_layout_fail_at(ld, bx_yaml_get(ld->y, d, "zero"),
                             "zero 应为 show（显示 0.00）或 blank（留空），而不是“%s”", text);
}

bool bx_layout_get_scale(loader *ld, const yaml_node_t *map, bx_scale *scale)
{
    const char *unit = bx_yaml_str(ld->y, map, "unit", false, ld->err);
    if (unit && !bx_money_unit(unit, &scale->unit_yuan))
        return bx_layout_fail_at(ld, bx_yaml_get(ld->y, map, "unit"),
                                 "未知的金额单位“%s”（可用：元、千元、万元、亿元）", unit);
    long decimals = scale->decimals;
    if (bx_failed(ld->err) ||
        !bx_yaml_int(ld->y, map, "decimals", false, 0, BX_MAX_DECIMALS, &decimals, ld->err))
        return false;
    scale->decimals = (int)decimals;
    return true;
}

bool bx_layout_parse_display(loader *ld, const yaml_node_t *d, bool table, bx_scale *scale,
                             bool *trim, bx_zero_display *zero)
{
    static const char *const set_keys[] = {"unit", "decimals", "zero", NULL};
    static const char *const table_keys[] = {"unit", "decimals", "zero", "trim", NULL};
    if (!bx_yaml_want_map(ld->y, d, "display", ld->err) ||
        !bx_yaml_check_keys(ld->y, d, table ? table_keys : set_keys, ld->err))
        return false;
    return bx_layout_get_scale(ld, d, scale) &&
           (!table || bx_yaml_bool(ld->y, d, "trim", trim, ld->err)) && parse_zero(ld, d, zero);
}

/* display: {unit, decimals, zero, trim} — this table's amounts differ from
 * the set's (2022 表8 “三公”经费 prints "43.44" beside "42"; 普陀区's “三公”
 * table alone is in 万元). */
static bool parse_table_display(loader *ld, const yaml_node_t *root, bx_table_layout *t)
{
    t->display_decimals = -1;
    yaml_node_t *d = bx_yaml_get(ld->y, root, "display");
    if (!d)
        return true;
    bx_scale scale = {0, -1};
    if (!bx_layout_parse_display(ld, d, true, &scale, &t->display_trim, &t->zero))
        return false;
    t->display_unit = scale.unit_yuan;
    t->display_decimals = scale.decimals;
    return true;
}

/* total: first | last — which data row is the grid's total. */
static bool parse_total_row(loader *ld, const yaml_node_t *root, bx_table_layout *t)
{
    const char *text = bx_yaml_str(ld->y, root, "total", false, ld->err);
    if (!text)
        return !bx_failed(ld->err);
    if (t->kind != BX_TABLE_GRID)
        return bx_layout_fail_at(ld, bx_yaml_get(ld->y, root, "total"),
                                 "total 只用于 grid 表（ledger 的合计行由 kind_field 标出）");
    if (strcmp(text, "first") == 0 || strcmp(text, "last") == 0) {
        t->total_row = text[0] == 'f' ? 1 : -1;
        return true;
    }
    return bx_layout_fail_at(
        ld, bx_yaml_get(ld->y, root, "total"),
        "total 应为 first（第一行是合计）或 last（最后一行是合计），而不是“%s”", text);
}

/* repeat: {title: BOOL, header: BOOL} — on continuation pages. */
static bool parse_repeat(loader *ld, const yaml_node_t *root, bx_table_layout *t)
{
    t->repeat_title = t->repeat_header = true;
    yaml_node_t *r = bx_yaml_get(ld->y, root, "repeat");
    if (!r)
        return true;
    static const char *const keys[] = {"title", "header", NULL};
    return bx_yaml_want_map(ld->y, r, "repeat", ld->err) &&
           bx_yaml_check_keys(ld->y, r, keys, ld->err) &&
           bx_yaml_bool(ld->y, r, "title", &t->repeat_title, ld->err) &&
           bx_yaml_bool(ld->y, r, "header", &t->repeat_header, ld->err);
}

enum { MM_TO_PT_NUM = 7200, MM_TO_PT_DEN = 2540 }; /* 72 pt per 25.4 mm */

bool bx_layout_parse_margins(loader *ld, const yaml_node_t *n, double margins[4])
{
    yaml_node_t *m = bx_yaml_get(ld->y, n, "margins");
    if (!m)
        return true;
    static const char *const keys[] = {"top", "right", "bottom", "left", NULL};
    if (!bx_yaml_want_map(ld->y, m, "margins", ld->err) ||
        !bx_yaml_check_keys(ld->y, m, keys, ld->err))
        return false;
    for (int i = 0; i < 4; i++) {
        long mm = 0; /* hundredths of a millimetre */
        if (!bx_yaml_hundredths(ld->y, m, keys[i], 0, 10000, &mm, ld->err))
            return false;
        margins[i] = mm / 100.0 * MM_TO_PT_NUM / MM_TO_PT_DEN;
    }
    return true;
}

bool bx_layout_parse_print(loader *ld, const yaml_node_t *root, bx_print *p)
{
    yaml_node_t *n = bx_yaml_get(ld->y, root, "print");
    if (!n)
        return true;
    static const char *const keys[] = {"font_size", "title_size", "row_height",   "body_row_height",
                                       "title",     "margins",    "title_height", "page_numbers",
                                       "leading",   "padding",    "stretch",      NULL};
    long font = 0, title = 0, row = 0, body = 0, title_mm = 0, leading = 0, padding = 0;
    bool numbers = true, stretch = true;
    if (!bx_yaml_want_map(ld->y, n, "print", ld->err) ||
        !bx_yaml_check_keys(ld->y, n, keys, ld->err) ||
        !bx_yaml_hundredths(ld->y, n, "font_size", 400, 3600, &font, ld->err) ||
        !bx_yaml_hundredths(ld->y, n, "title_size", 400, 7200, &title, ld->err) ||
        !bx_yaml_hundredths(ld->y, n, "row_height", 400, 20000, &row, ld->err) ||
        !bx_yaml_hundredths(ld->y, n, "body_row_height", 400, 20000, &body, ld->err) ||
        !bx_yaml_hundredths(ld->y, n, "title_height", 0, 10000, &title_mm, ld->err) ||
        !bx_yaml_hundredths(ld->y, n, "leading", 100, 300, &leading, ld->err) ||
        !bx_yaml_hundredths(ld->y, n, "padding", 1, 2000, &padding, ld->err) ||
        !bx_yaml_bool(ld->y, n, "stretch", &stretch, ld->err) ||
        !bx_yaml_bool(ld->y, n, "page_numbers", &numbers, ld->err) ||
        !bx_layout_parse_margins(ld, n, p->margins))
        return false;
    p->title_height = title_mm / 100.0 * MM_TO_PT_NUM / MM_TO_PT_DEN;
    p->leading = leading / 100.0;
    p->padding = padding / 100.0;
    if (bx_yaml_get(ld->y, n, "stretch"))
        p->stretch = stretch;
    if (bx_yaml_get(ld->y, n, "page_numbers"))
        p->page_numbers = numbers;
    p->body_row_height = body / 100.0;
    p->font_size = font / 100.0;
    p->title_size = title / 100.0;
    p->row_height = row / 100.0;
    const char *weight = bx_yaml_str(ld->y, n, "title", false, ld->err);
    if (weight && strcmp(weight, "bold") != 0 && strcmp(weight, "regular") != 0)
        return bx_layout_fail_at(ld, bx_yaml_get(ld->y, n, "title"),
                                 "print 的 title 应为 bold（粗体）或 regular（常规），而不是“%s”",
                                 weight);
    if (weight)
        p->title_regular = weight[0] == 'r';
    return !bx_failed(ld->err);
}

bool bx_layout_parse_body_keys(loader *ld, const yaml_node_t *root, bx_table_layout *t)
{
    long min_rows = 0;
    t->print.title_regular = t->print.page_numbers = t->print.stretch = -1; /* not given */
    if (!parse_table_display(ld, root, t) || !parse_total_row(ld, root, t) ||
        !parse_repeat(ld, root, t) || !bx_layout_parse_print(ld, root, &t->print) ||
        !bx_yaml_int(ld->y, root, "min_rows", false, 0, 10000, &min_rows, ld->err))
        return false;
    if (min_rows && t->kind == BX_TABLE_FORM)
        return bx_layout_fail_at(ld, bx_yaml_get(ld->y, root, "min_rows"),
                                 "min_rows 只用于 grid 和 ledger 表");
    t->min_rows = (int)min_rows;
    return true;
}
