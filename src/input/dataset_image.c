#include "dataset_image.h"

#include "output.h"
#include "fs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- CSV --------------------------------------------------------------- */

static bool needs_quotes(const char *s)
{
    size_t n = strlen(s);
    return strpbrk(s, ",\"\r\n") ||
           (n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t'));
}

void bx_image_csv_row(bx_strbuf *out, const char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *f = fields[i] ? fields[i] : "";
        if (i)
            bx_strbuf_putc(out, ',');
        if (!needs_quotes(f)) {
            bx_strbuf_puts(out, f);
            continue;
        }
        bx_strbuf_putc(out, '"');
        for (const char *p = f; *p; p++) {
            if (*p == '"')
                bx_strbuf_putc(out, '"');
            bx_strbuf_putc(out, *p);
        }
        bx_strbuf_putc(out, '"');
    }
    bx_strbuf_putc(out, '\n');
}

/* ---- images ------------------------------------------------------------ */

void bx_image_free(bx_image *img)
{
    for (size_t i = 0; img->bufs && i < img->n; i++)
        bx_strbuf_free(&img->bufs[i]);
    free(img->bufs);
    free(img->files);
    memset(img, 0, sizeof *img);
}

bool bx_image_start(bx_image *img, const bx_dataset_meta *meta, size_t ncsv, bx_error *err)
{
    memset(img, 0, sizeof *img);
    size_t n = ncsv + 1;
    img->files = bx_calloc(n, sizeof *img->files, err);
    img->bufs = bx_calloc(n, sizeof *img->bufs, err);
    if (!img->files || !img->bufs) {
        bx_image_free(img);
        return false;
    }
    img->n = n;
    for (size_t i = 0; i < n; i++)
        bx_strbuf_init(&img->bufs[i], 0);
    bool ok = bx_meta_yaml(meta, &img->bufs[0], err);
    img->files[0] = (bx_mem_file){"dataset.yaml", bx_strbuf_str(&img->bufs[0]), img->bufs[0].len};
    return ok;
}

bool bx_image_seal(bx_image *img, size_t i, const char *name, bx_error *err)
{
    const bx_strbuf *b = &img->bufs[i + 1];
    img->files[i + 1] = (bx_mem_file){name, bx_strbuf_str(b), b->len};
    return !b->failed || bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
}

bx_dataset *bx_image_dataset(const bx_image *img, const char *origin, bx_error *err)
{
    return bx_dataset_from_memory(origin, img->files, img->n, err);
}

/* ---- saving ------------------------------------------------------------ */

static bool save_one(const bx_mem_file *f, const char *dir, bx_error *err)
{
    char *path = bx_path_join(dir, f->name, err);
    bx_output out;
    if (!path || !bx_output_begin(&out, path, err)) {
        free(path);
        return false;
    }
    FILE *fp = fopen(out.write_path, "wb");
    bool ok = fp && fwrite(f->data, 1, f->len, fp) == f->len;
    ok = fp && fclose(fp) == 0 && ok;
    if (!ok) {
        bx_loc loc = {path, 0, 0};
        bx_fail(err, &loc, BX_ERR_IO, "无法写入文件");
        bx_output_abort(&out);
    } else {
        ok = bx_output_commit(&out, err);
    }
    free(path);
    return ok;
}

bx_status bx_image_save(const bx_mem_file *files, size_t n, const char *dir, bx_error *err)
{
    bx_error local_err; /* err may be NULL */
    err = bx_error_or(err, &local_err);
    if (!bx_make_dirs(dir, err))
        return err->status;
    for (size_t i = 0; i < n; i++) {
        const char *name = files[i].name, *slash = strrchr(name, '/');
        if (name[0] == '/' || strstr(name, "..")) {
            bx_loc loc = {name, 0, 0};
            return bx_fail(err, &loc, BX_ERR_DATA, "文件名不能指向数据目录以外");
        }
        if (slash) { /* files: may put a CSV in a subfolder */
            char sub[4096];
            snprintf(sub, sizeof sub, "%s/%.*s", dir, (int)(slash - name), name);
            if (!bx_make_dirs(sub, err))
                return err->status;
        }
        if (!save_one(&files[i], dir, err))
            return err->status;
    }
    return BX_OK;
}
