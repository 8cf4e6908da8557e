"""Command-line start-up: `protocol-desk search`, `show` and `list` end to end on the bundled pack,
warm caches (search index and validated documents), each beside a bare `python -c pass` (the
anchor), runs alternated, medians.

    .venv/bin/python benchmarks/cli.py [--runs 11]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COMMANDS = {
    "search": ["search", "bp", "before", "spravato"],
    "show": ["show", "esketamine-trd"],
    "list": ["list"],
}


def _seconds(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=REPO, capture_output=True, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    env = {**os.environ, "PROTOCOL_DESK_HOME": tempfile.mkdtemp(prefix="pd-cli-")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # warm means bytecode cached, as in an installed app
    bare = [sys.executable, "-c", "pass"]
    app = {name: [sys.executable, "-m", "app", *argv] for name, argv in COMMANDS.items()}
    for command in app.values():
        _seconds(command, env)  # warm: index and document cache built once
    times: dict[str, list[float]] = {name: [] for name in ["bare", *app]}
    for _ in range(args.runs):
        for name, command in [("bare", bare), *app.items()]:
            times[name].append(_seconds(command, env))
    anchor = statistics.median(times["bare"])
    print(f"median of {args.runs} alternated runs; bare `python -c pass`: {anchor * 1000:.0f} ms")
    for name in app:
        median = statistics.median(times[name])
        print(f"  protocol-desk {' '.join(COMMANDS[name])}: {median * 1000:.0f} ms ({median / anchor:.1f}x)")


if __name__ == "__main__":
    main()
