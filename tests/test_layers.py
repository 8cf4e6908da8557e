"""Layer rules that import-linter cannot express: no QtWidgets outside app/gui."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("layer", ["core", "render", "export", "cli"])
def test_no_qtwidgets_outside_gui(layer: str) -> None:
    """Only app/gui may import QtWidgets; export uses QtGui, core and render no Qt at all."""
    for path in (APP / layer).rglob("*.py"):
        imported = _imports(path)
        assert not any(name.startswith("PySide6.QtWidgets") for name in imported), path
        if layer in {"core", "render"}:
            assert not any(name.startswith(("PySide6", "shiboken6")) for name in imported), path
