"""The site file's pydantic model (read by app.core.system.site_file) and its JSON Schema.

Kept apart so that pydantic is imported only when a site file exists and has to be checked.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SettingName = Literal[
    "packs.folders",
    "packs.require_signed",
    "packs.trusted_keys",
    "placeholders",
    "checklists.retention_days",
    "checklists.clinic_limits",
    "display.text_size",
    "display.theme",
    "study.new_cards_per_day",
    "logging.level",
    "print.paper",
]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class PacksSection(_Section):
    folders: list[str] | None = Field(None, description="Extra pack folders, e.g. a read-only share.")
    require_signed: bool | None = Field(None, description="Load only packs signed by a trusted key.")
    trusted_keys: list[str] | None = Field(None, description="Ed25519 public keys (base64) trusted to sign.")


class ChecklistsSection(_Section):
    retention_days: Annotated[int, Field(ge=1, le=3650)] | None = Field(
        None, description="Days to keep completed checklist runs."
    )
    clinic_limits: dict[str, str] | None = Field(
        None,
        description="Your clinic's own limits by \"checklist-id/item-id\", shown beside the pack's rule.",
    )


class DisplaySection(_Section):
    text_size: Annotated[int, Field(ge=8, le=28)] | None = Field(None, description="Text size in points.")
    theme: Literal["system", "light", "dark", "high-contrast"] | None = None


class StudySection(_Section):
    new_cards_per_day: Annotated[int, Field(ge=0, le=500)] | None = None


class LoggingSection(_Section):
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] | None = None


class PrintSection(_Section):
    paper: Literal["auto", "A4", "Letter"] | None = Field(
        None, description="Paper for printing and PDF: auto follows the workstation's locale."
    )


class PolicySection(_Section):
    locked: list[SettingName] | None = Field(None, description="Settings users cannot change.")


class SiteFile(_Section):
    """The whole site file (TOML). Every key is optional; absent keys keep their defaults."""

    model_config = ConfigDict(extra="forbid", strict=True, title="Protocol Desk site configuration")
    packs: PacksSection | None = None
    placeholders: dict[str, str] | None = Field(None, description="clinic_name, clinic_phone, ...")
    checklists: ChecklistsSection | None = None
    display: DisplaySection | None = None
    study: StudySection | None = None
    logging: LoggingSection | None = None
    print: PrintSection | None = None
    policy: PolicySection | None = None


def site_json_schema() -> dict[str, Any]:
    """The schema for editors: TOML has no null, so "absent" is shown as optional, not as null."""
    schema: dict[str, Any] = _without_null(SiteFile.model_json_schema())
    return schema


def _without_null(node: Any) -> Any:
    if isinstance(node, list):
        return [_without_null(item) for item in node]
    if not isinstance(node, dict):
        return node
    cleaned = {k: _without_null(v) for k, v in node.items() if not (k == "default" and v is None)}
    branches = cleaned.get("anyOf")
    if isinstance(branches, list):
        kept = [b for b in branches if b != {"type": "null"}]
        if len(kept) == 1:
            del cleaned["anyOf"]
            cleaned = {**kept[0], **cleaned}
        else:
            cleaned["anyOf"] = kept
    return cleaned
