#include "dataset.h"

#include "yaml_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

const char *bx_dataset_template(const bx_dataset *ds)
{
    return ds->template_name;
}

const bx_dfield *bx_dataset_field(const bx_dataset *ds, const char *key)
{
    for (size_t i = 0; i < ds->nfields; i++)
        if (strcmp(ds->fields[i].key, key) == 0)
            return &ds->fields[i];
    return NULL;
}

bool bx_dataset_wants(const bx_dataset *ds, int number)
{
    if (!ds->tables)
        return true;
    for (size_t i = 0; i < ds->ntables; i++)
        if (ds->tables[i] == number)
            return true;
    return false;
}

bx_csv *bx_dataset_csv(const bx_dataset *ds, const char *data_name, bx_error *err)
{
    const char *file = data_name;
    for (size_t i = 0; i < ds->nfiles; i++)
        if (strcmp(ds->files[i].key, data_name) == 0)
            file = ds->files[i].value;
    for (size_t i = 1; i < ds->nmem; i++)
        if (strcmp(ds->mem[i].name, file) == 0) {
            char shown[1024];
            snprintf(shown, sizeof shown, "%s » %s", ds->origin, file);
            return bx_csv_parse(ds->mem[i].data, ds->mem[i].len, shown, BX_ENCODING_UTF8, err);
        }
    if (ds->origin) {
        bx_loc loc = {ds->origin, 0, 0};
        bx_fail(err, &loc, BX_ERR_DATA, "工作簿中缺少数据“%s”", file);
        return NULL;
    }
    char *path = bx_path_join(ds->dir, file, err);
    if (!path)
        return NULL;
    bx_csv *csv = bx_csv_load(path, path, ds->encoding, err);
    free(path);
    return csv;
}

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

/* "auto", "utf-8", "gb18030" (also "gbk"), any case. */
static bool encoding_named(const char *name, bx_encoding *out)
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

bx_status bx_dataset_set_encoding(bx_dataset *ds, const char *encoding, bx_error *err)
{
    if (!ds || !encoding || !encoding_named(encoding, &ds->encoding))
        return bx_fail(err, NULL, BX_ERR_USAGE, "编码“%s”无效（可用：auto、utf-8、gb18030）",
                       encoding ? encoding : "");
    return BX_OK;
}

/* ---- loading ----------------------------------------------------------- */

typedef struct dloader {
    bx_dataset *ds;
    bx_yaml *y;
    bx_error *err;
} dloader;

static bool fail_at(dloader *ld, const yaml_node_t *node, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static bool fail_at(dloader *ld, const yaml_node_t *node, const char *fmt, ...)
{
    bx_loc loc = bx_yaml_loc(ld->y, node);
    loc.file = ld->ds->yaml_name;
    va_list ap;
    va_start(ap, fmt);
    bx_vfail(ld->err, &loc, BX_ERR_DATA, fmt, ap);
    va_end(ap);
    return false;
}

static const char *copy(dloader *ld, const char *s)
{
    return bx_arena_strdup(ld->ds->arena, s, ld->err);
}

static bool get_text(dloader *ld, const yaml_node_t *map, const char *key, bool required,
                     const char **out)
{
    return bx_yaml_copy_text(ld->y, map, key, required, ld->ds->arena, out, ld->err);
}

static bool load_amounts(dloader *ld, const yaml_node_t *root)
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
    if (!bx_money_unit(unit, &ld->ds->input.unit_yuan))
        return fail_at(ld, bx_yaml_get(ld->y, a, "unit"),
                       "未知的金额单位“%s”（可用：元、千元、万元、亿元）", unit);
    long decimals = 0;
    if (!bx_yaml_int(ld->y, a, "decimals", true, 0, BX_MAX_DECIMALS, &decimals, ld->err))
        return false;
    ld->ds->input.decimals = (int)decimals;
    return true;
}

/* A mapping of text to text, into an array of located pairs. */
static bool load_pairs(dloader *ld, const yaml_node_t *root, const char *key, bx_dfield **out,
                       size_t *count)
{
    yaml_node_t *map = bx_yaml_get(ld->y, root, key);
    if (!map)
        return true;
    if (!bx_yaml_want_map(ld->y, map, key, ld->err))
        return false;
    size_t n = bx_yaml_len(map);
    bx_dfield *f = bx_arena_alloc(ld->ds->arena, (n ? n : 1) * sizeof *f, ld->err);
    if (!f)
        return false;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *k, *v;
        bx_yaml_pair(ld->y, map, i, &k, &v);
        if (!bx_yaml_is_scalar(k))
            return fail_at(ld, k, "%s 的键应为文字", key);
        if (!bx_yaml_is_scalar(v))
            return fail_at(ld, v, "%s 中“%s”的值应为文字或数字", key, bx_yaml_text(k));
        for (size_t j = 0; j < i; j++)
            if (strcmp(f[j].key, bx_yaml_text(k)) == 0)
                return fail_at(ld, k, "%s 中“%s”重复", key, bx_yaml_text(k));
        f[i].key = copy(ld, bx_yaml_text(k));
        f[i].value = copy(ld, bx_yaml_text(v));
        f[i].loc = bx_yaml_loc(ld->y, v);
        f[i].loc.file = ld->ds->yaml_name;
        if (!f[i].key || !f[i].value)
            return false;
    }
    *out = f;
    *count = n;
    return true;
}

