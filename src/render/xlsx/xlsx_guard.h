/* What the streamed workbook (render_xlsx.c) relies on in libxlsxwriter
 * beyond its documented API, and the versions it was checked in.
 *
 * In constant-memory mode a row goes to disk when a later one is first
 * written, and writing to it afterwards fails. A merge spanning rows is
 * therefore declared on its last row, after the rows above are on disk:
 * worksheet_merge_range() checks only the last row against that, records
 * the range (written in <mergeCells> at the end), writes the cells of the
 * rows still in memory and ignores the failures of the others, and
 * returns LXW_NO_ERROR. Should it check the first row, or report those
 * failures, every tall merge of a big workbook would fail, or be dropped.
 *
 * Checked in libxlsxwriter's sources from 1.1.4 (Debian 12) to 1.2.3:
 * worksheet_merge_range, _check_dimensions, _get_row, _insert_cell,
 * worksheet_write_string, worksheet_write_blank and the writing of
 * merged ranges are the same in all of them. */
#ifndef BX_XLSX_GUARD_H
#define BX_XLSX_GUARD_H

#include <xlsxwriter.h>

#if LXW_VERSION_ID < 114 || LXW_VERSION_ID > 123
/* a _Static_assert, not #error: its message can name the version found */
_Static_assert(0, "budgetx is written for libxlsxwriter 1.1.4 to 1.2.3 (LXW_VERSION_ID 114 to "
                  "123), whose constant-memory merges its streamed workbooks rely on "
                  "(src/render/xlsx/xlsx_guard.h); this is libxlsxwriter " LXW_VERSION);
#endif

#endif /* BX_XLSX_GUARD_H */
