"""The structure the README's "Architecture" section draws: imports point one way
(io -> pipeline -> stages -> lang/text -> model), no import circle, small modules and
classes. Read from the source with ``ast``, lazy imports inside functions included."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "src" / "newsfacts"
MAX_MODULE_LINES = 400
MAX_CLASS_LINES = 200

# Each part of the package and its layer: a module may import its own part and lower layers.
LAYERS: dict[str, int] = {
    "model": 0,
    "settings": 0,
    "registry": 0,
    "parallel": 0,
    "guard": 0,
    "repeats": 0,
    "text": 1,
    "lang": 1,
    "schema": 1,
    "numbers": 2,  # the number engine the figures build on
    "layout": 3,
    "langid": 3,
    "figures": 3,
    "dates": 3,
    "entities": 3,
    "linking": 3,
    "arbiter": 3,
    "pipeline": 4,
    "io": 5,
    "integrations": 6,
    "service": 6,  # the HTTP service: pipeline and io behind FastAPI
    "cli": 7,
    "__init__": 8,
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(("newsfacts", *parts))] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The project modules that ``name`` imports, at module level or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            # ``from package import module`` depends on the module, not on the package's
            # __init__ (which Python runs first for any of its modules)
            modules = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES]
            targets = modules or [base]
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name and target != "newsfacts":
                found.add(target)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _part(name: str) -> str:
    return name.split(".")[1] if name != "newsfacts" else "__init__"


@pytest.mark.parametrize("name", [m for m in MODULES if m != "newsfacts"])
def test_imports_point_one_way(name: str) -> None:
    part = _part(name)
    upward = [
        target
        for target in sorted(GRAPH[name])
        if _part(target) != part and LAYERS[_part(target)] >= LAYERS[part]
    ]
    assert not upward, f"{name} ({part}, layer {LAYERS[part]}) imports {upward}"


def test_every_part_has_a_layer() -> None:
    assert {_part(m) for m in MODULES} <= set(LAYERS)


def test_no_import_circle() -> None:
    # depth-first search with colours: grey on the path, black done
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node], _ = 1, path.append(node)
        for nxt in sorted(GRAPH[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (circle := visit(nxt)):
                return circle
        state[node], _ = 2, path.pop()
        return None

    for name in MODULES:
        if name not in state:
            assert (circle := visit(name)) is None, " -> ".join(circle)


@pytest.mark.parametrize("name", list(MODULES))
def test_modules_and_classes_are_small(name: str) -> None:
    source = MODULES[name].read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_MODULE_LINES, f"{name} is over {MAX_MODULE_LINES}"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            assert node.end_lineno is not None
            lines = node.end_lineno - node.lineno + 1
            assert lines <= MAX_CLASS_LINES, f"{name}.{node.name}: {lines} lines"
