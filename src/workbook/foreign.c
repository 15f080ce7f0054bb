/* A workbook made elsewhere, read as tables of a layout set (foreign.h):
 * each worksheet recognised by its title (the layout's, spaces and
 * full-width forms aside; the longest that fits, so 财政拨款收支总表 is not
 * 收支总表), the words its title block stands for read from it (单位, 年度,
 * a form's key, the set's fields), the unit its amounts are stated in;
 * then the set's empty dataset with those words is resolved as a
 * template, every sheet redrawn in its coordinates (foreign_sheet.c) and
 * read like one of ours. */
#include "foreign.h"

#include "blank.h"
#include "decimal.h"
#include "importer.h"
#include "placeholder.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    PROBE_ROWS = 16,   /* a title is this near the top */
    CAPTION_ROWS = 8,  /* the title block's lines: this far below the title */
    HEADING_ROWS = 12, /* headings naming the year: this far below it */
    MAX_VALUES = 64,   /* words read from title blocks */
    MAX_SEGMENTS = 4,  /* texts of one cell set apart by wide spaces */
    FOLDED_MAX = 2048
};

typedef struct value {
    char name[64];
    const char *text;
    const char *sheet;
    int row, col;
} value;

typedef struct probe {
    const bx_xbook *book;
    const bx_layout_set *set;
    const bx_foreign_hints *hints;
    bx_arena *arena;
    bx_error *err;
    bx_found_sheet *found;
    int nfound;
    value values[MAX_VALUES];
    int nvalues;
    bx_strbuf notices;
} probe;

static bool fail_at(probe *p, const bx_xsheet *ws, int row, int col, const char *fmt, const char *a,
                    const char *b)
{
    char ref[32], msg[1024];
    snprintf(msg, sizeof msg, fmt, a, b);
    bx_loc loc = {p->book->path, 0, 0};
    return bx_fail(p->err, &loc, BX_ERR_DATA, "%s!%s：%s", ws->name,
                   bx_cell_ref(row, col, ref, sizeof ref), msg) == BX_OK;
}

static size_t folded_length(const char *s, size_t n)
{
    char raw[FOLDED_MAX], out[FOLDED_MAX];
    snprintf(raw, sizeof raw, "%.*s", (int)(n < sizeof raw ? n : sizeof raw - 1), s);
    return bx_text_fold(raw, out, sizeof out, NULL) ? strlen(out) : 0;
}

/* How much of a text a template's own words are (the text, folded, less
 * what its placeholders stood for): the more, the closer the fit. */
static size_t literal_length(const char *text, const bx_tpl_capture *caps, int ncaps)
{
    size_t len = folded_length(text, strlen(text));
    for (int c = 0; c < ncaps; c++)
        len -= folded_length(caps[c].s, caps[c].n);
    return len;
}

/* The texts of a cell: set apart by two spaces or more, a full-width
 * space or a line end ("部门名称：…    单位：万元" holds two). */
