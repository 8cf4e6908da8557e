"""The pack format: pydantic models that validate content and generate its JSON Schema.

Every model is importable from here but loaded on first use (PEP 562 `__getattr__`, from
app.core.model.formats): importing the package for a constant (`MANIFEST`, `DOCUMENT_KINDS`) or for
type hints builds no pydantic model. Building them all costs more than the rest of a command-line
search, and more than the first window needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

MANIFEST = "pack.yaml"
"""The file that makes a folder a pack."""
DOCUMENT_KINDS = ("protocol", "checklist", "instructions", "calculator", "cards")

if TYPE_CHECKING:  # for type checkers, every name formats exports; at run time, __getattr__ below
    from app.core.model.formats import *  # noqa: F403


def __getattr__(name: str) -> Any:
    # Importing formats imports every model module, and each becomes an attribute of this package
    # (`model.calculator`), as when this file imported them all itself. Probes for special names
    # (inspect, PySide6's import hook asking for `__wrapped__`) are answered without loading them.
    if name.startswith("__"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    formats = importlib.import_module(f"{__name__}.formats")  # not `from . import`: that asks us again
    if name in formats.__all__:
        globals()[name] = getattr(formats, name)  # looked up once
    if name not in globals():
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return globals()[name]
