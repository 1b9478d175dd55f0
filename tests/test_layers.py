"""The one-way house: every import points down the layers, and no module imports itself round a cycle.

    base → reference → loaders → graph → queries → backends → kaskade → views → cli, app_lib → app pages

Imports inside functions count as much as those at the top of a module: a cycle hidden in a
function is still a cycle. README "How it is built" draws the same line.
"""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS: dict[str, int] = {
    "base": 0, "reference": 1, "loaders": 2, "graph": 3, "queries": 4, "backends": 5, "kaskade": 6,
    "views": 7, "cli": 8, "app_lib": 8, "app_pages": 9, "app": 9,
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for top in LAYERS:
        folder = ROOT / top
        if folder.is_dir():
            found.update({_module_name(p): p for p in folder.rglob("*.py")})
        elif (ROOT / f"{top}.py").is_file():
            found[top] = ROOT / f"{top}.py"
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project module an imported name lives in (``a.b.c`` may be module ``a.b`` with name c)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str) -> set[str]:
    """Every project module `module` imports, at the top or inside a function."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found = set()
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for name in names:
            target = _resolve(name)
            if target and target != module:
                found.add(target)
    return found


def import_graph() -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_nodes_from(MODULES)
    for module in MODULES:
        G.add_edges_from((module, target) for target in imports_of(module))
    return G


def _layer(module: str) -> int:
    return LAYERS[module.split(".")[0]]


def test_every_package_of_the_project_has_a_layer():
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "bench"}
    assert packages <= set(LAYERS), packages - set(LAYERS)


def test_every_import_points_down_the_layers():
    upward = sorted((a, b) for a, b in import_graph().edges if _layer(b) > _layer(a))
    assert upward == []


def test_no_module_imports_itself_round_a_cycle():
    cycles = sorted(sorted(c) for c in nx.simple_cycles(import_graph()))
    assert cycles == []


@pytest.mark.parametrize("source, expected", [
    ("from loaders.models import Dataset\n", {"loaders.models"}),
    ("def f():\n    from queries import cascade\n", {"queries", "queries.cascade"}),
    ("import graph.build as b\n", {"graph.build"}),
])
def test_the_check_sees_every_kind_of_import(tmp_path, monkeypatch, source, expected):
    # a cycle hidden in a function body must be found like any other
    module = tmp_path / "probe.py"
    module.write_text(source)
    monkeypatch.setitem(MODULES, "base.probe", module)
    assert imports_of("base.probe") == expected
