#define _XOPEN_SOURCE 700
#include "test_util.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *line_at(const char *s, int n, size_t *len)
{
    for (int i = 0; i < n && s; i++) {
        s = strchr(s, '\n');
        if (s)
            s++;
    }
    if (!s || !*s)
        return NULL;
    const char *nl = strchr(s, '\n');
    *len = nl ? (size_t)(nl - s) : strlen(s);
    return s;
}

void bx_assert_text(const char *actual, const char *expected, const char *file, int line)
{
    if (actual && expected && strcmp(actual, expected) == 0)
        return;
    print_error("%s:%d: texts differ (- expected, + actual)\n", file, line);
    if (!actual || !expected) {
        print_error("  %s is NULL\n", actual ? "expected" : "actual");
        fail();
    }
    for (int i = 0;; i++) {
        size_t la = 0, le = 0;
        const char *a = line_at(actual, i, &la);
        const char *e = line_at(expected, i, &le);
        if (!a && !e)
            break;
        if (a && e && la == le && memcmp(a, e, la) == 0) {
            print_error("   %.*s\n", (int)la, a);
            continue;
        }
        if (e)
            print_error("  -%.*s\n", (int)le, e);
        if (a)
            print_error("  +%.*s\n", (int)la, a);
    }
    fail();
}

void bx_assert_contains(const char *haystack, const char *needle, const char *file, int line)
{
    if (haystack && strstr(haystack, needle))
        return;
    print_error("%s:%d: \"%s\" does not contain \"%s\"\n", file, line,
                haystack ? haystack : "(null)", needle);
    fail();
}

char *scratch_new(void)
{
    char tmpl[] = "/tmp/bx-test-XXXXXX";
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    return strdup(dir);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void scratch_free(char *dir)
{
    if (dir)
        nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

void scratch_write_n(const char *dir, const char *name, const char *data, size_t len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    for (char *p = path + strlen(dir) + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0777);
            *p = '/';
        }
    }
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

void scratch_write(const char *dir, const char *name, const char *contents)
{
    scratch_write_n(dir, name, contents, strlen(contents));
}
