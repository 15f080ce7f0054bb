#include "yaml_doc.h"

#include "amount.h"
#include "arena.h"
#include "fs.h"
#include "parse_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bx_yaml {
    yaml_document_t doc;
    char *file;
};

/* The first document of the input, built here from libyaml's events
 * rather than by yaml_parser_load, so that one pass refuses what libyaml
 * must not build: nesting deeper than BX_MAX_YAML_DEPTH (its scanner walks
 * a stack as deep as the flow nesting for every token: 40,000 "[" take
 * seconds, a million an hour) and aliases (its document keeps an alias as
 * one more reference to the anchor's node, which a loader walking the
 * tree — a header's children, the values of fields: — would expand again
 * and again). Nodes carry their marks as the loader's would. */
typedef struct composer {
    yaml_parser_t parser;
    yaml_document_t *doc;
    int stack[BX_MAX_YAML_DEPTH + 1]; /* open collections, by node id */
    int keys[BX_MAX_YAML_DEPTH + 1];  /* a mapping's key waiting for its value; 0: none */
    int depth;
    const char *file;
    bx_error *err;
} composer;

static bool fail_at_event(composer *c, const yaml_event_t *ev, bx_status status, const char *fmt,
                          ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static bool fail_at_event(composer *c, const yaml_event_t *ev, bx_status status, const char *fmt,
                          ...)
{
    bx_loc loc = {c->file, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1};
    va_list ap;
    va_start(ap, fmt);
    bx_vfail(c->err, &loc, status, fmt, ap);
    va_end(ap);
    return false;
}

/* Put node id where the open collection wants it. */
static bool attach(composer *c, int id)
{
    if (c->depth == 0)
        return true; /* the root: the document's first node */
    int parent = c->stack[c->depth - 1];
    yaml_node_t *p = yaml_document_get_node(c->doc, parent);
    if (p->type == YAML_SEQUENCE_NODE)
        return yaml_document_append_sequence_item(c->doc, parent, id) != 0;
    if (!c->keys[c->depth - 1]) {
        c->keys[c->depth - 1] = id;
        return true;
    }
    int key = c->keys[c->depth - 1];
    c->keys[c->depth - 1] = 0;
    return yaml_document_append_mapping_pair(c->doc, parent, key, id) != 0;
}

/* One event; *done at the end of the first document. */
static bool compose_event(composer *c, yaml_event_t *ev, bool *done)
{
    int id = 0;
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        id = yaml_document_add_scalar(c->doc, ev->data.scalar.tag, ev->data.scalar.value,
                                      (int)ev->data.scalar.length, ev->data.scalar.style);
        break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        if (c->depth >= BX_MAX_YAML_DEPTH)
            return fail_at_event(c, ev, BX_ERR_LIMIT, "YAML 嵌套超过 %d 层的上限",
                                 BX_MAX_YAML_DEPTH);
        id = ev->type == YAML_SEQUENCE_START_EVENT
                 ? yaml_document_add_sequence(c->doc, ev->data.sequence_start.tag,
                                              ev->data.sequence_start.style)
                 : yaml_document_add_mapping(c->doc, ev->data.mapping_start.tag,
                                             ev->data.mapping_start.style);
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        if (c->depth > 0) {
            c->depth--;
            yaml_document_get_node(c->doc, c->stack[c->depth])->end_mark = ev->end_mark;
        }
        return true;
    case YAML_ALIAS_EVENT:
        return fail_at_event(c, ev, BX_ERR_SYNTAX, "不支持 YAML 别名（*%s）：请把内容直接写在这里",
                             (const char *)ev->data.alias.anchor);
    case YAML_DOCUMENT_END_EVENT:
    case YAML_STREAM_END_EVENT: *done = true; return true;
    case YAML_NO_EVENT:
    case YAML_STREAM_START_EVENT:
    case YAML_DOCUMENT_START_EVENT: return true;
    }
    if (!id)
        return bx_fail(c->err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    yaml_node_t *node = yaml_document_get_node(c->doc, id);
    node->start_mark = ev->start_mark;
    node->end_mark = ev->end_mark;
    if (!attach(c, id))
        return bx_fail(c->err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    if (node->type != YAML_SCALAR_NODE) {
        c->keys[c->depth] = 0;
        c->stack[c->depth++] = id;
    }
    return true;
}

/* libyaml's problem and context in Chinese; one it does not know (a later
 * libyaml's) follows in its English. */
static bool syntax_error(composer *c, const bx_loc *loc, const char *problem, const char *context)
{
    const char *said = bx_yaml_said(problem), *where = bx_yaml_said(context);
    char english[256] = "";
    if (problem && !said)
        snprintf(english, sizeof english, "（%s）", problem);
    return bx_fail(c->err, loc, BX_ERR_SYNTAX, "YAML 语法错误：%s%s%s%s", said ? said : "无法解析",
                   english, where ? "，" : "", where ? where : "") == BX_OK;
}

static bool compose(composer *c, const char *data, size_t len)
{
    yaml_parser_set_input_string(&c->parser, (const unsigned char *)data, len);
    bool ok = true, done = false;
    while (ok && !done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&c->parser, &ev)) {
            yaml_parser_t *p = &c->parser;
            bx_loc loc = {c->file, (int)p->problem_mark.line + 1, (int)p->problem_mark.column + 1};
            return syntax_error(c, &loc, p->problem, p->context);
        }
        ok = compose_event(c, &ev, &done);
        yaml_event_delete(&ev);
    }
    return ok;
}

