/* The whole document's text (a layout set with document.yaml): its blocks
 * written into the model, each sentence's figures taken from the resolved
 * tables' data view by reference, last year's from the dataset's
 * comparison file, the department's own texts from its texts file. */
#include "narration.h"

#include "text.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- figures by reference ------------------------------------------------ */

/* The one row sel names in vt (bx_dataview_row); NULL with why when none
 * or more than one. */
static const bx_vrow *the_row(const narration *n, const bx_vtable *vt, const char *sel_tpl,
                              char *why, size_t size)
{
    int year = n->rv->ds->meta.year, count;
    const bx_vrow *found = bx_dataview_row(vt, sel_tpl, year, &count);
    if (count == 1)
        return found;
    char sel[512];
    bx_dataview_expand_years(year, sel_tpl, sel, sizeof sel);
    if (count > 1)
        snprintf(why, size, "%s 中有 %d 行都叫“%s”：请用 code=科目编码", vt->sheet, count, sel);
    else if (strcmp(sel, "@first") == 0 || strcmp(sel, "@last") == 0)
        snprintf(why, size, "%s 没有数据行", vt->sheet);
    else
        snprintf(why, size, "%s 中找不到行“%s”", vt->sheet, sel);
    return NULL;
}

/* v (10^-6 of the unit it was given in) as a figure shown at decimals:
 * money in the sentences' unit (document.yaml's style.amounts), else the
 * set's display unit. */
static bx_nfig figure_of(const narration *n, int64_t v, bool money, int decimals)
{
    const resolver *rv = n->rv;
    const bx_scale *own = rv->set->document ? &rv->set->document->amounts : NULL;
    if (money && own && own->decimals >= 0)
        decimals = own->decimals;
    int64_t unit = money && own && own->unit_yuan ? own->unit_yuan : rv->set->display.unit_yuan;
    bx_scale from = {money ? rv->ds->meta.input.unit_yuan : 1, BX_NORM_DECIMALS};
    bx_scale to = {money ? unit : 1, decimals};
    bx_nfig f = {0, decimals, 0, 0, 0, 0};
    bx_amount_rescale(v, from, to, &f.shown); /* within range: the cell's is */
    __int128 x = (__int128)v * from.unit_yuan * 1000000;
    f.exact = x / to.unit_yuan;
    return f;
}

/* Field f of row r of vt as a figure, with where the dataset has it. */
static bx_nfig cell_figure(const narration *n, const bx_vtable *vt, const bx_vrow *r, int f)
{
    bx_nfig v = figure_of(n, r->v[f], vt->money[f], r->shown[f]);
    v.file = r->vloc[f].file; /* 1-based into the view's inputs */
    v.line = r->vloc[f].line;
    v.column = r->vloc[f].column;
    return v;
}

/* where: cell (r, col) of c, for the provenance report. */
static void locate(const narration *n, const bx_csv *c, size_t r, size_t col, bx_nfig *where)
{
    bx_loc loc = bx_csv_loc(c, r, col);
    int file = bx_rv_intern_file_at(n->rv, c->name);
    where->file = file >= 0 ? (uint32_t)file + 1 : 0;
    where->line = (uint32_t)(loc.line > 0 ? loc.line : 0);
    where->column = (uint32_t)(loc.column > 0 ? loc.column : 0);
}

/* Last year's figure for ref from the comparison file, given like the
 * dataset's amounts. */
static bool last_year(const narration *n, const char *ref, bool money, bx_nfig *out, char *why,
                      size_t size)
{
    if (!n->compare) {
        snprintf(why, size, "文档没有声明上年数（document.yaml 的 compare）");
        return false;
    }
    const bx_csv *c = n->compare;
    int found = -1, count = 0;
    for (size_t r = 0; r < c->nrows; r++)
        if (bx_dataview_same_label(bx_csv_cell(c, r, (size_t)n->compare_ref), ref) && count++ == 0)
            found = (int)r;
    if (count == 0) {
        snprintf(why, size, "%s 中没有“%s”", c->name, ref);
        return false;
    }
    if (count > 1) {
        snprintf(why, size, "%s 中有 %d 行都是“%s”", c->name, count, ref);
        return false;
    }
    const char *text = bx_csv_cell(c, (size_t)found, (size_t)n->compare_amount);
    int decimals = n->rv->ds->meta.input.decimals;
    int64_t v;
    bx_amount_result r = bx_amount_parse(text, decimals, &v);
    if (r != BX_AMOUNT_OK) {
        bx_loc loc = bx_csv_loc(c, (size_t)found, (size_t)n->compare_amount);
        snprintf(why, size, "%s 第 %d 行第 %d 列：%s“%s”", c->name, loc.line, loc.column,
                 bx_amount_result_text(r), text);
        return false;
    }
    for (int k = decimals; k < BX_NORM_DECIMALS; k++)
        v *= 10;
    *out = figure_of(n, v, money, out->decimals);
    locate(n, c, (size_t)found, (size_t)n->compare_amount, out);
    return true;
}

