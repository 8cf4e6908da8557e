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
    """Contraindications from the product label."""
    relative: list[Statement] = Field(default_factory=list)
    """Relative contraindications: weigh risk and benefit."""
    warnings: list[Statement] = Field(default_factory=list)
    """Warnings and precautions."""


class DosingRegimen(Strict):
    """One phase of a regimen, after FHIR's dosage: route, dose, frequency, duration, limits."""

    phase: Text
    """Name of the phase: `Induction`, `Maintenance`."""
    route: Id
    """Route as an id: `oral`, `intranasal`."""
    dose: Text
    """The dose in words and numbers, quoted if it could be read as a number or time."""
    frequency: Text
    """How often: `Twice weekly`."""
    duration: Text | None = None
    """How long the phase lasts."""
    limits: Text | None = None
    """Upper limits or stopping rules."""
    notes: Text | None = None
    """Anything else about this phase."""
    references: RefIds
    """Sources of the regimen."""


class Protocol(DocumentMeta):
    kind: Literal["protocol"]
    """Selects this document kind."""
    indications: list[Statement] = Field(min_length=1)
    """Who the protocol is for; at least one statement."""
    contraindications: Contraindications = Field(default_factory=Contraindications)
    """Absolute and relative contraindications and warnings."""
    dosing: list[DosingRegimen] = Field(default_factory=list)
    """Dosing regimens, one per phase."""
