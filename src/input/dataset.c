#include "dataset.h"

#include "yaml_doc.h"
#include "csv_read.h"
#include "fs.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *bx_dataset_template(const bx_dataset *ds)
{
    return ds->meta.template_name;
}

const bx_dfield *bx_dataset_field(const bx_dataset *ds, const char *key)
{
    for (size_t i = 0; i < ds->meta.nfields; i++)
        if (strcmp(ds->meta.fields[i].key, key) == 0)
            return &ds->meta.fields[i];
    return NULL;
}

bool bx_dataset_wants(const bx_dataset *ds, int number)
{
    if (!ds->meta.tables)
        return true;
    for (size_t i = 0; i < ds->meta.ntables; i++)
        if (ds->meta.tables[i] == number)
            return true;
    return false;
}

bx_csv *bx_dataset_csv(const bx_dataset *ds, const char *data_name, bx_error *err)
{
    bx_error local_err; /* err may be NULL */
    err = bx_error_or(err, &local_err);
    const char *file = data_name;
    for (size_t i = 0; i < ds->meta.nfiles; i++)
        if (strcmp(ds->meta.files[i].key, data_name) == 0)
            file = ds->meta.files[i].value;
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
    /* the names were checked when loaded (files: here, data: in the layout
     * loader); a symbolic link may still lead out of the folder */
    char *path = bx_path_join(ds->dir, file, err);
    bool inside = true;
    if (!path || !bx_path_within(ds->dir, path, &inside, err)) {
        free(path);
        return NULL;
    }
    bx_csv *csv = NULL;
    if (!inside) {
        bx_loc loc = {path, 0, 0};
        bx_fail(err, &loc, BX_ERR_DATA, "这个文件（符号链接）指向数据文件夹以外，不能读取");
    } else {
        csv = bx_csv_load(path, path, ds->meta.encoding, err);
    }
    free(path);
    return csv;
}

bx_status bx_dataset_set_encoding(bx_dataset *ds, const char *encoding, bx_error *err)
{
    if (!ds || !encoding || !bx_encoding_named(encoding, &ds->meta.encoding))
        return bx_fail(err, NULL, BX_ERR_USAGE, "编码“%s”无效（可用：auto、utf-8、gb18030）",
                       encoding ? encoding : "");
    return BX_OK;
}

/* A dataset from its parsed dataset.yaml (y is freed here). */
static bx_dataset *dataset_from(const char *dir, const char *yaml_name, bx_yaml *y, bx_error *err)
{
    bx_dataset *ds = y ? bx_calloc(1, sizeof *ds, err) : NULL;
    if (ds && !(ds->arena = bx_arena_new()))
        bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足");
    bool ok = ds && ds->arena && (ds->dir = bx_arena_strdup(ds->arena, dir, err)) &&
              (ds->yaml_name = bx_arena_strdup(ds->arena, yaml_name, err)) &&
              bx_meta_load(&ds->meta, y, ds->yaml_name, ds->arena, err);
    bx_yaml_free(y);
    if (!ok) {
        if (err && err->status == BX_ERR_LAYOUT)
            err->status = BX_ERR_DATA;
        bx_dataset_free(ds);
        return NULL;
    }
    return ds;
}

/* A file given where a dataset folder is expected: what it is, and what to
 * give instead. */
static bx_status not_a_folder(const char *path, bx_error *err)
{
    bx_loc loc = {path, 0, 0};
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
    if (strcmp(base, "dataset.yaml") == 0)
        return bx_fail(err, &loc, BX_ERR_IO,
                       "这是数据集的 dataset.yaml 文件：请给出它所在的文件夹（数据目录）");
    if (bx_path_has_extension(base, ".pdf"))
        return bx_fail(err, &loc, BX_ERR_IO,
                       "这是 PDF 文件：budgetx 读入数据目录（其中有 dataset.yaml）或工作簿"
                       "（.xlsx、.xls），PDF 是它写出的结果");
    if (bx_path_has_extension(base, ".csv"))
        return bx_fail(
            err, &loc, BX_ERR_IO,
            "这是一个 CSV 文件：请给出它所在的数据目录（其中有 dataset.yaml 和各表的 CSV）");
    if (bx_path_has_extension(base, ".xlsm") || bx_path_has_extension(base, ".xlsb") ||
        bx_path_has_extension(base, ".ods") || bx_path_has_extension(base, ".et") ||
        bx_path_has_extension(base, ".wps") || bx_path_has_extension(base, ".numbers"))
        return bx_fail(err, &loc, BX_ERR_IO,
                       "不支持这种工作簿：请在 Excel 或 WPS 中另存为 .xlsx（Excel 工作簿）");
    return bx_fail(err, &loc, BX_ERR_IO, "不是数据目录，也不是工作簿（.xlsx、.xls）");
}

