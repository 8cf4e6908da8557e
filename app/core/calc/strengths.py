"""Rounding a dose to what the stocked strengths can make, with the fewest units.

Every dose reachable with at most `max_units` units is found breadth first (by number of units, so
the first way found to make a dose uses the fewest; larger strengths are tried first, so ties
prefer them). The requested dose is then matched to the nearest reachable one (a tie goes to the
lower dose) or to the largest one not above it (`rounding: down`).
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from app.core.calc.values import CalcResult, InputError, Quantity, dec, fmt
from app.core.model.formulas import AvailableStrengths

Counts = tuple[int, ...]


@cache
def reachable(amounts: tuple[Decimal, ...], max_units: int) -> dict[Decimal, Counts]:
    """Each dose that 1..max_units units make, with the counts per amount that use the fewest units.
    Cached: a form recalculates on every keystroke, and the answer depends only on the pack."""
    best: dict[Decimal, Counts] = {}
    frontier: dict[Decimal, Counts] = {Decimal(0): (0,) * len(amounts)}
    for _ in range(max_units):
        following: dict[Decimal, Counts] = {}
        for total, counts in frontier.items():
            for index, amount in enumerate(amounts):
                dose = total + amount
                if dose not in best and dose not in following:
                    following[dose] = (*counts[:index], counts[index] + 1, *counts[index + 1 :])
        best.update(following)
        frontier = following
    return best


def _choose(requested: Decimal, doses: list[Decimal], down: bool) -> Decimal | None:
    if down:
        below = [d for d in doses if d <= requested]
        return max(below) if below else None
    return min(doses, key=lambda d: (abs(d - requested), d))


def available_strengths_result(spec: AvailableStrengths, v: dict[str, Decimal]) -> CalcResult:
    strengths = sorted(spec.strengths, key=lambda s: -s.amount)
    amounts = tuple(dec(s.amount) for s in strengths)
    options = reachable(amounts, spec.max_units)
    requested, unit = v["dose"], spec.dose.unit
    chosen = _choose(requested, sorted(options), spec.rounding == "down")
    if chosen is None:
        raise InputError(
            f"{spec.dose.label}: {fmt(requested)} {unit} is below the smallest stocked strength "
            f"({fmt(min(amounts))} {unit}); nothing can be given by rounding down."
        )
    counts = options[chosen]
    used = [(n, s) for n, s in zip(counts, strengths, strict=True) if n]
    total_units = sum(counts)
    made = " + ".join(f"{n} \u00d7 {s.label}" for n, s in used)
    working = [
        f"Requested {fmt(requested)} {unit}; the nearest dose the stocked strengths make"
        f"{' without going over' if spec.rounding == 'down' else ''}: {fmt(chosen)} {unit}",
        f"{fmt(chosen)} {unit} = {made} = {total_units} {spec.unit_name}",
    ]
    results = (
        Quantity("dose", "Dose to give", chosen, unit),
        *(Quantity(f"count_{fmt(dec(s.amount))}", s.label, Decimal(n), "") for n, s in used),
        Quantity("units", f"Total {spec.unit_name}", Decimal(total_units), spec.unit_name),
    )
    warnings = _warnings(spec, requested, chosen, unit)
    inputs = (Quantity("dose", spec.dose.label, requested, unit),)
    rounding = (
        f"to the {'largest dose not above the request' if spec.rounding == 'down' else 'nearest dose'} "
        f"that at most {spec.max_units} {spec.unit_name} make (a tie goes to the lower dose)"
    )
    return CalcResult(
        spec.formula,
        inputs,
        results,
        tuple(working),
        rounding,
        warnings,
        False,
        False,
        tuple(spec.references),
    )


def _warnings(spec: AvailableStrengths, requested: Decimal, chosen: Decimal, unit: str) -> tuple[str, ...]:
    if chosen == requested:
        return ()
    share = abs(chosen - requested) / requested * 100
    text = f"The dose was rounded from {fmt(requested)} {unit} to {fmt(chosen)} {unit} ({share:.0f}% apart)."
    if share > 10:
        text += f" That is more than 10%: check the request and the strengths stocked ({spec.unit_name})."
    return (text,)
