"""What every command shares: pack options, loading, output and exit codes."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.distribution.policy import load_configured_packs
from app.core.packs.loaded import Pack, PackSet
from app.core.system.config import load_config, site_placeholders
from app.core.system.paper import paper_for_locale
from app.core.system.paths import app_paths

if TYPE_CHECKING:
    from app.core.model import Document

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2


def add_pack_options(parser: argparse.ArgumentParser, dest: str = "packs") -> None:
    parser.add_argument(
        "--packs",
        dest=dest,
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="also load packs from DIR (repeatable; PROTOCOL_DESK_PACKS works too)",
    )


def load_from_args(args: argparse.Namespace) -> PackSet:
    """What the app shows: bundled, site and user packs, PROTOCOL_DESK_PACKS and --packs, under the
    site's signing policy (with the last good copy of an unreachable share)."""
    return load_configured_packs(list(args.packs))


def configured_placeholders() -> dict[str, str]:
    return site_placeholders(load_config(app_paths()))


def configured_paper(requested: str | None) -> str:
    """The paper asked for, else the `print.paper` setting, else the locale's (LC_PAPER, LC_ALL, LANG)."""
    if requested:
        return requested
    locale_name = next((os.environ[k] for k in ("LC_ALL", "LC_PAPER", "LANG") if os.environ.get(k)), "")
    return paper_for_locale(str(load_config(app_paths()).get("print.paper")), locale_name)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def warn_skipped(packs: PackSet) -> None:
    """Never silent: say on stderr when some content could not be loaded."""
    for failed in packs.failed:
        print(
            f"warning: pack {failed.display} was skipped: run `protocol-desk validate` for details",
            file=sys.stderr,
        )
    for problem in packs.problems:
        if not problem.file and (problem.code.startswith("folder") or problem.code.startswith("site-")):
            print(f"warning: {problem.format()}", file=sys.stderr)


def find_document(args: argparse.Namespace) -> tuple[Pack, Document] | None:
    """Load the packs and look `args.id` up; says on stderr how to find ids when it is unknown."""
    packs = load_from_args(args)
    warn_skipped(packs)
    found = packs.find(args.id)
    if found is None:
        print(f"error: no document with id {args.id!r}; `protocol-desk list` shows the ids", file=sys.stderr)
    return found