/* A folder without dataset.yaml: perhaps the folder of many datasets. */
static bx_status no_dataset_yaml(const char *dir, bx_error *err)
{
    bx_loc loc = {dir, 0, 0};
    char first[256] = "";
    int found = 0, seen = 0;
    DIR *d = opendir(dir);
    /* a look for a hint only: a folder of a million files is not read through */
    for (struct dirent *e; d && seen++ < 10000 && (e = readdir(d));) {
        char inner[4096];
        struct stat st;
        if (e->d_name[0] == '.' ||
            snprintf(inner, sizeof inner, "%s/%s/dataset.yaml", dir, e->d_name) >=
                (int)sizeof inner ||
            stat(inner, &st) != 0)
            continue;
        if (!found++ || strcmp(e->d_name, first) < 0) /* the same one whatever the order */
            snprintf(first, sizeof first, "%s", e->d_name);
    }
    if (d)
        closedir(d);
    if (found)
        return bx_fail(
            err, &loc, BX_ERR_IO,
            "文件夹中没有 dataset.yaml，不是数据目录；其中的 %d 个子目录（如 %s）是数据目录："
            "逐个给出，或一次给出全部（%s/*/）",
            found, first, dir);
    return bx_fail(
        err, &loc, BX_ERR_IO,
        "文件夹中没有 dataset.yaml，不是数据目录（数据目录中有 dataset.yaml 和各表的 CSV）");
}

/* Whether dir is a dataset folder; if not, err says what it is. */
static bool dataset_folder(const char *dir, bx_error *err)
{
    bx_loc loc = {dir, 0, 0};
    struct stat st;
    if (stat(dir, &st) != 0)
        return bx_fail(err, &loc, BX_ERR_IO, "%s：%s",
                       errno == ENOENT ? "找不到数据目录" : "无法打开数据目录",
                       errno == ENOENT ? "路径不存在" : bx_read_error_text(errno)) == BX_OK;
    if (!S_ISDIR(st.st_mode))
        return not_a_folder(dir, err) == BX_OK;
    char yaml[4096];
    if (snprintf(yaml, sizeof yaml, "%s/dataset.yaml", dir) < (int)sizeof yaml &&
        stat(yaml, &st) != 0 && errno == ENOENT)
        return no_dataset_yaml(dir, err) == BX_OK;
    return true;
}

/* dataset.yaml as UTF-8: saved in UTF-8 or GB18030 (GBK) alike. */
static bx_yaml *load_dataset_yaml(const char *path, bx_error *err)
{
    size_t len, ulen;
    const char *used;
    char *data = bx_read_file(path, &len, err);
    char *text =
        data ? bx_text_to_utf8(data, len, path, BX_ENCODING_AUTO, &used, &ulen, err) : NULL;
    free(data);
    bx_yaml *y = text ? bx_yaml_parse(text, ulen, path, err) : NULL;
    free(text);
    return y;
}

bx_dataset *bx_dataset_load(const char *dir, bx_error *err)
{
    bx_error local_err; /* err may be NULL */
    err = bx_error_or(err, &local_err);
    if (!dataset_folder(dir, err))
        return NULL;
    char *path = bx_path_join(dir, "dataset.yaml", err);
    bx_dataset *ds = path ? dataset_from(dir, path, load_dataset_yaml(path, err), err) : NULL;
    free(path);
    return ds;
}

bx_dataset *bx_dataset_parse(const char *dir, const char *data, size_t len, bx_error *err)
{
    bx_error local_err; /* err may be NULL */
    err = bx_error_or(err, &local_err);
    return dataset_from(dir, "dataset.yaml", bx_yaml_parse(data, len, "dataset.yaml", err), err);
}

bx_dataset *bx_dataset_from_memory(const char *origin, const bx_mem_file *files, size_t n,
                                   bx_error *err)
{
    bx_error local_err; /* err may be NULL */
    err = bx_error_or(err, &local_err);
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
