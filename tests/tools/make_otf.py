#!/usr/bin/env python3
"""Make an OpenType font whose CFF program is not CID-keyed (glyphs named
uniXXXX, no ROS), from a face of Noto Serif CJK SC: a font of the kind
budgetx embeds with CIDs that are glyph ids.

  make_otf.py SOURCE.ttc POSTSCRIPT_NAME TEXT_FILE OUT.otf

It holds the characters of TEXT_FILE, printable ASCII and what every PDF
draws (the page footer, CJK punctuation), with the source's outlines and
advances (fontTools, Debian's python3-fonttools).
"""
import sys

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTCollection


def main():
    source, face, text_file, out = sys.argv[1:5]
    src = next(f for f in TTCollection(source).fonts if f["name"].getDebugName(6) == face)
    cmap, glyphs, hmtx = src.getBestCmap(), src.getGlyphSet(), src["hmtx"]
    text = open(text_file, encoding="utf-8").read()
    text += "".join(map(chr, range(0x20, 0x7F))) + "第页共，。、（）：；"
    cps = sorted({ord(c) for c in text if ord(c) >= 0x20 and ord(c) in cmap})
    names = [(".notdef", ".notdef")] + [("uni%04X" % c, cmap[c]) for c in cps]
    charstrings, metrics = {}, {}
    for name, src_name in names:
        width = hmtx[src_name][0]
        pen = T2CharStringPen(width, glyphs)
        glyphs[src_name].draw(pen)
        charstrings[name] = pen.getCharString()
        metrics[name] = (width, 0)
    ps = "BxTestNameKeyed-Regular"
    fb = FontBuilder(src["head"].unitsPerEm, isTTF=False)
    fb.setupGlyphOrder([n for n, _ in names])
    fb.setupCharacterMap({c: "uni%04X" % c for c in cps})
    fb.setupCFF(ps, {"FullName": "BxTest Name Keyed"}, charstrings, {})
    fb.setupHorizontalMetrics(metrics)
    fb.setupHorizontalHeader(ascent=src["hhea"].ascent, descent=src["hhea"].descent)
    fb.setupNameTable({"familyName": "BxTest Name Keyed", "styleName": "Regular", "psName": ps})
    fb.setupOS2(sTypoAscender=src["OS/2"].sTypoAscender, sTypoDescender=src["OS/2"].sTypoDescender)
    fb.setupPost()
    fb.save(out)


if __name__ == "__main__":
    main()
