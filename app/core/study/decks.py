"""Study items built from the packs' card decks, and the decks a trainee can choose from.

A basic card is one item; a cloze card is one item per deletion number, as in Anki, so
`{{c1::...}}` and `{{c2::...}}` are learned (and scheduled) separately. Keys are
`pack/deck/card` or `pack/deck/card/cN`: stable across pack versions, so progress survives updates.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from enum import StrEnum

from app.core import model
from app.core.model.cards import CLOZE_PATTERN
from app.core.packs.loaded import Pack, PackSet
from app.core.packs.outline import outline


@dataclass(frozen=True)
class StudyItem:
    """One thing to recall: a question, its answer, and the section it comes from."""

    key: str
    pack_id: str
    deck_id: str
    card_id: str
    cloze: int | None
    question: str
    answer: str
    hidden: tuple[str, ...]
    """The words a cloze item asks for (empty for basic cards)."""
    extra: str
    source_doc: str
    source_section: str
    tags: tuple[str, ...]
    fingerprint: str
    """Hash of the card's text and its source section's text: changes when either does."""

    @property
    def source(self) -> str:
        return f"{self.source_doc}#{self.source_section}"


def card_key(pack_id: str, deck_id: str, card_id: str, cloze: int | None = None) -> str:
    return f"{pack_id}/{deck_id}/{card_id}" + (f"/c{cloze}" if cloze is not None else "")


def cloze_numbers(text: str) -> list[int]:
    return sorted({int(match.group(1)) for match in CLOZE_PATTERN.finditer(text)})


def cloze_question(text: str, number: int) -> str:
    """Deletion `number` hidden (as its hint or `[...]`), the others shown as plain words."""

    def show(match: re.Match[str]) -> str:
        if int(match.group(1)) != number:
            return match.group(2)
        return f"[{match.group(3)}]" if match.group(3) else "[...]"

    return CLOZE_PATTERN.sub(show, text)


def cloze_full(text: str) -> str:
    return CLOZE_PATTERN.sub(lambda match: match.group(2), text)


def cloze_hidden(text: str, number: int) -> tuple[str, ...]:
    return tuple(m.group(2) for m in CLOZE_PATTERN.finditer(text) if int(m.group(1)) == number)


def section_text(pack: Pack, source: str) -> str:
    doc_id, _, section_id = source.partition("#")
    document = pack.documents.get(doc_id)
    if document is None:
        return ""
    return next((s.text for s in outline(document) if s.id == section_id), "")


def fingerprint(*parts: str) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


def card_items(pack: Pack, deck: model.CardDeck, card: model.Card) -> list[StudyItem]:
    doc_id, _, section_id = card.source.partition("#")
    source = section_text(pack, card.source)
    own = (card.front, card.back) if isinstance(card, model.BasicCard) else (card.text, card.extra or "")
    basic = StudyItem(
        key=card_key(pack.id, deck.id, card.id),
        pack_id=pack.id,
        deck_id=deck.id,
        card_id=card.id,
        cloze=None,
        question=own[0],
        answer=own[1],
        hidden=(),
        extra="",
        source_doc=doc_id,
        source_section=section_id,
        tags=tuple(card.tags),
        fingerprint=fingerprint(*own, source),
    )
    if isinstance(card, model.BasicCard):
        return [basic]
    return [
        replace(
            basic,
            key=card_key(pack.id, deck.id, card.id, n),
            cloze=n,
            question=cloze_question(card.text, n),
            answer=cloze_full(card.text),
            hidden=cloze_hidden(card.text, n),
            extra=card.extra or "",
        )
        for n in cloze_numbers(card.text)
    ]


def study_items(packs: PackSet) -> list[StudyItem]:
    """Every item of every loaded pack, in pack and deck order."""
    items: list[StudyItem] = []
    for pack, document in packs.documents():
        if isinstance(document, model.CardDeck):
            for card in document.cards:
                items.extend(card_items(pack, document, card))
    return items


class DeckKind(StrEnum):
    ALL = "all"
    PACK = "pack"
    DOCUMENT = "document"
    CARDS = "cards"
    TAG = "tag"


@dataclass(frozen=True)
class Deck:
    """A filter over the items: every card, a pack, a source document, a card deck or a tag."""

    kind: DeckKind = DeckKind.ALL
    value: str = ""
    """pack id, `pack/document id`, `pack/deck id` or tag"""
    title: str = "All cards"

    def contains(self, item: StudyItem) -> bool:
        match self.kind:
            case DeckKind.ALL:
                return True
            case DeckKind.PACK:
                return item.pack_id == self.value
            case DeckKind.DOCUMENT:
                return f"{item.pack_id}/{item.source_doc}" == self.value
            case DeckKind.CARDS:
                return f"{item.pack_id}/{item.deck_id}" == self.value
            case _:
                return self.value in item.tags

    def select(self, items: list[StudyItem]) -> list[StudyItem]:
        return [item for item in items if self.contains(item)]


def _title(packs: PackSet, pack_id: str, doc_id: str) -> str:
    pack = packs.pack(pack_id)
    document = pack.documents.get(doc_id) if pack else None
    return document.title if document else doc_id


def available_decks(packs: PackSet, items: list[StudyItem]) -> list[Deck]:
    """All cards, then each pack, card deck, source document and tag that has items."""
    decks = [Deck()]
    seen: set[tuple[DeckKind, str]] = set()
    for kind, value, title in _deck_candidates(packs, items):
        if (kind, value) not in seen:
            seen.add((kind, value))
            decks.append(Deck(kind, value, title))
    order = [DeckKind.ALL, DeckKind.PACK, DeckKind.CARDS, DeckKind.DOCUMENT, DeckKind.TAG]
    return sorted(decks, key=lambda d: (order.index(d.kind), d.title.casefold()))


def _deck_candidates(packs: PackSet, items: list[StudyItem]) -> list[tuple[DeckKind, str, str]]:
    found = []
    for item in items:
        pack = packs.pack(item.pack_id)
        found.append((DeckKind.PACK, item.pack_id, pack.manifest.title if pack else item.pack_id))
        deck = f"{item.pack_id}/{item.deck_id}"
        found.append((DeckKind.CARDS, deck, _title(packs, item.pack_id, item.deck_id)))
        source = f"{item.pack_id}/{item.source_doc}"
        found.append((DeckKind.DOCUMENT, source, _title(packs, item.pack_id, item.source_doc)))
        found.extend((DeckKind.TAG, tag, tag) for tag in item.tags)
    return found


def document_deck(pack: Pack, document: model.Document, items: list[StudyItem]) -> Deck | None:
    """The deck for "Study this document" / "Study these cards", or None when no card is about it."""
    if isinstance(document, model.CardDeck):
        deck = Deck(DeckKind.CARDS, f"{pack.id}/{document.id}", document.title)
    else:
        deck = Deck(DeckKind.DOCUMENT, f"{pack.id}/{document.id}", document.title)
    return deck if any(deck.contains(item) for item in items) else None
