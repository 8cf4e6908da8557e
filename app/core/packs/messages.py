"""Translate pydantic validation errors into author-facing messages at YAML positions."""

from __future__ import annotations

import difflib
from datetime import date, datetime
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from app.core import model
from app.core.packs.yaml_reader import ParsedYaml, Path_, Position
from app.core.wording import plural, verb

Finding = tuple[Position, str, str]
"""(position, code, message)"""
MAX_FINDINGS = 100
"""Errors explained per file: each may compute a suggestion, so a file with 60,000 unknown keys
must not cost 60,000 of them."""


def _models(root: type[BaseModel]) -> set[type[BaseModel]]:
    found: set[type[BaseModel]] = set()
    pending = [root]
    while pending:
        current = pending.pop()
        if current in found:
            continue
        found.add(current)
        for info in current.model_fields.values():
            pending.extend(_nested_models(info.annotation))
    return found


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    nested: list[type[BaseModel]] = []
    for argument in getattr(annotation, "__args__", ()) or ():
        nested.extend(_nested_models(argument))
    for meta in getattr(annotation, "__metadata__", ()) or ():
        nested.extend(_nested_models(meta))
    return nested


@cache
def known_field_names() -> tuple[str, ...]:
    roots: list[type[BaseModel]] = [model.PackManifest, model.Protocol, model.Checklist]
    roots += [model.Instructions, model.Calculator, model.CardDeck]
    names: set[str] = set()
    for root in roots:
        for found in _models(root):
            names.update(found.model_fields)
    return tuple(sorted(names))


UNION_TAGS = frozenset(
    {*model.DOCUMENT_KINDS, "check", "yesno", "number", "scale", "text", "basic", "cloze"}
    | {"weight-based-dose", "device-count", "PackManifest"}
)


def data_path(parsed: ParsedYaml, loc: tuple[int | str, ...]) -> Path_:
    """Follow pydantic's location through the data, skipping union tags that are not keys."""
    current: Any = parsed.data
    path: list[str | int] = []
    for part in loc:
        if isinstance(current, dict) and part in UNION_TAGS and part not in current:
            continue
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        elif isinstance(current, dict) and isinstance(part, str) and "[" not in part:
            path.append(part)  # a missing or unknown field: the parent is the best position
            break
        else:
            continue
        path.append(part)
    return tuple(path)


def field_label(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the file"


def _read_as(value: Any) -> str:
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, date | datetime):
        return "a date"
    if value is None:
        return "an empty value"
    return "something else"


def _expected(error: ErrorDetails) -> str:
    context = error.get("ctx") or {}
    return str(context.get("expected", "")).replace("'", "`")


def _message(error: ErrorDetails, parsed: ParsedYaml, path: Path_) -> tuple[str, str]:
    kind = error["type"]
    where = field_label(path)
    last = path[-1] if path else ""
    if kind == "missing":
        missing = error["loc"][-1]
        path = path[:-1] if path and path[-1] == missing else path
        inside = f" in `{field_label(path)}`" if path else ""
        return "missing-field", f"required field `{missing}` is missing{inside}"
    if kind == "extra_forbidden":
        hint = difflib.get_close_matches(str(last), known_field_names(), n=1)
        suggestion = f"; did you mean `{hint[0]}`?" if hint else ""
        return "unknown-field", f"unknown field `{last}`{suggestion}"
    if kind == "string_type" and path in parsed.plain_scalars:
        raw = parsed.plain_scalars[path]
        value = error["input"]
        return "quote-text", (
            f"{where}: `{raw}` was read as {_read_as(value)}, but text is expected here; "
            f'put it in quotes: "{raw}"'
        )
    if kind in {"literal_error", "enum"}:
        return "bad-choice", f"{where}: `{error['input']}` is not allowed here; expected {_expected(error)}"
    if kind == "union_tag_invalid":
        context = error.get("ctx") or {}
        expected = str(context.get("expected_tags", "")).replace("'", "`")
        field = f"`{context.get('discriminator', 'kind')}`".replace("'", "")
        return "bad-kind", f"{field}: `{context.get('tag')}` is not a known value; expected {expected}"
    if kind == "union_tag_not_found":
        return "missing-kind", f"{where}: {error['msg'].lower()}"
    return "invalid-value", f"{where}: {_plain(error)}"


def _plain(error: ErrorDetails) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind in {"float_type", "int_type", "int_from_float", "float_parsing", "int_parsing"}:
        return f"expected a {'whole ' if kind.startswith('int') else ''}number, found {value!r}"
    if kind == "string_type":
        return f"expected text, found {_read_as(value)}"
    if kind == "finite_number":
        return f"expected a finite number, found {value!r}"
    if kind in {"date_type", "date_from_datetime_inexact"}:
        return f"expected a date written as YYYY-MM-DD, found {value!r}"
    if kind == "string_pattern_mismatch":
        return f"{value!r} is not in the expected form ({_pattern_hint(error)})"
    if kind == "bool_type":
        return f"expected true or false, found {value!r}"
    if kind in {"list_type", "dict_type", "model_type"}:
        wanted = "a list (lines starting with `- `)" if kind == "list_type" else "a mapping of `field: value`"
        return f"expected {wanted}, found {_read_as(value) if not isinstance(value, str) else 'text'}"
    message = error["msg"]
    return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def _pattern_hint(error: ErrorDetails) -> str:
    pattern = str((error.get("ctx") or {}).get("pattern", ""))
    if pattern == model.common.ID_PATTERN:
        return "lower-case letters, digits and hyphens, like `esketamine-trd`"
    if pattern == model.common.SEMVER_PATTERN:
        return "a version like 1.2.0"
    if "#" in pattern:
        return "`document-id#section-id`"
    return f"pattern {pattern}"


def findings(error: ValidationError, parsed: ParsedYaml) -> list[Finding]:
    """Every error in `error`, positioned on the YAML node it concerns."""
    results: list[Finding] = []
    details = error.errors(include_url=False, include_context=True, include_input=True)
    for detail in details[:MAX_FINDINGS]:
        path = data_path(parsed, detail["loc"])
        code, message = _message(detail, parsed, path)
        position = parsed.key_positions.get(path) if code == "unknown-field" else None
        results.append((position or parsed.position_of(path), code, message))
    if len(details) > MAX_FINDINGS:
        count = len(details) - MAX_FINDINGS
        more = f"{plural(count, 'more error')} in this file {verb(count, 'is')} not listed"
        results.append((parsed.position_of(()), "too-many-errors", more))
    return results