/* The (first) table of the view numbered number, or NULL with why. */
static const bx_vtable *first_table(const narration *n, int number, char *why, size_t size)
{
    const bx_vtable *vt = bx_dataview_table(&n->rv->m->view, number);
    if (!vt)
        snprintf(why, size, "没有表 %d", number);
    return vt;
}

/* The field of vt called name, or -1 with why. */
static int field_of(const bx_vtable *vt, const char *name, char *why, size_t size)
{
    for (int i = 0; i < vt->nfields; i++)
        if (strcmp(vt->fields[i], name) == 0)
            return i;
    snprintf(why, size, "%s 没有数字列“%s”", vt->sheet, name);
    return -1;
}

/* text with "@row" written as the name of the row being narrated: how
 * last year's figures and given texts name it. */
static void with_row_name(const narration *n, const char *text, char *out, size_t size)
{
    const char *at = strstr(text, "@row");
    if (at && n->cur_row)
        snprintf(out, size, "%.*s%s%s", (int)(at - text), text, n->cur_row->label, at + 4);
    else
        snprintf(out, size, "%s", text);
}

/* Row r of the figures file as a figure: as the file writes it, its
 * decimals as typed. */
bool bx_narr_figure_at(const narration *n, size_t r, bx_nfig *out, char *why, size_t size)
{
    const bx_csv *c = n->figures;
    const char *text = bx_csv_cell(c, r, (size_t)n->figure_value);
    const char *dot = strchr(text, '.');
    int decimals = dot ? (int)strspn(dot + 1, "0123456789") : 0;
    int64_t v;
    bx_amount_result res =
        decimals > BX_NFIG_MAX_DECIMALS ? BX_AMOUNT_DECIMALS : bx_amount_parse(text, decimals, &v);
    bx_loc loc = bx_csv_loc(c, r, (size_t)n->figure_value);
    if (res != BX_AMOUNT_OK) {
        snprintf(why, size, "%s 第 %d 行第 %d 列：%s“%s”", c->name, loc.line, loc.column,
                 bx_amount_result_text(res), text);
        return false;
    }
    *out = bx_nfig_of(v, decimals);
    locate(n, c, r, (size_t)n->figure_value, out);
    return true;
}

/* A figure of the department's that no table holds ({value 名称}). */
static bool named_figure(const narration *n, const char *name, bx_nfig *out, char *why, size_t size)
{
    const bx_csv *c = n->figures;
    if (!c) {
        snprintf(why, size, "“%s”不是 表号:行:列 的引用，文档也没有声明单位数据（figures）", name);
        return false;
    }
    int found = -1, count = 0;
    for (size_t r = 0; r < c->nrows; r++)
        if (bx_dataview_same_label(bx_csv_cell(c, r, (size_t)n->figure_name), name) && count++ == 0)
            found = (int)r;
    if (count != 1) {
        if (count)
            snprintf(why, size, "%s 中有 %d 行都叫“%s”", c->name, count, name);
        else
            snprintf(why, size, "%s 中没有“%s”", c->name, name);
        return false;
    }
    return bx_narr_figure_at(n, (size_t)found, out, why, size);
}

