"""Test configuration for every test: headless Qt, private user folders, no network.

The network guard is global on purpose: the app must never open a connection, so any test
that makes one fails, not only the test written to prove it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("PROTOCOL_DESK_PACKS", None)

REPO = Path(__file__).resolve().parents[1]
CONTENT_CHECKED_ON = date(2026, 12, 1)
"""The day the bundled content's review dates were last checked by these tests. Fixed, so the suite
never starts failing on its own when a review falls due; `protocol-desk validate --strict` checks the
content against today's date, and that is the freshness check to run before a release."""
DATA = Path(__file__).resolve().parent / "data"


def pytest_configure(config: pytest.Config) -> None:
    """`make pytest-future` names a moment two years ahead; a run whose calendar did not move there
    would prove nothing, so it stops (in the controller and in each worker)."""
    moment = os.environ.get("TEST_CALENDAR_AT")
    if not moment:
        return
    child = subprocess.run(
        [sys.executable, "-c", "import datetime; print(datetime.date.today())"],
        capture_output=True,
        text=True,
        cwd=Path.home(),
        check=False,
    )  # a child process started elsewhere, as the command-line tests start theirs
    days = {"this process": str(date.today()), "a child process": child.stdout.strip() or child.stderr[-300:]}
    for where, today in days.items():
        if today < moment[:10]:
            raise pytest.UsageError(
                f"TEST_CALENDAR_AT={moment} but today in {where} is {today}: "
                "tests/future_clock must be on PYTHONPATH (as an absolute path) and time-machine installed"
            )


class NetworkBlocked(RuntimeError):
    """Raised when code under test tries to open a network connection."""


def _refuse(*args: object, **kwargs: object) -> None:
    raise NetworkBlocked(f"network access attempted: {args!r}")


_LOCAL_FAMILIES = {getattr(socket, "AF_UNIX", None)}


def _guarded_connect(original):  # type: ignore[no-untyped-def]
    def connect(self: socket.socket, address: object) -> object:
        if self.family in _LOCAL_FAMILIES:
            return original(self, address)
        raise NetworkBlocked(f"network access attempted: {address!r}")

    return connect


@pytest.fixture(scope="session", autouse=True)
def one_qapplication(qapp: object) -> object:
    """A QApplication for the whole session, created first: if export code created a bare
    QGuiApplication, a widget made later in the same process would abort."""
    return qapp


@pytest.fixture(autouse=True)
def block_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect(socket.socket.connect))
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect(socket.socket.connect_ex))
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point every user folder at a fresh temporary one so a test never touches a real profile."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PROTOCOL_DESK_HOME", str(home))
    monkeypatch.setenv("PROTOCOL_DESK_SITE_CONFIG", str(home / "no-site.toml"))
    monkeypatch.delenv("PROTOCOL_DESK_PACKS", raising=False)
    yield home


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def repo_root() -> Path:
    return REPO


def copy_pack_for_author(source: Path, target: Path) -> Path:
    """Copy a pack out of the repository the way an author would have it: the schema written beside
    it and every file's schema line pointing there (a repository-relative line would point nowhere)."""
    import shutil

    from app.core.packs.scaffold import write_schema

    shutil.copytree(source, target)
    write_schema(target)
    for path in target.rglob("*.yaml"):
        first, rest = path.read_text().split("\n", 1)
        schema = "pack.schema.json" if path.parent == target else "../pack.schema.json"
        path.write_text(f"{first.split('=', 1)[0]}={schema}\n{rest}")
    return target
