"""`protocol-desk schema`: print the JSON Schema generated from the pack models."""

from __future__ import annotations

import argparse

from app.cli.common import EXIT_OK, print_json
from app.core.model import json_schema


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("schema", help="print the JSON Schema of content files")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print_json(json_schema())
    return EXIT_OK
