/* The XLSX reader's private parts, shared by xlsx_read.c (the container,
 * the parse of one XML part, relationships, the workbook, the API),
 * xlsx_parts.c (shared strings, styles, custom properties) and
 * xlsx_sheet.c (worksheets: cells, merges). */
#ifndef BX_XLSX_READER_H
#define BX_XLSX_READER_H

#include "arena.h"
#include "common.h"
#include "strbuf.h"

#include <expat.h>
#include <zip.h>

/* xlsx_read.h's types by tag: xlsx_read.c, the module of xlsx_read.h,
 * includes this header, so this one may not include xlsx_read.h
 * (layers.py: no cycle of files). */
struct bx_xbook;
struct bx_xsheet;

/* Expat joins a namespaced name as "uri|local". Names are compared by their
 * local part, so that x:c (LibreOffice, some generators) and c in the
 * default namespace read alike, and Strict OOXML's namespaces too. */
enum { NS_SEP = '|', MAX_LIST = 65536, MAX_DEPTH = 256 };

/* One reading of one workbook. Failures go to `error` (the caller's record
 * may be NULL or hold an older failure) and are copied out at the end. */
typedef struct reader {
    zip_t *zip;
    struct bx_xbook *book;
    bx_arena *arena;
    bx_error error;
    bx_error *err;          /* &error */
    bx_loc loc;             /* the workbook: every message names it */
    size_t ncells, nmerges; /* of the workbook so far */
    zip_uint64_t unzipped;  /* bytes of the parts read so far */
    const char **sst;
    size_t nsst, cap_sst;
} reader;

typedef struct part part;
typedef void (*start_fn)(part *p, const char *name, const char **atts);
typedef void (*end_fn)(part *p, const char *name);

/* The parse of one XML part; each kind of part embeds it first. */
struct part {
    reader *rd;
    XML_Parser xml;
    const char *name; /* the zip entry */
    char what[512];   /* for messages: "工作表“表3”" */
    bx_strbuf *into;  /* where character data goes; NULL: nowhere */
    start_fn start;
    end_fn end;
    int depth; /* of open elements */
    bool found;
};

/* xlsx_read.c */
bool bx_xread_fail(reader *rd, bx_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
bool bx_xread_grow(reader *rd, void **items, size_t *cap, size_t n, size_t size);
void *bx_xread_keep(reader *rd, const void *items, size_t n, size_t size);
bool bx_xread_parse_uint(const char *s, long max, long *out);
const char *bx_xread_attr(const char **atts, const char *name);
void bx_xread_part_fail(part *p, bx_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
bool bx_xread_parse_part(part *p, bool required);
void bx_xread_part_init(part *p, reader *rd, const char *name, const char *what, start_fn start,
                        end_fn end);

/* xlsx_parts.c */
const char *bx_xread_decode_text(reader *rd, const bx_strbuf *b);
bool bx_xread_shared_strings(reader *rd, const char *name, bool required);
bool bx_xread_styles(reader *rd, const char *name, bool required);
bool bx_xread_properties(reader *rd, const char *name, bool required);

/* xlsx_sheet.c */
bool bx_xread_sheet(reader *rd, struct bx_xsheet *s, const char *name);

#endif /* BX_XLSX_READER_H */
