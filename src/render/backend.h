/* Back ends: each is a const table (xlsx.h, pdf.h, dump.h). The driver
 * walks the document once and hands every event to the back end; writing
 * goes to a temporary file (base/output.h) that is renamed into place only
 * after `finish` — by the caller, together with the other formats of a
 * render, or by bx_doc_write for one file. */
#ifndef BX_BACKEND_H
#define BX_BACKEND_H

#include "model.h"
#include "output.h"

struct bx_font_set;
struct bx_carried;
struct bx_entry;

/* What a back end is given besides the document and the path. */
typedef struct bx_write_ctx {
    const bx_render_options *options; /* may be NULL */
    struct bx_font_set *fonts;        /* PDF faces shared by a renderer; NULL: the
                                         back end opens its own for this file */
    const struct bx_carried *carried; /* XLSX: the dataset the workbook carries (its
                                         hidden sheet); NULL: none */
    const struct bx_entry *entry;     /* XLSX: a template's open cells; NULL: none */
    int *pages;                       /* PDF: receives the pages written; NULL: not asked */
    /* told of every BX_PROGRESS_ROWS rows walked and of every sheet's end */
    void (*walked)(void *data, int rows, int sheets);
    void *walked_data;
} bx_write_ctx;

enum { BX_PROGRESS_ROWS = 2048 };

typedef struct bx_backend {
    const char *name;      /* "xlsx" */
    const char *extension; /* "xlsx" */
    /* Start writing doc to path; returns the back end's state. */
    void *(*open)(const bx_doc *doc, const char *path, const bx_write_ctx *ctx, bx_error *err);
    /* One event of the walk over the document. */
    bool (*event)(void *state, const bx_event *ev, bx_error *err);
    /* Complete the file and free the state. */
    bool (*finish)(void *state, bx_error *err);
    /* Give up: free the state (the driver removes the file). */
    void (*abort)(void *state);
} bx_backend;

/* Write doc with back end b (ctx may be NULL) into out, which the caller
 * began (bx_output_begin) and commits or aborts. A failure's message names
 * out's final file and, where the system tells, why ("磁盘空间不足"). */
bx_status bx_doc_write_to(const bx_doc *doc, const bx_backend *b, bx_output *out,
                          const bx_write_ctx *ctx, bx_error *err);
/* Write doc to path with back end b (ctx may be NULL), all or nothing. */
bx_status bx_doc_write(const bx_doc *doc, const bx_backend *b, const char *path,
                       const bx_write_ctx *ctx, bx_error *err);

#endif /* BX_BACKEND_H */
