"""Problems found in content: where, how bad, and what to do, in an author's words."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding. `file` is relative to the pack folder; `pack` is that folder as given."""

    pack: str
    file: str
    line: int
    column: int
    severity: Level
    code: str
    message: str

    @property
    def location(self) -> str:
        joined = f"{self.pack.rstrip('/')}/{self.file}" if self.pack and self.file else self.pack or self.file
        return f"{joined}:{self.line}:{self.column}"

    def format(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message} [{self.code}]"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["location"] = self.location
        return data

    def escalated(self) -> Problem:
        """The same finding as an error (for --strict)."""
        return Problem(self.pack, self.file, self.line, self.column, Level.ERROR, self.code, self.message)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Level.ERROR for p in problems)
