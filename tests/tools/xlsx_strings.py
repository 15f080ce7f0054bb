#!/usr/bin/env python3
"""Replace texts in a workbook, wherever a cell holds exactly that text (the
shared strings and inline strings of every sheet, the hidden dataset sheet
included), for the tests of what a tampered workbook may make budgetx do:

  xlsx_strings.py IN OUT OLD NEW [OLD NEW ...]

NEW may hold any character, line ends included (written as XML text). It
fails when an OLD text is nowhere, so that a test cannot pass by editing
nothing.
"""
import re
import sys
import zipfile
from xml.sax.saxutils import escape


def main():
    src, dst, pairs = sys.argv[1], sys.argv[2], sys.argv[3:]
    if not pairs or len(pairs) % 2:
        sys.exit("usage: xlsx_strings.py IN OUT OLD NEW [OLD NEW ...]")
    edits = list(zip(pairs[::2], pairs[1::2]))
    found = {old: 0 for old, _ in edits}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.endswith(".xml") and item.filename.startswith("xl/"):
                text = data.decode("utf-8")
                for old, new in edits:
                    pat = re.compile(r'(<t(?: [^>]*)?>)%s(</t>)' % re.escape(escape(old)))
                    # a CR stays one only as a reference (XML reads a raw one as LF)
                    body = escape(new, {"\r": "&#13;"})
                    text, n = pat.subn(lambda m: '<t xml:space="preserve">' + body + m.group(2), text)
                    found[old] += n
                data = text.encode("utf-8")
            zout.writestr(item, data)
    missing = [old for old, n in found.items() if n == 0]
    if missing:
        sys.exit("xlsx_strings.py: no cell holds %s" % ", ".join(missing))


main()
