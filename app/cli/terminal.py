"""What the command line prints is text, never terminal commands.

A pack title can hold escape sequences (`\\x1b]0;...`, `\\x1b[2J`) that a terminal would obey:
change the window title, clear the screen, hide text. Every command's stdout and stderr go through
`Sanitized`, which drops control characters (keeping newline and tab) and Unicode bidi overrides.
JSON output is unaffected: json.dump already escapes control characters inside strings.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    return UNSAFE.sub("", text)


class Sanitized:
    """A text stream that forwards everything but control characters to `inner`."""

    def __init__(self, inner: TextIO) -> None:
        self.inner = inner

    def write(self, text: str) -> int:
        self.inner.write(clean(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@contextmanager
def sanitized_output() -> Iterator[None]:
    """stdout and stderr sanitized for the duration (the originals are restored afterwards)."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = Sanitized(out), Sanitized(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
