/* The CSV loader: encodings, quoting, line numbers, shapes. */
#include "test_util.h"

#include "csv_read.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static bx_csv *parse(const char *data, size_t len, bx_error *err)
{
    bx_error_clear(err);
    return bx_csv_parse(data, len, "t.csv", BX_ENCODING_AUTO, err);
}

static const char *error_of(const char *data, size_t len)
{
    static char out[2048];
    bx_error err;
    bx_csv *csv = parse(data, len, &err);
    assert_null(csv);
    bx_error_format(&err, out, sizeof out);
    return out;
}

static void reads_header_and_rows(void **state)
{
    (void)state;
    const char *data =
        "科目编码,科目名称,金额\n208,社会保障和就业支出,1259.77\n20805,\"养老, 支出\",2.20\n";
    bx_error err;
    bx_csv *csv = parse(data, strlen(data), &err);
    assert_non_null(csv);
    assert_int_equal(csv->ncols, 3);
    assert_int_equal(csv->nrows, 2);
    assert_string_equal(csv->header[1], "科目名称");
    assert_string_equal(bx_csv_cell(csv, 1, 1), "养老, 支出");
    assert_int_equal(csv->row_line[1], 3);
    assert_int_equal(bx_csv_column(csv, "金额"), 2);
    assert_int_equal(bx_csv_column(csv, "无"), -1);
    assert_string_equal(csv->encoding, "UTF-8");
    bx_csv_free(csv);
}

static void strips_utf8_bom_and_crlf(void **state)
{
    (void)state;
    const char *data = "\xEF\xBB\xBF"
                       "a,b\r\n1,2\r\n";
    bx_error err;
    bx_csv *csv = parse(data, strlen(data), &err);
    assert_non_null(csv);
    assert_string_equal(csv->header[0], "a");
    assert_string_equal(bx_csv_cell(csv, 0, 1), "2");
    bx_csv_free(csv);
}

static void converts_gb18030(void **state)
{
    (void)state;
    /* "项目,金额\n工资,1\n" in GB18030 */
    const char data[] = "\xcf\xee\xc4\xbf,\xbd\xf0\xb6\xee\n\xb9\xa4\xd7\xca,1\n";
    bx_error err;
    bx_csv *csv = parse(data, sizeof data - 1, &err);
    assert_non_null(csv);
    assert_string_equal(csv->encoding, "GB18030");
    assert_string_equal(csv->header[0], "项目");
    assert_string_equal(csv->header[1], "金额");
    assert_string_equal(bx_csv_cell(csv, 0, 0), "工资");
    bx_csv_free(csv);
}

static void keeps_line_numbers_across_quoted_newlines(void **state)
{
    (void)state;
    const char *data = "a,b\n\"two\nlines\",x\n3,4\n";
    bx_error err;
    bx_csv *csv = parse(data, strlen(data), &err);
    assert_non_null(csv);
    assert_string_equal(bx_csv_cell(csv, 0, 0), "two\nlines");
    assert_int_equal(csv->row_line[0], 2);
    assert_int_equal(csv->row_line[1], 4);
    bx_loc loc = bx_csv_loc(csv, 1, 1);
    assert_int_equal(loc.line, 4);
    assert_int_equal(loc.column, 2);
    bx_csv_free(csv);
}

static void drops_blank_rows(void **state)
{
    (void)state;
    const char *data = "a,b\n1,2\n,\n\n3,4\n\n\n";
    bx_error err;
    bx_csv *csv = parse(data, strlen(data), &err);
    assert_non_null(csv);
    assert_int_equal(csv->nrows, 2);
    assert_int_equal(csv->row_line[1], 5);
    bx_csv_free(csv);
}

static void last_line_without_newline(void **state)
{
    (void)state;
    const char *data = "a,b\n1,2";
    bx_error err;
    bx_csv *csv = parse(data, strlen(data), &err);
    assert_non_null(csv);
    assert_int_equal(csv->nrows, 1);
    assert_string_equal(bx_csv_cell(csv, 0, 1), "2");
    bx_csv_free(csv);
}

static void wrong_column_count(void **state)
{
    (void)state;
    const char *data = "a,b,c\n1,2,3\n4,5\n";
    assert_string_equal(error_of(data, strlen(data)),
                        "t.csv:3: 第 3 行：这一行有 2 列，表头有 3 列");
}

static void unbalanced_quote(void **state)
{
    (void)state;
    const char *data = "a,b\n\"open,2\n";
    assert_string_equal(error_of(data, strlen(data)),
                        "t.csv:2: 第 2 行：CSV 格式错误：引号没有结束");
}

static void quote_inside_a_field(void **state)
{
    (void)state;
    const char *data = "a,b\n\"x\"y,2\n";
    assert_contains(error_of(data, strlen(data)), "t.csv:2: 第 2 行：CSV 格式错误");
}

static void empty_file(void **state)
{
    (void)state;
    assert_string_equal(error_of("", 0), "t.csv: 文件是空的：第一行应为表头");
    assert_string_equal(error_of("\n\n", 2), "t.csv: 文件是空的：第一行应为表头");
}

