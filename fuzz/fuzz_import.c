/* libFuzzer harness: reading a workbook back (the dataset sheet, the
 * comparison of a table's sheet with it, pairing rows, reading values).
 * The input is two XML parts split at "\n--\n": the worksheet of 表3 支出总表
 * and the hidden sheet `budgetx`, with inline strings; they are zipped
 * with a fixed workbook, styles and relationships, read with the XLSX
 * reader and imported against the shenzhen-2024 layouts. Seeds:
 * tests/fuzz/import/ (a real workbook's two sheets, and edited ones). */
#include "import.h"
#include "layout.h"
#include "xlsx_read.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKG "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\""

static const char *const names[] = {
    "xl/worksheets/sheet1.xml",
    "xl/worksheets/sheet2.xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "_rels/.rels",
    "xl/styles.xml",
};

static const char *const fixed[] = {
    "<worksheet " NS "><sheetData/></worksheet>",
    "<worksheet " NS "><sheetData/></worksheet>",
    "<workbook " NS " xmlns:r=\"" REL "\"><sheets><sheet name=\"表3 支出总表\" sheetId=\"1\" "
    "r:id=\"rId1\"/><sheet name=\"budgetx\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>"
    "</sheets></workbook>",
    "<Relationships " PKG "><Relationship Id=\"rId1\" Type=\"" REL "/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" REL "/worksheet\" "
    "Target=\"worksheets/sheet2.xml\"/><Relationship Id=\"rId3\" Type=\"" REL
    "/styles\" Target=\"styles.xml\"/></Relationships>",
    "<Relationships " PKG "><Relationship Id=\"rId1\" Type=\"" REL "/officeDocument\" "
    "Target=\"xl/workbook.xml\"/></Relationships>",
    "<styleSheet " NS "><cellXfs><xf/><xf><alignment indent=\"1\"/></xf>"
    "<xf><alignment indent=\"2\"/></xf></cellXfs></styleSheet>",
};

enum { NPARTS = sizeof names / sizeof names[0] };

static uint8_t *zip_parts(const char *part[NPARTS], const size_t len[NPARTS], size_t *size)
{
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, NULL);
    zip_t *zip = src ? zip_open_from_source(src, ZIP_TRUNCATE, NULL) : NULL;
    if (!zip)
        abort();
    zip_source_keep(src);
    for (int i = 0; i < NPARTS; i++) {
        zip_source_t *data = zip_source_buffer(zip, part[i], len[i], 0);
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

static bx_layout_set *set;

static const bx_layout_set *find(void *ctx, const char *name, bx_error *err)
{
    (void)ctx;
    if (strcmp(name, "shenzhen-2024") != 0) {
        bx_fail(err, NULL, BX_ERR_LAYOUT, "no layout set %s here", name);
        return NULL;
    }
    return set;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bx_error err;
    bx_error_clear(&err);
    if (!set && !(set = bx_layout_set_load(BX_FUZZ_LAYOUTS "/shenzhen-2024", &err)))
        abort();
    const char *part[NPARTS];
    size_t len[NPARTS];
    const char *at = (const char *)data, *end = at + size;
    for (int i = 0; i < NPARTS; i++) {
        part[i] = fixed[i];
        len[i] = strlen(fixed[i]);
        if (i >= 2 || !at)
            continue;
        const char *sep = NULL;
        for (const char *s = at; s + 4 <= end && !sep; s++)
            if (memcmp(s, "\n--\n", 4) == 0)
                sep = s;
        part[i] = at;
        len[i] = (size_t)((sep ? sep : end) - at);
        at = sep ? sep + 4 : NULL;
    }
    size_t zsize;
    uint8_t *zipped = zip_parts(part, len, &zsize);
    bx_xbook *book = bx_xbook_parse(zipped, zsize, "fuzz.xlsx", &err);
    bx_dataset *ds = book ? bx_workbook_dataset_of(book, find, NULL, &err) : NULL;
    if (getenv("BX_FUZZ_VERBOSE")) /* what a seed reaches */
        fprintf(stderr, "%s\n", ds ? "imported" : err.message);
    if (ds) {
        /* what import writes */
        for (size_t i = 0; i < ds->nmem; i++)
            (void)ds->mem[i].data[ds->mem[i].len];
    } else if (!bx_failed(&err)) {
        abort(); /* a failure always says why */
    }
    bx_dataset_free(ds);
    bx_xbook_free(book);
    free(zipped);
    return 0;
}