bool bx_narr_figure(void *ctx, const char *ref, bool prev, bx_nfig *out, char *why, size_t size)
{
    const narration *n = ctx;
    int number;
    char row[512];
    const char *field;
    if (!strchr(ref, ':') && !prev)
        return named_figure(n, ref, out, why, size);
    if (!bx_rv_split_ref(ref, &number, row, sizeof row, &field)) {
        snprintf(why, size, "引用应写成 表号:行:列（如 5:基金监督管理:总计）");
        return false;
    }
    const bx_vtable *vt = first_table(n, number, why, size);
    int f = vt ? field_of(vt, field, why, size) : -1;
    if (f < 0)
        return false;
    const bx_vrow *r;
    if (strcmp(row, "@row") == 0 && !n->cur_row) {
        snprintf(why, size, "@row（表格的本行）只用于 table 的单元格");
        return false;
    }
    if (strcmp(row, "@row") == 0 && vt == n->cur_table)
        r = n->cur_row;
    else if (!(r = the_row(n, vt, strcmp(row, "@row") == 0 ? n->cur_row->label : row, why, size)))
        return false;
    int decimals = r->shown[f];
    if (prev) { /* a row narrated as @row: last year's figure by its name */
        char named[2048];
        with_row_name(n, ref, named, sizeof named);
        out->decimals = decimals;
        return last_year(n, named, vt->money[f], out, why, size);
    }
    if (r->v[f] == BX_NOVALUE) {
        snprintf(why, size, "%s 的“%s”行“%s”列没有数", vt->sheet, row, field);
        return false;
    }
    *out = cell_figure(n, vt, r, f);
    return true;
}

/* The rows of a table that "T:@rows" (every data row), "T:level=N",
 * "T:@nonzero" (the rows with a figure other than 0) or "T:@leaves" (the
 * 科目 of the lowest level: 项 under their 款 and 类) names. */
bool bx_narr_parse_rows(const narration *n, const char *rows, bx_row_set *out, char *why,
                        size_t size)
{
    char *end;
    long number = strtol(rows, &end, 10);
    const char *sel = *end == ':' ? end + 1 : NULL;
    *out = (bx_row_set){NULL, -1, sel && strcmp(sel, "@nonzero") == 0,
                        sel && strcmp(sel, "@leaves") == 0};
    if (!sel || end == rows ||
        (strcmp(sel, "@rows") != 0 && !out->nonzero && !out->leaves &&
         (strncmp(sel, "level=", 6) != 0 || (out->level = strtol(sel + 6, &end, 10)) < 0 ||
          *end))) {
        snprintf(why, size,
                 "行的集合应写成 表号:@rows、表号:level=层级、表号:@nonzero 或 表号:@leaves");
        return false;
    }
    out->vt = first_table(n, (int)number, why, size);
    return out->vt != NULL;
}

/* A row with a code that the next row's code does not extend. */
static bool is_leaf(const bx_vtable *vt, const bx_vrow *row)
{
    if (!row->code || !*row->code)
        return false;
    const bx_vrow *next = row + 1 < vt->rows + vt->nrows ? row + 1 : NULL;
    return !next || !next->code || strncmp(next->code, row->code, strlen(row->code)) != 0;
}

bool bx_narr_in_rows(const bx_row_set *set, const bx_vrow *row)
{
    if (row->band && strcmp(row->band, "@fields") == 0)
        return false;
    bool figures = !set->nonzero;
    for (int f = 0; f < set->vt->nfields && !figures; f++)
        figures = row->v[f] != BX_NOVALUE && row->v[f] != 0;
    return figures && (set->level < 0 || row->level == set->level) &&
           (!set->leaves || is_leaf(set->vt, row));
}

/* How many forms table `number` has (a form repeated per project: 表12). */
static int64_t forms_of(const narration *n, int number)
{
    const bx_dataview *view = &n->rv->m->view;
    int64_t k = 0;
    for (int i = 0; i < view->ntables; i++)
        k += view->tables[i].number == number;
    return k;
}

static bool view_count(void *ctx, const char *rows, int64_t *out, char *why, size_t size)
{
    char *end;
    long number = strtol(rows, &end, 10);
    if (end != rows && strcmp(end, ":@forms") == 0) {
        if (!(*out = forms_of(ctx, (int)number)))
            snprintf(why, size, "没有表 %ld", number);
        return *out > 0;
    }
    bx_row_set set;
    if (!bx_narr_parse_rows(ctx, rows, &set, why, size))
        return false;
    int64_t k = 0;
    for (int r = 0; r < set.vt->nrows; r++)
        k += bx_narr_in_rows(&set, &set.vt->rows[r]);
    *out = k;
    return true;
}

/* A sum being taken: exactly, at the most decimals its terms show, each
 * term noted in parts as "T:ROW:COLUMN" (a form's "T:SHEET:COLUMN", or
 * "T:SHEET/ROW:COLUMN" for a row of its tables). */
typedef struct summing {
    __int128 sum;
    int decimals;
    bx_nuses *parts;
    int number;
    bool forms;
} summing;

