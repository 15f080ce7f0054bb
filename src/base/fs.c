/* Files and folders: whole files read with a limit, paths joined, folders
 * made. */
#include "fs.h"

#include "output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *bx_read_file(const char *path, size_t *len, bx_error *err)
{
    bx_loc loc = {path, 0, 0};
    FILE *f = fopen(path, "rb");
    if (!f) {
        bx_fail(err, &loc, BX_ERR_IO, "无法打开文件：%s", strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = bx_malloc(cap + 1, err);
    while (buf) {
        if (n == cap) {
            if (cap >= BX_MAX_FILE_BYTES) {
                bx_fail(err, &loc, BX_ERR_LIMIT, "文件超过 %d MB 的上限",
                        BX_MAX_FILE_BYTES / (1024 * 1024));
                free(buf);
                buf = NULL;
                break;
            }
            cap *= 2;
            char *grown = realloc(buf, cap + 1);
            if (!grown) {
                bx_fail(err, &loc, BX_ERR_NOMEM, "内存不足");
                free(buf);
                buf = NULL;
                break;
            }
            buf = grown;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                bx_fail(err, &loc, BX_ERR_IO, "读取文件失败");
                free(buf);
                buf = NULL;
            }
            break;
        }
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        if (len)
            *len = n;
    }
    return buf;
}

char *bx_path_join(const char *dir, const char *name, bx_error *err)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = bx_malloc(a + b + 2, err);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    size_t at = a;
    if (a > 0 && dir[a - 1] != '/')
        p[at++] = '/';
    memcpy(p + at, name, b + 1);
    return p;
}

bool bx_make_dirs(const char *dir, bx_error *err)
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
                bx_fail(err, &loc, BX_ERR_IO, "无法创建输出目录：%s", bx_output_reason(errno));
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
