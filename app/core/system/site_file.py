"""The site file: one pydantic model validates it, and a broken one fails closed.

IT writes the site file (TOML) to set policy for every workstation. A user can edit their own
settings file, so the site file's security keys (signed packs required, trusted keys, locks) must
never silently fall back to the lenient defaults:

- a site file that exists but cannot be read or parsed (bad encoding, a TOML error, a FIFO, too
  large) puts every security key at its strictest value and locks every setting, until it is fixed;
- an invalid value for a security key takes that key's strictest value, locked;
- a malformed lock list (not a list, an unknown setting, an unknown key under [policy]) locks
  everything the site file names instead of nothing;
- a UTF-8 byte order mark is accepted.

Other invalid values are reported with their line and ignored, as before. The JSON Schema of
`SiteFile` (app.core.system.site_schema) is committed at resources/schema/site.schema.json for IT's editors.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.system.safe_files import FileTooLarge, NotRegularFile, read_regular
from app.core.wording import plural

if TYPE_CHECKING:
    from app.core.system.site_schema import SiteFile

MAX_SITE_BYTES = 1024 * 1024
"""A site file is a few lines; anything larger is not one."""

STRICTEST: dict[str, Any] = {"packs.require_signed": True, "packs.trusted_keys": [], "packs.folders": []}
"""The value each security key takes when the site file cannot be trusted to say otherwise."""


@dataclass
class SiteRead:
    """What the site file says, after validation."""

    values: dict[str, Any] = field(default_factory=dict)
    locked: set[str] = field(default_factory=set)
    issues: list[tuple[int, str]] = field(default_factory=list)
    """(line, message)"""
    closed: list[str] = field(default_factory=list)
    """Why security keys were put at their strictest values (empty when the file is trusted)."""
    strict: set[str] = field(default_factory=set)
    """Keys whose value is the strictest one because the site's own value could not be used."""


Explain = Callable[[str, Any], str | None]
"""explain(setting, value): the plain-words problem with a value (the configuration's own wording)."""


def read_site(path: Path, names: tuple[str, ...], explain: Explain | None = None) -> SiteRead:
    """Read and validate the site file at `path` against the settings `names`; never raises."""
    result = SiteRead()
    text = _text(path, result)
    if text is None:
        if result.closed:
            _close_all(result, names)
        return result
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        _broken(result, int(match.group(1)) if match else 1, f"not valid TOML: {error}")
        _close_all(result, names)
        return result
    _validate(raw, text, result, names, explain or (lambda _key, _value: None))
    return result


def _text(path: Path, result: SiteRead) -> str | None:
    try:
        raw = read_regular(path, MAX_SITE_BYTES)
    except FileNotFoundError:
        return None
    except (NotRegularFile, FileTooLarge) as error:
        _broken(result, 1, f"cannot be used: {error}")
        return None
    except OSError as error:
        _broken(result, 1, f"cannot read the file: {error.strerror or error}")
        return None
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        _broken(result, line, f"not UTF-8 text (byte {raw[error.start]:#x}); save the file as UTF-8")
        return None


def _broken(result: SiteRead, line: int, message: str) -> None:
    result.issues.append((line, message))
    result.closed.append(message)


def _close_all(result: SiteRead, names: tuple[str, ...]) -> None:
    result.issues.append((1, _CLOSED_NOTE))
    result.values = {key: value for key, value in STRICTEST.items() if key != "packs.folders"}
    result.strict = set(result.values)
    result.locked = set(names)


_CLOSED_NOTE = (
    "the site file is broken, so packs must be signed by a trusted key (none is trusted until the "
    "file is fixed) and every setting is locked"
)


