/* The keys of dataset.yaml, once: one table says each key's name in the
 * YAML, its tag in a workbook's dataset sheet, its kind and where it goes;
 * loading, writing YAML and writing and reading the sheet's rows all walk
 * that table, so a key added here is read, written and carried alike. */
#include "dataset_meta.h"

#include "fs.h"
#include "strindex.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

typedef enum key_kind {
    KEY_TEXT,     /* const char * */
    KEY_YEAR,     /* int, 1980…2999 */
    KEY_AMOUNTS,  /* bx_scale: {unit: 万元, decimals: 2} */
    KEY_DISPLAY,  /* bx_dataset_display: {decimals: 0, zero: show} */
    KEY_DATE,     /* long long, "YYYY-MM-DD" */
    KEY_TABLES,   /* int *, size_t: [1, 2, 5] */
    KEY_PAIRS,    /* bx_dfield *, size_t: a mapping of texts, one row per pair */
    KEY_ENCODING, /* bx_encoding */
    KEY_COUNT     /* int, 1…10000 */
} key_kind;

typedef struct meta_key {
    const char *yaml; /* its key in dataset.yaml; NULL: only a workbook's copy has it */
    const char *tag;  /* the tag of its rows in the dataset sheet; NULL: not carried */
    key_kind kind;
    bool required; /* in dataset.yaml (a workbook's copy always has these too) */
    size_t at;     /* offsetof the member of bx_dataset_meta */
    size_t count;  /* KEY_TABLES, KEY_PAIRS: offsetof the number of items */
    size_t cap;    /* KEY_PAIRS: offsetof the room for items (read back) */
} meta_key;

#define AT(member) offsetof(bx_dataset_meta, member)

/* In the order YAML is written and a workbook's rows are. */
static const meta_key schema[] = {
    {"template", "template", KEY_TEXT, true, AT(template_name), 0, 0},
    {NULL, "layout", KEY_TEXT, false, AT(layout_version), 0, 0},
    {"unit", "unit", KEY_TEXT, true, AT(unit), 0, 0},
    {"year", "year", KEY_YEAR, true, AT(year), 0, 0},
    {"amounts", "amounts", KEY_AMOUNTS, true, AT(input), 0, 0},
    {"display", "display", KEY_DISPLAY, false, AT(display), 0, 0},
    {NULL, "blank", KEY_COUNT, false, AT(blank_rows), 0, 0},
    {"title", "title", KEY_TEXT, false, AT(title), 0, 0},
    {"output", "output", KEY_TEXT, false, AT(output_name), 0, 0},
    {"document", "document", KEY_TEXT, false, AT(document), 0, 0},
    {"created", "created", KEY_DATE, false, AT(created), 0, 0},
    {"tables", "tables", KEY_TABLES, false, AT(tables), AT(ntables), 0},
    {"fields", "field", KEY_PAIRS, false, AT(fields), AT(nfields), AT(cap_fields)},
    {"files", "file", KEY_PAIRS, false, AT(files), AT(nfiles), AT(cap_files)},
    {"printed", "printed", KEY_PAIRS, false, AT(printed), AT(nprinted), AT(cap_printed)},
    {"constants", "constant", KEY_PAIRS, false, AT(constants), AT(nconstants), AT(cap_constants)},
    {"encoding", NULL, KEY_ENCODING, false, AT(encoding), 0, 0},
};
enum { NKEYS = sizeof schema / sizeof schema[0] };

static void *member(const bx_dataset_meta *m, size_t at)
{
    return (char *)m + at;
}

void bx_meta_init(bx_dataset_meta *m)
{
    memset(m, 0, sizeof *m);
    m->created = -1;
    m->encoding = BX_ENCODING_AUTO;
    m->display.decimals = -1;
}

/* ---- values ------------------------------------------------------------ */

static long long days_from_civil(long long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

bool bx_parse_date(const char *s, long long *out)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    int v[3] = {0, 0, 0};
    const int at[3] = {0, 5, 8}, len[3] = {4, 2, 2};
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < len[k]; i++) {
            char c = s[at[k] + i];
            if (c < '0' || c > '9')
                return false;
            v[k] = v[k] * 10 + (c - '0');
        }
    }
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (v[0] < 1980 || v[0] > 2999 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > mdays[v[1] - 1])
        return false;
    bool leap = (v[0] % 4 == 0 && v[0] % 100 != 0) || v[0] % 400 == 0;
    if (v[1] == 2 && v[2] == 29 && !leap)
        return false;
    *out = days_from_civil(v[0], (unsigned)v[1], (unsigned)v[2]) * 86400LL;
    return true;
}

