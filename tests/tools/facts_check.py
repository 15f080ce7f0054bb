#!/usr/bin/env python3
"""Check stated figures (tests/golden/SAMPLE/facts.txt) in a rendered workbook.

  facts_check.py BOOK.xlsx FACTS.txt [BOOK.pdf]

A fact is "sheet prefix | row label | column header | shown value":
- the sheet is the one whose name starts with the prefix (spaces ignored);
- the row is the body row holding a text cell equal to the label (spaces
  ignored), or the first body row for "@first"; "@note" looks for the value
  as a line of the sheet's notes;
- the value is in that row, in the column whose lowest header cell is the
  column header ("@right": the first non-empty cell right of the label).
Shown values are compared as the canonical dump shows them. With a PDF, every
fact's label and value must also occur, in that order, in the text of the
pages of its table.
"""
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import xlsx_canon  # noqa: E402


def squash(s):
    return re.sub(r"\s+", "", s)


def grid(book, index):
    name, cells, merges, header_end = book.sheet(index)
    covered = {}
    for a, b in merges:
        for r in range(a[0], b[0] + 1):
            for c in range(a[1], b[1] + 1):
                covered[(r, c)] = a
    return name, cells, covered, header_end


def text_at(cells, pos):
    v = cells.get(pos)
    return v[1] if v else ""


def column_of(cells, covered, header_end, header):
    """Columns whose lowest header cell reads `header`."""
    cols = set(c for _, c in cells)
    found = []
    for c in sorted(cols):
        for r in range(header_end, 3, -1):
            anchor = covered.get((r, c), (r, c))
            t = text_at(cells, anchor)
            if t:
                if squash(t) == squash(header):
                    found.append(c)
                break
    return found


def check(book, facts):
    sheets = [book.sheet(i)[0] for i in range(len(book.sheets))]
    failures = []
    for line in Path(facts).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        prefix, label, header, value = [p.strip() for p in line.split("|")]
        idx = [i for i, n in enumerate(sheets) if squash(n).startswith(squash(prefix))]
        if not idx:
            failures.append("no sheet %s" % prefix)
            continue
        name, cells, covered, header_end = grid(book, idx[0])
        rows = sorted(set(r for r, _ in cells if r > header_end))
        if label == "@note":
            if not any(squash(text_at(cells, (r, 1))) == squash(value) for r in rows):
                failures.append("%s: no note %s" % (name, value))
            continue
        if label == "@first":
            row, label_col = rows[0], 0
        else:
            hits = [(r, c) for (r, c), v in cells.items()
                    if r > header_end and v[0] == "s" and squash(v[1]) == squash(label)]
            if not hits:
                failures.append("%s: no row %s" % (name, label))
                continue
            row, label_col = hits[0]
        if header == "@right":
            shown = next((text_at(cells, (row, c)) for c in range(label_col + 1, 60)
                          if (row, c) in cells and text_at(cells, (row, c))), "")
        else:
            cols = [c for c in column_of(cells, covered, header_end, header) if c > label_col]
            if not cols:
                failures.append("%s: no column %s right of %s" % (name, header, label))
                continue
            shown = text_at(cells, (row, cols[0]))
        if shown != value:
            failures.append("%s: %s / %s shows %r, expected %r" % (name, label, header, shown, value))
    return failures


def check_pdf(pdf, facts):
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout).group(1))
    texts = [squash(subprocess.run(["pdftotext", "-raw", "-f", str(i), "-l", str(i), pdf, "-"],
                                   capture_output=True, text=True).stdout) for i in range(1, pages + 1)]
    failures = []
    for line in Path(facts).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        prefix, label, header, value = [p.strip() for p in line.split("|")]
        number = re.match(r"表\s*(\d+(?:-\d+)?)", prefix.split()[0]).group(1)
        mine = "".join(t for t in texts if re.match(r"表%s(?!\d)" % re.escape(number), t))
        want = [value] if label.startswith("@") else [label, value]
        pos = 0
        for w in want:
            k = mine.find(squash(w), pos)
            if k < 0:
                failures.append("PDF 表%s: %r not found after position %d" % (number, w, pos))
                break
            pos = k + len(squash(w))
    return failures


def main():
    book = xlsx_canon.Book(sys.argv[1])
    failures = check(book, sys.argv[2])
    if len(sys.argv) > 3:
        failures += check_pdf(sys.argv[3], sys.argv[2])
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    if failures:
        sys.exit(1)
    n = sum(1 for l in Path(sys.argv[2]).read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#"))
    print("all %d stated figures found" % n)


if __name__ == "__main__":
    main()
