"""Metadata and sections that every document kind shares."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from app.core.model.common import Id, IsoDate, Markdown, RefIds, Semver, Status, Strict, Text


class RegulatoryStatus(StrEnum):
    APPROVED = "approved"
    OFF_LABEL = "off-label"
    EXPERIMENTAL = "experimental"
    NOT_APPLICABLE = "not-applicable"


class Tags(Strict):
    """Browse and filter facets."""

    conditions: list[Id] = Field(default_factory=list)
    routes: list[Id] = Field(default_factory=list)
    settings: list[Id] = Field(default_factory=list)
    topics: list[Id] = Field(default_factory=list)


class Section(Strict):
    """A titled block of Markdown with its sources."""

    id: Id
    title: Text
    body: Markdown
    references: RefIds


class DocumentMeta(Strict):
    """Fields common to every document kind."""

    id: Id
    title: Text
    summary: Text
    aliases: list[Text] = Field(default_factory=list)
    tags: Tags = Field(default_factory=Tags)
    status: Status = Field(strict=False)
    version: Semver
    last_reviewed: IsoDate
    review_due: IsoDate
    reviewers: list[Text] = Field(min_length=1)
    regulatory_status: RegulatoryStatus = Field(strict=False)
    regulatory_note: Text | None = None
    sections: list[Section] = Field(default_factory=list)
    see_also: list[Id] = Field(default_factory=list)

    @model_validator(mode="after")
    def _review_after_last_review(self) -> DocumentMeta:
        if self.review_due <= self.last_reviewed:
            raise ValueError("`review_due` must come after `last_reviewed`")
        return self
