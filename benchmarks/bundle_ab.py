"""Benchmark: the trimmed Linux bundle against the same bundle with the trimming undone, in one run.

python benchmarks/bundle_ab.py [--folder dist/protocol-desk] [--runs 7]

Issue 19 made the Linux onedir smaller: one executable (protocol-desk-gui is a link), ICU data
trimmed, CUPS and the libraries only it needs left to the system. This copies the built folder and
undoes those three changes in the copy (the original libicudata from PySide6, the dropped libraries
from the system, a second executable), then times the launch of both, alternating them so that the
machine's load falls on both alike (benchmarks/startup.py's measure: first frame of the main window
with its search field). It prints the sizes on disk and the launch medians.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from startup import launch_seconds

ROOT = Path(__file__).resolve().parents[1]
DROPPED = ROOT / "build" / "dropped-libraries.json"


def _du(folder: Path) -> int:
    return int(
        subprocess.run(["du", "-sb", str(folder)], capture_output=True, text=True, check=True).stdout.split()[
            0
        ]
    )


def untrimmed_copy(folder: Path, target: Path) -> Path:
    """`folder` as it would be without issue 19's trimming."""
    shutil.copytree(folder, target, symlinks=True)
    import PySide6

    icu = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    shutil.copy2(icu, target / "_internal" / "PySide6" / "Qt" / "lib" / icu.name)
    for source in json.loads(DROPPED.read_text(encoding="utf-8")):
        shutil.copy2(source, target / "_internal" / Path(source).name)
    gui = target / "protocol-desk-gui"
    gui.unlink()
    shutil.copy2(target / "protocol-desk", gui)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT / "dist" / "protocol-desk")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        before = untrimmed_copy(args.folder, Path(tmp) / "untrimmed" / "protocol-desk")
        builds = {"untrimmed (as before)": before, "trimmed (now)": args.folder}
        times: dict[str, list[float]] = {name: [] for name in builds}
        homes = {name: Path(tmp) / f"home-{index}" for index, name in enumerate(builds)}
        for name, folder in builds.items():  # first launch builds the search index; not counted
            launch_seconds([str(folder / "protocol-desk-gui")], homes[name])
        for _ in range(args.runs):
            for name, folder in builds.items():
                times[name].append(launch_seconds([str(folder / "protocol-desk-gui")], homes[name]))
        for name, folder in builds.items():
            median = statistics.median(times[name])
            print(f"{name}: {_du(folder) / 2**20:.0f} MB on disk, launch median {median:.2f} s", end="")
            print(f" (best {min(times[name]):.2f}, worst {max(times[name]):.2f}, {args.runs} runs)")


if __name__ == "__main__":
    main()
