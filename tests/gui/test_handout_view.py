"""The large-print handout view: key rules, site details from configuration, Print and PDF on A4 or Letter."""

from __future__ import annotations

from pathlib import Path

from app.core.system.config import save_user_setting
from app.core.system.paths import app_paths
from app.gui.features.handouts.view import HandoutView
from app.gui.main_window import MainWindow
from tests.export.handout_pages import page_texts
from tests.export.pdf_text import page_width_pt, pdf_text
from tests.gui.conftest import WindowFactory
from tests.gui.test_accessibility import _unnamed


def _open(window: MainWindow) -> HandoutView:
    window.open_document("esketamine-treatment-day", "", "")
    next(b for b in window.context_bar.buttons if b.text() == "Handout (large print)").click()
    view = window.findChild(HandoutView)
    assert view is not None and window.workspaces.currentWidget().isAncestorOf(view) and view.isVisible()
    return view


def test_handout_shows_rules_and_marks_unset_details(make_window: WindowFactory) -> None:
    """The key rules come first; unset site details are listed above the preview and marked in it."""
    window = make_window()
    view = _open(window)
    text = view.preview.toPlainText()
    assert text.index("The most important rules") < text.index("In the days before your treatment")
    assert "[Clinic name: not set]" in text
    assert view.notice.isVisible() and "Clinic name" in view.notice.text()
    assert _unnamed(view) == []


def test_configured_details_fill_the_handout(make_window: WindowFactory, tmp_path: Path) -> None:
    """Placeholders come from configuration; the PDF is written on the chosen paper size."""
    site = {"clinic_name": "Riverside Clinic", "clinic_phone": "0100 200 300", "emergency_number": "112"}
    site |= {"after_hours_phone": "0100 9", "crisis_line": "Crisis Line"}
    save_user_setting(app_paths().ensure(), "placeholders", site)
    window = make_window()
    view = _open(window)
    assert "call Riverside Clinic at 0100 200 300" in " ".join(view.preview.toPlainText().split())
    assert not view.notice.isVisible()
    view.print_bar.set_page_size("Letter")
    out = view.print_bar.save_pdf(tmp_path / "handout.pdf")
    assert out is not None and page_width_pt(out) == 612
    assert "Riverside Clinic" in pdf_text(out)


def test_unset_contacts_refuse_print_and_pdf_until_draft(make_window: WindowFactory, tmp_path: Path) -> None:
    """Save PDF is refused beside the preview, naming what to set and where; ticking Draft copy writes
    a PDF with DRAFT on every page; the preview says DRAFT too."""
    save_user_setting(app_paths().ensure(), "placeholders", {"clinic_name": "Riverside Clinic"})
    window = make_window()
    view = _open(window)
    assert "only a draft copy can be printed" in view.notice.text()
    assert view.print_bar.save_pdf(tmp_path / "refused.pdf") is None
    assert not (tmp_path / "refused.pdf").exists()
    assert view.refusal.isVisible() and "Crisis line and Emergency number" in view.refusal.text()
    assert "Settings \u2192 Site details for handouts" in view.refusal.text()
    assert view.print_bar.print_now() is None
    view.draft.setChecked(True)
    assert "DRAFT" in view.preview.toPlainText() and not view.refusal.isVisible()
    out = view.print_bar.save_pdf(tmp_path / "draft.pdf")
    assert out is not None and out.name == "draft.pdf"
    texts = page_texts(out)
    assert len(texts) >= 2 and all("DRAFT" in text for text in texts)


def test_site_details_are_edited_in_settings_and_fill_the_handout(
    make_window: WindowFactory, tmp_path: Path
) -> None:
    """Settings lists every site detail the packs use; what is typed there is saved and printed."""
    from app.gui.dialogs.settings import SettingsDialog

    window = make_window()
    dialog = SettingsDialog(window.services.config, window, [], window.services.packs)
    assert {"clinic_name", "emergency_number", "crisis_line", "clear_fluids_hours"} <= set(dialog.details)
    assert dialog.details["clear_fluids_hours"].placeholderText() == "default: 2"
    dialog.details["emergency_number"].setText("112")
    dialog.details["crisis_line"].setText("Crisis Line 24/7")
    for key, value in dialog.values().items():
        window._save(key, value)
    assert window.services.placeholders() == {"emergency_number": "112", "crisis_line": "Crisis Line 24/7"}
    view = _open(window)
    out = view.print_bar.save_pdf(tmp_path / "clean.pdf")
    assert out is not None
    text = pdf_text(out)
    assert "Crisis Line 24/7" in text and "DRAFT" not in text


def test_site_details_locked_by_policy_cannot_be_edited(make_window: WindowFactory, tmp_path: Path) -> None:
    """A site that locks `placeholders` gets read-only fields marked as managed."""
    import os

    from app.gui.dialogs.settings import SettingsDialog

    site = Path(os.environ["PROTOCOL_DESK_SITE_CONFIG"])
    site.write_text(
        '[placeholders]\nemergency_number = "000"\n\n[policy]\nlocked = ["placeholders"]\n', encoding="utf-8"
    )
    window = make_window()
    dialog = SettingsDialog(window.services.config, window, [], window.services.packs)
    field = dialog.details["emergency_number"]
    assert field.text() == "000" and not field.isEnabled()
    assert "placeholders" not in dialog.values()


def test_details_set_while_the_handout_is_open_apply_at_once(
    make_window: WindowFactory, tmp_path: Path
) -> None:
    """Refused, then the contacts are set in Settings: the open handout prints without reopening."""
    window = make_window()
    view = _open(window)
    assert view.print_bar.save_pdf(tmp_path / "refused.pdf") is None
    window._save("placeholders", {"emergency_number": "112", "crisis_line": "Crisis Line 24/7"})
    out = view.print_bar.save_pdf(tmp_path / "handout.pdf")
    assert out is not None and "Crisis Line 24/7" in pdf_text(out)
    assert "Crisis Line 24/7" in view.preview.toPlainText() and not view.refusal.isVisible()


def test_empty_workspaces_list_what_can_be_opened(make_window: WindowFactory) -> None:
    """The Handout and Calculator tabs, before anything is opened, list the handouts and calculators."""
    from app.gui.widgets.empty_state import EmptyState

    window = make_window()
    lists = {state.heading.text(): state for state in window.findChildren(EmptyState)}
    assert {"Patient handouts", "Calculators"} <= set(lists)
    handouts = lists["Patient handouts"]
    titles = [handouts.list.item(row).text() for row in range(handouts.list.count())]
    assert any("treatment day" in title.lower() for title in titles)
    handouts.list.itemActivated.emit(handouts.list.item(0))
    view = window.findChild(HandoutView)
    assert view.current is not None and view.isVisible()
