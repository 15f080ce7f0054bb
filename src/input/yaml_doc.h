/* A thin layer over libyaml's document API: load a file, look values up
 * with their locations, and report type errors and unknown keys the same
 * way everywhere. Nodes are libyaml's; the bx_yaml owns them. */
#ifndef BX_YAML_DOC_H
#define BX_YAML_DOC_H

#include "common.h"

#include <yaml.h>

typedef struct bx_yaml bx_yaml;

/* Parse path (display_name is used in messages; NULL = path). An empty
 * file gives an empty mapping. Caller frees with bx_yaml_free. */
bx_yaml *bx_yaml_load(const char *path, const char *display_name, bx_error *err);
/* Parse a buffer (for tests and fuzzing). */
bx_yaml *bx_yaml_parse(const char *data, size_t len, const char *display_name, bx_error *err);
void bx_yaml_free(bx_yaml *y);

yaml_node_t *bx_yaml_root(bx_yaml *y);
const char *bx_yaml_file(const bx_yaml *y);
bx_loc bx_yaml_loc(const bx_yaml *y, const yaml_node_t *node);

bool bx_yaml_is_scalar(const yaml_node_t *node);
bool bx_yaml_is_seq(const yaml_node_t *node);
bool bx_yaml_is_map(const yaml_node_t *node);

/* Scalar text (NUL-terminated), or NULL if node is not a scalar. */
const char *bx_yaml_text(const yaml_node_t *node);

/* Mapping lookup: the value node for key, or NULL. */
yaml_node_t *bx_yaml_get(bx_yaml *y, const yaml_node_t *map, const char *key);

/* Sequences and mappings by index. */
size_t bx_yaml_len(const yaml_node_t *node);
yaml_node_t *bx_yaml_item(bx_yaml *y, const yaml_node_t *seq, size_t i);
void bx_yaml_pair(bx_yaml *y, const yaml_node_t *map, size_t i, yaml_node_t **key,
                  yaml_node_t **value);

/* Fail unless node has the wanted shape; `what` names it in the message. */
bool bx_yaml_want_map(bx_yaml *y, const yaml_node_t *node, const char *what, bx_error *err);
bool bx_yaml_want_seq(bx_yaml *y, const yaml_node_t *node, const char *what, bx_error *err);
bool bx_yaml_want_scalar(bx_yaml *y, const yaml_node_t *node, const char *what, bx_error *err);

/* Fail on a key of map that is not in the NULL-ended list `allowed`, or
 * on a key that is given twice. */
bool bx_yaml_check_keys(bx_yaml *y, const yaml_node_t *map, const char *const *allowed,
                        bx_error *err);

/* The scalar text at map[key]; NULL if absent (an error if required) or
 * not a scalar (always an error). */
const char *bx_yaml_str(bx_yaml *y, const yaml_node_t *map, const char *key, bool required,
                        bx_error *err);

/* A non-empty scalar at map[key], copied into arena. Absent and not
 * required: true with *out unchanged. Empty: an error. */
struct bx_arena;
bool bx_yaml_copy_text(bx_yaml *y, const yaml_node_t *map, const char *key, bool required,
                       struct bx_arena *arena, const char **out, bx_error *err);

/* map[key] as an integer in [min, max]; `*out` unchanged if absent and
 * not required. */
bool bx_yaml_int(bx_yaml *y, const yaml_node_t *map, const char *key, bool required, long min,
                 long max, long *out, bx_error *err);

/* map[key] as a decimal with up to 2 decimals, in hundredths (12.5 → 1250),
 * within [min, max] hundredths. */
bool bx_yaml_hundredths(bx_yaml *y, const yaml_node_t *map, const char *key, long min, long max,
                        long *out, bx_error *err);

/* map[key] as true/false. */
bool bx_yaml_bool(bx_yaml *y, const yaml_node_t *map, const char *key, bool *out, bx_error *err);

#endif /* BX_YAML_DOC_H */
