"""Checklist runs as HTML: the blank paper checklist and a completed run for the chart share one layout.

Rows are prepared here in Python so the template only lays them out; every value is escaped by
Jinja2's autoescape. Times are shown in the workstation's local time zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.core.model.checklist import Checklist, ChecklistItem, ScaleItem, Timepoint
from app.core.packs.loaded import Pack
from app.core.runs.alerts import FiredAlert, item_alerts, rule_text, severity_label
from app.core.runs.store import Entry, Run
from app.core.runs.timer import duration_text
from app.core.runs.values import display
from app.render import helpers
from app.render.design import severity_background
from app.render.html import environment
from app.render.theme import LIGHT, Theme


def local_time(moment: datetime | None, with_date: bool = False) -> str:
    """`14:05` (or `2026-11-21 14:05`) in local time; empty when unknown."""
    if moment is None:
        return ""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M")


@dataclass(frozen=True)
class ItemRow:
    item: ChecklistItem
    record: list[str]
    """The recorded value, or the blank to fill in on paper (one line per scale option)."""
    time: str
    rules: list[str]
    """The pack's alert rules, in words: `⚠ Warning above 140 mmHg: ...`."""
    fired: list[FiredAlert] = field(default_factory=list)


@dataclass(frozen=True)
class PointRows:
    point: Timepoint
    when: str
    rows: list[ItemRow]


def _rules(checklist: Checklist, point: Timepoint, item: ChecklistItem) -> list[str]:
    return [
        f"{severity_label(a.severity)} {rule_text(checklist, point, item, a)}: {a.action}"
        for a in item_alerts(item)
    ]


def _due(point: Timepoint, dose_time: datetime | None) -> str:
    when = helpers.offset_label(point.offset_minutes)
    if dose_time is None or point.offset_minutes is None:
        return when
    return f"{when}, due {local_time(dose_time + timedelta(minutes=point.offset_minutes))}"


def _option_text(value: int, label: str) -> str:
    return label if label.startswith(str(value)) else f"{value} - {label}"


def blank_lines(item: ChecklistItem) -> list[str]:
    """What paper shows where the value goes: a box per scale option, else the standard blank."""
    if isinstance(item, ScaleItem):
        return [f"[  ] {_option_text(o.value, o.label)}" for o in item.options]
    return [helpers.blank(item)]


def blank_points(checklist: Checklist) -> list[PointRows]:
    return [
        PointRows(
            point,
            _due(point, None),
            [ItemRow(item, blank_lines(item), "", _rules(checklist, point, item)) for item in point.items],
        )
        for point in checklist.timepoints
    ]


def run_points(run: Run) -> list[PointRows]:
    latest = run.latest()
    alerts = run.alerts()
    points = []
    for point in run.checklist.timepoints:
        rows = []
        for item in point.items:
            entry = latest.get((point.id, item.id))
            value = entry.value if entry else None
            rows.append(
                ItemRow(
                    item,
                    [display(item, value)],
                    local_time(entry.recorded_at) if entry and value is not None else "",
                    _rules(run.checklist, point, item),
                    [a for a in alerts if (point.id, item.id) == (a.timepoint_id, a.item_id)],
                )
            )
        points.append(PointRows(point, _due(point, run.info.dose_time), rows))
    return points


def _superseded(run: Run) -> list[tuple[Entry, str, str]]:
    """Entries later replaced by another value for the same item: (entry, item label, shown value)."""
    latest_ids = {entry.id for entry in run.latest().values()}
    labels = {(p.id, i.id): i for p, i in run.items()}
    rows = []
    for entry in run.entries:
        item = labels.get((entry.timepoint_id, entry.item_id))
        if entry.id not in latest_ids and item is not None:
            rows.append((entry, item.label, display(item, entry.value) or "(cleared)"))
    return rows


def monitoring_summary(run: Run) -> str:
    """How long monitoring lasted from the dose to completion, against the pack's minimum."""
    info, minimum = run.info, run.checklist.min_monitoring_minutes
    if info.dose_time is None or info.completed_at is None:
        return "Dose time or completion not recorded." if minimum else ""
    minutes = int((info.completed_at - info.dose_time).total_seconds() // 60)
    text = f"Monitored {duration_text(minutes)} from the {run.checklist.dose_event} to completion"
    if not minimum:
        return text + "."
    verdict = "reached" if minutes >= minimum else "NOT reached"
    return f"{text}; minimum {duration_text(minimum)} {verdict}."


def blank_checklist_html(
    pack: Pack, checklist: Checklist, theme: Theme = LIGHT, base_pt: float = 10.0
) -> str:
    """The paper fallback: every item with a space to record it, the time, and the alert rules."""
    template = environment().get_template("run.html.j2")
    return template.render(
        checklist=checklist,
        source=f"{pack.manifest.title} {pack.manifest.version}",
        run=None,
        points=blank_points(checklist),
        t=theme.as_dict(),
        base_pt=base_pt,
        duration_text=duration_text,
        local_time=local_time,
    )


def run_html(run: Run, theme: Theme = LIGHT, base_pt: float = 10.0) -> str:
    """A run as recorded: latest values with their times, alerts that fired, and earlier values."""
    template = environment().get_template("run.html.j2")
    return template.render(
        checklist=run.checklist,
        source=f"pack {run.info.pack_id} {run.info.pack_version}",
        run=run,
        points=run_points(run),
        alerts=run.alerts(),
        alert_log=run.alert_log,
        severity_label=severity_label,
        colour=lambda severity: severity_background(severity, theme),
        superseded=_superseded(run),
        summary=monitoring_summary(run),
        missing=run.missing_required(),
        t=theme.as_dict(),
        base_pt=base_pt,
        duration_text=duration_text,
        local_time=local_time,
    )
