"""F6 and Shift+F6: move between the window's panels (search, list, document, outline) in turn."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget


class PanelCycle:
    def __init__(self, panels: list[QWidget]) -> None:
        self.panels = panels

    def _focus_target(self, panel: QWidget) -> QWidget:
        return panel.currentWidget() or panel if isinstance(panel, QStackedWidget) else panel

    def move(self, step: int) -> None:
        """Focus the next visible panel after the one holding focus (wrapping round)."""
        visible = [p for p in self.panels if p.isVisible()]
        if not visible:
            return
        focused = QApplication.focusWidget()
        current = -1
        if focused is not None:
            current = next((i for i, p in enumerate(visible) if p is focused or p.isAncestorOf(focused)), -1)
        target = visible[(current + step) % len(visible)] if current >= 0 else visible[0]
        self._focus_target(target).setFocus()
