/* Loading layout sets and table layouts from YAML. Every string is copied
 * into the set's arena, so the YAML documents are freed after loading.
 *
 * Here: the loader's helpers, the table file and sets; header trees and
 * forms are read in layout_shape.c, checks in layout_checks.c. */
#include "layout.h"
#include "thread.h"
#include "layout_loader.h"

#include "fs.h"
#include "hash.h"
#include "placeholder.h"
#include "places.h"

#include <stdio.h>
#include <stdlib.h>
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

bx_loc bx_layout_loc_of(loader *ld, const yaml_node_t *node)
{
    bx_loc loc = bx_yaml_loc(ld->y, node);
    loc.file = ld->file;
    return loc;
}

bool bx_layout_fail_at(loader *ld, const yaml_node_t *node, const char *fmt, ...)
{
    bx_loc loc = bx_layout_loc_of(ld, node);
    va_list ap;
    va_start(ap, fmt);
    bx_vfail(ld->err, &loc, BX_ERR_LAYOUT, fmt, ap);
    va_end(ap);
    return false;
}

const char *bx_layout_copy(loader *ld, const char *s)
{
    return s ? bx_arena_strdup(ld->set->arena, s, ld->err) : NULL;
}

void *bx_layout_alloc(loader *ld, size_t size)
{
    return bx_arena_alloc(ld->set->arena, size, ld->err);
}

/* Placeholders are {name}; "{{" and "}}" stand for literal braces. */
bool bx_layout_check_template(loader *ld, const yaml_node_t *node, const char *t)
{
    bx_tpl_piece piece;
    for (size_t at = 0; bx_tpl_next(t, &at, &piece);) {
        if (piece.kind == BX_TPL_LONE_END)
            return bx_layout_fail_at(ld, node, "文字“%s”中的“}”没有对应的“{”", t);
        if (piece.kind == BX_TPL_BAD_NAME)
            return bx_layout_fail_at(ld, node, "文字“%s”中的占位符应写成 {名称}", t);
    }
    return true;
}

/* A template string at map[key]. */
bool bx_layout_get_template(loader *ld, const yaml_node_t *map, const char *key, bool required,
                            const char **out)
{
    const char *s = bx_yaml_str(ld->y, map, key, required, ld->err);
    if (!s)
        return !bx_failed(ld->err);
    if (!bx_layout_check_template(ld, bx_yaml_get(ld->y, map, key), s))
        return false;
    *out = bx_layout_copy(ld, s);
    return *out != NULL;
}

bool bx_layout_get_plain(loader *ld, const yaml_node_t *map, const char *key, bool required,
                         const char **out)
{
    return bx_yaml_copy_text(ld->y, map, key, required, ld->set->arena, out, ld->err);
}

/* A data file's name at map[key] (data:, repeat:, each's data:): a file of
 * the dataset's folder, never a path out of it. */
bool bx_layout_get_data(loader *ld, const yaml_node_t *map, const char *key, bool required,
                        const char **out)
{
    if (!bx_layout_get_plain(ld, map, key, required, out))
        return false;
    if (*out && !bx_path_stays_inside(*out))
        return bx_layout_fail_at(
            ld, bx_yaml_get(ld->y, map, key),
            "“%s”应为数据文件夹中的文件名（不能是绝对路径，也不能含有“..”），而不是“%s”", key,
            *out);
    return true;
}

/* ---- the table file ---------------------------------------------------- */

static bool parse_notes(loader *ld, const yaml_node_t *seq, bx_table_layout *t)
{
    if (!bx_yaml_want_seq(ld->y, seq, "notes", ld->err))
        return false;
    size_t n = bx_yaml_len(seq);
    t->notes = bx_arena_alloc(ld->set->arena, (n ? n : 1) * sizeof(char *), ld->err);
    if (!t->notes)
        return false;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = bx_yaml_item(ld->y, seq, i);
        if (!bx_yaml_want_scalar(ld->y, item, "notes 的每一项", ld->err) ||
            !bx_layout_check_template(ld, item, bx_yaml_text(item)))
            return false;
        t->notes[i] = bx_layout_copy(ld, bx_yaml_text(item));
        if (!t->notes[i])
            return false;
    }
    t->nnotes = n;
    return true;
}

