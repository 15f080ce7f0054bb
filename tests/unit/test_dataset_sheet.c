/* The dataset sheet read back (dataset_sheet.h): rows and CSVs as budgetx
 * writes them, and what a hostile workbook declares without holding it —
 * refused before anything that size is allocated. The workbooks are
 * zipped here from XML parts. */
#include "test_util.h"

#include "arena.h"
#include "dataset_sheet.h"
#include "fuzz_zip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKG "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\""

/* An inline string cell. */
#define IS(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"
#define HEADER "<row r=\"1\">" IS("A1", "budgetx") IS("B1", "3") "</row>"

/* The workbook of one hidden sheet `budgetx` with these rows and shared
 * strings; caller frees. */
static bx_xbook *book_of(const char *rows, const char *sst)
{
    size_t nrows = strlen(rows), cap = nrows + 256;
    char *sheet = malloc(cap);
    assert_non_null(sheet);
    snprintf(sheet, cap, "<worksheet " NS "><sheetData>%s</sheetData></worksheet>", rows);
    const char *names[] = {"_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                           "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"};
    const char *parts[] = {
        "<Relationships " PKG "><Relationship Id=\"rId1\" Type=\"" REL
        "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
        "<workbook " NS " xmlns:r=\"" REL "\"><sheets><sheet name=\"budgetx\" sheetId=\"1\" "
        "state=\"hidden\" r:id=\"rId1\"/></sheets></workbook>",
        "<Relationships " PKG "><Relationship Id=\"rId1\" Type=\"" REL
        "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" REL
        "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>",
        sheet,
        sst ? sst : "<sst " NS "/>",
    };
    size_t len[5], size;
    for (int i = 0; i < 5; i++)
        len[i] = strlen(parts[i]);
    uint8_t *zip = bx_fuzz_zip(names, parts, len, 5, &size);
    bx_error err;
    bx_error_clear(&err);
    bx_xbook *book = bx_xbook_parse(zip, size, "t.xlsx", &err);
    if (!book)
        print_error("%s\n", err.message);
    assert_non_null(book);
    free(zip);
    free(sheet);
    return book;
}

/* The message reading the sheet gives ("" if none). */
static const char *read_error(const char *rows, const char *sst)
{
    static char out[2048];
    bx_xbook *book = book_of(rows, sst);
    bx_arena *a = bx_arena_new();
    bx_carried_book cb;
    bx_error err;
    bx_error_clear(&err);
    bool ok = bx_carried_read(book, a, &cb, &err);
    assert_true(ok == (err.status == BX_OK));
    if (ok)
        out[0] = '\0';
    else
        bx_error_format(&err, out, sizeof out);
    bx_arena_free(a);
    bx_xbook_free(book);
    return out;
}

static void reads_rows_and_csvs(void **state)
{
    (void)state;
    const char *rows = HEADER "<row r=\"2\">" IS("A2", "unit") IS(
        "B2",
        "某局") "</row>"
                "<row r=\"3\">" IS("A3", "field") IS("B3", "长") IS(
                    "C3",
                    "甲") "</row>"
                          "<row r=\"4\">" IS("A4", "+") IS(
                              "C4",
                              "乙") "</row>"
                                    "<row r=\"5\">" IS("A5", "+") IS(
                                        "C5",
                                        "丙") "</row>"
                                              "<row r=\"6\">" IS("A6", "csv")
                                                  IS("B6",
                                                     "a.csv") IS("C6", "a.csv")
                                                      IS("D6",
                                                         "8") "</row>"
                                                              "<row r=\"7\">" IS("A7", "text") IS(
                                                                  "B7",
                                                                  "x,y\n1,") "</row>"
                                                                             "<row r=\"8\">" IS(
                                                                                 "A8", "text")
                                                                                 IS("B8",
                                                                                    "2\n") "</row>"
                                                                                           "<row "
                                                                                           "r="
                                                                                           "\"9\""
                                                                                           ">" IS(
                                                                                               "A9",
                                                                                               "fie"
                                                                                               "ld")
                                                                                               IS("C9",
                                                                                                  "无键") "</row>";
    bx_xbook *book = book_of(rows, NULL);
    bx_arena *a = bx_arena_new();
    bx_carried_book cb;
    bx_error err;
    bx_error_clear(&err);
    assert_true(bx_carried_read(book, a, &cb, &err));
    assert_int_equal(cb.nrows, 3);
    assert_string_equal(cb.rows[0].tag, "unit");
    assert_int_equal(cb.rows[1].n, 2);
    assert_string_equal(cb.rows[1].texts[1], "甲乙丙");
    assert_int_equal(cb.rows[2].n, 2); /* one empty column before its last text */
    assert_string_equal(cb.rows[2].texts[0], "");
    assert_int_equal(cb.rows[2].index, 8);
    assert_int_equal(cb.ncsvs, 1);
    assert_int_equal(cb.csvs[0].len, 8);
    assert_string_equal(cb.csvs[0].text, "x,y\n1,2\n");
    bx_arena_free(a);
    bx_xbook_free(book);
}

/* A "csv" row's size is believed only once its text rows hold it. */
static void declared_sizes_are_checked(void **state)
{
    (void)state;
    assert_string_equal(
        read_error(HEADER "<row r=\"2\">" IS("A2", "csv") IS("B2", "a.csv") IS("C2", "a.csv")
                       IS("D2", "67108864") "</row>"
                                            "<row r=\"3\">" IS("A3", "text")
                                                IS("B3", "x\n") "</row>"
                                                                "<row r=\"4\">" IS("A4", "csv") IS(
                                                                    "B4", "b.csv") IS("C4", "b.csv")
                                                                    IS("D4", "67108864") "</row>",
                   NULL),
        "t.xlsx: 工作表“budgetx”中“a.csv”的数据不完整，无法读回");
    assert_string_equal(
        read_error(HEADER "<row r=\"2\">" IS("A2", "csv") IS("B2", "a.csv") IS("C2", "a.csv")
                       IS("D2", "1") "</row>"
                                     "<row r=\"3\">" IS("A3", "text") IS("B3", "x\n") "</row>",
                   NULL),
        "t.xlsx: 工作表“budgetx”第 3 行已被改动，无法读回");
}

/* A row costs a pointer per text it holds, not one per column up to its
 * last: a text in XFD makes it a changed row. */
static void sparse_rows_are_refused(void **state)
{
    (void)state;
    assert_string_equal(read_error(HEADER "<row r=\"2\">" IS("A2", "field") IS("B2", "k")
                                       IS("XFD2", "v") "</row>",
                                   NULL),
                        "t.xlsx: 工作表“budgetx”第 2 行已被改动，无法读回");
}

/* One shared string of 255 KB in `refs` "+" rows after a field row (each
 * row in one of `fields` field rows): small XML, joined texts of any size. */
static const char *joined_error(int fields, int refs)
{
    enum { PIECE = 255 * 1024 };
    char *sst = malloc(PIECE + 256);
    assert_non_null(sst);
    int at = snprintf(sst, 256, "<sst " NS "><si><t>");
    memset(sst + at, 'x', PIECE);
    strcpy(sst + at + PIECE, "</t></si></sst>");
    size_t cap = (size_t)fields * (size_t)(refs + 1) * 160 + 256, n = 0;
    char *rows = malloc(cap);
    assert_non_null(rows);
    n += (size_t)snprintf(rows, cap, "%s", HEADER);
    int r = 2;
    for (int f = 0; f < fields; f++) {
        n += (size_t)snprintf(rows + n, cap - n,
                              "<row r=\"%d\">" IS("A%d", "field")
                                  IS("B%d", "k%d") "<c r=\"C%d\" t=\"s\"><v>0</v></c></row>",
                              r, r, r, f, r);
        r++;
        for (int k = 0; k < refs; k++, r++)
            n +=
                (size_t)snprintf(rows + n, cap - n,
                                 "<row r=\"%d\">" IS("A%d", "+") "<c r=\"C%d\" t=\"s\"><v>0</v></c>"
                                                                 "</row>",
                                 r, r, r);
    }
    assert_true(n < cap);
    const char *e = read_error(rows, sst);
    free(rows);
    free(sst);
    return e;
}

/* A text joined from "+" rows is at most a file's 64 MB, and everything
 * copied out of the sheet at most BX_CARRY_MAX_BYTES. */
static void joined_texts_are_bounded(void **state)
{
    (void)state;
    assert_string_equal(joined_error(1, 10), ""); /* 2.8 MB: fine */
    assert_string_equal(joined_error(1, 400),
                        "t.xlsx: 工作表“budgetx”第 2 行的文字超过 64 MB 的上限，无法读回");
    /* five texts of 54 MB: the fifth is over 256 MB in all */
    assert_string_equal(joined_error(5, 216),
                        "t.xlsx: 工作表“budgetx”第 870 行：数据共超过 256 MB 的上限，无法读回");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_rows_and_csvs),
        cmocka_unit_test(declared_sizes_are_checked),
        cmocka_unit_test(sparse_rows_are_refused),
        cmocka_unit_test(joined_texts_are_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
