/* The XLSX reader: workbooks zipped here from XML parts (as Excel, WPS and
 * LibreOffice write them, and broken ones), and one written by
 * libxlsxwriter, read back. */
#include "test_util.h"

#include "text.h"
#include "xlsx_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include <zip.h>

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKG "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\""
/* Strict OOXML's */
#define SNS "xmlns=\"http://purl.oclc.org/ooxml/spreadsheetml/main\""
#define SREL "http://purl.oclc.org/ooxml/officeDocument/relationships"
#define SHEET(rows) "<worksheet " NS "><sheetData>" rows "</sheetData></worksheet>"

typedef struct part {
    const char *name, *xml;
} part;

/* A workbook with one sheet, 表1, whose parts the tests replace. */
static const part base[] = {
    {"[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                            "content-types\"/>"},
    {"_rels/.rels", "<Relationships " PKG "><Relationship Id=\"rId1\" Type=\"" REL
                    "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
    {"xl/workbook.xml", "<workbook " NS " xmlns:r=\"" REL "\"><sheets>"
                        "<sheet name=\"表1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
    {"xl/_rels/workbook.xml.rels",
     "<Relationships " PKG "><Relationship Id=\"rId1\" Type=\"" REL
     "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" REL
     "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"},
    {"xl/sharedStrings.xml", "<sst " NS "><si><t>项目</t></si></sst>"},
    {"xl/worksheets/sheet1.xml", SHEET("")},
};
enum { NBASE = sizeof base / sizeof base[0] };

/* A zip of the entries, in memory; caller frees. */
static unsigned char *zip_entries(const part *parts, size_t n, size_t *size)
{
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, NULL);
    assert_non_null(src);
    zip_t *zip = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
    assert_non_null(zip);
    zip_source_keep(src);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *data = zip_source_buffer(zip, parts[i].xml, strlen(parts[i].xml), 0);
        assert_non_null(data);
        assert_true(zip_file_add(zip, parts[i].name, data, 0) >= 0);
    }
    assert_int_equal(zip_close(zip), 0);
    zip_stat_t st;
    assert_int_equal(zip_source_stat(src, &st), 0);
    assert_int_equal(zip_source_open(src), 0);
    unsigned char *out = malloc(st.size);
    assert_non_null(out);
    assert_int_equal(zip_source_read(src, out, st.size), (zip_int64_t)st.size);
    zip_source_close(src);
    zip_source_free(src);
    *size = st.size;
    return out;
}

/* The base workbook with `parts` added or replacing its own (xml NULL:
 * left out), read from memory as "t.xlsx". */
static bx_xbook *read_parts(const part *parts, size_t n, bx_error *err)
{
    part all[NBASE + 16];
    size_t count = 0;
    assert_true(n <= 16);
    for (size_t i = 0; i < NBASE; i++) {
        bool replaced = false;
        for (size_t k = 0; k < n; k++)
            replaced |= strcmp(parts[k].name, base[i].name) == 0;
        if (!replaced)
            all[count++] = base[i];
    }
    for (size_t k = 0; k < n; k++)
        if (parts[k].xml)
            all[count++] = parts[k];
    size_t size;
    unsigned char *data = zip_entries(all, count, &size);
    bx_error_clear(err);
    bx_xbook *book = bx_xbook_parse(data, size, "t.xlsx", err);
    free(data);
    return book;
}

static bx_xbook *read_sheet(const char *sheet_xml, const char *sst_xml)
{
    part parts[] = {{"xl/worksheets/sheet1.xml", sheet_xml},
                    {"xl/sharedStrings.xml", sst_xml ? sst_xml : base[4].xml}};
    bx_error err;
    bx_xbook *book = read_parts(parts, 2, &err);
    if (!book)
        print_error("%s\n", err.message);
    assert_non_null(book);
    return book;
}

static const char *error_of_parts(const part *parts, size_t n)
{
    static char out[2048];
    bx_error err;
    bx_xbook *book = read_parts(parts, n, &err);
    assert_null(book);
    bx_error_format(&err, out, sizeof out);
    return out;
}

static const char *error_of_sheet(const char *sheet_xml)
{
    part parts[] = {{"xl/worksheets/sheet1.xml", sheet_xml}};
    return error_of_parts(parts, 1);
}

static const bx_xcell *cell(const bx_xsheet *s, int row, int col)
{
    const bx_xcell *c = bx_xsheet_cell(s, row, col);
    if (!c)
        print_error("no cell at row %d col %d\n", row, col);
    assert_non_null(c);
    return c;
}

static void assert_cell(const bx_xsheet *s, const char *ref, bx_xtype type, const char *text)
{
    int col = ref[0] - 'A', row = atoi(ref + 1) - 1;
    const bx_xcell *c = cell(s, row, col);
    assert_int_equal(c->type, type);
    assert_text(c->text, text);
}

