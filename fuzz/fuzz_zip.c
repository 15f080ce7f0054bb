#include "fuzz_zip.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

uint8_t *bx_fuzz_zip(const char *const *names, const char *const *parts, const size_t *len, int n,
                     size_t *size)
{
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, NULL);
    zip_t *zip = src ? zip_open_from_source(src, ZIP_TRUNCATE, NULL) : NULL;
    if (!zip)
        abort();
    zip_source_keep(src);
    for (int i = 0; i < n; i++) {
        zip_source_t *data = zip_source_buffer(zip, parts[i], len[i], 0);
        zip_int64_t at = data ? zip_file_add(zip, names[i], data, 0) : -1;
        if (at < 0 || zip_set_file_compression(zip, (zip_uint64_t)at, ZIP_CM_STORE, 0) != 0)
            abort();
    }
    zip_stat_t st;
    if (zip_close(zip) != 0 || zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0)
        abort();
    uint8_t *out = malloc(st.size ? st.size : 1);
    if (!out || zip_source_read(src, out, st.size) != (zip_int64_t)st.size)
        abort();
    zip_source_close(src);
    zip_source_free(src);
    *size = st.size;
    return out;
}

uint8_t *bx_fuzz_split_zip(const uint8_t *data, size_t size, const char *const *names,
                           const char *const *defaults, int n, int most, size_t *out_size)
{
    enum { MAX_PARTS = 16 };
    const char *part[MAX_PARTS];
    size_t len[MAX_PARTS];
    const char *at = (const char *)data, *end = at + size;
    if (n > MAX_PARTS)
        abort();
    for (int i = 0; i < n; i++) {
        part[i] = defaults[i];
        len[i] = strlen(defaults[i]);
        if (i >= most || !at)
            continue;
        const char *sep = NULL;
        for (const char *s = at; s + 4 <= end && !sep; s++)
            if (memcmp(s, "\n--\n", 4) == 0)
                sep = s;
        part[i] = at;
        len[i] = (size_t)((sep ? sep : end) - at);
        at = sep ? sep + 4 : NULL;
    }
    return bx_fuzz_zip(names, part, len, n, out_size);
}
