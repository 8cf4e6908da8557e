"""Render printed pages to PNG for the README: the handout (Letter, site details filled in), page 2 of
the blank checklist (its table header repeated) and page 1 of a protocol (A4).

    .venv/bin/python docs/screenshots/print_pages.py        (needs pdftoppm from poppler-utils)

The PDFs come from the one print path (app.export), the same pages tests/print gets back from a real
CUPS queue. Look at every PNG after taking it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.core.packs.roots import default_roots, load_packs  # noqa: E402
from app.export.document import document_printable  # noqa: E402
from app.export.handouts import handout_printable  # noqa: E402
from app.export.pdf import Printable, export_pdf  # noqa: E402
from app.export.runs import blank_checklist_printable  # noqa: E402

SITE = {
    "clinic_name": "Riverside Clinic",
    "clinic_phone": "0100 200 300",
    "after_hours_phone": "0100 999 999",
    "crisis_line": "Crisis Line 24/7",
    "emergency_number": "112",
}


def render(printable: Printable, paper: str, page: int, name: str, folder: Path) -> None:
    pdf = folder / f"{name}.pdf"
    export_pdf(printable, pdf, paper)
    prefix = folder / name
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        check=True,
    )
    (HERE / f"{name}.png").write_bytes(prefix.with_suffix(".png").read_bytes())
    print(HERE / f"{name}.png")


def main() -> None:
    packs = load_packs(default_roots([]))
    handout = packs.find("esketamine-treatment-day")
    checklist = packs.find("esketamine-session-monitoring")
    protocol = packs.find("ketamine-iv-trd")
    assert handout and checklist and protocol
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        render(handout_printable(*handout, SITE), "Letter", 1, "print-handout", work)  # type: ignore[arg-type]
        render(blank_checklist_printable(*checklist), "A4", 2, "print-blank-checklist", work)  # type: ignore[arg-type]
        render(document_printable(*protocol), "A4", 1, "print-protocol", work)


if __name__ == "__main__":
    main()
