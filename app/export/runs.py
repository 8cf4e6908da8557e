"""Checklists on paper: the blank checklist (the paper fallback) and a recorded run for the chart."""

from __future__ import annotations

from pathlib import Path

from app.core.model.checklist import Checklist
from app.core.packs.loaded import Pack
from app.core.runs.store import Run
from app.export.pdf import PageDecor, export_pdf
from app.render.runs import blank_checklist_html, local_time, run_html


def blank_decor(pack: Pack, checklist: Checklist) -> PageDecor:
    return PageDecor(
        header_left=f"{checklist.title} (blank)",
        header_right=f"{pack.manifest.title} {pack.manifest.version}",
        footer_left=f"Checklist version {checklist.version} | Session label: ____________",
    )


def run_decor(run: Run) -> PageDecor:
    """Every page names the session label, so loose pages can be put back together."""
    info = run.info
    state = f"completed {local_time(info.completed_at, True)}" if info.finished else "NOT COMPLETED"
    return PageDecor(
        header_left=f"{info.checklist_title}",
        header_right=f"Session: {info.label}",
        footer_left=f"Run {info.id} | {state} | checklist {info.checklist_version}, pack {info.pack_version}",
    )


def export_blank_checklist_pdf(pack: Pack, checklist: Checklist, out: Path, *, page_size: str = "A4") -> int:
    """Write the blank paper checklist to `out`; returns the page count."""
    html = blank_checklist_html(pack, checklist)
    return export_pdf(html, out, blank_decor(pack, checklist), page_size, checklist.title)


def export_run_pdf(run: Run, out: Path, *, page_size: str = "A4") -> int:
    """Write a recorded run to `out`; returns the page count."""
    return export_pdf(
        run_html(run), out, run_decor(run), page_size, f"{run.info.checklist_title}: {run.info.label}"
    )
