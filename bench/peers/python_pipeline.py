#!/usr/bin/python3
"""The peer pipeline: what a user would write instead of budgetx.

Reads budgetx model dumps (`budgetx render … --format dump`), the fully
resolved tables as text, and renders each one the idiomatic Python way:
XLSX with XlsxWriter, PDF with ReportLab platypus. Used only as the
benchmark's point of comparison; see README.md beside this file.

    /usr/bin/python3 python_pipeline.py --format {xlsx,pdf,both} \
        --font REGULAR.ttf --bold-font BOLD.ttf -o OUTDIR DUMP...

Writes OUTDIR/<stem>.xlsx and/or OUTDIR/<stem>.pdf per dump (<stem> is the
dump's file name without ".dump.txt"). Fonts are registered once per
process. Prints nothing on success; exits 1 with a message on errors.
Needs Debian's python3-xlsxwriter and python3-reportlab.
"""

import argparse
import copy
import math
import os
import re
import sys
import unicodedata
from xml.sax.saxutils import escape as xml_escape

import xlsxwriter
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak,
                                PageTemplate, Paragraph, Table, TableStyle)


class DumpError(Exception):
    pass


# ---- the dump ---------------------------------------------------------------

class Cell:
    __slots__ = ("row", "col", "rowspan", "colspan", "style", "indent", "kind", "text",
                 "numfmt", "value")


class Sheet:
    def __init__(self, name):
        self.name = name
        self.label = ""
        self.title = ""
        self.caption_left = None
        self.caption_right = None
        self.landscape = True
        self.header_rows = 0
        self.widths = []
        self.cells = []  # anchors, in dump order (row by row)
        self.notes = []
        self.nrows = 0


class Dump:
    def __init__(self):
        self.title = ""
        self.author = ""
        self.template = ""
        self.sheets = []


_REF = re.compile(r"^([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?$")
_UNESCAPE = re.compile(r"\\(.)")
_UNESCAPES = {"n": "\n", "t": "\t", "\\": "\\"}


def unescape(s):
    if "\\" not in s:
        return s
    return _UNESCAPE.sub(lambda m: _UNESCAPES.get(m.group(1), m.group(0)), s)


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def parse_dump(path):
    dump = Dump()
    sheet = None
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            where = "%s:%d" % (path, lineno)
            if line.startswith("== "):
                sheet = Sheet(line[3:])
                dump.sheets.append(sheet)
                continue
            parts = line.split("\t")
            key = parts[0]
            if sheet is None:
                if key in ("title", "author", "template"):
                    setattr(dump, key, parts[1] if len(parts) > 1 else "")
                    continue
                raise DumpError("%s: unexpected line before the first table" % where)
            if key in ("label", "title"):
                setattr(sheet, key, parts[1] if len(parts) > 1 else "")
            elif key == "caption":
                sheet.caption_left = (parts[1] if len(parts) > 1 else "") or None
                sheet.caption_right = (parts[2] if len(parts) > 2 else "") or None
            elif key == "page":
                sheet.landscape = parts[1] == "landscape"
            elif key == "header_rows":
                sheet.header_rows = int(parts[1])
            elif key == "widths":
                sheet.widths = [float(w) for w in parts[1:]]
            elif key in ("print", "once"):
                pass  # how a set prints its tables (sizes, what repeats): the peer keeps its own
            elif key == "note":
                sheet.notes.append(unescape(parts[1] if len(parts) > 1 else ""))
            else:
                m = _REF.match(key)
                if not m or len(parts) < 3:
                    raise DumpError("%s: cannot read line %r" % (where, line[:60]))
                c = Cell()
                c.col = col_index(m.group(1))
                c.row = int(m.group(2)) - 1
                if m.group(3):
                    c.colspan = col_index(m.group(3)) - c.col + 1
                    c.rowspan = int(m.group(4)) - c.row
                else:
                    c.colspan = c.rowspan = 1
                style, _, indent = parts[1].partition("+")
                c.style = style
                c.indent = int(indent) if indent else 0
                c.kind = parts[2]
                c.text = ""
                c.numfmt = None
                c.value = None
                if c.kind == "text":
                    c.text = unescape(parts[3] if len(parts) > 3 else "")
                elif c.kind == "amount":
                    if len(parts) < 5:
                        raise DumpError("%s: amount without number format" % where)
                    c.text = parts[3]
                    c.numfmt = parts[4]
                    try:
                        c.value = float(c.text.replace(",", ""))
                    except ValueError:
                        raise DumpError("%s: not a number: %r" % (where, c.text)) from None
                elif c.kind != "empty":
                    raise DumpError("%s: unknown cell kind %r" % (where, c.kind))
                if c.col + c.colspan > len(sheet.widths):
                    raise DumpError("%s: cell outside the table's %d columns"
                                    % (where, len(sheet.widths)))
                sheet.cells.append(c)
                sheet.nrows = max(sheet.nrows, c.row + c.rowspan)
    if not dump.sheets:
        raise DumpError("%s: no tables" % path)
    for s in dump.sheets:
        if not s.widths:
            raise DumpError("%s: table %s has no column widths" % (path, s.name))
    return dump