void bx_format_date(long long t, char *buf, size_t size)
{
    time_t when = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&when, &tm) || !strftime(buf, size, "%Y-%m-%d", &tm))
        snprintf(buf, size, "%s", "");
}

bool bx_encoding_named(const char *name, bx_encoding *out)
{
    if (strcasecmp(name, "auto") == 0)
        *out = BX_ENCODING_AUTO;
    else if (strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0)
        *out = BX_ENCODING_UTF8;
    else if (strcasecmp(name, "gb18030") == 0 || strcasecmp(name, "gbk") == 0 ||
             strcasecmp(name, "gb2312") == 0)
        *out = BX_ENCODING_GB18030;
    else
        return false;
    return true;
}

/* A whole number in [lo, hi], as dataset.yaml and the sheet write them. */
static bool whole_number(const char *s, long lo, long hi, long *out)
{
    int64_t v;
    if (!s || bx_amount_parse(s, 0, &v) != BX_AMOUNT_OK || strchr(s, ',') || v < lo || v > hi)
        return false;
    *out = (long)v;
    return true;
}

/* ---- dataset.yaml in --------------------------------------------------- */

typedef struct loader {
    bx_dataset_meta *m;
    bx_yaml *y;
    const char *file;
    bx_arena *arena;
    bx_error *err;
} loader;

static bool fail_at(loader *ld, const yaml_node_t *node, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static bool fail_at(loader *ld, const yaml_node_t *node, const char *fmt, ...)
{
    bx_loc loc = bx_yaml_loc(ld->y, node);
    loc.file = ld->file;
    va_list ap;
    va_start(ap, fmt);
    bx_vfail(ld->err, &loc, BX_ERR_DATA, fmt, ap);
    va_end(ap);
    return false;
}

static bool load_amounts(loader *ld, const yaml_node_t *root, bx_scale *out)
{
    yaml_node_t *a = bx_yaml_get(ld->y, root, "amounts");
    if (!a)
        return fail_at(ld, root, "缺少 amounts（金额单位 unit 和小数位数 decimals）");
    static const char *const keys[] = {"unit", "decimals", NULL};
    if (!bx_yaml_want_map(ld->y, a, "amounts", ld->err) ||
        !bx_yaml_check_keys(ld->y, a, keys, ld->err))
        return false;
    const char *unit = bx_yaml_str(ld->y, a, "unit", true, ld->err);
    if (!unit)
        return false;
    if (!bx_money_unit(unit, &out->unit_yuan))
        return fail_at(ld, bx_yaml_get(ld->y, a, "unit"),
                       "未知的金额单位“%s”（可用：元、千元、万元、亿元）", unit);
    long decimals = 0;
    if (!bx_yaml_int(ld->y, a, "decimals", true, 0, BX_MAX_DECIMALS, &decimals, ld->err))
        return false;
    out->decimals = (int)decimals;
    return true;
}

static bool zero_named(const char *text, bx_zero_display *zero)
{
    if (strcmp(text, "show") != 0 && strcmp(text, "blank") != 0)
        return false;
    *zero = text[0] == 's' ? BX_ZERO_SHOW : BX_ZERO_BLANK;
    return true;
}

static const char *zero_name(bx_zero_display zero)
{
    return zero == BX_ZERO_SHOW ? "show" : zero == BX_ZERO_BLANK ? "blank" : "";
}

static bool load_display(loader *ld, const yaml_node_t *root, bx_dataset_display *out)
{
    yaml_node_t *d = bx_yaml_get(ld->y, root, "display");
    if (!d)
        return true;
    static const char *const keys[] = {"decimals", "zero", NULL};
    if (!bx_yaml_want_map(ld->y, d, "display", ld->err) ||
        !bx_yaml_check_keys(ld->y, d, keys, ld->err))
        return false;
    long decimals = -1;
    if (!bx_yaml_int(ld->y, d, "decimals", false, 0, BX_MAX_DECIMALS, &decimals, ld->err))
        return false;
    out->decimals = (int)decimals;
    const char *zero = bx_yaml_str(ld->y, d, "zero", false, ld->err);
    if (zero && !zero_named(zero, &out->zero))
        return fail_at(ld, bx_yaml_get(ld->y, d, "zero"),
                       "zero 应为 show（显示 0.00）或 blank（留空），而不是“%s”", zero);
    return !bx_failed(ld->err);
}

/* A mapping of text to text, into an array of located pairs. */
static bool load_pairs(loader *ld, const yaml_node_t *map, const char *key, bx_dfield **out,
                       size_t *count)
{
    if (!bx_yaml_want_map(ld->y, map, key, ld->err))
        return false;
    size_t n = bx_yaml_len(map);
    bx_dfield *f = bx_arena_alloc(ld->arena, (n ? n : 1) * sizeof *f, ld->err);
    bx_strindex seen; /* the keys so far: a duplicate found in constant time */
    if (!f || !bx_strindex_init(&seen, n, ld->err))
        return false;
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        yaml_node_t *k, *v;
        bx_yaml_pair(ld->y, map, i, &k, &v);
        const char *text = bx_yaml_text(k);
        if (!bx_yaml_is_scalar(k))
            ok = fail_at(ld, k, "%s 的键应为文字", key);
        else if (!bx_yaml_is_scalar(v))
            ok = fail_at(ld, v, "%s 中“%s”的值应为文字或数字", key, text);
        else if (!(f[i].key = bx_arena_strdup(ld->arena, text, ld->err)) ||
                 !(f[i].value = bx_arena_strdup(ld->arena, bx_yaml_text(v), ld->err)))
            ok = false;
        else if (bx_strindex_put(&seen, f[i].key, strlen(f[i].key), (int)i, ld->err) != (int)i)
            ok = bx_failed(ld->err) ? false : fail_at(ld, k, "%s 中“%s”重复", key, text);
        f[i].loc = bx_yaml_loc(ld->y, v);
        f[i].loc.file = ld->file;
    }
    bx_strindex_free(&seen);
    if (!ok)
        return false;
    *out = f;
    *count = n;
    return true;
}

