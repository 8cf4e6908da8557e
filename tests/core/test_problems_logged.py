"""What the app shows as a problem is also in the log, with file and line."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from app.core.distribution.policy import load_configured_packs


def test_broken_pack_and_bad_site_value_are_logged(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A pack with a YAML error and an invalid site value each leave a log line naming file and line."""
    site = tmp_path / "site.toml"
    site.write_text("[checklists]\nretention_days = 0\n", encoding="utf-8")
    monkeypatch.setenv("PROTOCOL_DESK_SITE_CONFIG", str(site))
    caplog.set_level(logging.INFO)
    packs = load_configured_packs([data_dir / "broken" / "unquoted-no"])
    assert packs.failed
    logged = "\n".join(record.getMessage() for record in caplog.records)
    problem = next(p for p in packs.problems if p.file)
    assert f"{problem.file}:{problem.line}" in logged
    assert "site.toml" in logged and "retention_days" in logged


def test_unreachable_share_is_logged_with_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A configured pack folder that cannot be reached is shown as a problem and logged with its path."""
    share = tmp_path / "offline-share" / "packs"
    site = tmp_path / "site.toml"
    site.write_text(f"[packs]\nfolders = [{str(share)!r}]\n", encoding="utf-8")
    monkeypatch.setenv("PROTOCOL_DESK_SITE_CONFIG", str(site))
    caplog.set_level(logging.INFO)
    packs = load_configured_packs([])
    shown = [p for p in packs.problems if str(share) in p.format()]
    assert shown, [p.format() for p in packs.problems]
    logged = [r for r in caplog.records if r.levelno >= logging.WARNING and str(share) in r.getMessage()]
    assert logged and all(p.format() in "\n".join(r.getMessage() for r in logged) for p in shown)
