"""What docs/development.md says of the package's layout: imports run one way, with no cycle (the layers contract of
pyproject.toml keeps the order of the packages; this keeps their modules from importing each other), and no module
is over 400 lines."""

from __future__ import annotations

import grimp

from tests.support.paths import REPO


def cycles(graph: grimp.ImportGraph) -> list[set[str]]:
    """The groups of modules that import each other, directly or not (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = set()
            while not group or module not in group:
                group.add(stack.pop())
            if len(group) > 1:
                found.append(group)

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_two_modules_import_each_other():
    assert cycles(grimp.build_graph("plan_graph")) == []


def test_no_module_is_over_400_lines():
    lengths = {
        str(path.relative_to(REPO)): len(path.read_text(encoding="utf-8").splitlines())
        for path in (REPO / "src" / "plan_graph").rglob("*.py")
    }
    assert {path: n for path, n in lengths.items() if n > 400} == {}
