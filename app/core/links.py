"""Which link targets content may carry: an allow-list of schemes, checked everywhere a link is made.

A pack is data from outside the app. A `javascript:` link would run in an HTML viewer, and a
`file:` one would open local files from the exported PDF, so only these schemes become links in
HTML, text and PDF; anything else is shown as plain text, and `validate` refuses it.
"""

from __future__ import annotations

import re

ALLOWED_SCHEMES = ("https", "http", "mailto", "doi", "doc")
"""doc: is the app's own (see-also links between documents)."""
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def link_scheme(url: str) -> str | None:
    match = _SCHEME.match(url)
    return match.group(1).lower() if match else None


def safe_link(url: str | None) -> str | None:
    """`url` when it may become a live link, else None. Control characters and spaces anywhere
    refuse it, since browsers ignore some of them inside a scheme (`java\\tscript:`)."""
    if not url or any(ord(ch) < 0x21 or ord(ch) == 0x7F for ch in url):
        return None
    return url if link_scheme(url) in ALLOWED_SCHEMES else None


def link_problem(url: str) -> str | None:
    """Why `url` cannot be a reference link, in words for an author; None when it can."""
    if safe_link(url) is not None:
        return None
    allowed = ", ".join(f"{scheme}:" for scheme in ALLOWED_SCHEMES if scheme != "doc")
    return f"a link must be a plain web, mail or DOI address starting with one of {allowed}"
