/* Back ends: each is a const table selected by name. The driver walks the
 * model once and hands every event to the back end; writing goes to a
 * temporary file that is renamed into place only after `finish`. */
#ifndef BX_BACKEND_H
#define BX_BACKEND_H

#include "model.h"

struct bx_font_set;

/* What a back end is given besides the model and the path. */
typedef struct bx_write_ctx {
    const bx_render_options *options; /* may be NULL */
    struct bx_font_set *fonts;        /* PDF faces shared by a renderer; NULL: the
                                         back end opens its own for this file */
} bx_write_ctx;

/* bx_model_write with a context (a renderer's shared fonts). */
bx_status bx_model_write_ctx(const bx_model *model, const char *format, const char *path,
                             const bx_write_ctx *ctx, bx_error *err);

typedef struct bx_backend {
    const char *name;      /* "xlsx" */
    const char *extension; /* "xlsx" */
    /* Start writing model to path; returns the back end's state. */
    void *(*open)(const bx_model *m, const char *path, const bx_write_ctx *ctx, bx_error *err);
    /* One event of the walk over the model. */
    bool (*event)(void *state, const bx_event *ev, bx_error *err);
    /* Complete the file and free the state. */
    bool (*finish)(void *state, bx_error *err);
    /* Give up: free the state (the driver removes the file). */
    void (*abort)(void *state);
} bx_backend;

extern const bx_backend bx_backend_xlsx;
extern const bx_backend bx_backend_dump;
extern const bx_backend bx_backend_pdf;

/* The title block of a worksheet (表号, title, caption line): the cells
 * the XLSX back end writes above the grid, which reading a workbook back
 * checks. `both` holds a caption joined into one cell. Returns how many. */
enum { BX_TITLE_NUMBER, BX_TITLE_TITLE, BX_TITLE_CAPTION_LEFT, BX_TITLE_CAPTION_RIGHT };
typedef struct bx_xlsx_title_cell {
    int row, col, last_col;
    const char *text;
    int role;
} bx_xlsx_title_cell;
int bx_xlsx_title_cells(const bx_sheet *s, bx_xlsx_title_cell out[4], char *both, size_t size);

/* The back end called name, or NULL. */
const bx_backend *bx_backend_find(const char *name);

#endif /* BX_BACKEND_H */
