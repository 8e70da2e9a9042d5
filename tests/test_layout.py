"""The package's layout: stage subpackages import each other in one direction only.

Every ``import`` in ``pipeline/`` counts, also those inside functions (they are deferred,
not absent). Nodes are the subpackages (``pipeline.fetch`` ...) and the top-level modules
(``pipeline.records`` ...); any cycle between two or more of them fails, naming where
each of its imports stands.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from tests.conftest import ROOT

Edges = dict[str, dict[str, str]]


def unit(module: str) -> str:
    """The subpackage or top-level module a dotted module name belongs to."""
    return ".".join(module.split(".")[:2])


def imported(node: ast.AST, module: str, is_package: bool) -> list[str]:
    """Dotted names an import statement brings in (relative ones resolved)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = module if is_package else module.rpartition(".")[0]
    for _ in range(max(0, node.level - 1)):
        base = base.rpartition(".")[0]
    prefix = (base + "." if node.level and node.module else base if node.level else "")
    target = prefix + (node.module or "")
    # ``from pipeline import runfolder`` imports the module pipeline.runfolder.
    return [f"{target}.{a.name}" for a in node.names] if target == "pipeline" else [target]


def import_edges(package: Path) -> Edges:
    """unit -> imported unit -> ``file:line`` of the first such import."""
    edges: Edges = defaultdict(dict)
    name = package.name
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package.parent).with_suffix("")
        is_package = rel.name == "__init__"
        module = ".".join(rel.parts[:-1] if is_package else rel.parts)
        src = unit(module)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for target in imported(node, module, is_package):
                if target.split(".")[0] != name or target == name:
                    continue
                dst = unit(target)
                if dst != src and src != name:
                    where = f"{path.relative_to(package.parent)}:{node.lineno}"  # type: ignore[attr-defined]
                    edges[src].setdefault(dst, where)
    return edges


def cycles(edges: Edges) -> list[list[str]]:
    """Strongly connected groups of more than one unit (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def describe(group: list[str], edges: Edges) -> str:
    return "; ".join(f"{a} -> {b} ({edges[a][b]})" for a in group for b in group
                     if b in edges.get(a, {}))


def test_no_import_cycle_between_subpackages() -> None:
    edges = import_edges(ROOT / "pipeline")
    assert {"pipeline.run", "pipeline.store", "pipeline.fetch"} <= set(edges)  # it walked
    assert [describe(g, edges) for g in cycles(edges)] == []


def test_a_cycle_is_found_also_through_a_deferred_import(tmp_path: Path) -> None:
    pkg = tmp_path / "pipeline"
    for folder, text in {"a": "from pipeline.b.y import f\n",
                         "b": "def f():\n    from pipeline import c\n",
                         "c": "import pipeline.a.x\n"}.items():
        (pkg / folder).mkdir(parents=True)
        (pkg / folder / "__init__.py").write_text("", encoding="utf-8")
        (pkg / folder / ("x.py" if folder != "b" else "y.py")).write_text(text, "utf-8")
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    edges = import_edges(pkg)
    assert cycles(edges) == [["pipeline.a", "pipeline.b", "pipeline.c"]]
    assert "pipeline/b/y.py:2" in describe(cycles(edges)[0], edges)
