"""Benchmark: load and validate a synthetic pack of N documents, first with nothing cached and then
again with the validated-document cache of the first load, beside a bare CSafeLoader parse of the
same files (the anchor), runs alternated; each load in a fresh process, as at a launch.

python benchmarks/load.py [--docs 2000 10000] [--runs 5] [--pack DIR]

--pack reuses a synthetic pack made by `benchmarks/synth.py DIR --docs N` (making 10,000 documents
takes longer than loading them).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.synth import generate_pack  # noqa: E402 - after the path is set

CHILD_LOAD = """
import sys, time
from pathlib import Path
started = time.perf_counter()
from app.core.packs.cache import DocumentCache
from app.core.packs.loaded import Origin
from app.core.packs.roots import PackRoot, load_packs
packs = load_packs([PackRoot(Path(sys.argv[1]), Origin.EXTRA)], cache=DocumentCache(Path(sys.argv[2])))
assert packs.packs and not packs.failed, packs.problems[:3]
print(time.perf_counter() - started, len(packs.packs[0].documents))
"""

CHILD_BARE = """
import sys, time
from pathlib import Path
started = time.perf_counter()
import yaml
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
print(time.perf_counter() - started, 0)
"""


def _child(code: str, *args: str) -> float:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=REPO, check=True, env=env
    )
    return float(done.stdout.split()[0])


def measure(docs: int, runs: int, given: Path | None = None) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="pd-load-") as tmp:
        folder = given or generate_pack(Path(tmp) / "pack", docs)
        docs = sum(1 for f in folder.rglob("*.yaml") if f.name != "pack.yaml")
        cache = Path(tmp) / "cache"
        size = sum(f.stat().st_size for f in folder.rglob("*.yaml"))
        first, second, bare = [], [], []
        for _ in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            bare.append(_child(CHILD_BARE, str(folder)))
            first.append(_child(CHILD_LOAD, str(folder), str(cache)))
            second.append(_child(CHILD_LOAD, str(folder), str(cache)))
        cached = sum(f.stat().st_size for f in cache.iterdir())
    result = {
        "docs": docs,
        "yaml_mb": size / 1e6,
        "cache_mb": cached / 1e6,
        "bare": statistics.median(bare),
        "first": statistics.median(first),
        "second": statistics.median(second),
    }
    result["first_ratio"] = result["first"] / result["bare"]
    result["second_ratio"] = result["second"] / result["first"]
    print(
        f"{docs} documents ({result['yaml_mb']:.1f} MB of YAML, cache {result['cache_mb']:.0f} MB), "
        f"median of {runs}: bare CSafeLoader parse {result['bare']:.2f} s; "
        f"first load {result['first']:.2f} s "
        f"({result['first_ratio']:.2f}x the parse); second load {result['second']:.2f} s "
        f"({result['second_ratio']:.2f}x the first)"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[2000, 10_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--pack", type=Path, help="an existing synthetic pack folder to load")
    args = parser.parse_args()
    if args.pack:
        figures = [measure(0, args.runs, args.pack)]
    else:
        figures = [measure(docs, args.runs) for docs in args.docs]
    if args.json:
        print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
