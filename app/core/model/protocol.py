"""Treatment-protocol documents: indications, contraindications and dosing regimens."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from app.core.model.common import Id, RefIds, Statement, Strict, Text
from app.core.model.document import DocumentMeta


class Contraindications(Strict):
    """Label (absolute) contraindications kept apart from relative ones and warnings."""

    boxed_warning: Statement | None = Field(
        default=None,
        description="The label's boxed warning in its own words; shown as a callout atop the section.",
    )
    absolute: list[Statement] = Field(default_factory=list)
    relative: list[Statement] = Field(default_factory=list)
    warnings: list[Statement] = Field(default_factory=list)


class DosingRegimen(Strict):
    """One phase of a regimen, after FHIR's dosage: route, dose, frequency, duration, limits."""

    phase: Text
    route: Id
    dose: Text
    frequency: Text
    duration: Text | None = None
    limits: Text | None = None
    notes: Text | None = None
    references: RefIds


class Protocol(DocumentMeta):
    kind: Literal["protocol"]
    indications: list[Statement] = Field(min_length=1)
    contraindications: Contraindications = Field(default_factory=Contraindications)
    dosing: list[DosingRegimen] = Field(default_factory=list)
