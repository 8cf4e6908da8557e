"""Argument parsing and dispatch for `protocol-desk COMMAND`."""

from __future__ import annotations

import argparse
import sys

from app import __version__
from app.cli import config, listing, schema, show, validate
from app.cli.common import EXIT_USAGE, add_pack_options

COMMAND_MODULES = (validate, listing, show, schema, config)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="protocol-desk",
        description="Offline clinical reference. Run without a command to open the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_pack_options(parser, dest="global_packs")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    for sub in commands.choices.values():
        add_pack_options(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    args.packs = [*args.global_packs, *getattr(args, "packs", [])]
    try:
        return int(args.run(args))
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
