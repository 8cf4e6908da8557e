"""New packs and documents from templates that validate as written.

Everything scaffolded is a draft: the pack loads at once (so the author sees it in the app and can
search it), but `validate --strict` refuses it until each document is written and marked active.
The schema is copied beside the pack (`pack.schema.json`) and every file's first line points at it,
so an editor checks the files wherever the folder lives.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.core.model import json_schema
from app.core.packs.loaded import Pack
from app.core.packs.loader import load_pack
from app.core.packs.outline import outline
from app.core.packs.scaffold_templates import CALCULATIONS, DOCUMENTS, PACK
from app.core.system.paths import resources_dir

SCHEMA_FILE = "pack.schema.json"
SCHEMA_LINE = "# yaml-language-server: $schema={}\n"
FOLDERS = {
    "protocol": "protocols",
    "checklist": "checklists",
    "instructions": "instructions",
    "calculator": "calculators",
    "cards": "cards",
}
ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
FIRST_REFERENCE = re.compile(r"^references:\s*\n\s*-\s*id:\s*[\"']?([a-z0-9][a-z0-9-]*)", re.MULTILINE)


class ScaffoldError(ValueError):
    """The pack or document cannot be created; the message says why."""


@dataclass(frozen=True)
class Dates:
    """Reviewed today, due a year later: what a freshly written document claims."""

    today: date

    @property
    def due(self) -> date:
        try:
            return self.today.replace(year=self.today.year + 1)
        except ValueError:  # 29 February
            return self.today.replace(year=self.today.year + 1, day=28)


def write_schema(folder: Path) -> Path:
    """Write the JSON Schema of content files into `folder`; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / SCHEMA_FILE
    target.write_text(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def _check_id(value: str, what: str) -> None:
    if not ID.match(value):
        raise ScaffoldError(
            f"{what} `{value}` must be lower-case letters, digits and hyphens, like `lithium-levels`"
        )


def _title(identifier: str) -> str:
    return identifier.replace("-", " ").capitalize()


def _schema_line(target: Path, pack: Path) -> str:
    """Relative to the pack's own copy of the schema; without one, the installation's copy."""
    schema = pack / SCHEMA_FILE
    if not schema.is_file():
        return SCHEMA_LINE.format((resources_dir() / "schema" / SCHEMA_FILE).resolve().as_posix())
    return SCHEMA_LINE.format(Path(os.path.relpath(schema, target.parent)).as_posix())


def new_pack(folder: Path, today: date, title: str | None = None) -> list[Path]:
    """Create a pack in `folder` (which must not exist or be empty): pack.yaml, the schema and one
    draft protocol. Returns the files written."""
    pack_id = folder.resolve().name
    _check_id(pack_id, "the pack folder's name")
    if folder.exists() and any(folder.iterdir()):
        raise ScaffoldError(f"{folder} already exists and is not empty")
    folder.mkdir(parents=True, exist_ok=True)
    written = [write_schema(folder)]
    manifest = folder / "pack.yaml"
    text = PACK.format(id=pack_id, title=title or _title(pack_id), today=today.isoformat())
    manifest.write_text(_schema_line(manifest, folder) + text, encoding="utf-8")
    written.append(manifest)
    written.append(new_document(folder, "protocol", f"{pack_id}-overview", today))
    return written


def _first_reference(pack: Path) -> str:
    try:
        found = FIRST_REFERENCE.search((pack / "pack.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ScaffoldError(f"cannot read {pack / 'pack.yaml'}: {error}") from None
    if found is None:
        raise ScaffoldError(f"{pack / 'pack.yaml'} lists no references; add one first")
    return found.group(1)


def new_document(
    pack: Path, kind: str, doc_id: str, today: date, *, formula: str | None = None, visit: bool = False
) -> Path:
    """Write a draft document of `kind` into its folder of `pack`; returns its path."""
    if not (pack / "pack.yaml").is_file():
        raise ScaffoldError(f"{pack} is not a pack (no pack.yaml); create one with `new pack`")
    if kind not in FOLDERS:
        raise ScaffoldError(f"unknown document kind `{kind}`; expected one of {', '.join(FOLDERS)}")
    _check_id(doc_id, "the document id")
    target = pack / FOLDERS[kind] / f"{doc_id}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target} already exists")
    dates = Dates(today)
    values = {
        "id": doc_id,
        "title": _title(doc_id),
        "today": today.isoformat(),
        "due": dates.due.isoformat(),
        "ref": (ref := _first_reference(pack)),
        "calculation": _calculation(kind, formula, ref),
        "source": _first_source(pack, today) if kind == "cards" else "",
    }
    template = DOCUMENTS["visit-checklist" if kind == "checklist" and visit else kind]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_schema_line(target, pack) + template.format(**values), encoding="utf-8")
    return target


def _calculation(kind: str, formula: str | None, ref: str) -> str:
    if kind != "calculator":
        return ""
    chosen = formula or "conversion"
    if chosen not in CALCULATIONS:
        raise ScaffoldError(f"unknown formula `{chosen}`; expected one of {', '.join(CALCULATIONS)}")
    return CALCULATIONS[chosen].format(ref=ref)


def _first_source(pack: Path, today: date) -> str:
    """A card needs a real `document#section` to come from: the pack's first document's first section."""
    loaded = load_pack(pack, today=today)
    if not isinstance(loaded, Pack) or not loaded.documents:
        raise ScaffoldError(
            "cards need a document to come from: fix the pack's errors or add a protocol first"
        )
    document = next(iter(loaded.documents.values()))
    return f"{document.id}#{outline(document)[0].id}"
