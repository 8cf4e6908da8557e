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
    """Conditions the document concerns, as ids: `bipolar-disorder`."""
    routes: list[Id] = Field(default_factory=list)
    """Routes of administration: `oral`, `intranasal`, `intravenous`."""
    settings: list[Id] = Field(default_factory=list)
    """Where it applies: `clinic`, `inpatient`, `home`."""
    topics: list[Id] = Field(default_factory=list)
    """Anything else to browse or filter by: `monitoring`, `calculator`, `handout`."""


class Section(Strict):
    """A titled block of Markdown with its sources."""

    id: Id
    """Unique within the document and not a reserved id; links and card sources use it after `#`."""
    title: Text
    """Heading of the section."""
    body: Markdown
    """CommonMark Markdown: paragraphs, lists, emphasis, tables and links (`doc:` links open inside the
    app); raw HTML is shown as text."""
    references: RefIds
    """Ids of the references behind the section; `validate --strict` wants at least one."""


class DocumentMeta(Strict):
    """Fields common to every document kind."""

    id: Id
    """Unique within the pack; lower-case letters, digits and hyphens. Links, card sources, search and the
    command line use it."""
    title: Text
    """Title shown in lists, the reader and printouts."""
    summary: Text
    """One or two sentences shown in search results and at the top of the document."""
    aliases: list[Text] = Field(default_factory=list)
    """Other names a reader may search for: brand names, abbreviations, lay words."""
    tags: Tags = Field(default_factory=Tags)
    """Conditions, routes, settings and topics that browse and search filter by."""
    status: Status = Field(strict=False)
    """`draft` (shown with a banner, refused by validate --strict), `active`, or `retired` (kept for
    reference with a banner)."""
    version: Semver
    """The document's own version (1.2.0); raise it whenever its content changes."""
    last_reviewed: IsoDate
    """When the content was last checked against its sources (YYYY-MM-DD)."""
    review_due: IsoDate
    """When it must be checked again; after that date the reader shows it as overdue."""
    reviewers: list[Text] = Field(min_length=1)
    """Who reviewed it (names or roles)."""
    regulatory_status: RegulatoryStatus = Field(strict=False)
    """`approved`, `off-label`, `experimental` or `not-applicable`, for the use the document describes."""
    regulatory_note: Text | None = None
    """One line that explains the regulatory status, shown beside it."""
    sections: list[Section] = Field(default_factory=list)
    """Authored sections, shown after the document's structured part."""
    see_also: list[Id] = Field(default_factory=list)
    """Ids of related documents in the same pack, shown as links."""

    @model_validator(mode="after")
    def _review_after_last_review(self) -> DocumentMeta:
        if self.review_due <= self.last_reviewed:
            raise ValueError("`review_due` must come after `last_reviewed`")
        return self