def wraps(cell):
    return cell.style not in ("code", "amount", "number")


def halign(cell):
    if cell.style in ("header", "label"):
        return "center"
    if cell.style in ("amount", "number"):
        return "right"
    return "left"


# ---- XLSX (XlsxWriter) ------------------------------------------------------

TITLE_ROWS = 3  # 表号, title, caption line
XLSX_FONT = "宋体"
LINE_HEIGHT = 13.5  # points per line at 10 pt
ROW_PADDING = 4.0


def text_units(s):
    """Width in half-width units: CJK characters (and the ambiguous ones
    such as “”, full-width in a Chinese font) count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in s)


def lines_needed(text, capacity):
    return sum(max(1, math.ceil(text_units(part) / capacity)) for part in text.split("\n"))


def line_capacity(widths, col, cols, indent):
    return max(2.0, sum(widths[col:col + cols]) * 2.0 - 1.0 - indent * 2.0)


def row_heights(sheet):
    """Heights of the grid rows so that wrapped text shows whole (Excel
    does not grow rows for merged cells by itself)."""
    heights = [LINE_HEIGHT + ROW_PADDING] * sheet.nrows
    for multi in (False, True):
        for c in sheet.cells:
            if (c.rowspan > 1) != multi or c.kind != "text" or not wraps(c):
                continue
            need = lines_needed(c.text, line_capacity(sheet.widths, c.col, c.colspan, c.indent))
            need = need * LINE_HEIGHT + ROW_PADDING
            have = sum(heights[c.row:c.row + c.rowspan])
            if need > have:
                heights[c.row + c.rowspan - 1] += need - have
    return heights


def sheet_names(dump):
    used, names = set(), []
    for s in dump.sheets:
        base = re.sub(r"[\[\]:*?/\\]", "_", s.name)[:31] or "Sheet"
        name, k = base, 2
        while name.lower() in used:
            suffix = "(%d)" % k
            name = base[:31 - len(suffix)] + suffix
            k += 1
        used.add(name.lower())
        names.append(name)
    return names


def write_xlsx(dump, path):
    wb = xlsxwriter.Workbook(path)
    wb.set_properties({"title": dump.title, "subject": dump.title, "author": dump.author,
                       "company": dump.author, "category": "部门预算公开"})
    formats = {}

    def fmt(key):
        f = formats.get(key)
        if f is None:
            role = key[0]
            props = {"font_name": XLSX_FONT, "font_size": 16 if role == "title" else 10,
                     "valign": "vcenter"}
            if role == "title":
                props.update(bold=True, align="center")
            elif role in ("label", "caption_left"):
                props["align"] = "left"
            elif role == "caption_right":
                props["align"] = "right"
            elif role == "note":
                props.update(align="left", text_wrap=True)
            else:  # a grid cell: ("cell", align, wrap, indent, numfmt)
                _, align, wrap, indent, numfmt = key
                props.update(border=1, align=align)
                if wrap:
                    props["text_wrap"] = True
                if indent:
                    props["indent"] = indent
                if numfmt:
                    props["num_format"] = numfmt
            f = formats[key] = wb.add_format(props)
        return f

    for sheet, name in zip(dump.sheets, sheet_names(dump)):
        ws = wb.add_worksheet(name)
        ncols = len(sheet.widths)
        last = ncols - 1
        for c, w in enumerate(sheet.widths):
            ws.set_column(c, c, w * 1.9 + 0.9)
        ws.set_paper(9)  # A4
        if sheet.landscape:
            ws.set_landscape()
        else:
            ws.set_portrait()
        ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        ws.hide_gridlines(2)
        ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
        ws.set_footer("&C第 &P 页 共 &N 页")
        ws.repeat_rows(0, TITLE_ROWS + sheet.header_rows - 1)
        if sheet.header_rows:
            ws.freeze_panes(TITLE_ROWS + sheet.header_rows, 0)

        # title block
        ws.write_string(0, 0, sheet.label, fmt(("label",)))
        ws.set_row(1, 30)
        if last > 0:
            ws.merge_range(1, 0, 1, last, sheet.title, fmt(("title",)))
        else:
            ws.write_string(1, 0, sheet.title, fmt(("title",)))
        left, right = sheet.caption_left, sheet.caption_right
        if left and right and last > 0:
            split = (ncols + 1) // 2
            if split - 1 > 0:
                ws.merge_range(2, 0, 2, split - 1, left, fmt(("caption_left",)))
            else:
                ws.write_string(2, 0, left, fmt(("caption_left",)))
            if split < last:
                ws.merge_range(2, split, 2, last, right, fmt(("caption_right",)))
            else:
                ws.write_string(2, last, right, fmt(("caption_right",)))
        elif left or right:
            both = "    ".join(t for t in (left, right) if t)
            f = fmt(("caption_left",) if left else ("caption_right",))
            if last > 0:
                ws.merge_range(2, 0, 2, last, both, f)
            else:
                ws.write_string(2, 0, both, f)

        # the grid
        for r, h in enumerate(row_heights(sheet)):
            ws.set_row(TITLE_ROWS + r, h)
        for c in sheet.cells:
            f = fmt(("cell", halign(c), wraps(c), c.indent, c.numfmt))
            r = TITLE_ROWS + c.row
            merged = c.rowspan > 1 or c.colspan > 1
            if merged:  # merge empty, then write the value: numbers stay numbers
                ws.merge_range(r, c.col, r + c.rowspan - 1, c.col + c.colspan - 1, "", f)
            if c.kind == "amount":
                ws.write_number(r, c.col, c.value, f)
            elif c.kind == "text":
                ws.write_string(r, c.col, c.text, f)
            elif not merged:
                ws.write_blank(r, c.col, None, f)

        # notes
        for i, note in enumerate(sheet.notes):
            r = TITLE_ROWS + sheet.nrows + i
            lines = lines_needed(note, line_capacity(sheet.widths, 0, ncols, 0))
            ws.set_row(r, lines * LINE_HEIGHT + ROW_PADDING)
            if last > 0:
                ws.merge_range(r, 0, r, last, note, fmt(("note",)))
            else:
                ws.write_string(r, 0, note, fmt(("note",)))
    wb.close()


# ---- PDF (ReportLab) --------------------------------------------------------

REGULAR = "BudgetSerif"
BOLD = "BudgetSerif-Bold"
MARGIN_LR = 28.35  # 10 mm
MARGIN_T = 28.35
MARGIN_B = 22.0  # footer baseline
FOOTER_H = 16.0
BODY = 9.0
LEADING = BODY * 1.3
TITLE = 16.0
PAD_X, PAD_Y = 3.0, 2.5
GAP = 4.0
CHUNK_ROWS = 300  # body rows per platypus Table, see split_rows()

_fonts_registered = False


def register_fonts(regular, bold):
    """TTFont parses the 15 MB files once; later documents reuse them."""
    global _fonts_registered
    if _fonts_registered:
        return
    for path in (regular, bold):
        if not os.path.isfile(path):
            raise DumpError("font not found: %s" % path)
    pdfmetrics.registerFont(TTFont(REGULAR, regular))
    pdfmetrics.registerFont(TTFont(BOLD, bold))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD,
                                  italic=REGULAR, boldItalic=BOLD)
    _fonts_registered = True


class NumberedCanvas(canvas.Canvas):
    """The usual two-pass trick: keep every page's state, and draw
    "第 N 页 共 M 页" on each only at save(), when M is known."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initialFontName", REGULAR)  # no stray Helvetica
        canvas.Canvas.__init__(self, *args, **kwargs)
        self._saved_pages = []

    def showPage(self):
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved_pages)
        for number, state in enumerate(self._saved_pages, 1):
            self.__dict__.update(state)
            self.setFont(REGULAR, BODY)
            self.drawCentredString(self._pagesize[0] / 2, MARGIN_B,
                                   "第 %d 页 共 %d 页" % (number, total))
            canvas.Canvas.showPage(self)
        canvas.Canvas.save(self)


