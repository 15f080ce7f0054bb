#define _DEFAULT_SOURCE /* realpath */
#include "dataset_image.h"

#include "fs.h"
#include "output.h"
#include "text.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

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

/* ---- file names -------------------------------------------------------- */

/* Characters that may not be in a file name budgetx writes: C0 and C1
 * controls, DEL, the Unicode line and paragraph separators. */
static bool control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x2028 || cp == 0x2029;
}

const char *bx_image_name_problem(const char *name)
{
    size_t n = strlen(name);
    if (n == 0)
        return "是空的";
    if (bx_utf8_invalid_at(name, n) != n)
        return "不是有效的 UTF-8 文本";
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += bx_utf8_decode(name + i, n - i, &cp);
        if (control(cp))
            return "含有控制字符（如换行）";
    }
    if (strchr(name, '/') || strchr(name, '\\'))
        return "含有“/”或“\\”：数据文件只能直接放在数据目录中";
    if (name[0] == '.')
        return "以“.”开头";
    if (!bx_path_has_extension(name, ".csv"))
        return "不以 .csv 结尾";
    if (n > 255)
        return "超过 255 字节";
    return NULL;
}

char *bx_image_shown_name(const char *name, char *buf, size_t size)
{
    size_t n = strlen(name), at = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && at + 8 < size;) {
        uint32_t cp;
        size_t len = bx_utf8_decode(name + i, n - i, &cp);
        if (len == 0 || control(cp)) {
            int k = len == 0 || cp < 0x100
                        ? snprintf(buf + at, size - at, "\\x%02X",
                                   len == 0 ? (unsigned char)name[i] : (unsigned)cp)
                        : snprintf(buf + at, size - at, "\\u%04X", (unsigned)cp);
            at += (size_t)k;
            i += len ? len : 1;
            continue;
        }
        memcpy(buf + at, name + i, len);
        at += len;
        i += len;
        buf[at] = '\0';
    }
    return buf;
}

/* Every name may be written, and no two are alike ignoring case. */
static bool names_fit(const bx_mem_file *files, size_t n, const char *origin, bx_error *err)
{
    bx_loc loc = {origin, 0, 0};
    char shown[800], other[800];
    if (n == 0 || strcmp(files[0].name, "dataset.yaml") != 0)
        return bx_fail(err, &loc, BX_ERR_USAGE, "数据集缺少 dataset.yaml") == BX_OK;
    for (size_t i = 1; i < n; i++) {
        const char *why = bx_image_name_problem(files[i].name);
        if (why)
            return bx_fail(err, &loc, BX_ERR_DATA, "数据文件名“%s”不能用：%s",
                           bx_image_shown_name(files[i].name, shown, sizeof shown), why) == BX_OK;
        for (size_t k = 1; k < i; k++)
            if (strcasecmp(files[k].name, files[i].name) == 0)
                return bx_fail(err, &loc, BX_ERR_DATA,
                               "数据文件名“%s”与“%"
                               "s”重复（不区分大小写），两个表的数据不能写进同一个文件",
                               bx_image_shown_name(files[k].name, other, sizeof other),
                               bx_image_shown_name(files[i].name, shown, sizeof shown)) == BX_OK;
    }
    return true;
}

/* ---- the folder saved into ------------------------------------------------ */

/* Where a dataset goes: the folder's path as given, without trailing
 * slashes (its real path for "." and ".."), whether it exists, the first
 * entry in it that is not a dataset's file, whether it is the current
 * folder. */
typedef struct target {
    char *path;
    bool exists, here;
    bool dataset; /* holds a dataset's files */
    bool ours;    /* with the marker an import leaves */
    char foreign[256];
} target;

/* The file an import leaves beside the dataset: a later import may
 * replace the folder without --force, a folder made otherwise it may not. */
static const char import_marker[] = "budgetx-import.txt";
static const char import_marker_text[] =
    "这个数据目录由 budgetx import 从工作簿写出；再次导入时会整体替换。\n";

static bool dataset_entry(int dir, const char *name)
{
    struct stat st;
    return (strcmp(name, "dataset.yaml") == 0 || strcmp(name, import_marker) == 0 ||
            bx_path_has_extension(name, ".csv")) &&
           fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
           (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode));
}

