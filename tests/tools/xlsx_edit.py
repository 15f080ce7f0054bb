#!/usr/bin/env python3
"""Edit a workbook's OOXML the way a user's spreadsheet program would, for
the read-back tests: xlsx_edit.py IN OUT SHEET EDIT...

  EDIT is one of
    number:CELL=VALUE     a number typed into CELL ("E8=310.5")
    text:CELL=TEXT        a text typed into CELL
    formula:CELL=F        a formula without a computed value
    formula:CELL=F=V      a formula with its computed value V
    insert:ROW            a copy of worksheet row ROW inserted below it
    delete:ROW            worksheet row ROW removed (rows below move up)
    style:CELL=FROM       CELL takes the format of cell FROM (another
                          indentation, as Excel's format painter does)
    noindent:             no cell format of the workbook is indented any
                          more (xl/styles.xml; SHEET is not looked at), as
                          a program that drops cell styles saves it

Edits apply in order; rows are 1-based worksheet rows, as Excel shows them.
"""
import re
import sys
import zipfile
from xml.sax.saxutils import escape

NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def sheet_part(z, name):
    wb = z.read("xl/workbook.xml").decode()
    m = re.search(r'<sheet name="%s"[^>]*r:id="([^"]+)"' % re.escape(escape(name, {'"': "&quot;"})), wb)
    if not m:
        sys.exit("no sheet %s" % name)
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    target = re.search(r'Id="%s"[^>]*Target="([^"]+)"' % m.group(1), rels) or \
        re.search(r'Target="([^"]+)"[^>]*Id="%s"' % m.group(1), rels)
    t = target.group(1)
    return t.lstrip("/") if t.startswith("/") else "xl/" + t


def split_ref(ref):
    m = re.match(r"([A-Z]+)(\d+)$", ref)
    return m.group(1), int(m.group(2))


def cell_xml(ref, style, body, kind=None):
    s = ' s="%s"' % style if style else ""
    t = ' t="%s"' % kind if kind else ""
    return '<c r="%s"%s%s>%s</c>' % (ref, s, t, body)


def set_cell(xml, ref, body, kind=None):
    col, row = split_ref(ref)
    pat = re.compile(r'<c r="%s"( s="(\d+)")?[^>]*?(/>|>.*?</c>)' % ref, re.S)
    m = pat.search(xml)
    if m:
        return xml[:m.start()] + cell_xml(ref, m.group(2), body, kind) + xml[m.end():]
    rowpat = re.compile(r'(<row r="%d"[^>]*>)(.*?)(</row>)' % row, re.S)
    rm = rowpat.search(xml)
    if not rm:
        sys.exit("no row %d" % row)
    return xml[:rm.end(2)] + cell_xml(ref, None, body, kind) + xml[rm.end(2):]


def shift_refs(text, after, delta):
    """Rows below `after` move by delta in every A1 reference of text."""
    def move(m):
        r = int(m.group(2))
        return "%s%d" % (m.group(1), r + delta if r > after else r)
    return re.sub(r"\b([A-Z]{1,3})(\d+)\b", move, text)


def insert_row(xml, row):
    rowpat = re.compile(r'<row r="%d"[^>]*>.*?</row>|<row r="%d"[^>]*/>' % (row, row), re.S)
    m = rowpat.search(xml)
    copy = m.group(0)
    head, data, tail = re.split(r"(<sheetData>.*</sheetData>)", xml, flags=re.S)
    data = re.sub(r'<row r="(\d+)"', lambda x: '<row r="%d"' % (int(x.group(1)) + (int(x.group(1)) > row)), data)
    data = re.sub(r'<c r="([A-Z]+\d+)"', lambda x: '<c r="%s"' % shift_refs(x.group(1), row, 1), data)
    new = re.sub(r'<row r="%d"' % row, '<row r="%d"' % (row + 1), copy)
    new = re.sub(r'<c r="([A-Z]+)%d"' % row, lambda x: '<c r="%s%d"' % (x.group(1), row + 1), new)
    at = re.search(r'<row r="%d"[^>]*>.*?</row>|<row r="%d"[^>]*/>' % (row, row), data, re.S).end()
    data = data[:at] + new + data[at:]
    tail = re.sub(r'(<mergeCell ref=")([^"]+)"', lambda x: x.group(1) + shift_refs(x.group(2), row, 1) + '"', tail)
    head = re.sub(r'(<dimension ref=")([^"]+)"', lambda x: x.group(1) + shift_refs(x.group(2), row, 1) + '"', head)
    return head + data + tail


def delete_row(xml, row):
    head, data, tail = re.split(r"(<sheetData>.*</sheetData>)", xml, flags=re.S)
    data = re.sub(r'<row r="%d"[^>]*>.*?</row>|<row r="%d"[^>]*/>' % (row, row), "", data, flags=re.S)
    data = re.sub(r'<row r="(\d+)"', lambda x: '<row r="%d"' % (int(x.group(1)) - (int(x.group(1)) > row)), data)
    data = re.sub(r'<c r="([A-Z]+\d+)"', lambda x: '<c r="%s"' % shift_refs(x.group(1), row, -1), data)
    tail = re.sub(r'(<mergeCell ref=")([^"]+)"', lambda x: x.group(1) + shift_refs(x.group(2), row, -1) + '"', tail)
    return head + data + tail


def set_style(xml, ref, source):
    m = re.search(r'<c r="%s" s="(\d+)"' % source, xml)
    if not m:
        sys.exit("no style at %s" % source)
    pat = re.compile(r'<c r="%s"( s="\d+")?' % ref)
    if not pat.search(xml):
        sys.exit("no cell %s" % ref)
    return pat.sub('<c r="%s" s="%s"' % (ref, m.group(1)), xml, count=1)


def no_indent(styles):
    return re.sub(r'\s+indent="\d+"', "", styles)


def apply(xml, edit):
    kind, _, arg = edit.partition(":")
    if kind == "insert":
        return insert_row(xml, int(arg))
    if kind == "delete":
        return delete_row(xml, int(arg))
    ref, _, value = arg.partition("=")
    if kind == "number":
        return set_cell(xml, ref, "<v>%s</v>" % value)
    if kind == "text":
        return set_cell(xml, ref, "<is><t>%s</t></is>" % escape(value), "inlineStr")
    if kind == "formula":
        f, _, cached = value.partition("=")
        return set_cell(xml, ref, "<f>%s</f>" % escape(f) + ("<v>%s</v>" % cached if cached else ""))
    if kind == "style":
        return set_style(xml, ref, value)
    sys.exit("unknown edit " + edit)


def main():
    src, dst, sheet = sys.argv[1:4]
    edits = sys.argv[4:]
    with zipfile.ZipFile(src) as z:
        parts = {}
        if any(e != "noindent:" for e in edits):
            part = sheet_part(z, sheet)
            parts[part] = z.read(part).decode()
            for edit in edits:
                if edit != "noindent:":
                    parts[part] = apply(parts[part], edit)
        if "noindent:" in edits:
            parts["xl/styles.xml"] = no_indent(z.read("xl/styles.xml").decode())
        with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
            for item in z.infolist():
                data = parts[item.filename].encode() if item.filename in parts else z.read(item.filename)
                out.writestr(item, data)


main()
