"""The pack format: pydantic models that validate content and generate its JSON Schema."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from app.core.model.alerts import AnswerAlert, NumberAlert, OtherItem, Severity
from app.core.model.calculator import Calculator, DeviceCount, NumberInput, WeightBasedDose
from app.core.model.cards import BasicCard, Card, CardDeck, ClozeCard
from app.core.model.checklist import (
    Checklist,
    ChecklistItem,
    NumberItem,
    ScaleItem,
    Timepoint,
    YesNoItem,
)
from app.core.model.common import FORMAT_VERSION, TIER_LABELS, EvidenceTier, Reference, Statement, Status
from app.core.model.document import DocumentMeta, RegulatoryStatus, Section, Tags
from app.core.model.instructions import Instruction, InstructionPhase, Instructions
from app.core.model.manifest import PackManifest, Placeholder
from app.core.model.protocol import Protocol

Document = Annotated[Protocol | Checklist | Instructions | Calculator | CardDeck, Field(discriminator="kind")]
DOCUMENT_KINDS = ("protocol", "checklist", "instructions", "calculator", "cards")

DOCUMENT_ADAPTER: TypeAdapter[Document] = TypeAdapter(Document)
MANIFEST_ADAPTER: TypeAdapter[PackManifest] = TypeAdapter(PackManifest)


def json_schema() -> dict[str, Any]:
    """One schema for every content file: a pack manifest or any document kind."""
    adapter: TypeAdapter[PackManifest | Document] = TypeAdapter(PackManifest | Document)
    schema = adapter.json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://protocol-desk.invalid/schema/pack.schema.json"
    schema["title"] = f"Protocol Desk content file (pack format {FORMAT_VERSION})"
    return schema


__all__ = [
    "DOCUMENT_ADAPTER",
    "DOCUMENT_KINDS",
    "FORMAT_VERSION",
    "MANIFEST_ADAPTER",
    "TIER_LABELS",
    "AnswerAlert",
    "BasicCard",
    "Calculator",
    "Card",
    "CardDeck",
    "Checklist",
    "ChecklistItem",
    "ClozeCard",
    "DeviceCount",
    "Document",
    "DocumentMeta",
    "EvidenceTier",
    "Instruction",
    "InstructionPhase",
    "Instructions",
    "NumberAlert",
    "NumberInput",
    "NumberItem",
    "OtherItem",
    "PackManifest",
    "Placeholder",
    "Protocol",
    "Reference",
    "RegulatoryStatus",
    "ScaleItem",
    "Section",
    "Severity",
    "Statement",
    "Status",
    "Tags",
    "Timepoint",
    "WeightBasedDose",
    "YesNoItem",
]