_pstyles = {}


def pstyle(kind, align=TA_LEFT, indent=0):
    key = (kind, align, indent)
    s = _pstyles.get(key)
    if s is None:
        if kind == "note-first":
            s = ParagraphStyle("note-first", parent=pstyle("cell"), spaceBefore=GAP)
        elif kind == "title":
            s = ParagraphStyle("title", fontName=BOLD, fontSize=TITLE, leading=TITLE * 1.3,
                               alignment=TA_CENTER, wordWrap="CJK")
        else:
            s = ParagraphStyle("%s-%d-%d" % key, fontName=REGULAR, fontSize=BODY,
                               leading=LEADING, alignment=align, leftIndent=indent * BODY,
                               wordWrap="CJK")
        _pstyles[key] = s
    return s


_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


def para(text, style):
    return Paragraph(xml_escape(text).replace("\n", "<br/>"), style)


def title_block(sheet, ncols):
    """The label, title and caption as the table's first three rows, so
    that repeatRows shows them on every page together with the header."""
    rows = [[""] * ncols for _ in range(TITLE_ROWS)]
    cmds = []
    last = ncols - 1
    rows[0][0] = para(sheet.label, pstyle("cell"))
    rows[1][0] = para(sheet.title, pstyle("title"))
    left, right = sheet.caption_left, sheet.caption_right
    if left and right and ncols > 1:
        split = (ncols + 1) // 2
        rows[2][0] = para(left, pstyle("cell"))
        rows[2][split] = para(right, pstyle("cell", TA_RIGHT))
        cmds += [("SPAN", (0, 2), (split - 1, 2)), ("SPAN", (split, 2), (last, 2))]
    elif left or right:
        rows[2][0] = para("    ".join(t for t in (left, right) if t),
                          pstyle("cell", TA_LEFT if left else TA_RIGHT))
        cmds.append(("SPAN", (0, 2), (last, 2)))
    cmds += [("SPAN", (0, 0), (last, 0)), ("SPAN", (0, 1), (last, 1)),
             ("LEFTPADDING", (0, 0), (-1, TITLE_ROWS - 1), 0),
             ("RIGHTPADDING", (0, 0), (-1, TITLE_ROWS - 1), 0),
             ("TOPPADDING", (0, 0), (-1, TITLE_ROWS - 1), 0),
             ("BOTTOMPADDING", (0, 0), (-1, TITLE_ROWS - 1), 0),
             ("TOPPADDING", (0, 1), (-1, 1), GAP),
             ("BOTTOMPADDING", (0, 1), (-1, 1), GAP)]
    return rows, cmds


