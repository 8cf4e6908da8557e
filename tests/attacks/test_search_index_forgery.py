"""Failure 7: the search cache is not trusted.

Rows edited in search-index.db (a forged title and dose in a section) must never be shown: with
signing required the index is rebuilt at start; in any mode it records the packs it was built from
and is rebuilt when they change.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.core.packs.loaded import Origin, PackSet
from app.core.packs.roots import PackRoot, load_packs
from app.core.search import SearchIndex
from app.core.system.paths import bundled_content_dir

FORGED = "Forged dose 900 mg"


def _packs(signed_only: bool) -> PackSet:
    packs = load_packs([PackRoot(bundled_content_dir(), Origin.BUNDLED)])
    packs.signed_only = signed_only
    return packs


def _forge(path: Path) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("UPDATE docs SET title = ?", (FORGED,))
    connection.execute("UPDATE sections SET body = ? || body", (FORGED + " ",))
    connection.close()


def _shown(index: SearchIndex) -> str:
    results = index.search("ketamine dose", limit=50)
    return " ".join(f"{hit.title} {hit.snippet_text}" for hit in results.hits)


def test_forged_rows_are_not_shown_when_signing_is_required(tmp_path: Path) -> None:
    path = tmp_path / "search-index.db"
    SearchIndex.build(_packs(signed_only=False), path).close()
    _forge(path)
    with SearchIndex.open_or_build(_packs(signed_only=True), path) as index:
        assert index.built and index.rebuild_reason is not None
        shown = _shown(index)
    assert shown and "Forged" not in shown
    connection = sqlite3.connect(path)
    assert not connection.execute("SELECT count(*) FROM docs WHERE title = ?", (FORGED,)).fetchone()[0]
    connection.close()


def test_index_records_the_packs_it_was_built_from(tmp_path: Path) -> None:
    path = tmp_path / "search-index.db"
    packs = _packs(signed_only=False)
    SearchIndex.build(packs, path).close()
    connection = sqlite3.connect(path)
    recorded = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    connection.close()
    assert recorded["packs"] == packs.content_hash
    changed = _packs(signed_only=False)
    changed.packs[0].content_hash = "0" * 64  # a pack changed on disk since the index was built
    with SearchIndex.open_or_build(changed, path) as index:
        assert index.built
