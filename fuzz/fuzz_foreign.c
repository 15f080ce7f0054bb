/* libFuzzer harness: reading a workbook budgetx did not write by its
 * titles and headings (foreign.c, foreign_sheet.c: recognising sheets,
 * reading title blocks, finding headers, pairing columns, redrawing,
 * then the reader of our own). The input is four XML parts split at
 * "\n--\n": three worksheets and the shared strings; they are zipped with
 * a fixed workbook, styles (number formats, indents) and relationships,
 * and read as tables of shenzhen-2024 cut to three of its tables — 表1
 * (a ledger), 表3 (a grid with codes) and 表12 (a form) — so that a
 * workbook of three sheets can hold all of them. Seeds: tests/fuzz/foreign/
 * (an office's workbook of those three, tests/tools/office_books.py). */
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
#define SHEET_REL(n)                                                                               \
    "<Relationship Id=\"rId" #n "\" Type=\"" REL "/worksheet\" Target=\"worksheets/sheet" #n       \
    ".xml\"/>"

static const char *const names[] = {
    "xl/worksheets/sheet1.xml",
    "xl/worksheets/sheet2.xml",
    "xl/worksheets/sheet3.xml",
    "xl/sharedStrings.xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "_rels/.rels",
    "xl/styles.xml",
};

static const char *const fixed[] = {
    "<worksheet " NS "><sheetData/></worksheet>",
    "<worksheet " NS "><sheetData/></worksheet>",
    "<worksheet " NS "><sheetData/></worksheet>",
    "<sst " NS "/>",
    "<workbook " NS " xmlns:r=\"" REL "\"><sheets>"
    "<sheet name=\"表1 收支总表\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"表3 支出总表\" sheetId=\"2\" r:id=\"rId2\"/>"
    "<sheet name=\"表12 整体支出绩效目标表\" sheetId=\"3\" r:id=\"rId3\"/></sheets></workbook>",
    "<Relationships " PKG ">" SHEET_REL(1) SHEET_REL(2)
        SHEET_REL(3) "<Relationship Id=\"rId4\" Type=\"" REL
                     "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                     "<Relationship Id=\"rId5\" Type=\"" REL
                     "/styles\" Target=\"styles.xml\"/></Relationships>",
    "<Relationships " PKG "><Relationship Id=\"rId1\" Type=\"" REL "/officeDocument\" "
    "Target=\"xl/workbook.xml\"/></Relationships>",
    "<styleSheet " NS "><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"#,##0.00\"/>"
    "</numFmts><cellXfs><xf/><xf><alignment indent=\"1\"/></xf><xf><alignment indent=\"2\"/></xf>"
    "<xf numFmtId=\"164\"/><xf numFmtId=\"3\"/></cellXfs></styleSheet>",
};

enum { NPARTS = sizeof names / sizeof names[0] };

static bx_layout_set *set;

static const bx_layout_set *find(void *ctx, const char *name, bx_error *err)
{
    (void)ctx;
    if (strcmp(name, "fuzz") != 0) {
        bx_fail(err, NULL, BX_ERR_LAYOUT, "no layout set %s here", name);
        return NULL;
    }
    return set;
}

/* shenzhen-2024 with three of its tables: 表1, 表3, 表12. */
static bx_layout_set *three_tables(void)
{
    bx_error err;
    bx_error_clear(&err);
    bx_layout_set *s = bx_layout_set_load(BX_FUZZ_LAYOUTS "/shenzhen-2024", &err);
    if (!s)
        abort();
    const int keep[] = {1, 3, 12};
    size_t n = 0;
    for (size_t k = 0; k < 3; k++)
        for (size_t i = 0; i < s->ntables; i++)
            if (s->tables[i].number == keep[k])
                s->tables[n++] = s->tables[i];
    if (n != 3)
        abort();
    s->ntables = n;
    s->nchecks = 0; /* the set's checks name the other tables */
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bx_error err;
    bx_error_clear(&err);
    if (!set)
        set = three_tables();
    size_t zsize;
    uint8_t *zipped = bx_fuzz_split_zip(data, size, names, fixed, NPARTS, 4, &zsize);
    bx_xbook *book = bx_xbook_parse(zipped, zsize, "fuzz.xlsx", &err);
    bx_foreign_hints hints = {"fuzz", NULL, 0, NULL};
    bx_dataset *ds = book ? bx_workbook_dataset_of(book, find, NULL, &hints, &err) : NULL;
    if (getenv("BX_FUZZ_VERBOSE")) /* what a seed reaches */
        fprintf(stderr, "%s\n", ds ? "imported" : err.message);
    if (ds) {
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
