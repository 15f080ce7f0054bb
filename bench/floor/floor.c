/* The physical floor of one render: the least work that writes the same
 * bytes — every deflated stream of the PDF deflated again with libdeflate
 * at budgetx's level, every part of the workbook with zlib at
 * libxlsxwriter's, the rest copied — into two files. bench/run prepares
 * the payloads from budgetx's own output (untimed) and times this program
 * as it times budgetx: the whole process.
 *
 *   floor MANIFEST OUT_DIR
 *
 * MANIFEST lines: "pdf|xlsx  deflate|zlib|raw  FILE" (FILE relative to the
 * manifest's folder), in output order. */
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *p = malloc((size_t)n + 1);
    if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
        free(p);
        p = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return p;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: floor MANIFEST OUT_DIR\n");
        return 2;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", argv[1]);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        strcpy(dir, ".");
    mkdir(argv[2], 0777); /* as budgetx makes OUT_DIR */
    FILE *m = fopen(argv[1], "r");
    char pdf_path[4096], xlsx_path[4096];
    snprintf(pdf_path, sizeof pdf_path, "%s/floor.pdf", argv[2]);
    snprintf(xlsx_path, sizeof xlsx_path, "%s/floor.xlsx", argv[2]);
    FILE *pdf = fopen(pdf_path, "wb"), *xlsx = fopen(xlsx_path, "wb");
    struct libdeflate_compressor *ld = libdeflate_alloc_compressor(6);
    if (!m || !pdf || !xlsx || !ld) {
        fprintf(stderr, "floor: cannot open %s or %s\n", argv[1], argv[2]);
        return 1;
    }
    char line[4200], target[16], how[16], name[4096];
    while (fgets(line, sizeof line, m)) {
        if (sscanf(line, "%15s %15s %4095s", target, how, name) != 3)
            continue;
        char path[8300];
        snprintf(path, sizeof path, "%s/%s", dir, name);
        size_t n;
        unsigned char *data = slurp(path, &n);
        if (!data) {
            fprintf(stderr, "floor: cannot read %s\n", path);
            return 1;
        }
        FILE *to = strcmp(target, "pdf") == 0 ? pdf : xlsx;
        if (strcmp(how, "raw") == 0) {
            fwrite(data, 1, n, to);
        } else if (strcmp(how, "deflate") == 0) {
            size_t cap = libdeflate_zlib_compress_bound(ld, n);
            unsigned char *out = malloc(cap);
            size_t k = libdeflate_zlib_compress(ld, data, n, out, cap);
            fwrite(out, 1, k, to);
            free(out);
        } else {
            uLongf cap = compressBound((uLong)n);
            unsigned char *out = malloc(cap);
            compress2(out, &cap, data, (uLong)n, Z_DEFAULT_COMPRESSION);
            fwrite(out, 1, cap, to);
            free(out);
        }
        free(data);
    }
    libdeflate_free_compressor(ld);
    fclose(m);
    return fclose(pdf) == 0 && fclose(xlsx) == 0 ? 0 : 1;
}
