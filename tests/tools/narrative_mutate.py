#!/usr/bin/env python3
"""Change every table figure the document's text quotes, one at a time, and
check that exactly the sentences quoting it change.

  narrative_mutate.py BUDGETX SAMPLE_DIR

`budgetx check --format json` lists, under "narrative", every figure the
text printed with the cell it came from (file, line, column). Each distinct
cell is raised by 10 units of its last shown decimal in a copy of the
sample; the whole document is rendered (--format dump --force: the tables'
sums no longer hold) and its blocks compared with the untouched sample's.
The blocks that change must be exactly the blocks that quote the cell: a
figure typed into a sentence, or bound to another cell, fails.
"""
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from mutate import edit_csv  # noqa: E402  (the same CSV edit as the checks' test)

KINDS = ("label", "title", "contents", "heading", "paragraph", "tables")


def blocks(budgetx, data, out):
    if out.exists():
        shutil.rmtree(out)
    p = subprocess.run([budgetx, "render", str(data), "-o", str(out), "--format", "dump",
                        "--force", "-q"], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit("render failed on %s: %s" % (data, p.stderr))
    dump = next(out.glob("*.dump.txt"))
    # the blocks: kind, level, number, text (the header's "title" line has two fields)
    out_blocks = []
    for line in dump.read_text(encoding="utf-8").split("\n"):
        kind = line.split("\t")[0]
        if kind == "grid":  # a table inside the text: one block, its rows with it
            out_blocks.append(line)
        elif kind == "row" and out_blocks and out_blocks[-1].startswith("grid\t"):
            out_blocks[-1] += "\n" + line
        elif kind in KINDS and len(line.split("\t")) == 4:
            out_blocks.append(line)
    return out_blocks


def main():
    budgetx, sample = sys.argv[1], Path(sys.argv[2]).resolve()
    p = subprocess.run([budgetx, "check", str(sample), "--format", "json"],
                       capture_output=True, text=True)
    report = json.loads(p.stdout)
    cells = {}
    for fig in report["narrative"]:
        if fig.get("cell") and fig.get("file"):
            key = (fig["file"], fig["line"], fig["column_number"])
            cells.setdefault(key, {"refs": set(), "blocks": set(), "value": fig["value"]})
            cells[key]["refs"].add(fig["cell"])
            cells[key]["blocks"].add(fig["block"])
    if not cells:
        raise SystemExit("FAIL: no narrative figure with a cell in %s" % sample)
    work = Path(tempfile.mkdtemp())
    data = work / "data"
    shutil.copytree(sample, data)
    base = blocks(budgetx, data, work / "out")
    failures = 0
    for (file, line, column), c in sorted(cells.items()):
        target = data / Path(file).resolve().relative_to(sample)
        saved = target.read_bytes()
        decimals = len(c["value"].split(".")[1]) if "." in c["value"] else 0
        step = "0.%s1" % ("0" * (decimals - 2)) if decimals >= 2 else "10" if decimals == 0 else "1"
        edit_csv(target, line, column, step)
        after = blocks(budgetx, data, work / "out")
        target.write_bytes(saved)
        changed = {i + 1 for i, (a, b) in enumerate(zip(base, after)) if a != b}
        if len(after) != len(base) or changed != c["blocks"]:
            failures += 1
            print("FAIL: %s (%s:%d:%d) +%s changed blocks %s, expected %s" % (
                "/".join(sorted(c["refs"])), Path(file).name, line, column, step,
                sorted(changed), sorted(c["blocks"])), file=sys.stderr)
    shutil.rmtree(work)
    print("%s: %d cells quoted by the text; raising each changed %s" % (
        sample.name, len(cells),
        "exactly the sentences that quote it" if not failures else "other sentences too (%d)" % failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
