"""Text of a PDF as a reader sees it: ligatures unfolded, runs of whitespace made single spaces."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pypdf import PdfReader


def pdf_text(path: Path) -> str:
    raw = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return " ".join(unicodedata.normalize("NFKC", raw).split())


def page_width_pt(path: Path) -> int:
    return round(float(PdfReader(path).pages[0].mediabox.width))
