/* Files and folders: whole files read with a limit, paths joined and
 * kept inside their folder, folders made. */
/* realpath is XSI, beyond the _POSIX_C_SOURCE every layer is built with */
#define _XOPEN_SOURCE 700

#include "fs.h"

#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

char *bx_read_file(const char *path, size_t *len, bx_error *err)
{
    bx_loc loc = {path, 0, 0};
    /* O_NONBLOCK: opening a FIFO (or a device) named as a data file must not
     * wait for a writer; then only a regular file is read */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        bx_fail(err, &loc, BX_ERR_IO, "无法打开文件：%s", bx_read_error_text(errno));
        return NULL;
    }
    struct stat st;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (fstat(fd, &st) != 0)
        bx_fail(err, &loc, BX_ERR_IO, "无法读取文件：%s", bx_read_error_text(errno));
    else if (S_ISDIR(st.st_mode))
        bx_fail(err, &loc, BX_ERR_IO, "这是一个文件夹，不是文件");
    else if (!S_ISREG(st.st_mode))
        bx_fail(err, &loc, BX_ERR_IO, "不是普通文件（是管道、设备或套接字），不能读取");
    else if (st.st_size > BX_MAX_FILE_BYTES)
        bx_fail(err, &loc, BX_ERR_LIMIT, "文件超过 %d MB 的上限",
                BX_MAX_FILE_BYTES / (1024 * 1024));
    else {
        /* its size as stat says, and room to see whether it grew meanwhile */
        cap = (size_t)st.st_size + 1;
        buf = bx_malloc(cap + 1, err);
    }
    while (buf) {
        if (n == cap) {
            if (cap > BX_MAX_FILE_BYTES) {
                bx_fail(err, &loc, BX_ERR_LIMIT, "文件超过 %d MB 的上限",
                        BX_MAX_FILE_BYTES / (1024 * 1024));
                break;
            }
            cap = cap * 2 < (size_t)BX_MAX_FILE_BYTES + 1 ? cap * 2 : (size_t)BX_MAX_FILE_BYTES + 1;
            char *grown = realloc(buf, cap + 1);
            if (!grown) {
                bx_fail(err, &loc, BX_ERR_NOMEM, "内存不足");
                break;
            }
            buf = grown;
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            bx_fail(err, &loc, BX_ERR_IO, "读取文件失败：%s", bx_read_error_text(errno));
            break;
        }
        if (got == 0) {
            buf[n] = '\0';
            if (len)
                *len = n;
            close(fd);
            return buf;
        }
        n += (size_t)got;
    }
    free(buf);
    close(fd);
    return NULL;
}

bool bx_path_stays_inside(const char *name)
{
    if (!name || !*name || name[0] == '/')
        return false;
    for (const char *p = name; *p;) {
        size_t k = strcspn(p, "/");
        if (k == 2 && p[0] == '.' && p[1] == '.')
            return false;
        p += k;
        p += *p == '/';
    }
    return true;
}

bool bx_path_within(const char *dir, const char *path, bool *inside, bx_error *err)
{
    *inside = true;
    char *top = realpath(dir, NULL), *real = top ? realpath(path, NULL) : NULL;
    bool ok = true;
    if (!top || !real) {
        /* not there: whoever opens it says so */
        ok = errno != ENOMEM || bx_fail(err, NULL, BX_ERR_NOMEM, "内存不足") == BX_OK;
    } else {
        size_t k = strlen(top);
        *inside = strncmp(real, top, k) == 0 && (real[k] == '/' || (k == 1 && top[0] == '/'));
    }
    free(top);
    free(real);
    return ok;
}

bool bx_path_has_extension(const char *path, const char *ext)
{
    size_t n = strlen(path), k = strlen(ext);
    return n > k && strcasecmp(path + n - k, ext) == 0;
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