/* files: names a file of the dataset's folder for a table's data, and
 * nothing outside it. */
static bool check_files(loader *ld, const yaml_node_t *map)
{
    for (size_t i = 0; i < ld->m->nfiles; i++)
        if (!bx_path_stays_inside(ld->m->files[i].value)) {
            yaml_node_t *k, *v;
            bx_yaml_pair(ld->y, map, i, &k, &v);
            return fail_at(ld, v,
                           "files 中“%s”应为数据文件夹中的文件名（不能是绝对路径，也不能含有“..”）",
                           ld->m->files[i].value);
        }
    return true;
}

static bool load_tables(loader *ld, const yaml_node_t *seq, int **out, size_t *count)
{
    if (!bx_yaml_want_seq(ld->y, seq, "tables", ld->err))
        return false;
    size_t n = bx_yaml_len(seq);
    if (n == 0 || n > BX_MAX_TABLES)
        return fail_at(ld, seq, "tables 应列出 1 到 %d 个表号", BX_MAX_TABLES);
    int *tables = bx_arena_alloc(ld->arena, n * sizeof(int), ld->err);
    if (!tables)
        return false;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = bx_yaml_item(ld->y, seq, i);
        long v;
        if (!whole_number(bx_yaml_text(item), 1, 999, &v))
            return fail_at(ld, item, "tables 的每一项应为表号（1 到 999）");
        tables[i] = (int)v;
    }
    *out = tables;
    *count = n;
    return true;
}

