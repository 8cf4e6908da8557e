"""Work off the UI thread: loading packs and building the index, and running queries.

Core reports progress through plain callbacks; these QObjects turn them into signals. Each worker
lives in its own QThread and opens its own SQLite connection there (sqlite3 connections are not
shared across threads). Queries carry a generation number so the window can drop stale results.
"""

from __future__ import annotations

import gc
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.core.distribution.policy import load_configured_packs
from app.core.packs.loaded import PackSet

if TYPE_CHECKING:
    from app.core.search import SearchIndex

log = logging.getLogger(__name__)

MODELS_IMPORTED = threading.Event()
"""Set once the pack loader, and with it pydantic and the pack models, is imported (or its import
failed): until then a second thread must not import them (see DeferredFeatures)."""


def import_models() -> None:
    """Import the pack loader (pydantic, the models) on this thread, and say so."""
    try:
        import app.core.packs.loader  # noqa: F401
    finally:
        MODELS_IMPORTED.set()


@dataclass(frozen=True)
class Query:
    generation: int
    text: str
    kind: str | None = None
    tag: str | None = None
    limit: int = 20
    """A little more than the results list shows at once: each row costs layout on the UI thread."""
    site_values: tuple[tuple[str, str], ...] = ()
    """The configured placeholders (clinic_name, ...), shown in snippets in place of their markers."""


class LoadWorker(QObject):
    progress = Signal(int, int, str)
    loaded = Signal(int, object)
    """(generation, PackSet)"""
    indexed = Signal(int, object)
    """(generation, the PackSet the index was built for, or an error message (str))"""
    cached = Signal(int, str)
    """(generation, content hash), before `loaded`: the packs are unchanged since the index on disk
    was built for them, so it can answer queries while they load (as the command line does)."""

    def __init__(self, folders: list[Path], index_path: Path, generation: int = 0) -> None:
        super().__init__()
        self.folders = folders
        self.index_path = index_path
        self.generation = generation
        """Which reload this is: the window ignores the outcome of any but its latest."""

    @Slot()
    def run(self) -> None:
        self._announce_cached()
        import_models()
        packs = load_configured_packs(self.folders, progress=self._report)
        # The packs stay in memory all day: out of the collector's generations, a full collection
        # (set off by any allocation, on any thread) no longer walks their millions of objects, which
        # stalls a keystroke's search with 10,000 documents. Packs replaced by a reload are still
        # freed by reference counting: validated documents are trees, not cycles.
        gc.freeze()
        self.loaded.emit(self.generation, packs)
        self.indexed.emit(self.generation, self._build_index(packs))

    def _announce_cached(self) -> None:
        """`cached` when the caches alone vouch for the packs (`cached_packs`: nothing changed, no
        problem to show, no signatures required) and the index on disk was built for them."""
        from app.core.distribution.policy import cached_packs
        from app.core.search import SearchIndex

        try:
            known = cached_packs(self.folders)
            index = None if known is None else SearchIndex.open_cached(self.index_path, known.content_hash)
        except Exception:  # the full load that follows reports what is wrong
            log.exception("checking the cached search index failed")
            return
        if known is not None and index is not None:
            index.close()
            self.cached.emit(self.generation, known.content_hash)

    def _report(self, done: int, total: int, label: str) -> None:
        self.progress.emit(done, total, label)

    def _build_index(self, packs: PackSet) -> PackSet | str:
        try:
            from app.core.search import SearchIndex

            index = SearchIndex.open_or_build(packs, self.index_path, progress=self._report)
            index.close()
            return packs
        except Exception as error:  # the app stays usable for browsing when search fails
            log.exception("building the search index failed")
            return f"Search is unavailable: {error}"


class SearchWorker(QObject):
    """Runs queries in its own thread against its own connection to the index.

    The worker owns its SearchIndex, and so the one connection its thread opens: `set_packs` closes
    the old one when the packs change, and `close` (called once its thread has stopped) the last."""

    finished = Signal(object, object)
    """(Query, results or None): exactly once for every query sent to `search`"""

    def __init__(self, index_path: Path) -> None:
        super().__init__()
        self.index_path = index_path
        self.packs: PackSet | None = None
        self.cached_hash: str | None = None
        """Until the packs arrive: the content hash of the packs the index on disk was built for."""
        self.index: SearchIndex | None = None
        self.latest_generation = 0
        """Set from the UI thread as each query is sent (an int store is atomic under the GIL)."""

    @Slot(object)
    def set_packs(self, packs: PackSet) -> None:
        if self.index is not None:
            self.index.close()
        self.packs, self.index = packs, None

    @Slot(int, str)
    def use_cached(self, _generation: int, content_hash: str) -> None:
        """Answer from the index built for `content_hash` until the packs arrive (LoadWorker.cached)."""
        if self.packs is None:
            self.cached_hash = content_hash

    @Slot(object)
    def search(self, query: Query) -> None:
        nothing = self.packs is None and self.cached_hash is None
        if nothing or query.generation < self.latest_generation:
            # Typed over (a newer query is queued behind this one) or nothing to search yet: still
            # answered, with nothing, so that every query gets exactly one answer and whoever waits
            # for it is never left waiting; the panel drops answers to queries it has replaced.
            self.finished.emit(query, None)
            return
        try:
            self.index = self.index or self._open()
            values = dict(query.site_values)
            results = (
                None
                if self.index is None
                else self.index.search(
                    query.text, kind=query.kind, tag=query.tag, limit=query.limit, site_values=values
                )
            )
        except Exception:
            log.exception("query failed: %r", query.text)
            results = None
        self.finished.emit(query, results)

    def _open(self) -> SearchIndex | None:
        from app.core.search import SearchIndex

        if self.packs is not None:
            return SearchIndex.open_or_build(self.packs, self.index_path)
        assert self.cached_hash is not None  # search() answers nothing without one or the other
        return SearchIndex.open_cached(self.index_path, self.cached_hash)

    def close(self) -> None:
        """Close the index and its connection; call after the worker's thread has finished."""
        if self.index is not None:
            self.index.close()
            self.index = None

    @property
    def open_connections(self) -> int:
        return 0 if self.index is None else int(self.index.open_connections)


def start_in_thread(worker: QObject, name: str) -> QThread:
    thread = QThread()
    thread.setObjectName(name)
    worker.moveToThread(thread)
    thread.start()
    return thread