static int segments(const char *text, char out[MAX_SEGMENTS][BX_TPL_MAX_TEXT + 1])
{
    int n = 0;
    size_t len = strlen(text), start = 0, i = 0;
    while (i <= len && n < MAX_SEGMENTS) {
        size_t gap = 0;
        if (i < len && (text[i] == '\n' || text[i] == '\t'))
            gap = 1;
        else if (i + 1 < len && text[i] == ' ' && text[i + 1] == ' ')
            gap = 2;
        else if (i + 2 < len && (unsigned char)text[i] == 0xE3 &&
                 (unsigned char)text[i + 1] == 0x80 && (unsigned char)text[i + 2] == 0x80)
            gap = 3;
        if (gap || i == len) {
            size_t k;
            const char *t = bx_text_trim(text + start, &k);
            k = (size_t)(text + i - t) < k ? (size_t)(text + i - t) : k;
            if (t < text + i && k > 0 && k <= BX_TPL_MAX_TEXT) {
                memcpy(out[n], t, k);
                out[n++][k] = '\0';
            }
            while (gap && i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t'))
                i++;
            if (gap == 3)
                i += 3;
            start = i;
            if (i >= len)
                break;
            continue;
        }
        i++;
    }
    return n;
}

/* ---- which table a sheet is -------------------------------------------- */

/* The table whose title a cell of the sheet's top rows is (the most
 * specific when several fit), or -1. */
static int title_of(const probe *p, const bx_xsheet *ws, int *row, int *col)
{
    int best = -1;
    size_t best_len = 0;
    for (size_t i = 0; i < ws->ncells && ws->cells[i].row < PROBE_ROWS; i++) {
        char seg[MAX_SEGMENTS][BX_TPL_MAX_TEXT + 1];
        int n = segments(ws->cells[i].text, seg);
        for (int k = 0; k < n; k++)
            for (size_t t = 0; t < p->set->ntables; t++) {
                bx_tpl_capture caps[BX_TPL_MAX_CAPTURES];
                int nc = bx_tpl_match(p->set->tables[t].title, seg[k], caps);
                size_t len = nc >= 0 ? literal_length(seg[k], caps, nc) : 0;
                if (nc >= 0 && len > best_len) {
                    best = (int)t, best_len = len;
                    *row = ws->cells[i].row, *col = ws->cells[i].col;
                }
            }
    }
    return best;
}

static bool add_found(probe *p, const bx_found_sheet *f)
{
    bx_found_sheet *grown = realloc(p->found, (size_t)(p->nfound + 1) * sizeof *grown);
    if (!grown)
        return bx_fail(p->err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    p->found = grown;
    p->found[p->nfound++] = *f;
    return true;
}

static bool sheet_blank(const bx_xsheet *ws)
{
    for (size_t i = 0; i < ws->ncells; i++)
        if (!bx_text_blank(ws->cells[i].text))
            return false;
    return true;
}

static bool recognise_sheets(probe *p)
{
    for (size_t i = 0; i < p->book->nsheets; i++) {
        const bx_xsheet *ws = &p->book->sheets[i];
        bx_found_sheet f = {.ws = ws};
        f.table = title_of(p, ws, &f.title_row, &f.title_col);
        if (f.table >= 0) {
            if (!add_found(p, &f))
                return false;
        } else if (!sheet_blank(ws) && ws->state == BX_XSHEET_VISIBLE) {
            bx_strbuf_printf(&p->notices, "%s工作表“%s”不是模板 %s 中的表，未读入",
                             p->notices.len ? "；" : "", ws->name, p->set->name);
        }
    }
    return true;
}

/* A hidden sheet gives way to a visible one of the same table; two
 * visible ones of a table that is not repeated are an error. */
static bool one_sheet_per_table(probe *p)
{
    int n = 0;
    for (int i = 0; i < p->nfound; i++) {
        const bx_found_sheet *f = &p->found[i];
        const bx_table_layout *t = &p->set->tables[f->table];
        bool drop = false;
        for (int j = 0; j < p->nfound && !t->each_data; j++) {
            const bx_found_sheet *g = &p->found[j];
            if (j == i || g->table != f->table)
                continue;
            bool f_shown = f->ws->state == BX_XSHEET_VISIBLE,
                 g_shown = g->ws->state == BX_XSHEET_VISIBLE;
            if (f_shown == g_shown && j < i) {
                char what[256];
                snprintf(what, sizeof what, "%s %s", t->label ? t->label : "", t->title);
                return fail_at(p, f->ws, f->title_row, f->title_col,
                               "工作表“%s”和这张工作表都是%s，只能有一张", g->ws->name, what);
            }
            drop |= g_shown && !f_shown;
        }
        if (!drop)
            p->found[n++] = *f;
    }
    p->nfound = n;
    return true;
}

/* ---- which set the workbook is of --------------------------------------- */

/* How many of the book's sheets are tables of set; *complete whether every
 * table of the set has one. */
static int recognised(const bx_xbook *book, const bx_layout_set *set, bool *complete)
{
    probe p = {.book = book, .set = set};
    bool *has = calloc(set->ntables + 1, 1);
    int n = 0;
    for (size_t i = 0; has && i < book->nsheets; i++) {
        int row, col, t = title_of(&p, &book->sheets[i], &row, &col);
        if (t >= 0)
            has[t] = true, n++;
    }
    *complete = has != NULL && set->ntables > 0;
    for (size_t t = 0; has && t < set->ntables; t++)
        *complete &= has[t];
    free(has);
    return n;
}

char *bx_foreign_guess_set(const bx_xbook *book, const char *const *layout_dirs, bx_error *err)
{
    char **names = bx_layout_set_names(layout_dirs, err);
    int best = -1, ties = 0;
    char found[1024] = "";
    for (int i = 0; names && names[i]; i++) {
        bx_error ignored; /* a set that does not load is not the one */
        bx_error_clear(&ignored);
        bx_layout_set *set = bx_layout_set_find(names[i], layout_dirs, &ignored);
        bool complete = false;
        int n = set ? recognised(book, set, &complete) : 0;
        bx_layout_set_free(set);
        if (!complete || n < best)
            continue;
        if (n > best) {
            best = n, ties = 0, found[0] = '\0';
        }
        ties++;
        size_t len = strlen(found);
        snprintf(found + len, sizeof found - len, "%s%s", len ? "、" : "", names[i]);
    }
    char *chosen = NULL;
    bx_loc loc = {book->path, 0, 0};
    if (names && best < 0)
        bx_fail(err, &loc, BX_ERR_DATA,
                "这个工作簿不是 budgetx 生成的，也认不出它的表格属于哪个模板（按各表的标题）："
                "请用 --set 给出模板");
    else if (names && ties > 1)
        bx_fail(err, &loc, BX_ERR_DATA, "这个工作簿的表格可以是模板 %s 中任一个的：请用 --set 指定",
                found);
    else if (names)
        chosen = bx_strdup(found, err);
    bx_layout_set_names_free(names);
    return chosen;
}

/* ---- the words a title block stands for -------------------------------- */

static const char *value_name(const char *name)
{
    return strcmp(name, "year") == 0 ? "年度" : strcmp(name, "unit") == 0 ? "单位名称" : name;
}

static bool is_year(const char *s, size_t n)
{
    if (n != 4)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* A word read at a cell: the same as before, or an error naming both. */
static bool add_value(probe *p, bx_found_sheet *f, const bx_tpl_capture *c, int row, int col)
{
    char name[64];
    snprintf(name, sizeof name, "%.*s", (int)(c->nname < 63 ? c->nname : 63), c->name);
    const bx_table_layout *t = &p->set->tables[f->table];
    if (strcmp(name, "year") == 0 && !is_year(c->s, c->n))
        return true;
    if (t->each_key && strcmp(name, t->each_key) == 0) {
        if (!f->key && !(f->key = bx_arena_strndup(p->arena, c->s, c->n, p->err)))
            return false;
        return true;
    }
    /* a repeated form's other words are its own row's (read from its cells) */
    if (t->each_data && strcmp(name, "year") != 0 && strcmp(name, "unit") != 0)
        return true;
    for (int i = 0; i < p->nvalues; i++) {
        const value *v = &p->values[i];
        if (strcmp(v->name, name) != 0)
            continue;
        if (strlen(v->text) == c->n && memcmp(v->text, c->s, c->n) == 0)
            return true;
        char ref[32], other[512], now[256];
        snprintf(other, sizeof other, "%s 与工作表“%s”%s 的“%s”不一致", value_name(name), v->sheet,
                 bx_cell_ref(v->row, v->col, ref, sizeof ref), v->text);
        snprintf(now, sizeof now, "%.*s", (int)(c->n < 255 ? c->n : 255), c->s);
        return fail_at(p, f->ws, row, col, "“%s”：%s", now, other);
    }
    if (p->nvalues == MAX_VALUES)
        return true;
    value *v = &p->values[p->nvalues++];
    snprintf(v->name, sizeof v->name, "%s", name);
    v->text = bx_arena_strndup(p->arena, c->s, c->n, p->err);
    v->sheet = f->ws->name, v->row = row, v->col = col;
    return v->text != NULL;
}

/* Whether a text states the amounts' unit ("单位：万元"): not a caption's
 * words, whichever caption template it would fit. */
static bool unit_statement(const char *text, int64_t *unit)
{
    char folded[FOLDED_MAX];
    const char *at =
        bx_text_fold(text, folded, sizeof folded, NULL) ? strstr(folded, "单位:") : NULL;
    int64_t u;
    return at && bx_money_unit(at + strlen("单位:"), unit ? unit : &u);
}

/* The words of a cell's texts, each read with the template it fits most
 * closely (the most literal text: "单位：元" is the right caption, not
 * "{编制}：{unit}"). */
static bool read_words(probe *p, bx_found_sheet *f, const char *const *tpls, int ntpl,
                       const bx_xcell *x)
{
    char seg[MAX_SEGMENTS][BX_TPL_MAX_TEXT + 1];
    int n = segments(x->text, seg);
    for (int k = 0; k < n; k++) {
        if (unit_statement(seg[k], NULL))
            continue;
        bx_tpl_capture caps[BX_TPL_MAX_CAPTURES], best[BX_TPL_MAX_CAPTURES];
        int nbest = -1;
        size_t best_len = 0;
        for (int i = 0; i < ntpl; i++) {
            int nc = tpls[i] ? bx_tpl_match(tpls[i], seg[k], caps) : -1;
            if (nc < 0)
                continue;
            size_t len = literal_length(seg[k], caps, nc);
            if (nbest < 0 || len > best_len) {
                nbest = nc, best_len = len;
                memcpy(best, caps, sizeof caps);
            }
        }
        /* a capture points into seg: kept before seg goes */
        for (int c = 0; c < nbest; c++)
            if (!add_value(p, f, &best[c], x->row, x->col))
                return false;
    }
    return true;
}

/* The header's templates naming the year ("{year}年预算数"). */
static int heading_templates(const bx_hnode *nodes, size_t n, const char **out, int room)
{
    int k = 0;
    for (size_t i = 0; i < n && k < room; i++) {
        if (nodes[i].title && strchr(nodes[i].title, '{'))
            out[k++] = nodes[i].title;
        k += heading_templates(nodes[i].children, nodes[i].nchildren, out + k, room - k);
    }
    return k;
}

/* Whether text is one of the headings of nodes. */
static bool is_heading(const bx_hnode *nodes, size_t n, const char *text)
{
    for (size_t i = 0; i < n; i++) {
        bx_tpl_capture caps[BX_TPL_MAX_CAPTURES];
        if ((nodes[i].title && *nodes[i].title && bx_tpl_match(nodes[i].title, text, caps) >= 0) ||
            is_heading(nodes[i].children, nodes[i].nchildren, text))
            return true;
    }
    return false;
}

/* The first row under the title holding one of the table's headings: the
 * title block ends there (a footnote below is not a caption). */
static int heading_row(const probe *p, const bx_found_sheet *f)
{
    const bx_table_layout *t = &p->set->tables[f->table];
    for (size_t i = 0; i < f->ws->ncells && t->kind != BX_TABLE_FORM; i++) {
        const bx_xcell *x = &f->ws->cells[i];
        if (x->row > f->title_row + HEADING_ROWS)
            break;
        if (x->row > f->title_row && is_heading(t->header.roots, t->header.nroots, x->text))
            return x->row;
    }
    return f->title_row + CAPTION_ROWS;
}

static bool sheet_words(probe *p, bx_found_sheet *f)
{
    const bx_table_layout *t = &p->set->tables[f->table];
    const char *block[] = {t->label, t->title, t->caption_left, t->caption_right};
    const char *heads[32];
    int nheads = heading_templates(t->header.roots, t->header.nroots, heads, 32);
    int head = heading_row(p, f);
    for (size_t i = 0; i < f->ws->ncells; i++) {
        const bx_xcell *x = &f->ws->cells[i];
        if (x->row > head + HEADING_ROWS / 2)
            break;
        if ((x->row < head && !read_words(p, f, block, 4, x)) ||
            (x->row >= head && !read_words(p, f, heads, nheads, x)))
            return false;
    }
    /* an `each` form's key may be in the sheet's name only */
    bx_tpl_capture caps[BX_TPL_MAX_CAPTURES];
    int nc = t->each_key && !f->key ? bx_tpl_match(t->sheet_name, f->ws->name, caps) : -1;
    for (int c = 0; c < nc; c++)
        if (!add_value(p, f, &caps[c], 0, 0))
            return false;
    return true;
}

/* ---- the unit amounts are stated in ------------------------------------ */

/* "单位：元", "金额单位：万元" in the title block, else the table's own. */
static bx_scale stated_unit(const probe *p, const bx_found_sheet *f)
{
    const bx_table_layout *t = &p->set->tables[f->table];
    bx_scale s = p->set->display;
    if (t->display_unit)
        s.unit_yuan = t->display_unit;
    for (size_t i = 0; i < f->ws->ncells; i++) {
        const bx_xcell *x = &f->ws->cells[i];
        if (x->row > f->title_row + CAPTION_ROWS)
            break;
        char seg[MAX_SEGMENTS][BX_TPL_MAX_TEXT + 1];
        int n = segments(x->text, seg);
        for (int k = 0; k < n; k++) {
            int64_t unit;
            if (unit_statement(seg[k], &unit))
                s.unit_yuan = unit;
        }
    }
    return s;
}

/* The decimals a plain decimal needs once its point moves `shift` places
 * left (a figure in 元 given in 万元: 12597700 → 1259.77, 2). */
static int needed_decimals(const char *plain, int shift)
{
    const char *dot = strchr(plain, '.');
    size_t ni = dot ? (size_t)(dot - plain) : strlen(plain), nf = dot ? strlen(dot + 1) : 0;
    while (nf > 0 && dot[nf] == '0')
        nf--;
    if (nf > 0)
        return (int)nf + shift > 0 ? (int)nf + shift : 0;
    int zeros = 0;
    while (zeros < (int)ni && plain[ni - 1 - (size_t)zeros] == '0')
        zeros++;
    if (zeros == (int)ni) /* zero */
        return 0;
    return shift - zeros > 0 ? shift - zeros : 0;
}

/* The most decimals a figure of the sheet needs in unit `unit`. */
static int sheet_decimals(const bx_found_sheet *f, int64_t unit)
{
    int most = 0, shift = bx_log10(unit) - bx_log10(f->shown.unit_yuan);
    for (size_t i = 0; i < f->ws->ncells; i++) {
        const bx_xcell *x = &f->ws->cells[i];
        char plain[128];
        if (x->row <= f->title_row ||
            !(x->type == BX_X_NUMBER ? bx_decimal_from_number(x->text, plain, sizeof plain)
                                     : bx_decimal_from_text(x->text, plain, sizeof plain)))
            continue;
        int k = needed_decimals(plain[0] == '-' ? plain + 1 : plain, shift);
        most = k > most ? k : most;
    }
    return most;
}

/* The most decimals any table's figures need in unit `unit` (forms aside:
 * rates and scores beside their amounts). */
static int decimals_in(const probe *p, int64_t unit)
{
    int most = 0;
    for (int i = 0; i < p->nfound; i++)
        if (p->set->tables[p->found[i].table].kind != BX_TABLE_FORM) {
            int k = sheet_decimals(&p->found[i], unit);
            most = k > most ? k : most;
        }
    return most;
}

/* The dataset's unit: the set's, where every figure fits it (a table in
 * 元 of a set in 万元: its figures were rounded to 万元 when made), else
 * the least any sheet states; decimals enough for every figure, at least
 * the set's. */
static bx_scale dataset_scale(const probe *p)
{
    bx_scale in = p->set->display;
    int k = decimals_in(p, in.unit_yuan);
    if (k > BX_MAX_DECIMALS) {
        for (int i = 0; i < p->nfound; i++)
            if (p->found[i].shown.unit_yuan < in.unit_yuan)
                in.unit_yuan = p->found[i].shown.unit_yuan;
        in.decimals = 2;
        k = decimals_in(p, in.unit_yuan);
    }
    in.decimals = k > in.decimals ? k : in.decimals;
    in.decimals = in.decimals > BX_MAX_DECIMALS ? BX_MAX_DECIMALS : in.decimals;
    return in;
}

/* How the tables show amounts, where the set does not say it for them:
 * the decimals most of their figures' number formats show, and zeros
 * shown ("0") if any figure is a zero. */
static bx_dataset_display shown_display(const probe *p)
{
    bx_dataset_display d = {-1, BX_ZERO_UNSET};
    int count[BX_MAX_DECIMALS + 1] = {0};
    for (int i = 0; i < p->nfound; i++) {
        const bx_found_sheet *f = &p->found[i];
        const bx_table_layout *t = &p->set->tables[f->table];
        if (t->kind == BX_TABLE_FORM || t->display_decimals >= 0)
            continue;
        for (size_t k = 0; k < f->ws->ncells; k++) {
            const bx_xcell *x = &f->ws->cells[k];
            int dec = bx_xbook_decimals(p->book, x->style);
            if (x->row <= f->title_row || x->type != BX_X_NUMBER || dec < 0 ||
                dec > BX_MAX_DECIMALS)
                continue;
            count[dec]++;
            char plain[128];
            if (t->zero == BX_ZERO_UNSET && bx_decimal_from_number(x->text, plain, sizeof plain) &&
                strspn(plain, "0.-") == strlen(plain))
                d.zero = BX_ZERO_SHOW;
        }
    }
    int most = -1;
    for (int k = 0; k <= BX_MAX_DECIMALS; k++)
        if (count[k] && (most < 0 || count[k] > count[most]))
            most = k;
    if (most >= 0 && most != p->set->display.decimals)
        d.decimals = most;
    return d;
}

/* ---- the dataset ------------------------------------------------------- */

static const char *value_of(const probe *p, const char *name)
{
    for (int i = 0; i < p->nvalues; i++)
        if (strcmp(p->values[i].name, name) == 0)
            return p->values[i].text;
    return NULL;
}

/* The keys of each `each` table's sheets: read, else their order. */
static bool each_keys(probe *p, bx_blank_keys *keys, int *nkeys)
{
    *nkeys = 0;
    for (size_t t = 0; t < p->set->ntables; t++) {
        const bx_table_layout *lt = &p->set->tables[t];
        if (!lt->each_data)
            continue;
        bx_blank_keys *k = &keys[(*nkeys)++];
        *k = (bx_blank_keys){lt->each_data, lt->each_key, NULL, 0};
        k->values = bx_arena_alloc(p->arena, (size_t)(p->nfound + 1) * sizeof(char *), p->err);
        if (!k->values)
            return false;
        for (int i = 0; i < p->nfound; i++) {
            bx_found_sheet *f = &p->found[i];
            if (f->table != (int)t)
                continue;
            if (!f->key) {
                char n[16];
                snprintf(n, sizeof n, "%d", k->nkeys + 1);
                if (!(f->key = bx_arena_strdup(p->arena, n, p->err)))
                    return false;
            }
            k->values[k->nkeys++] = f->key;
        }
    }
    return true;
}

static bx_dataset *blank_of(probe *p)
{
    const char *unit = value_of(p, "unit"), *year = value_of(p, "year");
    bx_blank_request req = {.unit = unit       ? unit
                                    : p->hints ? p->hints->unit
                                               : NULL,
                            .year = year       ? atoi(year)
                                    : p->hints ? p->hints->year
                                               : 0};
    bx_loc loc = {p->book->path, 0, 0};
    /* what the titles say stands; a hint that says otherwise is a mistake */
    if (unit && p->hints && p->hints->unit && strcmp(unit, p->hints->unit) != 0)
        return bx_fail(p->err, &loc, BX_ERR_USAGE,
                       "工作簿的标题栏写的单位是“%s”，--unit 给的是“%s”", unit, p->hints->unit),
               NULL;
    if (year && p->hints && p->hints->year && req.year != p->hints->year)
        return bx_fail(p->err, &loc, BX_ERR_USAGE, "工作簿的标题写的是 %d 年，--year 给的是 %d 年",
                       req.year, p->hints->year),
               NULL;
    if (!req.unit || !*req.unit)
        return bx_fail(p->err, &loc, BX_ERR_DATA,
                       "工作簿的标题栏中找不到单位名称（如“部门名称：…”）；请用 --unit 给出"),
               NULL;
    if (req.year < 1980 || req.year > 2999)
        return bx_fail(p->err, &loc, BX_ERR_DATA,
                       "工作簿的标题和表头中找不到年度（如“2024年”）；请用 --year 给出"),
               NULL;
    req.input = dataset_scale(p);
    req.display = shown_display(p);
    bx_dfield *fields = bx_arena_alloc(p->arena, (size_t)(p->nvalues + 1) * sizeof *fields, p->err);
    bx_blank_keys *keys = bx_arena_alloc(p->arena, (p->set->ntables + 1) * sizeof *keys, p->err);
    if (!fields || !keys || !each_keys(p, keys, &req.nkeys))
        return NULL;
    for (int i = 0; i < p->nvalues; i++)
        if (strcmp(p->values[i].name, "year") != 0 && strcmp(p->values[i].name, "unit") != 0)
            fields[req.nfields++] = (bx_dfield){p->values[i].name, p->values[i].text, {NULL, 0, 0}};
    req.fields = fields;
    req.keys = keys;
    return bx_blank_dataset(p->set, &req, p->err);
}

/* The sheet that is the k-th of table `table` in the workbook. */
static const bx_found_sheet *found_for(const probe *p, int table, int k)
{
    for (int i = 0; i < p->nfound; i++)
        if (p->found[i].table == table && k-- == 0)
            return &p->found[i];
    return NULL;
}

/* Every sheet of the model redrawn from its worksheet, into a workbook
 * of our own shape. */
static bx_xbook *redrawn_book(probe *p, const bx_model *m, bx_origin **origins)
{
    const bx_doc *doc = m->doc;
    bx_xbook *nb = bx_calloc(1, sizeof *nb, p->err);
    bx_sheet_name *names = bx_sheet_names(doc, p->err);
    bool ok = nb && names && (nb->arena = bx_arena_new()) != NULL;
    if (ok) {
        nb->path = p->book->path;
        nb->sheets =
            bx_arena_alloc(nb->arena, ((size_t)doc->nsheets + 1) * sizeof *nb->sheets, p->err);
        *origins = bx_arena_alloc(nb->arena, ((size_t)doc->nsheets + 1) * sizeof **origins, p->err);
        /* the workbook's cell formats, then one per level read from
         * leading spaces (foreign.h) */
        size_t n = p->book->nxf + BX_FOREIGN_LEVELS;
        nb->xf_indent = bx_arena_alloc(nb->arena, n * sizeof(int), p->err);
        nb->xf_decimals = bx_arena_alloc(nb->arena, n * sizeof(int), p->err);
        ok = nb->sheets && *origins && nb->xf_indent && nb->xf_decimals;
        for (size_t k = 0; ok && k < n; k++) {
            bool own = k < p->book->nxf;
            nb->xf_indent[k] = own ? p->book->xf_indent[k] : (int)(k - p->book->nxf);
            nb->xf_decimals[k] = own ? bx_xbook_decimals(p->book, (int)k) : -1;
        }
        nb->nxf = ok ? n : 0;
    }
    for (int i = 0; ok && i < doc->nsheets; i++) {
        int table = m->view.tables[i].layout, nth = 0;
        for (int j = 0; j < i; j++)
            nth += m->view.tables[j].layout == table;
        const bx_found_sheet *f = found_for(p, table, nth);
        const bx_table_layout *t = &p->set->tables[table];
        if (!f) {
            bx_loc loc = {p->book->path, 0, 0};
            ok = bx_fail(p->err, &loc, BX_ERR_DATA, "工作簿中没有%s %s（找不到标题为“%s”的工作表）",
                         t->label ? t->label : "", doc->sheets[i].title, t->title) == BX_OK;
            break;
        }
        ok = bx_foreign_sheet(p->book, f, &doc->sheets[i], &m->readback.sheets[i], t, nb->arena,
                              &nb->sheets[i], &(*origins)[i], p->err);
        nb->sheets[i].name = bx_arena_strdup(nb->arena, names[i], p->err);
        nb->nsheets = (size_t)i + 1;
        ok = ok && nb->sheets[i].name;
    }
    free(names);
    if (!ok) {
        bx_xbook_free(nb);
        return NULL;
    }
    return nb;
}

bx_dataset *bx_foreign_dataset(const bx_xbook *book, const bx_layout_set *set,
                               const bx_foreign_hints *hints, bx_error *err)
{
    probe p = {.book = book, .set = set, .hints = hints, .err = err, .arena = bx_arena_new()};
    bx_strbuf_init(&p.notices, 0);
    bool ok = p.arena && recognise_sheets(&p) && one_sheet_per_table(&p);
    for (int i = 0; ok && i < p.nfound; i++) {
        p.found[i].shown = stated_unit(&p, &p.found[i]);
        ok = sheet_words(&p, &p.found[i]);
    }
    if (ok && p.nfound == 0) {
        bx_loc loc = {book->path, 0, 0};
        ok = bx_fail(err, &loc, BX_ERR_DATA, "工作簿中没有模板 %s 的表（按标题辨认，如“%s”）",
                     set->name, set->ntables ? set->tables[0].title : "") == BX_OK;
    }
    bx_dataset *blank = ok ? blank_of(&p) : NULL;
    bx_model *m = blank ? bx_model_resolve_template(set, blank, 1, err) : NULL;
    bx_origin *origins = NULL;
    bx_xbook *nb = m ? redrawn_book(&p, m, &origins) : NULL;
    bx_dataset *ds = nb ? bx_im_read_redrawn(nb, origins, set, m, err) : NULL;
    if (!nb)
        bx_model_free(m);      /* else the reader's */
    if (ds && p.notices.len) { /* beside the reader's own */
        char *both = bx_arena_alloc(ds->arena,
                                    p.notices.len + (ds->notice ? strlen(ds->notice) : 0) + 8, err);
        if (both)
            sprintf(both, "%s%s%s", bx_strbuf_str(&p.notices), ds->notice ? "；" : "",
                    ds->notice ? ds->notice : "");
        ds->notice = both ? both : ds->notice;
    }
    bx_xbook_free(nb);
    bx_dataset_free(blank);
    bx_strbuf_free(&p.notices);
    free(p.found);
    bx_arena_free(p.arena);
    return ds;
}
