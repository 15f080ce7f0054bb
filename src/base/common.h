/* Internal helpers shared by every module: locations, error reporting,
 * documented limits. */
#ifndef BX_COMMON_H
#define BX_COMMON_H

#include "budgetx.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where a loaded value came from. `file` points to a string owned by the
 * loader that produced the value (it lives as long as that object). */
typedef struct bx_loc {
    const char *file;
    int line;   /* 1-based; 0 = unknown */
    int column; /* 1-based; 0 = unknown */
} bx_loc;

/* Documented limits (docs/dataset-format.md); exceeding one is an error. */
enum {
    BX_MAX_FILE_BYTES = 512 * 1024 * 1024, /* one CSV or YAML file */
    BX_MAX_CELL_BYTES = 100000,            /* one CSV field */
    BX_MAX_ROWS = 1000000,                 /* data rows of one CSV */
    BX_MAX_COLUMNS = 256,                  /* columns of a table */
    BX_MAX_DEPTH = 16,                     /* header levels, form nesting */
    BX_MAX_YAML_DEPTH = 100,               /* nested YAML mappings and lists */
    BX_MAX_TABLES = 64,                    /* tables in a layout set */
    BX_MAX_INDENT = 15                     /* indentation levels */
};

/* Record the first failure in err (later ones are ignored) and return its
 * status, so callers can write `return bx_fail(err, …);`. The location may
 * be NULL. `fmt` is printf-like; the message is for a finance user. */
bx_status bx_fail(bx_error *err, const bx_loc *loc, bx_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
bx_status bx_vfail(bx_error *err, const bx_loc *loc, bx_status status, const char *fmt, va_list ap);

/* bx_fail for a data cell: the message starts with the finance user's
 * "第 L 行第 C 列：" when the location has a line and column. */
bx_status bx_fail_cell(bx_error *err, const bx_loc *loc, bx_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* True if err already holds a failure. */
static inline bool bx_failed(const bx_error *err)
{
    return err && err->status != BX_OK;
}

/* err, or `spare` cleared when err is NULL: what a public call fills, so
 * that every public call accepts a NULL error record (the failure then
 * shows only in what it returns). */
static inline bx_error *bx_error_or(bx_error *err, bx_error *spare)
{
    if (err)
        return err;
    bx_error_clear(spare);
    return spare;
}

/* malloc/calloc/strdup that record BX_ERR_NOMEM in err on failure. */
void *bx_malloc(size_t size, bx_error *err);
void *bx_calloc(size_t count, size_t size, bx_error *err);
char *bx_strdup(const char *s, bx_error *err);

/* Room for `need` items of `size` bytes in *items, whose capacity is *cap
 * items: grown by doubling (realloc), so appending one at a time costs
 * amortised constant time. */
bool bx_grow(void **items, size_t *cap, size_t need, size_t size, bx_error *err);

#endif /* BX_COMMON_H */