/* row's figure of field f of vt added to s; false when out of memory. */
static bool add_figure(const narration *n, const bx_vtable *vt, const bx_vrow *row, int f,
                       summing *s)
{
    if (row->v[f] == BX_NOVALUE)
        return true;
    bx_nfig v = cell_figure(n, vt, row, f);
    s->sum += v.exact;
    if (v.decimals > s->decimals)
        s->decimals = v.decimals;
    char ref[1200];
    if (s->forms && row->label[0] == '@') /* a form's own fields: the form names it */
        snprintf(ref, sizeof ref, "%d:%s:%s", s->number, vt->sheet, vt->fields[f]);
    else if (s->forms)
        snprintf(ref, sizeof ref, "%d:%s/%s:%s", s->number, vt->sheet, row->label, vt->fields[f]);
    else
        snprintf(ref, sizeof ref, "%d:%s:%s", s->number, row->label, vt->fields[f]);
    return bx_nuses_add(s->parts, BX_NROLE_PART, ref, &v);
}

/* {sum T:SET:COLUMN}: the column over the rows of a set ("5:level=1:总计"),
 * or over every form of a table ("12:@forms:年度资金总额", each form's
 * figures), exactly, then rounded once at the decimals shown. */
static bool view_sum(void *ctx, const char *ref, bx_nfig *out, bx_nuses *parts, char *why,
                     size_t size)
{
    const narration *n = ctx;
    int number;
    char sel[512], rows[600];
    const char *field;
    if (!bx_rv_split_ref(ref, &number, sel, sizeof sel, &field)) {
        snprintf(why, size,
                 "求和应写成 表号:行的集合:列（如 5:level=1:总计、12:@forms:年度资金总额）");
        return false;
    }
    summing s = {0, 0, parts, number, strcmp(sel, "@forms") == 0};
    const bx_dataview *view = &n->rv->m->view;
    if (strcmp(sel, "@forms") == 0) {
        int forms = 0;
        for (int i = 0; i < view->ntables; i++) {
            const bx_vtable *vt = &view->tables[i];
            if (vt->number != number)
                continue;
            int f = field_of(vt, field, why, size);
            if (f < 0)
                return false;
            for (int r = 0; r < vt->nrows; r++)
                if (!add_figure(n, vt, &vt->rows[r], f, &s))
                    return false;
            forms++;
        }
        if (!forms && first_table(n, number, why, size) == NULL)
            return false;
    } else {
        bx_row_set set;
        snprintf(rows, sizeof rows, "%d:%s", number, sel);
        if (!bx_narr_parse_rows(n, rows, &set, why, size))
            return false;
        int f = field_of(set.vt, field, why, size);
        if (f < 0)
            return false;
        for (int r = 0; r < set.vt->nrows; r++)
            if (bx_narr_in_rows(&set, &set.vt->rows[r]) &&
                !add_figure(n, set.vt, &set.vt->rows[r], f, &s))
                return false;
    }
    *out = (bx_nfig){bx_nfig_round_exact(s.sum, s.decimals), s.decimals, s.sum, 0, 0, 0};
    return true;
}

/* The text printed for a placeholder in place of its figure. */
static const char *given_for(const narration *n, const char *key)
{
    for (size_t r = 0; n->given && r < n->given->nrows; r++)
        if (bx_dataview_same_label(bx_csv_cell(n->given, r, (size_t)n->given_expr), key))
            return bx_csv_cell(n->given, r, (size_t)n->given_text);
    return NULL;
}

/* For a row's sentences (a table's cells, a text about rows), a given text
 * may be for that row: "row@名称", or the placeholder with the row's name
 * in place of @row. */
static const char *view_given(void *ctx, const char *placeholder)
{
    const narration *n = ctx;
    if (n->cur_row) {
        char key[1024];
        snprintf(key, sizeof key, "%s@%s", placeholder, n->cur_row->label);
        const char *text = given_for(n, key);
        if (!text && strstr(placeholder, "@row")) { /* "growth 5:医药支付和管理:总计" */
            with_row_name(n, placeholder, key, sizeof key);
            text = given_for(n, key);
        }
        if (text)
            return text;
    }
    return given_for(n, placeholder);
}