static bool parse_kind(loader *ld, const yaml_node_t *root, bx_table_kind *kind)
{
    const char *k = bx_yaml_str(ld->y, root, "kind", false, ld->err);
    if (!k)
        return !bx_failed(ld->err);
    if (strcmp(k, "grid") == 0)
        *kind = BX_TABLE_GRID;
    else if (strcmp(k, "ledger") == 0)
        *kind = BX_TABLE_LEDGER;
    else if (strcmp(k, "form") == 0)
        *kind = BX_TABLE_FORM;
    else
        return bx_layout_fail_at(ld, bx_yaml_get(ld->y, root, "kind"),
                                 "未知的表格类型“%s”（可用：grid, ledger, form）", k);
    return true;
}

static bool parse_caption(loader *ld, const yaml_node_t *root, bx_table_layout *t)
{
    yaml_node_t *cap = bx_yaml_get(ld->y, root, "caption");
    if (!cap)
        return true;
    static const char *const keys[] = {"left", "right", NULL};
    return bx_yaml_want_map(ld->y, cap, "caption", ld->err) &&
           bx_yaml_check_keys(ld->y, cap, keys, ld->err) &&
           bx_layout_get_template(ld, cap, "left", false, &t->caption_left) &&
           bx_layout_get_template(ld, cap, "right", false, &t->caption_right);
}

static bool parse_orientation(loader *ld, const yaml_node_t *root, bx_table_layout *t)
{
    const char *o = bx_yaml_str(ld->y, root, "orientation", false, ld->err);
    t->landscape = true;
    if (!o)
        return !bx_failed(ld->err);
    if (strcmp(o, "portrait") == 0)
        t->landscape = false;
    else if (strcmp(o, "landscape") != 0)
        return bx_layout_fail_at(ld, bx_yaml_get(ld->y, root, "orientation"),
                                 "orientation 应为 landscape 或 portrait");
    return true;
}

static bool parse_ledger(loader *ld, const yaml_node_t *root, bx_table_layout *t)
{
    t->side_field = "栏目";
    t->kind_field = "类型";
    t->total_marker = "合计";
    if (!bx_layout_get_plain(ld, root, "side_field", false, &t->side_field) ||
        !bx_layout_get_plain(ld, root, "kind_field", false, &t->kind_field) ||
        !bx_layout_get_plain(ld, root, "total_marker", false, &t->total_marker))
        return false;
    if (t->header.nroots < 2)
        return bx_layout_fail_at(ld, root, "ledger 表至少要有两栏（例如 收入 与 支出）");
    for (size_t i = 0; i < t->header.nroots; i++) {
        const bx_hnode *g = &t->header.roots[i];
        if (!g->side || !g->nchildren) {
            bx_fail(ld->err, &g->loc, BX_ERR_LAYOUT,
                    "ledger 表的每一栏应有 side（数据中“%s”列的值）和下级列", t->side_field);
            return false;
        }
        bx_header one = {(bx_hnode *)g, 1};
        if (!bx_layout_check_bound_leaves(ld, root, &one, true))
            return false;
    }
    return true;
}

/* each: {data: FILE.csv, key: COLUMN} — a form repeated once per row. */
static bool parse_each(loader *ld, const yaml_node_t *root, bx_table_layout *t)
{
    yaml_node_t *e = bx_yaml_get(ld->y, root, "each");
    if (!e)
        return true;
    static const char *const keys[] = {"data", "key", NULL};
    return bx_yaml_want_map(ld->y, e, "each", ld->err) &&
           bx_yaml_check_keys(ld->y, e, keys, ld->err) &&
           bx_layout_get_data(ld, e, "data", true, &t->each_data) &&
           bx_layout_get_plain(ld, e, "key", true, &t->each_key);
}

