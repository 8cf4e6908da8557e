"""Shared building blocks of the pack format: strict text, ids, dates, references."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from app.core.links import link_problem

FORMAT_VERSION = 1

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
SEMVER_PATTERN = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=80)]
"""Lower-case kebab-case identifier: `esketamine-trd`, `bp-40-min`."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
"""A non-empty line or paragraph of plain text (never coerced from numbers or booleans)."""

Markdown = Annotated[str, StringConstraints(min_length=1, max_length=100_000)]
"""CommonMark text; raw HTML in it is shown as text, never interpreted."""

Semver = Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)]


def _iso_date(value: Any) -> Any:
    """Accept a quoted ISO date as well as YAML's own date scalar."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"expected a date written as YYYY-MM-DD, found {value!r}") from None
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    duplicates = [v for v in values if v in seen or seen.add(v)]  # type: ignore[func-returns-value]
    if duplicates:
        raise ValueError(f"listed more than once: {', '.join(sorted(set(duplicates)))}")
    return values


def _allowed_link(url: str) -> str:
    problem = link_problem(url)
    if problem:
        raise ValueError(problem)
    return url


Link = Annotated[Text, AfterValidator(_allowed_link)]
"""A reference address: only schemes on the allow-list in app.core.links (no javascript:, file:)."""

RefIds = Annotated[list[Id], AfterValidator(_unique), Field(default_factory=list)]
"""Reference ids from the pack's reference list."""


class Strict(BaseModel):
    """Base of every format model: no unknown fields, no silent type coercion, and every number
    finite (a calculator bound of `.inf` or `.nan` would make any dose pass its checks)."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, allow_inf_nan=False)


class Status(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    RETIRED = "retired"


class EvidenceTier(StrEnum):
    A = "A"
    """Regulator, product label, REMS, manufacturer medical information."""
    B = "B"
    """Peer-reviewed study, guideline or consensus statement."""
    C = "C"
    """Secondary source (label mirror, news, clinic page)."""


TIER_LABELS = {
    EvidenceTier.A: "Regulator / label",
    EvidenceTier.B: "Peer-reviewed / guideline",
    EvidenceTier.C: "Secondary source",
}


class Reference(Strict):
    """A source that statements in the pack cite by id."""

    id: Id
    citation: Text
    tier: EvidenceTier = Field(strict=False)
    url: Link | None = None
    doi: Text | None = None
    pmid: Text | None = None
    accessed: IsoDate | None = None
    note: Text | None = None


class Statement(Strict):
    """One clinical statement with the references that support it."""

    text: Text
    references: RefIds
