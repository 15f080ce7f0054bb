/* A table inside the text (narration.h): 2024's 第七部分 lists each
 * 一级项目 with its budget and 绩效目标. Its rows are the department's
 * texts of one name, in the order the department gives them; each names
 * (column 行) the row of a table it is about, and together they must
 * name every row of the block's set exactly once, so that a project added
 * to 表5 cannot be left out of the text. Every cell is a template
 * rendered for its row: {row} the row's name, {text} the department's
 * text, {5:@row:总计} the row's figure. */
#include "narration.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a table block collects: its cells, row by row. */
typedef struct cells {
    char **texts;
    size_t n, cap;
} cells;

static void cells_free(cells *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->texts[i]);
    free(c->texts);
}

static bool cells_add(narration *n, cells *c, const char *text)
{
    if (!bx_grow((void **)&c->texts, &c->cap, c->n + 1, sizeof *c->texts, n->rv->err))
        return false;
    if (!(c->texts[c->n] = strdup(text)))
        return bx_fail(n->rv->err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    c->n++;
    return true;
}

static bool rows_finding(narration *n, const bx_loc *loc, const char *fmt, const char *a,
                         const char *b, const char *c)
{
    char text[1536];
    snprintf(text, sizeof text, fmt, a, b, c);
    return bx_nlog_add_check(&n->rv->m->narration, loc, BX_NCHECK_ROWS, true, text, n->rv->err);
}

/* ---- the rows a text or a table must list ------------------------------- */

bool bx_narr_cover_begin(narration *n, const bx_dblock *b, bx_row_cover *c)
{
    memset(c, 0, sizeof *c);
    if (!n->texts || n->text_row < 0)
        return bx_fail(
                   n->rv->err, &b->loc, BX_ERR_DATA,
                   "单位文字“%s”列出 %s 的行：单位文字的数据文件需要列“行”（每段对应的表中行名）",
                   b->text, b->rows) == BX_OK;
    char why[512] = "";
    if (!bx_narr_parse_rows(n, b->rows, &c->set, why, sizeof why))
        return bx_fail(n->rv->err, &b->loc, BX_ERR_LAYOUT, "rows“%s”：%s", b->rows, why) == BX_OK;
    c->used = bx_calloc((size_t)c->set.vt->nrows + 1, sizeof *c->used, n->rv->err);
    return c->used != NULL;
}

/* A text's 行: the row's name, or its code ("code=2010507": a name that
 * recurs, 一般行政管理事务). */
static bool names_row(const bx_vrow *row, const char *name)
{
    if (strncmp(name, "code=", 5) == 0)
        return row->code && strcmp(row->code, name + 5) == 0;
    return bx_dataview_same_label(row->label, name);
}

const bx_vrow *bx_narr_cover_row(narration *n, const bx_dblock *b, bx_row_cover *c, size_t r,
                                 bool *ok)
{
    const bx_row_set *set = &c->set;
    const char *label = bx_csv_cell(n->texts, r, (size_t)n->text_row);
    bx_loc loc = bx_csv_loc(n->texts, r, (size_t)n->text_row);
    loc.file = n->texts->name;
    int found = -1;
    for (int i = 0; i < set->vt->nrows && found < 0; i++)
        if (bx_narr_in_rows(set, &set->vt->rows[i]) && names_row(&set->vt->rows[i], label) &&
            !c->used[i])
            found = i;
    if (found < 0) {
        bool twice = false;
        for (int i = 0; i < set->vt->nrows && !twice; i++)
            twice = c->used[i] && names_row(&set->vt->rows[i], label);
        *ok = rows_finding(
            n, &loc,
            twice ? "“%s”在单位文字“%s”中已列出过（%s 所选的每一行只列一次）"
                  : "“%s”不是 %s 中 %s 所选的行（列“行”应写表中的行名或 code=科目编码）",
            label, twice ? b->text : set->vt->sheet, b->rows);
        return NULL;
    }
    c->used[found] = true;
    return &set->vt->rows[found];
}

bool bx_narr_cover_end(narration *n, const bx_dblock *b, bx_row_cover *c)
{
    const bx_row_set *set = &c->set;
    bool ok = true;
    for (int i = 0; ok && i < set->vt->nrows; i++)
        if (bx_narr_in_rows(set, &set->vt->rows[i]) && !c->used[i])
            ok = rows_finding(n, &b->loc,
                              "%s 的“%s”不在单位文字“%s”中（应列出所选的每一行：在单位文字中加"
                              "一段，列“行”写它的名称）",
                              set->vt->sheet, set->vt->rows[i].label, b->text);
    free(c->used);
    c->used = NULL;
    return ok;
}

void bx_narr_enter_row(narration *n, const bx_vtable *vt, const bx_vrow *row, const char *text)
{
    n->cur_table = vt;
    n->cur_row = row;
    n->cur_text = text;
}

/* ---- the table ----------------------------------------------------------- */

/* One department row: its text, then each column's cell, for its row. */
static bool table_row(narration *n, const bx_dblock *b, bx_row_cover *cover, size_t r, cells *c,
                      bx_strbuf *out)
{
    bool ok = true;
    const bx_vrow *row = bx_narr_cover_row(n, b, cover, r, &ok);
    if (!row)
        return ok;
    bx_loc loc = bx_csv_loc(n->texts, r, (size_t)n->text_body);
    loc.file = n->texts->name;
    bx_narr_enter_row(n, cover->set.vt, row, NULL);
    char *text = NULL;
    ok = bx_narr_sentence(n, bx_csv_cell(n->texts, r, (size_t)n->text_body), &loc, out);
    if (ok && !(text = strdup(bx_strbuf_str(out))))
        ok = bx_fail(n->rv->err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    bx_narr_enter_row(n, cover->set.vt, row, text);
    for (int k = 0; ok && k < b->ncolumns; k++)
        ok = bx_narr_sentence(n, b->columns[k].cell, &b->loc, out) &&
             cells_add(n, c, bx_strbuf_str(out));
    bx_narr_enter_row(n, NULL, NULL, NULL);
    free(text);
    return ok;
}

static bool add_grid(narration *n, const bx_dblock *b, const cells *c)
{
    int widths[BX_DOC_MAX_COLUMNS];
    char aligns[BX_DOC_MAX_COLUMNS];
    for (int k = 0; k < b->ncolumns; k++) {
        widths[k] = b->columns[k].width;
        aligns[k] = b->columns[k].align;
    }
    bx_grid g = {b->ncolumns, (int)(c->n / (size_t)b->ncolumns), (const char **)c->texts, widths,
                 aligns};
    return bx_doc_add_grid(n->rv->m->doc, &g, n->rv->err);
}

bool bx_narr_table(narration *n, const bx_dblock *b, bx_strbuf *out)
{
    bx_row_cover cover;
    if (!bx_narr_cover_begin(n, b, &cover))
        return false;
    cells c = {0};
    bool ok = true;
    for (int k = 0; ok && k < b->ncolumns; k++) /* the heading row */
        ok = bx_narr_sentence(n, b->columns[k].heading, &b->loc, out) &&
             cells_add(n, &c, bx_strbuf_str(out));
    size_t rows = 0;
    for (size_t r = 0; ok && r < n->texts->nrows; r++) {
        if (strcmp(bx_csv_cell(n->texts, r, (size_t)n->text_name), b->text) != 0)
            continue;
        if (++rows > MAX_TABLE_ROWS)
            ok = bx_fail(n->rv->err, &b->loc, BX_ERR_LIMIT, "表格“%s”超过 %d 行", b->text,
                         MAX_TABLE_ROWS) == BX_OK;
        else
            ok = table_row(n, b, &cover, r, &c, out);
    }
    ok = bx_narr_cover_end(n, b, &cover) && ok && add_grid(n, b, &c);
    cells_free(&c);
    return ok;
}

/* One level of a row's path: its name through the block's template of
 * that level ("{name}（款）"), or after a "-" below the top. */
static size_t path_level(const bx_dblock *b, int depth, const char *name, char *out, size_t size)
{
    if (!b || !b->path)
        return (size_t)snprintf(out, size, "%s%s", depth ? "-" : "", name);
    const char *tpl = b->path[depth < b->npath ? depth : b->npath - 1];
    const char *at = strstr(tpl, "{name}"); /* the layout made sure of it */
    return (size_t)snprintf(out, size, "%.*s%s%s", (int)(at - tpl), tpl, name, at + 6);
}

/* The row's name after its ancestors' ("一般公共服务支出-政府办公厅（室）及
 * 相关机构事务-行政运行"): the rows above it of each lower level. */
const char *bx_narr_row_path(narration *n)
{
    const bx_vtable *vt = n->cur_table;
    const bx_vrow *row = n->cur_row;
    const char *names[BX_MAX_INDENT + 2];
    int count = 0, level = row->level;
    size_t code = row->code ? strlen(row->code) : 0;
    names[count++] = row->label;
    /* its ancestors: the rows above whose codes begin its code, or without
     * codes, the rows above of each lower level */
    for (const bx_vrow *up = row; up-- > vt->rows && count < BX_MAX_INDENT + 2;) {
        size_t k = up->code ? strlen(up->code) : 0;
        if (code ? k > 0 && k < code && strncmp(up->code, row->code, k) == 0 : up->level < level) {
            names[count++] = up->label;
            level = up->level;
            code = code ? k : 0;
        }
        if (!code && level == 0)
            break;
    }
    size_t at = 0;
    n->path[0] = '\0';
    for (int depth = 0; count-- > 0 && at < sizeof n->path; depth++)
        at += path_level(n->cur_block, depth, names[count], n->path + at, sizeof n->path - at);
    return n->path;
}
