"""Dialogs and lists at 1024x700 cut no text: rows wrap or elide with the whole text in a tooltip,
the start-run refusal sits clear of its hint, counts are pluralised and no setting shows its key."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.core import model
from app.core.packs.roots import default_roots, load_packs
from app.core.runs.store import LABEL_MAX, RunStore
from app.core.system.config import KEYS
from app.core.system.paths import app_paths
from app.core.userdata.db import UserDb
from app.gui.browse.browse_panel import BrowsePanel
from app.gui.dialogs.problems import ProblemsDialog
from app.gui.features.runs.feature import ChecklistRuns
from app.gui.features.runs.runs_page import ResumeOffer
from app.gui.features.runs.start_dialog import StartRunDialog
from tests.gui.clipping import clipped
from tests.gui.conftest import WindowFactory

APP = Path(__file__).resolve().parents[2] / "app"
CHECKLIST = "esketamine-session-monitoring"


def _seed_long_runs(count: int) -> None:
    """Unfinished runs with the longest labels allowed, so every row is longer than the list."""
    found = load_packs(default_roots([])).find(CHECKLIST)
    assert found is not None and isinstance(found[1], model.Checklist)
    pack, checklist = found
    db = UserDb.open(app_paths().ensure().user_db)
    store = RunStore(db)
    words = "Chair 4 left open after the afternoon power cut in the east wing treatment room"
    for n in range(count):
        store.start(pack.id, pack.manifest.version, checklist, f"{n} {words}"[:LABEL_MAX], None)
    db.close()


def _overlap(a: QWidget, b: QWidget) -> bool:
    top_left = a.mapTo(a.window(), a.rect().topLeft())
    other = b.mapTo(b.window(), b.rect().topLeft())
    return a.rect().translated(top_left).intersects(b.rect().translated(other))


def test_start_dialog_refusal_sits_clear_of_the_hint(make_window: WindowFactory, qtbot: QtBot) -> None:
    """A refused label shows its message in full, overlapping neither the hint nor the field."""
    window = make_window()
    window.resize(1024, 700)
    found = window.services.packs.find(CHECKLIST)
    assert found is not None and isinstance(found[1], model.Checklist)
    dialog = StartRunDialog(found[1], datetime(2026, 3, 2, 9, 0, tzinfo=UTC), window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.label.setText("12345678")
    dialog.accept()
    qtbot.waitUntil(dialog.problem.isVisible)
    dialog.resize(360, dialog.height())  # as narrow as a user may drag it: the dialog keeps its room
    qtbot.wait(50)
    labels = [w for w in dialog.findChildren(QLabel) if w.isVisible() and w is not dialog.problem]
    assert dialog.problem.height() >= dialog.problem.heightForWidth(dialog.problem.width())
    for other in [*labels, dialog.label, dialog.dose_known]:
        assert not _overlap(dialog.problem, other), other.objectName() or getattr(other, "text", str)()
    assert clipped(dialog) == []


def test_resume_offer_rows_are_whole_at_1024x700(make_window: WindowFactory, qtbot: QtBot) -> None:
    """The start-up offer's long rows wrap (or keep their whole text in a tooltip)."""
    _seed_long_runs(3)
    window = make_window()
    window.resize(1024, 700)
    offer = window.findChild(ResumeOffer)
    assert offer is not None
    qtbot.waitUntil(offer.isVisible)
    qtbot.wait(100)
    assert offer.listing.count() == 3 and clipped(offer) == []


def test_runs_list_rows_are_whole_and_name_no_setting_key(make_window: WindowFactory, qtbot: QtBot) -> None:
    """The runs list wraps its rows, and its note names settings by their description, not their key."""
    _seed_long_runs(2)
    window = make_window()
    window.resize(1024, 700)
    feature = window.findChild(ChecklistRuns)
    assert feature is not None
    feature.show_list()
    qtbot.wait(100)
    page = feature.page
    assert page.listing.count() == 2 and clipped(page) == []
    shown = " ".join(label.text() for label in window.findChildren(QLabel) if label.isVisible())
    assert not [key for key in KEYS if key in shown]
    assert "30 days" in page.note.text()


def test_pack_problems_rows_are_whole(make_window: WindowFactory, qtbot: QtBot, data_dir: Path) -> None:
    """A long file path and message in Pack problems wrap or elide with the whole in a tooltip."""
    window = make_window([data_dir / "broken" / "unquoted-no"])
    window.resize(1024, 700)
    dialog = ProblemsDialog(window.services.packs, window, window.services.config.issues)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.wait(100)
    assert dialog.table.topLevelItemCount() >= 1 and clipped(dialog) == []
    dialog.resize(560, 400)  # narrower than its text: rows grow, nothing is cut
    qtbot.wait(100)
    assert clipped(dialog) == []


def test_browse_tree_rows_are_whole_in_a_narrow_sidebar(make_window: WindowFactory, qtbot: QtBot) -> None:
    """Every row of the fully expanded browse tree is readable at 1024x700 with the sidebar narrowed."""
    window = make_window()
    window.resize(1024, 700)
    window.tabs.setCurrentWidget(window.browse)
    window.splitter.setSizes([220, 804])
    browse = window.findChild(BrowsePanel)
    assert browse is not None
    browse.tree.expandAll()
    qtbot.wait(100)
    assert browse.tree.isVisible() and clipped(browse) == []


def test_no_count_reads_s_in_brackets() -> None:
    """Counts are pluralised in words ("1 pack", "2 packs"), never "pack(s)", anywhere in the app."""
    pattern = re.compile(r"[A-Za-z]\(s\)|[A-Za-z]\(es\)")
    offenders = [
        f"{path.relative_to(APP)}:{number}"
        for path in sorted(APP.rglob("*"))
        if path.suffix in {".py", ".j2"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line) and "never" not in line
    ]
    assert offenders == []


def test_search_results_fit_the_sidebar(make_window: WindowFactory, qtbot: QtBot) -> None:
    """Result rows take the list's width: long titles elide (whole in the tooltip), no sideways scroll."""
    window = make_window()
    window.resize(1024, 700)
    window.search.field.setText("blood pressure 40 minutes")
    results = window.search.results
    qtbot.waitUntil(lambda: results.model().rowCount() > 3, timeout=10000)
    qtbot.wait(100)
    assert clipped(results) == []
    first = results.visualRect(results.model().index(0, 0))
    assert first.width() <= results.viewport().width()
