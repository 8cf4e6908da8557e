"""Buttons above a document that depend on its kind: start a checklist run, print a handout, study."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from app.core import model
from app.core.packs.loaded import Pack
from app.render.design import SPACE

# Quoted: an alias is evaluated at import, and `model.Document` would build every model then.
Handler = Callable[[Pack, "model.Document"], None]
Applies = Callable[[Pack, "model.Document"], bool]


@dataclass(frozen=True)
class ContextAction:
    kinds: frozenset[str]
    label: str
    accessible_name: str
    handler: Handler
    applies: Applies | None = None

    def offered_for(self, pack: Pack, document: model.Document) -> bool:
        if document.kind not in self.kinds:
            return False
        return self.applies is None or self.applies(pack, document)


class ContextBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions_: list[ContextAction] = []
        self.buttons: list[QPushButton] = []
        self.tab_next: QWidget | None = None
        """The widget the buttons come before in Tab order (the document)."""
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, SPACE.tight)
        self.row.addStretch(1)
        self.hide()

    def add(self, action: ContextAction) -> None:
        self.actions_.append(action)

    def show_for(self, current: tuple[Pack, model.Document] | None) -> None:
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        if current is None:
            self.hide()
            return
        pack, document = current
        for action in self.actions_:
            if action.offered_for(pack, document):
                button = QPushButton(action.label, self)
                button.setAccessibleDescription(action.accessible_name)
                button.clicked.connect(lambda _=False, a=action: a.handler(pack, document))
                self.row.insertWidget(self.row.count() - 1, button)
                self.buttons.append(button)
        self._tab_order()
        self.setVisible(bool(self.buttons))

    def _tab_order(self) -> None:
        """New buttons join the end of the window's Tab chain; they belong where they are read, right
        before the document, so forward Tab reaches them."""
        if self.tab_next is None or not self.buttons:
            return
        previous = self.tab_next.previousInFocusChain()
        while previous is not None and previous is not self.tab_next:
            if previous.focusPolicy() & Qt.FocusPolicy.TabFocus:
                break
            previous = previous.previousInFocusChain()  # Qt orders only widgets that take focus
        if previous is None:
            return
        for button in self.buttons:
            QWidget.setTabOrder(previous, button)
            previous = button
