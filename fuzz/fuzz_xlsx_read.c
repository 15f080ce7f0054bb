/* libFuzzer harness: the XLSX reader. An input starting with "PK" is read as
 * a workbook as it is (the zip layer: directory, sizes, CRCs). Any other
 * input is split at "\n--\n" into XML parts (the sheet first, the ones it
 * leaves out taken from a small valid workbook) and zipped up here, so that
 * mutations reach expat and the part parsers past the CRCs. */
#include "fuzz_zip.h"
#include "text.h"
#include "xlsx_read.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKG "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\""

static const char *const names[] = {
    "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",       "xl/styles.xml",
    "xl/workbook.xml",          "xl/_rels/workbook.xml.rels", "_rels/.rels",
    "docProps/custom.xml",      "xl/worksheets/sheet2.xml",
};

static const char *const defaults[] = {
    "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c s=\"1\">"
    "<v>1.5</v></c></row></sheetData><mergeCells><mergeCell ref=\"A1:B2\"/></mergeCells>"
    "</worksheet>",
    "<sst " NS "><si><t>a</t></si><si><r><t>b</t></r><rPh><t>c</t></rPh></si></sst>",
    "<styleSheet " NS "><cellXfs><xf/><xf><alignment indent=\"1\"/></xf></cellXfs></styleSheet>",
    "<workbook " NS " xmlns:r=\"" REL "\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"T\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/></sheets></workbook>",
    "<Relationships " PKG "><Relationship Id=\"rId1\" Type=\"" REL "/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" REL "/worksheet\" "
    "Target=\"/xl/worksheets/sheet2.xml\"/><Relationship Id=\"rId3\" Type=\"" REL
    "/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId4\" Type=\"" REL
    "/styles\" Target=\"styles.xml\"/></Relationships>",
    "<Relationships " PKG "><Relationship Id=\"rId1\" Type=\"" REL "/officeDocument\" "
    "Target=\"xl/workbook.xml\"/><Relationship Id=\"rId2\" Type=\"" REL "/custom-properties\" "
    "Target=\"docProps/custom.xml\"/></Relationships>",
    "<Properties xmlns:vt=\"v\"><property name=\"k\"><vt:lpwstr>v</vt:lpwstr></property>"
    "</Properties>",
    "<worksheet " NS "><sheetData/></worksheet>",
};

enum { NPARTS = sizeof names / sizeof names[0] };

static void touch(const bx_xbook *book)
{
    char ref[32];
    for (size_t i = 0; i < book->nsheets; i++) {
        const bx_xsheet *s = &book->sheets[i];
        for (size_t k = 0; k < s->ncells; k++) {
            const bx_xcell *c = &s->cells[k];
            (void)c->text[strlen(c->text)];
            (void)bx_xbook_indent(book, c->style);
            (void)bx_cell_ref(c->row, c->col, ref, sizeof ref);
            if (bx_xsheet_cell(s, c->row, c->col) != c)
                abort(); /* sorted, each position once */
        }
        for (size_t k = 0; k < s->nmerges; k++)
            if (s->merges[k].last_row >= s->nrows || s->merges[k].last_col >= s->ncols)
                abort();
        if (bx_xbook_sheet(book, s->name) == NULL)
            abort();
    }
    for (size_t i = 0; i < book->nprops; i++)
        (void)bx_xbook_property(book, book->props[i].name);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *zipped = NULL;
    if (size < 2 || memcmp(data, "PK", 2) != 0) {
        zipped = bx_fuzz_split_zip(data, size, names, defaults, NPARTS, NPARTS, &size);
        data = zipped;
    }
    bx_error err;
    bx_error_clear(&err);
    bx_xbook *book = bx_xbook_parse(data, size, "fuzz.xlsx", &err);
    if (book)
        touch(book);
    else if (err.status == BX_OK || err.message[0] == '\0')
        abort(); /* a failure always says why */
    bx_xbook_free(book);
    free(zipped);
    return 0;
}
