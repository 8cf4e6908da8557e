"""`pack.yaml`: what a pack is, who publishes it, its references, synonyms, placeholders and change log."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, model_validator

from app.core.model.common import FORMAT_VERSION, Id, IsoDate, Reference, Semver, Status, Strict, Text

MANIFEST = "pack.yaml"
"""The file that makes a folder a pack."""
PLACEHOLDER_NAME = r"[a-z][a-z0-9_]*"
PLACEHOLDER_PATTERN = rf"^{PLACEHOLDER_NAME}$"
PLACEHOLDER_USE = re.compile(r"\{\{\s*(" + PLACEHOLDER_NAME + r")\s*\}\}")
"""`{{ clinic_phone }}` in a text: the one pattern the checks, the index and the renderers share."""


class SynonymGroup(Strict):
    """Terms a search treats as the same: `[esketamine, spravato]`."""

    terms: list[Text] = Field(min_length=2)


class Abbreviation(Strict):
    short: Text
    long: Text


class Placeholder(Strict):
    """A value each site fills in, used in handouts as {{name}}."""

    name: str = Field(pattern=PLACEHOLDER_PATTERN)
    label: Text
    description: Text | None = None
    example: Text | None = None


class ChangeNote(Strict):
    """One release in the pack's own change log, written for clinicians (what changed and why)."""

    version: Semver
    date: IsoDate
    notes: list[Text] = Field(min_length=1)


class PackManifest(Strict):
    format: Literal[1] = Field(description=f"Pack format version; this app reads {FORMAT_VERSION}.")
    id: Id
    title: Text
    version: Semver
    publisher: Text
    licence: Text
    language: str = Field(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")
    status: Status = Field(strict=False)
    released: IsoDate
    review_interval_months: int = Field(ge=1, le=60)
    min_app_version: Semver
    disclaimer: Text
    references: list[Reference] = Field(min_length=1)
    synonyms: list[SynonymGroup] = Field(default_factory=list)
    abbreviations: list[Abbreviation] = Field(default_factory=list)
    placeholders: list[Placeholder] = Field(default_factory=list)
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
