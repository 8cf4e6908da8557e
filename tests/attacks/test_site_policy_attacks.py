"""Failure 2: the site policy fails closed.

The site requires signed packs. Each attack damages the site file (or its lock list) and puts an
unsigned, edited pack in a folder the app loads; the user's own settings file tries to switch
signing off. The edited pack must never load, the problem must be said in `config`, `list`,
`validate` and Pack problems, and the bundled content must keep working.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.cli.main import main
from app.core.distribution.policy import load_configured_packs
from app.core.system.config import load_config
from app.core.system.paths import app_paths
from tests.attacks.conftest import PackFactory, assert_bundled_works
from tests.gui.conftest import WindowFactory

REPO = Path(__file__).resolve().parents[2]
STRICT = '[packs]\nrequire_signed = true\n[policy]\nlocked = ["packs.require_signed"]\n'


def _user_turns_signing_off() -> None:
    paths = app_paths().ensure()
    paths.user_config_file.write_text("[packs]\nrequire_signed = false\ntrusted_keys = []\n")


def _site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raw: bytes) -> Path:
    site = tmp_path / "site.toml"
    site.write_bytes(raw)
    monkeypatch.setenv("PROTOCOL_DESK_SITE_CONFIG", str(site))
    return site


BROKEN = {
    "syntax error": STRICT.encode() + b"[display\n",
    "latin-1 byte": STRICT.encode() + '[placeholders]\nclinic_name = "Caf\xe9"\n'.encode("latin-1"),
    "duplicate key": STRICT.encode() + b"[packs]\nrequire_signed = false\n",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_site_file_keeps_signing_required(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_pack: PackFactory,
    name: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _site(tmp_path, monkeypatch, BROKEN[name])
    _user_turns_signing_off()
    unsigned = make_pack(pack_id="tampered-pack")
    config = load_config(app_paths())
    assert config.get("packs.require_signed") is True and config.locked("packs.require_signed")
    assert config.get("packs.trusted_keys") == [] and config.site_closed
    packs = load_configured_packs([unsigned], config=config)
    assert packs.pack("tampered-pack") is None, "an unsigned pack loaded under a broken site file"
    assert any(p.code == "site-config-broken" for p in packs.problems)
    assert_bundled_works(packs)

    capsys.readouterr()
    assert main(["list", "--packs", str(unsigned)]) == 0
    listed = capsys.readouterr()
    assert "site file cannot be used" in listed.err and "tampered-pack" not in listed.out
    assert main(["validate"]) == 1
    assert "site-config-broken" in capsys.readouterr().out
    assert main(["config"]) == 0
    assert "strictest" in capsys.readouterr().out


def test_bom_is_accepted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_pack: PackFactory) -> None:
    """A site file saved by Notepad with a UTF-8 BOM applies in full."""
    _site(tmp_path, monkeypatch, b"\xef\xbb\xbf" + STRICT.encode())
    _user_turns_signing_off()
    config = load_config(app_paths())
    assert not config.issues and not config.site_closed
    assert config.get("packs.require_signed") is True and config.locked("packs.require_signed")
    packs = load_configured_packs([make_pack(pack_id="tampered-pack")], config=config)
    assert packs.pack("tampered-pack") is None
    assert_bundled_works(packs)


@pytest.mark.parametrize(
    "lock",
    [
        'locked = "packs.require_signed"',
        "locked = 1",
        'locked = ["packs.require_signd"]',
        'lockd = ["packs.require_signed"]',
    ],
)
def test_malformed_lock_list_locks_everything_the_site_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_pack: PackFactory, lock: str
) -> None:
    _site(
        tmp_path,
        monkeypatch,
        f'[packs]\nrequire_signed = true\n[display]\ntheme = "dark"\n[policy]\n{lock}\n'.encode(),
    )
    _user_turns_signing_off()
    config = load_config(app_paths())
    assert config.get("packs.require_signed") is True
    assert config.locked("packs.require_signed") and config.locked("display.theme")
    assert any("policy.locked" in issue.message for issue in config.issues)
    assert (
        load_configured_packs([make_pack(pack_id="tampered-pack")], config=config).pack("tampered-pack")
        is None
    )


def test_invalid_security_value_takes_its_strictest_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _site(tmp_path, monkeypatch, b'[packs]\nrequire_signed = "yes"\n')
    _user_turns_signing_off()
    config = load_config(app_paths())
    assert config.get("packs.require_signed") is True and config.locked("packs.require_signed")
    assert config.settings["packs.require_signed"].source == "site (strictest)"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_site_file_that_is_a_fifo_does_not_hang(tmp_path: Path) -> None:
    """Run in a child process with a timeout, so a regression fails instead of hanging the suite."""
    fifo = tmp_path / "site.toml"
    os.mkfifo(fifo)
    env = {
        **os.environ,
        "PROTOCOL_DESK_SITE_CONFIG": str(fifo),
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
    }
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "app", "config", "--json"],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert time.monotonic() - started < 30
    assert done.returncode == 0 and "not a plain file" in done.stdout
    assert '"packs.require_signed": {\n      "value": true' in done.stdout


def test_huge_site_file_is_refused_quickly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path, monkeypatch, b"# padding\n" * 5_000_000)  # 50 MB
    started = time.monotonic()
    config = load_config(app_paths(), site)
    assert time.monotonic() - started < 10, "refused by its size, not read: bounded, not timed"
    assert config.site_closed and config.get("packs.require_signed") is True


def test_window_says_the_site_file_is_broken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_window: WindowFactory, qtbot: QtBot
) -> None:
    _site(tmp_path, monkeypatch, BROKEN["syntax error"])
    _user_turns_signing_off()
    window = make_window()
    qtbot.waitUntil(lambda: bool(window.services.packs.packs), timeout=20000)
    assert window.status.skipped.isVisible()
    assert "site file is broken" in window.status.skipped.text()
    assert_bundled_works(window.services.packs)
