#!/usr/bin/env python3
"""Change every figure of a sample in turn and check that the checks notice.

  mutate.py BUDGETX SAMPLE_DIR [JOBS]

`budgetx check --format json` lists every figure with its place, whether a
check looked at it, and "step": 10 units of its last shown decimal (0.10
where two decimals are shown, 10 where none are) in the unit it is given in.
For every checked figure, the figure is raised by its step in a copy of the
sample (CSV cell or dataset.yaml value) and `check` runs again: its findings
must differ from the untouched sample's. Figures no check looks at are
listed (they are a finding about the layouts, not a failure).
"""
import concurrent.futures
import csv
import io
import json
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path


def check(budgetx, data):
    p = subprocess.run([budgetx, "check", str(data), "--format", "json"],
                       capture_output=True, text=True)
    if p.returncode not in (0, 1) or not p.stdout.startswith("{"):
        raise SystemExit("check failed on %s: %s" % (data, p.stderr))
    return json.loads(p.stdout)


def findings(report, root):
    return sorted((f["severity"], f["file"].replace(str(root), ""), f["line"], f["column_number"],
                   f["column"], f["expected"], f["actual"]) for f in report["findings"])


def raised(text, step):
    """text + step, keeping at least the decimals text had."""
    t = text.replace(",", "").strip()
    value = Decimal(t) + Decimal(step)
    decimals = max(len(t.split(".")[1]) if "." in t else 0,
                   len(step.split(".")[1]) if "." in step else 0)
    return "{:.{}f}".format(value, decimals)


def csv_cell(path, line, col):
    """The text of the cell at line (the file's, 1-based) and column."""
    reader = csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""))
    prev = 0
    for row in reader:
        if prev + 1 == line:
            return row[col - 1]
        prev = reader.line_num
    raise KeyError("%s:%d:%d" % (path, line, col))


def edit_csv(path, line, col, step):
    raw = path.read_bytes().decode("utf-8-sig")
    reader = csv.reader(io.StringIO(raw, newline=""))
    rows, start, prev = [], {}, 0
    for row in reader:
        start[len(rows)] = prev + 1
        rows.append(row)
        prev = reader.line_num
    idx = next(i for i, s in start.items() if s == line)
    rows[idx][col - 1] = raised(rows[idx][col - 1], step)
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def edit_yaml(path, line, col, step):
    lines = path.read_text(encoding="utf-8").split("\n")
    s = lines[line - 1]
    head, tail = s[:col - 1], s[col - 1:]
    token = tail.split()[0] if tail.split() else tail
    lines[line - 1] = head + raised(token, step) + tail[len(token):]
    path.write_text("\n".join(lines), encoding="utf-8")


def main():
    budgetx, sample = sys.argv[1], Path(sys.argv[2]).resolve()
    jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    base_report = check(budgetx, sample)
    base = findings(base_report, sample)
    figures = base_report["figures"]
    checked = [f for f in figures if f["checked"]]
    unchecked = [f for f in figures if not f["checked"]]

    work = [Path(tempfile.mkdtemp()) / "data" for _ in range(jobs)]
    for w in work:
        shutil.copytree(sample, w)

    def one(i_fig):
        i, fig = i_fig
        w = work[i % jobs]
        rel = Path(fig["file"]).resolve().relative_to(sample)
        target = w / rel
        saved = target.read_bytes()
        try:
            if target.suffix == ".csv":
                edit_csv(target, fig["line"], fig["column_number"], fig["step"])
            else:
                edit_yaml(target, fig["line"], fig["column_number"], fig["step"])
            after = findings(check(budgetx, w), w)
        finally:
            target.write_bytes(saved)
        return fig, after != base

    # one worker per copy: a copy is edited by one run at a time
    missed = []
    for start in range(0, len(checked), jobs):
        batch = list(enumerate(checked[start:start + jobs]))
        with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
            for fig, noticed in pool.map(one, batch):
                if not noticed:
                    missed.append(fig)
    for w in work:
        shutil.rmtree(w.parent)

    print("%s: %d figures, %d checked, every change of 10 shown units to a checked figure %s"
          % (sample.name, len(figures), len(checked), "reported" if not missed else "NOT always reported"))
    if unchecked:
        print("figures no check looks at (%d):" % len(unchecked))
        for f in unchecked:
            print("  %s | %s | %s = %s  (%s:%d:%d)" % (f["table"], f["row"], f["column"], f["value"],
                                                       Path(f["file"]).name, f["line"], f["column_number"]))
    for f in missed:
        print("FAIL: +%s to %s | %s | %s (%s:%d:%d) went unreported"
              % (f["step"], f["table"], f["row"], f["column"], Path(f["file"]).name, f["line"],
                 f["column_number"]), file=sys.stderr)
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
