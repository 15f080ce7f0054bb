#!/usr/bin/env python3
"""Read a rendered PDF with three readers and check they agree.

  pdf_readers.py BOOK.pdf

poppler (pdftotext, pdftoppm), MuPDF (mutool) and Ghostscript (gs) are
the readers Debian ships; each must extract the same text from every page
and render every page without an error. Normalisation, decided once:

- poppler's text is pdftotext -raw (content-stream order), all whitespace
  removed; it is what the golden tests read.
- MuPDF's (mutool draw -F txt) must equal it exactly: it reads in stream
  order too.
- Ghostscript's (-sDEVICE=txtwrite) orders text by its own layout
  analysis, which groups the lines of vertically centred cells
  differently: per page, the same characters must come out, compared as
  sorted sequences (mojibake from a misread ToUnicode map changes them).
- Ghostscript's pdfwrite (re-distilling, as PDF/A conversion does) must
  keep the text: poppler reads the re-written file exactly as the
  original.
- Rendering: each reader draws every page at low resolution with nothing
  on stderr (mutool's "ICC support is not available", about its own
  build, aside).
"""
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def run(*cmd, quiet_ok=()):
    p = subprocess.run(cmd, capture_output=True)
    err = p.stderr.decode(errors="replace")
    lines = [l for l in err.splitlines() if l.strip() and not any(q in l for q in quiet_ok)]
    err = "\n".join(lines[:5] + (["… (%d lines)" % len(lines)] if len(lines) > 5 else []))
    if p.returncode != 0:
        sys.exit("FAIL: %s exited %d: %s" % (" ".join(map(str, cmd)), p.returncode, err))
    if err:
        sys.exit("FAIL: %s warned: %s" % (" ".join(map(str, cmd)), err))
    return p.stdout.decode("utf-8", errors="replace")


def squash(s):
    return re.sub(r"\s+", "", s)


MUPDF_QUIET = ("ICC support is not available",)


def main():
    pdf = Path(sys.argv[1])
    pages = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", pdf), re.M).group(1))
    poppler = [squash(p) for p in run("pdftotext", "-raw", pdf, "-").split("\f")[:pages]]
    if len(poppler) != pages or not all(poppler):
        sys.exit("FAIL: pdftotext gave %d pages of text, the PDF has %d" % (len(poppler), pages))
    gs = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        run("mutool", "draw", "-q", "-F", "txt", "-o", tmp / "mu%04d.txt", pdf, quiet_ok=MUPDF_QUIET)
        run(*gs, "-sDEVICE=txtwrite", "-sOutputFile=%s" % (tmp / "gs%04d.txt"), pdf)
        run(*gs, "-sDEVICE=pdfwrite", "-sOutputFile=%s" % (tmp / "re.pdf"), pdf)
        again = [squash(p) for p in run("pdftotext", "-raw", tmp / "re.pdf", "-").split("\f")[:pages]]
        for i, want in enumerate(poppler, 1):
            mu = squash((tmp / ("mu%04d.txt" % i)).read_text(encoding="utf-8"))
            if mu != want:
                sys.exit("FAIL: page %d: MuPDF reads %r…, poppler %r…" % (i, mu[:60], want[:60]))
            g = squash((tmp / ("gs%04d.txt" % i)).read_text(encoding="utf-8"))
            if sorted(g) != sorted(want):
                sys.exit("FAIL: page %d: Ghostscript reads other characters: %r…, poppler %r…"
                         % (i, g[:60], want[:60]))
            if i > len(again) or again[i - 1] != want:
                got = again[i - 1] if i <= len(again) else ""
                sys.exit("FAIL: page %d: re-distilled by Ghostscript, the text is %r…, was %r…"
                         % (i, got[:60], want[:60]))
        run("pdftoppm", "-r", "20", "-png", pdf, tmp / "pp")
        run("mutool", "draw", "-q", "-r", "20", "-o", tmp / "mu%04d.png", pdf, quiet_ok=MUPDF_QUIET)
        run(*gs, "-sDEVICE=png16m", "-r20", "-sOutputFile=%s" % (tmp / "gs%04d.png"), pdf)
        for prefix in ("mu", "gs"):
            drawn = len(list(tmp.glob(prefix + "*.png")))
            if drawn != pages:
                sys.exit("FAIL: %s drew %d of %d pages" % (prefix, drawn, pages))
    print("%s: %d pages read alike by poppler, MuPDF and Ghostscript" % (pdf.name, pages))


if __name__ == "__main__":
    main()
