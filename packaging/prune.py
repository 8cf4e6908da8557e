"""Shrinking the Linux bundle after PyInstaller's analysis (called from build.spec).

- Qt's ICU data is replaced with a trimmed copy (packaging/icu_trim.py).
- The system's CUPS client library is used instead of a bundled copy: Qt's print plugin loads
  libcups, and libcups alone pulls GnuTLS, libunistring, Kerberos, Avahi, p11-kit and more into the
  bundle (about 9 MB). Every desktop that prints has libcups2 installed, and it must match the
  system's CUPS set-up anyway; the Debian package depends on it. Without it the print dialog still
  opens and prints to PDF, and PDF export does not use the plugin at all.

Only libraries that nothing else bundled needs are dropped: the NEEDED entries of every bundled
binary are followed from the Python extensions, Qt libraries and plugins, skipping libcups.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

SYSTEM_PROVIDED = {"libcups.so.2"}
NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[(.+?)\]")


def needed(path: str) -> list[str]:
    result = subprocess.run(["readelf", "-dW", path], capture_output=True, text=True, check=False)
    return NEEDED.findall(result.stdout)


def _is_root(dest: str) -> bool:
    """Binaries the app loads itself (extensions, Qt, Python), as opposed to their dependencies."""
    return "/" in dest.replace("\\", "/") or dest.startswith("libpython")


def _closure(start: Iterable[str], by_name: dict[str, str], stop: set[str]) -> set[str]:
    """Bundled libraries reachable from `start` through NEEDED entries, not entering `stop`."""
    reached: set[str] = set()
    pending = list(start)
    while pending:
        name = pending.pop()
        if name in reached or name in stop or name not in by_name:
            continue
        reached.add(name)
        pending += needed(by_name[name])
    return reached


def without_system_provided(
    binaries: Iterable[tuple[str, str, str]],
) -> tuple[list[tuple[str, str, str]], list[str]]:
    """The binaries minus SYSTEM_PROVIDED and whatever only they needed; also the names dropped."""
    entries = list(binaries)
    by_name = {Path(dest).name: src for dest, src, _ in entries}
    roots = [Path(dest).name for dest, _, _ in entries if _is_root(dest)]
    still_needed = _closure(roots, by_name, stop=SYSTEM_PROVIDED)
    theirs = _closure(SYSTEM_PROVIDED, by_name, stop=set())
    dropped = sorted(theirs - still_needed)
    return [entry for entry in entries if Path(entry[0]).name not in dropped], dropped


def with_trimmed_icu(binaries: Iterable[tuple[str, str, str]], work: Path) -> list[tuple[str, str, str]]:
    """Point the libicudata entry at a trimmed rebuild (made once per build in `work`)."""
    from icu_trim import trim  # packaging/ is on sys.path in build.spec

    return [
        (dest, str(trim(Path(src), work)) if Path(dest).name.startswith("libicudata.so") else src, kind)
        for dest, src, kind in binaries
    ]


RUNPATH = re.compile(r"\((?:RUNPATH|RPATH)\)\s+Library r(?:un)?path: \[(.*?)\]")


def drop_build_machine_runpaths(folder: Path) -> list[str]:
    """Remove library search paths that point at the build machine (a pyenv Python carries its own).

    They are useless on another machine and would make the app look for libraries in a folder
    someone else could create there; only `$ORIGIN`-relative entries (inside the bundle) are kept.
    """
    import shutil

    if shutil.which("patchelf") is None:
        raise SystemExit("build: patchelf not found; install it (Debian: apt-get install patchelf)")
    changed = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        with path.open("rb") as handle:
            if handle.read(4) != b"\x7fELF":
                continue
        found = RUNPATH.search(
            subprocess.run(["readelf", "-dW", str(path)], capture_output=True, text=True, check=False).stdout
        )
        if not found:
            continue
        entries = found.group(1).split(":")
        kept = [entry for entry in entries if entry.startswith("$ORIGIN")]
        if kept == entries:
            continue
        command = ["patchelf", "--set-rpath", ":".join(kept)] if kept else ["patchelf", "--remove-rpath"]
        subprocess.run([*command, str(path)], check=True)
        changed.append(str(path.relative_to(folder)))
    return changed