static bx_yaml *parse(const char *data, size_t len, const char *name, bx_error *err)
{
    bx_loc at = {name, 0, 0};
    if (len > BX_MAX_FILE_BYTES) {
        bx_fail(err, &at, BX_ERR_LIMIT, "文件超过 %d MB 的上限", BX_MAX_FILE_BYTES / (1024 * 1024));
        return NULL;
    }
    bx_yaml *y = bx_calloc(1, sizeof *y, err);
    if (!y)
        return NULL;
    y->file = bx_strdup(name, err);
    composer c = {.doc = &y->doc, .file = y->file, .err = err};
    if (!y->file || !yaml_document_initialize(&y->doc, NULL, NULL, NULL, 1, 1) ||
        !yaml_parser_initialize(&c.parser)) {
        if (y->file)
            bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        yaml_document_delete(&y->doc);
        free(y->file);
        free(y);
        return NULL;
    }
    bool ok = compose(&c, data, len);
    yaml_parser_delete(&c.parser);
    if (!ok) {
        bx_yaml_free(y);
        return NULL;
    }
    return y;
}

bx_yaml *bx_yaml_parse(const char *data, size_t len, const char *display_name, bx_error *err)
{
    bx_error local_err; /* err may be NULL */
    err = bx_error_or(err, &local_err);
    return parse(data, len, display_name ? display_name : "<yaml>", err);
}

bx_yaml *bx_yaml_load(const char *path, const char *display_name, bx_error *err)
{
    bx_error local_err; /* err may be NULL */
    err = bx_error_or(err, &local_err);
    size_t len;
    char *data = bx_read_file(path, &len, err);
    if (!data)
        return NULL;
    bx_yaml *y = parse(data, len, display_name ? display_name : path, err);
    free(data);
    return y;
}

void bx_yaml_free(bx_yaml *y)
{
    if (!y)
        return;
    yaml_document_delete(&y->doc);
    free(y->file);
    free(y);
}

yaml_node_t *bx_yaml_root(bx_yaml *y)
{
    return yaml_document_get_root_node(&y->doc);
}

const char *bx_yaml_file(const bx_yaml *y)
{
    return y->file;
}

