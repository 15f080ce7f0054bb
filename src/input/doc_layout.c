/* document.yaml and its part files (doc_layout.h). */
#include "doc_layout.h"
#include "fs.h"
#include "hash.h"
#include "layout_loader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* What loading the outline carries: the blocks so far, the files read. */
typedef struct outline {
    loader *root;
    const char *dir;
    const char *base_dir; /* where a part file not in dir is looked for, or NULL */
    uint64_t *digest;
    bx_doc_layout *doc;
    size_t cap;
    int includes;
} outline;

static bool add_block(outline *o, loader *ld, const yaml_node_t *node, bx_dblock b)
{
    bx_doc_layout *d = o->doc;
    if (d->nblocks >= BX_DOC_MAX_BLOCKS)
        return bx_layout_fail_at(ld, node, "文档的段落超过 %d 个", BX_DOC_MAX_BLOCKS);
    if (d->nblocks == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 64;
        bx_dblock *grown = bx_layout_alloc(ld, cap * sizeof *grown);
        if (!grown)
            return false;
        if (d->nblocks)
            memcpy(grown, d->blocks, d->nblocks * sizeof *grown);
        d->blocks = grown;
        o->cap = cap;
    }
    b.loc = bx_layout_loc_of(ld, node);
    d->blocks[d->nblocks++] = b;
    return true;
}

static bool parse_blocks(outline *o, loader *ld, const yaml_node_t *seq);

/* An included part file: its own blocks, in place. */
static bool include(outline *o, loader *ld, const yaml_node_t *node, const char *name)
{
    if (++o->includes > BX_DOC_MAX_INCLUDES)
        return bx_layout_fail_at(ld, node, "包含的文件超过 %d 个", BX_DOC_MAX_INCLUDES);
    if (strchr(name, '/') || name[0] == '.')
        return bx_layout_fail_at(ld, node, "包含的文件“%s”应是布局模板文件夹中的文件名", name);
    char *path = bx_path_join(o->dir, name, ld->err);
    struct stat st;
    if (path && o->base_dir && stat(path, &st) != 0) { /* the base set's part file */
        free(path);
        path = bx_path_join(o->base_dir, name, ld->err);
    }
    size_t len = 0;
    char *data = path ? bx_read_file(path, &len, ld->err) : NULL;
    bx_yaml *y = data ? bx_yaml_parse(data, len, path, ld->err) : NULL;
    if (data)
        *o->digest = bx_fnv_bytes(*o->digest, data, len);
    free(data);
    free(path);
    if (!y)
        return false;
    loader part = {ld->set, y, NULL, ld->err};
    yaml_node_t *root = bx_yaml_root(y);
    bool ok = (part.file = bx_layout_copy(&part, bx_yaml_file(y))) != NULL &&
              bx_yaml_want_seq(y, root, name, ld->err) && parse_blocks(o, &part, root);
    bx_yaml_free(y);
    return ok;
}

/* A column of a table block: heading, cell, width, align. */
static bool parse_column(loader *ld, const yaml_node_t *map, bx_dcolumn *c)
{
    static const char *const keys[] = {"heading", "cell", "width", "align", NULL};
    long width = 1;
    const char *align = NULL;
    if (!bx_yaml_want_map(ld->y, map, "列", ld->err) ||
        !bx_yaml_check_keys(ld->y, map, keys, ld->err) ||
        !bx_layout_get_plain(ld, map, "heading", true, &c->heading) ||
        !bx_layout_get_plain(ld, map, "cell", true, &c->cell) ||
        !bx_yaml_int(ld->y, map, "width", false, 1, 100, &width, ld->err) ||
        !bx_layout_get_plain(ld, map, "align", false, &align))
        return false;
    c->width = (int)width;
    c->align = !align                         ? 'l'
               : strcmp(align, "left") == 0   ? 'l'
               : strcmp(align, "right") == 0  ? 'r'
               : strcmp(align, "center") == 0 ? 'c'
                                              : 0;
    if (!c->align)
        return bx_layout_fail_at(ld, bx_yaml_get(ld->y, map, "align"),
                                 "align 应为 left、center 或 right");
    return true;
}

