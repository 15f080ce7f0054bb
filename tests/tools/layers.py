#!/usr/bin/env python3
"""The architecture, checked from the sources (docs/architecture.md).

    layers.py SOURCE_DIR

src/ has one folder per layer; CMakeLists.txt declares each layer with
bx_layer(NAME DIR DEPS ...). This fails, naming the file and line, when:

  - a file includes a project header by a path ("../x.h", "model/x.h"):
    headers are found through the layer's include folders only;
  - a file includes a header of a layer it does not depend on (directly
    or through the layers below it), e.g. a back end including a loader
    header, or the CLI including anything but budgetx.h and its own;
  - the layers' DEPS form a cycle, or files do (a.c uses b.h while b.c
    uses a.h: a module is foo.c with foo.h);
  - a source file is longer than 800 lines;
  - the model header names read-back, workbook or template things.
"""
import re
import sys
from pathlib import Path

MAX_LINES = 800
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def parse_layers(cmake):
    """{layer: (folder, [deps])} from the bx_layer() calls."""
    layers = {}
    text = cmake.read_text()
    for m in re.finditer(r"bx_layer\((\w+)\s+([\w/]+)(.*?)\)", text, re.S):
        name, folder, rest = m.group(1), m.group(2), m.group(3)
        deps = []
        d = re.search(r"DEPS((?:\s+\w+)+?)\s*(?:SOURCES|LIBS|$)", rest + " SOURCES", re.S)
        if d:
            deps = d.group(1).split()
        layers[name] = (folder, deps)
    return layers


def closure(layers, name, seen=None):
    seen = set() if seen is None else seen
    for dep in layers[name][1]:
        if dep not in seen:
            seen.add(dep)
            closure(layers, dep, seen)
    return seen


def find_cycle(graph):
    """A cycle of the graph {node: set(nodes)} as a list, or None."""
    state, stack = {}, []

    def visit(n):
        state[n] = 1
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def main():
    root = Path(sys.argv[1])
    src = root / "src"
    layers = parse_layers(root / "CMakeLists.txt")
    problems = []
    if not layers:
        problems.append("CMakeLists.txt: no bx_layer() found")
    folder_layer = {folder: name for name, (folder, _) in layers.items()}
    folder_layer["cli"] = "cli"  # the executable: budgetx.h only
    layer_graph = {name: set(deps) for name, (_, deps) in layers.items()}
    cycle = find_cycle(layer_graph)
    if cycle:
        problems.append("CMakeLists.txt: layers depend on each other: " + " -> ".join(cycle))

    headers = {}  # header name -> layer
    files = sorted(p for p in src.rglob("*") if p.suffix in (".c", ".h"))
    for p in files:
        rel = p.relative_to(src)
        folder = str(rel.parent)
        if folder == ".":
            if p.name != "budgetx.h":
                problems.append(f"src/{rel}: a source outside the layer folders")
            continue
        if folder not in folder_layer:
            problems.append(f"src/{rel}: folder {folder} is no layer of CMakeLists.txt")
            continue
        if p.suffix == ".h":
            if p.name in headers:
                problems.append(f"src/{rel}: a second header called {p.name}")
            headers[p.name] = folder_layer[folder]

    module_graph = {}
    for p in files:
        rel = p.relative_to(src)
        folder = str(rel.parent)
        layer = folder_layer.get(folder)
        lines = p.read_text(encoding="utf-8").split("\n")
        if len(lines) - 1 > MAX_LINES:
            problems.append(f"src/{rel}: {len(lines) - 1} lines, more than {MAX_LINES}")
        if layer is None:
            continue
        allowed = {layer} | (closure(layers, layer) if layer in layers else set())
        module = str(rel.with_suffix(""))
        for number, line in enumerate(lines, 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            name = m.group(1)
            where = f"src/{rel}:{number}"
            if "/" in name:
                problems.append(f'{where}: #include "{name}" by a path')
                continue
            if name == "budgetx.h":
                continue
            owner = headers.get(name)
            if owner is None:
                continue  # a test's or a library's header
            if layer == "cli" and owner != "cli":
                problems.append(f'{where}: the CLI includes "{name}" ({owner}): only budgetx.h')
            elif owner not in allowed:
                problems.append(f'{where}: {layer} includes "{name}" of {owner}, '
                                f'which it does not depend on')
            target = next(str(h.relative_to(src).with_suffix(""))
                          for h in files if h.name == name)
            if target != module:
                module_graph.setdefault(module, set()).add(target)
    cycle = find_cycle(module_graph)
    if cycle:
        problems.append("files depend on each other: " + " -> ".join(cycle))

    model = src / "model" / "model.h"
    if model.exists():
        text = model.read_text(encoding="utf-8")
        code = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        for word in ("bind", "slot", "source", "meta", "blank", "xlsx", "XLSX", "TITLE_ROWS",
                     "csv", "template_rows", "lxw", "HPDF"):
            if word in code:
                problems.append(f"src/model/model.h: names “{word}”, which is not the model's")

    for line in problems:
        print(line)
    print(f"layers.py: {len(files)} files, {len(layers)} layers, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
