"""The self-test's report: named steps that pass, fail or are skipped, written as JSON and text.

The steps themselves live with the layers they exercise (the command line runs rendering and PDF
export); this module only runs them, times them, and turns a step that raises into a failure.
"""

from __future__ import annotations

import json
import platform as host
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from app import __version__
from app.core.system.paths import is_frozen


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Outcome:
    """What a step returns: a one-line summary and optional detail lines."""

    summary: str
    details: tuple[str, ...] = ()
    status: Status = Status.PASSED


@dataclass(frozen=True)
class StepResult:
    name: str
    status: Status
    summary: str
    details: tuple[str, ...]
    seconds: float


Step = tuple[str, Callable[[], Outcome]]


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass
class SelfTestReport:
    version: str = __version__
    frozen: bool = field(default_factory=is_frozen)
    platform: str = field(default_factory=host.platform)
    python: str = field(default_factory=host.python_version)
    executable: str = sys.executable
    started: str = field(default_factory=_now)
    steps: list[StepResult] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return bool(self.steps) and all(step.status is not Status.FAILED for step in self.steps)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["passed"] = self.passed
        return data

    def to_text(self) -> str:
        lines = [
            f"Protocol Desk {self.version} self-test, {self.started}",
            f"{'frozen build' if self.frozen else 'source'}: {self.executable} on {self.platform}",
            "",
        ]
        for step in self.steps:
            status = step.status.value.upper()
            lines.append(f"[{status:7}] {step.name}: {step.summary} ({step.seconds:.2f} s)")
            lines += [f"          {detail}" for detail in step.details]
        lines += ["", "RESULT: " + ("PASSED" if self.passed else "FAILED")]
        return "\n".join(lines) + "\n"

    def write(self, json_path: Path) -> tuple[Path, Path]:
        """Write `json_path` and a text copy beside it (same name, .txt)."""
        json_path.parent.mkdir(parents=True, exist_ok=True)
        text_path = json_path.with_suffix(".txt")
        json_path.write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n", "utf-8")
        text_path.write_text(self.to_text(), "utf-8")
        return json_path, text_path


def _run_one(name: str, step: Callable[[], Outcome]) -> StepResult:
    started = time.perf_counter()
    try:
        outcome = step()
    except Exception as error:  # a self-test reports every failure instead of stopping at the first
        trace = traceback.format_exception(error)
        lines = tuple(line.rstrip() for chunk in trace[-3:] for line in chunk.splitlines())
        outcome = Outcome(f"raised {type(error).__name__}: {error}", lines, Status.FAILED)
    seconds = round(time.perf_counter() - started, 3)
    return StepResult(name, outcome.status, outcome.summary, outcome.details, seconds)


def run_steps(steps: list[Step], on_step: Callable[[StepResult], None] | None = None) -> SelfTestReport:
    """Run every step in order, even after a failure."""
    report = SelfTestReport()
    for name, step in steps:
        result = _run_one(name, step)
        report.steps.append(result)
        if on_step is not None:
            on_step(result)
    return report
