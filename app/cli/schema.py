"""`protocol-desk schema`: print the JSON Schema generated from the pack models (or, with
`--site`, from the site file's model)."""

from __future__ import annotations

import argparse

from app.cli.common import EXIT_OK, print_json
from app.core.model import json_schema
from app.core.system.site_file import site_json_schema


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("schema", help="print the JSON Schema of content files")
    parser.add_argument("--site", action="store_true", help="the schema of the site file (site.toml) instead")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print_json(site_json_schema() if args.site else json_schema())
    return EXIT_OK
