/* The public API's own internals (api.c, formats.c). */
#ifndef BX_API_H
#define BX_API_H

#include "backend.h"
#include "resolve.h"

/* The back end called name, or NULL. */
const bx_backend *bx_backend_find(const char *name);

/* bx_model_write with a renderer's shared PDF fonts (may be NULL). */
bx_status bx_model_write_with(const bx_model *model, const char *format, const char *path,
                              const bx_render_options *options, struct bx_font_set *fonts,
                              bx_error *err);

#endif /* BX_API_H */
