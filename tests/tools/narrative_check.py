#!/usr/bin/env python3
"""The 文字部分 budgetx wrote (a model dump's blocks) against a published one.

    narrative_check.py DUMP EXPECTED

EXPECTED holds one block per line (title, heading with its number,
paragraph, each row of a table inside the text with its cells in order),
in order, as the seed prints it; '#' lines are comments. Both
sides are compared with all whitespace removed (the seeds' extraction puts
spaces between CJK and digits). Every block must match, in order: the first
difference is shown with the number tokens of each side, so a wrong figure
reads as one.
"""
import re
import sys

KINDS = ("label", "title", "subtitle", "contents", "heading", "paragraph", "tables")
TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?%?|--")


def squash(s):
    return re.sub(r"[\s\u3000]+", "", s)


def rendered(path):
    blocks, entries, contents = [], [], None
    for line in open(path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if parts[0] == "row":  # a row of a table inside the text: its cells in order
            blocks.append("".join(parts[3:]).replace("\\n", "\n"))
            continue
        if parts[0] == "==":  # the sheets: every block is above them
            break
        if parts[0] == "divider":  # the tables' heading is only in the 目录
            blocks.pop()
            continue
        if parts[0] == "entry" and len(parts) == 2:  # a 目录 line of its own
            entries.append(parts[1])
            continue
        if parts[0] in KINDS and len(parts) == 4:
            if parts[0] == "contents":
                contents = len(blocks) + 1
            blocks.append(parts[2] + parts[3].replace("\\n", "\n"))
    if contents is not None:
        blocks[contents:contents] = entries
    return blocks


def main():
    got = rendered(sys.argv[1])
    want = [l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8")
            if l.strip() and not l.startswith("#")]
    for i, (g, w) in enumerate(zip(got, want)):
        if squash(g) != squash(w):
            print("block %d differs:\n  published: %s\n  rendered:  %s" % (i + 1, w, g))
            print("  numbers published: %s\n  numbers rendered:  %s" % (
                TOKEN.findall(squash(w)), TOKEN.findall(squash(g))))
            return 1
    if len(got) != len(want):
        extra = got[len(want):] or want[len(got):]
        print("%d blocks rendered, %d published; first unmatched: %s" % (
            len(got), len(want), extra[0]))
        return 1
    print("the 文字部分 matches %s: %d blocks" % (sys.argv[2], len(want)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
