"""The package's layers: every import points down, and no two modules import each other.

``docs/architecture.md`` describes the layers; :data:`LAYERS` is the same list,
bottom first. A module may import from its own layer and the layers below it,
counting imports under ``TYPE_CHECKING`` and inside functions, and the import graph
has no cycle. The check reads the source with :mod:`ast`, so it sees every import,
not only those that run.
"""

from __future__ import annotations

import ast
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mdjournal"

#: Bottom first. Names in one tuple share a layer but may not import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("version", "text"),
    ("model",),
    ("parsing",),
    ("config",),
    ("linting",),
    ("fixing",),
    ("reporting",),
    ("server",),  # the LSP server; only `mdjournal server` (cli) imports it, lazily
    ("cli", "mdformat_plugin"),
    ("__init__", "__main__"),
)


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, root: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute module) of every import of the package in ``path``."""
    package = root.name
    current = _module_name(path, root).split(".")
    if path.name != "__init__.py":
        current = current[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = current[: len(current) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            yield node.lineno, target
            for alias in node.names:  # `from mdjournal.x import y` may name the module y
                yield node.lineno, f"{target}.{alias.name}"
    del package


def _layer(module: str, root: Path) -> tuple[int, str] | None:
    """(layer index, component) of a module of the package, or None if outside it."""
    parts = module.split(".")
    if parts[0] != root.name:
        return None
    component = parts[1] if len(parts) > 1 else "__init__"
    for index, names in enumerate(LAYERS):
        if component in names:
            return index, component
    return None


def _modules(root: Path) -> dict[str, Path]:
    return {_module_name(path, root): path for path in sorted(root.rglob("*.py"))}


def violations(root: Path = PACKAGE) -> list[str]:
    """Every import that points up a layer or across to a sibling, and every cycle."""
    modules = _modules(root)
    problems: list[str] = []
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        own = _layer(name, root)
        if own is None:
            problems.append(f"{path}: {name} belongs to no layer (add it to LAYERS)")
            continue
        for line, target in _imports(path, root):
            if target not in modules or target == name:
                continue  # a name imported from a module, another package, or a package's own submodules
            graph[name].add(target)
            other = _layer(target, root)
            assert other is not None
            if other[0] > own[0] or (other[0] == own[0] and other[1] != own[1]):
                problems.append(
                    f"{path.relative_to(root.parent)}:{line}: {name} ({own[1]}) imports {target} ({other[1]})"
                )
    problems.extend(f"import cycle: {' -> '.join(cycle)}" for cycle in _cycles(graph))
    return problems


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The modules of each strongly connected component of more than one module
    (Tarjan's algorithm): each such component holds at least one cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def test_imports_point_down_and_close_no_cycle() -> None:
    assert violations() == []


def test_every_layer_exists() -> None:
    present = {_layer(name, PACKAGE) for name in _modules(PACKAGE)}
    assert {component for _, component in filter(None, present)} == {n for layer in LAYERS for n in layer}


@pytest.mark.parametrize(
    ("module", "line", "expected"),
    [
        ("text/source.py", "from mdjournal.linting.finding import Finding", "(text) imports"),
        ("parsing/blocks.py", "    from mdjournal.cli import main", "(parsing) imports"),
        ("mdformat_plugin.py", "from mdjournal.cli.runner import Post", "(mdformat_plugin) imports"),
        ("linting/finding.py", "from mdjournal.linting import context", "import cycle"),
    ],
)
def test_an_upward_import_or_a_cycle_fails_the_check(
    tmp_path: Path, module: str, line: str, expected: str
) -> None:
    copy = tmp_path / "mdjournal"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    source = target.read_text(encoding="utf-8")
    if line.startswith("    "):  # inside a function, where lazy imports hide
        source += f"\n\ndef _late() -> None:\n{line}\n"
    else:
        source += f"\n{line}\n"
    target.write_text(source, encoding="utf-8")
    assert any(expected in problem for problem in violations(copy))
