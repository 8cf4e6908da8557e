"""What arrived on paper: page sizes, text per page (pypdf), and where the words sit (poppler)."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

MM = 72 / 25.4
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<\x00-\x1f])')
"""A word with text: the renderer draws a glyph it cannot map (an ellipsis) as a nameless Type 3 glyph
whose box is the whole font's, far taller than its ink, so such words are not measured."""
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def pages_text(path: Path) -> list[str]:
    """Each page's text, ligatures unfolded and whitespace made single spaces."""
    texts = []
    for page in PdfReader(path).pages:
        raw = unicodedata.normalize("NFKC", page.extract_text() or "")
        texts.append(" ".join(raw.split()))
    return texts


def page_sizes_pt(path: Path) -> list[tuple[int, int]]:
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in PdfReader(path).pages]


@dataclass(frozen=True)
class TextBox:
    """The box around every word on a page, as distances in millimetres from each edge."""

    left: float
    top: float
    right: float
    bottom: float

    def smallest(self) -> float:
        return min(self.left, self.top, self.right, self.bottom)


def text_boxes(path: Path) -> list[TextBox]:
    """One box per page from `pdftotext -bbox` (poppler-utils, installed with the print system)."""
    assert shutil.which("pdftotext"), (
        "pdftotext (poppler-utils) is needed: tests/print/setup-cups.sh installs it"
    )
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    boxes = []
    for chunk in html.split("<page ")[1:]:
        size = PAGE.search("<page " + chunk)
        assert size is not None
        width, height = float(size.group(1)), float(size.group(2))
        words = [tuple(float(v) for v in m.groups()[:4]) for m in WORD.finditer(chunk)]
        assert words, f"a page of {path.name} has no text"
        x0, y0 = min(w[0] for w in words), min(w[1] for w in words)
        x1, y1 = max(w[2] for w in words), max(w[3] for w in words)
        boxes.append(TextBox(x0 / MM, y0 / MM, (width - x1) / MM, (height - y1) / MM))
    return boxes


LIGATURES = re.compile("ffi|ffl|ff|fi|fl")


def has_phrase(text: str, phrase: str) -> bool:
    """`phrase` is in `text`, where the print system may have turned a ligature ("fi") into a glyph
    without a character (a control character between spaces when read back)."""
    parts = LIGATURES.split(phrase)
    ligatures = LIGATURES.findall(phrase)
    pattern = re.escape(parts[0])
    for ligature, part in zip(ligatures, parts[1:], strict=True):
        pattern += f"(?:{ligature}| ?[\\x00-\\x1f] ?)" + re.escape(part)
    return re.search(pattern, text) is not None
