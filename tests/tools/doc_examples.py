#!/usr/bin/env python3
"""docs/document-format.md's examples, run: the "# example: document" block
loads as a layout set's document.yaml and renders, and every template of the
"# example: sentences" block prints what the page says it prints, against
samples/shenzhen-2024.

  doc_examples.py BUDGETX SOURCE_DIR
"""
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def blocks_of(yaml_text):
    """The example's document.yaml with its blocks replaced."""
    return yaml_text[:yaml_text.index("blocks:")]


def render(budgetx, layouts, sample, out):
    p = subprocess.run([budgetx, "render", str(sample), "-o", str(out), "--format", "dump",
                        "--layouts", str(layouts), "-v"], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("FAIL: render with the documented example: " + p.stderr)
    if str(layouts) not in p.stderr:
        sys.exit("FAIL: the example's layout set was not the one used: " + p.stderr)
    dump = next(Path(out).glob("*.dump.txt")).read_text(encoding="utf-8")
    return [l.split("\t")[3] for l in dump.split("\n")
            if l.startswith("paragraph\t") and len(l.split("\t")) == 4]


def main():
    budgetx, root = sys.argv[1], Path(sys.argv[2])
    doc = (root / "docs" / "document-format.md").read_text(encoding="utf-8")
    document = re.search(r"```yaml\n# example: document\n(.*?)```\n", doc, re.S).group(1)
    sentences = re.search(r"```yaml\n# example: sentences\n(.*?)```\n", doc, re.S).group(1)
    pairs = re.findall(r'- template: "(.*)"\n  printed: "(.*)"', sentences)
    if len(pairs) < 5:
        sys.exit("FAIL: too few sentence examples found (%d)" % len(pairs))
    work = Path(tempfile.mkdtemp())
    try:
        layouts = work / "layouts"
        shutil.copytree(root / "layouts" / "shenzhen-2024", layouts / "shenzhen-2024")
        doc_yaml = layouts / "shenzhen-2024" / "document.yaml"
        doc_yaml.write_text(document, encoding="utf-8")
        got = render(budgetx, layouts, root / "samples" / "shenzhen-2024", work / "a")
        if not any("21,866.99" in p for p in got):
            sys.exit("FAIL: the documented document.yaml did not print its paragraph: %s" % got)
        lines = [blocks_of(document), "blocks:\n"]
        for template, _ in pairs:
            lines.append("  - paragraph: \"%s\"\n" % template)
        doc_yaml.write_text("".join(lines), encoding="utf-8")
        got = render(budgetx, layouts, root / "samples" / "shenzhen-2024", work / "b")
    finally:
        shutil.rmtree(work)
    bad = [(t, want, have) for (t, want), have in zip(pairs, got) if want != have]
    for t, want, have in bad:
        print("FAIL: %s printed %s, the page says %s" % (t, have, want), file=sys.stderr)
    if len(got) != len(pairs):
        sys.exit("FAIL: %d sentences rendered for %d examples" % (len(got), len(pairs)))
    if bad:
        sys.exit(1)
    print("docs/document-format.md: the document example renders, %d sentences print as documented"
          % len(pairs))


if __name__ == "__main__":
    main()
