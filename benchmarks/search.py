"""Benchmark: search index build, open and query latency on synthetic packs; `search` end to end.

Targets (10,000 documents): query p95 <= 10 ms and max <= 50 ms, typos and synonyms included;
opening a cached index <= 300 ms; a cold build <= 10 s. `protocol-desk search` end to end on the
bundled pack <= 0.5 s with a warm cache.

    python benchmarks/search.py [--docs 1000 10000] [--runs 3] [--workdir DIR] [--readme]

--workdir keeps the generated packs between runs (generating 10,000 documents takes about a minute).
--readme writes the figures into the "Search" section of benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.packs.loaded import Origin, PackSet
from app.core.packs.roots import PackRoot, load_packs
from app.core.search import SearchIndex
from app.core.system.paths import bundled_content_dir
from benchmarks.relevance import Baseline
from benchmarks.synth import VOCABULARY, generate_pack

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "benchmarks" / "README.md"
COMMAND = "python benchmarks/search.py --docs 1000 10000 --runs 3 --readme"
CLI_QUERY = "bp before spravato"
LIMIT = 20
"""Hits per query, as the window asks for."""
PHRASES = (
    "blood pressure", "oxygen saturation", "pulse oximetry", "suicidal ideation", "nasal spray",
    "treatment resistant", "respiratory depression", "substance misuse", "hepatic metabolism",
    "randomised placebo", "chronic pain", "urinary cystitis",
)  # fmt: skip
QUESTIONS = (
    "how long do we monitor after {w}", "can they drive home after {w}", "what if {w} drops",
    "{w} dose per kg", "is {w} safe in pregnancy", "what to do about {w} and {v}",
    "when can the patient leave after {w}", "{w} with {v} interaction", "bp before {w}",
    "how often is {w} given",
)  # fmt: skip
SYNONYMS = (
    "bp", "BP", "spravato", "Spravato dose", "spravato nasal spray", "blood pressure", "bp after dose",
    "esketamine bp", "SPRAVATO monitoring", "bp sedation", "bp 40 minutes", "spravato REMS",
)  # fmt: skip
NOTES = (
    "What made it fit. Documents are ranked on a contentless one-row-per-document FTS5 table (and a "
    "heads-only one for the title and heading tiers), not on the 70,000 section rows, and bm25 ranks at "
    "most 500 matches per tier. The pool of candidates is re-scored per section with one seek per query "
    "group inside each document's rowid range and IDFs read from the vocabulary table, so FTS5's bm25, "
    "which re-reads whole posting lists for its IDF on every statement, runs only a few times per query. "
    "The word being typed expands to its commonest whole-word completions instead of an FTS5 prefix "
    "query, and typos are found through a symmetric-delete key table (one indexed look-up). The slowest "
    'kind, synonyms such as `bp` that expand to the phrase "blood pressure", pays for FTS5 matching a '
    "phrase of two words that occur in every synthetic document. The synthetic vocabulary (about 150 "
    "words, nearly all in nearly every document) is a worst case for a full-text index.",
    "",
    "Section-level ranking and query understanding (issue 14) re-score each candidate's sections in "
    "Python, which took the quiet p95 at 10,000 documents from 5.2 ms to 11.4 ms. Three changes brought "
    "it back under 10 ms without changing a single ranking (the relevance set scores the same): each "
    "candidate's matching sections for every query group come from one UNION ALL statement instead of "
    "one statement per group; a heading's folded words and the typed-word-against-title-word comparison "
    "are cached across candidates and queries; a long section body is cut to a few hundred characters "
    "around its rarest matched term before it is tokenised for the snippet. The packs are frozen out of "
    "the garbage collector once loaded, as the window does (app.gui.tasks.LoadWorker): without that, a "
    "collection set off during a query walks the 10,000 documents in memory and p95 reads about 11-12 ms.",
    "",
    "End to end, `search` imports only what it uses (the command modules load when their command runs) "
    "and answers from the index on disk when the document cache vouches for the packs, so most of its "
    "time is starting Python.",
)
HOSTILE = ('C++ AND "', "((( NEAR/3 OR", "*:*", "🙂 ketamine 🚑", "x" * 10_000, "NOT NOT -ketamine")


@dataclass
class Measure:
    docs: int
    load_s: float = 0.0
    builds: list[float] = field(default_factory=list)
    build_peak_mb: float = 0.0
    opens: list[float] = field(default_factory=list)
    first_query_ms: list[float] = field(default_factory=list)
    latencies: dict[str, list[float]] = field(default_factory=dict)
    anchor: list[float] = field(default_factory=list)
    """The same query mix on raw FTS5 (benchmarks/relevance.py's plain baseline), same run."""
    size_mb: float = 0.0
    query_peak_mb: float = 0.0

    def all_latencies(self) -> list[float]:
        return [ms for values in self.latencies.values() for ms in values]


def _typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word) - 1)
    edit = rng.choice(("delete", "swap", "double", "replace"))
    if edit == "delete":
        return word[:i] + word[i + 1 :]
    if edit == "swap":
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    if edit == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeiou") + word[i + 1 :]


