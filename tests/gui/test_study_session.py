"""The study workspace driven from the keyboard, and its wiring into the window."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.study.decks import DeckKind
from app.gui.features.study.feature import STUDY_CARDS, STUDY_DOCUMENT, StudyFeature
from app.gui.main_window import MainWindow
from tests.core.test_study_support import make_pack
from tests.gui.conftest import WindowFactory


def _feature(window: MainWindow) -> StudyFeature:
    feature = window.findChild(StudyFeature)
    assert isinstance(feature, StudyFeature)
    return feature


def _study_test_pack(qtbot: QtBot, window: MainWindow) -> StudyFeature:
    """Open study and pick the test pack's deck with the arrow keys."""
    feature = _feature(window)
    feature.open_session()
    view = feature.workspace.session
    view.deck_box.setFocus()
    for _ in range(len(feature.decks)):
        if view.deck_box.currentText() == "Pack: Test pack":
            break
        qtbot.keyClick(view.deck_box, Qt.Key.Key_Down)
    assert feature.deck.kind is DeckKind.PACK and feature.deck.value == "test-good"
    return feature


def test_session_by_keyboard_alone(qtbot: QtBot, make_window: WindowFactory, data_dir: Path) -> None:
    """Space reveals, 1-4 rate, Ctrl+Z undoes: a whole session without the mouse."""
    window = make_window([data_dir / "packs" / "good"])
    feature = _study_test_pack(qtbot, window)
    view = feature.workspace.session
    assert view.session is not None and view.session.counts().new == 1
    assert view.question.text() == "What is checked before the dose?"
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert feature.store.reviews() == []  # no rating before the answer is shown
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.answer.isVisible() and view.answer.text() == "Blood pressure."
    assert "min" in view.rating_buttons[next(iter(view.rating_buttons))].text()
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert [r.rating.name for r in feature.store.reviews()] == ["AGAIN"]
    assert view.session.counts().learning == 1 and not view.answer.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert feature.store.reviews() == [] and view.session.counts().new == 1
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_4)
    assert [r.rating.name for r in feature.store.reviews()] == ["EASY"]
    assert view.session.current is None
    assert "Nothing more to study" in view.question.text()


def test_show_in_protocol_opens_the_source(qtbot: QtBot, make_window: WindowFactory, data_dir: Path) -> None:
    """ "Show in protocol" opens the card's source section in the reader."""
    window = make_window([data_dir / "packs" / "good"])
    feature = _study_test_pack(qtbot, window)
    assert feature.workspace.session.source.text() == "From: Test protocol \u203a Monitoring"
    feature.workspace.session.source_button.click()
    assert window.reader.current is not None and window.reader.current[1].id == "test-protocol"
    assert window.workspaces.currentIndex() == 0


def test_study_this_document(qtbot: QtBot, make_window: WindowFactory, data_dir: Path) -> None:
    """A protocol that cards cite offers "Study this document", which opens a session on them."""
    window = make_window([data_dir / "packs" / "good"])
    window.open_document("test-good/test-protocol", "", "")
    buttons = {b.text(): b for b in window.context_bar.buttons if not b.isHidden()}
    assert STUDY_DOCUMENT in buttons
    buttons[STUDY_DOCUMENT].click()
    feature = _feature(window)
    assert feature.deck.kind is DeckKind.DOCUMENT and feature.deck.value == "test-good/test-protocol"
    assert window.workspaces.currentWidget() is feature.workspace
    window.open_document("test-good/test-cards", "", "")
    assert STUDY_CARDS in [b.text() for b in window.context_bar.buttons if not b.isHidden()]


def test_progress_view_shows_figures(qtbot: QtBot, make_window: WindowFactory, data_dir: Path) -> None:
    """After one answer the progress view counts it, in the figures, chart and its text summary."""
    window = make_window([data_dir / "packs" / "good"])
    feature = _study_test_pack(qtbot, window)
    view = feature.workspace.session
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_3)
    feature.open_progress()
    progress = feature.workspace.progress
    assert progress.reviews_today.accessibleName() == "Answers today: 1"
    assert progress.chart.days[-1].reviews == 1
    assert "1 answer on 1 of the last 30 days" in progress.chart.accessibleDescription()


def test_button_hidden_when_no_card_cites_the_document(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    """ "Study this document" is not offered for a protocol that no card comes from."""
    cards = "\n  - id: own\n    type: basic\n    front: Q?\n    back: A.\n    source: test-cards#cards\n"
    make_pack(tmp_path / "packs" / "pack", cards=cards)
    window = make_window([tmp_path / "packs"])
    window.open_document("test-good/test-protocol", "", "")
    assert STUDY_DOCUMENT not in [b.text() for b in window.context_bar.buttons if not b.isHidden()]


def test_pack_update_flags_changed_cards(qtbot: QtBot, make_window: WindowFactory, tmp_path: Path) -> None:
    """After a pack update changes a card's source section, the card is due and marked in the session."""
    folder = tmp_path / "packs"
    make_pack(folder / "pack")
    window = make_window([folder])
    feature = _study_test_pack(qtbot, window)
    view = feature.workspace.session
    while view.session is not None and view.session.current is not None:
        qtbot.keyClick(view, Qt.Key.Key_Space)
        qtbot.keyClick(view, Qt.Key.Key_4)
    assert view.session is not None and view.session.counts().total == 0
    shutil.rmtree(folder / "pack")
    make_pack(folder / "pack", version="1.1.0", body="Check the blood pressure at 40 minutes too.")
    old = window.services.packs
    window.reload()
    qtbot.waitUntil(lambda: window.services.packs is not old and window.index_ready, timeout=30000)
    feature.open_session()
    assert view.session is not None and view.session.counts().review == 3
    assert view.changed_note.isVisible()


def test_space_on_a_focused_button_presses_it(
    qtbot: QtBot, make_window: WindowFactory, data_dir: Path
) -> None:
    """With "Show in protocol" focused, Space opens the source instead of revealing the answer."""
    window = make_window([data_dir / "packs" / "good"])
    feature = _study_test_pack(qtbot, window)
    view = feature.workspace.session
    view.source_button.setFocus()
    qtbot.keyClick(view.source_button, Qt.Key.Key_Space)
    assert window.reader.current is not None and window.reader.current[1].id == "test-protocol"
