/* Worksheets: the cells of <sheetData> with their values and styles, the
 * merges, each sheet's extent; and finding a cell of a sheet read. */
#include "xlsx_read.h"
#include "xlsx_reader.h"

#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- cell references ---- */

typedef enum ref_status { REF_OK, REF_BAD, REF_RANGE } ref_status;

/* "D5" (n bytes) → row 4, col 3. Letters and digits past the limits still
 * parse, so that "XFE1" is out of range rather than invalid. */
static ref_status parse_ref(const char *s, size_t n, int *row, int *col)
{
    long c = 0, r = 0;
    size_t i = 0;
    for (; i < n && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')); i++) {
        c = c * 26 + ((s[i] | 0x20) - 'a' + 1);
        if (c > BX_XLSX_MAX_COLS)
            c = BX_XLSX_MAX_COLS + 1;
    }
    size_t letters = i;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
        r = r * 10 + (s[i] - '0');
        if (r > BX_XLSX_MAX_ROWS)
            r = BX_XLSX_MAX_ROWS + 1;
    }
    if (letters == 0 || i == letters || i != n || r == 0)
        return REF_BAD;
    if (c > BX_XLSX_MAX_COLS || r > BX_XLSX_MAX_ROWS)
        return REF_RANGE;
    *row = (int)r - 1;
    *col = (int)c - 1;
    return REF_OK;
}

/* ---- worksheets ---- */

typedef enum cell_kind { KIND_N, KIND_S, KIND_STR, KIND_INLINE, KIND_B, KIND_E, KIND_D } cell_kind;

typedef struct sheet_part {
    part base;
    bx_xsheet *sheet;
    bx_xcell *cells;
    size_t ncells, cap_cells;
    bx_xmerge *merges;
    size_t nmerges, cap_merges;
    bool in_data; /* inside <sheetData> */
    int row, col; /* of the last <row> (-1 before the first) and cell */
    /* the <c> being read */
    bool in_cell, has_v, has_is, in_is, formula;
    int phonetic;
    cell_kind kind;
    bx_xcell cell;
    bx_strbuf v, is;
} sheet_part;

static void fail_ref(part *p, ref_status status, const char *ref)
{
    const char *sheet = ((sheet_part *)p)->sheet->name;
    if (status == REF_RANGE)
        bx_xread_part_fail(p, BX_ERR_LIMIT,
                           "工作表“%s”的单元格位置“%.40s”超出范围（最多 %d 行、%d 列）", sheet, ref,
                           BX_XLSX_MAX_ROWS, BX_XLSX_MAX_COLS);
    else
        bx_xread_part_fail(p, BX_ERR_SYNTAX, "工作表“%s”的单元格位置“%.40s”无效", sheet, ref);
}

static void start_row(sheet_part *sp, const char *ref)
{
    long r = sp->row + 2; /* 1-based: the one after the last */
    if (ref && !bx_xread_parse_uint(ref, BX_XLSX_MAX_ROWS, &r))
        r = 0;
    if (r < 1 || r > BX_XLSX_MAX_ROWS) {
        bx_xread_part_fail(&sp->base, BX_ERR_SYNTAX, "工作表“%s”的行号“%.40s”无效（应为 1 到 %d）",
                           sp->sheet->name, ref ? ref : "", BX_XLSX_MAX_ROWS);
        return;
    }
    sp->row = (int)r - 1;
    sp->col = -1;
}

static bool cell_kind_of(const char *t, cell_kind *kind)
{
    static const struct {
        const char *name;
        cell_kind kind;
    } kinds[] = {{"n", KIND_N}, {"s", KIND_S}, {"str", KIND_STR}, {"inlineStr", KIND_INLINE},
                 {"b", KIND_B}, {"e", KIND_E}, {"d", KIND_D}};
    if (!t) {
        *kind = KIND_N;
        return true;
    }
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (strcmp(t, kinds[i].name) == 0) {
            *kind = kinds[i].kind;
            return true;
        }
    }
    return false;
}

