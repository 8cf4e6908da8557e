"""`protocol-desk schema`: print the JSON Schema generated from the pack models (or, with
`--site`, from the site file's model)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import EXIT_OK, print_json
from app.core.model import json_schema
from app.core.packs.scaffold import SCHEMA_FILE, write_schema
from app.core.system.paths import resources_dir
from app.core.system.site_schema import site_json_schema


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("schema", help="print the JSON Schema of content files")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--write", type=Path, metavar="DIR", help=f"write it as DIR/{SCHEMA_FILE} (beside a pack)"
    )
    where.add_argument("--path", action="store_true", help="print where this installation keeps its copy")
    parser.add_argument("--site", action="store_true", help="the schema of the site file (site.toml) instead")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.path:
        print(resources_dir() / "schema" / SCHEMA_FILE)
    elif args.write is not None:
        print(f"wrote {write_schema(args.write)}")
    else:
        print_json(site_json_schema() if args.site else json_schema())
    return EXIT_OK