static void shared_strings_rich_text_without_phonetic(void **state)
{
    (void)state;
    bx_xbook *book = read_sheet(
        SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
              "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c>"
              "<c r=\"E1\" t=\"s\"><v>4</v></c><c r=\"F1\" t=\"s\"><v>5</v></c></row>"),
        "<sst " NS " count=\"6\" uniqueCount=\"6\"><si><t>一般公共预算</t></si>"
        "<si><r><rPr><b/></rPr><t>基本</t></r><r><t xml:space=\"preserve\">支出 </t></r>"
        "<rPh sb=\"0\" eb=\"2\"><t>きほん</t></rPh><phoneticPr fontId=\"1\"/></si>"
        "<si><t>第一行_x000D_\n第二行</t></si>"
        "<si><t>_x005F_x000D_ 照写</t></si>"
        "<si><t>_x12G4_ _x0000_ _xD800_ 照写</t></si>"
        "<si><t>_xD83D__xDE00_</t></si></sst>");
    const bx_xsheet *s = &book->sheets[0];
    assert_cell(s, "A1", BX_X_STRING, "一般公共预算");
    assert_cell(s, "B1", BX_X_STRING, "基本支出 ");
    assert_cell(s, "C1", BX_X_STRING, "第一行\r\n第二行");
    assert_cell(s, "D1", BX_X_STRING, "_x000D_ 照写");
    assert_cell(s, "E1", BX_X_STRING, "_x12G4_ _x0000_ _xD800_ 照写");
    assert_cell(s, "F1", BX_X_STRING, "\xF0\x9F\x98\x80");
    bx_xbook_free(book);
}

static void inline_strings(void **state)
{
    (void)state;
    bx_xbook *book = read_sheet(
        SHEET("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>合计_x000A_</t></is></c>"
              "<c r=\"B2\" t=\"inlineStr\"><is><r><t>内联</t></r><r><t>文字</t></r>"
              "<rPh><t>x</t></rPh></is></c><c r=\"C2\" t=\"inlineStr\"><is><t/></is></c></row>"),
        NULL);
    const bx_xsheet *s = &book->sheets[0];
    assert_cell(s, "A2", BX_X_STRING, "合计\n");
    assert_cell(s, "B2", BX_X_STRING, "内联文字");
    assert_cell(s, "C2", BX_X_STRING, "");
    assert_false(cell(s, 1, 0)->formula);
    bx_xbook_free(book);
}

static void values_and_formulas(void **state)
{
    (void)state;
    bx_xbook *book = read_sheet(
        SHEET("<row r=\"1\"><c r=\"A1\"><v>1234.5</v></c><c r=\"B1\" t=\"n\"><v>1E-3</v></c>"
              "<c r=\"C1\"><f>A1*2</f><v>2469</v></c><c r=\"D1\"><f>A1</f></c>"
              "<c r=\"E1\" t=\"str\"><f>\"a\"&amp;\"b\"</f><v>ab</v></c>"
              "<c r=\"F1\" t=\"b\"><v>1</v></c><c r=\"G1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
              "<c r=\"H1\" s=\"2\"/><c r=\"I1\"/><c r=\"J1\" t=\"str\"><f>\"\"</f><v></v></c>"
              "<c r=\"K1\" t=\"b\"><v>0</v></c></row>"),
        NULL);
    const bx_xsheet *s = &book->sheets[0];
    assert_cell(s, "A1", BX_X_NUMBER, "1234.5");
    assert_cell(s, "B1", BX_X_NUMBER, "1E-3");
    assert_false(cell(s, 0, 0)->formula);
    assert_cell(s, "C1", BX_X_NUMBER, "2469");
    assert_true(cell(s, 0, 2)->formula);
    assert_true(cell(s, 0, 2)->cached);
    assert_cell(s, "D1", BX_X_EMPTY, "");
    assert_true(cell(s, 0, 3)->formula);
    assert_false(cell(s, 0, 3)->cached);
    assert_cell(s, "E1", BX_X_STRING, "ab");
    assert_cell(s, "F1", BX_X_BOOL, "1");
    assert_cell(s, "G1", BX_X_ERROR, "#DIV/0!");
    assert_true(cell(s, 0, 6)->cached);
    assert_cell(s, "H1", BX_X_EMPTY, "");
    assert_int_equal(cell(s, 0, 7)->style, 2);
    assert_null(bx_xsheet_cell(s, 0, 8)); /* no value, no style: not kept */
    assert_cell(s, "J1", BX_X_STRING, "");
    assert_true(cell(s, 0, 9)->cached);
    assert_cell(s, "K1", BX_X_BOOL, "0");
    assert_int_equal(s->ncells, 10);
    assert_int_equal(s->nrows, 1);
    assert_int_equal(s->ncols, 11);
    bx_xbook_free(book);
}

