"""Benchmark: load and validate a synthetic pack of N documents (target: 2,000 in under 2 s).

python benchmarks/load.py [--docs 2000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.packs.loaded import Pack
from app.core.packs.loader import load_pack
from benchmarks.synth import generate_pack


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = generate_pack(Path(tmp), args.docs)
        size = sum(f.stat().st_size for f in folder.rglob("*.yaml"))
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            loaded = load_pack(folder)
            times.append(time.perf_counter() - started)
            assert isinstance(loaded, Pack) and len(loaded.documents) == args.docs
        tracemalloc.start()
        load_pack(folder)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    print(f"documents: {args.docs}, YAML on disk: {size / 1e6:.1f} MB, runs: {args.runs}")
    median, best, worst = statistics.median(times), min(times), max(times)
    print(f"load+validate: median {median:.2f} s, best {best:.2f} s, worst {worst:.2f} s")
    print(f"peak traced memory: {peak / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
