#!/usr/bin/env python3
"""Check that every code of every embedded font draws its character.

  pdf_glyphs.py BOOK.pdf FONT_FILE...

Text extraction reads the ToUnicode maps only: a PDF whose codes point at
the wrong glyphs still gives back the right text. This check reads the
fonts themselves (fontTools, Debian's python3-fonttools), for each Type0
font of the PDF:

- its face is found among FONT_FILE… (a .ttc's faces too) by the
  PostScript name after the subset tag of /BaseFont;
- every code of its ToUnicode map (one bfchar entry per code) is looked up
  the way a reader does: in a CIDFontType0 font (FontFile3
  /CIDFontType0C) the code is a CID, found in the CFF program's charset
  (a program that is not CID-keyed: the code is the glyph id); in a
  CIDFontType2 font (FontFile2, CIDToGIDMap /Identity) it is the glyph id;
- that glyph's outline must be the outline the original face's cmap gives
  the character (drawn with a RecordingPen: the same segments, point for
  point);
- its width in W (or DW) must be the face's advance in 1/1000 em,
  truncated (as budgetx writes it).
"""
import io
import re
import sys
import zlib

from fontTools.cffLib import CFFFontSet
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTCollection, TTFont


def objects(data):
    """Object number → (dictionary text, stream bytes or None)."""
    out = {}
    for m in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", data, re.S):
        body = m.group(2)
        k = body.find(b"stream")
        if k >= 0 and body.lstrip().startswith(b"<<"):
            head = body[:k]
            raw = body[k + 6:]
            raw = raw[2:] if raw.startswith(b"\r\n") else raw[1:]
            length = re.search(rb"/Length (\d+)( 0 R)?", head)
            n = int(length.group(1))
            if length.group(2):
                n = int(re.search(rb"^%d 0 obj\s*(\d+)" % n, data, re.M).group(1))
            raw = raw[:n]
            if b"/FlateDecode" in head:
                raw = zlib.decompress(raw)
            out[int(m.group(1))] = (head.decode("latin-1"), raw)
        else:
            out[int(m.group(1))] = (body.decode("latin-1"), None)
    return out


def ref(text, key):
    m = re.search(r"/%s (\d+) 0 R" % key, text)
    return int(m.group(1)) if m else None


def widths(text):
    """W and DW of a CIDFont dictionary: code → width, and the default."""
    dw = int(re.search(r"/DW (\d+)", text).group(1)) if "/DW" in text else 1000
    w = {}
    start = text.find("/W [")
    if start >= 0:
        depth, end = 0, start + 3
        for end in range(start + 3, len(text)):
            depth += {"[": 1, "]": -1}.get(text[end], 0)
            if depth == 0:
                break
        for first, run in re.findall(r"(\d+)\s*\[([^\]]*)\]", text[start + 4:end]):
            for i, v in enumerate(run.split()):
                w[int(first) + i] = int(v)
    return w, dw


def to_unicode(cmap):
    text = cmap.decode("latin-1")
    if "beginbfrange" in text:
        sys.exit("FAIL: the ToUnicode map has bfrange entries")
    out = {}
    for block in re.findall(r"(\d+) beginbfchar\n(.*?)endbfchar", text, re.S):
        entries = re.findall(r"<([0-9A-F]{4})> <([0-9A-F]+)>", block[1])
        if len(entries) != int(block[0]) or len(entries) > 100:
            sys.exit("FAIL: a bfchar block of %s entries holds %d" % (block[0], len(entries)))
        for code, utf16 in entries:
            out[int(code, 16)] = bytes.fromhex(utf16).decode("utf-16-be")
    return out


def faces(files):
    by_name = {}
    for f in files:
        fonts = TTCollection(f).fonts if open(f, "rb").read(4) == b"ttcf" else [TTFont(f)]
        for t in fonts:
            by_name[t["name"].getDebugName(6)] = t
    return by_name


def outline(glyph_set, name):
    pen = RecordingPen()
    glyph_set[name].draw(pen)
    return pen.value


def main():
    pdf, files = sys.argv[1], sys.argv[2:]
    objs = objects(open(pdf, "rb").read())
    originals = faces(files)
    checked = 0
    for num, (text, _) in sorted(objs.items()):
        if "/Subtype /Type0" not in text:
            continue
        base = re.search(r"/BaseFont /[A-Z]{6}\+(\S+)", text).group(1)
        if base not in originals:
            sys.exit("FAIL: font %s: no face of that name in %s" % (base, files))
        orig = originals[base]
        cmap = orig.getBestCmap()
        orig_glyphs = orig.getGlyphSet()
        upem = orig["head"].unitsPerEm
        cid_text = objs[int(re.search(r"/DescendantFonts \[ (\d+) 0 R", text).group(1))][0]
        descriptor = objs[ref(cid_text, "FontDescriptor")][0]
        codes = to_unicode(objs[ref(text, "ToUnicode")][1])
        w, dw = widths(cid_text)
        if "/Subtype /CIDFontType0" in cid_text:
            file_text, program = objs[ref(descriptor, "FontFile3")]
            if "/Subtype /CIDFontType0C" not in file_text or "CIDToGIDMap" in cid_text:
                sys.exit("FAIL: %s: a CIDFontType0 font needs a bare CFF program" % base)
            cff = CFFFontSet()
            cff.decompile(io.BytesIO(program), None)
            top = cff[cff.fontNames[0]]
            names = top.charset
            if hasattr(top, "ROS"):  # CID-keyed: the code is a CID
                by_code = {int(n[3:]) if n.startswith("cid") else 0: n for n in names}
            else:
                by_code = dict(enumerate(names))
            glyph_of = by_code.get
            sub_glyphs = top.CharStrings
        else:
            if "/CIDToGIDMap /Identity" not in cid_text:
                sys.exit("FAIL: %s: a CIDFontType2 font without CIDToGIDMap /Identity" % base)
            sub = TTFont(io.BytesIO(objs[ref(descriptor, "FontFile2")][1]))
            order = sub.getGlyphOrder()
            glyph_of = lambda c: order[c] if c < len(order) else None
            sub_glyphs = sub.getGlyphSet()
        for code, ch in sorted(codes.items()):
            name = glyph_of(code)
            if name is None:
                sys.exit("FAIL: %s: code %d (%r) is no glyph of the embedded font" % (base, code, ch))
            want = cmap.get(ord(ch))
            if outline(sub_glyphs, name) != outline(orig_glyphs, want):
                sys.exit("FAIL: %s: code %d draws %s, not %r (%s)" % (base, code, name, ch, want))
            advance = orig["hmtx"][want][0] * 1000 // upem
            if w.get(code, dw) != advance:
                sys.exit("FAIL: %s: code %d (%r): width %d, the face's %d"
                         % (base, code, ch, w.get(code, dw), advance))
            checked += 1
    if checked == 0:
        sys.exit("FAIL: no embedded font to check")
    print("%s: %d codes draw their characters" % (pdf, checked))


if __name__ == "__main__":
    main()
