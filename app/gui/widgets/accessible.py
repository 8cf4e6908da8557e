"""Accessible interfaces written in Python, for what Qt's own interfaces do not say.

Qt builds an accessible interface per widget class; QAccessible.installFactory lets a widget class
have ours instead (the document as a document with heading and link children, the alert summary
with the alert role). One factory serves every class registered here, installed on first use.

Two PySide details every interface here follows, or the screen reader's first query crashes the
app: `interface_cast` always returns a VoidPtr (a null one for "not supported", never None), and a
Python-written sub-interface (text, attributes) is handed over by its C++ address. PySide's stubs
say child() never returns None and interface_cast returns int; Qt's C++ returns nullptr and void*,
hence the `type: ignore[override]` on those methods.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QRect
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleAttributesInterface,
    QAccessibleInterface,
    QWindow,
)
from PySide6.QtWidgets import QAccessibleWidget, QWidget

NULL = shiboken6.VoidPtr(0)
Maker = Callable[[QWidget], QAccessibleInterface]
_makers: dict[str, Maker] = {}


def address(part: shiboken6.Object) -> shiboken6.VoidPtr:
    """The C++ address of a Python-written interface part, as `interface_cast` must return it."""
    return shiboken6.VoidPtr(shiboken6.getCppPointer(part)[0])


def cast_or_null(found: object) -> shiboken6.VoidPtr:
    return found if isinstance(found, shiboken6.VoidPtr) else NULL


_made: list[QAccessibleInterface] = []
"""Every interface made here. PySide leaves a factory's result owned by Python: collected, it would
leave Qt's cache a dangling pointer (a crash on the next query, or when the cache is emptied at exit).
Each is kept until Qt has deleted it with its widget, and dropped at the next factory call."""


def _factory(class_name: str, target: QObject) -> QAccessibleInterface | None:
    _drop_deleted()
    maker = _makers.get(class_name)
    if maker is None or not isinstance(target, QWidget):
        return None
    made = maker(target)
    _made.append(made)
    return made


def _drop_deleted() -> None:
    for gone in [made for made in _made if not shiboken6.isValid(made)]:
        release = getattr(gone, "release_parts", None)
        if release is not None:  # its parts leave the cache before Python frees them
            release()
        _made.remove(gone)


def register(widget_class: type[QWidget], maker: Maker) -> None:
    """Widgets of `widget_class` (exactly; Qt asks by class name) get `maker(widget)` as interface."""
    if not _makers:
        QAccessible.installFactory(_factory)
    _makers[widget_class.__name__] = maker


class WithRole(QAccessibleWidget):
    """A widget's usual interface under another role (the alert summary as an alert)."""

    def __init__(self, widget: QWidget, role: QAccessible.Role) -> None:
        super().__init__(widget, role)

    def interface_cast(self, kind: QAccessible.InterfaceType) -> shiboken6.VoidPtr:  # type: ignore[override]
        return cast_or_null(super().interface_cast(kind))


class Press(QAccessibleActionInterface):
    """The one action of a link: a reader's "activate" follows it."""

    def __init__(self, follow: Callable[[], None]) -> None:
        super().__init__()
        self.follow = follow

    def actionNames(self) -> list[str]:
        return [QAccessibleActionInterface.pressAction()]

    def doAction(self, name: str) -> None:
        if name == QAccessibleActionInterface.pressAction():
            self.follow()

    def keyBindingsForAction(self, name: str) -> list[str]:
        return []


class Level(QAccessibleAttributesInterface):
    """A heading's level (AT-SPI attribute `level`), which a reader says and navigates by."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def attributeKeys(self) -> list[QAccessible.Attribute]:
        return [QAccessible.Attribute.Level]

    def attributeValue(self, key: QAccessible.Attribute) -> object:
        return self.level if key == QAccessible.Attribute.Level else None


class Part(QAccessibleInterface):
    """A child with no widget of its own (a heading or a link inside a document): a role, a name
    and a place on screen, the rest from its parent."""

    def __init__(self, parent: QAccessibleInterface, role: QAccessible.Role, name: str) -> None:
        super().__init__()
        self._parent, self._role, self._name = parent, role, name
        self.area = QRect()
        """Where the part is, in the parent widget's coordinates; empty when scrolled out."""
        self.document_area = QRect()
        """Where it is in the parent's scrolled content (a document's own coordinates)."""
        self.description = ""
        self.extras: dict[QAccessible.InterfaceType, shiboken6.Object] = {}
        """Further interfaces by type: a link's Press, a heading's Level."""

    def isValid(self) -> bool:
        return True

    def object(self) -> QObject | None:  # type: ignore[override]
        return None

    def window(self) -> QWindow | None:  # type: ignore[override]
        return self._parent.window()

    def parent(self) -> QAccessibleInterface:
        return self._parent

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def childCount(self) -> int:
        return 0

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        return -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def role(self) -> QAccessible.Role:
        return self._role

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        state.offscreen = self.area.isEmpty()
        state.linked = self._role == QAccessible.Role.Link
        return state

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Description:
            return self.description
        return self._name if kind == QAccessible.Text.Name else ""

    def setText(self, kind: QAccessible.Text, text: str) -> None:
        return None

    def rect(self) -> QRect:
        widget = self._parent.object()
        if self.area.isEmpty() or not isinstance(widget, QWidget):
            return QRect()
        return QRect(widget.mapToGlobal(self.area.topLeft()), self.area.size())

    def relations(
        self, match: QAccessible.RelationFlag = QAccessible.RelationFlag.AllRelations
    ) -> list[tuple[QAccessibleInterface, QAccessible.RelationFlag]]:
        return []

    def interface_cast(self, kind: QAccessible.InterfaceType) -> shiboken6.VoidPtr:  # type: ignore[override]
        extra = self.extras.get(kind)
        return address(extra) if extra is not None else NULL
