"""`protocol-desk runs list|export`: runs saved by the app, read from user.db."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from app.core import model
from app.core.packs.roots import default_roots, load_packs
from app.core.runs.store import RunStore
from app.core.system.paths import app_paths
from app.core.userdata.db import UserDb
from tests.export.pdf_text import pdf_text

# PDF export needs a Qt application: make it pytest-qt's QApplication, not a bare QGuiApplication
# that would make any later widget in this process abort.
pytestmark = pytest.mark.usefixtures("qapp")


def _runs() -> tuple[int, int]:
    """One finished and one unfinished run in this test's private user.db."""
    found = load_packs(default_roots([])).find("esketamine-session-monitoring")
    assert found is not None and isinstance(found[1], model.Checklist)
    pack, checklist = found
    db = UserDb.open(app_paths().ensure().user_db)
    store = RunStore(db)
    done = store.start(pack.id, pack.manifest.version, checklist, "Chair 1, morning", None)
    store.record(done, "pre-dose", "pre-sbp", "152")
    store.complete(done)
    open_run = store.start(pack.id, pack.manifest.version, checklist, "Chair 2, afternoon", None)
    db.close()
    return done, open_run


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    """Runs are listed newest first with status, versions and no patient data beyond the label."""
    done, open_run = _runs()
    assert main(["runs", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["run"] for r in rows] == [open_run, done]
    assert [r["status"] for r in rows] == ["in progress", "completed"]
    assert rows[1]["checklist"] == "esketamine-session-monitoring" and rows[1]["pack_version"]


def test_list_text_and_empty(capsys: pytest.CaptureFixture[str]) -> None:
    """With no runs the list says so; with runs it shows labels."""
    assert main(["runs", "list"]) == 0
    assert "No checklist runs" in capsys.readouterr().out
    _runs()
    assert main(["runs", "list"]) == 0
    assert "Chair 2, afternoon" in capsys.readouterr().out


def test_export_completed_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A completed run exports with its values and the alert that fired."""
    done, _ = _runs()
    out = tmp_path / "run.pdf"
    assert main(["runs", "export", str(done), "--pdf", str(out)]) == 0
    text = pdf_text(out)
    assert "Chair 1, morning" in text and "152 mmHg" in text and "Warning" in text


def test_export_refuses_unfinished_or_unknown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unfinished or unknown run exits 1 and writes nothing."""
    _, open_run = _runs()
    out = tmp_path / "run.pdf"
    assert main(["runs", "export", str(open_run), "--pdf", str(out)]) == 1
    assert "still in progress" in capsys.readouterr().err
    assert main(["runs", "export", "999", "--pdf", str(out)]) == 1
    assert not out.exists()
