"""The run's one alert summary: every alert once, most severe first, readable without colour.

Each line starts with the tier's icon and word in bold (larger for urgent action and emergency), then
the item, the rule and the action. Colour repeats the tier; it never carries it alone. The summary
grows with its alerts up to a third of the view and scrolls beyond that, so the form keeps its room.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.core.model.severity import SEVERITY_WORDS, Severity
from app.core.runs.alerts import FiredAlert
from app.gui.features.runs.items import plain_label
from app.gui.theme import severity_css
from app.gui.widgets import accessible
from app.gui.widgets.announce import announce
from app.gui.widgets.layouts import clear_layout
from app.render.design import SPACE, severity_style
from app.render.theme import Theme

ALERT_ROLE = QAccessible.Role.AlertMessage


def counts_text(alerts: list[FiredAlert]) -> str:
    """`Alerts: 1 emergency, 2 caution`."""
    counts: dict[Severity, int] = {}
    for alert in alerts:
        counts[alert.severity] = counts.get(alert.severity, 0) + 1
    parts = [f"{n} {SEVERITY_WORDS[s].lower()}" for s, n in counts.items()]
    return f"Alerts ({len(alerts)}): " + ", ".join(parts)


class AlertSummary(QScrollArea):
    """Shown only while alerts hold; `lines` are the alert labels, for tests and screen readers."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        # The summary is an alert (AT-SPI role "alert"), so a reader lists and reviews it as one.
        accessible.register(AlertSummary, lambda widget: accessible.WithRole(widget, ALERT_ROLE))
        super().__init__(parent)
        self.theme = theme
        self.lines: list[QLabel] = []
        self.shown: set[str] = set()
        """Rule ids on screen, so only an alert that is new is announced to a screen reader."""
        self.body = QWidget(self)
        self.column = QVBoxLayout(self.body)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(SPACE.tight)
        self.setWidget(self.body)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Alert summary")
        self.viewport().setAccessibleName("Alert summary")
        self.hide()

    def show_alerts(self, alerts: list[FiredAlert], room: int) -> None:
        clear_layout(self.column)
        self.lines = []
        new = {a.rule_id for a in alerts} - self.shown
        self.shown = {a.rule_id for a in alerts}
        if not alerts:
            self.hide()
            return
        header = plain_label(counts_text(alerts), self.body)
        header.setStyleSheet("font-weight: bold;")
        header.setAccessibleName(header.text())  # what it shows: "Alerts (2): 1 urgent action, 1 caution"
        self.column.addWidget(header)
        for alert in alerts:
            line = self._line(alert)
            self.column.addWidget(line)
            if alert.rule_id in new:  # interrupting the reader only for urgent action and emergency
                announce(line, urgent=severity_style(alert.severity, self.theme).loud)
        self.show()
        self.body.adjustSize()
        needed = self.column.totalHeightForWidth(max(300, self.viewport().width())) + 6
        self.setFixedHeight(max(60, min(needed, room)))

    def _line(self, alert: FiredAlert) -> QLabel:
        style = severity_style(alert.severity, self.theme)
        word = style.label.upper() if style.loud else style.label
        text = f"{word} \u2014 {alert.item_label} ({alert.rule}): {alert.action}"
        label = plain_label(text, self.body)
        label.setAccessibleName(text)  # the whole alert, as shown
        label.setStyleSheet(severity_css(alert.severity, self.theme))
        self.lines.append(label)
        label.show()
        return label
