"""A real print system: CUPS with a cups-pdf queue, so a printed job comes back as a PDF to check.

`.ci/run` sets it up with tests/print/setup-cups.sh; under CI=true a missing queue is set up here or
the tests fail. Elsewhere they are skipped, with the reason, when no queue is there.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
QUEUE = os.environ.get("PROTOCOL_DESK_TEST_PRINTER", "ProtocolDeskPDF")
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")


def _queue_ready() -> bool:
    if shutil.which("lpstat") is None:
        return False
    return subprocess.run(["lpstat", "-p", QUEUE], capture_output=True, check=False).returncode == 0


def _output_folders() -> list[Path]:
    """Where cups-pdf may write: its configured Out and AnonDirName (with ${HOME}/${USER} for any
    user), then the Debian defaults for root and anonymous jobs."""
    folders: list[Path] = []
    users = {os.environ.get("USER", ""), "root", "nobody"}
    homes = {str(Path.home()), "/root"}
    if CUPS_PDF_CONF.is_file():
        for line in CUPS_PDF_CONF.read_text(encoding="utf-8", errors="replace").splitlines():
            key, _, value = line.strip().partition(" ")
            if key in ("Out", "AnonDirName") and value.strip():
                for user in users:
                    for home in homes:
                        text = value.strip().replace("${USER}", user).replace("${HOME}", home)
                        folders.append(Path(text))
    folders += [Path("/root/PDF"), Path.home() / "PDF", Path("/var/spool/cups-pdf/ANONYMOUS")]
    return list(dict.fromkeys(folders))


@dataclass
class PrintedJobs:
    """New PDFs cups-pdf writes after `mark()`."""

    queue_name: str
    folders: list[Path]
    seen: set[Path] = field(default_factory=set)

    def _all(self) -> set[Path]:
        return {pdf for folder in self.folders if folder.is_dir() for pdf in folder.glob("*.pdf")}

    def mark(self) -> None:
        self.seen = self._all()

    def wait_for_one(self, timeout: float = 60.0) -> Path:
        """The single new PDF, once the queue is idle and its size has settled."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            new = sorted(self._all() - self.seen, key=lambda p: p.stat().st_mtime)
            if new and _complete(new[-1]):
                self.seen |= set(new)
                return new[-1]
            time.sleep(0.2)
        jobs = subprocess.run(
            ["lpstat", "-W", "all", "-o", QUEUE], capture_output=True, text=True, check=False
        )
        raise AssertionError(f"no PDF arrived from {QUEUE} in {timeout:.0f} s; jobs: {jobs.stdout.strip()}")


def _complete(path: Path) -> bool:
    """Written to the end (a PDF closes with %%EOF) and no longer growing."""
    size = path.stat().st_size
    time.sleep(0.3)
    with path.open("rb") as file:
        file.seek(max(0, size - 64))
        tail = file.read()
    return b"%%EOF" in tail and path.stat().st_size == size


@pytest.fixture(scope="session")
def cups_queue() -> str:
    """The cups-pdf queue's name, set up when CI asks for it."""
    if not _queue_ready() and os.environ.get("CI") == "true":
        subprocess.run(["bash", str(HERE / "setup-cups.sh")], check=True)
    if not _queue_ready():
        pytest.skip(f"no CUPS queue {QUEUE!r}: run tests/print/setup-cups.sh (as root) to print for real")
    return QUEUE


@pytest.fixture
def printed(cups_queue: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrintedJobs]:
    """New jobs' PDFs; one test prints at a time (test workers share the queue and its folder)."""
    lock_file = tmp_path_factory.getbasetemp().parent / "cups-print.lock"
    with lock_file.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        jobs = PrintedJobs(cups_queue, _output_folders())
        jobs.mark()
        yield jobs


from tests.gui.conftest import make_window  # noqa: E402,F401  (the real main window, shared with tests/gui)
