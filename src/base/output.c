/* All-or-nothing outputs (output.h): temporary files and folders, the
 * list a signal handler removes them from, commits of several outputs
 * together, the words for a failed write, and the sweep of what dead
 * processes left. */
#define _GNU_SOURCE /* renameat2, getdents64, flock */
#include "output.h"

#include "syserr.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

static atomic_uint counter;

/* ---- what a signal removes ---------------------------------------------- */

/* Temporary files and folders being written, for bx_abandon_outputs() in a
 * signal handler: fixed storage, so that no allocation or lock is needed
 * there. A slot is free, being filled, or holds a file's or a folder's
 * name. */
enum { MAX_PENDING = 64, PENDING_PATH = 4096 };
enum { SLOT_FREE, SLOT_FILE, SLOT_FILLING, SLOT_FOLDER };
static char pending[MAX_PENDING][PENDING_PATH];
static atomic_int pending_used[MAX_PENDING];

static int pending_add(const char *path, int kind)
{
    if (strlen(path) >= PENDING_PATH)
        return -1;
    for (int i = 0; i < MAX_PENDING; i++) {
        int expected = SLOT_FREE;
        if (atomic_compare_exchange_strong(&pending_used[i], &expected, SLOT_FILLING)) {
            strcpy(pending[i], path);
            atomic_store(&pending_used[i], kind);
            return i;
        }
    }
    return -1;
}

/* By slot, not by name: another thread may be filling a free slot. */
static void pending_remove(int slot)
{
    if (slot >= 0)
        atomic_store(&pending_used[slot], SLOT_FREE);
}

/* Set by bx_abandon_outputs before it removes the files: a thread that
 * begins a critical step afterwards sees it and gives up. */
static atomic_bool abandoned;
/* Critical steps under way: a temporary file created but not yet in
 * pending[], or a set of outputs half renamed. bx_abandon_outputs lets
 * them finish first, so that a signal never leaves a temporary file it
 * cannot see, or half a set renamed. */
static atomic_int critical;

/* Remove a folder this module made, with the files in it (one level: it
 * makes no subfolders, and a subfolder someone else put there stays, with
 * the folder). Async-signal-safe: no allocation; getdents64 reads the
 * entries. Files being created in it meanwhile are removed on the next
 * pass. */
static void remove_folder_at(int at, const char *path)
{
    for (int pass = 0; pass < 8; pass++) {
        int fd = openat(at, path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) {
            unlinkat(at, path, AT_REMOVEDIR); /* empty, if it cannot be read */
            return;
        }
        _Alignas(struct dirent64) char buf[4096];
        ssize_t n;
        while ((n = getdents64(fd, buf, sizeof buf)) > 0)
            for (ssize_t off = 0; off < n;) {
                const struct dirent64 *d = (const struct dirent64 *)(buf + off);
                off += d->d_reclen;
                if (strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0)
                    unlinkat(fd, d->d_name, 0);
            }
        close(fd);
        if (unlinkat(at, path, AT_REMOVEDIR) == 0 || errno != ENOTEMPTY)
            return;
    }
}

void bx_abandon_outputs(void)
{
    atomic_store(&abandoned, true);
    /* a critical step holds signals off in its own thread and takes a
     * few system calls: wait for it (10 s at most) */
    struct timespec ms = {0, 1000000};
    for (int i = 0; i < 10000 && atomic_load(&critical) > 0; i++)
        nanosleep(&ms, NULL);
    for (int i = 0; i < MAX_PENDING; i++) {
        int kind = atomic_load(&pending_used[i]);
        if (kind == SLOT_FILE)
            unlink(pending[i]);
        else if (kind == SLOT_FOLDER)
            remove_folder_at(AT_FDCWD, pending[i]);
    }
}

/* Hold off the signals a process is stopped with (not the faults). */
static void hold_signals(sigset_t *old)
{
    sigset_t held;
    sigfillset(&held);
    static const int faults[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGABRT, SIGSYS};
    for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++)
        sigdelset(&held, faults[i]);
    pthread_sigmask(SIG_BLOCK, &held, old);
}

/* Begin a critical step: signals held off in this thread, and a handler
 * in another one waits for the step. False when a signal came first: then
 * the step must not begin; leave_critical all the same. (Sequentially
 * consistent: either the handler sees the step, or the step sees the
 * handler.) */
