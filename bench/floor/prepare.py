#!/usr/bin/env python3
"""Payloads for bench/floor/floor.c from one render's PDF and workbook:
each deflated PDF stream inflated (to be deflated again), the PDF bytes
between them as they are, each workbook part inflated. Untimed.

    prepare.py RENDER.pdf RENDER.xlsx OUT_DIR   (writes OUT_DIR/manifest)
"""
import re
import sys
import zipfile
import zlib
from pathlib import Path

pdf, xlsx, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
out.mkdir(parents=True, exist_ok=True)
lines = []


def put(target, how, data):
    name = "%s%05d.bin" % (target, len(lines))
    (out / name).write_bytes(data)
    lines.append("%s %s %s" % (target, how, name))


data = pdf.read_bytes()
at = 0
for m in re.finditer(rb"stream\r?\n", data):
    if m.start() < at:
        continue
    end = data.find(b"endstream", m.end())
    body = data[m.end():end]
    try:
        raw = zlib.decompress(body)
    except zlib.error:
        continue  # not deflated: stays in the copied bytes
    put("pdf", "raw", data[at:m.end()])
    put("pdf", "deflate", raw)
    at = end
put("pdf", "raw", data[at:])
with zipfile.ZipFile(xlsx) as z:
    for info in z.infolist():
        put("xlsx", "zlib", z.read(info))
(out / "manifest").write_text("\n".join(lines) + "\n")
