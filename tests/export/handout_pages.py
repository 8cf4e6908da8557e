"""A PDF's pages as images (pdftoppm), so tests can check what a reader sees, not only the text."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtGui import QImage


def page_texts(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def page_images(pdf: Path, stem: str) -> list[QImage]:
    """Every page rendered at 40 dpi, in page order."""
    prefix = pdf.parent / stem
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(prefix)], check=True)
    return [QImage(str(p)) for p in sorted(pdf.parent.glob(f"{stem}-*.png"))]


def differs(one: QImage, other: QImage) -> bool:
    """True when two renderings of a page differ in more than a handful of pixels."""
    if one.size() != other.size():
        return True
    changed = 0
    for y in range(0, one.height(), 2):
        for x in range(0, one.width(), 2):
            changed += one.pixel(x, y) != other.pixel(x, y)
    return changed > 50