def cell_value(c):
    if c.kind == "empty":
        return ""
    if c.kind == "amount" or c.style == "code":
        return c.text  # a plain string: one line, drawn as is
    return para(c.text, pstyle("cell", _ALIGN[halign(c)], c.indent))


class SpanSplittingTable(Table):
    """A platypus Table that may also break a page inside a row span.

    Table never splits between rows joined by a SPAN, so a label spanning
    more rows than fit on a page (表12's 年度绩效指标 spans 45 rows) raises
    LayoutError. Ignoring spans when choosing the split row is enough:
    Table._splitRows already clips the SPAN commands to each part. The
    span's text, which stays in the first part, is shown again at the top
    of its continuation, as in budgetx's PDF."""

    def _getFirstPossibleSplitRowPosition(self, availHeight, ignoreSpans=0):
        return Table._getFirstPossibleSplitRowPosition(self, availHeight, ignoreSpans=1)

    def _splitRows(self, availHeight, doInRowSplit=0):
        parts = Table._splitRows(self, availHeight, doInRowSplit)
        if len(parts) == 2 and not doInRowSplit:
            first, rest = parts
            n = first._nrows
            repeat = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
            for _, (sc, sr), (ec, er) in self._spanCmds:
                if sr < 0:
                    sr += self._nrows
                if er < 0:
                    er += self._nrows
                if sr < n <= er:
                    value = self._cellvalues[sr][sc]
                    if isinstance(value, Paragraph):
                        value = copy.copy(value)
                    rest._cellvalues[repeat][sc] = value
        return parts


