"""Dose calculators: "Open calculator" above a calculator document opens the calculator workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core import model
from app.core.packs.loaded import Pack
from app.gui.features.calc.view import CalculatorView

if TYPE_CHECKING:
    from app.gui.main_window import MainWindow


def install(window: MainWindow) -> None:
    view = CalculatorView(window.reader.theme, window)
    view.setObjectName("calculator-view")
    window.add_workspace(view, "Calculator")

    def open_calculator(pack: Pack, document: model.Document) -> None:
        if isinstance(document, model.Calculator):
            view.theme = window.reader.theme
            view.show_calculator(pack, document)
            window.show_workspace(view)

    window.add_context_action(
        {"calculator"}, "Open calculator", "Open this calculator with its inputs", open_calculator
    )
