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
