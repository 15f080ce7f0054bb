#!/usr/bin/env python3
"""Hostile inputs for tests/cli/test_bounded.sh: small files that made
budgetx allocate without bound or hang before issue 13 (each is generated,
none is kept in the repository).

  hostile.py book IN.xlsx OUT.xlsx CASE [N]   the workbook IN with rows added
                                              to its hidden sheet `budgetx`:
      csv64   N rows "csv" declaring a CSV of 64 MB each (no text follows)
      fields  N rows "field" (N more free-text fields)
      csvs    N rows "csv" with one "text" row each (N more small CSVs)
      plus    a "field" of 255 KB continued by N "+" rows of 255 KB (one
              shared string, referenced N + 1 times)
      xfd     N rows "field" with a text in column XFD
  hostile.py deep N OUT KEY     a YAML file whose KEY is N nested flow
                                sequences ([[[…]]]), appended to OUT
  hostile.py aliases LAYOUT N   LAYOUT's columns: N levels of 10 groups,
                                each level the previous one by alias (10^N
                                leaves if expanded)
"""
import re
import sys
import zipfile
from xml.sax.saxutils import escape



def sheet_part(z, name):
    """The part of the sheet called name (as xlsx_edit.py finds it)."""
    wb = z.read("xl/workbook.xml").decode()
    rid = re.search(r'<sheet name="%s"[^>]*r:id="([^"]+)"' % re.escape(name), wb).group(1)
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    t = (re.search(r'Id="%s"[^>]*Target="([^"]+)"' % rid, rels) or
         re.search(r'Target="([^"]+)"[^>]*Id="%s"' % rid, rels)).group(1)
    return t.lstrip("/") if t.startswith("/") else "xl/" + t


def col_name(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def inline(ref, text):
    return '<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref, escape(text))


def shared(ref, index):
    return '<c r="%s" t="s"><v>%d</v></c>' % (ref, index)


class Rows:
    """Rows appended after the last row of a sheet."""

    def __init__(self, xml):
        self.next = max(int(r) for r in re.findall(r'<row r="(\d+)"', xml)) + 1
        self.parts = []

    def add(self, cells):
        r = self.next
        self.next += 1
        self.parts.append('<row r="%d">%s</row>' % (r, "".join(f(r) for f in cells)))


def text_at(col, text):
    return lambda r: inline("%s%d" % (col_name(col), r), text)


def shared_at(col, index):
    return lambda r: shared("%s%d" % (col_name(col), r), index)


def book(src, dst, case, n):
    zin = zipfile.ZipFile(src)
    part = sheet_part(zin, "budgetx")
    xml = zin.read(part).decode()
    sst = zin.read("xl/sharedStrings.xml").decode()
    rows = Rows(xml)
    if case == "csv64":
        for i in range(n):
            rows.add([text_at(0, "csv"), text_at(1, "大%d" % i), text_at(2, "大%d.csv" % i),
                      text_at(3, "67108864")])
    elif case == "fields":
        for i in range(n):
            rows.add([text_at(0, "field"), text_at(1, "字段%d" % i), text_at(2, "值%d" % i)])
    elif case == "csvs":
        for i in range(n):
            rows.add([text_at(0, "csv"), text_at(1, "多%d.csv" % i), text_at(2, "多%d.csv" % i),
                      text_at(3, "2")])
            rows.add([text_at(0, "text"), text_at(1, "a\n")])
    elif case == "plus":
        count = int(re.search(r'uniqueCount="(\d+)"', sst).group(1))
        piece = "长" * (255 * 1024 // 3)
        sst = re.sub(r'(count|uniqueCount)="(\d+)"', lambda m: '%s="%d"' % (m.group(1), int(m.group(2)) + 1), sst)
        sst = sst.replace("</sst>", "<si><t>%s</t></si></sst>" % piece)
        rows.add([text_at(0, "field"), text_at(1, "长文本"), shared_at(2, count)])
        for _ in range(n):
            rows.add([text_at(0, "+"), shared_at(2, count)])
    elif case == "xfd":
        for i in range(n):
            rows.add([text_at(0, "field"), text_at(1, "宽%d" % i), text_at(16383, "远")])
    else:
        sys.exit("unknown case %s" % case)
    xml = xml.replace("</sheetData>", "".join(rows.parts) + "</sheetData>", 1)
    xml = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD%d"/>' % (rows.next - 1), xml)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                data = xml.encode()
            elif info.filename == "xl/sharedStrings.xml":
                data = sst.encode()
            zout.writestr(info, data, zipfile.ZIP_DEFLATED)


def deep(n, out, key):
    with open(out, "a", encoding="utf-8") as f:
        f.write("%s: %s%s\n" % (key, "[" * n, "]" * n))


def aliases(layout, levels):
    s = open(layout, encoding="utf-8").read()
    lines = ["  - title: 炸%d\n    children: &a%d [%s]\n" % (0, 0, ", ".join(
        ["{title: 叶, field: 叶, type: amount}"] * 10))]
    for k in range(1, levels):
        lines.append("  - title: 炸%d\n    children: &a%d [%s]\n" % (k, k, ", ".join(
            ["{title: 组, children: *a%d}" % (k - 1)] * 10)))
    s = s.replace("columns:\n", "columns:\n" + "".join(lines), 1)
    open(layout, "w", encoding="utf-8").write(s)


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "book":
        book(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]) if len(sys.argv) > 5 else 0)
    elif what == "deep":
        deep(int(sys.argv[2]), sys.argv[3], sys.argv[4])
    elif what == "aliases":
        aliases(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(__doc__)
