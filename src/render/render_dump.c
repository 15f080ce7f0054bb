/* The model as text: one line per anchor cell. A test lens: golden tests
 * of resolution compare dumps, so a failure names the stage that broke.
 * Selected with the hidden `--format dump`. */
#include "dump.h"

#include "display.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct dump_state {
    FILE *f;
} dump_state;

/* Text with line breaks and tabs escaped, so every cell stays one line. */
static void put_escaped(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '\n')
            fputs("\\n", f);
        else if (*s == '\t')
            fputs("\\t", f);
        else if (*s == '\\')
            fputs("\\\\", f);
        else
            fputc(*s, f);
    }
}

/* A table inside the text: "grid", its columns' widths and aligns, then
 * one line per row, its cells tab-separated. */
static void dump_grid(FILE *f, const bx_grid *g)
{
    fprintf(f, "grid\t%d\t%s\t", g->ncols, g->aligns);
    for (int c = 0; c < g->ncols; c++)
        fprintf(f, "%s%d", c ? "," : "", g->widths[c]);
    fputc('\n', f);
    for (int r = 0; r < g->nrows; r++) {
        fprintf(f, "row\t%d\t", r);
        for (int c = 0; c < g->ncols; c++) {
            fputc('\t', f);
            put_escaped(f, g->cells[(size_t)r * (size_t)g->ncols + (size_t)c]);
        }
        fputc('\n', f);
    }
}

/* The document's text, one line per block: kind, level, number, text. */
static void dump_blocks(FILE *f, const bx_doc *m)
{
    static const char *const kinds[] = {"title",  "contents", "heading", "paragraph",
                                        "tables", "grid",     "label",   "subtitle"};
    for (int i = 0; i < m->nblocks; i++) {
        const bx_block *b = &m->blocks[i];
        if (b->grid) {
            dump_grid(f, b->grid);
            continue;
        }
        fprintf(f, "%s\t%d\t%s\t", kinds[b->kind], b->level, b->number);
        put_escaped(f, b->text);
        fputc('\n', f);
        if (b->no_divider) /* the tables' heading printed only in the 目录 */
            fputs("divider\tno\n", f);
        if (b->entry) { /* the 目录's line, where it is not number and text */
            fputs("entry\t", f);
            put_escaped(f, b->entry);
            fputc('\n', f);
        }
        for (int k = 0; k < b->nentries; k++) {
            fputs("entry\t", f);
            put_escaped(f, b->entries[k]);
            fputc('\n', f);
        }
    }
}

static void *dump_open(const bx_doc *m, const char *path, const bx_write_ctx *ctx, bx_error *err)
{
    (void)ctx;
    dump_state *st = bx_calloc(1, sizeof *st, err);
    if (!st)
        return NULL;
    st->f = fopen(path, "wb");
    if (!st->f) {
        bx_loc loc = {path, 0, 0};
        bx_fail(err, &loc, BX_ERR_IO, "无法写入文件");
        free(st);
        return NULL;
    }
    fprintf(st->f, "# budgetx model dump\ntitle\t%s\nauthor\t%s\ntemplate\t%s\n", m->title,
            m->author, m->template_name);
    dump_blocks(st->f, m);
    return st;
}

static void dump_sheet_begin(FILE *f, const bx_sheet *s)
{
    fprintf(f, "== %s\nlabel\t%s\ntitle\t%s\ncaption\t%s\t%s\n", s->name, s->label, s->title,
            s->caption_left ? s->caption_left : "", s->caption_right ? s->caption_right : "");
    fprintf(f, "page\t%s\nheader_rows\t%d\n", s->landscape ? "landscape" : "portrait",
            s->header_rows);
    if (s->title_once || s->header_once) /* only where a table says so: older dumps stand */
        fprintf(f, "once\t%s%s\n", s->title_once ? "title" : "",
                s->title_once && s->header_once ? ",header"
                : s->header_once                ? "header"
                                                : "");
    if (s->font_size || s->title_size || s->row_height || s->body_row_height || s->title_regular)
        fprintf(f, "print\t%g\t%g\t%g\t%g\t%s\n", s->font_size, s->title_size, s->row_height,
                s->body_row_height, s->title_regular ? "regular" : "bold");
    fputs("widths", f);
    for (int c = 0; c < s->ncols; c++)
        fprintf(f, "\t%d.%02d", s->col_widths[c] / 100, s->col_widths[c] % 100);
    fputc('\n', f);
}

static void dump_cell(FILE *f, const bx_event *ev)
{
    const bx_cell *c = ev->cell;
    char ref[32], end[32], text[256];
    bx_cell_ref(ev->row, ev->col, ref, sizeof ref);
    if (c->rowspan > 1 || c->colspan > 1)
        fprintf(f, "%s:%s", ref,
                bx_cell_ref(ev->row + c->rowspan - 1, ev->col + c->colspan - 1, end, sizeof end));
    else
        fputs(ref, f);
    fprintf(f, "\t%s", bx_style_name(c->style));
    if (c->indent)
        fprintf(f, "+%d", c->indent);
    if (c->kind == BX_CELL_EMPTY) {
        fputs("\tempty\n", f);
        return;
    }
    if (c->kind == BX_CELL_AMOUNT) {
        bx_cell_display(c, text, sizeof text);
        fprintf(f, "\tamount\t%s\t%s\n", text, bx_cell_numfmt(c));
        return;
    }
    fputs("\ttext\t", f);
    put_escaped(f, c->text);
    fputc('\n', f);
}

static bool dump_event(void *vst, const bx_event *ev, bx_error *err)
{
    dump_state *st = vst;
    (void)err;
    switch (ev->type) {
    case BX_EV_SHEET_BEGIN: dump_sheet_begin(st->f, ev->sheet); break;
    case BX_EV_CELL: dump_cell(st->f, ev); break;
    case BX_EV_SHEET_END:
        for (int i = 0; i < ev->sheet->nnotes; i++) {
            fputs("note\t", st->f);
            put_escaped(st->f, ev->sheet->notes[i]);
            fputc('\n', st->f);
        }
        break;
    case BX_EV_ROW_BEGIN:
    case BX_EV_ROW_END:
    case BX_EV_DONE: break;
    }
    return true;
}

static bool dump_finish(void *vst, bx_error *err)
{
    dump_state *st = vst;
    bool ok = !ferror(st->f);
    if (fclose(st->f) != 0)
        ok = false;
    free(st);
    if (!ok)
        bx_fail(err, NULL, BX_ERR_IO, "写入文件失败");
    return ok;
}

static void dump_abort(void *vst)
{
    dump_state *st = vst;
    fclose(st->f);
    free(st);
}

const bx_backend bx_backend_dump = {
    .name = "dump",
    .extension = "dump.txt",
    .open = dump_open,
    .event = dump_event,
    .finish = dump_finish,
    .abort = dump_abort,
};
