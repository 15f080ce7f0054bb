/* Run a libFuzzer harness over files, without libFuzzer: the regression
 * inputs and seed corpora become ordinary tests of the normal (and the
 * sanitizer) build.   replay FILE|DIR…
 *
 * Every argument must exist and hold at least one input (a file, or a
 * folder with files in it, at any depth): a mistyped or emptied corpus
 * folder is an error, not a test that passes having run nothing. */
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The whole file in a malloc'ed buffer (never NULL on success, even for an
 * empty file), its size in *size; NULL on an error, reported. */
static uint8_t *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        uint8_t *grown = realloc(buf, cap *= 2);
        if (!grown)
            free(buf);
        buf = grown;
    }
    bool failed = !buf || ferror(f);
    fclose(f);
    if (failed) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        free(buf);
        return NULL;
    }
    *size = n;
    return buf;
}

static int run_file(const char *path)
{
    size_t size;
    uint8_t *buf = read_file(path, &size);
    if (!buf)
        return 1;
    /* named first, so that a crash shows which input it was */
    printf("Running: %s\n", path);
    fflush(stdout);
    LLVMFuzzerTestOneInput(buf, size);
    free(buf);
    return 0;
}

static int run_path(const char *path, int *count)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: no %s\n", path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        ++*count;
        return run_file(path);
    }
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "replay: cannot read the folder %s\n", path);
        return 1;
    }
    int rc = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        char child[4096];
        if (snprintf(child, sizeof child, "%s/%s", path, e->d_name) >= (int)sizeof child) {
            fprintf(stderr, "replay: path too long: %s/%s\n", path, e->d_name);
            rc = 1;
            continue;
        }
        rc |= run_path(child, count);
    }
    closedir(d);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|DIR…\n", argv[0]);
        return 2;
    }
    int rc = 0, total = 0;
    for (int i = 1; i < argc; i++) {
        int count = 0;
        if (run_path(argv[i], &count) != 0)
            rc = 1;
        else if (count == 0) {
            fprintf(stderr, "replay: no input in %s\n", argv[i]);
            rc = 1;
        }
        total += count;
    }
    printf("replayed %d inputs\n", total);
    return rc;
}