static void cells_and_rows_without_r(void **state)
{
    (void)state;
    bx_xbook *book = read_sheet(SHEET("<row><c><v>1</v></c><c><v>2</v></c></row>"
                                      "<row r=\"5\"><c><v>3</v></c><c r=\"D5\"><v>4</v></c>"
                                      "<c><v>5</v></c></row><row><c><v>6</v></c></row>"),
                                NULL);
    const bx_xsheet *s = &book->sheets[0];
    assert_cell(s, "A1", BX_X_NUMBER, "1");
    assert_cell(s, "B1", BX_X_NUMBER, "2");
    assert_cell(s, "A5", BX_X_NUMBER, "3");
    assert_cell(s, "D5", BX_X_NUMBER, "4");
    assert_cell(s, "E5", BX_X_NUMBER, "5");
    assert_cell(s, "A6", BX_X_NUMBER, "6");
    assert_int_equal(s->ncells, 6);
    bx_xbook_free(book);
}

static void rows_out_of_order_are_sorted(void **state)
{
    (void)state;
    bx_xbook *book = read_sheet(SHEET("<row r=\"3\"><c r=\"B3\"><v>3</v></c><c r=\"A3\"><v>2</v>"
                                      "</c></row><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"),
                                NULL);
    const bx_xsheet *s = &book->sheets[0];
    assert_int_equal(s->ncells, 3);
    assert_string_equal(s->cells[0].text, "1");
    assert_string_equal(s->cells[1].text, "2");
    assert_string_equal(s->cells[2].text, "3");
    assert_null(bx_xsheet_cell(s, 1, 0));
    bx_xbook_free(book);
}

/* Every element prefixed, as some generators write; other prefixes for
 * the relationships' namespace. */
static void namespace_prefixes(void **state)
{
    (void)state;
    const char *x = "xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
    char workbook[512], sheet[512], sst[256];
    snprintf(workbook, sizeof workbook,
             "<x:workbook %s xmlns:rel=\"" REL "\"><x:sheets><x:sheet name=\"表1\" "
             "sheetId=\"1\" rel:id=\"rId1\"/></x:sheets></x:workbook>",
             x);
    snprintf(sheet, sizeof sheet,
             "<x:worksheet %s><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v>"
             "</x:c><x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>乙</x:t></x:is></x:c></x:row>"
             "</x:sheetData><x:mergeCells><x:mergeCell ref=\"A2:B2\"/></x:mergeCells>"
             "</x:worksheet>",
             x);
    snprintf(sst, sizeof sst, "<x:sst %s><x:si><x:r><x:t>甲</x:t></x:r></x:si></x:sst>", x);
    part parts[] = {
        {"xl/workbook.xml", workbook},
        {"xl/worksheets/sheet1.xml", sheet},
        {"xl/sharedStrings.xml", sst},
        {"xl/_rels/workbook.xml.rels",
         "<p:Relationships xmlns:p=\"http://schemas.openxmlformats.org/package/2006/"
         "relationships\"><p:Relationship Id=\"rId1\" Type=\"" REL "/worksheet\" "
         "Target=\"worksheets/sheet1.xml\"/><p:Relationship Id=\"rId2\" Type=\"" REL
         "/sharedStrings\" Target=\"sharedStrings.xml\"/></p:Relationships>"},
    };
    bx_error err;
    bx_xbook *book = read_parts(parts, 4, &err);
    assert_non_null(book);
    const bx_xsheet *s = bx_xbook_sheet(book, "表1");
    assert_non_null(s);
    assert_cell(s, "A1", BX_X_STRING, "甲");
    assert_cell(s, "B1", BX_X_STRING, "乙");
    assert_int_equal(s->nmerges, 1);
    bx_xbook_free(book);
}

/* Strict OOXML ("Strict Open XML Spreadsheet" in Excel): other namespaces
 * and relationship types, the same local names. */
