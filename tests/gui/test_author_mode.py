"""Author mode: a watched pack reloads when a file is saved and shows its problems in place."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.gui.features.author.feature import install
from app.gui.features.author.watcher import PackWatcher
from app.launcher import _wants_gui
from tests.gui.conftest import WindowFactory

LITHIUM = Path(__file__).resolve().parents[1] / "data" / "packs" / "lithium-monitoring"


def test_saving_a_file_reloads_and_lists_its_problems(
    tmp_path: Path, make_window: WindowFactory, qtbot: QtBot
) -> None:
    """A broken save shows the error at its file and line and brings the Author tab forward; fixing it
    reloads the pack again."""
    pack = tmp_path / "lithium-monitoring"
    shutil.copytree(LITHIUM, pack)
    window = make_window([pack])
    panel = install(window, pack, window.reload)
    card = pack / "cards" / "lithium-cards.yaml"
    good = card.read_text()
    card.write_text(
        good.replace("source: lithium-monitoring#target-levels", "source: lithium-monitoring#target", 1)
    )
    qtbot.waitUntil(lambda: "NOT loaded" in panel.state.text(), timeout=20000)
    broken = next(p for p in panel.problems if p.code == "broken-source")
    assert broken.file == "cards/lithium-cards.yaml" and "did you mean `target-levels`?" in broken.message
    assert window.workspaces.currentWidget() is panel
    card.write_text(good)
    qtbot.waitUntil(lambda: "pack loaded; 0 errors" in panel.state.text(), timeout=20000)


def test_watcher_follows_files_replaced_by_rename(tmp_path: Path, qtbot: QtBot) -> None:
    """Editors that save by rename still trigger a change, and the new file is watched again."""
    shutil.copytree(LITHIUM, tmp_path / "pack")
    watcher = PackWatcher(tmp_path / "pack", settle_ms=50)
    target = tmp_path / "pack" / "pack.yaml"
    assert str(target) in watcher.watched()
    with qtbot.waitSignal(watcher.changed, timeout=5000):
        temporary = target.with_suffix(".tmp")
        temporary.write_text(target.read_text() + "\n")
        temporary.replace(target)
    assert str(target) in watcher.watched()


def test_author_flag_starts_the_window() -> None:
    """`protocol-desk --author PACK` is a window option, not a command."""
    assert _wants_gui(["--author", "some/pack"]) and _wants_gui(["--author=some/pack"])


def test_activating_a_problem_opens_its_document(
    tmp_path: Path, make_window: WindowFactory, qtbot: QtBot
) -> None:
    """Double-click (or Enter) on a problem shows the document it is in, beside the list."""
    pack = tmp_path / "lithium-monitoring"
    shutil.copytree(LITHIUM, pack)
    window = make_window([pack])
    panel = install(window, pack, window.reload)
    handout = pack / "instructions" / "lithium-patient-card.yaml"
    handout.write_text(handout.read_text().replace("status: active", "status: draft", 1))
    qtbot.waitUntil(lambda: any(p.code == "draft" for p in panel.problems), timeout=20000)
    row = next(i for i, p in enumerate(panel.problems) if p.code == "draft")
    item = panel.table.topLevelItem(row)
    panel.table.itemActivated.emit(item, 0)
    assert window.reader.current is not None and window.reader.current[1].id == "lithium-patient-card"
