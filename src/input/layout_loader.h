/* The layout loader's private parts, shared by layout.c (the loader's
 * helpers, the table file, sets), layout_shape.c (header trees and forms)
 * and layout_checks.c (checks: and the figure fields they name). */
#ifndef BX_LAYOUT_LOADER_H
#define BX_LAYOUT_LOADER_H

#include "amount.h"
#include "common.h"
#include "yaml_doc.h"

/* layout.h's types by tag: layout.c, the module of layout.h, includes this
 * header, so this one may not include layout.h (layers.py: no cycle of files). */
struct bx_band;
struct bx_doc_layout;
struct bx_check;
struct bx_header;
struct bx_table_layout;

/* What the loader of one file carries around. */
typedef struct loader {
    bx_layout_set *set;
    bx_yaml *y;
    const char *file; /* arena copy of the display name */
    bx_error *err;
} loader;

/* layout.c */
bx_loc bx_layout_loc_of(loader *ld, const yaml_node_t *node);
bool bx_layout_fail_at(loader *ld, const yaml_node_t *node, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
const char *bx_layout_copy(loader *ld, const char *s);
/* size bytes from the set's arena (NULL, err set, when out of memory). */
void *bx_layout_alloc(loader *ld, size_t size);
bool bx_layout_check_template(loader *ld, const yaml_node_t *node, const char *t);
bool bx_layout_get_template(loader *ld, const yaml_node_t *map, const char *key, bool required,
                            const char **out);
bool bx_layout_get_plain(loader *ld, const yaml_node_t *map, const char *key, bool required,
                         const char **out);
bool bx_layout_get_data(loader *ld, const yaml_node_t *map, const char *key, bool required,
                        const char **out);

/* layout_table.c: display: of a table (trim allowed) or of the set, into
 * scale, trim, zero (what is absent left as it is); a table's body keys
 * (display, total, min_rows, repeat) */
bool bx_layout_parse_display(loader *ld, const yaml_node_t *d, bool table, bx_scale *scale,
                             bool *trim, bx_zero_display *zero);
/* map's unit (元, 千元, 万元, 亿元) and decimals (0..6) into scale, what is
 * absent left as it is */
bool bx_layout_get_scale(loader *ld, const yaml_node_t *map, bx_scale *scale);
bool bx_layout_parse_body_keys(loader *ld, const yaml_node_t *root, struct bx_table_layout *t);
/* print: {font_size, title_size, row_height, body_row_height, title: bold |
 * regular, margins, title_height, leading, page_numbers}: what is given
 * replaces what *p holds */
struct bx_print;
bool bx_layout_parse_print(loader *ld, const yaml_node_t *root, struct bx_print *p);
/* n's margins: {top, right, bottom, left} in mm, into points (0: not given). */
bool bx_layout_parse_margins(loader *ld, const yaml_node_t *n, double margins[4]);

/* layout_shape.c */
bool bx_layout_parse_header(loader *ld, const yaml_node_t *seq, struct bx_header *h);
bool bx_layout_check_bound_leaves(loader *ld, const yaml_node_t *where, const struct bx_header *h,
                                  bool unique);
bool bx_layout_parse_bands(loader *ld, const yaml_node_t *seq, int width, int depth,
                           struct bx_band **out, size_t *count);
bool bx_layout_parse_grid(loader *ld, const yaml_node_t *seq, struct bx_table_layout *t);

/* doc_layout.c: the document outline of ld's file (document.yaml), part
 * files read from set_dir (or base_dir) and folded into digest; starting
 * from the base set's outline `from` (each key written replaces its), or
 * from the defaults when NULL. */
bool bx_layout_parse_document(loader *ld, const char *set_dir, const char *base_dir,
                              const struct bx_doc_layout *from, uint64_t *digest,
                              struct bx_doc_layout **out);

/* layout_checks.c */
bool bx_layout_parse_checks(loader *ld, const yaml_node_t *seq, bool set_level,
                            struct bx_check **out, size_t *count);
bool bx_layout_check_check_fields(loader *ld, const struct bx_table_layout *t);
bool bx_layout_has_field(const char *const *fields, int n, const char *name);

#endif /* BX_LAYOUT_LOADER_H */
