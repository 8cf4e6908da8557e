"""Shared helpers for the study tests: a fake clock, a store on a fresh user.db, small packs."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.core.packs.loaded import Pack, PackSet
from app.core.packs.loader import load_pack
from app.core.study.store import StudyStore
from app.core.userdata.db import UserDb

GOOD = Path(__file__).resolve().parents[1] / "data" / "packs" / "good"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

CARDS = """
  - id: card-one
    type: basic
    front: What is checked before the dose?
    back: Blood pressure.
    source: test-protocol#monitoring
    tags: [monitoring]
  - id: card-cloze
    type: cloze
    text: Check {{c1::blood pressure}} before the dose and at {{c2::40 minutes::time}}.
    extra: Both are in the monitoring section.
    source: test-protocol#monitoring
    tags: [monitoring, timing]
  - id: card-dose
    type: basic
    front: What is the induction dose?
    back: 56 mg.
    source: test-protocol#dosing
"""
BODY = "Check the blood pressure before the dose. A dose line such as `wt <50 kg` keeps its `<`."


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def make_store(folder: Path, clock: FakeClock, name: str = "user.db") -> StudyStore:
    return StudyStore(UserDb.open(folder / name), clock)


def make_pack(folder: Path, version: str = "1.0.0", cards: str = CARDS, body: str = BODY) -> Pack:
    """A copy of the `good` test pack with the given cards and monitoring section body."""
    shutil.copytree(GOOD, folder)
    manifest = folder / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("version: 1.0.0", f"version: {version}"))
    deck = folder / "docs" / "cards.yaml"
    head = deck.read_text().split("cards:")[0]
    deck.write_text(head + "cards:" + cards)
    protocol = folder / "docs" / "protocol.yaml"
    protocol.write_text(protocol.read_text().replace(BODY, body))
    pack = load_pack(folder)
    assert isinstance(pack, Pack), pack.problems
    return pack


def pack_set(*packs: Pack) -> PackSet:
    return PackSet(packs=list(packs))
