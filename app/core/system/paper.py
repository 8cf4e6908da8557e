"""Which paper to print on when nobody has chosen: the site's setting, else the locale's custom."""

from __future__ import annotations

PAPERS = ("A4", "Letter")
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PA", "DO", "PR", "SV"})
"""Where Letter is the everyday size (the Americas that use it, and the Philippines); A4 elsewhere."""


def paper_for_locale(setting: str, locale_name: str) -> str:
    """`setting` when it names a paper; for "auto", Letter in `LETTER_TERRITORIES` ("en_US"), else A4."""
    if setting in PAPERS:
        return setting
    territory = locale_name.replace("-", "_").split(".")[0].partition("_")[2].upper()
    return "Letter" if territory in LETTER_TERRITORIES else "A4"