static bool look_at(const char *dir, target *t, bx_error *err)
{
    memset(t, 0, sizeof *t);
    bx_loc loc = {dir, 0, 0};
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    const char *base = dir + n;
    while (base > dir && base[-1] != '/')
        base--;
    size_t blen = (size_t)(dir + n - base);
    if ((blen == 1 && base[0] == '.') || (blen == 2 && base[0] == '.' && base[1] == '.')) {
        t->path = realpath(dir, NULL);
        if (!t->path)
            return bx_fail(err, &loc, BX_ERR_IO, "无法打开数据目录：%s", bx_output_reason(errno)) ==
                   BX_OK;
    } else if ((t->path = bx_malloc(n + 1, err)) != NULL) {
        memcpy(t->path, dir, n);
        t->path[n] = '\0';
    } else {
        return false;
    }
    loc.file = t->path;
    if (strcmp(t->path, "/") == 0)
        return bx_fail(err, &loc, BX_ERR_USAGE, "不能把数据集写成根目录") == BX_OK;
    struct stat st, cwd;
    if (lstat(t->path, &st) != 0) {
        if (errno == ENOENT)
            return true;
        return bx_fail(err, &loc, BX_ERR_IO, "无法打开数据目录：%s", bx_output_reason(errno)) ==
               BX_OK;
    }
    if (S_ISLNK(st.st_mode))
        return bx_fail(err, &loc, BX_ERR_USAGE,
                       "数据目录是符号链接，未写入（请给出它指向的目录）") == BX_OK;
    if (!S_ISDIR(st.st_mode))
        return bx_fail(err, &loc, BX_ERR_IO, "输出位置不是目录") == BX_OK;
    t->exists = true;
    t->here = stat(".", &cwd) == 0 && cwd.st_dev == st.st_dev && cwd.st_ino == st.st_ino;
    bx_output_sweep(t->path);
    DIR *d = opendir(t->path);
    if (!d)
        return bx_fail(err, &loc, BX_ERR_IO, "无法打开数据目录：%s", bx_output_reason(errno)) ==
               BX_OK;
    struct dirent *e;
    while (!t->foreign[0] && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (!dataset_entry(dirfd(d), e->d_name))
            bx_image_shown_name(e->d_name, t->foreign, sizeof t->foreign);
        else if (strcmp(e->d_name, import_marker) == 0)
            t->ours = true;
        else
            t->dataset = true;
    }
    closedir(d);
    return true;
}

/* ---- saving ------------------------------------------------------------ */

/* The files as a new folder that takes path's place. */
static bool save_folder(const bx_mem_file *files, size_t n, const char *path, bx_error *err)
{
    bx_output out;
    if (!bx_output_folder_begin(&out, path, err))
        return false;
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++)
        ok = bx_output_put(&out, files[i].name, files[i].data, files[i].len, err);
    if (!ok) {
        bx_output_abort(&out);
        return false;
    }
    return bx_output_commit(&out, err);
}

/* The files replaced in the folder path, together. */
static bool save_in_place(const bx_mem_file *files, size_t n, const char *path, bx_error *err)
{
    bx_output *outs = bx_calloc(n, sizeof *outs, err);
    size_t begun = 0;
    bool ok = outs != NULL;
    while (ok && begun < n) {
        char *file = bx_path_join(path, files[begun].name, err);
        ok = file && bx_output_begin(&outs[begun], file, err);
        free(file);
        if (ok) {
            begun++;
            ok = bx_output_put(&outs[begun - 1], NULL, files[begun - 1].data, files[begun - 1].len,
                               err);
        }
    }
    if (ok) {
        ok = bx_outputs_commit(outs, n, err);
    } else {
        for (size_t i = 0; i < begun; i++)
            bx_output_abort(&outs[i]);
    }
    free(outs);
    return ok;
}

bx_status bx_image_save(const bx_mem_file *files, size_t n, const char *dir, int flags,
                        const char *origin, bx_error *err)
{
    bx_error local_err; /* err may be NULL */
    err = bx_error_or(err, &local_err);
    if (!names_fit(files, n, origin ? origin : dir, err))
        return err->status;
    target t;
    if (!look_at(dir, &t, err)) {
        free(t.path);
        return err->status;
    }
    bx_loc loc = {t.path, 0, 0};
    if (t.dataset && !t.ours && !t.foreign[0] && !(flags & BX_IMAGE_FORCE)) {
        bx_fail(err, &loc, BX_ERR_USAGE,
                "目录中已有一个数据集（不是 budgetx import 写出的），未写入：导入会替换它；"
                "确要替换请用 --force，或换一个目录");
        free(t.path);
        return err->status;
    }
    if (t.foreign[0] && !(flags & BX_IMAGE_FORCE)) {
        bx_fail(err, &loc, BX_ERR_USAGE,
                "目录中有数据集以外的文件“%s”，未写入：导入会用新的数据集替换整个目录"
                "（用 --force 只替换数据集的文件，其他文件保留）",
                t.foreign);
        free(t.path);
        return err->status;
    }
    char *slash = strrchr(t.path, '/');
    if (!t.exists && slash && slash != t.path) {
        *slash = '\0';
        bool made = bx_make_dirs(t.path, err);
        *slash = '/';
        if (!made) {
            free(t.path);
            return err->status;
        }
    }
    bx_mem_file *with_marker = bx_calloc(n + 1, sizeof *with_marker, err);
    if (with_marker) {
        memcpy(with_marker, files, n * sizeof *files);
        with_marker[n] =
            (bx_mem_file){import_marker, import_marker_text, sizeof import_marker_text - 1};
        if (t.foreign[0] || t.here)
            save_in_place(with_marker, n + 1, t.path, err);
        else
            save_folder(with_marker, n + 1, t.path, err);
    }
    free(with_marker);
    free(t.path);
    return err->status;
}