/* - table: NAME, rows: "5:level=1", columns: [...] — a table inside the
 * text, one row per department row called NAME. */
static bool parse_table(outline *o, loader *ld, const yaml_node_t *map)
{
    static const char *const keys[] = {"table", "rows", "columns", NULL};
    bx_dblock b = {.kind = BX_DB_TABLE};
    if (!bx_yaml_check_keys(ld->y, map, keys, ld->err) ||
        !bx_layout_get_plain(ld, map, "table", true, &b.text) ||
        !bx_layout_get_plain(ld, map, "rows", true, &b.rows))
        return false;
    yaml_node_t *seq = bx_yaml_get(ld->y, map, "columns");
    if (!seq)
        return bx_layout_fail_at(ld, map, "table 缺少 columns（表格的各列）");
    if (!bx_yaml_want_seq(ld->y, seq, "columns", ld->err))
        return false;
    size_t n = bx_yaml_len(seq);
    if (n < 1 || n > BX_DOC_MAX_COLUMNS)
        return bx_layout_fail_at(ld, seq, "columns 应有 1 到 %d 列", BX_DOC_MAX_COLUMNS);
    bx_dcolumn *cols = bx_layout_alloc(ld, n * sizeof *cols);
    if (!cols)
        return false;
    memset(cols, 0, n * sizeof *cols);
    for (size_t i = 0; i < n; i++)
        if (!parse_column(ld, bx_yaml_item(ld->y, seq, i), &cols[i]))
            return false;
    b.columns = cols;
    b.ncolumns = (int)n;
    return add_block(o, ld, map, b);
}

/* The keys only some kinds of block have (kind: parse_block's kinds). */
static bool keys_fit_kind(loader *ld, const yaml_node_t *map, int kind)
{
    static const struct {
        const char *key;
        unsigned kinds; /* bits of the kinds it belongs to */
    } only[] = {
        {"level", 1u << 0 | 1u << 4},
        {"number", 1u << 1},
        {"lead", 1u << 2},
        {"list", 1u << 2},
        {"each", 1u << 2},
        {"path", 1u << 2},
        {"numbering", 1u << 2 | 1u << 4},
        {"pages", 1u << 4},
        {"leaders", 1u << 4},
        {"table_numbering", 1u << 4},
        {"entry", 1u << 0 | 1u << 3},
        {"divider", 1u << 3},
    };
    for (size_t i = 0; i < sizeof only / sizeof only[0]; i++)
        if (!(only[i].kinds & 1u << kind) && bx_yaml_get(ld->y, map, only[i].key))
            return bx_layout_fail_at(ld, bx_yaml_get(ld->y, map, only[i].key), "%s 只用于%s",
                                     only[i].key,
                                     only[i].kinds == (1u << 0 | 1u << 4) ? " heading 和 contents"
                                     : only[i].kinds == (1u << 2 | 1u << 4) ? " text 和 contents"
                                     : only[i].kinds == (1u << 0 | 1u << 3) ? " heading 和 tables"
                                     : only[i].kinds == 1u << 1             ? " paragraph"
                                     : only[i].kinds == 1u << 2             ? " text"
                                     : only[i].kinds == 1u << 3             ? " tables"
                                                                : " contents（目录）");
    return true;
}

static bool numbering_ok(loader *ld, const yaml_node_t *map, const char *key, const char *fmt)
{
    if (!fmt || strstr(fmt, "{cn}") || strstr(fmt, "{n}"))
        return true;
    return bx_layout_fail_at(ld, bx_yaml_get(ld->y, map, key), "编号格式“%s”应含 {cn} 或 {n}", fmt);
}

/* path: the templates {path} prints a row's ancestors through, one per
 * level, each holding {name} once and no other placeholder. */
