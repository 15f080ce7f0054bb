#!/usr/bin/env python3
"""Seed programs for fuzz/fuzz_cff.c: the CFF table of small subsets of a
CID-keyed OpenType font, subroutines kept (fontTools' subsetter keeps
them, so the seeds call local and global subroutines), and of a font whose
program is not CID-keyed.

  cff_seeds.py FONT.ttc POSTSCRIPT_NAME OUT_DIR
"""
import io
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection


def face(path, name):
    for f in TTCollection(path).fonts:
        if f["name"].getDebugName(6) == name:
            return f
    sys.exit("%s: no face %s" % (path, name))


def main():
    path, name, out = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)
    for i, text in enumerate(["一", "部门预算", "收支总表（单位：万元）0123456789"]):
        font = face(path, name)
        options = subset.Options()
        options.desubroutinize = False
        options.layout_features = []
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        buf = io.BytesIO()
        font.save(buf)
        font = type(font)(io.BytesIO(buf.getvalue()))
        with open(os.path.join(out, "seed-%d.cff" % i), "wb") as f:
            f.write(font.getTableData("CFF "))


if __name__ == "__main__":
    main()