def query_mix(seed: int = 7) -> list[tuple[str, str, dict[str, str]]]:
    """(category, query, filters): 230 queries of the kinds people type."""
    rng = random.Random(seed)
    words = sorted({w.lower() for w in VOCABULARY if w.isalpha()})
    long_words = [w for w in words if len(w) >= 6]
    mix = [("word", rng.choice(words), {}) for _ in range(40)]
    mix += [("words", " ".join(rng.sample(words, rng.choice((2, 3)))), {}) for _ in range(30)]
    mix += [("phrase", f'"{p}"' if n % 2 else p, {}) for n, p in enumerate(PHRASES * 2)]
    mix += [("prefix", rng.choice(long_words)[: rng.randint(1, 6)], {}) for _ in range(35)]
    mix += [("typo", _typo(rng, rng.choice(long_words)), {}) for _ in range(35)]
    mix += [("synonym", q, {}) for q in SYNONYMS * 2]
    mix += [
        ("question", rng.choice(QUESTIONS).format(w=rng.choice(words), v=rng.choice(words)), {})
        for _ in range(30)
    ]
    mix += [("filtered", rng.choice(words), {"kind": "protocol"}) for _ in range(5)]
    mix += [("filtered", rng.choice(long_words), {"tag": "intranasal"}) for _ in range(5)]
    mix += [("hostile", q, {}) for q in HOSTILE]
    return mix


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _pack(workdir: Path, docs: int) -> Path:
    folder = workdir / f"synth{docs}"
    marker = workdir / f"synth{docs}.complete"
    if not marker.exists():
        generate_pack(workdir, docs, seed=0, pack_id=f"synth{docs}")
        marker.write_text("generated by benchmarks/search.py\n")
    return folder


def _queries(index: SearchIndex, measure: Measure, runs: int) -> None:
    mix = query_mix()
    for _, query, filters in mix:  # warm the page cache and the vocabulary caches once
        index.search(query, **filters)  # type: ignore[arg-type]
    for _ in range(runs):
        for category, query, filters in mix:
            ms = 1000 * _timed(lambda q=query, f=filters: index.search(q, **f))  # type: ignore[misc]
            measure.latencies.setdefault(category, []).append(ms)
    tracemalloc.start()
    for _, query, filters in mix:
        index.search(query, **filters)  # type: ignore[arg-type]
    measure.query_peak_mb = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()


def _opens(packs: PackSet, db: Path, measure: Measure, runs: int) -> None:
    for _ in range(max(runs, 5)):
        started = time.perf_counter()
        index = SearchIndex.open_or_build(packs, db)
        measure.opens.append(time.perf_counter() - started)
        assert not index.built, "the cached index should have been reused"
        measure.first_query_ms.append(1000 * _timed(lambda i=index: i.search("ketamine monitoring")))
        index.close()


def measure_size(workdir: Path, docs: int, runs: int) -> Measure:
    measure = Measure(docs)
    folder = _pack(workdir, docs)
    started = time.perf_counter()
    packs = load_packs([PackRoot(folder, Origin.EXTRA)])
    measure.load_s = time.perf_counter() - started
    # As the window does once its packs are in (app.gui.tasks.LoadWorker): the packs stay in memory
    # all day, out of the collector's reach, so a collection set off during a query does not walk them.
    gc.freeze()
    assert len(packs.packs) == 1 and sum(1 for _ in packs.documents()) == docs, packs.problems[:3]
    db = workdir / f"index-{docs}.db"
    for _ in range(max(1, runs - 1)):
        measure.builds.append(_timed(lambda: SearchIndex.build(packs, db).close()))
    tracemalloc.start()
    SearchIndex.build(packs, db).close()
    measure.build_peak_mb = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    measure.size_mb = db.stat().st_size / 1e6
    _opens(packs, db, measure, runs)
    with SearchIndex.open_or_build(packs, db) as index:
        _queries(index, measure, runs)
    measure.anchor = _anchor_queries(Baseline(packs), runs)
    return measure


def _anchor_queries(baseline: Baseline, runs: int) -> list[float]:
    """Milliseconds per query of the mix on raw FTS5: one row per section, porter, bm25, words OR-ed,
    the same 20 hits a search returns; filters are not applied (the baseline has none)."""
    mix = query_mix()
    for _, query, _ in mix:
        baseline(query, LIMIT)
    return [1000 * _timed(lambda q=query: baseline(q, LIMIT)) for _ in range(runs) for _, query, _ in mix]


def _run_times(command: list[str], env: dict[str, str], runs: int) -> list[float]:
    subprocess.run(command, env=env, cwd=ROOT, capture_output=True, check=True)  # warm caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, cwd=ROOT, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return times


@dataclass
class Cli:
    end_to_end: list[float]
    imports: list[float]
    load_ms: float
    search_ms: float