static const char *view_name(void *ctx, const char *name)
{
    const narration *n = ctx;
    if (strcmp(name, "year") == 0)
        return n->year;
    if (strcmp(name, "last_year") == 0)
        return n->last_year;
    if (strcmp(name, "unit") == 0)
        return n->rv->ds->meta.unit;
    if (strcmp(name, "basis") == 0)
        return n->d->basis;
    if (n->cur_row && strcmp(name, "row") == 0)
        return n->cur_row->label;
    if (n->cur_row && n->cur_table && strcmp(name, "path") == 0)
        return bx_narr_row_path((narration *)n);
    if (n->cur_text && strcmp(name, "text") == 0)
        return n->cur_text;
    const bx_dfield *f = bx_dataset_field(n->rv->ds, name);
    return f ? f->value : NULL;
}

/* ---- blocks -------------------------------------------------------------- */

static const char *const cn_digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

/* 1..99 in Chinese numerals: 一, 十, 十一, 二十三 */
static void chinese_number(int v, char *out, size_t size)
{
    int tens = v / 10, ones = v % 10;
    snprintf(out, size, "%s%s%s", tens > 1 ? cn_digits[tens] : "", tens ? "十" : "",
             cn_digits[ones]);
}

/* The number of the count-th block of a level, in its format. */
static void number_text(const char *fmt, int count, char *out, size_t size)
{
    char cn[16], n[16];
    chinese_number(count, cn, sizeof cn);
    snprintf(n, sizeof n, "%d", count);
    size_t k = 0;
    for (const char *p = fmt; *p && k + 1 < size;) {
        const char *with = strncmp(p, "{cn}", 4) == 0 ? cn : strncmp(p, "{n}", 3) == 0 ? n : NULL;
        if (with) {
            k += (size_t)snprintf(out + k, size - k, "%s", with);
            p += p[1] == 'c' ? 4 : 3;
        } else {
            out[k++] = *p++;
        }
    }
    out[k < size ? k : size - 1] = '\0';
}

bool bx_narr_sentence(narration *n, const char *tpl, const bx_loc *loc, bx_strbuf *out)
{
    bx_nsource src = {n, bx_narr_figure, view_name, view_count, view_sum, view_given};
    bx_strbuf_reset(out);
    bx_nlog *log = &n->rv->m->narration;
    size_t before = log->nfigures;
    bool ok = bx_sentence_render(tpl, loc, &n->style, &src, out, log, n->rv->err);
    /* every sentence becomes the next block (a lead joins its paragraph) */
    for (size_t k = before; k < log->nfigures; k++)
        log->figures[k].block = n->rv->m->doc->nblocks;
    return ok;
}

static bool too_long(narration *n, const bx_loc *loc)
{
    return bx_fail(n->rv->err, loc, BX_ERR_LIMIT, "文字部分过长") == BX_OK;
}

/* The paragraph just rendered onto out printed through the block's each
 * template, {text} standing for it; located at the paragraph's row (the
 * 科目 its figures and path are of). */
static bool through_each(narration *n, const bx_dblock *b, const bx_loc *loc, bx_strbuf *out)
{
    char *text = bx_strdup(bx_strbuf_str(out), n->rv->err);
    if (!text)
        return false;
    const char *outer = n->cur_text;
    n->cur_text = text;
    bool ok = bx_narr_sentence(n, b->each, loc, out);
    n->cur_text = outer;
    free(text);
    return ok;
}

/* One paragraph of a department text: the lead (before the first), then
 * the text, each a sentence; numbered if the block says how. */
static bool text_paragraph(narration *n, const bx_dblock *b, size_t r, int paragraph, int number_of,
                           bx_strbuf *joined, bx_strbuf *out)
{
    bx_loc loc = bx_csv_loc(n->texts, r, (size_t)n->text_body);
    loc.file = n->texts->name;
    char number[64] = "";
    if (b->numbering && number_of > MAX_NUMBER)
        return bx_fail(n->rv->err, &loc, BX_ERR_DATA, "编号的段落超过 %d 段", MAX_NUMBER) == BX_OK;
    if (b->numbering)
        number_text(b->numbering, number_of, number, sizeof number);
    bx_strbuf_reset(joined);
    if (paragraph == 1 && b->lead && !bx_narr_sentence(n, b->lead, &b->loc, joined))
        return false;
    size_t lead = joined->len;
    if (!bx_narr_sentence(n, bx_csv_cell(n->texts, r, (size_t)n->text_body), &loc, out))
        return false;
    if (b->each && !through_each(n, b, &loc, out))
        return false;
    if (lead && !bx_strbuf_puts(joined, bx_strbuf_str(out)))
        return too_long(n, &loc);
    return bx_doc_add_block(n->rv->m->doc, BX_BLOCK_PARAGRAPH, 0, number,
                            bx_strbuf_str(lead ? joined : out), n->rv->err);
}

