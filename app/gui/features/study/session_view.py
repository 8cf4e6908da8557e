"""The study session: a question, Space to reveal the answer, 1-4 to rate it, Ctrl+Z to undo.

Everything is reachable by keyboard alone. Card text is shown as plain text (never rich text).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.study.decks import Deck, DeckKind, StudyItem
from app.core.study.scheduler import Rating
from app.core.study.session import StudySession
from app.core.system.config import KEYS
from app.gui.theme import box_css, set_type
from app.render.design import SPACE, TypeRole
from app.render.labels import tag_label
from app.render.theme import LIGHT

RATINGS = ((Rating.AGAIN, "Again"), (Rating.HARD, "Hard"), (Rating.GOOD, "Good"), (Rating.EASY, "Easy"))
CHANGED_NOTE = (
    "Content changed: the section this card comes from was updated since you last studied it. "
    "Check the answer against the protocol."
)
SourceTitle = Callable[[StudyItem], str]
CARD_WIDTH = 860


def _label(parent: QWidget, role: TypeRole = "body", bold: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # pack text is content, never markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    set_type(label, role, bold)
    return label


class StudySessionView(QWidget):
    deck_chosen = Signal(object)
    """Deck"""
    show_source = Signal(str, str)
    """`pack/document` id and section id"""
    answered = Signal()

    def __init__(self, source_title: SourceTitle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source_title = source_title
        self.session: StudySession | None = None
        self.revealed = False
        self.decks: list[Deck] = []
        self.setAccessibleName("Study session")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.addLayout(self._top_row())
        layout.addWidget(self._card(), 1)
        layout.addLayout(self._button_row())
        self.status = _label(self)
        self.status.setAccessibleName("Session status")
        layout.addWidget(self.status)
        self._shortcuts()
        self.refresh()

    # --- assembly -------------------------------------------------------------------------------
    def _top_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        deck_label = QLabel("&Deck:", self)
        self.deck_box = QComboBox(self)
        self.deck_box.setAccessibleName("Deck to study")
        self.deck_box.setMinimumContentsLength(28)
        self.deck_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        deck_label.setBuddy(self.deck_box)
        self.deck_box.activated.connect(lambda index: self.deck_chosen.emit(self.decks[index]))
        self.counts = _label(self)
        self.counts.setAccessibleName("Cards to study")
        self.counts.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(deck_label)
        row.addWidget(self.deck_box, 1)
        row.addWidget(self.counts, 1)
        return row

    def _card(self) -> QFrame:
        card = QFrame(self)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setAutoFillBackground(True)
        card.setBackgroundRole(QPalette.ColorRole.Base)
        column = QWidget(card)
        column.setMaximumWidth(CARD_WIDTH)  # long lines are hard to read: keep a book-like measure
        centred = QHBoxLayout(card)
        centred.addStretch(1)
        centred.addWidget(column, 8)
        centred.addStretch(1)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(SPACE.medium, SPACE.wide, SPACE.medium, SPACE.wide)
        layout.setSpacing(SPACE.large)
        self.changed_note = _label(column, bold=True)
        self.changed_note.setText(CHANGED_NOTE)
        self.changed_note.setStyleSheet(box_css(LIGHT.warning, LIGHT, SPACE.medium))
        self.question = _label(column, "heading")
        self.question.setAccessibleName("Question")
        self.rule = QFrame(column)
        self.rule.setFrameShape(QFrame.Shape.HLine)
        self.answer = _label(column, "key", bold=True)
        self.answer.setAccessibleName("Answer")
        self.context = _label(column, "subheading")
        self.context.setAccessibleName("Full text")
        for widget in (self.changed_note, self.question, self.rule, self.answer, self.context):
            layout.addWidget(widget)
        layout.addSpacing(12)
        layout.addLayout(self._source_row(column))
        layout.addStretch(1)
        return card

    def _source_row(self, column: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        self.source = _label(column)
        self.source.setAccessibleName("Source")
        self.source_button = QPushButton("Show in &protocol", column)
        self.source_button.setToolTip("Open the section this card comes from")
        self.source_button.clicked.connect(self._open_source)
        row.addWidget(self.source, 1)
        row.addWidget(self.source_button)
        return row

    def _button_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.reveal_button = QPushButton("Show answer  (Space)", self)
        self.reveal_button.clicked.connect(self.reveal)
        row.addWidget(self.reveal_button, 2)
        self.rating_buttons: dict[Rating, QPushButton] = {}
        for rating, name in RATINGS:
            button = QPushButton(name, self)
            button.clicked.connect(lambda _=False, r=rating: self.rate(r))
            self.rating_buttons[rating] = button
            row.addWidget(button, 1)
        row.addSpacing(16)
        self.undo_button = QPushButton("Undo  (Ctrl+Z)", self)
        self.undo_button.clicked.connect(self.undo)
        row.addWidget(self.undo_button)
        return row

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        keys: list[tuple[QKeySequence | QKeySequence.StandardKey, Callable[[], None], str]] = [
            (QKeySequence(Qt.Key.Key_Space), self._space, "Show the answer"),
            (QKeySequence.StandardKey.Undo, self.undo, "Undo the last answer"),
        ]
        keys += [
            (QKeySequence(str(int(rating))), partial(self.rate, rating), f"Rate the card: {name}")
            for rating, name in RATINGS
        ]
        self.shortcuts: list[tuple[QShortcut, str]] = []
        """Each key with what it does, for Help > Keyboard shortcuts."""
        for key, slot, description in keys:
            shortcut = QShortcut(key, self, context=context)
            shortcut.activated.connect(slot)
            self.shortcuts.append((shortcut, description))

    # --- state ----------------------------------------------------------------------------------
    def _space(self) -> None:
        """Space reveals; on another focused button it presses that button, as Space usually does.

        (On the deck list Space reveals too, so a trainee can pick a deck and start at once;
        Alt+Down still opens the list.)
        """
        focused = QApplication.focusWidget()
        if isinstance(focused, QPushButton) and focused is not self.reveal_button:
            focused.click()
        else:
            self.reveal()

    def set_decks(self, decks: list[Deck], current: Deck, acronyms: Collection[str] = ()) -> None:
        self.decks = decks
        self.deck_box.clear()
        for deck in decks:
            self.deck_box.addItem(deck_label(deck, acronyms))
        if current in decks:
            self.deck_box.setCurrentIndex(decks.index(current))

    def set_session(self, session: StudySession | None) -> None:
        self.session = session
        self.revealed = False
        self.refresh()

    def reveal(self) -> None:
        if self.session is not None and self.session.current is not None and not self.revealed:
            self.revealed = True
            self.refresh()

    def rate(self, rating: Rating) -> None:
        if self.session is None or self.session.current is None or not self.revealed:
            return  # rating before seeing the answer would log a guess as a review
        self.session.answer(rating)
        self.revealed = False
        self.refresh()
        self.status.setText(f"Rated {RATINGS[int(rating) - 1][1]}.")
        self.answered.emit()

    def undo(self) -> None:
        if self.session is None or not self.session.can_undo:
            return
        self.session.undo()
        self.revealed = False
        self.refresh()
        self.status.setText("Last answer undone: here is that card again.")
        self.answered.emit()

    def _open_source(self) -> None:
        item = self.session.current if self.session else None
        if item is not None:
            self.show_source.emit(f"{item.pack_id}/{item.source_doc}", item.source_section)

    # --- rendering ------------------------------------------------------------------------------
    def refresh(self) -> None:
        session = self.session
        item = session.current if session else None
        self._render_counts()
        self.undo_button.setEnabled(bool(session and session.can_undo))
        self.status.clear()
        if session is None or item is None:
            self._render_empty()
            return
        self.changed_note.setVisible(session.content_changed(item))
        self.question.setText(item.question)
        self._render_answer(item)
        self.source.setText(f"From: {self.source_title(item)}")
        self.source_button.setEnabled(True)
        self._render_buttons(session, item)

    def _render_counts(self) -> None:
        if self.session is None:
            self.counts.setText("")
            return
        counts = self.session.counts()
        self.counts.setText(
            f"New {counts.new}   \u00b7   Learning {counts.learning}   \u00b7   Due {counts.review}"
        )
        self.counts.setAccessibleDescription(
            f"{counts.new} new, {counts.learning} learning, {counts.review} due for review"
        )

    def _render_answer(self, item: StudyItem) -> None:
        for widget in (self.rule, self.answer, self.context):
            widget.setVisible(self.revealed)
        if item.cloze is None:
            self.answer.setText(item.answer)
            self.context.setText(item.extra)
        else:
            self.answer.setText(" \u00b7 ".join(item.hidden))
            self.context.setText("\n\n".join(part for part in (item.answer, item.extra) if part))
        self.context.setVisible(self.revealed and bool(self.context.text()))

    def _render_buttons(self, session: StudySession, item: StudyItem) -> None:
        self.reveal_button.setVisible(not self.revealed)
        intervals = session.intervals(item) if self.revealed else {}
        for rating, name in RATINGS:
            button = self.rating_buttons[rating]
            button.setVisible(self.revealed)
            when = intervals.get(rating, "")
            button.setText(f"{int(rating)}  {name}\n{when}")
            button.setAccessibleName(f"{name}: next in {when} (key {int(rating)})")

    def _render_empty(self) -> None:
        self.changed_note.hide()
        for widget in (
            self.rule,
            self.answer,
            self.context,
            self.reveal_button,
            *self.rating_buttons.values(),
        ):
            widget.hide()
        self.source.clear()
        self.source_button.setEnabled(False)
        self.question.setText(self._empty_text())

    def _empty_text(self) -> str:
        if self.session is None or not self.session.items:
            return "No study cards here. Choose another deck, or load a pack with study cards."
        left = self.session.new_left_today()
        more = (
            "Every card in this deck has been started; reviews come back as they fall due."
            if left
            else "Today's limit for new cards is reached (setting "
            f"\u201c{KEYS['study.new_cards_per_day'].description.rstrip('.')}\u201d)."
        )
        return f"Nothing more to study in this deck today.\n\n{more}"


def deck_label(deck: Deck, acronyms: Collection[str] = ()) -> str:
    if deck.kind is DeckKind.TAG:
        return f"Tag: {tag_label(deck.value, acronyms)}"
    kinds = {DeckKind.PACK: "Pack: ", DeckKind.CARDS: "Card deck: ", DeckKind.DOCUMENT: "Document: "}
    return kinds.get(deck.kind, "") + deck.title