static bool load_tables(dloader *ld, const yaml_node_t *root)
{
    yaml_node_t *seq = bx_yaml_get(ld->y, root, "tables");
    if (!seq)
        return true;
    if (!bx_yaml_want_seq(ld->y, seq, "tables", ld->err))
        return false;
    size_t n = bx_yaml_len(seq);
    if (n == 0 || n > BX_MAX_TABLES)
        return fail_at(ld, seq, "tables 应列出 1 到 %d 个表号", BX_MAX_TABLES);
    ld->ds->tables = bx_arena_alloc(ld->ds->arena, n * sizeof(int), ld->err);
    if (!ld->ds->tables)
        return false;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = bx_yaml_item(ld->y, seq, i);
        const char *t = bx_yaml_text(item);
        int64_t v;
        if (!t || bx_amount_parse(t, 0, &v) != BX_AMOUNT_OK || v < 1 || v > 999)
            return fail_at(ld, item, "tables 的每一项应为表号（1 到 999）");
        ld->ds->tables[i] = (int)v;
    }
    ld->ds->ntables = n;
    return true;
}

static bool load_misc(dloader *ld, const yaml_node_t *root)
{
    bx_dataset *ds = ld->ds;
    const char *created = NULL, *encoding = NULL;
    long year = 0;
    if (!get_text(ld, root, "template", true, &ds->template_name) ||
        !get_text(ld, root, "unit", true, &ds->unit) ||
        !bx_yaml_int(ld->y, root, "year", true, 1980, 2999, &year, ld->err) ||
        !get_text(ld, root, "title", false, &ds->title) ||
        !get_text(ld, root, "output", false, &ds->output_name) ||
        !get_text(ld, root, "created", false, &created) ||
        !get_text(ld, root, "encoding", false, &encoding))
        return false;
    ds->year = (int)year;
    ds->created = -1;
    if (created && !bx_parse_date(created, &ds->created))
        return fail_at(ld, bx_yaml_get(ld->y, root, "created"),
                       "created 应为日期，例如 2024-01-15");
    ds->encoding = BX_ENCODING_AUTO;
    if (encoding) {
        if (!encoding_named(encoding, &ds->encoding))
            return fail_at(ld, bx_yaml_get(ld->y, root, "encoding"),
                           "encoding 应为 auto、utf-8 或 gb18030");
    }
    return true;
}

/* A dataset from its parsed dataset.yaml (y is freed here). */
static bx_dataset *dataset_from(const char *dir, const char *yaml_name, bx_yaml *y, bx_error *err)
{
    bx_dataset *ds = y ? bx_calloc(1, sizeof *ds, err) : NULL;
    if (ds && !(ds->arena = bx_arena_new()))
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
    dloader ld = {ds, y, err};
    bool ok =
        ds && ds->arena && (ds->dir = copy(&ld, dir)) && (ds->yaml_name = copy(&ld, yaml_name));
    if (ok) {
        static const char *const keys[] = {"template", "unit",    "year",     "amounts",
                                           "fields",   "files",   "tables",   "title",
                                           "output",   "created", "encoding", NULL};
        yaml_node_t *root = bx_yaml_root(y);
        ok = bx_yaml_want_map(y, root, "dataset.yaml", err) &&
             bx_yaml_check_keys(y, root, keys, err) && load_misc(&ld, root) &&
             load_amounts(&ld, root) &&
             load_pairs(&ld, root, "fields", &ds->fields, &ds->nfields) &&
             load_pairs(&ld, root, "files", &ds->files, &ds->nfiles) && load_tables(&ld, root);
    }
    bx_yaml_free(y);
    if (!ok) {
        if (err && err->status == BX_ERR_LAYOUT)
            err->status = BX_ERR_DATA;
        bx_dataset_free(ds);
        return NULL;
    }
    return ds;
}

bx_dataset *bx_dataset_load(const char *dir, bx_error *err)
{
    char *path = bx_path_join(dir, "dataset.yaml", err);
    bx_dataset *ds = path ? dataset_from(dir, path, bx_yaml_load(path, path, err), err) : NULL;
    free(path);
    return ds;
}

bx_dataset *bx_dataset_parse(const char *dir, const char *data, size_t len, bx_error *err)
{
    return dataset_from(dir, "dataset.yaml", bx_yaml_parse(data, len, "dataset.yaml", err), err);
}

bx_dataset *bx_dataset_from_memory(const char *origin, const bx_mem_file *files, size_t n,
                                   bx_error *err)
{
    if (n == 0)
        return NULL;
    char shown[1024];
    snprintf(shown, sizeof shown, "%s » dataset.yaml", origin);
    bx_dataset *ds =
        dataset_from(".", shown, bx_yaml_parse(files[0].data, files[0].len, shown, err), err);
    if (!ds)
        return NULL;
    ds->mem = bx_arena_alloc(ds->arena, n * sizeof *ds->mem, err);
    ds->origin = bx_arena_strdup(ds->arena, origin, err);
    bool ok = ds->mem && ds->origin;
    for (size_t i = 0; ok && i < n; i++) {
        char *data = bx_arena_alloc(ds->arena, files[i].len + 1, err);
        const char *name = bx_arena_strdup(ds->arena, files[i].name, err);
        if ((ok = data && name)) {
            memcpy(data, files[i].data, files[i].len);
            ds->mem[i] = (bx_mem_file){name, data, files[i].len};
        }
    }
    if (!ok) {
        bx_dataset_free(ds);
        return NULL;
    }
    ds->nmem = n;
    return ds;
}

void bx_dataset_free(bx_dataset *ds)
{
    if (!ds)
        return;
    bx_arena_free(ds->arena);
    free(ds);
}