/* Where the cell is: its r="D5", else the column after the last cell. */
static bool place_cell(sheet_part *sp, const char *ref)
{
    int row = sp->row < 0 ? 0 : sp->row, col = sp->col + 1;
    if (ref) {
        ref_status status = parse_ref(ref, strlen(ref), &row, &col);
        if (status != REF_OK) {
            fail_ref(&sp->base, status, ref);
            return false;
        }
    } else if (col >= BX_XLSX_MAX_COLS) {
        bx_xread_part_fail(&sp->base, BX_ERR_LIMIT, "工作表“%s”第 %d 行超过 %d 列的上限",
                           sp->sheet->name, row + 1, BX_XLSX_MAX_COLS);
        return false;
    }
    sp->row = row; /* r-less cells and rows after this one follow it */
    sp->col = col;
    sp->cell = (bx_xcell){.row = row, .col = col, .type = BX_X_EMPTY, .text = ""};
    return true;
}

static void start_cell(sheet_part *sp, const char **atts)
{
    part *p = &sp->base;
    char ref[16];
    const char *t = bx_xread_attr(atts, "t"), *s = bx_xread_attr(atts, "s");
    if (!place_cell(sp, bx_xread_attr(atts, "r")))
        return;
    bx_cell_ref(sp->cell.row, sp->cell.col, ref, sizeof ref);
    long style = 0;
    if (s && !bx_xread_parse_uint(s, BX_XLSX_MAX_STYLES, &style)) {
        bx_xread_part_fail(p, BX_ERR_SYNTAX, "工作表“%s”的单元格 %s 的格式编号“%.40s”无效",
                           sp->sheet->name, ref, s);
        return;
    }
    if (!cell_kind_of(t, &sp->kind)) {
        bx_xread_part_fail(p, BX_ERR_SYNTAX, "工作表“%s”的单元格 %s 的类型“%.40s”无法识别",
                           sp->sheet->name, ref, t);
        return;
    }
    sp->cell.style = (int)style;
    sp->in_cell = true;
    sp->has_v = sp->has_is = sp->in_is = sp->formula = false;
    sp->phonetic = 0;
    bx_strbuf_reset(&sp->v);
    bx_strbuf_reset(&sp->is);
}

/* <mergeCell ref="A1:C2"> (or a single cell); corners in any order. */
static void add_merge(sheet_part *sp, const char *ref)
{
    part *p = &sp->base;
    if (!ref) {
        bx_xread_part_fail(p, BX_ERR_SYNTAX, "工作表“%s”有一个合并单元格没有范围", sp->sheet->name);
        return;
    }
    const char *colon = strchr(ref, ':');
    size_t n = colon ? (size_t)(colon - ref) : strlen(ref);
    const char *second = colon ? colon + 1 : ref;
    int r0, c0, r1, c1;
    ref_status status = parse_ref(ref, n, &r0, &c0);
    if (status == REF_OK)
        status = parse_ref(second, strlen(second), &r1, &c1);
    if (status != REF_OK) {
        fail_ref(p, status, ref);
        return;
    }
    if (p->rd->nmerges == BX_XLSX_MAX_CELLS) {
        bx_xread_part_fail(p, BX_ERR_LIMIT, "工作簿的合并单元格超过 %d 个的上限",
                           BX_XLSX_MAX_CELLS);
        return;
    }
    if (!bx_xread_grow(p->rd, (void **)&sp->merges, &sp->cap_merges, sp->nmerges,
                       sizeof(bx_xmerge)))
        return;
    p->rd->nmerges++;
    sp->merges[sp->nmerges++] = (bx_xmerge){.first_row = r0 < r1 ? r0 : r1,
                                            .first_col = c0 < c1 ? c0 : c1,
                                            .last_row = r0 < r1 ? r1 : r0,
                                            .last_col = c0 < c1 ? c1 : c0};
}

/* An element inside <c>: the value, the formula, an inline string. */
static void start_in_cell(sheet_part *sp, const char *name)
{
    if (strcmp(name, "v") == 0) {
        sp->has_v = true;
        bx_strbuf_reset(&sp->v);
        sp->base.into = &sp->v;
    } else if (strcmp(name, "f") == 0) {
        sp->formula = true;
    } else if (strcmp(name, "is") == 0) {
        sp->has_is = sp->in_is = true;
    } else if (strcmp(name, "rPh") == 0) {
        sp->phonetic++;
    } else if (strcmp(name, "t") == 0 && sp->in_is && sp->phonetic == 0) {
        sp->base.into = &sp->is;
    }
}