def split_rows(sheet):
    """Body rows cut into chunks of about CHUNK_ROWS rows, never inside a
    row span. A platypus Table re-measures all its remaining rows each time
    it splits at a page end, which is quadratic in the rows; a very long
    table is therefore given as several Tables in a row, each repeating the
    title block and header rows (the usual remedy). Spans crossing a chunk
    boundary that is forced (a span longer than a chunk) are cut there."""
    h = sheet.header_rows
    starts = {}
    for c in sheet.cells:
        if c.row >= h and c.rowspan > 1:
            starts[c.row] = max(starts.get(c.row, 0), c.row + c.rowspan)
    bounds, lo = [], h
    reach = h  # end of the spans open so far
    for r in range(h, sheet.nrows):
        if r - lo >= CHUNK_ROWS and r >= reach:
            bounds.append((lo, r))
            lo = r
        if r - lo >= 2 * CHUNK_ROWS:  # a span longer than a chunk: cut it
            bounds.append((lo, r))
            lo = r
        reach = max(reach, starts.get(r, 0))
    bounds.append((lo, sheet.nrows))
    return bounds


def sheet_tables(sheet, width):
    ncols = len(sheet.widths)
    total = sum(sheet.widths) or 1.0
    col_widths = [w / total * width for w in sheet.widths]
    h = sheet.header_rows
    head, title_cmds = title_block(sheet, ncols)
    header = [[""] * ncols for _ in range(h)]
    header_cmds = []
    body = {}
    tall = []  # body cells spanning rows, which a chunk boundary may cut
    for c in sheet.cells:
        if c.row < h:
            header[c.row][c.col] = cell_value(c)
            if c.rowspan > 1 or c.colspan > 1:
                header_cmds.append(("SPAN", (c.col, TITLE_ROWS + c.row),
                                    (c.col + c.colspan - 1, TITLE_ROWS + c.row + c.rowspan - 1)))
            if c.style == "code":
                header_cmds.append(("ALIGN", (c.col, TITLE_ROWS + c.row),
                                    (c.col, TITLE_ROWS + c.row), "LEFT"))
        else:
            body[(c.row, c.col)] = c
            if c.rowspan > 1:
                tall.append(c)
    tables = []
    for lo, hi in split_rows(sheet):
        first = TITLE_ROWS + h  # table row of body row lo
        rows = head + header + [[""] * ncols for _ in range(hi - lo)]
        cmds = [("FONT", (0, 0), (-1, -1), REGULAR, BODY, LEADING),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, TITLE_ROWS), (-1, -1), "RIGHT"),
                ("LEFTPADDING", (0, TITLE_ROWS), (-1, -1), PAD_X),
                ("RIGHTPADDING", (0, TITLE_ROWS), (-1, -1), PAD_X),
                ("TOPPADDING", (0, TITLE_ROWS), (-1, -1), PAD_Y),
                ("BOTTOMPADDING", (0, TITLE_ROWS), (-1, -1), PAD_Y),
                ("GRID", (0, TITLE_ROWS), (-1, -1), 0.5, colors.black)]
        cmds += title_cmds + header_cmds
        for r in range(lo, hi):
            for col in range(ncols):
                c = body.get((r, col))
                if c is None:
                    continue
                tr = first + r - lo
                rows[tr][col] = cell_value(c)
                end_r = min(c.row + c.rowspan, hi) - 1
                if end_r > r or c.colspan > 1:
                    cmds.append(("SPAN", (col, tr), (col + c.colspan - 1, first + end_r - lo)))
                if c.style == "code":
                    cmds.append(("ALIGN", (col, tr), (col, tr), "LEFT"))
        # spans that began in an earlier chunk continue here, text repeated
        for c in tall:
            if c.row < lo < c.row + c.rowspan:
                end_r = min(c.row + c.rowspan, hi) - 1
                rows[first][c.col] = cell_value(c)
                cmds.append(("SPAN", (c.col, first), (c.col + c.colspan - 1, first + end_r - lo)))
        tables.append(SpanSplittingTable(rows, colWidths=col_widths, style=TableStyle(cmds),
                            repeatRows=TITLE_ROWS + h, hAlign="CENTER"))
    return tables


