#!/usr/bin/env python3
"""Change every table figure the document's text quotes, one at a time, and
check that exactly the sentences quoting it change.

  narrative_mutate.py BUDGETX SAMPLE_DIR

`budgetx check --format json` lists, under "narrative", every figure the
text printed with every cell it used (file, line, column): the one it
prints, last year's, a share's whole, each term of a sum. Each distinct
cell is raised by 10 units of its last shown decimal in a copy of the
sample; the whole document is rendered (--format dump --force: the tables'
sums no longer hold) and its blocks compared with the untouched sample's.
Where the text prints another unit than the data holds (上海: 万元 from 元),
the step is made in the data's unit: the file's figure over the printed
one (exact where it differs) gives the scale, a power of ten, and a cell
that prints 0 takes the largest scale found.
A cell that is a rate's or a share's base is raised by half its value
instead (10 units of a large base may leave a rate as printed). The blocks
that change must be exactly the blocks that quote the cell: a figure typed
into a sentence, or bound to another cell, fails.
"""
import json
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from mutate import csv_cell, edit_csv, edit_yaml  # noqa: E402  (the same edits as the checks' test)

KINDS = ("label", "title", "subtitle", "contents", "heading", "paragraph", "tables")


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


def step_for(cell):
    """10 units of the cell's last shown decimal; half its value (at least
    that) when a rate or a share uses it as its base: a base raised by 10
    units may leave a rate unchanged at the decimals it prints."""
    value = Decimal(cell["value"].replace(",", ""))
    decimals = max(0, -value.as_tuple().exponent)
    units = int(abs(value).scaleb(decimals))
    n = 10 if cell["roles"] <= {"value"} else max(10, units // 2)
    return str(Decimal(n).scaleb(-decimals))


def scale_of(sample, key, cell):
    """The data's figure over the printed one, a power of ten; None for 0 or
    a figure not in a CSV."""
    file, line, column = key
    path = sample / Path(file).resolve().relative_to(sample)
    printed = Decimal(cell.get("exact") or cell["value"].replace(",", ""))
    if path.suffix != ".csv" or printed == 0:
        return None
    try:
        held = Decimal(csv_cell(path, line, column).replace(",", ""))
    except (KeyError, ArithmeticError):
        return None
    ratio = abs(held / printed)
    return Decimal(10) ** round(ratio.log10()) if ratio else None


def main():
    budgetx, sample = sys.argv[1], Path(sys.argv[2]).resolve()
    p = subprocess.run([budgetx, "check", str(sample), "--format", "json"],
                       capture_output=True, text=True)
    report = json.loads(p.stdout)
    cells = {}
    for fig in report["narrative"]:
        # every figure it used: the cell it prints, last year's, a share's
        # whole, each term of a sum; a given figure prints as given whatever
        # its cells hold, so its block is not expected to change for them
        for use in fig.get("cells", []):
            if not use.get("file"):
                continue
            key = (use["file"], use["line"], use["column_number"])
            c = cells.setdefault(key, {"refs": set(), "roles": set(), "blocks": set(),
                                       "value": use["value"], "exact": use.get("exact")})
            c["refs"].add("%s %s" % (use["role"], use["cell"]))
            c["roles"].add(use["role"])
            if not fig.get("given"):
                c["blocks"].add(fig["block"])
    if not cells:
        raise SystemExit("FAIL: no narrative figure with a cell in %s" % sample)
    work = Path(tempfile.mkdtemp())
    data = work / "data"
    shutil.copytree(sample, data)
    base = blocks(budgetx, data, work / "out")
    scales = {key: scale_of(sample, key, c) for key, c in cells.items()}
    largest = max([s for s in scales.values() if s] or [1])
    failures = 0
    for (file, line, column), c in sorted(cells.items()):
        target = data / Path(file).resolve().relative_to(sample)
        saved = target.read_bytes()
        step = str(Decimal(step_for(c)) * (scales[(file, line, column)] or largest))
        (edit_yaml if target.suffix in (".yaml", ".yml") else edit_csv)(target, line, column, step)
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
