"""Counts read as words: "1 pack", "3 entries", never "pack(s)"."""

from __future__ import annotations

import re
from pathlib import Path

from app.core.wording import plural, verb

APP = Path(__file__).resolve().parents[2] / "app"


def test_plural_forms() -> None:
    """One takes the singular; any other count the plural, regular or not."""
    assert plural(1, "pack") == "1 pack"
    assert plural(0, "pack") == "0 packs"
    assert plural(3, "entry") == "3 entries"
    assert plural(2, "criterion", "criteria") == "2 criteria"
    assert (verb(1, "was"), verb(2, "was"), verb(2, "has")) == ("was", "were", "have")


def test_no_message_in_the_app_says_s_in_brackets() -> None:
    """No user-facing string in the app writes a count as "document(s)"."""
    offenders = [
        f"{path.relative_to(APP)}:{number}"
        for path in APP.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\w\(s\)", line) and "wording.py" not in path.name
    ]
    assert offenders == []
