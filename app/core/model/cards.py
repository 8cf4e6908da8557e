"""Study cards: question and answer, or cloze, each tied to the section it comes from."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, field_validator

from app.core.model.common import Id, Strict, Text
from app.core.model.document import DocumentMeta

SOURCE_PATTERN = r"^[a-z0-9][a-z0-9-]*#[a-z0-9][a-z0-9-]*$"
CLOZE_PATTERN = re.compile(r"\{\{c(\d+)::(.+?)(?:::(.+?))?\}\}")

Source = Annotated[str, Field(pattern=SOURCE_PATTERN)]
"""`document-id#section-id`"""


class CardBase(Strict):
    id: Id
    """Unique within the deck; study progress is kept under it."""
    source: Source
    """Where the card comes from: `document-id#section-id` (structured parts have reserved ids such as
    `indications`)."""
    tags: list[Id] = Field(default_factory=list)
    """Ids to group cards in study sessions."""


class BasicCard(CardBase):
    type: Literal["basic"]
    """Selects a question-and-answer card."""
    front: Text
    """The question."""
    back: Text
    """The answer."""


class ClozeCard(CardBase):
    """`text` holds deletions written as {{c1::answer}} or {{c1::answer::hint}}."""

    type: Literal["cloze"]
    """Selects a fill-in-the-gap card."""
    text: Text
    """Text with gaps written as {{c1::answer}} or {{c1::answer::hint}}."""
    extra: Text | None = None
    """Shown with the answer."""

    @field_validator("text")
    @classmethod
    def _has_deletion(cls, value: str) -> str:
        if not CLOZE_PATTERN.search(value):
            raise ValueError("a cloze card needs at least one deletion written as {{c1::answer}}")
        return value


Card = Annotated[BasicCard | ClozeCard, Field(discriminator="type")]


class CardDeck(DocumentMeta):
    kind: Literal["cards"]
    """Selects this document kind."""
    cards: list[Card] = Field(min_length=1)
    """The cards of the deck."""
