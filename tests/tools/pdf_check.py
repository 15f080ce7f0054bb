#!/usr/bin/env python3
"""Check a rendered PDF against the golden tables (tests/golden/SET/tableNN.txt).

  pdf_check.py BOOK.pdf GOLDEN_DIR [--title-once]

Text is read back with poppler's pdftotext -raw (content-stream order, the
order budgetx draws: title block, header cells row by row, body cells row by
row, notes). Normalisation, decided once: all whitespace is removed, because
line wrapping inside a cell differs from the published PDF by design; nothing
else is.

For every table:
- its first page starts with its title block: its label ("表 N", "附件 1-N";
  none in 上海's tables), the title, and the caption texts (部门名称：… /
  单位：万元); so does every page after it, with every header text — or,
  with --title-once (上海's tables print their title block once), a page
  that starts with no title block is the previous table's continued;
- the title block, every header text, every body cell and every note of the
  golden file occur in the table's pages in reading order.
For the document: no poppler tool prints a warning, every font is embedded
as a subset with a ToUnicode map, the metadata has a title and author, and
the outline has one bookmark per table (its sheet name) at its first page.
"""
import re
import subprocess
import sys
from pathlib import Path


def run(*cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("FAIL: %s exited %d: %s" % (" ".join(cmd), p.returncode, p.stderr))
    if p.stderr.strip():
        sys.exit("FAIL: %s warned: %s" % (" ".join(cmd), p.stderr.strip()))
    return p.stdout


def squash(s):
    """Whitespace removed; a cell's line break is written \\n in golden files."""
    return re.sub(r"\s+", "", s.replace("\\n", "\n"))


def sheet_name(path):
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("sheet: "):
            return line[7:]
    return None


def golden(path):
    """Title block lines, header texts and body items of a golden file."""
    title, header, body = [], [], []
    section = None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith(("row1: ", "row2: ", "row3: ")):
            title += [p for p in line[6:].split(" | ") if p]
        elif line in ("header:", "body:", "merges:") or line.startswith(("formats:", "sheet:")):
            section = line.rstrip(":") if line in ("header:", "body:", "merges:") else None
        elif section == "header":
            header.append(line.split(" ", 1)[1])
        elif section == "body":
            body += [c.strip() for c in line.split("\t") if c.strip()]
    return title, header, body


def in_order(hay, needles, what):
    pos = 0
    for n in needles:
        k = hay.find(squash(n), pos)
        if k < 0:
            sys.exit("FAIL: %s: %r not found in reading order after …%s" % (what, n, hay[max(0, pos - 40):pos]))
        pos = k + len(squash(n))


def main():
    pdf, golden_dir = sys.argv[1], Path(sys.argv[2])
    title_once = "--title-once" in sys.argv[3:]
    info = run("pdfinfo", pdf)
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    for key in ("Title", "Author"):
        if not re.search(r"^%s:\s+\S" % key, info, re.M):
            sys.exit("FAIL: no %s in the PDF metadata" % key)
    fonts = run("pdffonts", pdf).splitlines()[2:]
    if not fonts:
        sys.exit("FAIL: no fonts")
    for f in fonts:
        cols = f.split()
        if cols[-5:-2] != ["yes", "yes", "yes"]:
            sys.exit("FAIL: font not embedded as a subset with ToUnicode: %s" % f)
    run("pdftotext", pdf, "/dev/null")
    run("pdftoppm", "-r", "10", "-png", pdf, "/dev/null")  # renders every page without a warning

    goldens = sorted(golden_dir.glob("table*.txt"))
    # a page belongs to the table whose label ("表 3", "附件 1-2") starts it;
    # the longest label wins, so "表 1" does not take the pages of "表 12"
    labels = {squash(golden(g)[0][0]): int(g.stem[5:]) for g in goldens}
    by_table, first_page = {}, {}
    for i in range(1, pages + 1):
        text = squash(run("pdftotext", "-raw", "-f", str(i), "-l", str(i), pdf, "-"))
        hits = [l for l in labels if text.startswith(l)]
        if not hits and (not by_table or not title_once):
            sys.exit("FAIL: page %d does not start with a table label: %r" % (i, text[:40]))
        n = labels[max(hits, key=len)] if hits else n  # no label: the table goes on
        by_table.setdefault(n, []).append((text, bool(hits)))
        first_page.setdefault(n, i)

    if sorted(by_table) != [int(g.stem[5:]) for g in goldens]:
        sys.exit("FAIL: tables in the PDF %s, golden files %s" % (sorted(by_table), [g.name for g in goldens]))
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", pdf], capture_output=True, text=True).stdout
    outline = re.findall(r'<item page="(\d+)">([^<]*)</item>', xml)
    want = [(str(first_page[int(g.stem[5:])]), sheet_name(g)) for g in goldens]
    if outline != want:
        sys.exit("FAIL: outline %s, expected %s" % (outline, want))
    for g in goldens:
        n = int(g.stem[5:])
        title, header, body = golden(g)
        for k, (page, titled) in enumerate(by_table[n], 1):
            what = "表%d page %d" % (n, k)
            if not titled:
                continue
            if not page.startswith(squash(title[0] + title[1])):
                sys.exit("FAIL: %s does not start with its title block: %r" % (what, page[:60]))
            in_order(page, title + header, what + " (title block and header)")
        if not by_table[n][0][1]:
            sys.exit("FAIL: 表%d does not start with its title block" % n)
        in_order("".join(p for p, _ in by_table[n]), title + header + body, "表%d" % n)
        print("表%d: %d page(s), %d header texts, %d body items in order" % (n, len(by_table[n]), len(header), len(body)))


if __name__ == "__main__":
    main()
