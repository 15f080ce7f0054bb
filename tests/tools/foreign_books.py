#!/usr/bin/env python3
"""Workbooks as other writers make them, for reading workbooks made
elsewhere (docs/workbooks.md):

  foreign_books.py strip BOOK.xlsx OUT.xlsx
      our workbook without its hidden sheet "budgetx" (the sheet part, its
      relationship, its content type and its entry in workbook.xml gone;
      every other part byte for byte): a workbook whose sheets someone
      copied into a new file.
"""
import re
import sys
import zipfile


def strip(src, dst):
    zin = zipfile.ZipFile(src)
    parts = {n: zin.read(n) for n in zin.namelist()}
    wb = parts["xl/workbook.xml"].decode()
    m = re.search(r'<sheet name="budgetx"[^>]*r:id="(rId\d+)"/>', wb)
    if not m:
        sys.exit("%s: no sheet budgetx" % src)
    rid = m.group(1)
    wb = wb.replace(m.group(0), "")
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    rm = re.search(r'<Relationship Id="%s"[^>]*Target="([^"]+)"/>' % rid, rels)
    target = "xl/" + rm.group(1)
    rels = rels.replace(rm.group(0), "")
    types = parts["[Content_Types].xml"].decode()
    types = re.sub(r'<Override PartName="/%s"[^>]*/>' % re.escape(target), "", types)
    parts["xl/workbook.xml"] = wb.encode()
    parts["xl/_rels/workbook.xml.rels"] = rels.encode()
    parts["[Content_Types].xml"] = types.encode()
    del parts[target]
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            if name in parts:
                zout.writestr(name, parts[name])


def main(argv):
    if len(argv) == 4 and argv[1] == "strip":
        strip(argv[2], argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
