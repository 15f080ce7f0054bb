#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static atomic_uint counter;

/* Temporary files being written, for bx_abandon_outputs() in a signal
 * handler: fixed storage, so that no allocation or lock is needed there. */
enum { MAX_PENDING = 64, PENDING_PATH = 4096 };
static char pending[MAX_PENDING][PENDING_PATH];
static atomic_int pending_used[MAX_PENDING];

static int pending_add(const char *path)
{
    if (strlen(path) >= PENDING_PATH)
        return -1;
    for (int i = 0; i < MAX_PENDING; i++) {
        int expected = 0;
        if (atomic_compare_exchange_strong(&pending_used[i], &expected, 2)) {
            strcpy(pending[i], path);
            atomic_store(&pending_used[i], 1);
            return i;
        }
    }
    return -1;
}

/* By slot, not by name: another thread may be filling a free slot. */
static void pending_remove(int slot)
{
    if (slot >= 0)
        atomic_store(&pending_used[slot], 0);
}

/* Set by bx_abandon_outputs before it removes the files: a thread that
 * registers a new one afterwards sees it and removes its own. */
static atomic_bool abandoned;

void bx_abandon_outputs(void)
{
    atomic_store(&abandoned, true);
    for (int i = 0; i < MAX_PENDING; i++)
        if (atomic_load(&pending_used[i]) == 1)
            unlink(pending[i]);
}

static void release(bx_output *o);

bool bx_output_begin(bx_output *o, const char *path, bx_error *err)
{
    memset(o, 0, sizeof *o);
    o->pending = -1;
    o->fd = -1;
    bx_loc loc = {path, 0, 0};
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = path + dirlen;
    size_t cap = strlen(path) + 64;
    o->path = bx_strdup(path, err);
    o->tmp_path = bx_malloc(cap, err);
    if (!o->path || !o->tmp_path) {
        bx_output_abort(o);
        return false;
    }
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned k = atomic_fetch_add(&counter, 1);
        snprintf(o->tmp_path, cap, "%.*s.%s.%ld.%u.tmp", (int)dirlen, path, base, (long)getpid(),
                 k);
        int fd = open(o->tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            o->fd = fd;
            o->pending = pending_add(o->tmp_path);
            if (atomic_load(&abandoned)) {
                bx_output_abort(o);
                return bx_fail(err, &loc, BX_ERR_IO, "已中止") == BX_OK;
            }
            char by_fd[64];
            snprintf(by_fd, sizeof by_fd, "/proc/self/fd/%d", fd);
            o->write_path = bx_strdup(access(by_fd, W_OK) == 0 ? by_fd : o->tmp_path, err);
            if (!o->write_path) {
                bx_output_abort(o);
                return false;
            }
            return true;
        }
        if (errno != EEXIST) {
            bx_fail(err, &loc, BX_ERR_IO, "无法在输出目录中创建文件：%s", strerror(errno));
            break;
        }
    }
    if (!bx_failed(err))
        bx_fail(err, &loc, BX_ERR_IO, "无法创建临时文件");
    release(o);
    return false;
}

/* Free o's strings and close its file. */
static void release(bx_output *o)
{
    if (o->fd >= 0)
        close(o->fd);
    free(o->path);
    free(o->tmp_path);
    free(o->write_path);
    memset(o, 0, sizeof *o);
    o->pending = -1;
    o->fd = -1;
}

bool bx_output_commit(bx_output *o, bx_error *err)
{
    bool ok = true;
    /* renamed before it leaves the list: a signal in between unlinks a
     * name that is gone, never leaves the temporary file behind */
    if (rename(o->tmp_path, o->path) != 0) {
        bx_loc loc = {o->path, 0, 0};
        bx_fail(err, &loc, BX_ERR_IO, "无法写入文件：%s", strerror(errno));
        unlink(o->tmp_path);
        ok = false;
    }
    pending_remove(o->pending);
    release(o);
    return ok;
}

void bx_output_abort(bx_output *o)
{
    if (o->tmp_path) {
        unlink(o->tmp_path);
        pending_remove(o->pending);
    }
    release(o);
}
