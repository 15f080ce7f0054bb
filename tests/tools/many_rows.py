#!/usr/bin/env python3
"""Write a dataset with N body rows in 表3 and 表8 (copied from a sample).

  many_rows.py SAMPLE_DIR OUT_DIR N

Every generated row has a unique code (3xxxxxx / 8xxxxxx) and a name of
varying length, some long enough to wrap, so that tests can tell that each
row is on exactly one page, in order.
"""
import shutil
import sys
from pathlib import Path

sample, out, n = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
shutil.copytree(sample, out)
names = ["测试科目", "机关事业单位基本养老保险缴费支出", "其他医疗保障管理事务支出（含试点）"]
for table, prefix, extra in (("03_支出总表.csv", 3, ",0.00,0.00,0.00,0.00,0.00,0.00"),
                             ("08_一般公共预算支出表按经济分类.csv", 8, "")):
    path = out / table
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [lines[0], lines[1]]  # header and the unit row
    for i in range(1, n + 1):
        name = "%s%04d" % (names[i % len(names)], i)
        rows.append(",%d%06d,%s,%d.00,%d.00,0.00%s" % (prefix, i, name, i, i, extra))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