static bool parse_table_body(loader *ld, const yaml_node_t *root, bx_table_layout *t);

/* A table layout, then its checks (which name its fields). */
static bool parse_table(loader *ld, const yaml_node_t *root, bx_table_layout *t)
{
    if (!parse_table_body(ld, root, t))
        return false;
    yaml_node_t *checks = bx_yaml_get(ld->y, root, "checks");
    return !checks || (bx_layout_parse_checks(ld, checks, false, &t->checks, &t->nchecks) &&
                       bx_layout_check_check_fields(ld, t));
}

static bool parse_table_body(loader *ld, const yaml_node_t *root, bx_table_layout *t)
{
    static const char *const keys[] = {
        "number",       "label",   "title",       "sheet",       "orientation", "caption",
        "kind",         "data",    "level_field", "label_field", "side_field",  "kind_field",
        "total_marker", "columns", "grid",        "bands",       "notes",       "empty_note",
        "display",      "each",    "checks",      "total",       "min_rows",    "repeat",
        "print",        NULL};
    if (!bx_yaml_want_map(ld->y, root, "表格布局文件", ld->err) ||
        !bx_yaml_check_keys(ld->y, root, keys, ld->err))
        return false;
    long number = 0;
    if (!bx_yaml_int(ld->y, root, "number", true, 1, 999, &number, ld->err))
        return false;
    t->number = (int)number;
    t->file = ld->file;
    if (!bx_layout_get_template(ld, root, "title", true, &t->title) ||
        !bx_layout_get_template(ld, root, "label", false, &t->label) ||
        !bx_layout_get_template(ld, root, "sheet", false, &t->sheet_name) ||
        !bx_layout_get_template(ld, root, "empty_note", false, &t->empty_note) ||
        !bx_layout_get_data(ld, root, "data", false, &t->data) ||
        !bx_layout_get_plain(ld, root, "level_field", false, &t->level_field) ||
        !bx_layout_get_plain(ld, root, "label_field", false, &t->label_field) ||
        !parse_caption(ld, root, t) || !parse_orientation(ld, root, t) ||
        !parse_kind(ld, root, &t->kind))
        return false;
    char buf[64];
    if (!t->label) {
        snprintf(buf, sizeof buf, "表 %d", t->number);
        t->label = bx_layout_copy(ld, buf);
    }
    if (!t->sheet_name) {
        char *s = bx_arena_alloc(ld->set->arena, strlen(t->title) + 16, ld->err);
        if (!s)
            return false;
        sprintf(s, "表%d %s", t->number, t->title);
        t->sheet_name = s;
    }
    yaml_node_t *notes = bx_yaml_get(ld->y, root, "notes");
    if ((notes && !parse_notes(ld, notes, t)) || !bx_layout_parse_body_keys(ld, root, t) ||
        !parse_each(ld, root, t))
        return false;

    yaml_node_t *columns = bx_yaml_get(ld->y, root, "columns");
    yaml_node_t *grid = bx_yaml_get(ld->y, root, "grid");
    yaml_node_t *bands = bx_yaml_get(ld->y, root, "bands");
    if (t->each_data && t->kind != BX_TABLE_FORM)
        return bx_layout_fail_at(ld, bx_yaml_get(ld->y, root, "each"),
                                 "each 只用于表单（kind: form）");
    if (t->kind == BX_TABLE_FORM) {
        if (!grid || !bands || columns || t->data)
            return bx_layout_fail_at(ld, root,
                                     "表单（kind: form）应有 grid 和 bands，不用 columns 和 data");
        return bx_layout_parse_grid(ld, grid, t) &&
               bx_layout_parse_bands(ld, bands, (int)t->ngrid, 0, &t->bands, &t->nbands);
    }
    if (!columns || !t->data || grid || bands)
        return bx_layout_fail_at(ld, root,
                                 "grid 和 ledger 表应有 columns 和 data，不用 grid 和 bands");
    if (!bx_layout_parse_header(ld, columns, &t->header))
        return false;
    if (t->kind == BX_TABLE_LEDGER)
        return parse_ledger(ld, root, t);
    if (bx_yaml_get(ld->y, root, "side_field") || bx_yaml_get(ld->y, root, "kind_field") ||
        bx_yaml_get(ld->y, root, "total_marker"))
        return bx_layout_fail_at(ld, root, "side_field、kind_field、total_marker 只用于 ledger 表");
    return bx_layout_check_bound_leaves(ld, root, &t->header, true);
}

