"""The site file's model: its JSON Schema is committed and current, and it names every setting."""

from __future__ import annotations

import json
import tomllib
import typing
from pathlib import Path

import jsonschema
import pytest

from app.core.system.config import KEYS
from app.core.system.site_schema import SettingName, site_json_schema

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "resources" / "schema" / "site.schema.json"

GOOD = """
[packs]
folders = ["//server/protocols"]
require_signed = true
trusted_keys = ["MCowBQYDK2VwAyEA"]
[placeholders]
clinic_name = "Riverside"
[display]
theme = "dark"
[policy]
locked = ["packs.require_signed", "display.theme"]
"""


def test_committed_site_schema_is_current() -> None:
    """resources/schema/site.schema.json matches the model; run `make schema` after a change."""
    assert json.loads(COMMITTED.read_text()) == json.loads(json.dumps(site_json_schema())), "stale"


def test_model_names_every_setting() -> None:
    """The lockable names in the model are exactly the configuration's keys."""
    assert set(typing.get_args(SettingName)) == set(KEYS)


def test_schema_accepts_a_good_site_file() -> None:
    jsonschema.validate(tomllib.loads(GOOD), json.loads(COMMITTED.read_text()))


@pytest.mark.parametrize(
    "text",
    [
        '[packs]\nrequire_signed = "yes"\n',
        '[policy]\nlocked = "display.theme"\n',
        '[policy]\nlocked = ["display.colour"]\n',
        "[display]\ntext_size = 100\n",
        '[packs]\nfolder = ["x"]\n',
    ],
)
def test_schema_refuses_what_the_app_refuses(text: str) -> None:
    """An editor using the schema flags the same mistakes the app reports."""
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(tomllib.loads(text), json.loads(COMMITTED.read_text()))
