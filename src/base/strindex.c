#include "strindex.h"

#include "hash.h"

#include <stdlib.h>
#include <string.h>

struct bx_strindex_slot {
    const char *key; /* NULL: empty */
    size_t len;
    uint64_t hash;
    int value;
};

static uint64_t hash_of(const char *s, size_t n)
{
    return bx_fnv_bytes(BX_FNV_OFFSET, s, n);
}

static bool alloc_slots(bx_strindex *ix, size_t cap, bx_error *err)
{
    ix->slots = bx_calloc(cap, sizeof *ix->slots, err);
    ix->cap = ix->slots ? cap : 0;
    ix->n = 0;
    return ix->slots != NULL;
}

bool bx_strindex_init(bx_strindex *ix, size_t expected, bx_error *err)
{
    size_t cap = 16;
    while (cap < expected * 2)
        cap *= 2;
    return alloc_slots(ix, cap, err);
}

void bx_strindex_free(bx_strindex *ix)
{
    free(ix->slots);
    memset(ix, 0, sizeof *ix);
}

/* The slot holding key, or the empty slot where it would go. */
static struct bx_strindex_slot *find(const bx_strindex *ix, const char *key, size_t len, uint64_t h)
{
    size_t mask = ix->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        struct bx_strindex_slot *s = &ix->slots[i];
        if (!s->key || (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0))
            return s;
    }
}

static bool grow(bx_strindex *ix, bx_error *err)
{
    bx_strindex old = *ix;
    if (!alloc_slots(ix, old.cap * 2, err)) {
        *ix = old;
        return false;
    }
    for (size_t i = 0; i < old.cap; i++) {
        if (old.slots[i].key) {
            *find(ix, old.slots[i].key, old.slots[i].len, old.slots[i].hash) = old.slots[i];
            ix->n++;
        }
    }
    free(old.slots);
    return true;
}

int bx_strindex_put(bx_strindex *ix, const char *key, size_t len, int value, bx_error *err)
{
    if ((ix->n + 1) * 2 > ix->cap && !grow(ix, err))
        return -1;
    uint64_t h = hash_of(key, len);
    struct bx_strindex_slot *s = find(ix, key, len, h);
    if (s->key)
        return s->value;
    *s = (struct bx_strindex_slot){key, len, h, value};
    ix->n++;
    return value;
}

int bx_strindex_get(const bx_strindex *ix, const char *key, size_t len)
{
    if (!ix->cap)
        return -1;
    const struct bx_strindex_slot *s = find(ix, key, len, hash_of(key, len));
    return s->key ? s->value : -1;
}
