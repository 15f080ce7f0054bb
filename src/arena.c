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

void *bx_arena_alloc(bx_arena *arena, size_t size, bx_error *err)
{
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) / align * align;
    if (size == 0)
        size = align;
    chunk *c = arena->head;
    if (!c || c->size - c->used < size) {
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
    }
    void *p = c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

char *bx_arena_strndup(bx_arena *arena, const char *s, size_t n, bx_error *err)
{
    char *p = bx_arena_alloc(arena, n + 1, err);
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
