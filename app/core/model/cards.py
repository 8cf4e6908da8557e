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
    source: Source
    tags: list[Id] = Field(default_factory=list)


class BasicCard(CardBase):
    type: Literal["basic"]
    front: Text
    back: Text


class ClozeCard(CardBase):
    """`text` holds deletions written as {{c1::answer}} or {{c1::answer::hint}}."""

    type: Literal["cloze"]
    text: Text
    extra: Text | None = None

    @field_validator("text")
    @classmethod
    def _has_deletion(cls, value: str) -> str:
        if not CLOZE_PATTERN.search(value):
            raise ValueError("a cloze card needs at least one deletion written as {{c1::answer}}")
        return value


Card = Annotated[BasicCard | ClozeCard, Field(discriminator="type")]


class CardDeck(DocumentMeta):
    kind: Literal["cards"]
    cards: list[Card] = Field(min_length=1)