static bool parse_path(loader *ld, const yaml_node_t *seq, bx_dblock *b)
{
    if (!bx_yaml_want_seq(ld->y, seq, "path", ld->err))
        return false;
    size_t n = bx_yaml_len(seq);
    if (n == 0 || n > BX_MAX_INDENT + 2)
        return bx_layout_fail_at(ld, seq, "path 应列出 1 到 %d 级的写法", BX_MAX_INDENT + 2);
    const char **levels = bx_layout_alloc(ld, n * sizeof *levels);
    if (!levels)
        return false;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = bx_yaml_item(ld->y, seq, i);
        if (!bx_yaml_want_scalar(ld->y, item, "path 的一级", ld->err))
            return false;
        const char *t = bx_yaml_text(item), *name = strstr(t, "{name}");
        if (!name || strstr(name + 1, "{name}") || strchr(t, '{') != name ||
            strchr(name + 6, '{') || strchr(name + 6, '}'))
            return bx_layout_fail_at(ld, item,
                                     "path 的每一级应含一个 {name}（该级的名称），"
                                     "不含别的占位符：“%s”",
                                     t);
        if (!(levels[i] = bx_layout_copy(ld, t)))
            return false;
    }
    b->path = levels;
    b->npath = (int)n;
    return true;
}

/* One block: a mapping with one of heading, paragraph, text, tables,
 * contents, include, table. */
static bool parse_block(outline *o, loader *ld, const yaml_node_t *map)
{
    static const char *const keys[] = {
        "heading", "level",    "paragraph",       "number", "text",  "lead", "numbering", "list",
        "tables",  "contents", "include",         "pages",  "table", "rows", "columns",   "entry",
        "leaders", "divider",  "table_numbering", "each",   "path",  NULL};
    if (!bx_yaml_want_map(ld->y, map, "段落", ld->err) ||
        !bx_yaml_check_keys(ld->y, map, keys, ld->err))
        return false;
    static const char *const kinds[] = {"heading",  "paragraph", "text", "tables",
                                        "contents", "include",   "table"};
    int kind = -1, found = 0;
    for (int i = 0; i < 7; i++)
        if (bx_yaml_get(ld->y, map, kinds[i])) {
            kind = i;
            found++;
        }
    if (found != 1)
        return bx_layout_fail_at(ld, map,
                                 "每段应有且只有 heading、paragraph、text、tables、contents、"
                                 "include、table 之一");
    if (kind == 5) {
        const char *name = NULL;
        return bx_layout_get_plain(ld, map, "include", true, &name) && include(o, ld, map, name);
    }
    if (kind == 6)
        return parse_table(o, ld, map);
    if ((kind != 2 && bx_yaml_get(ld->y, map, "rows")) || bx_yaml_get(ld->y, map, "columns"))
        return bx_layout_fail_at(ld, map,
                                 "rows 只用于 text 和 table，columns 只用于 table（文字中的表格）");
    bx_dblock b = {.kind = kind == 0   ? BX_DB_HEADING
                           : kind == 1 ? BX_DB_PARAGRAPH
                           : kind == 2 ? BX_DB_TEXT
                           : kind == 3 ? BX_DB_TABLES
                                       : BX_DB_CONTENTS};
    long level = kind == 0 ? 1 : kind == 4 ? 2 : 0;
    const char *level_key = kind == 1 ? "number" : "level";
    if (!bx_yaml_int(ld->y, map, level_key, false, 0, BX_DOC_LEVELS - 1, &level, ld->err))
        return false;
    b.level = (int)level;
    if (!keys_fit_kind(ld, map, kind))
        return false;
    bool ok = kind == 4 ? bx_layout_get_plain(ld, map, "contents", true, &b.text)
                        : bx_layout_get_plain(ld, map, kinds[kind], true, &b.text);
    if (ok && kind == 2)
        ok = bx_layout_get_plain(ld, map, "lead", false, &b.lead) &&
             bx_layout_get_plain(ld, map, "each", false, &b.each) &&
             bx_layout_get_plain(ld, map, "list", false, &b.list) &&
             bx_layout_get_plain(ld, map, "rows", false, &b.rows);
    yaml_node_t *path = kind == 2 ? bx_yaml_get(ld->y, map, "path") : NULL;
    if (ok && path && !b.rows)
        return bx_layout_fail_at(ld, path, "path 只用于有 rows 的 text（写各行的科目路径）");
    if (ok && path)
        ok = parse_path(ld, path, &b);
    if (ok && (kind == 2 || kind == 4))
        ok = bx_layout_get_plain(ld, map, "numbering", false, &b.numbering);
    if (ok && (kind == 0 || kind == 3))
        ok = bx_layout_get_template(ld, map, "entry", false, &b.entry);
    bool divider = true;
    if (ok && kind == 3)
        ok = bx_yaml_bool(ld->y, map, "divider", &divider, ld->err);
    b.no_divider = !divider;
    if (ok && kind == 4)
        ok = bx_yaml_bool(ld->y, map, "leaders", &b.leaders, ld->err) &&
             bx_layout_get_plain(ld, map, "table_numbering", false, &b.table_numbering) &&
             numbering_ok(ld, map, "table_numbering", b.table_numbering);
    if (ok && b.list && !b.numbering)
        return bx_layout_fail_at(ld, bx_yaml_get(ld->y, map, "list"),
                                 "list（接续编号的列表）需要 numbering（编号格式）");
    if (ok && !numbering_ok(ld, map, "numbering", b.numbering))
        return false;
    if (ok && kind == 4)
        ok = bx_yaml_bool(ld->y, map, "pages", &b.pages, ld->err);
    return ok && add_block(o, ld, map, b);
}

