/* The one-shot call behind `budgetx render`, built from the public pieces. */
#include "common.h"
#include "dataset.h"
#include "model.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* mkdir -p */
static bool make_dirs(const char *dir, bx_error *err)
{
    char *path = bx_strdup(dir, err);
    if (!path)
        return false;
    bool ok = true;
    for (char *p = path + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        struct stat st;
        if (stat(path, &st) != 0) {
            if (mkdir(path, 0777) != 0 && errno != EEXIST) {
                bx_loc loc = {path, 0, 0};
                bx_fail(err, &loc, BX_ERR_IO, "无法创建输出目录：%s", strerror(errno));
                ok = false;
                break;
            }
        } else if (!S_ISDIR(st.st_mode)) {
            bx_loc loc = {path, 0, 0};
            bx_fail(err, &loc, BX_ERR_IO, "输出位置不是目录");
            ok = false;
            break;
        }
        *p = saved;
        if (!saved)
            break;
    }
    free(path);
    return ok;
}

/* The base name of the outputs: the dataset's `output`, else the dataset
 * folder's name; characters that cannot be in a file name become '_'. */
static char *output_base(const bx_dataset *ds, const char *dataset_dir, bx_error *err)
{
    const char *name = ds->output_name;
    char folder[512];
    if (!name) {
        size_t n = strlen(dataset_dir);
        while (n > 1 && dataset_dir[n - 1] == '/')
            n--;
        size_t start = n;
        while (start > 0 && dataset_dir[start - 1] != '/')
            start--;
        snprintf(folder, sizeof folder, "%.*s", (int)(n - start), dataset_dir + start);
        name = folder;
    }
    char *base = bx_strdup(name, err);
    if (!base)
        return NULL;
    for (char *p = base; *p; p++)
        if (*p == '/' || *p == '\\' || (unsigned char)*p < 0x20)
            *p = '_';
    if (base[0] == '.' || base[0] == '\0') {
        free(base);
        base = bx_strdup("budget", err);
    }
    return base;
}

/* An output must not land on a file the run reads (a symlink, a name that
 * happens to match): that would destroy the data it was made from. */
static bool over_an_input(const bx_model *m, const char *path, bx_error *err)
{
    struct stat out;
    if (stat(path, &out) != 0)
        return false;
    for (int i = 0; i < m->ninputs; i++) {
        struct stat in;
        if (stat(m->inputs[i], &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
            bx_loc loc = {path, 0, 0};
            bx_fail(err, &loc, BX_ERR_USAGE, "不能写在输入文件 %s 上", m->inputs[i]);
            return true;
        }
    }
    return false;
}

bx_status bx_render(const char *dataset_dir, const char *out_dir, const bx_render_options *options,
                    bx_error *err)
{
    bx_error local;
    if (!err) {
        bx_error_clear(&local);
        err = &local;
    }
    if (!dataset_dir || !out_dir)
        return bx_fail(err, NULL, BX_ERR_USAGE, "bx_render: 缺少数据目录或输出目录");
    static const char *const default_formats[] = {"xlsx", NULL};
    const char *const *formats = options && options->formats ? options->formats : default_formats;
    for (const char *const *f = formats; *f; f++)
        if (!bx_format_extension(*f))
            return bx_fail(err, NULL, BX_ERR_UNSUPPORTED, "未知的输出格式“%s”", *f);

    bx_dataset *ds = bx_dataset_load(dataset_dir, err);
    if (ds && options && options->encoding &&
        bx_dataset_set_encoding(ds, options->encoding, err) != BX_OK) {
        bx_dataset_free(ds);
        ds = NULL;
    }
    bx_layout_set *set =
        ds ? bx_layout_set_find(ds->template_name, options ? options->layout_dirs : NULL, err)
           : NULL;
    bx_model *model = set ? bx_model_resolve(set, ds, err) : NULL;
    bx_findings *findings = model ? bx_model_validate(model, set, 0, err) : NULL;
    if (findings && bx_findings_errors(findings) > 0 && !(options && options->force))
        bx_fail(err, NULL, BX_ERR_VALIDATION,
                "一致性检查发现 %zu 个错误，未写入文件（运行 budgetx check 查看，或用 --force "
                "仍然输出）",
                bx_findings_errors(findings));
    char *base = findings && !bx_failed(err) ? output_base(ds, dataset_dir, err) : NULL;
    if (base && make_dirs(out_dir, err)) {
        for (const char *const *f = formats; *f && !bx_failed(err); f++) {
            char name[1024];
            snprintf(name, sizeof name, "%s.%s", base, bx_format_extension(*f));
            char *path = bx_path_join(out_dir, name, err);
            if (path && !over_an_input(model, path, err))
                bx_model_write(model, *f, path, options, err);
            free(path);
        }
    }
    free(base);
    if (options && options->findings)
        *options->findings = findings;
    else
        bx_findings_free(findings);
    bx_model_free(model);
    bx_layout_set_free(set);
    bx_dataset_free(ds);
    return err->status;
}
