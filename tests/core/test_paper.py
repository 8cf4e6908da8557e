"""The paper printing starts from: the site's setting, else the locale's custom."""

from __future__ import annotations

import pytest

from app.core.system.paper import paper_for_locale


@pytest.mark.parametrize(
    ("setting", "locale", "paper"),
    [
        ("auto", "en_US", "Letter"),
        ("auto", "fr_CA.UTF-8", "Letter"),
        ("auto", "en-GB", "A4"),
        ("auto", "de_DE", "A4"),
        ("auto", "C", "A4"),
        ("A4", "en_US", "A4"),
        ("Letter", "de_DE", "Letter"),
    ],
)
def test_paper_for_locale(setting: str, locale: str, paper: str) -> None:
    assert paper_for_locale(setting, locale) == paper
