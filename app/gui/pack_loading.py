"""The window's side of loading packs (MainWindow inherits this): the load thread per (re)load, its
outcome taken only from the newest load, and the queries and document opens that arrive before the
packs are in.

At start the packs load after the search field's first paint. When the caches vouch for them
(LoadWorker.cached) the search worker answers from the index on disk while they load, as the
command line does; a result opened then opens once the packs are in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QThread

from app.gui.tasks import LoadWorker, Query, SearchWorker, start_in_thread

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from app.core.packs.loaded import PackSet
    from app.gui.services import Services
    from app.gui.status import StatusArea


class PackLoading:
    services: Services
    status: StatusArea
    search_worker: SearchWorker
    search_requested: SignalInstance
    load_requested: SignalInstance
    threads: list[QThread]

    def _init_loading(self) -> None:
        self.index_ready = False
        """The packs are loaded and indexed."""
        self.cached_search = False
        """Before that: queries are answered from the index the caches vouch for."""
        self.pending: Query | None = None
        self.pending_open: tuple[str, str, str] | None = None
        self.load_generation = 0
        self.loads: dict[QThread, LoadWorker] = {}
        """Load threads still running, with their workers (kept referenced until they finish)."""

    def _first_load(self) -> None:
        if self.load_generation == 0:  # not reloaded by hand meanwhile
            self.reload()

    def reload(self) -> None:
        """Load packs and build the index off the UI thread; the window stays usable."""
        self.index_ready = self.cached_search = False
        self.load_generation += 1
        generation = self.load_generation
        worker = LoadWorker(self.services.pack_folders(), self.services.paths.index_db, generation)
        thread = start_in_thread(worker, "load")
        self.threads.append(thread)
        worker.progress.connect(self.status.loading)
        # To the search thread first, so it has the index before a query the window then sends.
        worker.cached.connect(self.search_worker.use_cached)
        worker.cached.connect(self._cached)
        worker.loaded.connect(self._loaded)
        worker.indexed.connect(self._indexed)
        worker.indexed.connect(thread.quit)
        thread.finished.connect(self._release_finished)
        self.load_requested.connect(worker.run)
        self.load_requested.emit()
        self.load_requested.disconnect(worker.run)
        self.loads[thread] = worker

    # An older load that finishes last never replaces a newer one (like queries, by generation).
    def _cached(self, generation: int, _content_hash: str) -> None:
        # Only before the first packs: on a reload the worker keeps the packs it has until the new ones.
        if generation == self.load_generation == 1 and not self.index_ready:
            self.cached_search = True
            self._send_pending()

    def _loaded(self, generation: int, packs: PackSet) -> None:
        if generation == self.load_generation:
            self.packs_loaded(packs)
            if self.pending_open is not None:
                doc_id, section_id, terms = self.pending_open
                self.pending_open = None
                self.open_document(doc_id, section_id, terms)

    def _indexed(self, generation: int, outcome: object) -> None:
        if generation == self.load_generation:
            self.index_built(outcome)

    def _send_pending(self) -> None:
        if self.pending is not None:
            self.search_requested.emit(self.pending)
            self.pending = None

    def _release_finished(self) -> None:
        """Finished load threads are let go, so reloads do not pile them up."""
        for thread in [t for t in self.loads if t.isFinished()]:
            self.threads.remove(thread)
            self.loads.pop(thread).deleteLater()
            thread.deleteLater()

    def _open_when_loaded(self, doc_id: str, section_id: str, terms: str) -> bool:
        """A result answered from the cached index, opened before the packs are in: it opens then."""
        if not self.cached_search or self.services.packs.packs:
            return False
        self.pending_open = (doc_id, section_id, terms)
        self.status.say("Opening when the packs have loaded\u2026")
        return True

    if TYPE_CHECKING:  # MainWindow's

        def packs_loaded(self, packs: PackSet) -> None: ...
        def index_built(self, outcome: object) -> None: ...
        def open_document(self, doc_id: str, section_id: str, terms: str) -> None: ...
