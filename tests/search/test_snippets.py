"""Snippets (issue 14): placeholders read as the site's values or a marker, never `{{...}}`; only
whole words that say something are highlighted, never a stop word on its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.search import SearchIndex
from app.core.search.text import with_site_values
from tests.search.support import load, protocol, write_pack

PLACEHOLDERS = {
    "placeholders": [
        {"name": "clinic_name", "label": "Clinic name"},
        {"name": "fasting_hours", "label": "Hours without food"},
        {"name": "clear_fluids_hours", "label": "Hours before when drinks stop", "default": "2"},
    ]
}
RULE = (
    "Do not eat for {{fasting_hours}} hours before the infusion, or drink for {{clear_fluids_hours}}. "
    "Call {{clinic_name}} with questions."
)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    root = tmp_path_factory.mktemp("snippets")
    documents = [
        protocol("day", "Infusion day for {{clinic_name}}", {"fasting": ("Fasting", RULE)}),
        protocol("other", "Other", {"box": ("Box", "What is in the box is a thing for you and it.")}),
    ]
    packs = load(write_pack(root, "snippets", documents, **PLACEHOLDERS))
    with SearchIndex.build(packs, Path(root) / "index.db") as built:
        yield built


def _hit(index: SearchIndex, query: str, **options: object):  # type: ignore[no-untyped-def]
    hits = index.search(query, **options).hits  # type: ignore[arg-type]
    assert hits, query
    return hits[0]


def test_placeholders_without_a_site_value_read_as_markers(index: SearchIndex) -> None:
    hit = _hit(index, "fasting infusion")
    assert "{{" not in hit.snippet_text and "{{" not in hit.snippet_html and "{{" not in hit.title
    assert "[fasting hours]" in hit.snippet_text and "[clinic name]" in hit.snippet_text
    assert hit.title == "Infusion day for [clinic name]"
    assert "or drink for 2." in hit.snippet_text  # the pack's default, as the handout prints it


def test_placeholders_show_the_site_values(index: SearchIndex) -> None:
    values = {"fasting_hours": "6", "clinic_name": "Riverside <Clinic>"}
    hit = _hit(index, "fasting infusion", site_values=values)
    assert "Do not eat for 6 hours" in hit.snippet_text
    assert "Call Riverside <Clinic> with questions" in hit.snippet_text
    assert "Riverside &lt;Clinic&gt;" in hit.snippet_html  # a site value is text, never markup
    assert hit.title == "Infusion day for Riverside <Clinic>"
    assert (
        "or drink for 3."
        in _hit(index, "drink infusion", site_values={"clear_fluids_hours": "3"}).snippet_text
    )
    # A value left empty keeps the marker.
    blank = _hit(index, "fasting infusion", site_values={"fasting_hours": " "})
    assert "[fasting hours]" in blank.snippet_text


def test_site_values_replace_only_their_own_markers() -> None:
    text = "Call [clinic name] or [clinic phone]; see [the table]."
    assert (
        with_site_values(text, {"clinic_name": "Riverside"})
        == "Call Riverside or [clinic phone]; see [the table]."
    )
    assert with_site_values("no markers", {"clinic_name": "Riverside"}) == "no markers"


def test_stop_words_are_never_highlighted_alone(index: SearchIndex) -> None:
    """A query of nothing but common words still finds text, but marks none of them."""
    hit = _hit(index, "what is in the box")
    assert "<b>box</b>" in hit.snippet_html
    for word in ("What", "is", "in", "the", "it", "a", "for", "you"):
        assert f"<b>{word}</b>" not in hit.snippet_html, word
    only_common = _hit(index, "what is it")
    assert "<b>" not in only_common.snippet_html


def test_highlights_are_whole_words(index: SearchIndex) -> None:
    hit = _hit(index, "fast infusion")
    html = hit.snippet_html
    assert "<b>infusion</b>" in html
    assert "<b>fast</b>ing" not in html and "<b>fast" not in html.replace("<b>fasting</b>", "")
