"""The search index: open the cached database or build it, then answer queries.

Threading contract. A SearchIndex may be shared between threads: every thread that searches gets
its own read-only SQLite connection, opened on first use, so no connection is ever used by two
threads. Connections are keyed by the thread's id, not kept in `threading.local`: a thread Python
did not start (a QThread) gets a fresh thread state, and so an empty `threading.local`, each time
it calls into Python, which opened and leaked one connection per search.

Building writes a new file and renames it over the old one, so a worker thread can build
(`open_or_build`, `build`) while the UI thread keeps searching an older SearchIndex (readers keep
the file they opened); swap the objects when the build finishes, then `close()` the old one.
`close()` closes the connections of every thread: call it when no search is running.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from app.core.packs.loaded import PackSet
from app.core.search import schema
from app.core.search.hits import SiteValues, hits_for
from app.core.search.query import Planner
from app.core.search.ranking import Filters, Statistics, candidates
from app.core.search.results import SearchResults
from app.core.search.scoring import score_sections
from app.core.search.synonyms import Synonyms
from app.core.search.vocabulary import Vocabulary

if TYPE_CHECKING:
    from app.core.search.build import Progress

MAX_LIMIT = 500
MIN_POOL = 20
"""The second stage re-scores at least this many candidate documents (and `limit` when higher):
enough for the right document to surface from bm25's order, few enough to stay fast at 10,000."""


@dataclass(frozen=True)
class _ThreadState:
    connection: sqlite3.Connection
    planner: Planner
    defaults: dict[str, dict[str, str]]
    """Per pack, its placeholders' default values (read once, like the synonyms)."""


def _defaults(connection: sqlite3.Connection) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for pack, name, value in connection.execute("SELECT pack_id, name, value FROM placeholder_defaults"):
        found.setdefault(pack, {})[name] = value
    return found


def _connect(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + "?mode=ro"
    connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
    connection.execute("PRAGMA query_only = 1")
    connection.execute("PRAGMA mmap_size = 268435456")
    return connection


def check(path: Path, key: str) -> str | None:
    """Why the file at `path` cannot be used as the index for `key`, or None when it can."""
    if not path.is_file():
        return "no index yet"
    try:
        connection = _connect(path)
    except sqlite3.Error as error:
        return f"cannot open the index: {error}"
    try:
        return schema.problem_with(connection, path, key)
    except (sqlite3.Error, OSError) as error:
        return f"damaged index: {error}"
    finally:
        connection.close()


class SearchIndex:
    """Full-text search over every section of every loaded pack (see the module docstring on threads)."""

    def __init__(self, path: Path, key: str, built: bool = False, owned: bool = False) -> None:
        self.path = path
        self.key = key
        self.built = built
        """True when this object built the file rather than reusing a cached one."""
        self.rebuild_reason: str | None = None
        self._owned = owned
        self._lock = threading.Lock()
        self._states: dict[int, _ThreadState] = {}

    @classmethod
    def open_or_build(cls, packs: PackSet, path: Path, progress: Progress | None = None) -> SearchIndex:
        """The cached index at `path` when it matches `packs`; otherwise a fresh build."""
        key = schema.cache_key(packs.content_hash)
        problem = check(path, key)
        if problem is None and packs.signed_only:
            # The key proves which packs the file was built from, not that its rows were not
            # edited since: with signing required, the cache is never trusted.
            problem = "signed packs are required, so the cached index is rebuilt, not trusted"
        if problem is None:
            return cls(path, key)
        index = cls.build(packs, path, progress)
        index.rebuild_reason = problem
        return index

    @classmethod
    def open_cached(cls, path: Path, content_hash: str) -> SearchIndex | None:
        """The cached index at `path` if it was built for packs with `content_hash`, else None."""
        key = schema.cache_key(content_hash)
        return cls(path, key) if check(path, key) is None else None

    @classmethod
    def build(cls, packs: PackSet, path: Path, progress: Progress | None = None) -> SearchIndex:
        """Build at `path`; if that folder cannot take it, in a private temporary file instead.

        `progress(done, total, label)` is called as documents are indexed; an exception raised in it
        cancels the build (the previous file, if any, stays as it was) and propagates.
        """
        from app.core.search.build import write_index  # the models and the text pipeline: builds only

        key = schema.cache_key(packs.content_hash)
        try:
            write_index(packs, path, key, progress)
            return cls(path, key, built=True)
        except (OSError, sqlite3.Error):
            handle, name = tempfile.mkstemp(prefix="protocol-desk-index-", suffix=".db")
            os.close(handle)
            write_index(packs, Path(name), key, progress)
            return cls(Path(name), key, built=True, owned=True)

    def _state(self) -> _ThreadState:
        thread = threading.get_ident()
        state = self._states.get(thread)
        if state is None:
            # A dead thread's id can be reused; its connection then passes to the new thread,
            # which is safe because the old one can no longer use it.
            connection = _connect(self.path)
            planner = Planner(Vocabulary(connection), Synonyms.load(connection))
            state = _ThreadState(connection, planner, _defaults(connection))
            with self._lock:
                self._states[thread] = state
        return state

    @property
    def open_connections(self) -> int:
        """How many SQLite connections this index holds open (one per thread that searched)."""
        with self._lock:
            return len(self._states)

    def search(
        self,
        query: str,
        *,
        kind: str | None = None,
        pack: str | None = None,
        tag: str | None = None,
        limit: int = 20,
        per_document: int = 3,
        site_values: Mapping[str, str] | None = None,
    ) -> SearchResults:
        """Hits for any text a user can type; never raises for the query's sake.

        `limit` caps the hits (sections), `per_document` the hits of one document. `site_values`
        (the configured placeholders: clinic_name, ...) are shown in snippets where the content has
        a placeholder, over the pack's default; one with neither reads as a marker (`[clinic name]`).
        If the file was damaged after opening, the results carry a `problem` and no hits: build the
        index again.
        """
        limit = min(limit, MAX_LIMIT)
        if limit <= 0 or not query.strip():
            return SearchResults(query)
        try:
            state = self._state()
            plan = state.planner.plan(query)
            if not plan.groups:
                return SearchResults(query)
            stats = Statistics.of(plan, state.planner.vocabulary)
            pool = candidates(state.connection, plan, stats, Filters(kind, pack, tag), max(limit, MIN_POOL))
            ranked = score_sections(state.connection, plan, stats, pool)
            hits = hits_for(
                state.connection, plan, stats, ranked,
                per_document=max(1, per_document), limit=limit,
                values=SiteValues(site_values or {}, state.defaults),
            )  # fmt: skip
        except sqlite3.Error as error:
            return SearchResults(query, problem=f"the search index could not answer: {error}")
        return SearchResults(query, tuple(hits), plan.suggestion, plan.expanded)

    @property
    def document_count(self) -> int:
        """How many documents the index holds (0 if it cannot be read)."""
        try:
            return self._state().planner.vocabulary.total_documents
        except sqlite3.Error:
            return 0

    def close(self) -> None:
        with self._lock:
            states, self._states = self._states, {}
        for state in states.values():
            state.connection.close()
        if self._owned:
            self.path.unlink(missing_ok=True)

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
