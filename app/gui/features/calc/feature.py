"""Dose calculators: "Open calculator" above a calculator document opens the calculator workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core import model
from app.core.packs.loaded import Pack
from app.gui.features.calc.view import CalculatorView
from app.render.theme import Theme

if TYPE_CHECKING:
    from app.gui.host import FeatureHost


def install(host: FeatureHost) -> None:
    view = CalculatorView(host.theme, host.widget)
    view.setObjectName("calculator-view")
    host.add_workspace(view, "Calculator")

    def open_calculator(pack: Pack, document: model.Document) -> None:
        if isinstance(document, model.Calculator):
            view.theme = host.theme
            view.show_calculator(pack, document)
            host.show_workspace(view)

    def restyle(theme: Theme) -> None:
        view.theme = theme
        if view.current is not None:
            view.recalculate()  # restyles the results; what was typed stays

    host.on_theme_changed(restyle)
    host.add_context_action(
        {"calculator"}, "Open calculator", "Open this calculator with its inputs", open_calculator
    )
