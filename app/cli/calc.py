"""`protocol-desk calc CALC_ID --INPUT VALUE ...`: a pack's dose calculator on the command line."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.common import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, load_from_args, print_json, warn_skipped
from app.core.calc import CalcResult, InputError, calc_inputs, calculate
from app.core.model import Calculator
from app.core.packs.loaded import Pack

INPUT_FLAGS = {
    "weight": "body weight in kg (weight-based-dose)",
    "dose_per_kg": "dose in mg/kg (weight-based-dose; the pack's default when left out)",
    "concentration": "concentration of the prepared infusion in mg/mL (weight-based-dose)",
    "infusion_minutes": "infusion time in minutes (weight-based-dose)",
    "dose": "dose in mg (device-count)",
}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "calc",
        help="run a dose calculator",
        description="Inputs outside the bounds the pack declares are refused (exit 1), never adjusted.",
    )
    parser.add_argument("id", metavar="CALC_ID", help="calculator id, for example ketamine-iv-dose")
    for name, help_text in INPUT_FLAGS.items():
        parser.add_argument("--" + name.replace("_", "-"), dest=name, metavar="VALUE", help=help_text)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(run=run)


def _find(args: argparse.Namespace) -> tuple[Pack, Calculator] | None:
    packs = load_from_args(args)
    warn_skipped(packs)
    found = packs.find(args.id)
    if found is None or not isinstance(found[1], Calculator):
        calculators = sorted(d.id for _, d in packs.documents() if isinstance(d, Calculator))
        what = "no calculator" if found is None else "not a calculator:"
        print(f"error: {what} {args.id!r}; calculators: {', '.join(calculators)}", file=sys.stderr)
        return None
    return found[0], found[1]


def run(args: argparse.Namespace) -> int:
    found = _find(args)
    if found is None:
        return EXIT_PROBLEM
    pack, calculator = found
    declared = {spec.name for spec in calc_inputs(calculator.calculation)}
    extra = [name for name in INPUT_FLAGS if getattr(args, name) is not None and name not in declared]
    if extra:
        flags = ", ".join("--" + n.replace("_", "-") for n in extra)
        accepted = ", ".join(spec.flag for spec in calc_inputs(calculator.calculation))
        print(f"error: {calculator.id} does not take {flags}; its inputs: {accepted}", file=sys.stderr)
        return EXIT_USAGE
    values = {name: getattr(args, name) for name in declared}
    try:
        result = calculate(calculator.calculation, values)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_PROBLEM
    defaults = sorted(name for name in declared if values[name] is None)
    if args.json:
        print_json(_json(pack, calculator, result, defaults))
    else:
        print(_text(pack, calculator, result, defaults))
    return EXIT_OK


def _sources(pack: Pack, result: CalcResult) -> list[str]:
    found = (pack.reference(ref_id) for ref_id in result.references)
    return [ref.citation for ref in found if ref is not None]


def _json(pack: Pack, calculator: Calculator, result: CalcResult, defaults: list[str]) -> dict[str, Any]:
    return {
        "id": calculator.id,
        "pack": pack.id,
        "pack_version": pack.manifest.version,
        "version": calculator.version,
        "title": calculator.title,
        **result.as_dict(),
        "defaults_used": defaults,
        "sources": _sources(pack, result),
    }


def _text(pack: Pack, calculator: Calculator, result: CalcResult, defaults: list[str]) -> str:
    lines = [f"{calculator.title} ({calculator.id} {calculator.version}, {pack.id} {pack.manifest.version})"]
    if calculator.regulatory_note:
        lines.append(f"Note: {calculator.regulatory_note}")
    lines.append("Inputs:")
    for q in result.inputs:
        lines.append(f"  {q.label}: {q.text()}" + (" (default)" if q.name in defaults else ""))
    lines.append("Results:")
    lines += [f"  {q.label}: {q.text()}" for q in result.results]
    lines.append("Working:")
    lines += [f"  {line}" for line in result.working]
    lines.append(f"Rounding: {result.rounding}")
    lines += [f"WARNING: {warning}" for warning in result.warnings]
    lines += [f"Source: {citation}" for citation in _sources(pack, result)]
    return "\n".join(lines)