/* The count of the list b continues (found or begun), NULL if b is in
 * none. */
static int *list_count(narration *n, const bx_dblock *b)
{
    if (!b->list)
        return NULL;
    for (int i = 0; i < n->nlists; i++)
        if (strcmp(n->lists[i].name, b->list) == 0)
            return &n->lists[i].count;
    if (n->nlists == MAX_LISTS) {
        bx_fail(n->rv->err, &b->loc, BX_ERR_LIMIT, "接续编号的列表超过 %d 个", MAX_LISTS);
        return NULL;
    }
    n->lists[n->nlists].name = b->list;
    n->lists[n->nlists].count = 0;
    return &n->lists[n->nlists++].count;
}

/* The paragraphs of the department text called b->text, in order. */
static bool department_text(narration *n, const bx_dblock *b, bx_strbuf *out)
{
    if (!n->texts)
        return bx_fail(n->rv->err, &b->loc, BX_ERR_LAYOUT,
                       "文档引用了单位文字“%s”，但没有声明 texts（单位文字的数据文件）",
                       b->text) == BX_OK;
    int *counted = list_count(n, b);
    if (b->list && !counted)
        return false;
    bx_row_cover cover;
    if (b->rows && !bx_narr_cover_begin(n, b, &cover))
        return false;
    n->cur_block = b;
    int paragraphs = 0, first = counted ? *counted : 0;
    bx_strbuf joined;
    bx_strbuf_init(&joined, MAX_PARAGRAPH_BYTES);
    bool ok = true;
    for (size_t r = 0; ok && r < n->texts->nrows; r++) {
        if (strcmp(bx_csv_cell(n->texts, r, (size_t)n->text_name), b->text) != 0)
            continue;
        const bx_vrow *row = b->rows ? bx_narr_cover_row(n, b, &cover, r, &ok) : NULL;
        if (b->rows && !row)
            continue; /* a paragraph about no row of the set: a finding */
        bx_narr_enter_row(n, b->rows ? cover.set.vt : NULL, row, NULL);
        paragraphs++;
        ok = text_paragraph(n, b, r, paragraphs, first + paragraphs, &joined, out);
        bx_narr_enter_row(n, NULL, NULL, NULL);
    }
    n->cur_block = NULL;
    if (b->rows)
        ok = bx_narr_cover_end(n, b, &cover) && ok;
    if (counted)
        *counted = first + paragraphs;
    bx_strbuf_free(&joined);
    if (ok && paragraphs == 0)
        return bx_fail(n->rv->err, &b->loc, BX_ERR_DATA, "%s 中没有单位文字“%s”", n->texts->name,
                       b->text) == BX_OK;
    return ok;
}

/* The 目录's line for the block just added (a heading or the tables), when
 * it is not the block's number and text: the 目录 numbers its own entries
 * (上海: "一、部门主要职能" over a page headed "…主要职能"), or the block
 * gives its entry's text. entry: that text rendered, or NULL. */
static bool set_entry(narration *n, const bx_dblock *b, const char *entry)
{
    bx_doc *doc = n->rv->m->doc;
    bx_block *added = &doc->blocks[doc->nblocks - 1];
    bool numbered = n->entry_numbering && (b->kind == BX_DB_TABLES || b->level == 1);
    if (!numbered && !entry)
        return true;
    char number[64] = "";
    if (numbered && ++n->entries > MAX_NUMBER)
        return bx_fail(n->rv->err, &b->loc, BX_ERR_LAYOUT, "目录的编号超过 %d", MAX_NUMBER) ==
               BX_OK;
    if (numbered)
        number_text(n->entry_numbering, n->entries, number, sizeof number);
    const char *words = entry ? entry : added->text;
    size_t len = strlen(number) + strlen(words) + 1;
    char *line = bx_arena_alloc(doc->arena, len, n->rv->err);
    if (!line)
        return false;
    snprintf(line, len, "%s%s", number, words);
    added->entry = line;
    return true;
}

/* Under the tables' entry, one line per table ("1. 2025年部门财务收支预算
 * 总表"), when the 目录 lists them. */
