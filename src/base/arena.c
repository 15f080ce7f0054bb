#include "arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    alignas(max_align_t) unsigned char data[];
} chunk;

struct bx_arena {
    chunk *head;
};

enum { CHUNK_SIZE = 64 * 1024 };

bx_arena *bx_arena_new(void)
{
    return calloc(1, sizeof(bx_arena));
}

void bx_arena_free(bx_arena *arena)
{
    if (!arena)
        return;
    chunk *c = arena->head;
    while (c) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
    free(arena);
}

void bx_arena_adopt(bx_arena *dst, bx_arena *src)
{
    if (!src)
        return;
    chunk *last = src->head;
    while (last && last->next)
        last = last->next;
    if (last) { /* behind dst's current chunk, which allocation goes on filling */
        chunk **at = dst->head ? &dst->head->next : &dst->head;
        last->next = *at;
        *at = src->head;
    }
    free(src);
}

void bx_arena_reset(bx_arena *arena)
{
    chunk *keep = arena->head;
    if (!keep)
        return;
    chunk *c = keep->next;
    while (c) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
    keep->next = NULL;
    keep->used = 0;
}

/* size bytes at an offset that is a multiple of align (a power of two). */
static void *alloc(bx_arena *arena, size_t size, size_t align, bx_error *err)
{
    chunk *c = arena->head;
    size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
    if (!c || at > c->size || c->size - at < size) {
        size_t want = size > CHUNK_SIZE ? size : CHUNK_SIZE;
        c = malloc(sizeof(chunk) + want);
        if (!c) {
            bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
            return NULL;
        }
        c->size = want;
        c->used = 0;
        c->next = arena->head;
        arena->head = c;
        at = 0;
    }
    void *p = c->data + at;
    c->used = at + size;
    return p;
}

void *bx_arena_alloc(bx_arena *arena, size_t size, bx_error *err)
{
    const size_t align = alignof(max_align_t);
    size = size ? (size + align - 1) / align * align : align;
    void *p = alloc(arena, size, align, err);
    if (p)
        memset(p, 0, size);
    return p;
}

char *bx_arena_strndup(bx_arena *arena, const char *s, size_t n, bx_error *err)
{
    char *p = alloc(arena, n + 1, 1, err); /* text needs no alignment */
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *bx_arena_strdup(bx_arena *arena, const char *s, bx_error *err)
{
    return bx_arena_strndup(arena, s, strlen(s), err);
}