static bool parse_into(bx_layout_set *set, bx_yaml *y, bx_table_layout *out, bx_error *err)
{
    loader ld = {set, y, NULL, err};
    ld.file = bx_layout_copy(&ld, bx_yaml_file(y));
    if (!ld.file)
        return false;
    memset(out, 0, sizeof *out);
    return parse_table(&ld, bx_yaml_root(y), out);
}

bool bx_table_layout_parse(bx_layout_set *set, const char *data, size_t len,
                           const char *display_name, bx_table_layout *out, bx_error *err)
{
    bx_error local_err; /* err may be NULL */
    err = bx_error_or(err, &local_err);
    bx_yaml *y = bx_yaml_parse(data, len, display_name, err);
    if (!y)
        return false;
    bool ok = parse_into(set, y, out, err);
    bx_yaml_free(y);
    return ok;
}

bool bx_table_layout_load(bx_layout_set *set, const char *path, const char *display_name,
                          bx_table_layout *out, bx_error *err)
{
    bx_error local_err; /* err may be NULL */
    err = bx_error_or(err, &local_err);
    bx_yaml *y = bx_yaml_load(path, display_name, err);
    if (!y)
        return false;
    bool ok = parse_into(set, y, out, err);
    bx_yaml_free(y);
    return ok;
}

/* ---- sets -------------------------------------------------------------- */

bx_layout_set *bx_layout_set_new(bx_error *err)
{
    bx_layout_set *set = bx_calloc(1, sizeof *set, err);
    if (!set)
        return NULL;
    set->arena = bx_arena_new();
    if (!set->arena) {
        free(set);
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
        return NULL;
    }
    set->display.unit_yuan = 10000;
    set->display.decimals = 2;
    set->print.title_regular = set->print.page_numbers = set->print.stretch = -1;
    set->font = "宋体";
    set->title = "{year}年{unit}部门预算";
    return set;
}

void bx_layout_set_free(bx_layout_set *set)
{
    if (!set)
        return;
    bx_arena_free(set->arena);
    free(set);
}

const char *bx_layout_set_dir(const bx_layout_set *set)
{
    return set->dir;
}

static bool parse_display(loader *ld, const yaml_node_t *root)
{
    yaml_node_t *d = bx_yaml_get(ld->y, root, "display");
    return !d ||
           bx_layout_parse_display(ld, d, false, &ld->set->display, NULL, &ld->set->display_zero);
}

static int by_number(const void *a, const void *b)
{
    const bx_table_layout *x = a, *y = b;
    return (x->number > y->number) - (x->number < y->number);
}

/* Table file i of set.yaml's list (item): read into *data, parsed into
 * set's table i (allocating from set's arena). */
static bool load_table(bx_layout_set *set, yaml_node_t *item, size_t i, char **data, size_t *len,
                       bx_error *err)
{
    const char *name = bx_yaml_text(item);
    char *path = bx_path_join(set->dir, name, err);
    *data = path ? bx_read_file(path, len, err) : NULL;
    bool ok = *data && bx_table_layout_parse(set, *data, *len, path, &set->tables[i], err);
    free(path);
    return ok;
}

/* Some of a set's table files, read and parsed on a thread of their own:
 * into a set of their own (its arena, the set's tables and folder). */
typedef struct table_batch {
    bx_layout_set set;
    yaml_node_t **items;
    size_t from, to; /* the items' indexes */
    char **bytes;
    size_t *lens;
    bx_error *errs; /* per item */
} table_batch;

