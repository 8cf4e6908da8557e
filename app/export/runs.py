"""Checklists on paper: the blank checklist (the paper fallback) and a recorded run for the chart."""

from __future__ import annotations

from pathlib import Path

from app.core.model.checklist import Checklist
from app.core.packs.loaded import Pack
from app.core.runs.store import Run
from app.export.document import review_line
from app.export.pdf import PageDecor, Printable, export_pdf
from app.render.runs import blank_checklist_html, local_time, run_html


def blank_decor(pack: Pack, checklist: Checklist) -> PageDecor:
    """Every page has a line for the session label, so loose pages can be put back together."""
    source = f"{pack.manifest.title} {pack.manifest.version}"
    return PageDecor(
        header_left=f"{checklist.title} (blank)",
        header_right=source,
        footer_lines=(
            checklist.title,
            f"{source} | checklist version {checklist.version}",
            review_line(checklist),
            "Session label: ______________________   Date: ____________",
        ),
    )


def run_decor(run: Run) -> PageDecor:
    """Every page names the session label and the run's times."""
    info = run.info
    state = f"completed {local_time(info.completed_at, True)}" if info.finished else "NOT COMPLETED"
    return PageDecor(
        header_left=info.checklist_title,
        header_right=f"Session: {info.label}",
        footer_lines=(
            info.checklist_title,
            f"pack {info.pack_id} {info.pack_version} | checklist version {info.checklist_version}",
            f"Run {info.id} | session {info.label} | started {local_time(info.started_at, True)} | {state}",
        ),
    )


def blank_checklist_printable(pack: Pack, checklist: Checklist) -> Printable:
    html = blank_checklist_html(pack, checklist)
    decor = blank_decor(pack, checklist)
    return Printable(html, decor, checklist.title, f"{checklist.id}-blank.pdf", "blank checklist")


def run_printable(run: Run) -> Printable:
    title = f"{run.info.checklist_title}: {run.info.label}"
    return Printable(
        run_html(run), run_decor(run), title, f"checklist-run-{run.info.id}.pdf", "checklist run"
    )


def export_blank_checklist_pdf(pack: Pack, checklist: Checklist, out: Path, *, page_size: str = "A4") -> int:
    """Write the blank paper checklist to `out`; returns the page count."""
    return export_pdf(blank_checklist_printable(pack, checklist), out, page_size)


def export_run_pdf(run: Run, out: Path, *, page_size: str = "A4") -> int:
    """Write a recorded run to `out`; returns the page count."""
    return export_pdf(run_printable(run), out, page_size)
