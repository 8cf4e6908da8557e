"""Search field, filters and results: type, arrow down, Enter. Debounced and never blocking."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.packs.loaded import PackSet
from app.core.wording import plural
from app.gui.search.results_model import HIT_ROLE, ResultDelegate, ResultsModel
from app.gui.tasks import Query
from app.gui.widgets.announce import announce
from app.gui.widgets.plain import plain
from app.render.labels import tag_label

if TYPE_CHECKING:
    from app.core.search.results import SearchResults

DEBOUNCE_MS = 10
"""Short: queries take milliseconds, and the worker skips any query a newer one has replaced."""
KIND_FILTERS = [
    ("All kinds", None),
    ("Protocols", "protocol"),
    ("Checklists", "checklist"),
    ("Patient instructions", "instructions"),
    ("Calculators", "calculator"),
    ("Study cards", "cards"),
]


class SearchPanel(QWidget):
    query_requested = Signal(object)
    """Query"""
    open_requested = Signal(str, str, str)
    """(doc_id, section_id, the query text for highlighting)"""
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.generation = 0
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Search protocols, checklists, handouts\u2026  (Ctrl+K)")
        self.field.setAccessibleName("Search")
        self.field.setClearButtonEnabled(True)
        for button in self.field.findChildren(QToolButton):  # the clear button Qt adds has no name
            button.setAccessibleName("Clear search")
        self.kind = self._combo("Filter by kind", [label for label, _ in KIND_FILTERS])
        self.facet = self._combo("Filter by condition or route", ["All conditions and routes"])
        self.suggestion = QLabel(self)  # named by its text ("Did you mean dissociation?")
        self.suggestion.setTextFormat(Qt.TextFormat.RichText)
        self.suggestion.hide()
        self.status = plain(QLabel(self))  # named by its text: the number of results is what a reader hears
        self.results = QListView(self)
        self.results.setAccessibleName("Search results")
        self.model = ResultsModel()
        self.results.setModel(self.model)
        self.delegate = ResultDelegate(self.results)
        self.results.setItemDelegate(self.delegate)
        self.model.modelReset.connect(self.delegate.forget)
        self.results.setUniformItemSizes(True)  # one size hint for all rows: see ResultDelegate
        self.timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._layout()
        self._connect()

    def _combo(self, name: str, items: list[str]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.addItems(items)
        # A long condition name must not widen the sidebar: the combo elides, its list shows it whole.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        return combo

    def _layout(self) -> None:
        filters = QHBoxLayout()
        for text, combo, stretch in (("Kind:", self.kind, 0), ("For:", self.facet, 1)):
            label = QLabel(text, self)
            label.setBuddy(combo)  # the labelled-by relation: a combo is otherwise named by its value
            filters.addWidget(label)
            filters.addWidget(combo, stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        layout.addLayout(filters)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.status)
        # The results list is placed by the window, in the space the browse tabs use when idle.

    def _connect(self) -> None:
        self.field.textChanged.connect(lambda _: self.timer.start())
        self.kind.currentIndexChanged.connect(lambda _: self.timer.start(0))
        self.facet.currentIndexChanged.connect(lambda _: self.timer.start(0))
        self.timer.timeout.connect(self.submit)
        self.results.activated.connect(self._open_index)
        self.suggestion.linkActivated.connect(self.field.setText)
        self.field.returnPressed.connect(self._open_current_or_first)
        self.field.installEventFilter(self)

    def set_facets(self, packs: PackSet) -> None:
        """Fill the condition/route filter from the loaded packs' tags."""
        facets: set[tuple[str, str]] = set()
        for _, document in packs.documents():
            facets.update(("Condition", tag) for tag in document.tags.conditions)
            facets.update(("Route", tag) for tag in document.tags.routes)
        self.facet.blockSignals(True)
        self.facet.clear()
        self.facet.addItem("All conditions and routes", None)
        acronyms = packs.acronyms()
        for group, tag in sorted(facets):
            self.facet.addItem(f"{group}: {tag_label(tag, acronyms)}", tag)
        self.facet.blockSignals(False)

    def focus_search(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def clear(self) -> None:
        self.field.clear()
        self.cleared.emit()

    def submit(self) -> None:
        """Send the current text as a new query; older queries become stale."""
        text = self.field.text()
        self.generation += 1
        if not text.strip():
            self.model.set_hits([])
            self.suggestion.hide()
            self.status.clear()
            self.cleared.emit()
            return
        kind = KIND_FILTERS[self.kind.currentIndex()][1]
        self.query_requested.emit(Query(self.generation, text, kind, self.facet.currentData()))

    def show_results(self, query: Query, results: SearchResults | None) -> bool:
        """Show results unless a newer query was sent meanwhile; returns whether they were shown."""
        if query.generation != self.generation:
            return False
        hits = list(results.hits) if results is not None else []
        self.model.set_hits(hits)
        if hits:
            self.results.setCurrentIndex(self.model.index(0, 0))
        self._show_suggestion(getattr(results, "suggestion", None), bool(hits))
        self.status.setText(_status_text(results, len(hits)))
        announce(self.results, self.status.text())
        return True

    def _show_suggestion(self, suggestion: str | None, found: bool) -> None:
        if suggestion:
            from html import escape

            prefix = "Showing results for" if found else "No results. Did you mean"
            self.suggestion.setText(f'{prefix} <a href="{escape(suggestion)}">{escape(suggestion)}</a>?')
            self.suggestion.show()
        else:
            self.suggestion.hide()

    def _open_index(self, index: QModelIndex | QPersistentModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.open_requested.emit(hit.doc_id, hit.section_id, self.field.text())

    def _open_current_or_first(self) -> None:
        index = self.results.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0, 0)
        if index.isValid():
            self._open_index(index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrow keys in the field move through the results; Escape clears."""
        if watched is self.field and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
                self.results.setFocus()
                row = 0 if event.key() == Qt.Key.Key_Down else self.model.rowCount() - 1
                self.results.setCurrentIndex(self.model.index(row, 0))
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.clear()
                return True
        return super().eventFilter(watched, event)


def _status_text(results: SearchResults | None, count: int) -> str:
    if results is None:
        return "Search failed; see the log. Browse still works."
    if count == 0:
        return "No results. Try fewer words, or browse by condition."
    documents = len({hit.doc_id for hit in results.hits})
    return f"{plural(count, 'section')} in {plural(documents, 'document')}"