static void duplicate_or_blank_header(void **state)
{
    (void)state;
    const char *dup = "a,b,a\n";
    assert_string_equal(error_of(dup, strlen(dup)), "t.csv:1:3: 第 1 行第 3 列：表头的列名“a”重复");
    const char *blank = "a,,c\n1,2,3\n";
    assert_string_equal(error_of(blank, strlen(blank)),
                        "t.csv:1:2: 第 1 行第 2 列：表头的列名为空");
}

/* Excel writes an empty column right of the table when a cell there was
 * ever touched: ignored when it is empty in every row, header included. */
static void ignores_trailing_empty_columns(void **state)
{
    (void)state;
    const char *data = "a,b,,\n1,2,,\n\"3\",4, ,\n";
    bx_error err;
    bx_csv *csv = parse(data, strlen(data), &err);
    assert_non_null(csv);
    assert_int_equal(csv->ncols, 2);
    assert_int_equal(csv->nrows, 2);
    assert_string_equal(bx_csv_cell(csv, 1, 0), "3");
    assert_string_equal(bx_csv_cell(csv, 1, 1), "4");
    bx_csv_free(csv);
    /* rows one field longer than the header, the field empty */
    const char *longer = "a,b\n1,2,\n3,4,\n";
    csv = parse(longer, strlen(longer), &err);
    assert_non_null(csv);
    assert_int_equal(csv->ncols, 2);
    assert_string_equal(bx_csv_cell(csv, 1, 1), "4");
    bx_csv_free(csv);
    /* but not a column with something in it */
    const char *filled = "a,b,\n1,2,\n3,4,5\n";
    assert_string_equal(error_of(filled, strlen(filled)),
                        "t.csv:1:3: 第 1 行第 3 列：表头的列名为空");
    const char *beyond = "a,b\n1,2\n3,4,5\n";
    assert_string_equal(error_of(beyond, strlen(beyond)),
                        "t.csv:3: 第 3 行：这一行有 3 列，表头有 2 列");
    const char *shorter = "a,b,\n1,2,\n3\n";
    assert_string_equal(error_of(shorter, strlen(shorter)),
                        "t.csv:3: 第 3 行：这一行有 1 列，表头有 3 列");
}

static void tab_or_semicolon_separated(void **state)
{
    (void)state;
    const char *tabs = "科目编码\t金额\n201\t1\n";
    assert_string_equal(
        error_of(tabs, strlen(tabs)),
        "t.csv:1:1: 第 1 行第 1 列：表头只有一列，其中有制表符：这个文件是用制表符分隔的，"
        "budgetx 读的是逗号分隔的 CSV；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”");
    const char *semis = "科目编码;金额\n201;1\n";
    assert_non_null(strstr(error_of(semis, strlen(semis)), "其中有分号：这个文件是用分号分隔的"));
    const char *one = "科目编码\n201\n";
    bx_error err;
    bx_csv *csv = parse(one, strlen(one), &err);
    assert_non_null(csv);
    bx_csv_free(csv);
}

static void binary_and_utf16_are_refused(void **state)
{
    (void)state;
    const char nul[] = "a,b\n1,\0\n";
    assert_contains(error_of(nul, sizeof nul - 1), "空字符（NUL）");
    const char utf16[] = "\xFF\xFE"
                         "a\0,\0b\0";
    assert_contains(error_of(utf16, sizeof utf16 - 1), "UTF-16");
    const char junk[] = "a,b\n\x80\xFF\xFE,1\n";
    assert_contains(error_of(junk, sizeof junk - 1),
                    "第 2 行（第 5 字节）：文件既不是 UTF-8 也不是 GB18030 编码");
}

/* Only regular files are read: a FIFO is refused without waiting for a
 * writer, a folder is named as one. */
static void reads_regular_files_only(void **state)
{
    (void)state;
    char *dir = scratch_new(), fifo[1024];
    snprintf(fifo, sizeof fifo, "%s/fifo.csv", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    bx_error err;
    bx_error_clear(&err);
    assert_null(bx_csv_load(fifo, "fifo.csv", BX_ENCODING_AUTO, &err));
    assert_string_equal(err.message, "不是普通文件（是管道、设备或套接字），不能读取");
    bx_error_clear(&err);
    assert_null(bx_csv_load(dir, "dir", BX_ENCODING_AUTO, &err));
    assert_string_equal(err.message, "这是一个文件夹，不是文件");
    assert_null(bx_csv_load(fifo, NULL, BX_ENCODING_AUTO, NULL));
    scratch_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_header_and_rows),
        cmocka_unit_test(strips_utf8_bom_and_crlf),
        cmocka_unit_test(converts_gb18030),
        cmocka_unit_test(keeps_line_numbers_across_quoted_newlines),
        cmocka_unit_test(drops_blank_rows),
        cmocka_unit_test(last_line_without_newline),
        cmocka_unit_test(wrong_column_count),
        cmocka_unit_test(unbalanced_quote),
        cmocka_unit_test(quote_inside_a_field),
        cmocka_unit_test(empty_file),
        cmocka_unit_test(duplicate_or_blank_header),
        cmocka_unit_test(ignores_trailing_empty_columns),
        cmocka_unit_test(tab_or_semicolon_separated),
        cmocka_unit_test(binary_and_utf16_are_refused),
        cmocka_unit_test(reads_regular_files_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