static bool parse_blocks(outline *o, loader *ld, const yaml_node_t *seq)
{
    for (size_t i = 0; i < bx_yaml_len(seq); i++)
        if (!parse_block(o, ld, bx_yaml_item(ld->y, seq, i)))
            return false;
    return true;
}

/* numbering: a list of up to four formats, for levels 1, 2, …. */
static bool parse_numbering(loader *ld, const yaml_node_t *seq, bx_doc_layout *d)
{
    if (!bx_yaml_want_seq(ld->y, seq, "numbering", ld->err))
        return false;
    if (bx_yaml_len(seq) > BX_DOC_LEVELS - 1)
        return bx_layout_fail_at(ld, seq, "numbering 最多 %d 级", BX_DOC_LEVELS - 1);
    for (size_t i = 0; i < bx_yaml_len(seq); i++) {
        yaml_node_t *item = bx_yaml_item(ld->y, seq, i);
        if (!bx_yaml_want_scalar(ld->y, item, "编号格式", ld->err))
            return false;
        const char *t = bx_yaml_text(item);
        if (*t && !strstr(t, "{cn}") && !strstr(t, "{n}"))
            return bx_layout_fail_at(ld, item, "编号格式“%s”应含 {cn} 或 {n}（或为空：不编号）", t);
        d->numbering[i + 1] = *t ? bx_layout_copy(ld, t) : NULL;
        if (*t && !d->numbering[i + 1])
            return false;
    }
    return true;
}

/* trim: true (trailing zeros dropped), false, or whole (the decimals
 * dropped when all are zeros). */
static bool parse_trim(loader *ld, const yaml_node_t *map, bx_nformat *f)
{
    yaml_node_t *t = bx_yaml_get(ld->y, map, "trim");
    if (t && t->type == YAML_SCALAR_NODE && strcmp(bx_yaml_text(t), "whole") == 0) {
        f->trim = false;
        f->whole = true;
        return true;
    }
    return bx_yaml_bool(ld->y, map, "trim", &f->trim, ld->err);
}

