"""The JSON Schema is generated from the models, committed, current, and accepts the content."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from app.core.model import json_schema
from app.core.system.paths import bundled_content_dir

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "resources" / "schema" / "pack.schema.json"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def test_committed_schema_is_current() -> None:
    """resources/schema/pack.schema.json matches the models; run `make schema` after a change."""
    assert json.loads(COMMITTED.read_text()) == json.loads(json.dumps(json_schema())), (
        "stale: run `make schema`"
    )


CONTENT_FILES = sorted(bundled_content_dir().rglob("*.yaml"))


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_bundled_file_validates_with_independent_validator(path: Path) -> None:
    """Each bundled content file passes jsonschema against the committed schema."""
    schema = json.loads(COMMITTED.read_text())
    data = _jsonable(yaml.safe_load(path.read_text()))
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_bundled_file_names_the_schema(path: Path) -> None:
    """Every content file starts with the yaml-language-server line pointing at the real schema."""
    first = path.read_text().splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first.split("=", 1)[1]).resolve()
    assert target == COMMITTED.resolve()


def test_schema_rejects_what_the_models_reject() -> None:
    """The schema is strict too: unknown fields and unquoted versions fail."""
    schema = json.loads(COMMITTED.read_text())
    bad = {"kind": "protocol", "id": "x", "title": "t", "version": 1.1, "bogus": 1}
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad)
