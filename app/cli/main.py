"""Argument parsing and dispatch for `protocol-desk COMMAND`."""

from __future__ import annotations

import argparse
import sys

from app import __version__
from app.cli import calc, config, export, listing, pack, runs, schema, search, selftest, show, study, validate
from app.cli.common import EXIT_USAGE, add_pack_options
from app.core.logs import LEVELS, start_logging

COMMAND_MODULES = (validate, listing, show, search, export, calc, runs, schema, config, pack, selftest, study)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="protocol-desk",
        description="Offline clinical reference. Run without a command to open the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--log-level", type=str.upper, choices=LEVELS, help="log detail (default: config)")
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
    start_logging(args.log_level)
    try:
        return int(args.run(args))
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
