/* The public API's own internals (api.c, formats.c). */
#ifndef BX_API_H
#define BX_API_H

#include "backend.h"
#include "resolve.h"

/* The back end called name, or NULL. */
const bx_backend *bx_backend_find(const char *name);

/* Write a model with back end b into out (begun by the caller, who commits
 * or aborts it), with a renderer's shared PDF fonts (may be NULL); hooks
 * (may be NULL) gives the write context's pages and walked. */
bx_status bx_model_write_into(const bx_model *model, const bx_backend *b, bx_output *out,
                              const bx_render_options *options, struct bx_font_set *fonts,
                              const bx_write_ctx *hooks, bx_error *err);

#endif /* BX_API_H */