static void sheet_start(part *p, const char *name, const char **atts)
{
    sheet_part *sp = (sheet_part *)p;
    if (strcmp(name, "sheetData") == 0) {
        sp->in_data = true;
    } else if (!sp->in_data) {
        if (strcmp(name, "mergeCell") == 0)
            add_merge(sp, bx_xread_attr(atts, "ref"));
    } else if (strcmp(name, "row") == 0) {
        start_row(sp, bx_xread_attr(atts, "r"));
    } else if (strcmp(name, "c") == 0) {
        start_cell(sp, atts);
    } else if (sp->in_cell) {
        start_in_cell(sp, name);
    }
}

/* The value of the cell just read, by its t= kind. */
static void cell_value(sheet_part *sp, const char *ref)
{
    part *p = &sp->base;
    reader *rd = p->rd;
    bx_xcell *c = &sp->cell;
    const char *v = bx_strbuf_str(&sp->v);
    long index;
    switch (sp->kind) {
    case KIND_N:
        if (sp->v.len > 0) {
            c->type = BX_X_NUMBER;
            c->text = bx_arena_strdup(rd->arena, v, rd->err);
        } else if (sp->has_is) { /* an inline string without its t= */
            c->type = BX_X_STRING;
            c->text = bx_xread_decode_text(rd, &sp->is);
        }
        break;
    case KIND_S:
        if (!sp->has_v)
            break;
        if (!bx_xread_parse_uint(v, BX_XLSX_MAX_CELLS, &index) || (size_t)index >= rd->nsst) {
            bx_xread_part_fail(
                p, BX_ERR_SYNTAX,
                "工作表“%s”的单元格 %s 引用了不存在的共享字符串（第 %.20s 项，共 %zu 项）",
                sp->sheet->name, ref, v, rd->nsst);
            break;
        }
        c->type = BX_X_STRING;
        c->text = rd->sst[index];
        break;
    case KIND_STR:
        if (sp->has_v) {
            c->type = BX_X_STRING;
            c->text = bx_xread_decode_text(rd, &sp->v);
        }
        break;
    case KIND_INLINE:
        if (sp->has_is) {
            c->type = BX_X_STRING;
            c->text = bx_xread_decode_text(rd, &sp->is);
        }
        break;
    case KIND_B:
        if (!sp->has_v)
            break;
        if (strcmp(v, "1") != 0 && strcmp(v, "0") != 0 && strcmp(v, "true") != 0 &&
            strcmp(v, "false") != 0) {
            bx_xread_part_fail(p, BX_ERR_SYNTAX, "工作表“%s”的单元格 %s 的逻辑值“%.20s”无效",
                               sp->sheet->name, ref, v);
            break;
        }
        c->type = BX_X_BOOL;
        c->text = v[0] == '1' || v[0] == 't' ? "1" : "0";
        break;
    case KIND_E:
    case KIND_D:
        if (sp->has_v) {
            c->type = sp->kind == KIND_E ? BX_X_ERROR : BX_X_STRING;
            c->text = bx_arena_strdup(rd->arena, v, rd->err);
        }
        break;
    }
    if (!c->text)
        c->text = ""; /* out of memory: err says so */
}

static void end_cell(sheet_part *sp)
{
    part *p = &sp->base;
    reader *rd = p->rd;
    char ref[16];
    bx_cell_ref(sp->cell.row, sp->cell.col, ref, sizeof ref);
    sp->in_cell = false;
    p->into = NULL;
    cell_value(sp, ref);
    bx_xcell *c = &sp->cell;
    c->formula = sp->formula;
    c->cached = sp->formula && (sp->has_v || sp->has_is);
    if (bx_failed(rd->err) || (c->type == BX_X_EMPTY && !c->formula && c->style == 0))
        return;
    if (rd->ncells == BX_XLSX_MAX_CELLS) {
        bx_xread_part_fail(p, BX_ERR_LIMIT, "工作簿的单元格超过 %d 个的上限", BX_XLSX_MAX_CELLS);
        return;
    }
    if (!bx_xread_grow(rd, (void **)&sp->cells, &sp->cap_cells, sp->ncells, sizeof *c))
        return;
    sp->cells[sp->ncells++] = *c;
    rd->ncells++;
}

