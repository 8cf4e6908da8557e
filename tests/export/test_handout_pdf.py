"""The large-print handout as PDF: key rules first, site details filled or marked, A4 and Letter."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from app.core import model
from app.core.packs.loaded import Pack
from app.core.packs.roots import default_roots, load_packs
from app.export.handouts import HandoutRefused, export_handout_pdf
from app.render.handouts import handout_html, unset_placeholders
from tests.export.handout_pages import differs, page_images, page_texts
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
        filled = re.sub(r"\{\{(\w+)\}\}", lambda m: SITE[m.group(1)], rule.text)
        assert " ".join(filled.split()) in text
    assert "call Riverside Clinic at 0100 200 300" in text and "not set" not in text


def test_unset_site_details_are_marked(tmp_path: Path) -> None:
    """Without configuration each placeholder shows as a visible gap, and the view lists them."""
    pack, handout = _handout()
    out = tmp_path / "handout.pdf"
    export_handout_pdf(pack, handout, out, placeholders={"clinic_name": "Riverside Clinic"}, draft=True)
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


@pytest.mark.parametrize(
    "doc_id", ["esketamine-treatment-day", "ketamine-infusion-day", "ketamine-after-treatment"]
)
def test_unset_contacts_refuse_the_handout_unless_draft(tmp_path: Path, doc_id: str) -> None:
    """No emergency number or crisis line: refused, naming both; nothing is written."""
    pack, handout = _handout(doc_id)
    out = tmp_path / "handout.pdf"
    with pytest.raises(HandoutRefused, match="Crisis line and Emergency number") as refused:
        export_handout_pdf(pack, handout, out, placeholders={"clinic_name": "Riverside Clinic"})
    assert "Settings" in str(refused.value) and "draft" in str(refused.value).lower()
    assert not out.exists()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_a_draft_says_draft_on_every_page_and_a_clean_copy_never(tmp_path: Path) -> None:
    """The draft's every page carries DRAFT in its text and looks different from the clean page (the
    diagonal mark); the clean copy, with contacts set, has no DRAFT anywhere."""
    pack, handout = _handout()
    draft, clean = tmp_path / "draft.pdf", tmp_path / "clean.pdf"
    unset = {k: v for k, v in SITE.items() if k != "crisis_line"}
    pages = export_handout_pdf(pack, handout, draft, placeholders=unset, draft=True)
    assert all("DRAFT" in text for text in page_texts(draft)) and len(page_texts(draft)) == pages
    export_handout_pdf(pack, handout, clean, placeholders=SITE)
    assert not any("DRAFT" in text for text in page_texts(clean))
    drafts, cleans = page_images(draft, "draft"), page_images(clean, "clean")
    assert len(drafts) == pages and all(differs(d, c) for d, c in zip(drafts, cleans, strict=False))


def test_contacts_stand_in_the_key_rules_box_on_page_one(tmp_path: Path) -> None:
    """The emergency number and crisis line are printed on the first page, inside the rules box."""
    for doc_id in ("esketamine-treatment-day", "ketamine-infusion-day", "esketamine-after-treatment"):
        pack, handout = _handout(doc_id)
        out = tmp_path / f"{doc_id}.pdf"
        export_handout_pdf(pack, handout, out, placeholders=SITE)
        first = page_texts(out)[0]
        box = first[first.index("The most important rules") :]
        assert "call 112" in box and "Crisis Line 24/7" in box, doc_id
        assert "Appointment:" in first and "Person taking you home:" in " ".join(page_texts(out)[:2])