static bool enter_critical(sigset_t *old)
{
    hold_signals(old);
    atomic_fetch_add(&critical, 1);
    return !atomic_load(&abandoned);
}

static void leave_critical(const sigset_t *old)
{
    atomic_fetch_sub(&critical, 1);
    pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* ---- words for a failed write ------------------------------------------- */

const char *bx_output_reason(int e)
{
    switch (e) {
    case ENOSPC: return "磁盘空间不足";
    case EDQUOT: return "超出磁盘配额";
    case EACCES:
    case EPERM: return "没有写入权限";
    case EROFS: return "文件系统只读";
    case EFBIG: return "文件超过文件系统允许的大小";
    case EIO: return "磁盘读写出错";
    case ENOENT: return "目录不存在";
    case ENOTDIR: return "路径中有一段不是目录";
    case EISDIR: return "同名的目录已存在";
    case ENOTEMPTY: return "目录不是空的";
    case EEXIST: return "文件已存在";
    case ENAMETOOLONG: return "文件名过长";
    case ELOOP: return "符号链接层数过多";
    case EMFILE:
    case ENFILE: return "打开的文件过多";
    case EBUSY:
    case ETXTBSY: return "文件正在使用中";
    case ENOMEM: return "内存不足";
    default: return bx_errno_text(e);
    }
}

/* errno values a failed write or close reports about the file itself. */
static bool write_errno(int e)
{
    return e == ENOSPC || e == EDQUOT || e == EFBIG || e == EIO || e == EROFS || e == EACCES ||
           e == EPERM;
}

/* The file system of fd has (almost) no room or no inode left. */
static bool full(int fd)
{
    struct statvfs v;
    if (fd < 0 || fstatvfs(fd, &v) != 0)
        return false;
    return (unsigned long long)v.f_bavail * v.f_frsize < 64 * 1024 ||
           (v.f_files > 0 && v.f_favail == 0);
}

void bx_output_explain(const bx_output *o, int errnum, bx_error *err)
{
    if (!bx_failed(err) || !o->path)
        return;
    bool io = err->status == BX_ERR_IO || err->status == BX_ERR_BACKEND;
    int why = !io ? 0 : write_errno(errnum) ? errnum : full(o->fd) ? ENOSPC : 0;
    if (why) {
        bx_loc loc = {o->path, 0, 0};
        bx_error_clear(err);
        bx_fail(err, &loc, BX_ERR_IO, "无法写入文件：%s", bx_output_reason(why));
    } else if (err->file[0] == '\0' || (o->tmp_path && strcmp(err->file, o->tmp_path) == 0) ||
               (o->write_path && strcmp(err->file, o->write_path) == 0)) {
        snprintf(err->file, sizeof err->file, "%s", o->path);
    }
}

/* ---- stale temporaries --------------------------------------------------- */

/* Whether name is a temporary name, `.NAME.PID.N.tmp`; its PID. */
static bool temp_name(const char *name, long *pid)
{
    size_t n = strlen(name);
    if (n < 10 || name[0] != '.' || strcmp(name + n - 4, ".tmp") != 0)
        return false;
    const char *end = name + n - 4, *p = end;
    while (p > name && isdigit((unsigned char)p[-1]))
        p--;
    if (p == end || p[-1] != '.')
        return false;
    const char *pid_end = --p;
    while (p > name && isdigit((unsigned char)p[-1]))
        p--;
    if (p == pid_end || pid_end - p > 9 || p[-1] != '.' || p - 1 < name + 2)
        return false;
    *pid = strtol(p, NULL, 10);
    return *pid > 0;
}

/* When process pid started (seconds since the epoch), from /proc. */
static bool process_start(long pid, time_t *start)
{
    static atomic_llong boot; /* /proc/stat's btime, read once */
    long long btime = atomic_load(&boot);
    char line[1024];
    if (!btime) {
        FILE *f = fopen("/proc/stat", "r");
        while (f && fgets(line, sizeof line, f))
            if (sscanf(line, "btime %lld", &btime) == 1)
                break;
        if (f)
            fclose(f);
        if (!btime)
            return false;
        atomic_store(&boot, btime);
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(line, 1, sizeof line - 1, f) : 0;
    if (f)
        fclose(f);
    line[n] = '\0';
    /* the fields after the command's ")": state is the 3rd, starttime
     * (clock ticks after boot) the 22nd */
    char *p = strrchr(line, ')');
    for (int field = 2; p && field < 22; field++)
        p = strchr(p + 1, ' ');
    long long ticks;
    if (!p || sscanf(p, " %lld", &ticks) != 1)
        return false;
    *start = (time_t)(btime + ticks / sysconf(_SC_CLK_TCK));
    return true;
}

/* The process that named a temporary file changed at `changed` is gone:
 * no process has its PID, or the one that has it started later. */
static bool owner_gone(long pid, time_t changed)
{
    time_t start;
    if (pid > INT_MAX)
        return false;
    if (pid != (long)getpid() && kill((pid_t)pid, 0) != 0 && errno == ESRCH)
        return true;
    return process_start(pid, &start) && start > changed + 1;
}

void bx_output_sweep(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    time_t now = time(NULL);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        long pid;
        struct stat st;
        if (!temp_name(e->d_name, &pid) ||
            fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            now - st.st_mtime < BX_OUTPUT_STALE_SECONDS || !owner_gone(pid, st.st_mtime))
            continue;
        if (S_ISDIR(st.st_mode))
            remove_folder_at(dirfd(d), e->d_name);
        else if (S_ISREG(st.st_mode))
            unlinkat(dirfd(d), e->d_name, 0);
    }
    closedir(d);
}

/* ---- temporaries ---------------------------------------------------------- */

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

/* A fresh temporary name beside path: `.NAME.PID.N.tmp`, in tmp (cap bytes). */
static void temp_name_for(const char *path, char *tmp, size_t cap)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    unsigned k = atomic_fetch_add(&counter, 1);
    snprintf(tmp, cap, "%.*s.%s.%ld.%u.tmp", (int)dirlen, path, path + dirlen, (long)getpid(), k);
}

