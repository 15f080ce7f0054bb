#!/usr/bin/python3
"""A workbook as a finance office keeps it by hand, made with openpyxl
from a budgetx model dump (`budgetx render … --format dump`):

  office_books.py DUMP OUT.xlsx

Each table on its own sheet, laid out the way offices do it rather than
the way budgetx does: the title merged across the whole table (over one
more column than ours), no table number, a blank row under it, the
caption's left text at A3 and "单位：…" in the last column; every other
table stated in 元 where ours is in 万元 (its figures ×10000, exactly);
a hidden helper column (辅助) after the first; labels indented by leading
full-width spaces (two per level) instead of an indent format; amounts
as text with thousands separators in every other row, numbers in the
rest; a footnote row (备注：…) under the body, before the layout's notes.
Forms keep their cells, moved one row down. No hidden budgetx sheet.
Needs Debian's python3-openpyxl (and the bench peer's dump reader).
"""
import os
import sys
from decimal import Decimal

import openpyxl
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "bench", "peers"))
from python_pipeline import parse_dump, sheet_names  # noqa: E402

HELPER = 1  # the hidden column goes after the first


def place(col, grid):
    """The workbook column (1-based) of dump column col."""
    return col + 1 + (1 if grid and col >= HELPER else 0)


def amount(text, factor):
    value = Decimal(text.replace(",", "")) * factor
    return value


def as_text(value, shown):
    """1234567.5 → '1,234,567.50', with as many decimals as `shown` has."""
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    return "{:,.{}f}".format(value, decimals)


def write_sheet(ws, sheet, index):
    grid = sheet.header_rows > 0
    ncols = len(sheet.widths) + (1 if grid else 0)
    wants_yuan = grid and index % 2 == 1 and sheet.caption_right and "万元" in sheet.caption_right
    factor = Decimal(10000) if wants_yuan else Decimal(1)
    ws.cell(row=1, column=1, value=sheet.title)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols + 1)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    if sheet.caption_left:
        ws.cell(row=3, column=1, value=sheet.caption_left)
    if sheet.caption_right:
        right = "单位：元" if wants_yuan else sheet.caption_right
        ws.cell(row=3, column=ncols, value=right)
    top = 4  # the table's first row
    helper = HELPER + 1  # 1-based: between dump columns HELPER - 1 and HELPER
    if grid:
        ws.column_dimensions[get_column_letter(helper)].hidden = True
        ws.cell(row=top, column=helper, value="辅助")
    body = 0
    for c in sheet.cells:
        r = top + c.row
        col = place(c.col, grid)
        last = place(c.col + c.colspan - 1, grid)
        if c.rowspan > 1 or last > col:
            ws.merge_cells(start_row=r, start_column=col, end_row=r + c.rowspan - 1,
                           end_column=last)
        cell = ws.cell(row=r, column=col)
        if c.kind == "text":
            indent = "\u3000\u3000" * c.indent if c.row >= sheet.header_rows else ""
            cell.value = indent + c.text
        elif c.kind == "amount":
            value = amount(c.text, factor)
            if c.row % 2:
                cell.value = as_text(value, c.text if factor == 1 else "0.00")
            else:
                cell.value = float(value)
                cell.number_format = c.numfmt if factor == 1 else "#,##0.00"
        if grid and c.row >= sheet.header_rows and c.col == 0 and c.colspan == 1:
            ws.cell(row=r, column=helper, value="x%d" % c.row)
            body = max(body, c.row + c.rowspan)
    r = top + max(sheet.nrows, body)
    if grid:
        ws.cell(row=r, column=1, value="备注：本表由财务科根据预算编制系统数据整理。")
        r += 1
    for note in sheet.notes:
        ws.cell(row=r, column=1, value=note)
        r += 1


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    dump = parse_dump(argv[1])
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for i, (sheet, name) in enumerate(zip(dump.sheets, sheet_names(dump))):
        write_sheet(wb.create_sheet(name), sheet, i)
    wb.save(argv[2])


if __name__ == "__main__":
    main(sys.argv)