static bool load_key(loader *ld, const yaml_node_t *root, const meta_key *k)
{
    void *to = member(ld->m, k->at);
    yaml_node_t *node = bx_yaml_get(ld->y, root, k->yaml);
    const char *text = NULL;
    switch (k->kind) {
    case KEY_TEXT:
        return bx_yaml_copy_text(ld->y, root, k->yaml, k->required, ld->arena, to, ld->err);
    case KEY_YEAR: {
        long year = 0;
        if (!bx_yaml_int(ld->y, root, k->yaml, k->required, 1980, 2999, &year, ld->err))
            return false;
        *(int *)to = (int)year;
        return true;
    }
    case KEY_AMOUNTS: return load_amounts(ld, root, to);
    case KEY_DISPLAY: return load_display(ld, root, to);
    case KEY_DATE:
        if (!bx_yaml_copy_text(ld->y, root, k->yaml, false, ld->arena, &text, ld->err))
            return false;
        if (text && !bx_parse_date(text, to))
            return fail_at(ld, node, "created 应为日期，例如 2024-01-15");
        return true;
    case KEY_ENCODING:
        if (!bx_yaml_copy_text(ld->y, root, k->yaml, false, ld->arena, &text, ld->err))
            return false;
        if (text && !bx_encoding_named(text, to))
            return fail_at(ld, node, "encoding 应为 auto、utf-8 或 gb18030");
        return true;
    case KEY_TABLES: return !node || load_tables(ld, node, to, member(ld->m, k->count));
    case KEY_PAIRS:
        return !node || (load_pairs(ld, node, k->yaml, to, member(ld->m, k->count)) &&
                         (k->at != AT(files) || check_files(ld, node)));
    case KEY_COUNT: return true;
    }
    return true;
}

bool bx_meta_load(bx_dataset_meta *m, bx_yaml *y, const char *file, bx_arena *arena, bx_error *err)
{
    const char *allowed[NKEYS + 1];
    int n = 0;
    for (int i = 0; i < NKEYS; i++)
        if (schema[i].yaml)
            allowed[n++] = schema[i].yaml;
    allowed[n] = NULL;
    yaml_node_t *root = bx_yaml_root(y);
    if (!bx_yaml_want_map(y, root, "dataset.yaml", err) ||
        !bx_yaml_check_keys(y, root, allowed, err))
        return false;
    bx_meta_init(m);
    loader ld = {m, y, file, arena, err};
    for (int i = 0; i < NKEYS; i++)
        if (schema[i].yaml && !load_key(&ld, root, &schema[i]))
            return false;
    return true;
}

/* ---- the texts of a key ------------------------------------------------ */

/* What one key holds, as texts: the values of one row of the dataset
 * sheet (a list of pairs makes one row per pair, i = the pair). */
typedef struct key_texts {
    const char *v[BX_MAX_TABLES];
    char buf[BX_MAX_TABLES][16];
    int n;
} key_texts;

/* Rows the key makes: 0 when it is not given. */
static size_t key_rows(const bx_dataset_meta *m, const meta_key *k)
{
    const void *from = member(m, k->at);
    switch (k->kind) {
    case KEY_TEXT: return *(const char *const *)from || k->required ? 1 : 0;
    case KEY_YEAR:
    case KEY_AMOUNTS: return 1;
    case KEY_DISPLAY: {
        const bx_dataset_display *d = from;
        return d->decimals >= 0 || d->zero != BX_ZERO_UNSET;
    }
    case KEY_DATE: return *(const long long *)from >= 0;
    case KEY_TABLES: return *(int *const *)from ? 1 : 0;
    case KEY_PAIRS: return *(const size_t *)member(m, k->count);
    case KEY_COUNT: return *(const int *)from > 0;
    case KEY_ENCODING: return 0;
    }
    return 0;
}

static void key_row(const bx_dataset_meta *m, const meta_key *k, size_t i, key_texts *t)
{
    const void *from = member(m, k->at);
    t->n = 1;
    switch (k->kind) {
    case KEY_TEXT: t->v[0] = *(const char *const *)from; break;
    case KEY_YEAR:
    case KEY_COUNT:
        snprintf(t->buf[0], sizeof t->buf[0], "%d", *(const int *)from);
        t->v[0] = t->buf[0];
        break;
    case KEY_AMOUNTS:
        t->v[0] = bx_money_unit_name(((const bx_scale *)from)->unit_yuan);
        snprintf(t->buf[1], sizeof t->buf[1], "%d", ((const bx_scale *)from)->decimals);
        t->v[1] = t->buf[1];
        t->n = 2;
        break;
    case KEY_DISPLAY: {
        const bx_dataset_display *d = from;
        if (d->decimals >= 0)
            snprintf(t->buf[0], sizeof t->buf[0], "%d", d->decimals);
        else
            t->buf[0][0] = '\0';
        t->v[0] = t->buf[0];
        t->v[1] = zero_name(d->zero);
        t->n = 2;
        break;
    }
    case KEY_DATE:
        bx_format_date(*(const long long *)from, t->buf[0], sizeof t->buf[0]);
        t->v[0] = t->buf[0];
        break;
    case KEY_TABLES: {
        size_t n = *(const size_t *)member(m, k->count);
        t->n = (int)(n < BX_MAX_TABLES ? n : BX_MAX_TABLES);
        for (int j = 0; j < t->n; j++) {
            snprintf(t->buf[j], sizeof t->buf[j], "%d", (*(int *const *)from)[j]);
            t->v[j] = t->buf[j];
        }
        break;
    }
    case KEY_PAIRS: {
        const bx_dfield *p = &(*(bx_dfield *const *)from)[i];
        t->v[0] = p->key;
        t->v[1] = p->value;
        t->n = 2;
        break;
    }
    case KEY_ENCODING: t->n = 0; break;
    }
}

