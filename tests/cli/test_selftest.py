"""`protocol-desk self-test`, and the logs every run leaves (rotation, level, crashes)."""

from __future__ import annotations

import json
import logging
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.system.logs import LOG_FILE, install_excepthook, setup_logging, start_logging
from app.core.system.paths import app_paths


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def _report(path: Path) -> dict[str, object]:
    return dict(json.loads(path.read_text()))


def test_self_test_passes_and_writes_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """On the bundled content every step passes; JSON, text and a sample PDF are written."""
    report = tmp_path / "report" / "self-test.json"
    assert main(["self-test", "--report", str(report)]) == 0
    data = _report(report)
    steps = {s["name"]: s["status"] for s in data["steps"]}  # type: ignore[attr-defined]
    assert data["passed"] is True and set(steps.values()) == {"passed"}
    assert list(steps) == [
        *("folders", "configuration", "resources", "packs", "search", "render", "pdf"),
        *("collation", "display", "printing"),
    ]
    assert "RESULT: PASSED" in report.with_suffix(".txt").read_text()
    assert report.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    assert "self-test PASSED" in capsys.readouterr().out


def test_default_report_goes_to_the_state_folder() -> None:
    """Without --report the report lands in the state folder."""
    assert main(["self-test"]) == 0
    assert (app_paths().state / "self-test" / "self-test.txt").is_file()


def test_broken_pack_fails_the_self_test(tmp_path: Path, data_dir: Path) -> None:
    """A pack that does not load fails the run (exit 1), and the remaining steps still run."""
    broken = tmp_path / "broken"
    shutil.copytree(data_dir / "broken" / "unquoted-no", broken)
    report = tmp_path / "r.json"
    assert main(["self-test", "--packs", str(broken), "--report", str(report)]) == 1
    steps = {s["name"]: s for s in _report(report)["steps"]}  # type: ignore[attr-defined]
    assert steps["packs"]["status"] == "failed" and "quote-text" in " ".join(steps["packs"]["details"])
    assert steps["render"]["status"] == "passed"


def test_config_problems_fail_the_self_test(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A malformed site file is a failure IT must see (in the configuration step, and in the packs
    step, which runs on the strictest settings); the bundled content still works."""
    site = tmp_path / "site.toml"
    site.write_text("[display\n")
    monkeypatch.setenv("PROTOCOL_DESK_SITE_CONFIG", str(site))
    report = tmp_path / "r.json"
    assert main(["self-test", "--report", str(report)]) == 1
    steps = {s["name"]: s["status"] for s in _report(report)["steps"]}  # type: ignore[attr-defined]
    assert steps["configuration"] == "failed" and steps["packs"] == "failed" and steps["search"] == "passed"


# Logs --------------------------------------------------------------------------------------------


def test_every_command_logs_to_the_state_folder() -> None:
    """A command run leaves a line in the rotating log file, at the configured level."""
    assert main(["config", "--json"]) == 0
    log = app_paths().logs / LOG_FILE
    assert "Protocol Desk" in log.read_text() and "starting" in log.read_text()
    handlers = [h for h in logging.getLogger().handlers if h.get_name() == "protocol-desk-file"]
    assert len(handlers) == 1 and handlers[0].maxBytes > 0 and handlers[0].backupCount > 0  # type: ignore[attr-defined]


def test_log_level_from_option_and_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--log-level wins for one run; otherwise the configuration's logging.level applies."""
    assert main(["--log-level", "debug", "config", "--json"]) == 0
    assert logging.getLogger().level == logging.DEBUG
    site = tmp_path / "site.toml"
    site.write_text('[logging]\nlevel = "WARNING"\n')
    monkeypatch.setenv("PROTOCOL_DESK_SITE_CONFIG", str(site))
    start_logging()
    assert logging.getLogger().level == logging.WARNING


def test_unwritable_log_folder_is_not_fatal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """When the log file cannot be created the app goes on, with a warning."""
    paths = app_paths()
    paths.state.mkdir(parents=True)
    paths.logs.write_text("a file where the folder should be")
    assert setup_logging(paths, "INFO") is None
    assert "cannot write the log file" in capsys.readouterr().err


def test_crash_leaves_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unhandled exception is written to the log, then handed to the previous hook."""
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, trace: seen.append(kind))
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    log = start_logging()
    install_excepthook()
    try:
        raise ValueError("boom in a slot")
    except ValueError as error:
        sys.excepthook(ValueError, error, error.__traceback__)
    assert seen == [ValueError]
    assert log is not None
    text = log.read_text()
    assert "unhandled exception" in text and "ValueError: boom in a slot" in text and "Traceback" in text


def _installed_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A built folder with a manifest, standing in for the frozen app this process would be."""
    from app.cli import selftest
    from app.core.system.manifest import MANIFEST_NAME, write_manifest

    root = tmp_path / "protocol-desk"
    bundle = root / "_internal"
    bundle.mkdir(parents=True)
    (root / "protocol-desk").write_bytes(b"program")
    (bundle / "library.so").write_bytes(b"library")
    write_manifest(root, bundle / MANIFEST_NAME, "protocol-desk", "1.2.3")
    monkeypatch.setattr(selftest, "installed_folder", lambda: root)
    monkeypatch.setattr(selftest, "install_root", lambda: bundle)
    return root


def test_installed_checks_files_against_the_build_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _installed_copy(tmp_path, monkeypatch)
    report = tmp_path / "r.json"
    assert main(["self-test", "--installed", "--report", str(report)]) == 0
    first = _report(report)["steps"][0]  # type: ignore[index]
    assert first["name"] == "installation" and first["status"] == "passed"
    assert "2 files of version 1.2.3" in first["summary"]

    (root / "_internal" / "library.so").write_bytes(b"tampered")
    assert main(["self-test", "--installed", "--report", str(report)]) == 1
    first = _report(report)["steps"][0]  # type: ignore[index]
    assert first["status"] == "failed" and "modified: _internal/library.so" in first["details"]


def test_installed_from_source_fails_with_a_reason(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    assert main(["self-test", "--installed", "--report", str(report)]) == 1
    first = _report(report)["steps"][0]  # type: ignore[index]
    assert first["status"] == "failed" and "running from source" in first["summary"]
