"""`protocol-desk validate`: check packs, folders of packs, or single content files."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from app.cli.common import EXIT_OK, EXIT_PROBLEM, print_json
from app.core.distribution.policy import load_configured_packs
from app.core.model.manifest import MANIFEST
from app.core.packs.loaded import Origin
from app.core.packs.loader import load_pack
from app.core.packs.problems import Level, Problem, has_errors
from app.core.packs.roots import PackRoot, load_packs
from app.core.wording import plural


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("validate", help="check content packs and report every problem")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="pack, folder of packs, or file")
    parser.add_argument(
        "--strict", action="store_true", help="treat warnings (such as overdue reviews) as errors"
    )
    parser.add_argument("--json", action="store_true", help="print problems as JSON objects")
    parser.set_defaults(run=run)


def _pack_of(path: Path) -> Path | None:
    """The pack folder that holds a single file, if any."""
    for parent in path.resolve().parents:
        if (parent / MANIFEST).is_file():
            return parent
    return None


def _problems_for(path: Path, today: date) -> tuple[list[Problem], int]:
    if path.is_file():
        pack = _pack_of(path)
        if pack is None:
            return [
                Problem(str(path), "", 1, 1, Level.ERROR, "no-pack", "the file is not inside a pack folder")
            ], 0
        loaded = load_pack(pack, str(pack), Origin.EXTRA, today)
        relative = path.resolve().relative_to(pack.resolve()).as_posix()
        chosen = [p for p in loaded.problems if p.file in {relative, MANIFEST} or not p.file]
        return chosen, 1
    packs = load_packs([PackRoot(path, Origin.EXTRA)], today)
    return packs.problems, len(packs.packs) + len(packs.failed)


def run(args: argparse.Namespace) -> int:
    today = date.today()
    problems: list[Problem] = []
    checked = 0
    if not args.paths:  # what the app would load, under the site's signing policy
        packs = load_configured_packs(list(args.packs), today=today)
        problems, checked = list(packs.problems), len(packs.packs) + len(packs.failed)
    for target in args.paths:
        found, count = _problems_for(target, today)
        problems += found
        checked += count
        if count == 0 and not found:
            problems.append(Problem(str(target), "", 1, 1, Level.ERROR, "no-packs", "no pack found here"))
    if args.strict:
        problems = [p.escalated() for p in problems]
    if args.json:
        print_json([p.to_json() for p in problems])
    else:
        for problem in problems:
            print(problem.format())
        errors = sum(p.severity is Level.ERROR for p in problems)
        warnings = len(problems) - errors
        print(f"{plural(checked, 'pack')} checked: {plural(errors, 'error')}, {plural(warnings, 'warning')}")
    return EXIT_PROBLEM if has_errors(problems) else EXIT_OK
