"""`protocol-desk validate`: check packs, folders of packs, or single content files."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from app.cli.common import EXIT_OK, EXIT_PROBLEM, print_json
from app.core.distribution.policy import load_configured_packs
from app.core.distribution.signing import stale_signature
from app.core.model import MANIFEST
from app.core.packs.authoring import authoring_problems
from app.core.packs.loaded import FailedPack, Origin, Pack
from app.core.packs.loader import load_pack
from app.core.packs.problems import Level, Problem, has_errors
from app.core.packs.roots import PackRoot, load_packs
from app.core.wording import plural


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("validate", help="check content packs and report every problem")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="pack, folder of packs, or file")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings (such as overdue reviews) as errors, and run the authoring checks",
    )
    parser.add_argument("--json", action="store_true", help="print problems as JSON objects")
    parser.set_defaults(run=run)


def _pack_of(path: Path) -> Path | None:
    """The pack folder that holds a single file, if any."""
    for parent in path.resolve().parents:
        if (parent / MANIFEST).is_file():
            return parent
    return None


def _pack_extras(root: Path, display: str, strict: bool) -> list[Problem]:
    """What loading alone does not say: a stale signature, and under --strict the authoring checks."""
    return stale_signature(root, display) + (authoring_problems(root, display) if strict else [])


def _problems_for(path: Path, today: date, strict: bool) -> tuple[list[Problem], int]:
    if path.is_file():
        pack = _pack_of(path)
        if pack is None:
            return [
                Problem(str(path), "", 1, 1, Level.ERROR, "no-pack", "the file is not inside a pack folder")
            ], 0
        loaded = load_pack(pack, str(pack), Origin.EXTRA, today)
        relative = path.resolve().relative_to(pack.resolve()).as_posix()
        extras = [
            p
            for p in _pack_extras(pack, str(pack), strict)
            if p.code == "stale-signature" or p.file == relative
        ]
        chosen = [p for p in loaded.problems if p.file in {relative, MANIFEST} or not p.file]
        return chosen + extras, 1
    packs = load_packs([PackRoot(path, Origin.EXTRA)], today)
    problems = list(packs.problems)
    every: list[Pack | FailedPack] = [*packs.packs, *packs.failed]
    for found in every:
        problems += _pack_extras(found.root, found.display, strict)
    return problems, len(packs.packs) + len(packs.failed)


def run(args: argparse.Namespace) -> int:
    today = date.today()
    problems: list[Problem] = []
    checked = 0
    if not args.paths:  # what the app would load, under the site's signing policy
        packs = load_configured_packs(list(args.packs), today=today)
        problems, checked = list(packs.problems), len(packs.packs) + len(packs.failed)
    for target in args.paths:
        found, count = _problems_for(target, today, args.strict)
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
