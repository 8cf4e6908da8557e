"""`protocol-desk alerts CHECKLIST_ID ITEM=VALUE ... [--json]`: the alerts a set of values fires.

Authors and reviewers test a checklist's rules without the GUI. ITEM is `item-id` when the id is used
once in the checklist, else `timepoint-id/item-id`; values are checked exactly as a run checks them
(an implausible value is refused with the same message). Nothing is saved.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.common import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, find_document, print_json
from app.core import model
from app.core.runs.alerts import AlertValue, FiredAlert, Key, evaluate
from app.core.runs.values import EntryRefused, decode, parse_value


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "alerts",
        help="the alerts a checklist fires for given values",
        description="Evaluate a checklist's alert rules for ITEM=VALUE pairs (nothing is saved). "
        "Exit 0 whether or not alerts fire; 1 for an unknown checklist; 2 for a bad item or value.",
    )
    parser.add_argument("id", metavar="CHECKLIST_ID", help="checklist id or pack/id")
    parser.add_argument(
        "values", nargs="+", metavar="ITEM=VALUE", help="item id (or timepoint/item) and value"
    )
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    parser.set_defaults(run=run)


class BadValue(ValueError):
    """An ITEM=VALUE pair that names no item or holds a value the item refuses."""


def _locate(checklist: model.Checklist, name: str) -> tuple[model.Timepoint, model.ChecklistItem]:
    point_id, _, item_id = name.rpartition("/")
    matches = [
        (point, item)
        for point in checklist.timepoints
        for item in point.items
        if item.id == item_id and (not point_id or point.id == point_id)
    ]
    if not matches:
        raise BadValue(f"{checklist.id} has no item {name!r}; `protocol-desk show {checklist.id}` lists them")
    if len(matches) > 1:
        where = ", ".join(f"{p.id}/{i.id}" for p, i in matches)
        raise BadValue(f"{name!r} is used at more than one timepoint; say which: {where}")
    return matches[0]


def parse_pairs(checklist: model.Checklist, pairs: list[str]) -> dict[Key, AlertValue]:
    values: dict[Key, AlertValue] = {}
    for pair in pairs:
        name, equals, raw = pair.partition("=")
        if not equals or not name:
            raise BadValue(f"{pair!r}: write ITEM=VALUE, for example pre-sbp=150")
        point, item = _locate(checklist, name.strip())
        try:
            stored = parse_value(item, raw)
        except EntryRefused as refused:
            raise BadValue(f"{name}: {refused}") from None
        if stored is not None:
            values[(point.id, item.id)] = decode(item, stored)
    return values


def as_dict(alert: FiredAlert) -> dict[str, Any]:
    return {
        "severity": alert.severity.value,
        "timepoint": alert.timepoint_id,
        "item": alert.item_id,
        "item_label": alert.item_label,
        "rule": alert.rule,
        "rule_id": alert.rule_id,
        "action": alert.action,
        "note": alert.note,
        "references": list(alert.references),
    }


def _print(alerts: list[FiredAlert]) -> None:
    if not alerts:
        print("no alerts")
    for alert in alerts:
        print(f"{alert.label}: {alert.item_label} ({alert.timepoint_id}/{alert.item_id})")
        print(f"  rule: {alert.rule}")
        print(f"  action: {alert.action}")
        if alert.note:
            print(f"  note: {alert.note}")
        print(f"  source: {', '.join(alert.references)}")


def run(args: argparse.Namespace) -> int:
    found = find_document(args)
    if found is None:
        return EXIT_PROBLEM
    checklist = found[1]
    if not isinstance(checklist, model.Checklist):
        print(f"error: {checklist.id} is {checklist.kind}, not a checklist", file=sys.stderr)
        return EXIT_USAGE
    try:
        values = parse_pairs(checklist, args.values)
    except BadValue as bad:
        print(f"error: {bad}", file=sys.stderr)
        return EXIT_USAGE
    alerts = evaluate(checklist, values)
    if args.json:
        print_json([as_dict(a) for a in alerts])
    else:
        _print(alerts)
    return EXIT_OK
