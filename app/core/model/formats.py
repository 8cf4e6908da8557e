"""Every model of the pack format in one place, the document union, its adapters and the JSON Schema
(imported through app.core.model, which loads this module on first use)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from app.core.model.alerts import AnswerAlert, NumberAlert, OtherItem
from app.core.model.calculator import Calculator, DeviceCount, WeightBasedDose
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
from app.core.model.inputs import NumberInput
from app.core.model.instructions import Instruction, InstructionPhase, Instructions
from app.core.model.manifest import PackManifest, Placeholder
from app.core.model.protocol import Protocol
from app.core.model.severity import Severity

Document = Annotated[Protocol | Checklist | Instructions | Calculator | CardDeck, Field(discriminator="kind")]

DOCUMENT_ADAPTER: TypeAdapter[Document] = TypeAdapter(Document)
MANIFEST_ADAPTER: TypeAdapter[PackManifest] = TypeAdapter(PackManifest)


FALLBACK_DESCRIPTIONS = {
    "when": 'The answer that fires the rule: "yes" or "no", in quotes.',
    "above": "The rule fires when the value is above this number.",
    "below": "The rule fires when the value is below this number.",
    "severity": "How urgent the alert is; see docs/authoring-alerts.md.",
    "message": "What to do when the rule fires, shown beside the item.",
    "references": "Ids of the references that support this.",
}
"""For fields whose models carry no description of their own (alert rules are described in
docs/authoring-alerts.md, and their models belong to that format): every property in the schema
has a description, so an editor always explains what it underlines."""


def _describe_everything(schema: dict[str, Any]) -> None:
    for definition in schema.get("$defs", {}).values():
        for name, spec in definition.get("properties", {}).items():
            if "description" not in spec and name in FALLBACK_DESCRIPTIONS:
                spec["description"] = FALLBACK_DESCRIPTIONS[name]


def json_schema() -> dict[str, Any]:
    """One schema for every content file: a pack manifest or any document kind."""
    adapter: TypeAdapter[PackManifest | Document] = TypeAdapter(PackManifest | Document)
    schema = adapter.json_schema()
    _describe_everything(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://protocol-desk.invalid/schema/pack.schema.json"
    schema["title"] = f"Protocol Desk content file (pack format {FORMAT_VERSION})"
    return schema


__all__ = [
    "DOCUMENT_ADAPTER",
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
    "json_schema",
]
