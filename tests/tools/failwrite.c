/* A full disk and slow renames on demand, for the tests of all-or-nothing
 * outputs (tests/cli/test_full_disk.sh, test_outputs.sh): an LD_PRELOAD
 * shim. Under it, writes to files on the file system of
 * $BX_FAILWRITE_DIR fail with ENOSPC once $BX_FAILWRITE_BYTES bytes have
 * been written to such files — the write that reaches the limit writes
 * what fits, as a disk filling up does. $BX_FAILWRITE_COUNT names a file
 * to which the number of bytes written is appended at exit (how many a run
 * writes; no limit is needed for that).
 *
 * Counted: write(2), and every stream opened for writing with fopen,
 * fopen64 or fdopen (what libharu, libxlsxwriter's zip writer and budgetx
 * use), which the shim replaces by a stream of its own (fopencookie) over
 * the same file. glibc's own calls to write(2) (stdio flushing a stream the
 * shim did not replace, e.g. tmpfile()) are not seen.
 *
 * Renames (rename, renameat, renameat2):
 *   $BX_SLOW_RENAME_MS=N   each first waits a random 0…N ms, so that two
 *                          processes committing into one folder at once
 *                          interleave their renames unless something keeps
 *                          them apart;
 *   $BX_RENAME_MARK=FILE   each first creates FILE (a test waits for it to
 *                          know a commit has begun);
 *   $BX_FAIL_RENAME_AT=K   the K-th fails with ENOSPC (the undoing renames
 *                          after it go through);
 *   $BX_NO_EXCHANGE=1      renameat2 with RENAME_EXCHANGE fails with EINVAL,
 *                          as on a file system without it.
 *
 * Creating a temporary output (open with O_CREAT or mkdir of a name ending
 * in .tmp):
 *   $BX_SIGNAL_ON_CREATE=N the first one created sends signal N to the
 *                          process at once, before budgetx can note the
 *                          name (the moment a stray signal is likeliest to
 *                          leave a file no one removes). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static bool active;
static dev_t target_dev;
static long long limit = LLONG_MAX;
static atomic_llong written;

static ssize_t (*real_write)(int, const void *, size_t);
static FILE *(*real_fopen)(const char *, const char *);
static FILE *(*real_fopen64)(const char *, const char *);
static FILE *(*real_fdopen)(int, const char *);
static int (*real_rename)(const char *, const char *);
static int (*real_renameat)(int, const char *, int, const char *);
static int (*real_renameat2)(int, const char *, int, const char *, unsigned);
static long slow_ms, fail_at;
static const char *mark;
static bool no_exchange;
static atomic_long renames;
static int (*real_open)(const char *, int, ...);
static int (*real_open64)(const char *, int, ...);
static int (*real_mkdir)(const char *, mode_t);
static int signal_on_create;
static atomic_bool signalled;

static void setup(void)
{
    real_write = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    real_fopen = (FILE * (*)(const char *, const char *)) dlsym(RTLD_NEXT, "fopen");
    real_fopen64 = (FILE * (*)(const char *, const char *)) dlsym(RTLD_NEXT, "fopen64");
    real_fdopen = (FILE * (*)(int, const char *)) dlsym(RTLD_NEXT, "fdopen");
    real_rename = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    real_renameat = (int (*)(int, const char *, int, const char *))dlsym(RTLD_NEXT, "renameat");
    real_renameat2 =
        (int (*)(int, const char *, int, const char *, unsigned))dlsym(RTLD_NEXT, "renameat2");
    real_open = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
    real_open64 = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open64");
    real_mkdir = (int (*)(const char *, mode_t))dlsym(RTLD_NEXT, "mkdir");
    const char *sig = getenv("BX_SIGNAL_ON_CREATE");
    signal_on_create = sig && *sig ? (int)strtol(sig, NULL, 10) : 0;
    const char *at = getenv("BX_FAIL_RENAME_AT");
    fail_at = at && *at ? strtol(at, NULL, 10) : 0;
    mark = getenv("BX_RENAME_MARK");
    no_exchange = getenv("BX_NO_EXCHANGE") != NULL;
    const char *slow = getenv("BX_SLOW_RENAME_MS");
    if (slow && *slow) {
        slow_ms = strtol(slow, NULL, 10);
        srand((unsigned)getpid());
    }
    const char *dir = getenv("BX_FAILWRITE_DIR");
    const char *bytes = getenv("BX_FAILWRITE_BYTES");
    struct stat st;
    if (dir && stat(dir, &st) == 0) {
        target_dev = st.st_dev;
        active = true;
    }
    if (bytes && *bytes)
        limit = strtoll(bytes, NULL, 10);
}

static void init(void)
{
    pthread_once(&once, setup);
}

static bool counted(int fd)
{
    struct stat st;
    return active && fd > 2 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
           st.st_dev == target_dev;
}

/* write(2) within what is left of the limit. */
static ssize_t limited(int fd, const void *buf, size_t n)
{
    long long before = atomic_fetch_add(&written, (long long)n);
    if (before >= limit) {
        atomic_fetch_sub(&written, (long long)n);
        errno = ENOSPC;
        return -1;
    }
    size_t allowed = before + (long long)n > limit ? (size_t)(limit - before) : n;
    ssize_t r = real_write(fd, buf, allowed);
    atomic_fetch_sub(&written, (long long)n - (r > 0 ? r : 0));
    return r;
}

