"""The large-print handout as PDF: key rules first, site details filled or marked, A4 and Letter."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.core import model
from app.core.packs.loaded import Pack
from app.core.packs.roots import default_roots, load_packs
from app.export.handouts import export_handout_pdf
from app.render.handouts import handout_html, unset_placeholders
from tests.export.pdf_text import page_width_pt, pdf_text

SITE = {
    "clinic_name": "Riverside Clinic",
    "clinic_phone": "0100 200 300",
    "after_hours_phone": "0100 999 999",
    "crisis_line": "Crisis Line 24/7",
    "emergency_number": "112",
}


def _handout(doc_id: str = "esketamine-treatment-day") -> tuple[Pack, model.Instructions]:
    found = load_packs(default_roots([])).find(doc_id)
    assert found is not None and isinstance(found[1], model.Instructions)
    return found[0], found[1]


@pytest.mark.parametrize(("size", "width"), [("A4", 595), ("Letter", 612)])
def test_handout_pdf_has_rules_and_site_details(tmp_path: Path, size: str, width: int) -> None:
    """Title, every key rule and the site's phone numbers are in the PDF, on the chosen paper."""
    pack, handout = _handout()
    out = tmp_path / "handout.pdf"
    pages = export_handout_pdf(pack, handout, out, page_size=size, placeholders=SITE)
    text = pdf_text(out)
    assert pages >= 2 and page_width_pt(out) == width
    assert handout.title in text and "The most important rules" in text
    for rule in handout.key_rules:
        assert " ".join(rule.text.split()) in text
    assert "call Riverside Clinic at 0100 200 300" in text and "not set" not in text


def test_unset_site_details_are_marked(tmp_path: Path) -> None:
    """Without configuration each placeholder shows as a visible gap, and the view lists them."""
    pack, handout = _handout()
    out = tmp_path / "handout.pdf"
    export_handout_pdf(pack, handout, out, placeholders={"clinic_name": "Riverside Clinic"})
    text = pdf_text(out)
    assert "[Clinic phone number (office hours): not set]" in text
    assert "[Emergency number: not set]" in text
    missing = unset_placeholders(pack, handout, {"clinic_name": "Riverside Clinic"})
    assert "Clinic name" not in missing and "Emergency number" in missing


def test_handout_is_large_print_and_escaped() -> None:
    """Body text is at least 14 pt, and a site value is text, never markup."""
    pack, handout = _handout()
    html = handout_html(pack, handout, {"clinic_name": "<b>Evil</b> & Co"})
    assert "font-size: 15.0pt" in html
    assert "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in html and "<b>Evil</b>" not in html


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_handout_pages_render(tmp_path: Path) -> None:
    """Every page of the PDF renders to an image (pdftoppm), for a person to look at."""
    pack, handout = _handout("ketamine-infusion-day")
    out = tmp_path / "handout.pdf"
    pages = export_handout_pdf(pack, handout, out, page_size="Letter", placeholders=SITE)
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(out), str(tmp_path / "page")], check=True)
    assert len(list(tmp_path.glob("page-*.png"))) == pages
