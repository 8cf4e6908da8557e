"""Argument parsing and dispatch for `protocol-desk COMMAND`."""

from __future__ import annotations

import argparse
import importlib
import sys
from types import ModuleType

from app import __version__
from app.cli.common import EXIT_USAGE, add_pack_options
from app.cli.terminal import sanitized_output
from app.core.system.logs import LEVELS, start_logging
from app.options import split_global_options

COMMANDS = {
    "validate": "validate",
    "list": "listing",
    "show": "show",
    "search": "search",
    "export": "export",
    "calc": "calc",
    "runs": "runs",
    "schema": "schema",
    "config": "config",
    "pack": "pack",
    "self-test": "selftest",
    "study": "study",
}
"""Command name -> module in app.cli. Only the module of the command being run is imported, so
`protocol-desk search` does not pay for Qt, PDF export or signing (help imports them all)."""


def requested_command(argv: list[str]) -> str | None:
    """The command named in argv, skipping global options and their values."""
    rest = split_global_options(argv)[1]
    name = next((arg for arg in rest if not arg.startswith("-")), None)
    return name if name in COMMANDS else None


def command_modules(only: str | None = None) -> list[ModuleType]:
    names = [COMMANDS[only]] if only else list(COMMANDS.values())
    return [importlib.import_module(f"app.cli.{name}") for name in names]


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="protocol-desk",
        description="Offline clinical reference. Run without a command to open the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--log-level", type=str.upper, choices=LEVELS, help="log detail (default: config)")
    add_pack_options(parser, dest="global_packs")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in command_modules(only):
        module.register(commands)
    for sub in commands.choices.values():
        add_pack_options(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    parser = build_parser(requested_command(arguments))
    args = parser.parse_args(arguments)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    args.packs = [*args.global_packs, *getattr(args, "packs", [])]
    start_logging(args.log_level)
    try:
        with sanitized_output():
            return int(args.run(args))
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