static void *load_batch(void *arg)
{
    table_batch *b = arg;
    for (size_t i = b->from; i < b->to; i++)
        if (!load_table(&b->set, b->items[i], i, &b->bytes[i], &b->lens[i], &b->errs[i]))
            break;
    return NULL;
}

/* The files of items[0 … n) loaded into set's tables: the first half on
 * another thread (a third of a small render's setting up is parsing YAML),
 * each file's error kept apart; the first failure in list order is the
 * one reported. */
static bool load_all_tables(loader *ld, yaml_node_t **items, size_t n, char **bytes, size_t *lens)
{
    bx_layout_set *set = ld->set;
    bx_error *errs = bx_calloc(n, sizeof *errs, ld->err);
    if (!errs)
        return false;
    for (size_t i = 0; i < n; i++)
        bx_error_clear(&errs[i]);
    table_batch helper = {*set, items, 0, n >= 4 ? n / 2 : 0, bytes, lens, errs};
    helper.set.arena = helper.to > 0 ? bx_arena_new() : NULL;
    pthread_t thread;
    bool started = helper.set.arena && bx_thread_start(&thread, load_batch, &helper) == 0;
    table_batch here = {*set, items, started ? helper.to : 0, n, bytes, lens, errs};
    here.set.arena = set->arena;
    load_batch(&here);
    if (started)
        pthread_join(thread, NULL);
    bx_arena_adopt(set->arena, helper.set.arena);
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++)
        if (bx_failed(&errs[i])) {
            *ld->err = errs[i];
            ok = false;
        }
    free(errs);
    return ok;
}

/* The table files of set.yaml, each read once: parsed, and folded into
 * the set's digest *h in table order (bytes kept until then). */
static bool load_tables(loader *ld, const yaml_node_t *seq, uint64_t *h)
{
    if (!bx_yaml_want_seq(ld->y, seq, "tables", ld->err))
        return false;
    size_t n = bx_yaml_len(seq);
    if (n > BX_MAX_TABLES) /* none: a report, if the set has a document (checked after) */
        return bx_layout_fail_at(ld, seq, "tables 应列出 1 到 %d 个布局文件", BX_MAX_TABLES);
    bx_layout_set *set = ld->set;
    set->tables = bx_arena_alloc(set->arena, n * sizeof *set->tables, ld->err);
    char **bytes = bx_calloc(n, sizeof *bytes, ld->err);
    size_t *lens = bx_calloc(n, sizeof *lens, ld->err);
    yaml_node_t **items = bx_calloc(n, sizeof *items, ld->err);
    bool ok = set->tables && bytes && lens && items;
    for (size_t i = 0; ok && i < n; i++) {
        items[i] = bx_yaml_item(ld->y, seq, i);
        if (!bx_yaml_want_scalar(ld->y, items[i], "tables 的每一项", ld->err))
            ok = false;
        const char *name = ok ? bx_yaml_text(items[i]) : "";
        if (ok && (strchr(name, '/') || name[0] == '.' || !*name))
            ok = bx_layout_fail_at(ld, items[i], "布局文件名“%s”不能含有路径", name);
    }
    ok = ok && load_all_tables(ld, items, n, bytes, lens);
    for (size_t i = 0; ok && i < n; i++) {
        for (size_t k = 0; ok && k < i; k++)
            if (set->tables[k].number == set->tables[i].number)
                ok = bx_layout_fail_at(ld, items[i], "表号 %d 重复", set->tables[i].number);
        set->ntables = i + 1;
    }
    for (size_t done = 0; ok && done < n; done++) { /* by number, as sorted below */
        size_t next = n;
        for (size_t i = 0; i < n; i++)
            if (bytes[i] && (next == n || set->tables[i].number < set->tables[next].number))
                next = i;
        *h = bx_fnv_bytes(*h, bytes[next], lens[next]);
        free(bytes[next]);
        bytes[next] = NULL;
    }
    for (size_t i = 0; bytes && i < n; i++)
        free(bytes[i]);
    free(bytes);
    free(lens);
    free(items);
    if (ok)
        qsort(set->tables, set->ntables, sizeof *set->tables, by_number);
    return ok;
}