static bool table_entries(narration *n)
{
    bx_doc *doc = n->rv->m->doc;
    bx_block *tables = &doc->blocks[doc->nblocks - 1];
    if (!n->table_numbering || doc->nsheets == 0)
        return true;
    const char **lines =
        bx_arena_alloc(doc->arena, (size_t)doc->nsheets * sizeof *lines, n->rv->err);
    for (int i = 0; lines && i < doc->nsheets; i++) {
        char number[64];
        number_text(n->table_numbering, i + 1, number, sizeof number);
        size_t len = strlen(number) + strlen(doc->sheets[i].title) + 1;
        char *line = bx_arena_alloc(doc->arena, len, n->rv->err);
        if (!line)
            return false;
        snprintf(line, len, "%s%s", number, doc->sheets[i].title);
        lines[i] = line;
    }
    tables->entries = lines;
    tables->nentries = lines ? doc->nsheets : 0;
    return lines != NULL;
}

/* A heading or the tables: its entry's text (rendered first, so that its
 * figures are the block's), its text, the block, its 目录 line. */
static bool listed_block(narration *n, const bx_dblock *b, bx_block_kind kind, const char *number,
                         bx_strbuf *out)
{
    bx_doc *doc = n->rv->m->doc;
    char *entry = NULL;
    if (b->entry) {
        if (!bx_narr_sentence(n, b->entry, &b->loc, out) ||
            !(entry = bx_arena_strdup(doc->arena, bx_strbuf_str(out), n->rv->err)))
            return false;
    }
    if (!bx_narr_sentence(n, b->text, &b->loc, out) ||
        !bx_doc_add_block(doc, kind, kind == BX_BLOCK_TABLES ? 0 : b->level, number,
                          bx_strbuf_str(out), n->rv->err) ||
        !set_entry(n, b, entry))
        return false;
    if (kind != BX_BLOCK_TABLES)
        return true;
    doc->blocks[doc->nblocks - 1].no_divider = b->no_divider;
    return table_entries(n);
}

static bool block(narration *n, const bx_dblock *b, int counts[BX_DOC_LEVELS], bx_strbuf *out)
{
    bx_doc *doc = n->rv->m->doc;
    char number[64] = "";
    if ((b->kind == BX_DB_HEADING || b->kind == BX_DB_PARAGRAPH) && b->level > 0) {
        if (++counts[b->level] > MAX_NUMBER)
            return bx_fail(n->rv->err, &b->loc, BX_ERR_LAYOUT, "同一级编号超过 %d", MAX_NUMBER) ==
                   BX_OK;
        for (int k = b->level + 1; k < BX_DOC_LEVELS; k++)
            counts[k] = 0;
        if (n->d->numbering[b->level])
            number_text(n->d->numbering[b->level], counts[b->level], number, sizeof number);
    }
    switch (b->kind) {
    case BX_DB_HEADING: return listed_block(n, b, BX_BLOCK_HEADING, number, out);
    case BX_DB_PARAGRAPH:
        return bx_narr_sentence(n, b->text, &b->loc, out) &&
               bx_doc_add_block(doc, BX_BLOCK_PARAGRAPH, b->level, number, bx_strbuf_str(out),
                                n->rv->err);
    case BX_DB_TEXT: return department_text(n, b, out);
    case BX_DB_TABLE: return bx_narr_table(n, b, out);
    case BX_DB_TABLES: return listed_block(n, b, BX_BLOCK_TABLES, "", out);
    case BX_DB_CONTENTS:
        if (!bx_narr_sentence(n, b->text, &b->loc, out) ||
            !bx_doc_add_block(doc, BX_BLOCK_CONTENTS, b->level, "", bx_strbuf_str(out), n->rv->err))
            return false;
        doc->blocks[doc->nblocks - 1].pages = b->pages;
        doc->blocks[doc->nblocks - 1].leaders = b->leaders;
        return true;
    }
    return false;
}

