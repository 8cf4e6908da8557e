"""Patient-facing instructions: plain language, key rules that stand out, site placeholders."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from app.core.model.common import Id, RefIds, Strict, Text
from app.core.model.document import DocumentMeta


class Instruction(Strict):
    text: Text
    important: bool = False
    references: RefIds


class InstructionPhase(Strict):
    """Before, day of, after, when to get help: any titled group of instructions."""

    id: Id
    title: Text
    items: list[Instruction] = Field(min_length=1)


class Instructions(DocumentMeta):
    kind: Literal["instructions"]
    audience: Literal["patient", "carer", "staff"] = "patient"
    key_rules: list[Instruction] = Field(default_factory=list)
    phases: list[InstructionPhase] = Field(min_length=1)