/* Every figure a set check refers to must be in a table of the set. */
static bool check_set_refs(loader *ld, const bx_layout_set *set)
{
    for (size_t i = 0; i < set->nchecks; i++) {
        const bx_check *c = &set->checks[i];
        for (int k = 0; k < c->nrefs; k++) {
            const bx_ref *r = &c->refs[k];
            const bx_table_layout *t = NULL;
            for (size_t j = 0; j < set->ntables && !t; j++)
                if (set->tables[j].number == r->table)
                    t = &set->tables[j];
            const char *fields[BX_MAX_COLUMNS * 4];
            bool money[BX_MAX_COLUMNS * 4];
            int n = t ? bx_table_figure_fields(t, fields, money, BX_MAX_COLUMNS * 4) : 0;
            if (!t || !bx_layout_has_field(fields, n, r->field))
                return bx_fail(ld->err, &c->loc, BX_ERR_LAYOUT, "引用“%s”：%s", r->text,
                               t ? "该表没有这个金额或数字列" : "模板中没有这张表") == BX_OK;
        }
    }
    return true;
}

/* document.yaml, when the set has one: the whole document's outline. */
static bool load_document(bx_layout_set *set, const char *set_dir, uint64_t *digest, bx_error *err)
{
    char *path = bx_path_join(set_dir, "document.yaml", err);
    if (!path)
        return false;
    struct stat st;
    if (stat(path, &st) != 0) { /* none: the document is its tables */
        free(path);
        return true;
    }
    size_t len = 0;
    char *data = bx_read_file(path, &len, err);
    bx_yaml *y = data ? bx_yaml_parse(data, len, path, err) : NULL;
    if (data)
        *digest = bx_fnv_bytes(*digest, data, len);
    free(data);
    free(path);
    if (!y)
        return false;
    loader ld = {set, y, NULL, err};
    bool ok = (ld.file = bx_layout_copy(&ld, bx_yaml_file(y))) != NULL &&
              bx_layout_parse_document(&ld, set_dir, set->base_dir, set->document, digest,
                                       &set->document);
    bx_yaml_free(y);
    return ok;
}

enum { MAX_BASES = 4 }; /* a set on a set on a set …: no loop, no depth without end */

static bx_layout_set *load_set(const char *set_dir, int depth, bx_error *err);

/* base: NAME — the set in the same folder this one starts from: its
 * tables, checks, outline and defaults, which this set's own keys and
 * tables (by number) replace. Its memory becomes the set's. */
static bool start_from_base(loader *ld, const yaml_node_t *root, const char *set_dir, int depth,
                            uint64_t *h)
{
    const char *name = bx_yaml_str(ld->y, root, "base", false, ld->err);
    if (!name)
        return !bx_failed(ld->err);
    const yaml_node_t *at = bx_yaml_get(ld->y, root, "base");
    if (!*name || strchr(name, '/') || name[0] == '.')
        return bx_layout_fail_at(ld, at, "base 应为同一文件夹中另一布局的名称，而不是“%s”", name);
    if (depth >= MAX_BASES)
        return bx_layout_fail_at(ld, at, "base 的层级超过 %d 层（是否互相引用？）", MAX_BASES);
    char *parent = bx_arena_strdup(ld->set->arena, set_dir, ld->err);
    char *slash = parent ? strrchr(parent, '/') : NULL;
    if (slash)
        *slash = '\0';
    char *dir = parent ? bx_path_join(slash ? parent : ".", name, ld->err) : NULL;
    bx_layout_set *base = dir ? load_set(dir, depth + 1, ld->err) : NULL;
    free(dir);
    if (!base)
        return false;
    bx_layout_set *set = ld->set;
    set->title = base->title;
    set->font = base->font;
    set->display = base->display;
    set->display_zero = base->display_zero;
    set->print = base->print;
    set->tables = base->tables;
    set->ntables = base->ntables;
    set->checks = base->checks;
    set->nchecks = base->nchecks;
    set->document = base->document;
    set->base_dir = base->dir; /* in base's arena, adopted below */
    *h = bx_fnv_bytes(*h, base->version, strlen(base->version));
    bx_arena_adopt(set->arena, base->arena);
    free(base);
    return true;
}

