"""The clock and the study day: time comes from an injected function, so tests set it.

A study day starts at 04:00 local time (Anki's default), so a session after midnight still
counts towards the evening it belongs to.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from app.core.system.clock import local_now

DAY_STARTS_AT = time(4)


system_clock = local_now
"""The clock study uses by default: local time, the zone study days are counted in."""


def zone(moment: datetime) -> tzinfo:
    return moment.tzinfo or UTC


def study_day(moment: datetime, where: tzinfo) -> date:
    """The study day `moment` belongs to, counted in the zone `where`."""
    local = moment.astimezone(where)
    return (local - timedelta(hours=DAY_STARTS_AT.hour)).date()


def day_start(day: date, where: tzinfo) -> datetime:
    return datetime.combine(day, DAY_STARTS_AT, tzinfo=where)


def day_end(day: date, where: tzinfo) -> datetime:
    return day_start(day + timedelta(days=1), where)


def stamp(moment: datetime) -> str:
    """Fixed-width UTC text: sorts like the instants it names, and is the merge key on import."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)
