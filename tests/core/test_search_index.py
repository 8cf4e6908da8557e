"""The search index: building, caching, recovery, and what a search finds."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.core.packs.loaded import PackSet
from app.core.search import SearchIndex
from tests.search.support import SYNONYMS, clinic_documents, load, protocol, write_pack


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> PackSet:
    return load(write_pack(tmp_path_factory.mktemp("packs"), "clinic", clinic_documents(), **SYNONYMS))


@pytest.fixture(scope="module")
def index(packs: PackSet, tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    return SearchIndex.open_or_build(packs, tmp_path_factory.mktemp("cache") / "index.db")


def targets(index: SearchIndex, query: str, **filters: str) -> list[str]:
    return [hit.target for hit in index.search(query, **filters).hits]  # type: ignore[arg-type]


def test_hit_opens_at_the_matching_section(index: SearchIndex) -> None:
    """A word in one section's body gives a hit at that section."""
    assert targets(index, "restful sleep")[0] == "driving-protocol#driving"


def test_abbreviation_finds_the_long_form(index: SearchIndex) -> None:
    """`bp` finds "blood pressure" and says it searched for it."""
    results = index.search("bp")
    assert "nasal-protocol#monitoring" in [h.target for h in results.hits]
    assert "blood pressure" in results.expanded_terms


def test_multi_word_synonym_is_a_phrase(index: SearchIndex) -> None:
    """ "blood pressure" also finds a section that only says BP."""
    assert "infusion-protocol#dosing-notes" in targets(index, "blood pressure")


def test_brand_name_finds_the_generic(index: SearchIndex) -> None:
    """SPRAVATO, never written in the content, finds esketamine through the pack's synonyms."""
    assert targets(index, "SPRAVATO")[0].startswith("nasal-protocol")


def test_misspelt_word_is_corrected_with_a_suggestion(index: SearchIndex) -> None:
    """ "dissocation" finds dissociation and suggests the spelling."""
    results = index.search("dissocation peaks")
    assert results.hits[0].target == "nasal-protocol#dissociation"
    assert results.suggestion == "dissociation peaks"


def test_misspelt_synonym_is_corrected(index: SearchIndex) -> None:
    """ "spravto" is corrected against the synonym list when the content never uses the word."""
    results = index.search("spravto ")
    assert results.suggestion == "spravato"
    assert results.hits and results.hits[0].doc_id == "nasal-protocol"


def test_last_word_is_a_prefix_while_typing(index: SearchIndex) -> None:
    """ "dissoc" finds dissociation; with a space after it, it is a whole (unknown) word."""
    assert "nasal-protocol#dissociation" in targets(index, "dissoc")
    assert index.search("dissoc ").suggestion is None


def test_other_word_forms_match(index: SearchIndex) -> None:
    """ "monitor" finds "Monitoring" and "drives" finds "drive"."""
    assert targets(index, "monitor")[0] == "nasal-protocol#monitoring"
    assert targets(index, "drives ")[0] == "driving-protocol#driving"


def test_question_words_are_ignored(index: SearchIndex) -> None:
    """Function words of a question do not have to appear in the answer."""
    assert targets(index, "can I drive after it?")[0] == "driving-protocol#driving"


def test_filters(index: SearchIndex) -> None:
    """Kind, pack and tag filters keep only matching documents."""
    assert {h.kind for h in index.search("blood pressure", kind="checklist").hits} == {"checklist"}
    assert {h.doc_id for h in index.search("dose", tag="intravenous").hits} == {"infusion-protocol"}
    assert index.search("dose", pack="clinic").hits
    assert not index.search("dose", pack="elsewhere").hits


def test_highlights_are_escaped(index: SearchIndex) -> None:
    """Markup in content comes back as text; only the highlight is markup."""
    hit = index.search("script bold").hits[0]
    assert hit.target == "infusion-protocol#escaping"
    assert "<script>" not in hit.snippet_html and "&lt;" in hit.snippet_html
    assert "<b>script</b>" in hit.snippet_html and "<b>bold</b>" in hit.snippet_html
    assert "<script>alert(1)</script>" in hit.snippet_text


def test_markdown_markers_are_not_in_snippets(index: SearchIndex) -> None:
    """**bold** in the body reads as plain words in the snippet."""
    assert "**" not in index.search("blood pressure 40 minutes").hits[0].snippet_text


def test_hits_are_grouped_by_document(index: SearchIndex) -> None:
    """A document's hits are next to each other, in score order."""
    results = index.search("blood pressure dose", limit=50)
    docs = [h.doc_id for h in results.hits]
    assert docs == sorted(docs, key=docs.index)
    assert [h.score for h in results.hits] == sorted((h.score for h in results.hits), reverse=True)
    assert all(0 < h.score <= 1 for h in results.hits)


def test_limit_and_empty_queries(index: SearchIndex) -> None:
    """The limit caps the hits; blank, zero and negative limits give nothing."""
    assert len(index.search("the dose blood pressure", limit=2).hits) <= 2
    assert not index.search("   ").hits
    assert not index.search("dose", limit=0).hits


