"""Patient handouts: "Handout (large print)" above instructions opens the handout workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core import model
from app.core.packs.loaded import Pack
from app.gui.features.handouts.view import HandoutView
from app.gui.printing import default_paper

if TYPE_CHECKING:
    from app.gui.host import FeatureHost


def install(host: FeatureHost) -> None:
    view = HandoutView(host.widget, paper=default_paper(host.services.config))
    view.setObjectName("handout-view")
    host.add_workspace(view, "Handout", view.print_bar.target())

    def open_handout(pack: Pack, document: model.Document) -> None:
        if isinstance(document, model.Instructions):
            view.show_handout(pack, document, host.services.placeholders())
            host.show_workspace(view)

    host.add_context_action(
        {"instructions"}, "Handout (large print)", "Open this document as a large-print handout", open_handout
    )
    view.print_bar.saved.connect(lambda path: host.say(f"Saved {path}"))