def write_pdf(dump, path):
    page_sizes = {True: landscape(A4), False: portrait(A4)}
    templates = []
    for orient in (dump.sheets[0].landscape, not dump.sheets[0].landscape):
        w, h = page_sizes[orient]
        frame = Frame(MARGIN_LR, MARGIN_B + FOOTER_H, w - 2 * MARGIN_LR,
                      h - MARGIN_T - MARGIN_B - FOOTER_H,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates.append(PageTemplate(id="landscape" if orient else "portrait",
                                      frames=[frame], pagesize=(w, h)))
    doc = BaseDocTemplate(path, pagesize=page_sizes[dump.sheets[0].landscape],
                          pageTemplates=templates, title=dump.title, author=dump.author,
                          subject="部门预算公开表格", creator="python_pipeline (ReportLab)",
                          pageCompression=1)
    story = []
    for i, sheet in enumerate(dump.sheets):
        if i:
            story.append(NextPageTemplate("landscape" if sheet.landscape else "portrait"))
            story.append(PageBreak())
        width = page_sizes[sheet.landscape][0] - 2 * MARGIN_LR
        story.extend(sheet_tables(sheet, width))
        for k, note in enumerate(sheet.notes):
            story.append(para(note, pstyle("note-first" if k == 0 else "cell")))
    doc.build(story, canvasmaker=NumberedCanvas)


# ---- driver -----------------------------------------------------------------

def stem_of(path):
    name = os.path.basename(path)
    for suffix in (".dump.txt", ".txt"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[:-len(suffix)]
    return os.path.splitext(name)[0]


def main(argv=None):
    ap = argparse.ArgumentParser(description="XlsxWriter + ReportLab peer of budgetx render")
    ap.add_argument("--format", choices=("xlsx", "pdf", "both"), default="both")
    ap.add_argument("--font", help="regular TrueType font for the PDF")
    ap.add_argument("--bold-font", help="bold TrueType font for the PDF")
    ap.add_argument("-o", "--output", required=True, help="output directory")
    ap.add_argument("dumps", nargs="+", metavar="DUMP")
    args = ap.parse_args(argv)
    want_pdf = args.format in ("pdf", "both")
    want_xlsx = args.format in ("xlsx", "both")
    if want_pdf and not (args.font and args.bold_font):
        ap.error("--font and --bold-font are needed for PDF output")
    try:
        os.makedirs(args.output, exist_ok=True)
        if want_pdf:
            register_fonts(args.font, args.bold_font)
        for path in args.dumps:
            dump = parse_dump(path)
            out = os.path.join(args.output, stem_of(path))
            if want_xlsx:
                write_xlsx(dump, out + ".xlsx")
            if want_pdf:
                write_pdf(dump, out + ".pdf")
    except (DumpError, OSError, ValueError) as e:
        print("python_pipeline: %s" % e, file=sys.stderr)
        return 1
    except Exception as e:  # ReportLab's LayoutError, XlsxWriter's exceptions, …
        print("python_pipeline: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