def test_reuses_cache_and_rebuilds_after_a_pack_change(tmp_path: Path) -> None:
    """A second open reuses the file; a changed pack rebuilds it with the new text."""
    folder = write_pack(tmp_path, "p", [protocol("doc", "First", {"s": ("S", "Alpha words.")})])
    path = tmp_path / "cache" / "index.db"
    assert SearchIndex.open_or_build(load(folder), path).built
    again = SearchIndex.open_or_build(load(folder), path)
    assert not again.built and again.search("alpha").hits
    write_pack(tmp_path, "p", [protocol("doc", "First", {"s": ("S", "Omega words.")})])
    changed = SearchIndex.open_or_build(load(folder), path)
    assert changed.built and changed.rebuild_reason == "packs changed since the index was built"
    assert changed.search("omega").hits and not changed.search("alpha ").hits


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"\x00garbage\xff" * 1000),
        lambda path: path.write_bytes(path.read_bytes()[: path.stat().st_size // 2]),
        lambda path: path.write_bytes(b""),
        lambda path: (
            path.unlink(),
            sqlite3.connect(path).execute("CREATE TABLE other(x)").connection.commit(),
        ),
    ],
    ids=["garbage", "truncated", "empty", "foreign-sqlite"],
)
def test_damaged_cache_is_rebuilt(packs: PackSet, tmp_path: Path, damage: object) -> None:
    """Garbage, a truncated copy, an empty file or another app's database: rebuilt, then searchable."""
    path = tmp_path / "index.db"
    SearchIndex.open_or_build(packs, path).close()
    damage(path)  # type: ignore[operator]
    index = SearchIndex.open_or_build(packs, path)
    assert index.built and index.rebuild_reason
    assert index.search("dissociation").hits


def test_damage_while_open_is_reported_not_raised(packs: PackSet, tmp_path: Path) -> None:
    """If the file is ruined under a running index, search reports a problem instead of raising."""
    path = tmp_path / "index.db"
    SearchIndex.open_or_build(packs, path).close()
    path.write_bytes(b"not a database" * 100)
    results = SearchIndex(path, "key").search("dose")
    assert results.problem and not results.hits


def test_progress_is_reported(packs: PackSet, tmp_path: Path) -> None:
    """Building reports (done, total, label) up to done == total."""
    calls: list[tuple[int, int, str]] = []
    SearchIndex.build(packs, tmp_path / "index.db", lambda *args: calls.append(args)).close()
    assert calls and calls[-1][0] == calls[-1][1]
    assert all(done <= total for done, total, _ in calls)


def test_build_falls_back_to_a_temporary_file(packs: PackSet, tmp_path: Path) -> None:
    """A cache folder that cannot be written (here: a file in its place) still gives a working index."""
    (tmp_path / "blocked").write_text("a file, not a folder")
    index = SearchIndex.open_or_build(packs, tmp_path / "blocked" / "index.db")
    assert index.search("dose").hits
    fallback = index.path
    index.close()
    assert not fallback.exists()


def test_built_in_a_worker_and_searched_from_other_threads(packs: PackSet, tmp_path: Path) -> None:
    """The GUI's pattern: build in a worker thread, then search from several threads at once."""
    built: list[SearchIndex] = []
    worker = threading.Thread(target=lambda: built.append(SearchIndex.build(packs, tmp_path / "i.db")))
    worker.start()
    worker.join()
    index = built[0]
    found: list[int] = []
    threads = [
        threading.Thread(target=lambda: found.append(len(index.search("dose").hits))) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 4 and all(found)
    assert index.search("dose").hits
    index.close()


def test_no_packs_gives_an_empty_index(tmp_path: Path) -> None:
    """With nothing loaded the index builds, and every search is simply empty."""
    index = SearchIndex.open_or_build(PackSet(), tmp_path / "index.db")
    assert index.document_count == 0
    assert not index.search("dose").hits and index.search("dose").problem is None


def test_progress_callback_can_cancel_a_build(packs: PackSet, tmp_path: Path) -> None:
    """An exception from progress() stops the build and leaves no file behind."""

    def cancel(done: int, total: int, label: str) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        SearchIndex.build(packs, tmp_path / "index.db", cancel)
    assert list(tmp_path.iterdir()) == []


def _leftover(folder: Path, pid: int, days_old: float) -> Path:
    leftover = folder / f"index.db.{pid}-0123abcd.tmp"
    leftover.write_bytes(b"half a build")
    moment = time.time() - days_old * 86400
    os.utime(leftover, (moment, moment))
    return leftover


def test_only_leftovers_of_ended_builds_are_removed(packs: PackSet, tmp_path: Path) -> None:
    """A build removes day-old temporaries of processes that ended; a day-old one whose process still
    runs (a clock moved forward, a build paused overnight) and a fresh one are left alone."""
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()  # reaped: its number names no process now
    crashed = _leftover(tmp_path, ended.pid, days_old=3)
    running = _leftover(tmp_path, os.getpid(), days_old=3)
    fresh = _leftover(tmp_path, ended.pid, days_old=0).rename(tmp_path / f"index.db.{ended.pid}-fedc4321.tmp")
    SearchIndex.open_or_build(packs, tmp_path / "index.db")
    assert not crashed.exists()
    assert running.exists() and fresh.exists()


def test_another_form_of_a_synonym_is_no_typo(tmp_path: Path) -> None:
    """A plural of a word the pack lists only as a synonym ("teenagers" for its "teenager") is found
    without a "did you mean": it is the same word, not a slip, and counts in full."""
    documents = [
        protocol("young", "Young people", {"adolescents": ("Adolescents", "Not approved under 18 years.")}),
        protocol("older", "Older adults", {"older-adults": ("Older adults", "Start low over 65 years.")}),
    ]
    packs = load(write_pack(tmp_path, "ages", documents, synonyms=[{"terms": ["adolescent", "teenager"]}]))
    with SearchIndex.build(packs, tmp_path / "index.db") as index:
        results = index.search("teenagers under 18")
        assert results.suggestion is None
        assert results.hits[0].target == "young#adolescents"
        assert index.search("teenagrs under 18").suggestion == "teenager under 18"  # a slip still is
