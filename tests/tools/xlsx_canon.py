#!/usr/bin/env python3
"""Print an XLSX workbook in the canonical text form of tests/golden/*/tableNN.txt.

Reads the OOXML parts directly (zipfile + ElementTree): sheet names, shared
strings, numbers with their number formats, indentation, merges and the frozen
pane, so a golden test checks the workbook a user opens, not our model.

  xlsx_canon.py [--flat] BOOK.xlsx [SHEET_INDEX]   (1-based; default: all sheets)

--flat ignores the frozen pane and prints every row after the title block
as body: for comparing two workbooks whose view settings may differ (a file
re-saved by LibreOffice headless loses its frozen panes).

Normalisation (the only things allowed to vary):
- title block: rows 1-3, non-empty cells joined with " | "
- header: rows from 4 to the frozen pane's top row - 1; every anchor cell as
  "REF text" in row-major order ("A4:A7" when merged)
- body: one TAB-separated line per row after the header; indentation level n
  becomes 2n spaces; a line break inside a cell is written \n; numbers are formatted with their number format, rounding
  half-up; trailing empty cells dropped
- merges: merged ranges below the header, row-major, with the anchor's text
- formats: the distinct number formats of numeric cells
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from decimal import Decimal, ROUND_HALF_UP

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
BUILTIN_FORMATS = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 49: "@"}


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def col_letters(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def split_ref(ref):
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    return int(m.group(2)), col_index(m.group(1))


def format_number(value, fmt):
    m = re.fullmatch(r"(#,##)?0(?:\.(0+))?", fmt)
    if not m:
        return repr(value) if fmt != "General" else ("%.15g" % value)
    decimals = len(m.group(2) or "")
    q = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = "{:,.{}f}".format(q, decimals) if m.group(1) else "{:.{}f}".format(q, decimals)
    return text


class Book:
    def __init__(self, path):
        self.z = zipfile.ZipFile(path)
        self.strings = self._shared_strings()
        self.xf_formats, self.xf_indent = self._styles()
        self.sheets = self._sheets()

    def xml(self, name):
        return ET.fromstring(self.z.read(name))

    def _shared_strings(self):
        if "xl/sharedStrings.xml" not in self.z.namelist():
            return []
        out = []
        for si in self.xml("xl/sharedStrings.xml").findall("m:si", NS):
            out.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
        return out

    def _styles(self):
        root = self.xml("xl/styles.xml")
        custom = {int(n.get("numFmtId")): n.get("formatCode")
                  for n in root.findall("m:numFmts/m:numFmt", NS)}
        formats, indents = [], []
        for xf in root.findall("m:cellXfs/m:xf", NS):
            fid = int(xf.get("numFmtId", "0"))
            formats.append(custom.get(fid, BUILTIN_FORMATS.get(fid, "id%d" % fid)))
            al = xf.find("m:alignment", NS)
            indents.append(int(al.get("indent", "0")) if al is not None else 0)
        return formats, indents

    def _sheets(self):
        wb = self.xml("xl/workbook.xml")
        rels = {r.get("Id"): r.get("Target")
                for r in self.xml("xl/_rels/workbook.xml.rels").findall("rel:Relationship", NS)}
        out = []
        for s in wb.findall("m:sheets/m:sheet", NS):
            target = rels[s.get("{%s}id" % NS["r"])]
            out.append((s.get("name"), "xl/" + target.lstrip("/").replace("xl/", "", 1)))
        return out

    def sheet(self, index):
        name, part = self.sheets[index]
        root = self.xml(part)
        cells = {}
        for c in root.iter("{%s}c" % NS["m"]):
            row, col = split_ref(c.get("r"))
            style = int(c.get("s", "0"))
            t = c.get("t")
            v = c.find("m:v", NS)
            if t == "s":
                text = self.strings[int(v.text)]
            elif t == "inlineStr":
                text = "".join(x.text or "" for x in c.iter("{%s}t" % NS["m"]))
            elif t == "str":
                text = v.text or "" if v is not None else ""
            elif v is not None:
                fmt = self.xf_formats[style]
                cells[(row, col)] = ("n", format_number(float(v.text), fmt), fmt, 0)
                continue
            else:
                continue
            cells[(row, col)] = ("s", text, None, self.xf_indent[style])
        merges = []
        for m in root.findall("m:mergeCells/m:mergeCell", NS):
            a, b = m.get("ref").split(":")
            merges.append((split_ref(a), split_ref(b)))
        pane = root.find("m:sheetViews/m:sheetView/m:pane", NS)
        header_end = 3
        if pane is not None and pane.get("state") == "frozen" and pane.get("ySplit"):
            header_end = int(float(pane.get("ySplit")))
        return name, cells, merges, header_end


def ref(a, b):
    first = col_letters(a[1]) + str(a[0])
    if a == b:
        return first
    return first + ":" + col_letters(b[1]) + str(b[0])


def canon(book, index, flat=False):
    name, cells, merges, header_end = book.sheet(index)
    if flat:
        header_end = 3
    merge_of = {}
    covered = set()
    for a, b in merges:
        merge_of[a] = b
        for r in range(a[0], b[0] + 1):
            for c in range(a[1], b[1] + 1):
                if (r, c) != a:
                    covered.add((r, c))

    def text(pos):
        if pos in covered or pos not in cells:
            return ""
        kind, value, _, indent = cells[pos]
        # a line break inside a cell is written "\n", so every row stays one line
        return ("  " * indent + value.replace("\n", "\\n")) if kind == "s" else value

    out = ["sheet: " + name]
    max_row = max([r for r, _ in cells] + [b[0] for _, b in merges] + [3])
    max_col = max([c for _, c in cells] + [b[1] for _, b in merges] + [1])
    for r in (1, 2, 3):
        parts = [text((r, c)) for c in range(1, max_col + 1)]
        out.append("row%d: %s" % (r, " | ".join(p for p in parts if p)))
    out.append("header:")
    for r in range(4, header_end + 1):
        for c in range(1, max_col + 1):
            if (r, c) in covered or not text((r, c)):
                continue
            out.append("%s %s" % (ref((r, c), merge_of.get((r, c), (r, c))), text((r, c))))
    out.append("body:")
    for r in range(header_end + 1, max_row + 1):
        row = [text((r, c)) for c in range(1, max_col + 1)]
        while row and row[-1] == "":
            row.pop()
        out.append("\t".join(row))
    out.append("merges:")
    for a, b in sorted(merges):
        if a[0] > header_end:
            out.append("%s %s" % (ref(a, b), text(a)))
    fmts = sorted({v[2] for v in cells.values() if v[0] == "n"})
    out.append("formats: " + " ".join(fmts))
    return "\n".join(out) + "\n"


def main():
    args = sys.argv[1:]
    flat = args[:1] == ["--flat"]
    if flat:
        args = args[1:]
    book = Book(args[0])
    indices = [int(args[1]) - 1] if len(args) > 1 else range(len(book.sheets))
    for i in indices:
        sys.stdout.write(canon(book, i, flat))


if __name__ == "__main__":
    main()
