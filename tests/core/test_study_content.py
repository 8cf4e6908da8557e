"""Study items from packs, and what a pack update does to them: content changed, retired, restored."""

from __future__ import annotations

from pathlib import Path

from app.core.study.decks import available_decks, document_deck, study_items
from app.core.study.scheduler import Rating
from app.core.study.session import StudySession
from app.core.study.store import StudyStore
from tests.core.test_study_support import BODY, CARDS, FakeClock, make_pack, make_store, pack_set

CHANGED_BODY = "Check the blood pressure before the dose and again at 40 minutes."


def test_cloze_gives_one_item_per_deletion(tmp_path: Path) -> None:
    """c1 and c2 are separate items with stable keys; each hides only its own words."""
    items = study_items(pack_set(make_pack(tmp_path / "pack")))
    keys = [item.key for item in items]
    assert keys == [
        "test-good/test-cards/card-one",
        "test-good/test-cards/card-cloze/c1",
        "test-good/test-cards/card-cloze/c2",
        "test-good/test-cards/card-dose",
    ]
    c1, c2 = items[1], items[2]
    assert c1.question == "Check [...] before the dose and at 40 minutes."
    assert c2.question == "Check blood pressure before the dose and at [time]."
    assert c1.hidden == ("blood pressure",) and c2.hidden == ("40 minutes",)
    assert c1.answer == "Check blood pressure before the dose and at 40 minutes."
    assert (c1.source_doc, c1.source_section) == ("test-protocol", "monitoring")


def test_decks_offered_and_document_deck(tmp_path: Path) -> None:
    """The deck list has all cards, the pack, the card deck, source documents and tags."""
    pack = make_pack(tmp_path / "pack")
    packs = pack_set(pack)
    items = study_items(packs)
    titles = [deck.title for deck in available_decks(packs, items)]
    assert titles == ["All cards", "Test pack", "Test cards", "Test protocol", "monitoring", "timing"]
    protocol = document_deck(pack, pack.documents["test-protocol"], items)
    assert protocol is not None and len(protocol.select(items)) == 4
    cards = document_deck(pack, pack.documents["test-cards"], items)
    assert cards is not None and len(cards.select(items)) == 4


def _studied(tmp_path: Path, clock: FakeClock) -> tuple[StudyStore, list[str]]:
    """Version 1 loaded and every card learned (Easy), so nothing is due today."""
    store = make_store(tmp_path, clock)
    items, report = store.sync_packs(pack_set(make_pack(tmp_path / "v1")))
    assert report.added == 4
    session = StudySession(store, items, new_per_day=10)
    while session.current is not None:
        session.answer(Rating.EASY)
        clock.advance(seconds=10)
    return store, [item.key for item in items]


def test_changed_section_flags_its_cards_and_brings_them_forward(tmp_path: Path) -> None:
    """A new pack version with a different source section flags the cards citing it, due now."""
    clock = FakeClock()
    store, keys = _studied(tmp_path, clock)
    clock.advance(days=1)
    v2 = make_pack(tmp_path / "v2", version="1.1.0", body=CHANGED_BODY)
    items, report = store.sync_packs(pack_set(v2))
    assert report.changed == 3  # the three items citing #monitoring, not the dosing card
    records = store.records()
    flagged = {key for key, record in records.items() if record.content_changed}
    assert flagged == set(keys[:3])
    assert all((records[key].memory.due or clock.now) <= clock.now for key in flagged)
    session = StudySession(store, items, new_per_day=10)
    assert session.counts().review == 3
    assert session.current is not None and session.content_changed(session.current)
    session.answer(Rating.GOOD)
    log = store.reviews()
    assert log[-1].content_changed
    answered = store.record(log[-1].card_key)
    assert answered is not None and not answered.content_changed
    assert answered.memory.due is not None and answered.memory.due > clock.now


def test_same_content_in_a_new_version_changes_nothing(tmp_path: Path) -> None:
    """A version bump without text changes flags nothing."""
    clock = FakeClock()
    store, _ = _studied(tmp_path, clock)
    same = make_pack(tmp_path / "v2", version="1.0.1", body=BODY)
    _, report = store.sync_packs(pack_set(same))
    assert report.changed == 0 and report.added == 0


def test_removed_card_is_retired_with_history_then_restored(tmp_path: Path) -> None:
    """A card gone from its pack is retired (its reviews kept); it returns with them if it comes back."""
    clock = FakeClock()
    store, keys = _studied(tmp_path, clock)
    without_dose = CARDS.split("  - id: card-dose")[0]
    v2 = make_pack(tmp_path / "v2", version="2.0.0", cards=without_dose)
    _, report = store.sync_packs(pack_set(v2))
    assert report.retired == 1
    dose = store.record(keys[3])
    assert dose is not None and dose.retired_at is not None
    assert any(r.card_key == keys[3] for r in store.reviews())
    _, report = store.sync_packs(pack_set(make_pack(tmp_path / "v3", version="2.1.0")))
    restored = store.record(keys[3])
    assert report.restored == 1 and restored is not None and restored.retired_at is None


def test_absent_pack_retires_nothing(tmp_path: Path) -> None:
    """When a pack is not loaded at all (a share offline), its cards are left alone."""
    clock = FakeClock()
    store, _ = _studied(tmp_path, clock)
    _, report = store.sync_packs(pack_set())
    assert report.retired == 0
