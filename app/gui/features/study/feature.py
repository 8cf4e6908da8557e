"""Study mode in the window: a Study workspace, "Study this document" buttons and menu entries.

User data stays in user.db through `app.core.study`; this module only wires the views to it.
Cards are brought up to date with the packs (new, changed, retired) whenever the packs change
and whenever study is opened, so a pack update is noticed even before the first session.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.core import model
from app.core.packs.loaded import Pack, PackSet
from app.core.packs.outline import outline
from app.core.study.days import system_clock
from app.core.study.decks import Deck, DeckKind, StudyItem, available_decks, document_deck
from app.core.study.progress import progress
from app.core.study.session import StudySession
from app.core.study.store import StudyStore
from app.core.study.transfer import TransferError, export_file, import_file
from app.core.system.clock import Clock
from app.gui.features.study.workspace import StudyWorkspace

if TYPE_CHECKING:
    from app.gui.host import FeatureHost

DOCUMENT_KINDS = {"protocol", "checklist", "instructions", "calculator"}
STUDY_DOCUMENT = "Study this document"
STUDY_CARDS = "Study these cards"
FILE_FILTER = "Study progress (*.json)"


class StudyFeature(QObject):
    def __init__(self, host: FeatureHost, now: Clock = system_clock) -> None:
        super().__init__(host.widget)
        self.setObjectName("study-feature")
        self.host = host
        self.store = StudyStore(host.services.db, now)
        self.items: list[StudyItem] = []
        self.decks: list[Deck] = [Deck()]
        self.deck = Deck()
        self._synced: PackSet | None = None
        self.workspace = StudyWorkspace(self.source_title, host.widget)
        self._connect()

    def _connect(self) -> None:
        session, progress_view = self.workspace.session, self.workspace.progress
        session.deck_chosen.connect(self.start)
        session.show_source.connect(lambda doc, section: self.host.open_document(doc, section, ""))
        session.answered.connect(self.refresh_progress)
        progress_view.export_requested.connect(self.export_progress)
        progress_view.import_requested.connect(self.import_progress)
        self.workspace.shown.connect(self.sync)
        self.workspace.shown.connect(self.refresh_progress)
        self.host.on_packs_changed(lambda _packs: self.sync())

    # --- keeping up with the packs --------------------------------------------------------------
    def sync(self, force: bool = False) -> None:
        """Bring user.db up to date with the loaded packs (once per load unless `force`)."""
        packs = self.host.services.packs
        if packs is self._synced and not force:
            return
        self._synced = packs
        self.items, report = self.store.sync_packs(packs)
        self.decks = available_decks(packs, self.items)
        if report.changed:
            cards = "1 study card" if report.changed == 1 else f"{report.changed} study cards"
            self.host.say(
                f"{cards} changed in a pack update: due again now, marked \u201ccontent changed\u201d."
            )
        self.start(self.deck)

    def start(self, deck: Deck) -> None:
        """A new session over `deck` (or over all cards when that deck is gone)."""
        same = [d for d in self.decks if (d.kind, d.value) == (deck.kind, deck.value)]
        self.deck = same[0] if same else Deck()
        limit = int(self.host.services.config.get("study.new_cards_per_day"))
        session = StudySession(self.store, self.deck.select(self.items), limit)
        self.workspace.session.set_decks(self.decks, self.deck, self.host.services.packs.acronyms())
        self.workspace.session.set_session(session)

    def refresh_progress(self) -> None:
        if not self.workspace.progress.isVisible():
            return
        shown = [d for d in self.decks if d.kind in (DeckKind.PACK, DeckKind.CARDS)]
        self.workspace.progress.show_progress(progress(self.store, self.items, shown))

    # --- opening ----------------------------------------------------------------------------
    def open_session(self) -> None:
        self.sync()
        self.host.show_workspace(self.workspace)
        self.workspace.show_session()

    def open_progress(self) -> None:
        self.sync()
        self.host.show_workspace(self.workspace)
        self.workspace.show_progress()
        self.refresh_progress()

    def study_document(self, pack: Pack, document: model.Document) -> None:
        self.sync()
        deck = document_deck(pack, document, self.items)
        if deck is None:
            self.host.say(f"No study cards point to {document.title}.")
            return
        self.decks = [*self.decks, deck] if deck not in self.decks else self.decks
        self.start(deck)
        self.open_session()

    def has_cards_for(self, pack: Pack, document: model.Document) -> bool:
        """Offer the study buttons only when some card points at the document (or it is a deck)."""
        self.sync()
        return document_deck(pack, document, self.items) is not None

    def source_title(self, item: StudyItem) -> str:
        found = self.host.services.packs.find(f"{item.pack_id}/{item.source_doc}")
        if found is None:
            return item.source
        document = found[1]
        section = next(
            (s.title for s in outline(document) if s.id == item.source_section), item.source_section
        )
        return f"{document.title} \u203a {section}"

    # --- moving progress between workstations -------------------------------------------------
    def export_progress(self) -> None:
        suggested = str(Path.home() / f"protocol-desk-study-{date.today():%Y-%m-%d}.json")
        name, _ = QFileDialog.getSaveFileName(
            self.host.widget, "Export study progress", suggested, FILE_FILTER
        )
        if not name:
            return
        try:
            cards, reviews = export_file(self.store, Path(name))
        except OSError as error:
            QMessageBox.warning(
                self.host.widget, "Export study progress", f"The file could not be saved:\n{error}"
            )
            return
        self.host.say(f"Exported {reviews} answers on {cards} cards to {name}")

    def import_progress(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.host.widget, "Import study progress", str(Path.home()), FILE_FILTER
        )
        if not name:
            return
        try:
            report = import_file(self.store, Path(name))
        except TransferError as error:
            QMessageBox.warning(self.host.widget, "Import study progress", str(error))
            return
        self.sync(force=True)
        self.refresh_progress()
        QMessageBox.information(
            self.host.widget,
            "Import study progress",
            f"Added {report.reviews_added} answers ({report.reviews_skipped} were already here) "
            f"and {report.cards_added} cards.",
        )


def _action(host: FeatureHost, text: str, tip: str) -> QAction:
    action = QAction(text, host.widget)
    action.setStatusTip(tip)
    action.setToolTip(tip)
    return action


def install(host: FeatureHost) -> None:
    feature = StudyFeature(host)
    host.add_workspace(feature.workspace, "Study")
    for shortcut, description in feature.workspace.session.shortcuts:
        host.register_shortcut(shortcut, description, "Study session")
    about = "Study the cards about this document"
    host.add_context_action(
        DOCUMENT_KINDS, STUDY_DOCUMENT, about, feature.study_document, feature.has_cards_for
    )
    host.add_context_action(
        {"cards"}, STUDY_CARDS, "Study the cards of this deck", feature.study_document, feature.has_cards_for
    )
    entries = (
        ("Tools", "&Study cards", "Study the packs' cards with spaced repetition", feature.open_session),
        ("Tools", "Study p&rogress", "Answers, retention, streak and mastery", feature.open_progress),
        ("Tools", "Export study progress\u2026", "Save study progress to a file", feature.export_progress),
        ("Tools", "Import study progress\u2026", "Merge study progress from a file", feature.import_progress),
    )
    for menu, text, tip, slot in entries:
        action = _action(host, text, tip)
        action.triggered.connect(slot)
        host.add_menu_action(menu, action)
