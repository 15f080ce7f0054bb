#!/usr/bin/env python3
"""The geometry of a PDF's table pages, and a comparison of two.

  page_geometry.py extract PDF FIRST-LAST > GEOMETRY.json
  page_geometry.py compare GEOMETRY.json PDF [FIRST-LAST] [--tolerance-mm 1.5]

`extract` reads each page with `mutool trace` (mupdf-tools) and keeps what a
reader compares when they lay our page beside the published one:

- the table's ruled lines: horizontal and vertical segments, whether the PDF
  strokes them (budgetx) or fills thin rectangles (WPS 表格); the table is the
  box they enclose;
- its row bands: the distinct heights of its horizontal rules (a page's
  header rows and body rows: "rows per page");
- its columns: the vertical rules of the band that has the most of them,
  as fractions of the table's width (the published page and ours are
  compared at the same table width);
- the texts of its header cells with their line breaks ("事业单位\\n经营收入"):
  the text lines inside the top `header` bands, joined where one lies under
  the other in the same column;
- the page's title: its largest text above the table ("" on a continuation
  page).

`compare` extracts the same from another PDF (all pages, or FIRST-LAST) and
requires page for page: the same number of table pages; the same title; the
same number of row bands; the same number of columns, each boundary within
the tolerance after scaling to the published table width (1.5 mm: a column
of 12 pt text is 8 mm or more); the same header texts and line breaks.
Differences are listed; the exit status is 1 if there is any.

The published PDFs are not test inputs: their geometry is extracted once and
committed (tests/golden/<sample>/geometry.json), with this script.
"""
import json
import subprocess
import sys
import xml.etree.ElementTree as ET

MM = 72 / 25.4
JOIN = 0.8  # pt: rules closer than this are one


def apply(m, x, y):
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def matrix(el):
    t = el.get("transform")
    return [float(v) for v in t.split()] if t else [1, 0, 0, 1, 0, 0]


def segments(el):
    """The straight segments of a path element, in page space (y down)."""
    m = matrix(el)
    pts, out, start = [], [], None
    for c in el:
        if c.tag == "moveto":
            start = apply(m, float(c.get("x")), float(c.get("y")))
            pts = [start]
        elif c.tag == "lineto" and pts:
            p = apply(m, float(c.get("x")), float(c.get("y")))
            out.append((pts[-1], p))
            pts.append(p)
        elif c.tag == "closepath" and pts and start:
            out.append((pts[-1], start))
    return out


def rules(page):
    """Horizontal rules (y, x0, x1) and vertical ones (x, y0, y1)."""
    hs, vs = [], []
    for el in page.iter():
        dark = el.get("color") in ("0 0 0", "0")
        if el.tag == "stroke_path" and dark:
            for (x0, y0), (x1, y1) in segments(el):
                if abs(y0 - y1) < 0.3 and abs(x1 - x0) > 1:
                    hs.append((y0, min(x0, x1), max(x0, x1)))
                elif abs(x0 - x1) < 0.3 and abs(y1 - y0) > 1:
                    vs.append((x0, min(y0, y1), max(y0, y1)))
        elif el.tag == "fill_path" and dark:  # a thin filled rectangle is a rule
            pts = [p for seg in segments(el) for p in seg]
            if not pts:
                continue
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            w, h = max(xs) - min(xs), max(ys) - min(ys)
            if h < 2 and w > 2:
                hs.append(((min(ys) + max(ys)) / 2, min(xs), max(xs)))
            elif w < 2 and h > 2:
                vs.append(((min(xs) + max(xs)) / 2, min(ys), max(ys)))
    return hs, vs


def glyphs(page):
    """(x, y, size, text) of every glyph, in page space."""
    out = []
    for ft in page.iter("fill_text"):
        m = matrix(ft)
        for span in ft.iter("span"):
            trm = [float(v) for v in span.get("trm", "1 0 0 1").split()]
            size = abs(trm[3]) * (abs(m[3]) or 1)
            for g in span.iter("g"):
                x, y = apply(m, float(g.get("x")), float(g.get("y")))
                out.append((x, y, size, g.get("unicode", "")))
    return out


def distinct(values, tol=JOIN):
    out = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def ruled_between(vs, a, b):
    """Whether a vertical rule runs between glyph a and the next one, b."""
    return any(a[0] + 0.3 * a[2] < x < b[0] + 0.2 * b[2] and y0 - 1 <= a[1] <= y1 + 1
               for x, y0, y1 in vs)


def text_lines(gs, vs):
    """Glyphs into pieces of text: one baseline, no gap wider than an em,
    no rule between them."""
    pieces = []
    for y in distinct([g[1] for g in gs], 2.0):
        row = sorted(g for g in gs if abs(g[1] - y) <= 2.0)
        cur = []
        for g in row:
            if cur and (g[0] - cur[-1][0] > 1.6 * g[2] or ruled_between(vs, cur[-1], g)):
                pieces.append(cur)
                cur = []
            cur.append(g)
        if cur:
            pieces.append(cur)
    out = []
    for p in pieces:
        x0, x1 = p[0][0], p[-1][0] + p[-1][2]
        out.append({"x": (x0 + x1) / 2, "y": p[0][1], "size": p[0][2],
                    "text": "".join(g[3] for g in p)})
    return out


def header_texts(lines, size):
    """Lines one under the other in the same column are one cell's text."""
    cells = []
    for ln in sorted(lines, key=lambda l: (l["y"], l["x"])):
        for c in cells:
            last = c[-1]
            if abs(last["x"] - ln["x"]) < 0.8 * size and 0 < ln["y"] - last["y"] < 1.8 * size:
                c.append(ln)
                break
        else:
            cells.append([ln])
    return sorted("\n".join(l["text"] for l in c) for c in cells)


