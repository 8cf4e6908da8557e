"""`pack.yaml`: what a pack is, who publishes it, its references, synonyms, placeholders and change log."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, model_validator

from app.core.model.common import FORMAT_VERSION, Id, IsoDate, Reference, Semver, Status, Strict, Text

PLACEHOLDER_NAME = r"[a-z][a-z0-9_]*"
PLACEHOLDER_PATTERN = rf"^{PLACEHOLDER_NAME}$"
PLACEHOLDER_USE = re.compile(r"\{\{\s*(" + PLACEHOLDER_NAME + r")\s*\}\}")
"""`{{ clinic_phone }}` in a text: the one pattern the checks, the index and the renderers share."""


class SynonymGroup(Strict):
    """Terms a search treats as the same: `[esketamine, spravato]`."""

    terms: list[Text] = Field(min_length=2)
    """Two or more terms that search treats as one: `[lithium, priadel]`."""


class Abbreviation(Strict):
    short: Text
    """The abbreviation as written: `TSH`."""
    long: Text
    """What it stands for, used by search."""


class Placeholder(Strict):
    """A value each site fills in, used in handouts as {{name}}."""

    name: str = Field(pattern=PLACEHOLDER_PATTERN)
    """Name used in text as {{name}}: lower-case letters, digits and underscores."""
    label: Text
    """What the site's settings call the value."""
    description: Text | None = None
    """What to fill in, for the site's administrator."""
    example: Text | None = None
    """An example value."""
    default: Text | None = Field(
        default=None,
        description="The value used until a site sets its own (a default rule the site may change).",
    )
    required_to_print: bool = Field(
        default=False,
        description="A patient contact (emergency, crisis line): a handout is not printed or exported "
        "while it is unset, except as a draft marked DRAFT on every page. Every handout's key rules "
        "must use it.",
    )


class ChangeNote(Strict):
    """One release in the pack's own change log, written for clinicians (what changed and why)."""

    version: Semver
    """The version this entry describes."""
    date: IsoDate
    """When that version was released (YYYY-MM-DD)."""
    notes: list[Text] = Field(min_length=1)
    """What changed and why, one line each, for clinicians."""


class PackManifest(Strict):
    format: Literal[1] = Field(description=f"Pack format version; this app reads {FORMAT_VERSION}.")
    id: Id
    """The pack's id; lower-case letters, digits and hyphens. Usually the folder's name."""
    title: Text
    """The pack's title, shown in About, browse and printouts."""
    version: Semver
    """The pack's version (semver, 1.4.0); raise it whenever any file changes, before signing."""
    publisher: Text
    """Who publishes the pack: a site, a team or an organisation."""
    licence: Text
    """Licence of the content: `CC BY 4.0`, `internal use only`."""
    language: str = Field(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")
    """Language of the content: `en` or `en-GB`."""
    status: Status = Field(strict=False)
    """`draft`, `active` or `retired`, for the pack as a whole."""
    released: IsoDate
    """Release date of this version (YYYY-MM-DD)."""
    review_interval_months: int = Field(ge=1, le=60)
    """How often documents are reviewed by default (1 to 60 months)."""
    min_app_version: Semver
    """The oldest Protocol Desk that can read the pack."""
    disclaimer: Text
    """Shown in About and on printouts."""
    references: list[Reference] = Field(min_length=1)
    """Every source the pack cites; documents refer to them by id."""
    synonyms: list[SynonymGroup] = Field(default_factory=list)
    """Groups of terms that search treats as the same."""
    abbreviations: list[Abbreviation] = Field(default_factory=list)
    """Abbreviations that search expands."""
    placeholders: list[Placeholder] = Field(default_factory=list)
    """Values each site fills in (clinic name, phone), used in handouts as {{name}}."""
    changes: list[ChangeNote] = Field(
        default_factory=list,
        description="The authors' change log, one entry per release; `pack diff` shows the entries "
        "between the two versions compared before the section-by-section differences.",
    )

    @model_validator(mode="after")
    def _unique_reference_ids(self) -> PackManifest:
        ids = [r.id for r in self.references]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"reference ids listed more than once: {', '.join(duplicates)}")
        return self