static void sheet_end(part *p, const char *name)
{
    sheet_part *sp = (sheet_part *)p;
    if (strcmp(name, "sheetData") == 0) {
        sp->in_data = false;
    } else if (strcmp(name, "c") == 0 && sp->in_cell) {
        end_cell(sp);
    } else if (strcmp(name, "v") == 0 || strcmp(name, "t") == 0) {
        p->into = NULL;
    } else if (strcmp(name, "is") == 0) {
        sp->in_is = false;
    } else if (strcmp(name, "rPh") == 0 && sp->phonetic > 0) {
        sp->phonetic--;
    }
}

static int compare_cells(const void *a, const void *b)
{
    const bx_xcell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* Cells sorted (a file may list rows in any order), each position once,
 * moved into the arena with the merges; the sheet's extent. */
static bool finish_sheet(sheet_part *sp)
{
    reader *rd = sp->base.rd;
    bx_xsheet *s = sp->sheet;
    for (size_t i = 1; i < sp->ncells; i++) {
        if (compare_cells(&sp->cells[i - 1], &sp->cells[i]) >= 0) {
            qsort(sp->cells, sp->ncells, sizeof *sp->cells, compare_cells);
            break;
        }
    }
    for (size_t i = 1; i < sp->ncells; i++) {
        if (compare_cells(&sp->cells[i - 1], &sp->cells[i]) == 0) {
            char ref[16];
            bx_cell_ref(sp->cells[i].row, sp->cells[i].col, ref, sizeof ref);
            return bx_xread_fail(rd, BX_ERR_SYNTAX, "工作表“%s”的单元格 %s 出现了两次", s->name,
                                 ref);
        }
    }
    for (size_t i = 0; i < sp->ncells; i++) {
        s->nrows = sp->cells[i].row >= s->nrows ? sp->cells[i].row + 1 : s->nrows;
        s->ncols = sp->cells[i].col >= s->ncols ? sp->cells[i].col + 1 : s->ncols;
    }
    for (size_t i = 0; i < sp->nmerges; i++) {
        s->nrows = sp->merges[i].last_row >= s->nrows ? sp->merges[i].last_row + 1 : s->nrows;
        s->ncols = sp->merges[i].last_col >= s->ncols ? sp->merges[i].last_col + 1 : s->ncols;
    }
    s->cells = bx_xread_keep(rd, sp->cells, sp->ncells, sizeof *sp->cells);
    s->merges = bx_xread_keep(rd, sp->merges, sp->nmerges, sizeof *sp->merges);
    s->ncells = s->cells ? sp->ncells : 0;
    s->nmerges = s->merges ? sp->nmerges : 0;
    return !bx_failed(rd->err);
}

bool bx_xread_sheet(reader *rd, bx_xsheet *s, const char *name)
{
    sheet_part sp = {.sheet = s, .row = -1, .col = -1};
    char what[512];
    snprintf(what, sizeof what, "工作表“%s”", s->name);
    bx_xread_part_init(&sp.base, rd, name, what, sheet_start, sheet_end);
    bx_strbuf_init(&sp.v, BX_XLSX_MAX_TEXT_BYTES);
    bx_strbuf_init(&sp.is, BX_XLSX_MAX_TEXT_BYTES);
    bool ok = bx_xread_parse_part(&sp.base, true) && finish_sheet(&sp);
    bx_strbuf_free(&sp.v);
    bx_strbuf_free(&sp.is);
    free(sp.cells);
    free(sp.merges);
    return ok;
}

const bx_xcell *bx_xsheet_cell(const bx_xsheet *s, int row, int col)
{
    const bx_xcell key = {.row = row, .col = col};
    if (!s || s->ncells == 0)
        return NULL;
    return bsearch(&key, s->cells, s->ncells, sizeof *s->cells, compare_cells);
}
