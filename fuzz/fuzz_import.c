/* libFuzzer harness: reading a workbook back (the dataset sheet, the
 * comparison of a table's sheet with it, pairing rows, reading values).
 * The input is two XML parts split at "\n--\n": the worksheet of 表3 支出总表
 * and the hidden sheet `budgetx`, with inline strings; they are zipped
 * with a fixed workbook, styles and relationships, read with the XLSX
 * reader and imported against the shenzhen-2024 layouts. Seeds:
 * tests/fuzz/import/ (a real workbook's two sheets, and edited ones). */
#include "fuzz_zip.h"
#include "import.h"
#include "layout.h"
#include "xlsx_read.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    /* the two worksheets from the input, the rest fixed */
    size_t zsize;
    uint8_t *zipped = bx_fuzz_split_zip(data, size, names, fixed, NPARTS, 2, &zsize);
    bx_xbook *book = bx_xbook_parse(zipped, zsize, "fuzz.xlsx", &err);
    bx_dataset *ds = book ? bx_workbook_dataset_of(book, find, NULL, NULL, &err) : NULL;
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
