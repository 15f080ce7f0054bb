#!/usr/bin/env python3
"""Line breaks inside the ruled cells of a PDF's tables, as a reader sees them.

  cell_breaks.py list PDF           every cell set on more than one line
  cell_breaks.py check PDF...       the published tables' habits, on every page:

- a heading (a cell above the table's first body row) takes two lines at most
  ("政府性基/金预算", never "政府性/基金预/算");
- a short label (12 characters or fewer: "增减变化金额", "深圳市医疗保障局（本级）")
  is never broken;
- a break never falls inside brackets ("深圳市医疗保障局（本/级）").

The glyphs and rules come from `mutool trace` (page_geometry.py's reading);
each text line goes to the cell whose rules enclose it. Exit status 1 on the
first kind of failure, listing every cell that breaks a habit.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import page_geometry as pg  # noqa: E402

SHORT = 12


def pieces(gs, vs):
    """Glyphs into text lines with their extent: (x0, x1, y, size, text)."""
    out = []
    for y in pg.distinct([g[1] for g in gs], 2.0):
        row = sorted(g for g in gs if abs(g[1] - y) <= 2.0)
        cur = []
        for g in row:
            if cur and (g[0] - cur[-1][0] > 1.6 * g[2] or pg.ruled_between(vs, cur[-1], g)):
                out.append(cur)
                cur = []
            cur.append(g)
        if cur:
            out.append(cur)
    return [(p[0][0], p[-1][0] + p[-1][2], p[0][1], p[0][2], "".join(g[3] for g in p))
            for p in out]


def cells(page):
    """The table's cells with text: {(left, right, top, bottom): [lines]}, and
    the top of the first cell holding an amount (where the body begins)."""
    hs, vs = pg.rules(page)
    if not hs or not vs:
        return {}, None
    x0, x1 = min(h[1] for h in hs), max(h[2] for h in hs)
    top = min(h[0] for h in hs if h[2] - h[1] > 0.5 * (x1 - x0))
    bottom = max(h[0] for h in hs if h[2] - h[1] > 0.5 * (x1 - x0))
    found = {}
    for a, b, y, size, text in pieces(pg.glyphs(page), vs):
        if not (top < y < bottom and x0 - 1 <= a and b <= x1 + 1):
            continue
        mid = (a + b) / 2
        left = max((v[0] for v in vs if v[0] <= a + 0.5 * size and v[1] - 1 <= y <= v[2] + 1),
                   default=x0)
        right = min((v[0] for v in vs if v[0] >= b - 0.5 * size and v[1] - 1 <= y <= v[2] + 1),
                    default=x1)
        above = max((h[0] for h in hs if h[0] < y - 0.6 * size and h[1] - 1 <= mid <= h[2] + 1),
                    default=top)
        below = min((h[0] for h in hs if h[0] > y and h[1] - 1 <= mid <= h[2] + 1),
                    default=bottom)
        key = (round(left, 1), round(right, 1), round(above, 1), round(below, 1))
        found.setdefault(key, []).append((y, text))
    # the heading: every cell that ends above the first cell with an amount
    body = None
    for key, lines in sorted(found.items(), key=lambda kv: kv[0][2]):
        if any(re.fullmatch(r"-?[\d,]+(\.\d+)?", t) for _, t in lines):
            body = key[2]
            break
    return found, body


def breaks(pdf):
    """(page, is_heading, [lines]) of every cell with more than one line."""
    first, last = pg.pages_of(None, pdf)
    out = []
    for n, page in enumerate(pg.trace(pdf, first, last), start=first):
        found, body = cells(page)
        for key, lines in found.items():
            if len(lines) > 1:
                texts = [t for _, t in sorted(lines)]
                out.append((n, body is not None and key[3] <= body + 0.5, texts))
    return out


def inside_brackets(texts):
    depth = 0
    for i, t in enumerate(texts[:-1]):
        for ch in t:
            depth += ch in "（(【《"
            depth -= ch in "）)】》"
        if depth > 0:
            return True
    return False


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("list", "check"):
        sys.exit(__doc__)
    bad = []
    for pdf in sys.argv[2:]:
        for page, heading, texts in breaks(pdf):
            joined = "".join(texts)
            if sys.argv[1] == "list":
                print("%s p%d %s: %s" % (os.path.basename(pdf), page,
                                         "heading" if heading else "body", "/".join(texts)))
                continue
            why = ("a heading over %d lines" % len(texts) if heading and len(texts) > 2 else
                   "a short label broken" if not heading and len(joined) <= SHORT else
                   "a break inside brackets" if inside_brackets(texts) else None)
            if why:
                bad.append("%s page %d: %s: %s" % (os.path.basename(pdf), page, why,
                                                    "/".join(texts)))
    if bad:
        print("\n".join(bad))
        sys.exit("FAIL: %d cells break the published tables' habits" % len(bad))
    if sys.argv[1] == "check":
        print("cell_breaks: %d PDFs, no heading over two lines, no short label or bracket broken"
              % (len(sys.argv) - 2))


if __name__ == "__main__":
    main()
