/* The whole document's text (the model's blocks) set on A4 portrait pages
 * before the tables, after the conventions of Chinese official documents
 * (GB/T 9704 as the reference): a cover with the title, headings in 黑体
 * (the parts) and 楷体 (the level below), the rest in the body's face
 * (levels 0 and 1 centred), body text of 28 characters a line at a fixed
 * pitch of 22 lines a page, every paragraph indented by two characters,
 * lines justified (but a paragraph's last) and broken by bx_wrap's 避头尾,
 * no heading left alone at a page's foot; a table inside the text ruled,
 * its heading row repeated on each page it runs onto. Pure layout over a metrics
 * interface, like pdf_layout.h: render_pdf.c draws the runs. */
#ifndef BX_PDF_TEXT_H
#define BX_PDF_TEXT_H

#include "pdf_layout.h"

typedef struct bx_text_style {
    double page_w, page_h;
    double margin_l, margin_t, width; /* the text block: left, top, width */
    double lines;                     /* lines a page */
    double pitch;                     /* baseline to baseline */
    double body_size, title_size;
    double heading_size[5]; /* per level */
    double number_size;     /* the page number */
    double subtitle_size, contents_title_size, contents_size;
    /* a table inside the text: its text's size, line pitch, cell padding */
    double grid_size, grid_pitch, grid_pad;
    bx_typeface face[BX_TEXT_ROLES]; /* each part's face */
    bool part_pages;                 /* every level-1 heading begins a page */
    bool numbered;                   /* the text's pages carry page numbers */
    int table_pages; /* the tables' pages: the 目录's numbers for the text after them */
} bx_text_style;

/* A4, a text block of 156 mm × 225 mm 37 mm from the top, 三号 (15.75 pt)
 * body text, 二号 (22 pt) title. */
void bx_text_style_default(bx_text_style *s);
/* The default changed where the document's set says (bx_text_setup): the
 * page turned, the text block within the margins given, the lines at the
 * leading given, each part's type size and face. */
void bx_text_style_apply(bx_text_style *s, const bx_text_setup *setup);

/* A piece of text drawn: its baseline's start, size, face and the spacing
 * added after each character (a justified line). */
typedef struct bx_text_run {
    const char *s;
    uint32_t len;
    double x, y, size, spacing;
    bx_typeface face;
} bx_text_run;

/* A ruled line of a table inside the text. */
typedef struct bx_text_rule {
    double x1, y1, x2, y2;
} bx_text_rule;

typedef struct bx_text_page {
    int first_run, nruns;
    int first_rule, nrules;
    bool numbered; /* the cover is not */
} bx_text_page;

/* A bookmark: a heading of level 0–2, on page (0-based) of the text. */
typedef struct bx_text_mark {
    int page, level;
    const char *title;
} bx_text_mark;

typedef struct bx_text_layout {
    bx_text_run *runs;
    int nruns;
    size_t cap_runs;
    bx_text_rule *rules;
    int nrules;
    size_t cap_rules;
    bx_text_page *pages;
    int npages;
    size_t cap_pages;
    bx_text_mark *marks;
    int nmarks;
    size_t cap_marks;
    int tables_mark; /* the bookmark the tables go under, or -1 */
    /* the tables' heading when it has no page of its own: the bookmark the
     * tables go under is made at the first table's page; or NULL */
    const char *tables_title;
    /* the text's first page printed after the tables (上海's 其他相关情况说明
     * follows them); npages when no text follows */
    int tables_page;
} bx_text_layout;

/* Lay out doc's blocks (none: no pages). Arrays are malloc'd (free with
 * bx_text_layout_free), texts composed in arena. */
bool bx_text_lay_out(const bx_doc *doc, const bx_metrics *m, const bx_text_style *st,
                     bx_arena *arena, bx_text_layout *out, bx_error *err);
void bx_text_layout_free(bx_text_layout *l);

/* The face a block's text is set in, by the style: by default the cover's
 * title bold, the label, the 目录's title, the parts (levels 0 and 1) and
 * the tables' heading in 黑体, level 2 in 楷体, the rest regular; a 目录's
 * entries in the face of its entries. */
bx_typeface bx_text_block_face(const bx_text_style *st, const bx_block *b);

#endif /* BX_PDF_TEXT_H */