static bool parse_style(loader *ld, const yaml_node_t *map, bx_nstyle *s, bx_scale *unit)
{
    static const char *const keys[] = {"amounts", "percent", NULL};
    static const char *const amount_keys[] = {"grouping", "trim", "unit", "decimals", NULL};
    static const char *const percent_keys[] = {"decimals", "grouping", "base", NULL};
    if (!bx_yaml_want_map(ld->y, map, "style", ld->err) ||
        !bx_yaml_check_keys(ld->y, map, keys, ld->err))
        return false;
    yaml_node_t *a = bx_yaml_get(ld->y, map, "amounts");
    if (a && (!bx_yaml_want_map(ld->y, a, "amounts", ld->err) ||
              !bx_yaml_check_keys(ld->y, a, amount_keys, ld->err) ||
              !bx_yaml_bool(ld->y, a, "grouping", &s->amounts.grouping, ld->err) ||
              !parse_trim(ld, a, &s->amounts) ||
              !bx_layout_get_scale(ld, a, unit))) /* the sentences' own unit */
        return false;
    yaml_node_t *p = bx_yaml_get(ld->y, map, "percent");
    if (!p)
        return true;
    long decimals = s->percent_decimals;
    if (!bx_yaml_want_map(ld->y, p, "percent", ld->err) ||
        !bx_yaml_check_keys(ld->y, p, percent_keys, ld->err) ||
        !bx_yaml_int(ld->y, p, "decimals", false, 0, 4, &decimals, ld->err) ||
        !bx_yaml_bool(ld->y, p, "grouping", &s->percent_grouping, ld->err))
        return false;
    s->percent_decimals = (int)decimals;
    const char *base = bx_yaml_str(ld->y, p, "base", false, ld->err);
    if (base && strcmp(base, "shown") != 0 && strcmp(base, "exact") != 0)
        return bx_layout_fail_at(ld, bx_yaml_get(ld->y, p, "base"),
                                 "base 应为 shown（按显示数）或 exact（按精确数）");
    s->exact_base = base && strcmp(base, "exact") == 0;
    return !bx_failed(ld->err);
}

/* constants: the texts whose digits are not figures ("100万元以上"). */
static bool parse_constants(loader *ld, const yaml_node_t *seq, bx_nstyle *s)
{
    if (!bx_yaml_want_seq(ld->y, seq, "constants", ld->err))
        return false;
    size_t n = bx_yaml_len(seq);
    const char **list = bx_layout_alloc(ld, (n ? n : 1) * sizeof *list);
    if (!list)
        return false;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = bx_yaml_item(ld->y, seq, i);
        if (!bx_yaml_want_scalar(ld->y, item, "固定说法", ld->err))
            return false;
        if (!*bx_yaml_text(item))
            return bx_layout_fail_at(ld, item, "constants 中的固定说法不能为空");
        if (!(list[i] = bx_layout_copy(ld, bx_yaml_text(item))))
            return false;
    }
    s->constants = list;
    s->nconstants = (int)n;
    return true;
}

/* phrases: name → {up, down, zero, from_zero, to_zero}. */
static bool parse_phrases(loader *ld, const yaml_node_t *map, bx_nstyle *s)
{
    static const char *const keys[] = {"up", "down", "zero", "from_zero", "to_zero", NULL};
    if (!bx_yaml_want_map(ld->y, map, "phrases", ld->err))
        return false;
    size_t n = bx_yaml_len(map);
    bx_nphrases *ph = bx_layout_alloc(ld, (n ? n : 1) * sizeof *ph);
    if (!ph)
        return false;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *key, *value;
        bx_yaml_pair(ld->y, map, i, &key, &value);
        memset(&ph[i], 0, sizeof ph[i]);
        if (!bx_yaml_want_map(ld->y, value, "措辞", ld->err) ||
            !bx_yaml_check_keys(ld->y, value, keys, ld->err) ||
            !(ph[i].name = bx_layout_copy(ld, bx_yaml_text(key))) ||
            !bx_layout_get_plain(ld, value, "up", false, &ph[i].up) ||
            !bx_layout_get_plain(ld, value, "down", false, &ph[i].down) ||
            !bx_layout_get_plain(ld, value, "zero", false, &ph[i].zero) ||
            !bx_layout_get_plain(ld, value, "from_zero", false, &ph[i].from_zero) ||
            !bx_layout_get_plain(ld, value, "to_zero", false, &ph[i].to_zero))
            return false;
    }
    s->phrases = ph;
    s->nphrases = (int)n;
    return true;
}

