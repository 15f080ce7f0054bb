/* A bump allocator: many small allocations freed together. The model and
 * the layout keep their strings and cells in one, so ownership is simply
 * "the arena owns it". */
#ifndef BX_ARENA_H
#define BX_ARENA_H

#include "common.h"

typedef struct bx_arena bx_arena;

bx_arena *bx_arena_new(void);
void bx_arena_free(bx_arena *arena);
/* Forget everything allocated, keeping one block for reuse: scratch
 * space that is refilled again and again. */
void bx_arena_reset(bx_arena *arena);

/* Move everything src holds into dst (which then frees it with its own)
 * and free src: what another thread allocated, kept with the rest. */
void bx_arena_adopt(bx_arena *dst, bx_arena *src);

/* Zeroed memory, aligned for any type; NULL (and err set) when out of
 * memory. */
void *bx_arena_alloc(bx_arena *arena, size_t size, bx_error *err);
char *bx_arena_strdup(bx_arena *arena, const char *s, bx_error *err);
char *bx_arena_strndup(bx_arena *arena, const char *s, size_t n, bx_error *err);

#endif /* BX_ARENA_H */
