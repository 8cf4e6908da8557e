"""Author mode (`protocol-desk --author PACK`): the pack is loaded like `--packs`, watched, reloaded
when a file is saved, and its problems (with the authoring checks of `validate --strict`) listed in
an Author tab that comes forward when the pack stops loading."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.distribution.signing import stale_signature
from app.core.packs.authoring import authoring_problems
from app.core.packs.loaded import FailedPack, Pack, PackSet
from app.core.packs.problems import Problem
from app.gui.features.author.panel import AuthorPanel
from app.gui.features.author.watcher import PackWatcher

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.gui.host import FeatureHost


def pack_problems(packs: PackSet, folder: Path) -> tuple[list[Problem], bool]:
    """The problems of the pack in `folder` and whether it loaded."""
    wanted = folder.resolve()
    every: list[Pack | FailedPack] = [*packs.packs, *packs.failed]
    for loaded in every:
        if loaded.root.resolve() == wanted:
            found = [*loaded.problems, *authoring_problems(loaded.root, loaded.display)]
            return found + stale_signature(loaded.root, loaded.display), isinstance(loaded, Pack)
    return [p for p in packs.problems if Path(p.pack).resolve() == wanted], False


def install(host: FeatureHost, folder: Path, reload: Callable[[], object]) -> AuthorPanel:
    """Not among the features every window gets: the shell installs it for `--author`, with the
    window's reload (which no feature otherwise needs)."""
    panel = AuthorPanel(str(folder), host.widget)
    panel.setObjectName("author-panel")
    host.add_workspace(panel, "Author")
    watcher = PackWatcher(folder, panel)
    watcher.changed.connect(reload)

    documents: dict[str, str] = {}
    """pack-relative file -> document id, from the last load that succeeded"""

    def open_file(relpath: str) -> None:
        if relpath in documents:  # the problem's document, in the reader beside the list
            host.open_document(documents[relpath], "", "")

    panel.open_file.connect(open_file)

    def refresh(packs: PackSet) -> None:
        pack = next((p for p in packs.packs if p.root.resolve() == folder.resolve()), None)
        if pack is not None:
            documents.clear()
            documents.update({relpath: doc_id for doc_id, relpath in pack.files.items()})
        problems, loaded = pack_problems(packs, folder)
        panel.show_problems(problems, loaded, datetime.now())
        if not loaded:
            host.show_workspace(panel)

    host.on_packs_changed(refresh)
    panel.watcher = watcher
    return panel