static bool parse_compare(loader *ld, const yaml_node_t *map, bx_doc_layout *d)
{
    static const char *const keys[] = {"data", "basis", NULL};
    return bx_yaml_want_map(ld->y, map, "compare", ld->err) &&
           bx_yaml_check_keys(ld->y, map, keys, ld->err) &&
           bx_layout_get_data(ld, map, "data", true, &d->compare) &&
           bx_layout_get_plain(ld, map, "basis", true, &d->basis);
}

/* page.type.ROLE: {size: points, face: regular|bold|hei|kai}. */
static bool parse_type(loader *ld, const yaml_node_t *map, bx_text_setup *p)
{
    static const char *const roles[] = {"title", "subtitle", "contents_title", "contents",
                                        "part",  "section",  "body",           NULL};
    static const char *const keys[] = {"size", "face", NULL};
    static const char *const faces[] = {"regular", "bold", "hei", "kai"};
    if (!bx_yaml_want_map(ld->y, map, "type", ld->err) ||
        !bx_yaml_check_keys(ld->y, map, roles, ld->err))
        return false;
    for (int r = 0; r < BX_TEXT_ROLES; r++) {
        yaml_node_t *t = bx_yaml_get(ld->y, map, roles[r]);
        long size = 0;
        if (!t)
            continue;
        if (!bx_yaml_want_map(ld->y, t, roles[r], ld->err) ||
            !bx_yaml_check_keys(ld->y, t, keys, ld->err) ||
            !bx_yaml_hundredths(ld->y, t, "size", 400, 7200, &size, ld->err))
            return false;
        p->size[r] = size / 100.0;
        const char *face = bx_yaml_str(ld->y, t, "face", false, ld->err);
        for (int f = 0; face && f < 4 && !p->face[r]; f++)
            if (strcmp(face, faces[f]) == 0)
                p->face[r] = (bx_text_face)(BX_FACE_REGULAR + f);
        if (face && !p->face[r])
            return bx_layout_fail_at(ld, bx_yaml_get(ld->y, t, "face"),
                                     "face 应为 regular（宋体）、bold（宋体加粗）、hei（黑体）"
                                     "或 kai（楷体），而不是“%s”",
                                     face);
    }
    return !bx_failed(ld->err);
}

/* page: how the text pages are printed (orientation, margins in mm, the
 * body's leading in points, page numbers, parts each on a page, type). */
static bool parse_page(loader *ld, const yaml_node_t *map, bx_text_setup *p)
{
    static const char *const keys[] = {"orientation", "margins", "leading", "page_numbers",
                                       "parts",       "type",    NULL};
    long leading = 0;
    bool numbers = true;
    double margins[4] = {0};
    if (!bx_yaml_want_map(ld->y, map, "page", ld->err) ||
        !bx_yaml_check_keys(ld->y, map, keys, ld->err) ||
        !bx_yaml_hundredths(ld->y, map, "leading", 400, 10000, &leading, ld->err) ||
        !bx_yaml_bool(ld->y, map, "page_numbers", &numbers, ld->err) ||
        !bx_layout_parse_margins(ld, map, margins))
        return false;
    p->leading = leading / 100.0;
    p->no_page_numbers = !numbers;
    p->margin_top = margins[0];
    p->margin_right = margins[1];
    p->margin_bottom = margins[2];
    p->margin_left = margins[3];
    const char *o = bx_yaml_str(ld->y, map, "orientation", false, ld->err);
    if (o && strcmp(o, "portrait") != 0 && strcmp(o, "landscape") != 0)
        return bx_layout_fail_at(ld, bx_yaml_get(ld->y, map, "orientation"),
                                 "orientation 应为 portrait（纵向）或 landscape（横向）");
    p->landscape = o && o[0] == 'l';
    const char *parts = bx_yaml_str(ld->y, map, "parts", false, ld->err);
    if (parts && strcmp(parts, "page") != 0 && strcmp(parts, "flow") != 0)
        return bx_layout_fail_at(ld, bx_yaml_get(ld->y, map, "parts"),
                                 "parts 应为 page（每部分另起一页）或 flow（接排）");
    p->part_pages = parts && parts[0] == 'p';
    yaml_node_t *type = bx_yaml_get(ld->y, map, "type");
    return !bx_failed(ld->err) && (!type || parse_type(ld, type, p));
}

