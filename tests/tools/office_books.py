#!/usr/bin/python3
"""A workbook as a finance office keeps it by hand, made with openpyxl
from a budgetx model dump (`budgetx render … --format dump`):

  office_books.py [--deform NAME] DUMP OUT.xlsx

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

# How a workbook may be deformed further (--deform NAME; the table it
# touches is the third, 表3 of the Shenzhen sets):
DEFORMATIONS = {
    "rows-above": "three rows of the office's own above every title",
    "shift-right": "every table two columns to the right",
    "blank-rows": "a blank row under the header and between body rows",
    "all-yuan": "every table in 元, its figures ×10000",
    "unit-row": "单位：… in a row of its own under the caption",
    "spaced-headings": "headings typed with spaces and full-width brackets",
    "split-code": "the third table's 科目编码 as 类 | 款 | 项 columns, 类 and 款 printed once",
    "extra-sheet": "a sheet of notes that is no table",
    "heading-changed": "a heading of the third table typed otherwise (基本支出 → 基本经费)",
    "bad-amount": "an amount of the third table typed wrong (1,2,34.5)",
    "twice": "the third table on two sheets",
    "total-edited": "the third table's first figure changed without its parts",
}
TOUCHED = 2


class Deform:
    def __init__(self, name):
        self.name = name
        self.top = 3 if name == "rows-above" else 0
        self.left = 2 if name == "shift-right" else 0

    def on(self, name, index=None):
        return self.name == name and (index is None or index == TOUCHED)


def amount(text, factor):
    return Decimal(text.replace(",", "")) * factor


def as_text(value, shown):
    """1234567.5 → '1,234,567.50', with as many decimals as `shown` has."""
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    return "{:,.{}f}".format(value, decimals)


def code_column(sheet):
    for c in sheet.cells:
        if c.row == 0 and c.kind == "text" and c.text == "科目编码":
            return c.col
    return None


def write_sheet(ws, sheet, index, deform):
    grid = sheet.header_rows > 0
    split = code_column(sheet) if grid and deform.on("split-code", index) else None
    extra = 2 if split is not None else 0

    def place(col):
        """The workbook column (1-based) of dump column col."""
        return (deform.left + col + 1 + (1 if grid and col >= HELPER else 0)
                + (extra if split is not None and col > split else 0))

    ncols = place(len(sheet.widths) - 1) + extra * (split == len(sheet.widths) - 1)
    yuan_here = index % 2 == 1 or deform.on("all-yuan")
    wants_yuan = grid and yuan_here and sheet.caption_right and "万元" in sheet.caption_right
    factor = Decimal(10000) if wants_yuan else Decimal(1)
    t0 = 1 + deform.top
    for k in range(deform.top):
        ws.cell(row=1 + k, column=1, value="内部资料 第 %d 行" % (k + 1))
    ws.cell(row=t0, column=deform.left + 1, value=sheet.title)
    ws.merge_cells(start_row=t0, start_column=deform.left + 1, end_row=t0, end_column=ncols + 1)
    ws.cell(row=t0, column=deform.left + 1).alignment = Alignment(horizontal="center")
    caption = t0 + 2
    if sheet.caption_left:
        ws.cell(row=caption, column=deform.left + 1, value=sheet.caption_left)
    if sheet.caption_right:
        right = "单位：元" if wants_yuan else sheet.caption_right
        unit_row = caption + 1 if deform.on("unit-row") else caption
        ws.cell(row=unit_row, column=ncols, value=right)
    top = caption + 1 + (1 if deform.on("unit-row") else 0)  # the table's first row
    helper = deform.left + HELPER + 1  # between dump columns HELPER - 1 and HELPER
    if grid:
        ws.column_dimensions[get_column_letter(helper)].hidden = True
        ws.cell(row=top, column=helper, value="辅助")
    gap = 1 if grid and deform.on("blank-rows") else 0

    def row_of(r):
        """The workbook row of dump row r: a blank row after the header and after each body row."""
        return top + r + (0 if r < sheet.header_rows else gap * (1 + r - sheet.header_rows))

    body = 0
    first_figure = True
    for c in sheet.cells:
        r = row_of(c.row)
        col = place(c.col)
        covers_split = split is not None and c.col <= split <= c.col + c.colspan - 1
        last = place(c.col + c.colspan - 1) + (extra if covers_split and c.colspan > 1 else 0)
        if c.col == split and c.row < sheet.header_rows:  # 科目编码 over 类 | 款 | 项
            ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=col + 2)
            ws.cell(row=r, column=col, value=c.text)
            for k, part in enumerate(("类", "款", "项")):
                ws.cell(row=top + sheet.header_rows - 1, column=col + k, value=part)
            continue
        if c.rowspan > 1 or last > col:
            end_row = row_of(c.row + c.rowspan - 1) if c.row >= sheet.header_rows else r + c.rowspan - 1
            ws.merge_cells(start_row=r, start_column=col, end_row=end_row, end_column=last)
        cell = ws.cell(row=r, column=col)
        if c.kind == "text" and c.col == split and c.row >= sheet.header_rows:
            code = c.text
            parts = (code[:3], code[3:5], code[5:7])
            level = 0 if len(code) <= 3 else 1 if len(code) <= 5 else 2
            ws.cell(row=r, column=col + level, value=parts[level])
        elif c.kind == "text":
            indent = "\u3000\u3000" * c.indent if c.row >= sheet.header_rows else ""
            text = c.text
            if c.row < sheet.header_rows and deform.on("spaced-headings"):
                text = " ".join(text).replace("(", "（").replace(")", "）")
            if c.row < sheet.header_rows and deform.on("heading-changed", index):
                text = text.replace("基本支出", "基本经费")
            cell.value = indent + text
        elif c.kind == "amount":
            value = amount(c.text, factor)
            if first_figure and deform.on("total-edited", index):
                value += 1
            if first_figure and deform.on("bad-amount", index):
                cell.value = "1,2,34.5"
            elif c.row % 2:
                cell.value = as_text(value, c.text if factor == 1 else "0.00")
            else:
                cell.value = float(value)
                cell.number_format = c.numfmt if factor == 1 else "#,##0.00"
            first_figure = False
        if grid and c.row >= sheet.header_rows and c.col == 0 and c.colspan == 1:
            ws.cell(row=r, column=helper, value="x%d" % c.row)
        body = max(body, row_of(c.row + c.rowspan - 1) + 1)
    r = max(top + sheet.nrows, body)
    if grid:
        ws.cell(row=r, column=1, value="备注：本表由财务科根据预算编制系统数据整理。")
        r += 1
    for note in sheet.notes:
        ws.cell(row=r, column=1, value=note)
        r += 1


def main(argv):
    deform = Deform(None)
    if len(argv) == 5 and argv[1] == "--deform" and argv[2] in DEFORMATIONS:
        deform = Deform(argv[2])
        argv = argv[:1] + argv[3:]
    if len(argv) != 3:
        sys.exit(__doc__ + "\ndeformations:\n" +
                 "".join("  %-16s %s\n" % kv for kv in DEFORMATIONS.items()))
    dump = parse_dump(argv[1])
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for i, (sheet, name) in enumerate(zip(dump.sheets, sheet_names(dump))):
        write_sheet(wb.create_sheet(name), sheet, i, deform)
        if deform.on("twice", i):
            write_sheet(wb.create_sheet(name[:28] + " 副本"), sheet, i, deform)
    if deform.on("extra-sheet"):
        notes = wb.create_sheet("填报说明")
        notes.cell(row=1, column=1, value="填报说明：金额单位见各表右上角。")
    wb.save(argv[2])


if __name__ == "__main__":
    main(sys.argv)