static void strict_ooxml(void **state)
{
    (void)state;
    part parts[] = {
        {"_rels/.rels", "<Relationships " PKG "><Relationship Id=\"rId1\" Type=\"" SREL
                        "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
        {"xl/workbook.xml", "<workbook " SNS " xmlns:r=\"" SREL "\"><sheets><sheet name=\"表1\" "
                            "sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
        {"xl/_rels/workbook.xml.rels",
         "<Relationships " PKG "><Relationship Id=\"rId1\" Type=\"" SREL
         "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
        {"xl/worksheets/sheet1.xml", "<worksheet " SNS "><sheetData><row r=\"1\"><c r=\"A1\" "
                                     "t=\"d\"><v>2024-01-31T00:00:00</v></c></row></sheetData>"
                                     "</worksheet>"},
    };
    bx_error err;
    bx_xbook *book = read_parts(parts, 4, &err);
    assert_non_null(book);
    /* t="d": an ISO 8601 date, kept as its text */
    assert_cell(&book->sheets[0], "A1", BX_X_STRING, "2024-01-31T00:00:00");
    bx_xbook_free(book);
}

/* Workbook order, not sheetId order; hidden states; absolute and ".."
 * targets; a chart sheet has no cells. */
static void sheets_states_and_targets(void **state)
{
    (void)state;
    part parts[] = {
        {"xl/workbook.xml",
         "<workbook " NS " xmlns:r=\"" REL "\"><sheets>"
         "<sheet name=\"封面\" sheetId=\"3\" r:id=\"rId3\"/>"
         "<sheet name=\"表1\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
         "<sheet name=\"数据\" sheetId=\"2\" state=\"veryHidden\" r:id=\"rId2\"/>"
         "<sheet name=\"图\" sheetId=\"4\" r:id=\"rId4\"/></sheets></workbook>"},
        {"xl/_rels/workbook.xml.rels",
         "<Relationships " PKG "><Relationship Id=\"rId1\" Type=\"" REL
         "/worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
         "Type=\"" REL "/worksheet\" Target=\"../xl/./worksheets/sheet2.xml\"/>"
         "<Relationship Id=\"rId3\" Type=\"" REL "/worksheet\" Target=\"worksheets/cover.xml\"/>"
         "<Relationship Id=\"rId4\" Type=\"" REL "/chartsheet\" Target=\"chartsheets/c.xml\"/>"
         "</Relationships>"},
        {"xl/worksheets/sheet1.xml", SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")},
        {"xl/worksheets/sheet2.xml", SHEET("<row r=\"1\"><c r=\"A1\"><v>2</v></c></row>")},
        {"xl/worksheets/cover.xml", SHEET("<row r=\"1\"><c r=\"A1\"><v>3</v></c></row>")},
    };
    bx_error err;
    bx_xbook *book = read_parts(parts, 5, &err);
    assert_non_null(book);
    assert_int_equal(book->nsheets, 4);
    assert_string_equal(book->sheets[0].name, "封面");
    assert_string_equal(book->sheets[1].name, "表1");
    assert_string_equal(book->sheets[2].name, "数据");
    assert_int_equal(book->sheets[0].state, BX_XSHEET_VISIBLE);
    assert_int_equal(book->sheets[1].state, BX_XSHEET_HIDDEN);
    assert_int_equal(book->sheets[2].state, BX_XSHEET_VERY_HIDDEN);
    assert_cell(&book->sheets[0], "A1", BX_X_NUMBER, "3");
    assert_cell(&book->sheets[1], "A1", BX_X_NUMBER, "1");
    assert_cell(&book->sheets[2], "A1", BX_X_NUMBER, "2");
    assert_int_equal(book->sheets[3].ncells, 0);
    assert_ptr_equal(bx_xbook_sheet(book, "数据"), &book->sheets[2]);
    assert_null(bx_xbook_sheet(book, "表2"));
    bx_xbook_free(book);
}

static void merges_and_extent(void **state)
{
    (void)state;
    bx_xbook *book = read_sheet("<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\">"
                                "<v>0</v></c></row></sheetData><mergeCells count=\"2\">"
                                "<mergeCell ref=\"A1:C1\"/><mergeCell ref=\"E5:D4\"/>"
                                "</mergeCells></worksheet>",
                                NULL);
    const bx_xsheet *s = &book->sheets[0];
    assert_int_equal(s->nmerges, 2);
    assert_int_equal(s->merges[0].first_row, 0);
    assert_int_equal(s->merges[0].first_col, 0);
    assert_int_equal(s->merges[0].last_row, 0);
    assert_int_equal(s->merges[0].last_col, 2);
    assert_int_equal(s->merges[1].first_row, 3);
    assert_int_equal(s->merges[1].first_col, 3);
    assert_int_equal(s->merges[1].last_row, 4);
    assert_int_equal(s->merges[1].last_col, 4);
    assert_int_equal(s->nrows, 5);
    assert_int_equal(s->ncols, 5);
    assert_int_equal(s->ncells, 1);
    bx_xbook_free(book);
}

static void style_indents(void **state)
{
    (void)state;
    part parts[] = {
        {"xl/_rels/workbook.xml.rels",
         "<Relationships " PKG "><Relationship Id=\"rId1\" Type=\"" REL
         "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId9\" Type=\"" REL
         "/styles\" Target=\"theStyles.xml\"/></Relationships>"},
        {"xl/theStyles.xml",
         "<styleSheet " NS "><cellStyleXfs count=\"1\"><xf><alignment indent=\"9\"/></xf>"
         "</cellStyleXfs><cellXfs count=\"4\"><xf/><xf applyAlignment=\"1\"><alignment "
         "horizontal=\"left\" indent=\"2\"/></xf><xf><alignment indent=\"x\"/></xf><xf>"
         "<alignment vertical=\"center\"/></xf></cellXfs><dxfs><dxf><alignment indent=\"7\"/>"
         "</dxf></dxfs></styleSheet>"},
        {"xl/worksheets/sheet1.xml", SHEET("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>1</v></c></row>")},
    };
    bx_error err;
    bx_xbook *book = read_parts(parts, 3, &err);
    assert_non_null(book);
    assert_int_equal(book->nxf, 4);
    assert_int_equal(bx_xbook_indent(book, 0), 0);
    assert_int_equal(bx_xbook_indent(book, 1), 2);
    assert_int_equal(bx_xbook_indent(book, 2), 0);
    assert_int_equal(bx_xbook_indent(book, 3), 0);
    assert_int_equal(bx_xbook_indent(book, 4), 0);
    assert_int_equal(bx_xbook_indent(book, -1), 0);
    assert_int_equal(bx_xbook_indent(book, book->sheets[0].cells[0].style), 2);
    bx_xbook_free(book);
}

/* The decimals each cell format's number format shows: built-in ones,
 * custom codes (sections, quoted text, colours, escapes), General. */
static void style_decimals(void **state)
{
    (void)state;
    part parts[] = {
        {"xl/_rels/workbook.xml.rels",
         "<Relationships " PKG "><Relationship Id=\"rId1\" Type=\"" REL
         "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId9\" Type=\"" REL
         "/styles\" Target=\"styles.xml\"/></Relationships>"},
        {"xl/styles.xml",
         "<styleSheet " NS "><numFmts count=\"4\"><numFmt numFmtId=\"164\" formatCode=\"#,##0\"/>"
         "<numFmt numFmtId=\"165\" formatCode=\"#,##0.000;[Red]-#,##0.000\"/>"
         "<numFmt numFmtId=\"166\" formatCode=\"&quot;元.00&quot;0.0\"/>"
         "<numFmt numFmtId=\"167\" formatCode=\"General\"/></numFmts><cellXfs>"
         "<xf/><xf numFmtId=\"4\"/><xf numFmtId=\"3\"/><xf numFmtId=\"164\"/>"
         "<xf numFmtId=\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"167\"/><xf numFmtId=\"49\"/>"
         "</cellXfs></styleSheet>"},
        {"xl/worksheets/sheet1.xml", SHEET("")},
    };
    bx_error err;
    bx_xbook *book = read_parts(parts, 3, &err);
    assert_non_null(book);
    const int want[] = {-1, 2, 0, 0, 3, 1, -1, -1};
    for (int i = 0; i < 8; i++)
        assert_int_equal(bx_xbook_decimals(book, i), want[i]);
    assert_int_equal(bx_xbook_decimals(book, 8), -1);
    assert_int_equal(bx_xbook_decimals(book, -1), -1);
    bx_xbook_free(book);
}

static void custom_properties(void **state)
{
    (void)state;
    part parts[] = {
        {"_rels/.rels", "<Relationships " PKG "><Relationship Id=\"rId1\" Type=\"" REL
                        "/officeDocument\" Target=\"xl/workbook.xml\"/><Relationship Id=\"rId2\" "
                        "Type=\"" REL "/custom-properties\" Target=\"docProps/custom.xml\"/>"
                        "</Relationships>"},
        {"docProps/custom.xml",
         "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "custom-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "docPropsVTypes\"><property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" "
         "name=\"budgetx.dataset\"><vt:lpwstr>深圳市 2024</vt:lpwstr></property>"
         "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"3\" name=\"版本\">"
         "<vt:i4>3</vt:i4></property></Properties>"},
    };
    bx_error err;
    bx_xbook *book = read_parts(parts, 2, &err);
    assert_non_null(book);
    assert_int_equal(book->nprops, 2);
    assert_string_equal(bx_xbook_property(book, "budgetx.dataset"), "深圳市 2024");
    assert_string_equal(bx_xbook_property(book, "版本"), "3");
    assert_null(bx_xbook_property(book, "无"));
    bx_xbook_free(book);
}

static void cell_refs(void **state)
{
    (void)state;
    char buf[16];
    assert_string_equal(bx_cell_ref(0, 0, buf, sizeof buf), "A1");
    assert_string_equal(bx_cell_ref(4, 3, buf, sizeof buf), "D5");
    assert_string_equal(bx_cell_ref(9, 25, buf, sizeof buf), "Z10");
    assert_string_equal(bx_cell_ref(0, 26, buf, sizeof buf), "AA1");
    assert_string_equal(bx_cell_ref(1048575, 16383, buf, sizeof buf), "XFD1048576");
    assert_string_equal(bx_cell_ref(-1, 0, buf, sizeof buf), "?");
    assert_string_equal(bx_cell_ref(0, 0, buf, 2), "A");
}

static void shared_index_out_of_range(void **state)
{
    (void)state;
    assert_text(error_of_sheet(SHEET("<row r=\"2\"><c r=\"B2\" t=\"s\"><v>7</v></c></row>")),
                "t.xlsx: 工作表“表1”的单元格 B2 引用了不存在的共享字符串（第 7 项，共 1 项）");
    assert_text(error_of_sheet(SHEET("<row r=\"2\"><c r=\"B2\" t=\"s\"><v>-1</v></c></row>")),
                "t.xlsx: 工作表“表1”的单元格 B2 引用了不存在的共享字符串（第 -1 项，共 1 项）");
}

static void refs_beyond_the_limits(void **state)
{
    (void)state;
    assert_text(error_of_sheet(SHEET("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>")),
                "t.xlsx: 工作表“表1”的单元格位置“XFE1”超出范围（最多 1048576 行、16384 列）");
    assert_contains(error_of_sheet(SHEET("<row><c r=\"A1048577\"><v>1</v></c></row>")),
                    "“A1048577”超出范围");
    assert_contains(error_of_sheet(SHEET("<row r=\"1048577\"><c><v>1</v></c></row>")),
                    "行号“1048577”无效");
    assert_contains(error_of_sheet(SHEET("<row><c r=\"1A\"><v>1</v></c></row>")),
                    "单元格位置“1A”无效");
    assert_contains(error_of_sheet("<worksheet " NS "><sheetData/><mergeCells><mergeCell "
                                   "ref=\"A1:XFE2\"/></mergeCells></worksheet>"),
                    "“A1:XFE2”超出范围");
    /* the 16,385th cell of a row without refs */
    size_t cap = 16400 * 16 + 256;
    char *big = malloc(cap);
    assert_non_null(big);
    size_t n = (size_t)snprintf(big, cap, "<worksheet " NS "><sheetData><row r=\"1\">");
    for (int i = 0; i < 16385; i++)
        n += (size_t)snprintf(big + n, cap - n, "<c><v>1</v></c>");
    snprintf(big + n, cap - n, "</row></sheetData></worksheet>");
    assert_contains(error_of_sheet(big), "工作表“表1”第 1 行超过 16384 列的上限");
    free(big);
}

static void not_a_workbook(void **state)
{
    (void)state;
    char out[2048];
    bx_error err;
    bx_error_clear(&err);
    const char text[] = "科目编码,金额\n201,1\n";
    assert_null(bx_xbook_parse(text, sizeof text - 1, "t.xlsx", &err));
    assert_int_equal(err.status, BX_ERR_SYNTAX);
    assert_text(bx_error_format(&err, out, sizeof out),
                "t.xlsx: 不是有效的 XLSX 文件：这是文本文件（CSV 或网页），只是扩展名为 .xlsx；"
                "请在 Excel 中打开后另存为“Excel 工作簿（*.xlsx）”");

    const char noise[] = "\x01\x02\x03 not a zip at all";
    bx_error_clear(&err);
    assert_null(bx_xbook_parse(noise, sizeof noise - 1, "t.xlsx", &err));
    assert_text(bx_error_format(&err, out, sizeof out),
                "t.xlsx: 不是有效的 XLSX 文件（无法打开压缩包）");

    const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and then some more bytes";
    bx_error_clear(&err);
    assert_null(bx_xbook_parse(ole, sizeof ole - 1, "t.xlsx", &err));
    assert_contains(err.message, "Excel 97-2003 的 .xls 文件或设了打开密码的工作簿");

    part other = {"word/document.xml", "<document/>"};
    size_t size;
    unsigned char *zip = zip_entries(&other, 1, &size);
    bx_error_clear(&err);
    assert_null(bx_xbook_parse(zip, size, "t.xlsx", &err));
    free(zip);
    assert_text(bx_error_format(&err, out, sizeof out),
                "t.xlsx: 不是有效的 XLSX 文件（缺少工作簿目录 xl/workbook.xml）");

    bx_error_clear(&err);
    assert_null(bx_xbook_open("/nonexistent/表.xlsx", &err));
    assert_int_equal(err.status, BX_ERR_IO);
    assert_text(bx_error_format(&err, out, sizeof out),
                "/nonexistent/表.xlsx: 无法打开文件：文件不存在");
    /* no error record: still no crash */
    assert_null(bx_xbook_parse(text, sizeof text - 1, "t.xlsx", NULL));
}

static void invalid_xml_is_located(void **state)
{
    (void)state;
    assert_text(error_of_sheet("<worksheet " NS ">\n<sheetData><row></sheetData></worksheet>"),
                "t.xlsx: 工作表“表1”（xl/worksheets/sheet1.xml）的 XML 无效：第 2 行第 19 列："
                "开始标记与结束标记不匹配");
    part sst = {"xl/sharedStrings.xml", "<sst " NS "><si><t>a</t></si>"};
    assert_text(error_of_parts(&sst, 1),
                "t.xlsx: 共享字符串表（xl/sharedStrings.xml）的 XML 无效：第 1 行第 89 列："
                "内容不完整或为空");
    assert_contains(error_of_sheet(""), "的 XML 无效：第 1 行第 1 列：内容不完整或为空");
}

static void entities_are_refused(void **state)
{
    (void)state;
    assert_text(error_of_sheet("<!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>"
                               "<worksheet " NS "><sheetData/></worksheet>"),
                "t.xlsx: 工作表“表1”（xl/worksheets/sheet1.xml）含有 DTD 实体声明，"
                "不是电子表格软件写出的文件");
}

static void broken_cells(void **state)
{
    (void)state;
    assert_text(error_of_sheet(SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                                     "<row r=\"1\"><c r=\"A1\"><v>2</v></c></row>")),
                "t.xlsx: 工作表“表1”的单元格 A1 出现了两次");
    assert_text(error_of_sheet(SHEET("<row r=\"1\"><c r=\"C1\" t=\"b\"><v>yes</v></c></row>")),
                "t.xlsx: 工作表“表1”的单元格 C1 的逻辑值“yes”无效");
    assert_text(error_of_sheet(SHEET("<row r=\"1\"><c r=\"C1\" t=\"q\"><v>1</v></c></row>")),
                "t.xlsx: 工作表“表1”的单元格 C1 的类型“q”无法识别");
    assert_text(error_of_sheet(SHEET("<row r=\"1\"><c r=\"C1\" s=\"-2\"><v>1</v></c></row>")),
                "t.xlsx: 工作表“表1”的单元格 C1 的格式编号“-2”无效");
}

static void missing_sheet_part(void **state)
{
    (void)state;
    part gone = {"xl/worksheets/sheet1.xml", NULL};
    assert_text(error_of_parts(&gone, 1),
                "t.xlsx: 不是有效的 XLSX 文件（缺少工作表“表1” xl/worksheets/sheet1.xml）");
    part norel = {"xl/workbook.xml", "<workbook " NS " xmlns:r=\"" REL "\"><sheets>"
                                     "<sheet name=\"表9\" sheetId=\"9\" r:id=\"rId9\"/>"
                                     "</sheets></workbook>"};
    assert_text(error_of_parts(&norel, 1),
                "t.xlsx: XLSX 文件不完整：找不到工作表“表9”的内容（关系“rId9”）");
}

static void too_many_sheets(void **state)
{
    (void)state;
    size_t cap = 300 * 64 + 256;
    char *xml = malloc(cap);
    assert_non_null(xml);
    size_t n = (size_t)snprintf(xml, cap, "<workbook " NS " xmlns:r=\"" REL "\"><sheets>");
    for (int i = 1; i <= 257; i++)
        n += (size_t)snprintf(xml + n, cap - n,
                              "<sheet name=\"s%d\" sheetId=\"%d\" r:id=\"rId1\"/>", i, i);
    snprintf(xml + n, cap - n, "</sheets></workbook>");
    part wb = {"xl/workbook.xml", xml};
    assert_contains(error_of_parts(&wb, 1), "工作簿的工作表超过 256 个的上限");
    free(xml);
}

/* The uncompressed size the zip's central directory states for `name`,
 * changed (as a forger would). */
static void forge_size(unsigned char *zip, size_t len, const char *name, uint32_t size)
{
    size_t n = strlen(name);
    for (size_t i = 0; i + 46 + n <= len; i++) {
        if (memcmp(zip + i, "PK\1\2", 4) == 0 && memcmp(zip + i + 46, name, n) == 0) {
            for (int b = 0; b < 4; b++)
                zip[i + 24 + b] = (unsigned char)(size >> (8 * b));
            return;
        }
    }
    fail_msg("no central directory entry for %s", name);
}

static const char *error_of_forged(uint32_t size)
{
    static char out[2048];
    part all[NBASE];
    memcpy(all, base, sizeof base);
    all[NBASE - 1].xml = SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
    size_t len;
    unsigned char *zip = zip_entries(all, NBASE, &len);
    forge_size(zip, len, "xl/worksheets/sheet1.xml", size);
    bx_error err;
    bx_error_clear(&err);
    bx_xbook *book = bx_xbook_parse(zip, len, "t.xlsx", &err);
    free(zip);
    assert_null(book);
    return bx_error_format(&err, out, sizeof out);
}

/* Sizes are checked before anything is decompressed; a part longer than
 * its stated size is not read past it. */
static void forged_sizes(void **state)
{
    (void)state;
    assert_text(error_of_forged(300u * 1024 * 1024),
                "t.xlsx: 工作表“表1”（xl/worksheets/sheet1.xml）解压后超过 256 MB 的上限");
    assert_text(error_of_forged(10),
                "t.xlsx: XLSX 文件已损坏（无法解压 xl/worksheets/sheet1.xml：长度与记录不符）");
}

static void deep_nesting_is_refused(void **state)
{
    (void)state;
    char xml[4096];
    size_t n = (size_t)snprintf(xml, sizeof xml, "<worksheet " NS ">");
    for (int i = 0; i < 300; i++)
        n += (size_t)snprintf(xml + n, sizeof xml - n, "<a>");
    assert_text(error_of_sheet(xml),
                "t.xlsx: 工作表“表1”（xl/worksheets/sheet1.xml）的元素嵌套超过 256 层");
}

/* What budgetx itself writes, read back from a file. */
static void reads_what_libxlsxwriter_wrote(void **state)
{
    (void)state;
    char *dir = scratch_new();
    char path[512];
    snprintf(path, sizeof path, "%s/表.xlsx", dir);
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "表3 支出总表");
    lxw_worksheet *hidden = workbook_add_worksheet(wb, "隐藏");
    lxw_format *indent = workbook_add_format(wb);
    format_set_indent(indent, 2);
    assert_int_equal(worksheet_merge_range(ws, 0, 0, 0, 3, "", NULL), LXW_NO_ERROR);
    assert_int_equal(worksheet_write_string(ws, 0, 0, "2024 年部门支出总表", NULL), LXW_NO_ERROR);
    assert_int_equal(worksheet_write_string(ws, 2, 0, "一般公共服务支出", indent), LXW_NO_ERROR);
    assert_int_equal(worksheet_write_number(ws, 2, 1, 1259.77, NULL), LXW_NO_ERROR);
    assert_int_equal(worksheet_write_formula_num(ws, 3, 1, "=B3*2", NULL, 2519.54), LXW_NO_ERROR);
    assert_int_equal(worksheet_write_boolean(ws, 3, 2, 1, NULL), LXW_NO_ERROR);
    assert_int_equal(worksheet_write_string(hidden, 0, 0, "x\ry", NULL), LXW_NO_ERROR);
    worksheet_hide(hidden);
    assert_int_equal(workbook_set_custom_property_string(wb, "budgetx.version", "0.1.0"),
                     LXW_NO_ERROR);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

    bx_error err;
    bx_error_clear(&err);
    bx_xbook *book = bx_xbook_open(path, &err);
    if (!book)
        print_error("%s\n", err.message);
    assert_non_null(book);
    assert_string_equal(book->path, path);
    assert_int_equal(book->nsheets, 2);
    const bx_xsheet *s = bx_xbook_sheet(book, "表3 支出总表");
    assert_non_null(s);
    assert_cell(s, "A1", BX_X_STRING, "2024 年部门支出总表");
    assert_int_equal(s->nmerges, 1);
    assert_int_equal(s->merges[0].last_col, 3);
    assert_cell(s, "A3", BX_X_STRING, "一般公共服务支出");
    assert_int_equal(bx_xbook_indent(book, cell(s, 2, 0)->style), 2);
    assert_cell(s, "B3", BX_X_NUMBER, "1259.77");
    assert_cell(s, "B4", BX_X_NUMBER, "2519.54");
    assert_true(cell(s, 3, 1)->formula);
    assert_true(cell(s, 3, 1)->cached);
    assert_cell(s, "C4", BX_X_BOOL, "1");
    assert_int_equal(book->sheets[1].state, BX_XSHEET_HIDDEN);
    assert_cell(&book->sheets[1], "A1", BX_X_STRING, "x\ry");
    assert_string_equal(bx_xbook_property(book, "budgetx.version"), "0.1.0");
    bx_xbook_free(book);
    scratch_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shared_strings_rich_text_without_phonetic),
        cmocka_unit_test(inline_strings),
        cmocka_unit_test(values_and_formulas),
        cmocka_unit_test(cells_and_rows_without_r),
        cmocka_unit_test(rows_out_of_order_are_sorted),
        cmocka_unit_test(namespace_prefixes),
        cmocka_unit_test(strict_ooxml),
        cmocka_unit_test(sheets_states_and_targets),
        cmocka_unit_test(merges_and_extent),
        cmocka_unit_test(style_indents),
        cmocka_unit_test(style_decimals),
        cmocka_unit_test(custom_properties),
        cmocka_unit_test(cell_refs),
        cmocka_unit_test(shared_index_out_of_range),
        cmocka_unit_test(refs_beyond_the_limits),
        cmocka_unit_test(not_a_workbook),
        cmocka_unit_test(invalid_xml_is_located),
        cmocka_unit_test(entities_are_refused),
        cmocka_unit_test(broken_cells),
        cmocka_unit_test(missing_sheet_part),
        cmocka_unit_test(too_many_sheets),
        cmocka_unit_test(forged_sizes),
        cmocka_unit_test(deep_nesting_is_refused),
        cmocka_unit_test(reads_what_libxlsxwriter_wrote),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