/* How figures print when style: does not say: grouped, trailing zeros
 * trimmed, percentages to 1 decimal, amounts in the cells' unit. */
static void default_numbers(bx_doc_layout *d)
{
    d->style.amounts = (bx_nformat){.grouping = true, .trim = true};
    d->style.percent_decimals = 1;
    d->style.percent_grouping = true;
    d->style.exact_base = false;
    d->amounts = (bx_scale){0, -1};
}

/* The defaults of a document.yaml, or the base set's document a set's own
 * starts from: each key it writes replaces the base's whole, its blocks
 * always its own. */
static void start_document(bx_doc_layout *d, const bx_doc_layout *from)
{
    if (from) {
        *d = *from; /* in the set's arena: the base's memory is the set's */
        d->blocks = NULL;
        d->nblocks = 0;
        return;
    }
    memset(d, 0, sizeof *d);
    default_numbers(d);
}

bool bx_layout_parse_document(loader *ld, const char *set_dir, const char *base_dir,
                              const bx_doc_layout *from, uint64_t *digest, bx_doc_layout **out)
{
    static const char *const keys[] = {"title",     "label", "subtitle", "numbering", "style",
                                       "phrases",   "texts", "compare",  "given",     "figures",
                                       "constants", "page",  "blocks",   NULL};
    yaml_node_t *root = bx_yaml_root(ld->y);
    bx_doc_layout *d = bx_layout_alloc(ld, sizeof *d);
    if (!d)
        return false;
    start_document(d, from);
    outline o = {ld, set_dir, base_dir, digest, d, 0, 0};
    yaml_node_t *node;
    bool ok = bx_yaml_want_map(ld->y, root, "document.yaml", ld->err) &&
              bx_yaml_check_keys(ld->y, root, keys, ld->err) &&
              bx_layout_get_template(ld, root, "title", false, &d->title) &&
              bx_layout_get_template(ld, root, "label", false, &d->label) &&
              bx_layout_get_template(ld, root, "subtitle", false, &d->subtitle) &&
              bx_layout_get_data(ld, root, "texts", false, &d->texts) &&
              bx_layout_get_data(ld, root, "given", false, &d->given) &&
              bx_layout_get_data(ld, root, "figures", false, &d->figures);
    if (ok && (node = bx_yaml_get(ld->y, root, "numbering"))) {
        memset(d->numbering, 0, sizeof d->numbering);
        ok = parse_numbering(ld, node, d);
    }
    if (ok && (node = bx_yaml_get(ld->y, root, "style"))) {
        default_numbers(d); /* the base's style replaced whole */
        ok = parse_style(ld, node, &d->style, &d->amounts);
    }
    if (ok && (node = bx_yaml_get(ld->y, root, "phrases")))
        ok = parse_phrases(ld, node, &d->style);
    if (ok && (node = bx_yaml_get(ld->y, root, "constants")))
        ok = parse_constants(ld, node, &d->style);
    if (ok && (node = bx_yaml_get(ld->y, root, "compare")))
        ok = parse_compare(ld, node, d);
    if (ok && (node = bx_yaml_get(ld->y, root, "page"))) {
        memset(&d->page, 0, sizeof d->page);
        ok = parse_page(ld, node, &d->page);
    }
    node = ok ? bx_yaml_get(ld->y, root, "blocks") : NULL;
    if (ok && !node)
        ok = bx_layout_fail_at(ld, root, "document.yaml 缺少 blocks（文档的各段）");
    ok = ok && bx_yaml_want_seq(ld->y, node, "blocks", ld->err) && parse_blocks(&o, ld, node);
    if (ok)
        *out = d;
    return ok;
}
