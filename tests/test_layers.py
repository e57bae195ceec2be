"""Dependencies point one way (DESIGN.md): main -> actors -> bot -> models -> runtime.
Read from the source, so a wrong import fails here before it makes a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Each layer, and the project packages it must never import.
FORBIDDEN = {
    "runtime": ("models", "bot", "web_admin", "actors"),
    "models": ("bot", "web_admin", "actors"),
    "bot": ("web_admin", "actors"),
    "web_admin": ("actors",),  # the web admin is a UI beside bot/, wired by actors/
}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer: str) -> None:
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_packages(path) & set(FORBIDDEN[layer]))
        for path in sorted((ROOT / layer).rglob("*.py"))
    }
    assert {path: above for path, above in wrong.items() if above} == {}
