"""Dose calculators: "Open calculator" above a calculator document opens the calculator workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget

from app.core import model
from app.core.packs.loaded import Pack
from app.gui.features.calc.view import CalculatorView
from app.gui.widgets.empty_state import EmptyState
from app.render.theme import Theme

if TYPE_CHECKING:
    from app.gui.host import FeatureHost


def install(host: FeatureHost) -> None:
    pages = QStackedWidget(host.widget)
    view = CalculatorView(host.theme, pages)
    view.setObjectName("calculator-view")

    def open_calculator(pack: Pack, document: model.Document) -> None:
        if isinstance(document, model.Calculator):
            view.theme = host.theme
            view.show_calculator(pack, document)
            pages.setCurrentWidget(view)
            host.show_workspace(pages)

    choose = EmptyState(
        "Calculators",
        "Choose a calculator. Each shows its working, its rounding and its sources, and refuses "
        "values outside its bounds.",
        {"calculator"},
        open_calculator,
        pages,
    )
    pages.addWidget(choose)
    pages.addWidget(view)
    host.add_workspace(pages, "Calculator")
    host.on_packs_changed(choose.set_packs)

    def restyle(theme: Theme) -> None:
        view.theme = theme
        if view.current is not None:
            view.recalculate()  # restyles the results; what was typed stays

    host.on_theme_changed(restyle)
    host.add_context_action(
        {"calculator"}, "Open calculator", "Open this calculator with its inputs", open_calculator
    )