ssize_t write(int fd, const void *buf, size_t n)
{
    init();
    return counted(fd) ? limited(fd, buf, n) : real_write(fd, buf, n);
}

/* ---- streams ------------------------------------------------------------ */

static ssize_t stream_read(void *c, char *buf, size_t n)
{
    return read(*(int *)c, buf, n);
}

/* Like a file's stream: what does not go at once is written on until the
 * disk says no. */
static ssize_t stream_write(void *c, const char *buf, size_t n)
{
    size_t done = 0;
    while (done < n) {
        ssize_t r = limited(*(int *)c, buf + done, n - done);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        done += (size_t)r;
    }
    return done > 0 ? (ssize_t)done : -1;
}

static int stream_seek(void *c, off64_t *pos, int whence)
{
    off_t r = lseek(*(int *)c, (off_t)*pos, whence);
    if (r < 0)
        return -1;
    *pos = r;
    return 0;
}

static int stream_close(void *c)
{
    int r = close(*(int *)c);
    free(c);
    return r;
}

static bool writes(const char *mode)
{
    return strchr(mode, 'w') || strchr(mode, 'a') || strchr(mode, '+');
}

/* A counting stream over fd (which it then owns), or NULL. */
static FILE *counting(int fd, const char *mode)
{
    int *c = malloc(sizeof *c);
    if (!c)
        return NULL;
    *c = fd;
    cookie_io_functions_t io = {stream_read, stream_write, stream_seek, stream_close};
    FILE *f = fopencookie(c, mode, io);
    if (!f)
        free(c);
    else if (strchr(mode, 'a'))
        lseek(fd, 0, SEEK_END);
    return f;
}

/* f, or a counting stream over the same file in its place. */
static FILE *replaced(FILE *f, const char *mode)
{
    if (!f || !writes(mode) || !counted(fileno(f)))
        return f;
    int fd = dup(fileno(f));
    FILE *g = fd >= 0 ? counting(fd, mode) : NULL;
    if (!g) {
        if (fd >= 0)
            close(fd);
        return f;
    }
    fclose(f);
    return g;
}

FILE *fopen(const char *path, const char *mode)
{
    init();
    return replaced(real_fopen(path, mode), mode);
}

FILE *fopen64(const char *path, const char *mode)
{
    init();
    return replaced(real_fopen64(path, mode), mode);
}

FILE *fdopen(int fd, const char *mode)
{
    init();
    if (writes(mode) && counted(fd)) {
        FILE *f = counting(fd, mode);
        if (f)
            return f;
    }
    return real_fdopen(fd, mode);
}

/* ---- renames ------------------------------------------------------------ */

/* Before a rename: false when it is to fail. */
static bool dawdle(void)
{
    init();
    if (mark) {
        int fd = open(mark, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
        if (fd >= 0)
            close(fd);
    }
    if (slow_ms > 0) {
        long us = (long)(rand() % (slow_ms * 1000 + 1));
        struct timespec t = {us / 1000000, (us % 1000000) * 1000};
        nanosleep(&t, NULL);
    }
    if (atomic_fetch_add(&renames, 1) + 1 == fail_at) {
        errno = ENOSPC;
        return false;
    }
    return true;
}

int rename(const char *from, const char *to)
{
    return dawdle() ? real_rename(from, to) : -1;
}

int renameat(int at, const char *from, int to_at, const char *to)
{
    return dawdle() ? real_renameat(at, from, to_at, to) : -1;
}

int renameat2(int at, const char *from, int to_at, const char *to, unsigned flags)
{
    if (!dawdle())
        return -1;
    if (no_exchange && (flags & RENAME_EXCHANGE)) {
        errno = EINVAL;
        return -1;
    }
    return real_renameat2(at, from, to_at, to, flags);
}

__attribute__((destructor)) static void report(void)
{
    const char *to = getenv("BX_FAILWRITE_COUNT");
    if (!to)
        return;
    init();
    int fd = open(to, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
    if (fd < 0)
        return;
    char line[32];
    int n = snprintf(line, sizeof line, "%lld\n", (long long)atomic_load(&written));
    real_write(fd, line, (size_t)n);
    close(fd);
}

/* ---- creating temporary outputs ----------------------------------------- */

/* After path was created: the signal, the first time. */
static void created(const char *path, int result)
{
    size_t n = strlen(path);
    if (result >= 0 && signal_on_create && n > 4 && strcmp(path + n - 4, ".tmp") == 0 &&
        !atomic_exchange(&signalled, true))
        kill(getpid(), signal_on_create);
}

/* open(2) and open64 take a mode only with O_CREAT (or O_TMPFILE). */
static int opened(int (*real)(const char *, int, ...), const char *path, int flags, mode_t mode)
{
    int fd = real(path, flags, mode);
    if (flags & O_CREAT)
        created(path, fd);
    return fd;
}

int open(const char *path, int flags, ...)
{
    init();
    va_list ap;
    va_start(ap, flags);
    mode_t mode = (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
    va_end(ap);
    return opened(real_open, path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
    init();
    va_list ap;
    va_start(ap, flags);
    mode_t mode = (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
    va_end(ap);
    return opened(real_open64, path, flags, mode);
}

int mkdir(const char *path, mode_t mode)
{
    init();
    int r = real_mkdir(path, mode);
    created(path, r);
    return r;
}