/* The folder path is in, into dir ("." for a bare name). */
static void folder_of(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, size, ".");
    else
        snprintf(dir, size, "%.*s", slash == path ? 1 : (int)(slash - path), path);
}

/* The folder path is in, swept — once a minute at most by one thread:
 * the files of a render or an import begin one after the other in one
 * folder, and a second sweep within the minute would find nothing the
 * first did not (a temporary is not swept before it is minutes old). */
static void sweep_folder_of(const char *path)
{
    static _Thread_local char last[PENDING_PATH];
    static _Thread_local time_t last_at;
    char dir[PENDING_PATH];
    folder_of(path, dir, sizeof dir);
    time_t now = time(NULL);
    if (strcmp(dir, last) == 0 && now - last_at < 60)
        return;
    bx_output_sweep(dir);
    snprintf(last, sizeof last, "%s", dir);
    last_at = now;
}

/* Create o's temporary file or folder, o->tmp_path, and note it in
 * pending[] — as one step: a signal between the two would leave a file no
 * handler knows of. 0, an errno, or ECANCELED when a signal came first. */
static int create_temp(bx_output *o, bool folder)
{
    sigset_t old;
    int e = ECANCELED;
    if (enter_critical(&old)) {
        int made = folder
                       ? mkdir(o->tmp_path, 0777)
                       : (o->fd = open(o->tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666));
        e = made < 0 ? errno : 0;
        if (made >= 0)
            o->pending = pending_add(o->tmp_path, folder ? SLOT_FOLDER : SLOT_FILE);
    }
    leave_critical(&old);
    return e;
}

