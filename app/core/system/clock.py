"""Time comes from an injected function, so every time-dependent rule can be tested with a fake clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
"""Returns the current time, timezone-aware."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def local_now() -> datetime:
    """Now in the workstation's zone (study days are counted in local time)."""
    return datetime.now().astimezone()
