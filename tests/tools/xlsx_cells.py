#!/usr/bin/env python3
"""Every cell of a workbook as text, for comparing two workbooks that must
hold the same cells however they were written (shared or inline strings):

  xlsx_cells.py BOOK.xlsx

Per sheet: its name, each row's height, each cell's reference, style index,
type and value (strings resolved), the merged ranges (sorted), and the
styles part, so that formats and borders are compared too.
"""
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def text_of(node):
    return "".join(t.text or "" for t in node.iter("{%s}t" % NS["m"]))


def main(path):
    z = zipfile.ZipFile(path)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        root = ET.fromstring(z.read("xl/sharedStrings.xml"))
        shared = [text_of(si) for si in root.findall("m:si", NS)]
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    out = []
    for sheet in wb.findall("m:sheets/m:sheet", NS):
        out.append("== " + sheet.get("name"))
        root = ET.fromstring(z.read("xl/" + target[sheet.get(REL)]))
        for row in root.findall("m:sheetData/m:row", NS):
            out.append("row %s ht=%s" % (row.get("r"), row.get("ht")))
            for c in row.findall("m:c", NS):
                t = c.get("t") or "n"
                if t == "s":
                    value, t = shared[int(c.find("m:v", NS).text)], "str"
                elif t == "inlineStr":
                    value, t = text_of(c.find("m:is", NS)), "str"
                else:
                    v = c.find("m:v", NS)
                    value = v.text if v is not None else ""
                out.append("  %s s=%s %s %r" % (c.get("r"), c.get("s"), t, value))
        merges = sorted(m.get("ref") for m in root.findall("m:mergeCells/m:mergeCell", NS))
        out.append("merges " + " ".join(merges))
    out.append(z.read("xl/styles.xml").decode())
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
