"""The fake Telegram's modules import each other without a circle.

Counted from the source (every `import`, `TYPE_CHECKING` ones included), so a circle
hidden behind `if TYPE_CHECKING:` fails too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import fake_telegram

PACKAGE = Path(fake_telegram.__file__).parent


def imports_of(module: Path) -> set[str]:
    """The sibling modules `module` imports (by module name, the package's own `__init__` aside)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "fake_telegram":
                found.update(alias.name for alias in node.names)
            elif node.module.startswith("fake_telegram."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(
                alias.name.split(".")[1]
                for alias in node.names
                if alias.name.startswith("fake_telegram.")
            )
    siblings = {path.stem for path in PACKAGE.glob("*.py")} - {"__init__"}
    return (found & siblings) - {module.stem}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle of `graph` as a path (first == last), or None."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str] | None:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in done:
            return None
        for target in sorted(graph.get(node, ())):
            cycle = visit(target, [*path, node])
            if cycle:
                return cycle
        done.add(node)
        return None

    for start in sorted(graph):
        cycle = visit(start, [])
        if cycle:
            return cycle
    return None


def test_find_cycle_reports_a_circle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_fake_telegram_modules_import_without_a_circle() -> None:
    graph = {
        path.stem: imports_of(path) for path in PACKAGE.glob("*.py") if path.stem != "__init__"
    }
    assert find_cycle(graph) is None