/* ---- dataset.yaml out -------------------------------------------------- */

typedef struct emitter {
    yaml_emitter_t e;
    bool ok;
} emitter;

static int to_strbuf(void *data, unsigned char *buffer, size_t size)
{
    return bx_strbuf_append(data, (const char *)buffer, size);
}

static void emit(emitter *em, yaml_event_t *ev)
{
    if (em->ok)
        em->ok = yaml_emitter_emit(&em->e, ev) != 0;
    else
        yaml_event_delete(ev);
}

static void scalar(emitter *em, const char *text)
{
    yaml_event_t ev;
    /* literal blocks keep the line ends of long texts readable */
    yaml_scalar_style_t style =
        strchr(text, '\n') ? YAML_LITERAL_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE;
    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)text, (int)strlen(text), 1, 1,
                                 style);
    emit(em, &ev);
}

static void mapping(emitter *em, bool start)
{
    yaml_event_t ev;
    if (start)
        yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
    else
        yaml_mapping_end_event_initialize(&ev);
    emit(em, &ev);
}

static void sequence(emitter *em, bool start)
{
    yaml_event_t ev;
    if (start)
        yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_FLOW_SEQUENCE_STYLE);
    else
        yaml_sequence_end_event_initialize(&ev);
    emit(em, &ev);
}

static void emit_key(emitter *em, const bx_dataset_meta *m, const meta_key *k)
{
    size_t rows = key_rows(m, k);
    if (!k->yaml || rows == 0)
        return;
    key_texts t;
    key_row(m, k, 0, &t);
    scalar(em, k->yaml);
    switch (k->kind) {
    case KEY_AMOUNTS:
        mapping(em, true);
        scalar(em, "unit");
        scalar(em, t.v[0]);
        scalar(em, "decimals");
        scalar(em, t.v[1]);
        mapping(em, false);
        return;
    case KEY_DISPLAY:
        mapping(em, true);
        if (t.v[0][0]) {
            scalar(em, "decimals");
            scalar(em, t.v[0]);
        }
        if (t.v[1][0]) {
            scalar(em, "zero");
            scalar(em, t.v[1]);
        }
        mapping(em, false);
        return;
    case KEY_TABLES:
        sequence(em, true);
        for (int j = 0; j < t.n; j++)
            scalar(em, t.v[j]);
        sequence(em, false);
        return;
    case KEY_PAIRS:
        mapping(em, true);
        for (size_t i = 0; i < rows; i++) {
            key_row(m, k, i, &t);
            scalar(em, t.v[0]);
            scalar(em, t.v[1]);
        }
        mapping(em, false);
        return;
    case KEY_TEXT:
    case KEY_YEAR:
    case KEY_DATE:
    case KEY_COUNT:
    case KEY_ENCODING: scalar(em, t.v[0] ? t.v[0] : ""); return;
    }
}

bool bx_meta_yaml(const bx_dataset_meta *m, bx_strbuf *out, bx_error *err)
{
    emitter em = {.ok = true};
    if (!yaml_emitter_initialize(&em.e))
        return bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    yaml_emitter_set_output(&em.e, to_strbuf, out);
    yaml_emitter_set_unicode(&em.e, 1);
    yaml_emitter_set_width(&em.e, -1);
    bx_strbuf_puts(out, "# Read back from a workbook by budgetx.\n");
    yaml_event_t ev;
    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
    emit(&em, &ev);
    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
    emit(&em, &ev);
    mapping(&em, true);
    for (int i = 0; i < NKEYS; i++)
        emit_key(&em, m, &schema[i]);
    mapping(&em, false);
    yaml_document_end_event_initialize(&ev, 1);
    emit(&em, &ev);
    yaml_stream_end_event_initialize(&ev);
    emit(&em, &ev);
    bool ok = em.ok && !out->failed;
    yaml_emitter_delete(&em.e);
    if (!ok)
        bx_fail(err, NULL, BX_ERR_DATA, "无法写出 dataset.yaml");
    return ok;
}

