"""A bar chart of answers per day, drawn with QPainter (no chart library to bundle).

Each bar is a day; its lower part (hatched as well as coloured, so colour is not the only cue)
is the answers rated Again. The same figures are in the tooltip of each bar and in a text
summary exposed as the accessible description, for screen readers.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QHelpEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.core.study.progress import DayCount
from app.gui.widgets.plain import plain_tip

LEFT, RIGHT, TOP, BOTTOM = 44, 12, 28, 30
AGAIN_COLOUR = QColor("#c2410c")
TICKS = 5


def summary(days: list[DayCount]) -> str:
    """One sentence a screen reader can say instead of the picture."""
    total = sum(day.reviews for day in days)
    if not total:
        return f"No answers in the last {len(days)} days."
    active = sum(1 for day in days if day.reviews)
    busiest = max(days, key=lambda day: day.reviews)
    again = sum(day.again for day in days)
    return (
        f"{_count(total, 'answer')} on {active} of the last {len(days)} days ({again} rated Again); "
        f"most on {busiest.day:%d %b}: {busiest.reviews}. Today: {days[-1].reviews}."
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _axis_step(value: int) -> int:
    """A round step (1, 2, 5, 10, 20, 50, ...) so that five steps reach `value`."""
    scale = 1
    while True:
        for factor in (1, 2, 5):
            if TICKS * factor * scale >= value:
                return factor * scale
        scale *= 10


class ReviewChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: list[DayCount] = []
        self.setAccessibleName("Answers per day, last 30 days")
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(640, 240)

    def set_days(self, days: list[DayCount]) -> None:
        self.days = days
        text = summary(days)
        self.setToolTip(plain_tip(text))
        self.setAccessibleDescription(text)
        self.update()

    def _plot(self) -> QRectF:
        return QRectF(LEFT, TOP, max(1, self.width() - LEFT - RIGHT), max(1, self.height() - TOP - BOTTOM))

    def _bar(self, index: int, top: int) -> QRectF:
        plot = self._plot()
        slot = plot.width() / max(1, len(self.days))
        height = plot.height() * self.days[index].reviews / top
        gap = max(1.0, slot * 0.2)
        return QRectF(plot.left() + index * slot + gap / 2, plot.bottom() - height, slot - gap, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        step = _axis_step(max((day.reviews for day in self.days), default=0))
        top = step * TICKS
        self._draw_axes(painter, step)
        for index in range(len(self.days)):
            self._draw_bar(painter, index, top)
        self._draw_legend(painter)
        painter.end()

    def _draw_axes(self, painter: QPainter, step: int) -> None:
        palette, plot = self.palette(), self._plot()
        text = palette.color(QPalette.ColorRole.Text)
        grid = QColor(text)
        grid.setAlpha(60)
        for tick in range(TICKS + 1):
            y = plot.bottom() - plot.height() * tick / TICKS
            painter.setPen(QPen(grid, 1))
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(text)
            label = QRectF(0, y - 9, LEFT - 6, 18)
            painter.drawText(
                label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(tick * step)
            )
        self._draw_dates(painter, plot)

    def _draw_dates(self, painter: QPainter, plot: QRectF) -> None:
        if not self.days:
            return
        slot = plot.width() / len(self.days)
        for index in range(len(self.days) - 1, -1, -7):  # today, then every week back
            label = "Today" if index == len(self.days) - 1 else f"{self.days[index].day:%d %b}"
            centre = plot.left() + (index + 0.5) * slot
            box = QRectF(centre - 40, plot.bottom() + 6, 80, BOTTOM - 8)
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)

    def _draw_bar(self, painter: QPainter, index: int, top: int) -> None:
        day = self.days[index]
        if not day.reviews:
            return
        bar = self._bar(index, top)
        painter.fillRect(bar, self.palette().color(QPalette.ColorRole.Highlight))
        if day.again:
            again = QRectF(bar.left(), bar.bottom() - bar.height() * day.again / day.reviews, bar.width(), 0)
            again.setBottom(bar.bottom())
            painter.fillRect(again, AGAIN_COLOUR)
            painter.fillRect(again, QBrush(QColor("#ffffff"), Qt.BrushStyle.BDiagPattern))

    def _draw_legend(self, painter: QPainter) -> None:
        text = self.palette().color(QPalette.ColorRole.Text)
        x = LEFT
        for colour, label, hatched in (
            (self.palette().color(QPalette.ColorRole.Highlight), "Answers", False),
            (AGAIN_COLOUR, "of which Again", True),
        ):
            swatch = QRectF(x, 8, 12, 12)
            painter.fillRect(swatch, colour)
            if hatched:
                painter.fillRect(swatch, QBrush(QColor("#ffffff"), Qt.BrushStyle.BDiagPattern))
            painter.setPen(text)
            painter.drawText(QRectF(x + 18, 4, 140, 20), Qt.AlignmentFlag.AlignVCenter, label)
            x += 18 + painter.fontMetrics().horizontalAdvance(label) + 20

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._show_day_tip(event.pos(), event.globalPos())
            return True
        return super().event(event)

    def _show_day_tip(self, pos: QPoint, global_pos: QPoint) -> None:
        plot = self._plot()
        if not self.days or not plot.contains(pos.toPointF()):
            QToolTip.showText(global_pos, self.toolTip(), self)
            return
        index = min(len(self.days) - 1, int((pos.x() - plot.left()) / (plot.width() / len(self.days))))
        day = self.days[index]
        QToolTip.showText(global_pos, f"{day.day:%a %d %b}: {day.reviews} answers, {day.again} Again", self)