static bool reserve(bx_output *o, const char *path, bool folder, bx_error *err)
{
    memset(o, 0, sizeof *o);
    o->pending = -1;
    o->fd = -1;
    o->folder = folder;
    bx_loc loc = {path, 0, 0};
    sweep_folder_of(path);
    size_t cap = strlen(path) + 64;
    o->path = bx_strdup(path, err);
    o->tmp_path = bx_malloc(cap, err);
    if (!o->path || !o->tmp_path) {
        release(o);
        return false;
    }
    for (int attempt = 0; attempt < 100; attempt++) {
        temp_name_for(path, o->tmp_path, cap);
        int e = create_temp(o, folder);
        if (e == EEXIST)
            continue;
        if (e == ECANCELED) {
            bx_fail(err, &loc, BX_ERR_IO, "已中止");
            break;
        }
        if (e != 0) {
            bx_fail(err, &loc, BX_ERR_IO, "%s：%s",
                    folder ? "无法创建数据目录" : "无法在输出目录中创建文件", bx_output_reason(e));
            break;
        }
        if (folder)
            o->fd = open(o->tmp_path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (o->fd < 0) {
            bx_fail(err, &loc, BX_ERR_IO, "无法创建数据目录：%s", bx_output_reason(errno));
            bx_output_abort(o);
            return false;
        }
        if (folder)
            return true;
        char by_fd[64];
        snprintf(by_fd, sizeof by_fd, "/proc/self/fd/%d", o->fd);
        o->write_path = bx_strdup(access(by_fd, W_OK) == 0 ? by_fd : o->tmp_path, err);
        if (!o->write_path) {
            bx_output_abort(o);
            return false;
        }
        return true;
    }
    if (!bx_failed(err))
        bx_fail(err, &loc, BX_ERR_IO, "无法创建临时文件");
    release(o);
    return false;
}

bool bx_output_begin(bx_output *o, const char *path, bx_error *err)
{
    return reserve(o, path, false, err);
}

bool bx_output_folder_begin(bx_output *o, const char *path, bx_error *err)
{
    return reserve(o, path, true, err);
}

bool bx_output_put(bx_output *o, const char *name, const void *data, size_t len, bx_error *err)
{
    char shown[PENDING_PATH];
    snprintf(shown, sizeof shown, "%s%s%s", o->path, name ? "/" : "", name ? name : "");
    bx_loc loc = {shown, 0, 0};
    if (o->folder != (name != NULL) ||
        (name &&
         (!*name || strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)))
        return bx_fail(err, &loc, BX_ERR_USAGE, "bx_output_put: 文件名无效") == BX_OK;
    int fd = name ? openat(o->fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666)
                  : o->fd;
    bool ok = fd >= 0;
    for (const char *p = data; ok && len > 0;) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        ok = n > 0;
        if (ok) {
            p += n;
            len -= (size_t)n;
        } else if (n == 0) {
            errno = ENOSPC; /* a write that makes no progress */
        }
    }
    int e = errno;
    if (name && fd >= 0 && close(fd) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (!ok)
        bx_fail(err, &loc, BX_ERR_IO, "无法写入文件：%s", bx_output_reason(e));
    return ok;
}

void bx_output_abort(bx_output *o)
{
    if (o->tmp_path) {
        if (o->folder)
            remove_folder_at(AT_FDCWD, o->tmp_path);
        else
            unlink(o->tmp_path);
        pending_remove(o->pending);
    }
    release(o);
}

/* ---- commits -------------------------------------------------------------- */

/* How an output was put in place, to undo it or to finish it. */
typedef struct placed {
    enum { NOT_YET, AS_NEW, SWAPPED, LINKED_ASIDE, MOVED_ASIDE } how;
    char *aside; /* LINKED_ASIDE, MOVED_ASIDE: where the previous one is */
} placed;

static void remove_any(const bx_output *o, const char *path)
{
    if (o->folder)
        remove_folder_at(AT_FDCWD, path);
    else
        unlink(path);
}

/* Put o in place; p says how. A file system without RENAME_EXCHANGE
 * (renameat2) keeps the previous file under another name (a hard link, or
 * moved: a folder, or where there are no links) until the set is in. */
static bool place(const bx_output *o, placed *p, bx_error *err)
{
    bx_loc loc = {o->path, 0, 0};
    const char *what = o->folder ? "无法写入数据目录" : "无法写入文件";
    struct stat st;
    if (lstat(o->path, &st) != 0) {
        if (errno != ENOENT)
            return bx_fail(err, &loc, BX_ERR_IO, "%s：%s", what, bx_output_reason(errno)) == BX_OK;
        if (rename(o->tmp_path, o->path) != 0)
            return bx_fail(err, &loc, BX_ERR_IO, "%s：%s", what, bx_output_reason(errno)) == BX_OK;
        p->how = AS_NEW;
        return true;
    }
    if (o->folder ? !S_ISDIR(st.st_mode) : S_ISDIR(st.st_mode))
        return bx_fail(err, &loc, BX_ERR_IO, "%s：%s", what,
                       bx_output_reason(o->folder ? ENOTDIR : EISDIR)) == BX_OK;
    if (renameat2(AT_FDCWD, o->tmp_path, AT_FDCWD, o->path, RENAME_EXCHANGE) == 0) {
        p->how = SWAPPED;
        return true;
    }
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
        return bx_fail(err, &loc, BX_ERR_IO, "%s：%s", what, bx_output_reason(errno)) == BX_OK;
    size_t cap = strlen(o->path) + 64;
    if (!(p->aside = bx_malloc(cap, err)))
        return false;
    temp_name_for(o->path, p->aside, cap);
    if (!o->folder && link(o->path, p->aside) == 0)
        p->how = LINKED_ASIDE;
    else if (rename(o->path, p->aside) == 0)
        p->how = MOVED_ASIDE;
    else
        return bx_fail(err, &loc, BX_ERR_IO, "%s：%s", what, bx_output_reason(errno)) == BX_OK;
    if (rename(o->tmp_path, o->path) == 0)
        return true;
    int e = errno;
    if (p->how == LINKED_ASIDE)
        unlink(p->aside);
    else
        rename(p->aside, o->path);
    p->how = NOT_YET;
    return bx_fail(err, &loc, BX_ERR_IO, "%s：%s", what, bx_output_reason(e)) == BX_OK;
}

/* Undo place(): the previous one back in place, the new one back under its
 * temporary name (or gone). */
static void unplace(const bx_output *o, const placed *p)
{
    switch (p->how) {
    case NOT_YET: break;
    case AS_NEW: rename(o->path, o->tmp_path); break;
    case SWAPPED: renameat2(AT_FDCWD, o->tmp_path, AT_FDCWD, o->path, RENAME_EXCHANGE); break;
    case LINKED_ASIDE: rename(p->aside, o->path); break;
    case MOVED_ASIDE:
        rename(o->path, o->tmp_path);
        rename(p->aside, o->path);
        break;
    }
}

/* The set is in: remove what it replaced. */
static void drop_previous(const bx_output *o, const placed *p)
{
    switch (p->how) {
    case NOT_YET:
    case AS_NEW: break;
    case SWAPPED: remove_any(o, o->tmp_path); break;
    case LINKED_ASIDE:
    case MOVED_ASIDE: remove_any(o, p->aside); break;
    }
}

/* A lock on the folder path is in (flock on the folder itself: no file is
 * left there), or -1 where it cannot be had (then the commit goes on
 * without). */
static int lock_folder_of(const char *path)
{
    char dir[PENDING_PATH];
    folder_of(path, dir, sizeof dir);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    while (fd >= 0 && flock(fd, LOCK_EX) != 0)
        if (errno != EINTR) {
            close(fd);
            return -1;
        }
    return fd;
}

bool bx_outputs_commit(bx_output *outs, size_t n, bx_error *err)
{
    if (n == 0)
        return true;
    placed *p = bx_calloc(n, sizeof *p, err);
    int lock = p ? lock_folder_of(outs[0].path) : -1;
    sigset_t old;
    bool ok = enter_critical(&old) && p != NULL;
    if (p && !ok) {
        bx_loc loc = {outs[0].path, 0, 0};
        ok = bx_fail(err, &loc, BX_ERR_IO, "已中止") == BX_OK;
    }
    size_t in = 0;
    for (; ok && in < n; in++)
        ok = place(&outs[in], &p[in], err);
    if (ok) {
        for (size_t i = 0; i < n; i++) {
            drop_previous(&outs[i], &p[i]);
            pending_remove(outs[i].pending); /* its name is gone */
            outs[i].pending = -1;
        }
    } else {
        for (size_t i = in; i-- > 0;)
            unplace(&outs[i], &p[i]);
    }
    leave_critical(&old);
    if (lock >= 0)
        close(lock);
    for (size_t i = 0; i < n; i++) {
        if (p)
            free(p[i].aside);
        if (ok)
            release(&outs[i]);
        else
            bx_output_abort(&outs[i]);
    }
    free(p);
    return ok;
}

bool bx_output_commit(bx_output *o, bx_error *err)
{
    return bx_outputs_commit(o, 1, err);
}