def cli_end_to_end(runs: int) -> Cli:
    """`protocol-desk search` on the bundled pack with a warm cache, as a shell runs it; and its parts."""
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "PROTOCOL_DESK_HOME": home}
        search = _run_times([sys.executable, "-m", "app", "search", CLI_QUERY, "--limit", "5"], env, runs)
        imports = _run_times([sys.executable, "-c", "import app.cli.main"], env, runs)
        started = time.perf_counter()
        packs = load_packs([PackRoot(bundled_content_dir(), Origin.BUNDLED)])
        loaded = time.perf_counter()
        with SearchIndex.open_or_build(packs, Path(home) / "cache" / "search-index.db") as index:
            opened = time.perf_counter()
            index.search(CLI_QUERY, limit=5)
            searched = time.perf_counter()
    return Cli(search, imports, 1000 * (loaded - started), 1000 * (searched - opened))


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def rows(measures: list[Measure]) -> list[str]:
    lines = [
        "| documents | load packs | cold build (median) | index size | build peak traced "
        "| warm open (median) | first query | p50 | p95 | max | queries timed "
        "| raw FTS5 p50 | raw FTS5 p95 | raw FTS5 max |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for m in measures:
        values, raw = m.all_latencies(), m.anchor
        lines.append(
            f"| {m.docs:,} | {m.load_s:.1f} s | {statistics.median(m.builds):.2f} s | {m.size_mb:.0f} MB "
            f"| {m.build_peak_mb:.0f} MB | {1000 * statistics.median(m.opens):.1f} ms "
            f"| {statistics.median(m.first_query_ms):.1f} ms | {_percentile(values, 0.5):.2f} ms "
            f"| {_percentile(values, 0.95):.2f} ms | {max(values):.1f} ms | {len(values)} "
            f"| {_percentile(raw, 0.5):.2f} ms | {_percentile(raw, 0.95):.2f} ms | {max(raw):.1f} ms |"
        )
    return lines


def category_rows(measure: Measure) -> list[str]:
    lines = ["| category | queries | p50 | p95 | max |", "|---|---|---|---|---|"]
    for category, values in measure.latencies.items():
        lines.append(
            f"| {category} | {len(values)} | {_percentile(values, 0.5):.2f} ms "
            f"| {_percentile(values, 0.95):.2f} ms | {max(values):.1f} ms |"
        )
    return lines


def report(measures: list[Measure], cli: Cli) -> list[str]:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [*rows(measures), "", f"Query latency by kind of query, {measures[-1].docs:,} documents:", ""]
    lines += [*category_rows(measures[-1]), ""]
    times = cli.end_to_end
    lines.append(
        f'`protocol-desk search "{CLI_QUERY}"` end to end on the bundled pack, warm cache: median '
        f"{statistics.median(times):.2f} s, best {min(times):.2f} s, worst {max(times):.2f} s "
        f"({len(times)} runs). Of that, starting Python and importing the command line with every "
        f"command module (`python -c 'import app.cli.main'`) takes {statistics.median(cli.imports):.2f} s, "
        f"loading the bundled pack {cli.load_ms:.0f} ms and the search itself {cli.search_ms:.1f} ms."
    )
    lines.append(
        f"Peak resident memory of the benchmark process (packs loaded in memory included): {rss:.0f} MB; "
        f"peak traced Python memory over one pass of the query mix: {measures[-1].query_peak_mb:.1f} MB."
    )
    return lines


def write_readme(lines: list[str]) -> None:
    machine = f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"
    section = [
        "## Search",
        "",
        "Targets (10,000 documents): query p95 <= 10 ms and max <= 50 ms, typos and synonyms included; "
        "opening a cached index <= 300 ms; a cold build <= 10 s; `protocol-desk search` end to end on the "
        "bundled pack <= 0.5 s.",
        "",
        "```",
        f".venv/bin/{COMMAND}",
        "```",
        "",
        f"Measured {date.today().isoformat()} on {machine}. The query mix (230 queries, each timed once per "
        "run after one warm-up pass) has single words, two and three words, phrases, prefixes as typed "
        "(1-6 letters), one-edit typos, synonyms and abbreviations, questions as people ask them, filtered "
        "searches and hostile input. Cold build excludes loading the packs (shown apart). The anchor, "
        "raw FTS5, is the same mix timed in the same run on the plain baseline of "
        "benchmarks/relevance.py (one FTS5 row per section of the same pack, porter tokenizer, bm25, the "
        "words OR-ed, 20 hits, no filters): on a loaded machine compare the ratio, not the milliseconds.",
        "",
        *lines,
        "",
        *NOTES,
        "",
    ]
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    start = text.find("\n## Search\n")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + "\n".join(section)
    else:
        end = text.find("\n## ", start + 1)
        rest = text[end:] if end != -1 else "\n"
        text = text[: start + 1] + "\n".join(section) + rest
    README.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path, help="keep generated packs and indexes here")
    parser.add_argument("--readme", action="store_true", help="write the figures into benchmarks/README.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        measures = [measure_size(workdir, docs, args.runs) for docs in args.docs]
    cli = cli_end_to_end(7)
    lines = report(measures, cli)
    print("\n".join(lines))
    if args.readme:
        write_readme(lines)


if __name__ == "__main__":
    main()