/* The set's own tables with those of its base that none of them replaces
 * (by number), in number order. */
static bool merge_base_tables(loader *ld, bx_table_layout *base, size_t nbase)
{
    bx_layout_set *set = ld->set;
    size_t own = set->ntables, n = own;
    bx_table_layout *all = bx_layout_alloc(ld, (own + nbase) * sizeof *all);
    if (!all)
        return false;
    memcpy(all, set->tables, own * sizeof *all);
    for (size_t i = 0; i < nbase; i++) {
        bool replaced = false;
        for (size_t k = 0; k < own && !replaced; k++)
            replaced = set->tables[k].number == base[i].number;
        if (!replaced)
            all[n++] = base[i];
    }
    qsort(all, n, sizeof *all, by_number);
    set->tables = all;
    set->ntables = n;
    return true;
}

bx_layout_set *bx_layout_set_load(const char *set_dir, bx_error *err)
{
    return load_set(set_dir, 0, err);
}

static bx_layout_set *load_set(const char *set_dir, int depth, bx_error *err)
{
    bx_error local_err; /* err may be NULL */
    err = bx_error_or(err, &local_err);
    bx_layout_set *set = bx_layout_set_new(err);
    if (!set)
        return NULL;
    /* the digest: FNV-1a over the bytes of set.yaml and every table file,
     * in table order — any edit of the layouts changes it */
    uint64_t h = BX_FNV_OFFSET;
    char *path = bx_path_join(set_dir, "set.yaml", err);
    size_t len = 0;
    char *data = path ? bx_read_file(path, &len, err) : NULL;
    bx_yaml *y = data ? bx_yaml_parse(data, len, path, err) : NULL;
    h = data ? bx_fnv_bytes(h, data, len) : h;
    free(data);
    free(path);
    if (!y) {
        bx_layout_set_free(set);
        return NULL;
    }
    loader ld = {set, y, NULL, err};
    static const char *const keys[] = {"name",        "title",  "font",  "display", "tables",
                                       "description", "checks", "print", "base",    NULL};
    yaml_node_t *root = bx_yaml_root(y);
    bool ok = (ld.file = bx_layout_copy(&ld, bx_yaml_file(y))) != NULL &&
              (set->dir = bx_layout_copy(&ld, set_dir)) != NULL &&
              bx_yaml_want_map(y, root, "set.yaml", err) &&
              bx_yaml_check_keys(y, root, keys, err) &&
              start_from_base(&ld, root, set_dir, depth, &h) &&
              bx_layout_get_plain(&ld, root, "name", true, &set->name) &&
              bx_layout_get_template(&ld, root, "title", false, &set->title) &&
              bx_layout_get_plain(&ld, root, "font", false, &set->font) &&
              parse_display(&ld, root) && bx_layout_parse_print(&ld, root, &set->print);
    yaml_node_t *tables = ok ? bx_yaml_get(y, root, "tables") : NULL;
    bx_table_layout *base_tables = set->tables;
    size_t nbase = set->ntables;
    if (ok && !tables && !base_tables)
        ok = bx_layout_fail_at(&ld, root, "set.yaml 缺少 tables（布局文件列表）");
    if (ok && tables)
        ok = load_tables(&ld, tables, &h) && merge_base_tables(&ld, base_tables, nbase);
    yaml_node_t *checks = ok ? bx_yaml_get(y, root, "checks") : NULL;
    if (checks)
        ok = bx_layout_parse_checks(&ld, checks, true, &set->checks, &set->nchecks) &&
             check_set_refs(&ld, set);
    else if (ok && base_tables) /* the base's checks, over tables this set may replace */
        ok = check_set_refs(&ld, set);
    if (ok)
        ok = load_document(set, set_dir, &h, err);
    if (ok && set->ntables == 0 && !set->document && tables)
        ok = bx_layout_fail_at(
            &ld, tables, "tables 应列出 1 到 %d 个布局文件（没有表格的报告须有 document.yaml）",
            BX_MAX_TABLES);
    char hex[24];
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)h);
    ok = ok && (set->version = bx_arena_strdup(set->arena, hex, err)) != NULL;
    bx_yaml_free(y);
    if (!ok) {
        bx_layout_set_free(set);
        return NULL;
    }
    return set;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Try dir/name; NULL without an error if it is not there. */