def _validate(
    raw: dict[str, Any], text: str, result: SiteRead, names: tuple[str, ...], explain: Explain
) -> None:
    bad_lock = False
    policy = raw.get("policy")
    listed = policy.get("locked") if isinstance(policy, dict) else None
    flat = _flatten(raw, names)
    # pydantic and the site models are imported only when there is a site file to check: most
    # workstations have none, and a start (window or command line) should not pay for them.
    from pydantic import ValidationError

    from app.core.system.site_schema import SiteFile

    try:
        model = SiteFile.model_validate(raw)
    except ValidationError as error:
        reported: set[str] = set()
        for detail in error.errors():
            loc = [str(part) for part in detail["loc"]]
            key = _setting_of(loc, names)
            bad_lock = bad_lock or loc[0] == "policy"
            if key == "policy.locked":
                message = _lock_problem(listed, names)
            elif key is not None:
                message = explain(key, flat.get(key)) or detail["msg"]
            else:
                message = "unknown setting" if detail["type"] == "extra_forbidden" else detail["msg"]
            for name in _leaves(key or ".".join(loc), detail.get("input"), key is None):
                if name not in reported:
                    _report(result, text, name, message)
                    reported.add(name)
            _drop(raw, loc, key)
        model = _revalidate(raw, result)
    named = _flatten(model.model_dump(exclude_none=True), names)
    result.values.update({k: v for k, v in named.items() if k != "policy.locked"})
    result.locked |= set(named.get("policy.locked", []))
    if bad_lock:
        everything = _named_keys(text, names)
        if isinstance(listed, list):
            everything |= {name for name in listed if name in names}
        result.locked |= everything
        result.issues.append((_line_of(text, "policy.locked"), _bad_lock_note(everything)))
    _strictest_for_invalid(result)


def _leaves(name: str, value: Any, unknown: bool) -> list[str]:
    """An unknown table is reported key by key, each on its own line."""
    if unknown and isinstance(value, dict) and value:
        return [f"{name}.{leaf}" for leaf in _flatten(value, ())]
    return [name]


def _lock_problem(listed: Any, names: tuple[str, ...]) -> str:
    if not isinstance(listed, list) or not all(isinstance(name, str) for name in listed):
        return "expected a list of setting names"
    return f"names unknown settings: {', '.join(n for n in listed if n not in names)}"


def _revalidate(raw: dict[str, Any], result: SiteRead) -> SiteFile:
    from pydantic import ValidationError

    from app.core.system.site_schema import SiteFile

    try:
        return SiteFile.model_validate(raw)
    except ValidationError as error:  # should not happen once the bad keys are dropped
        _broken(result, 1, f"cannot be validated: {plural(error.error_count(), 'error')}")
        return SiteFile()


def _bad_lock_note(locked: set[str]) -> str:
    names = ", ".join(sorted(locked)) or "nothing else"
    return f"`policy.locked` is malformed, so every setting this file names is locked: {names}"


def _setting_of(loc: list[str], names: tuple[str, ...]) -> str | None:
    for size in (2, 1):
        candidate = ".".join(loc[:size])
        if candidate in names or candidate == "policy.locked":
            return candidate
    return None


def _report(result: SiteRead, text: str, key: str, problem: str) -> None:
    if key in STRICTEST:
        note = "; its strictest value is used and it is locked"
        result.strict.add(key)
    else:
        note = "; ignored"
    result.issues.append((_line_of(text, key), f"`{key}`: {problem}{note}"))


def _drop(raw: dict[str, Any], loc: list[str], key: str | None) -> None:
    """Remove the invalid setting (or unknown key) so the rest of the file can be validated."""
    path = key.split(".") if key else loc
    node: Any = raw
    for part in path[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict):
        node.pop(path[-1], None)


def _strictest_for_invalid(result: SiteRead) -> None:
    for key in result.strict:
        result.values[key] = STRICTEST[key]
        result.locked.add(key)


def _flatten(data: dict[str, Any], names: tuple[str, ...], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and name not in names:
            flat.update(_flatten(value, names, f"{name}."))
        else:
            flat[name] = value
    return flat


def _named_keys(text: str, names: tuple[str, ...]) -> set[str]:
    """Every setting the site file mentions, by table and key, even where the value is invalid."""
    return {name for name in names if _line_of(text, name, default=0)}


def _line_of(text: str, key: str, default: int = 1) -> int:
    table, _, leaf = key.rpartition(".")
    current = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"\s*\[([^\]]+)\]", line)
        if header:
            current = header.group(1).strip()
            if current == key:
                return number
            continue
        if current == table and re.match(rf"\s*{re.escape(leaf)}\s*=", line):
            return number
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return default