bx_loc bx_yaml_loc(const bx_yaml *y, const yaml_node_t *node)
{
    bx_loc loc = {y->file, 0, 0};
    if (node) {
        loc.line = (int)node->start_mark.line + 1;
        loc.column = (int)node->start_mark.column + 1;
    }
    return loc;
}

bool bx_yaml_is_scalar(const yaml_node_t *node)
{
    return node && node->type == YAML_SCALAR_NODE;
}

bool bx_yaml_is_seq(const yaml_node_t *node)
{
    return node && node->type == YAML_SEQUENCE_NODE;
}

bool bx_yaml_is_map(const yaml_node_t *node)
{
    return node && node->type == YAML_MAPPING_NODE;
}

const char *bx_yaml_text(const yaml_node_t *node)
{
    return bx_yaml_is_scalar(node) ? (const char *)node->data.scalar.value : NULL;
}

size_t bx_yaml_len(const yaml_node_t *node)
{
    if (bx_yaml_is_seq(node))
        return (size_t)(node->data.sequence.items.top - node->data.sequence.items.start);
    if (bx_yaml_is_map(node))
        return (size_t)(node->data.mapping.pairs.top - node->data.mapping.pairs.start);
    return 0;
}

yaml_node_t *bx_yaml_item(bx_yaml *y, const yaml_node_t *seq, size_t i)
{
    return yaml_document_get_node(&y->doc, seq->data.sequence.items.start[i]);
}

void bx_yaml_pair(bx_yaml *y, const yaml_node_t *map, size_t i, yaml_node_t **key,
                  yaml_node_t **value)
{
    yaml_node_pair_t *p = &map->data.mapping.pairs.start[i];
    *key = yaml_document_get_node(&y->doc, p->key);
    *value = yaml_document_get_node(&y->doc, p->value);
}

yaml_node_t *bx_yaml_get(bx_yaml *y, const yaml_node_t *map, const char *key)
{
    if (!bx_yaml_is_map(map))
        return NULL;
    size_t n = bx_yaml_len(map);
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *k, *v;
        bx_yaml_pair(y, map, i, &k, &v);
        const char *text = bx_yaml_text(k);
        if (text && strcmp(text, key) == 0)
            return v;
    }
    return NULL;
}

static bool want(bx_yaml *y, const yaml_node_t *node, yaml_node_type_t type, const char *shape,
                 const char *what, bx_error *err)
{
    if (node && node->type == type)
        return true;
    bx_loc loc = bx_yaml_loc(y, node);
    bx_fail(err, &loc, BX_ERR_LAYOUT, "%s应为%s", what, shape);
    return false;
}

bool bx_yaml_want_map(bx_yaml *y, const yaml_node_t *node, const char *what, bx_error *err)
{
    return want(y, node, YAML_MAPPING_NODE, "映射（key: value）", what, err);
}

bool bx_yaml_want_seq(bx_yaml *y, const yaml_node_t *node, const char *what, bx_error *err)
{
    return want(y, node, YAML_SEQUENCE_NODE, "列表（- …）", what, err);
}

bool bx_yaml_want_scalar(bx_yaml *y, const yaml_node_t *node, const char *what, bx_error *err)
{
    return want(y, node, YAML_SCALAR_NODE, "单个值", what, err);
}

bool bx_yaml_check_keys(bx_yaml *y, const yaml_node_t *map, const char *const *allowed,
                        bx_error *err)
{
    size_t n = bx_yaml_len(map);
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *k, *v;
        bx_yaml_pair(y, map, i, &k, &v);
        const char *text = bx_yaml_text(k);
        bx_loc loc = bx_yaml_loc(y, k);
        if (!text) {
            bx_fail(err, &loc, BX_ERR_LAYOUT, "键应为文字");
            return false;
        }
        bool known = false;
        for (const char *const *a = allowed; *a && !known; a++)
            known = strcmp(*a, text) == 0;
        if (!known) {
            bx_fail(err, &loc, BX_ERR_LAYOUT, "未知的键“%s”", text);
            return false;
        }
        for (size_t j = 0; j < i; j++) {
            yaml_node_t *k2, *v2;
            bx_yaml_pair(y, map, j, &k2, &v2);
            const char *t2 = bx_yaml_text(k2);
            if (t2 && strcmp(t2, text) == 0) {
                bx_fail(err, &loc, BX_ERR_LAYOUT, "键“%s”重复", text);
                return false;
            }
        }
    }
    return true;
}

