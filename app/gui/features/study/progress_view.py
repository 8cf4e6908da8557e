"""Study progress: today's figures, a chart of the last 30 days and mastery per deck."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.study.progress import MASTERED_STABILITY_DAYS, RETENTION_DAYS, DeckMastery, Progress
from app.gui.features.study.chart import ReviewChart
from app.gui.theme import set_type
from app.gui.widgets.layouts import clear_layout
from app.gui.widgets.plain import plain_tip

DEFINITIONS = (
    f"Retention: the share of answers in the last {RETENTION_DAYS} days not rated Again. "
    "Streak: consecutive days with at least one answer. Learned: past the learning steps. "
    f"Mastered: remembered well enough to wait {MASTERED_STABILITY_DAYS:g} days or more."
)


def _plain(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class Figure(QFrame):
    """A large number over its caption; read out as "caption: value"."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = _plain("-", self)
        set_type(self.value, "title")
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(_plain(caption, self))

    def set_value(self, text: str, detail: str = "") -> None:
        self.value.setText(text)
        self.setToolTip(plain_tip(detail or f"{self.caption}: {text}"))
        self.setAccessibleName(f"{self.caption}: {text}")


class MasteryRow:
    def __init__(self, grid: QGridLayout, row: int, item: DeckMastery, parent: QWidget) -> None:
        name = _plain(item.deck.title, parent)
        bar = QProgressBar(parent)
        bar.setRange(0, max(1, item.total))
        bar.setValue(item.mastered)
        bar.setTextVisible(False)  # the figures sit beside the bar, readable at any fill level
        share = f"{item.share_mastered:.0%}"
        detail = f"{share} mastered ({item.mastered} of {item.total} cards); {item.learned} learned"
        bar.setAccessibleName(f"{item.deck.title}: {detail}")
        grid.addWidget(name, row, 0)
        grid.addWidget(bar, row, 1)
        grid.addWidget(_plain(detail, parent), row, 2)


class StudyProgressView(QScrollArea):
    export_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName("Study progress")
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addLayout(self._figures(page))
        chart_box = QGroupBox("Answers per day, last 30 days", page)
        chart_layout = QVBoxLayout(chart_box)
        self.chart = ReviewChart(chart_box)
        self.chart_summary = _plain("", chart_box)
        chart_layout.addWidget(self.chart)
        chart_layout.addWidget(self.chart_summary)
        layout.addWidget(chart_box)
        self.mastery_box = QGroupBox("Mastery by deck", page)
        self.mastery_grid = QGridLayout(self.mastery_box)
        self.mastery_grid.setColumnStretch(1, 1)
        self.mastery_grid.setColumnMinimumWidth(2, 300)
        layout.addWidget(self.mastery_box)
        layout.addWidget(_plain(DEFINITIONS, page))
        layout.addLayout(self._transfer_row(page))
        layout.addStretch(1)
        self.setWidget(page)

    def _figures(self, page: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        self.reviews_today = Figure("Answers today", page)
        self.due_tomorrow = Figure("Due tomorrow", page)
        self.due_week = Figure("Due in the next 7 days", page)
        self.retention = Figure(f"Retention, last {RETENTION_DAYS} days", page)
        self.streak = Figure("Day streak", page)
        for figure in (self.reviews_today, self.due_tomorrow, self.due_week, self.retention, self.streak):
            row.addWidget(figure)
        return row

    def _transfer_row(self, page: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        note = _plain("Move your progress to another workstation:", page)
        export = QPushButton("Export progress\u2026", page)
        export.clicked.connect(self.export_requested)
        imported = QPushButton("Import progress\u2026", page)
        imported.clicked.connect(self.import_requested)
        row.addWidget(note, 1)
        row.addWidget(export)
        row.addWidget(imported)
        return row

    def show_progress(self, figures: Progress) -> None:
        self.reviews_today.set_value(str(figures.reviews_today))
        self.due_tomorrow.set_value(str(figures.due_tomorrow))
        self.due_week.set_value(str(figures.due_week))
        if figures.retention is None:
            self.retention.set_value("-", "No answers yet in this period")
        else:
            detail = f"{figures.retention:.0%} of {figures.retention_answers} answers were not Again"
            self.retention.set_value(f"{figures.retention:.0%}", detail)
        self.streak.set_value(f"{figures.streak} day" + ("" if figures.streak == 1 else "s"))
        self.chart.set_days(figures.days)
        self.chart_summary.setText(self.chart.accessibleDescription())
        self._show_mastery(figures.mastery)

    def _show_mastery(self, rows: list[DeckMastery]) -> None:
        clear_layout(self.mastery_grid)
        for row, mastery in enumerate(rows):
            MasteryRow(self.mastery_grid, row, mastery, self.mastery_box)
        if not rows:
            self.mastery_grid.addWidget(_plain("No study cards in the loaded packs.", self.mastery_box), 0, 0)