def page_geometry(page, header_rows):
    hs, vs = rules(page)
    if not hs or not vs:
        return None
    x0 = min(h[1] for h in hs)
    x1 = max(h[2] for h in hs)
    width = x1 - x0
    ys = distinct([h[0] for h in hs if h[2] - h[1] > 0.05 * width])
    top, bottom = ys[0], ys[-1]
    bands = list(zip(ys, ys[1:]))
    best = []
    for a, b in bands:  # the band with the most columns
        xs = distinct([v[0] for v in vs if v[1] <= a + 1 and v[2] >= b - 1])
        if len(xs) > len(best):
            best = xs
    columns = [round((x - x0) / width, 4) for x in best]
    gs = glyphs(page)
    above = [g for g in gs if g[1] < top - 1]
    title = ""
    if above:
        big = max(g[2] for g in above)
        title = "".join(g[3] for g in sorted(g for g in above if g[2] >= big - 0.01))
        if big < 13:  # a caption alone is no title
            title = ""
    heads = []
    if header_rows and title:
        edge = ys[min(header_rows, len(ys) - 1)]
        inside = [g for g in gs if top < g[1] < edge and x0 <= g[0] <= x1]
        lines = text_lines(inside, vs)
        size = max([l["size"] for l in lines] or [12])
        heads = header_texts(lines, size)
    return {"title": title, "table_width_mm": round(width / MM, 1), "bands": len(bands),
            "columns": columns, "header": heads}


def trace(pdf, first, last):
    xml = subprocess.run(["mutool", "trace", pdf, "%d-%d" % (first, last)],
                         capture_output=True, check=True).stdout
    return ET.fromstring(xml).findall("page")


def extract(pdf, first, last, header_rows):
    out = []
    for page in trace(pdf, first, last):
        g = page_geometry(page, header_rows.get(len(out), 0) if header_rows else 3)
        if g:
            out.append(g)
    return out


def pages_of(arg, pdf):
    if arg:
        a, b = arg.split("-")
        return int(a), int(b)
    info = subprocess.run(["mutool", "info", pdf], capture_output=True, text=True).stdout
    n = next(int(l.split()[1]) for l in info.splitlines() if l.startswith("Pages:"))
    return 1, n


def compare(golden, pdf, span, tol_mm):
    want = json.load(open(golden, encoding="utf-8"))
    first, last = pages_of(span, pdf)
    heads = {i: len(w["header_rows"]) if isinstance(w.get("header_rows"), list)
             else w.get("header_rows", 0) for i, w in enumerate(want["pages"])}
    got = extract(pdf, first, last, heads)
    problems = []
    if len(got) != len(want["pages"]):
        problems.append("%d table pages, the published document has %d"
                        % (len(got), len(want["pages"])))
    for i, (w, g) in enumerate(zip(want["pages"], got), 1):
        where = "page %d (%s)" % (i, w["title"] or "continued")
        if g["title"] != w["title"]:
            problems.append("%s: title %r, published %r" % (where, g["title"], w["title"]))
        if g["bands"] != w["bands"]:
            problems.append("%s: %d rows, published %d" % (where, g["bands"], w["bands"]))
        if len(g["columns"]) != len(w["columns"]):
            problems.append("%s: %d column rules, published %d"
                            % (where, len(g["columns"]), len(w["columns"])))
        else:
            for k, (a, b) in enumerate(zip(g["columns"], w["columns"])):
                off = abs(a - b) * w["table_width_mm"]
                if off > tol_mm:
                    problems.append("%s: column rule %d at %.1f mm, published %.1f mm (%.1f mm off)"
                                    % (where, k + 1, a * w["table_width_mm"],
                                       b * w["table_width_mm"], off))
        if w["header"] and g["header"] != w["header"]:
            missing = [t for t in w["header"] if t not in g["header"]]
            extra = [t for t in g["header"] if t not in w["header"]]
            problems.append("%s: header texts differ: published %s, ours %s"
                            % (where, json.dumps(missing, ensure_ascii=False),
                               json.dumps(extra, ensure_ascii=False)))
    for p in problems:
        print("FAIL: " + p, file=sys.stderr)
    worst = 0.0
    for w, g in zip(want["pages"], got):
        if len(g["columns"]) == len(w["columns"]):
            for a, b in zip(g["columns"], w["columns"]):
                worst = max(worst, abs(a - b) * w["table_width_mm"])
    print("%d table pages compared; the farthest column rule %.2f mm from the published one"
          " (tolerance %.1f mm)" % (len(got), worst, tol_mm))
    return 1 if problems else 0


def main():
    args = sys.argv[1:]
    tol = 1.5
    if "--tolerance-mm" in args:
        i = args.index("--tolerance-mm")
        tol = float(args[i + 1])
        del args[i:i + 2]
    if len(args) >= 3 and args[0] == "extract":
        first, last = pages_of(args[2], args[1])
        rows = [int(v) for v in args[3].split(",")] if len(args) > 3 else None
        pages = extract(args[1], first, last, dict(enumerate(rows)) if rows else None)
        for p, r in zip(pages, rows or []):
            p["header_rows"] = r
        json.dump({"source": args[1].split("/")[-1], "pages": pages}, sys.stdout,
                  ensure_ascii=False, indent=1)
        print()
        return 0
    if len(args) >= 3 and args[0] == "compare":
        return compare(args[1], args[2], args[3] if len(args) > 3 else None, tol)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
