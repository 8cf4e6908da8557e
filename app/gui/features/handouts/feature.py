"""Patient handouts: "Handout (large print)" above instructions opens the handout workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget

from app.core import model
from app.core.packs.loaded import Pack
from app.gui.features.handouts.view import HandoutView
from app.gui.print_target import default_paper
from app.gui.widgets.empty_state import EmptyState

if TYPE_CHECKING:
    from app.gui.host import FeatureHost


def install(host: FeatureHost) -> None:
    pages = QStackedWidget(host.widget)
    view = HandoutView(pages, host.services.placeholders, paper=default_paper(host.services.config))
    view.setObjectName("handout-view")

    def open_handout(pack: Pack, document: model.Document) -> None:
        if isinstance(document, model.Instructions):
            view.show_handout(pack, document, host.services.placeholders())
            pages.setCurrentWidget(view)
            view.preview.setFocus()  # before the switch, so the focus does not pass the search field
            host.show_workspace(pages)

    choose = EmptyState(
        "Patient handouts",
        "Choose a handout to preview it in large print, then print it or save it as a PDF. "
        "The clinic's details are filled in from Settings.",
        {"instructions"},
        open_handout,
        pages,
    )
    pages.addWidget(choose)
    pages.addWidget(view)
    host.add_workspace(pages, "Handout", view.print_bar.target())
    host.on_packs_changed(choose.set_packs)

    host.add_context_action(
        {"instructions"}, "Handout (large print)", "Open this document as a large-print handout", open_handout
    )
    view.print_bar.saved.connect(lambda path: host.say(f"Saved {path}"))
