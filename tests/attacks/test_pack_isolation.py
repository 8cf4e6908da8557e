"""Failure 4: one hostile pack never blocks the others.

1,500 nested folders, a SIGNATURE.json of 100,000 nested brackets, or any exception inside one
pack's loading make that pack a failed pack with a message; every other pack (the bundled one
included) still loads, in the core, on the command line and in the window.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.cli.main import main
from app.core.distribution.policy import PackPolicy
from app.core.packs import roots as roots_module
from app.core.packs.loaded import Origin
from app.core.packs.roots import PackRoot, load_packs
from app.core.system.paths import bundled_content_dir
from tests.attacks.conftest import PackFactory, assert_bundled_works
from tests.gui.conftest import WindowFactory

NESTED: list[Path] = []


@pytest.fixture(autouse=True)
def _remove_nesting() -> object:
    """pytest's own clean-up (shutil.rmtree) recurses and would fail on 1,500 levels."""
    yield
    while NESTED:
        deepest = NESTED.pop()
        (deepest / "deep.yaml").unlink()
        for folder in [deepest, *deepest.parents]:
            if folder.name != "d":
                break
            folder.rmdir()


def _nest(folder: Path, depth: int) -> None:
    current = folder
    for _ in range(depth):  # one level at a time: Path.mkdir(parents=True) itself recurses
        current = current / "d"
        current.mkdir()
    (current / "deep.yaml").write_text("kind: protocol\n")
    NESTED.append(current)


def _roots(*extra: Path) -> list[PackRoot]:
    return [PackRoot(bundled_content_dir(), Origin.BUNDLED), *(PackRoot(p, Origin.EXTRA) for p in extra)]


def test_deeply_nested_folders_fail_only_their_pack(make_pack: PackFactory, tmp_path: Path) -> None:
    hostile, good = make_pack(pack_id="nested-pack"), make_pack(pack_id="fine-pack")
    _nest(hostile, 1500)
    packs = load_packs(_roots(hostile, good))
    failed = next(f for f in packs.failed if f.root == hostile)
    assert any(p.code == "too-deep" for p in failed.problems)
    assert packs.pack("fine-pack") is not None and packs.pack("nested-pack") is None
    assert_bundled_works(packs)


def test_nested_folders_on_the_command_line(
    make_pack: PackFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = make_pack(pack_id="nested-pack")
    _nest(hostile, 1500)
    assert main(["list", "--packs", str(hostile)]) == 0
    out = capsys.readouterr()
    assert "ketamine-iv-dose" in out.out and "nested-pack" in out.err


def test_bracket_bomb_signature_fails_only_its_pack(make_pack: PackFactory) -> None:
    hostile, good = make_pack(pack_id="bomb-pack"), make_pack(pack_id="fine-pack")
    (hostile / "SIGNATURE.json").write_text("[" * 100_000 + "]" * 100_000)
    packs = load_packs(_roots(hostile, good), policy=PackPolicy(require_signed=True))
    failed = next(f for f in packs.failed if f.root == hostile)
    assert any(p.code == "bad-signature-file" and "nested too deeply" in p.message for p in failed.problems)
    assert packs.pack("bomb-pack") is None
    assert_bundled_works(packs)


def test_any_exception_inside_one_pack_is_contained(
    make_pack: PackFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile, good = make_pack(pack_id="crashing-pack"), make_pack(pack_id="fine-pack")
    real = roots_module.load_pack

    def crashing(folder: Path, *args: object, **kwargs: object) -> object:
        if folder == hostile:
            raise MemoryError("simulated")
        return real(folder, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(roots_module, "load_pack", crashing)
    packs = load_packs(_roots(hostile, good))
    failed = next(f for f in packs.failed if f.root == hostile)
    assert [p.code for p in failed.problems] == ["load-failed"] and "MemoryError" in failed.problems[
        0
    ].message
    assert packs.pack("fine-pack") is not None
    assert_bundled_works(packs)


def test_window_loads_the_other_packs(
    make_pack: PackFactory, make_window: WindowFactory, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile = make_pack(pack_id="nested-pack")
    _nest(hostile, 1500)
    monkeypatch.setenv("PROTOCOL_DESK_PACKS", str(hostile))
    window = make_window()
    qtbot.waitUntil(lambda: bool(window.services.packs.packs), timeout=20000)
    assert_bundled_works(window.services.packs)
    assert any(f.root == hostile for f in window.services.packs.failed)


def _boxes(window) -> list[QMessageBox]:  # type: ignore[no-untyped-def]
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


@pytest.mark.qt_no_exception_capture
def test_error_from_a_worker_thread_is_shown_by_the_gui_thread(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()

    def worker() -> None:
        try:
            raise RuntimeError("failure in a worker")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(timeout=10)
    qtbot.waitUntil(lambda: bool(_boxes(window)), timeout=5000)
    box = _boxes(window)[0]
    assert box.thread() is QApplication.instance().thread()  # type: ignore[union-attr]
    assert "failure in a worker" in box.text()