const char *bx_yaml_str(bx_yaml *y, const yaml_node_t *map, const char *key, bool required,
                        bx_error *err)
{
    yaml_node_t *v = bx_yaml_get(y, map, key);
    if (!v) {
        if (required) {
            bx_loc loc = bx_yaml_loc(y, map);
            bx_fail(err, &loc, BX_ERR_LAYOUT, "缺少“%s”", key);
        }
        return NULL;
    }
    char what[128];
    snprintf(what, sizeof what, "“%s”", key);
    if (!bx_yaml_want_scalar(y, v, what, err))
        return NULL;
    return bx_yaml_text(v);
}

bool bx_yaml_copy_text(bx_yaml *y, const yaml_node_t *map, const char *key, bool required,
                       bx_arena *arena, const char **out, bx_error *err)
{
    const char *s = bx_yaml_str(y, map, key, required, err);
    if (!s)
        return !bx_failed(err);
    if (!*s) {
        bx_loc loc = bx_yaml_loc(y, bx_yaml_get(y, map, key));
        bx_fail(err, &loc, BX_ERR_LAYOUT, "“%s”不能为空", key);
        return false;
    }
    *out = bx_arena_strdup(arena, s, err);
    return *out != NULL;
}

bool bx_yaml_int(bx_yaml *y, const yaml_node_t *map, const char *key, bool required, long min,
                 long max, long *out, bx_error *err)
{
    const char *text = bx_yaml_str(y, map, key, required, err);
    if (!text)
        return !bx_failed(err);
    int64_t v;
    bx_loc loc = bx_yaml_loc(y, bx_yaml_get(y, map, key));
    if (bx_amount_parse(text, 0, &v) != BX_AMOUNT_OK || strchr(text, ',') || v < min || v > max) {
        bx_fail(err, &loc, BX_ERR_LAYOUT, "“%s”应为 %ld 到 %ld 之间的整数，而不是“%s”", key, min,
                max, text);
        return false;
    }
    *out = (long)v;
    return true;
}

bool bx_yaml_hundredths(bx_yaml *y, const yaml_node_t *map, const char *key, long min, long max,
                        long *out, bx_error *err)
{
    const char *text = bx_yaml_str(y, map, key, false, err);
    if (!text)
        return !bx_failed(err);
    int64_t v;
    bx_loc loc = bx_yaml_loc(y, bx_yaml_get(y, map, key));
    if (bx_amount_parse(text, 2, &v) != BX_AMOUNT_OK || strchr(text, ',') || v < min || v > max) {
        bx_fail(err, &loc, BX_ERR_LAYOUT, "“%s”应为 %ld 到 %ld 之间的数，而不是“%s”", key,
                min / 100, max / 100, text);
        return false;
    }
    *out = (long)v;
    return true;
}

bool bx_yaml_bool(bx_yaml *y, const yaml_node_t *map, const char *key, bool *out, bx_error *err)
{
    const char *text = bx_yaml_str(y, map, key, false, err);
    if (!text)
        return !bx_failed(err);
    if (strcmp(text, "true") == 0 || strcmp(text, "yes") == 0) {
        *out = true;
        return true;
    }
    if (strcmp(text, "false") == 0 || strcmp(text, "no") == 0) {
        *out = false;
        return true;
    }
    bx_loc loc = bx_yaml_loc(y, bx_yaml_get(y, map, key));
    bx_fail(err, &loc, BX_ERR_LAYOUT, "“%s”应为 true 或 false", key);
    return false;
}