/* ---- a workbook's rows ------------------------------------------------- */

bool bx_meta_rows(const bx_dataset_meta *m, bx_meta_put put, void *ctx, bx_error *err)
{
    for (int i = 0; i < NKEYS; i++) {
        const meta_key *k = &schema[i];
        size_t rows = k->tag ? key_rows(m, k) : 0;
        for (size_t r = 0; r < rows; r++) {
            key_texts t;
            key_row(m, k, r, &t);
            if (!put(ctx, k->tag, t.v, t.n, err))
                return false;
        }
    }
    return true;
}

static const char *text_at(const char *const *texts, int n, int i)
{
    return i < n && texts[i] ? texts[i] : "";
}

/* One more pair on a list grown in the arena: by doubling its room, so
 * that a workbook's 30,000 field rows cost as many copies, not 30,000². */
static bool add_pair(bx_dfield **list, size_t *n, size_t *cap, const char *key, const char *value,
                     bx_arena *arena, bx_error *err)
{
    if (*n == *cap) {
        size_t room = *cap ? *cap * 2 : 16;
        bx_dfield *grown = bx_arena_alloc(arena, room * sizeof *grown, err);
        if (!grown)
            return false;
        if (*n)
            memcpy(grown, *list, *n * sizeof *grown);
        *list = grown;
        *cap = room;
    }
    (*list)[*n] = (bx_dfield){key, value, {NULL, 0, 0}};
    (*n)++;
    return true;
}

static bool read_key(bx_dataset_meta *m, const meta_key *k, const char *const *texts, int n,
                     bx_arena *arena, bx_error *err)
{
    void *to = member(m, k->at);
    const char *first = text_at(texts, n, 0);
    long v;
    switch (k->kind) {
    case KEY_TEXT: *(const char **)to = first; return true;
    case KEY_YEAR:
        if (!whole_number(first, 1980, 2999, &v))
            return false;
        *(int *)to = (int)v;
        return true;
    case KEY_COUNT:
        if (!whole_number(first, 1, 10000, &v))
            return false;
        *(int *)to = (int)v;
        return true;
    case KEY_AMOUNTS: {
        bx_scale *sc = to;
        if (!bx_money_unit(first, &sc->unit_yuan) ||
            !whole_number(text_at(texts, n, 1), 0, BX_MAX_DECIMALS, &v))
            return false;
        sc->decimals = (int)v;
        return true;
    }
    case KEY_DISPLAY: {
        bx_dataset_display *d = to;
        const char *zero = text_at(texts, n, 1);
        if (*first && !whole_number(first, 0, BX_MAX_DECIMALS, &v))
            return false;
        d->decimals = *first ? (int)v : -1;
        return !*zero || zero_named(zero, &d->zero);
    }
    case KEY_DATE: return bx_parse_date(first, to);
    case KEY_TABLES: {
        if (n < 1 || n > BX_MAX_TABLES)
            return false;
        int *tables = bx_arena_alloc(arena, (size_t)n * sizeof(int), err);
        if (!tables)
            return false;
        for (int i = 0; i < n; i++) {
            if (!whole_number(text_at(texts, n, i), 1, 999, &v))
                return false;
            tables[i] = (int)v;
        }
        *(int **)to = tables;
        *(size_t *)member(m, k->count) = (size_t)n;
        return true;
    }
    case KEY_PAIRS:
        return add_pair(to, member(m, k->count), member(m, k->cap), first, text_at(texts, n, 1),
                        arena, err);
    case KEY_ENCODING: return false;
    }
    return false;
}

bool bx_meta_row(bx_dataset_meta *m, const char *tag, const char *const *texts, int n,
                 bx_arena *arena, bx_error *err)
{
    for (int i = 0; i < NKEYS; i++)
        if (schema[i].tag && strcmp(schema[i].tag, tag) == 0)
            return read_key(m, &schema[i], texts, n, arena, err);
    return false;
}

bool bx_meta_complete(const bx_dataset_meta *m)
{
    return m->template_name && m->unit && m->year && m->input.unit_yuan;
}
