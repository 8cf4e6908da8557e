"""Patient-facing instructions: plain language, key rules that stand out, site placeholders."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from app.core.model.common import Id, RefIds, Strict, Text
from app.core.model.document import DocumentMeta


class Instruction(Strict):
    text: Text
    """One instruction in plain words; may use site placeholders such as {{clinic_phone}}."""
    important: bool = False
    """Shown so that it stands out (bold, boxed) in the handout."""
    references: RefIds
    """Sources of the instruction; needed under `validate --strict`."""


class InstructionPhase(Strict):
    """Before, day of, after, when to get help: any titled group of instructions."""

    id: Id
    """Unique within the document; links and card sources may use it as a section id."""
    title: Text
    """Heading: `Before your visit`, `When to get help`."""
    items: list[Instruction] = Field(min_length=1)
    """The instructions of this phase, in order."""


class Instructions(DocumentMeta):
    kind: Literal["instructions"]
    """Selects this document kind."""
    audience: Literal["patient", "carer", "staff"] = "patient"
    """`patient`, `carer` or `staff`: who the handout speaks to."""
    key_rules: list[Instruction] = Field(default_factory=list)
    """The few rules that matter most, shown first and boxed."""
    phases: list[InstructionPhase] = Field(min_length=1)
    """Titled groups of instructions, in the order they apply."""