static bx_layout_set *try_dir(const char *dir, const char *name, bx_error *err)
{
    if (!dir || !*dir)
        return NULL;
    char *path = bx_path_join(dir, name, err);
    if (!path)
        return NULL;
    bx_layout_set *set = is_dir(path) ? bx_layout_set_load(path, err) : NULL;
    free(path);
    return set;
}

bx_layout_set *bx_layout_set_find(const char *name, const char *const *search_dirs, bx_error *err)
{
    bx_error local_err; /* err may be NULL */
    err = bx_error_or(err, &local_err);
    if (!name || !*name || strchr(name, '/') || name[0] == '.') {
        bx_fail(err, NULL, BX_ERR_USAGE, "模板名“%s”无效", name ? name : "");
        return NULL;
    }
    const char *env[] = {getenv("BUDGETX_LAYOUTS"), NULL};
    const char *const *lists[] = {search_dirs, env, bx_layout_places};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        for (const char *const *d = lists[i]; d && *d; d++) {
            bx_layout_set *set = try_dir(*d, name, err);
            if (set || bx_failed(err))
                return set;
        }
    char places[2048];
    bx_fail(err, NULL, BX_ERR_DATA,
            "找不到模板“%s”的布局（已查找 --layouts、$BUDGETX_LAYOUTS、%s）", name,
            bx_places_text(bx_layout_places, places, sizeof places));
    return NULL;
}

/* ---- every set there is ------------------------------------------------- */

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add the sets of dir (its folders holding set.yaml) not listed yet. */
static bool list_dir(const char *dir, char ***names, size_t *n, bx_error *err)
{
    DIR *d = dir && *dir ? opendir(dir) : NULL;
    if (!d)
        return true;
    bool ok = true;
    for (struct dirent *e; ok && (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.' || *n >= BX_MAX_SETS)
            continue;
        char *base = bx_path_join(dir, e->d_name, err);
        char *yaml = base ? bx_path_join(base, "set.yaml", err) : NULL;
        struct stat st;
        bool is_set = yaml && stat(yaml, &st) == 0 && S_ISREG(st.st_mode);
        free(base);
        free(yaml);
        bool seen = false;
        for (size_t i = 0; i < *n && !seen; i++)
            seen = strcmp((*names)[i], e->d_name) == 0;
        if (!is_set || seen)
            continue;
        char **grown = realloc(*names, (*n + 2) * sizeof *grown);
        ok = grown && ((*names = grown), ((*names)[*n] = bx_strdup(e->d_name, err)) != NULL);
        if (ok)
            (*names)[++*n] = NULL;
        else if (!bx_failed(err))
            bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
    }
    closedir(d);
    return ok;
}

char **bx_layout_set_names(const char *const *search_dirs, bx_error *err)
{
    const char *env[] = {getenv("BUDGETX_LAYOUTS"), NULL};
    const char *const *lists[] = {search_dirs, env, bx_layout_places};
    char **names = bx_calloc(1, sizeof *names, err);
    size_t n = 0;
    for (size_t i = 0; names && i < sizeof lists / sizeof lists[0]; i++)
        for (const char *const *d = lists[i]; d && *d; d++)
            if (!list_dir(*d, &names, &n, err)) {
                bx_layout_set_names_free(names);
                return NULL;
            }
    if (names)
        qsort(names, n, sizeof *names, by_name);
    return names;
}

void bx_layout_set_names_free(char **names)
{
    for (size_t i = 0; names && names[i]; i++)
        free(names[i]);
    free(names);
}