/* A data file of the outline with the columns it must have. */
static const bx_csv *outline_csv(narration *n, const char *data, const char *a, const char *b,
                                 int *ca, int *cb)
{
    const bx_csv *csv = bx_rv_load_csv(n->rv, data, false);
    if (!csv) {
        bx_error *err = n->rv->err;
        size_t len = strlen(err->message);
        if (err->status != BX_ERR_NOMEM)
            snprintf(err->message + len, sizeof err->message - len,
                     "（布局模板的公开文档需要数据文件 %s；只要表格：在 dataset.yaml 中写 "
                     "document: tables）",
                     data);
        return NULL;
    }
    *ca = bx_csv_column(csv, a);
    *cb = bx_csv_column(csv, b);
    if (*ca < 0 || *cb < 0) {
        bx_loc loc = {csv->name, csv->header_line, 0};
        bx_fail(n->rv->err, &loc, BX_ERR_DATA, "缺少列“%s”（应有列：%s、%s）", *ca < 0 ? a : b, a,
                b);
        return NULL;
    }
    return csv;
}

/* The layout's fixed wordings and the dataset's own (its texts' document
 * numbers), in the resolver's arena. */
static bool gather_constants(narration *n)
{
    const bx_dataset_meta *meta = &n->rv->ds->meta;
    n->style = n->d->style;
    if (meta->nconstants == 0)
        return true;
    size_t own = (size_t)n->style.nconstants, all = own + meta->nconstants;
    if (all > INT_MAX / 2)
        return bx_fail(n->rv->err, NULL, BX_ERR_LIMIT, "固定说法过多") == BX_OK;
    const char **list = bx_arena_alloc(n->rv->arena, all * sizeof *list, n->rv->err);
    if (!list)
        return false;
    for (size_t i = 0; i < own; i++)
        list[i] = n->style.constants[i];
    for (size_t i = 0; i < meta->nconstants; i++)
        list[own + i] = meta->constants[i].value;
    n->style.constants = list;
    n->style.nconstants = (int)all;
    return true;
}

bool bx_rv_narrate(resolver *rv)
{
    const bx_doc_layout *d = rv->set->document;
    narration n = {.rv = rv, .d = d};
    if (!gather_constants(&n))
        return false;
    snprintf(n.year, sizeof n.year, "%d", rv->ds->meta.year);
    snprintf(n.last_year, sizeof n.last_year, "%d", rv->ds->meta.year - 1);
    if (!bx_nlog_init(&rv->m->narration, rv->err))
        return false;
    if (d->compare && !(n.compare = outline_csv(&n, d->compare, "引用", "金额", &n.compare_ref,
                                                &n.compare_amount)))
        return false;
    if (d->texts &&
        !(n.texts = outline_csv(&n, d->texts, "名称", "段落", &n.text_name, &n.text_body)))
        return false;
    n.text_row = n.texts ? bx_csv_column(n.texts, "行") : -1;
    if (d->given &&
        !(n.given = outline_csv(&n, d->given, "占位符", "印刷", &n.given_expr, &n.given_text)))
        return false;
    if (d->figures &&
        !(n.figures = outline_csv(&n, d->figures, "名称", "数值", &n.figure_name, &n.figure_value)))
        return false;
    n.figure_total = n.figures ? bx_csv_column(n.figures, "合计") : -1;
    bx_strbuf out;
    bx_strbuf_init(&out, MAX_PARAGRAPH_BYTES);
    bx_loc loc = {rv->set->dir, 0, 0};
    bool ok = !d->label ||
              (bx_narr_sentence(&n, d->label, &loc, &out) &&
               bx_doc_add_block(rv->m->doc, BX_BLOCK_LABEL, 0, "", bx_strbuf_str(&out), rv->err));
    ok = ok && bx_narr_sentence(&n, d->title ? d->title : rv->set->title, &loc, &out) &&
         bx_doc_add_block(rv->m->doc, BX_BLOCK_TITLE, 0, "", bx_strbuf_str(&out), rv->err);
    ok = ok && (!d->subtitle || (bx_narr_sentence(&n, d->subtitle, &loc, &out) &&
                                 bx_doc_add_block(rv->m->doc, BX_BLOCK_SUBTITLE, 0, "",
                                                  bx_strbuf_str(&out), rv->err)));
    rv->m->doc->text_setup = d->page;
    for (size_t i = 0; i < d->nblocks; i++) /* the 目录's own numbering, if it has one */
        if (d->blocks[i].kind == BX_DB_CONTENTS) {
            n.entry_numbering = d->blocks[i].numbering;
            n.table_numbering = d->blocks[i].table_numbering;
        }
    int counts[BX_DOC_LEVELS] = {0};
    for (size_t i = 0; ok && i < d->nblocks; i++)
        ok = block(&n, &d->blocks[i], counts, &out);
    bx_strbuf_free(&out);
    return ok && bx_narr_check_totals(&n);
}
