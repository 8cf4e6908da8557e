"""Configuration: built-in defaults < site file < user file, with site policy able to lock keys.

Files are TOML (read with the standard library's tomllib). Every effective value remembers where
it came from, so `protocol-desk config` and the settings dialog can show it. A malformed file is
reported with its line, and whatever was valid in it still applies: never a silent fallback. The
site file is validated by its pydantic model and fails closed (app.core.system.site_file).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from app.core.system.paths import ENV_SITE_CONFIG, AppPaths, portable_home, site_config_file
from app.core.system.safe_files import read_regular
from app.core.system.site_file import MAX_SITE_BYTES, read_site

PORTABLE_SITE_FILE = "site.toml"

Check = Callable[[Any], str | None]
"""Returns an error message, or None when the value is acceptable."""


def _string_list(value: Any) -> str | None:
    ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    return None if ok else "expected a list of text values"


def _int_between(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return f"expected a whole number from {low} to {high}"
        return None

    return check


def _one_of(*choices: str) -> Check:
    def check(value: Any) -> str | None:
        return None if value in choices else f"expected one of: {', '.join(choices)}"

    return check


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "expected true or false"


def _text_table(value: Any) -> str | None:
    ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    return None if ok else "expected a table of text values"


@dataclass(frozen=True)
class KeySpec:
    name: str
    default: Any
    check: Check
    description: str


TEXT_SIZE_MIN, TEXT_SIZE_DEFAULT, TEXT_SIZE_MAX = 8, 11, 28
"""Document text size in points: the settings box, the zoom keys and the validator share these."""
THEME_CHOICES = {
    "system": "Follow the system",
    "light": "Light",
    "dark": "Dark",
    "high-contrast": "High contrast",
}
"""Theme setting values and the words the Settings dialog shows for them."""

KEYS = {
    spec.name: spec
    for spec in (
        KeySpec(
            "packs.folders", [], _string_list, "Extra pack folders (for example a read-only network share)."
        ),
        KeySpec("packs.require_signed", False, _boolean, "Load only packs signed by a trusted key."),
        KeySpec(
            "packs.trusted_keys", [], _string_list, "Ed25519 public keys (base64) trusted to sign packs."
        ),
        KeySpec(
            "placeholders", {}, _text_table, "Values for handout placeholders: clinic_name, clinic_phone, ..."
        ),
        KeySpec(
            "checklists.retention_days", 30, _int_between(1, 3650), "Days to keep completed checklist runs."
        ),
        KeySpec(
            "print.paper",
            "auto",
            _one_of("auto", "A4", "Letter"),
            "Paper for printing and PDF; auto follows the locale (Letter in the US and Canada).",
        ),
        KeySpec(
            "display.text_size",
            TEXT_SIZE_DEFAULT,
            _int_between(TEXT_SIZE_MIN, TEXT_SIZE_MAX),
            "Document text size in points.",
        ),
        KeySpec("display.theme", "system", _one_of(*THEME_CHOICES), "Colour theme."),
        KeySpec("study.new_cards_per_day", 20, _int_between(0, 500), "New study cards introduced per day."),
        KeySpec("logging.level", "INFO", _one_of("DEBUG", "INFO", "WARNING", "ERROR"), "Log level."),
    )
}


@dataclass(frozen=True)
class ConfigIssue:
    file: str
    line: int
    message: str

    def format(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Setting:
    key: str
    value: Any
    source: str
    """"default", "site", "site (strictest)" (the site's value was unusable), "user"."""
    locked: bool
    description: str


@dataclass
class Config:
    settings: dict[str, Setting]
    issues: list[ConfigIssue] = field(default_factory=list)
    site_file: Path | None = None
    user_file: Path | None = None
    site_closed: list[str] = field(default_factory=list)
    """Why the site file could not be used: security settings are then at their strictest."""

    def get(self, key: str) -> Any:
        return self.settings[key].value

    def locked(self, key: str) -> bool:
        return self.settings[key].locked


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and name not in KEYS:
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _line_of(text: str, key: str) -> int:
    leaf = re.escape(key.rsplit(".", 1)[-1])
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"\s*{leaf}\s*=", line) or re.match(rf"\s*\[{re.escape(key)}\]", line):
            return number
    return 1


def _read(path: Path, issues: list[ConfigIssue]) -> tuple[dict[str, Any], str]:
    """The user's file: a problem in it is reported and the defaults stand (nothing to fail closed)."""
    try:
        text = read_regular(path, MAX_SITE_BYTES).decode("utf-8").removeprefix("\ufeff")
        return _flatten(tomllib.loads(text)), text
    except FileNotFoundError:
        return {}, ""
    except (OSError, UnicodeDecodeError) as error:
        issues.append(ConfigIssue(str(path), 1, f"cannot read the file: {error}"))
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        issues.append(ConfigIssue(str(path), int(match.group(1)) if match else 1, f"not valid TOML: {error}"))
    return {}, ""


def _valid_values(path: Path, layer: dict[str, Any], text: str, issues: list[ConfigIssue]) -> dict[str, Any]:
    accepted: dict[str, Any] = {}
    for key, value in layer.items():
        spec = KEYS.get(key)
        problem: str | None
        if key == "policy.locked":
            problem = "only the site file can lock settings"
        else:
            problem = "unknown setting" if spec is None else spec.check(value)
        if problem:
            issues.append(ConfigIssue(str(path), _line_of(text, key), f"`{key}`: {problem}; ignored"))
        else:
            accepted[key] = value
    return accepted


def effective_site_file() -> Path:
    """PROTOCOL_DESK_SITE_CONFIG; else, in portable mode, `site.toml` beside the executable (the
    stick carries its own set-up); else the machine's site file."""
    portable = portable_home()
    if portable is not None and not os.environ.get(ENV_SITE_CONFIG):
        return portable.parent / PORTABLE_SITE_FILE
    return site_config_file()


def load_config(paths: AppPaths, site_file: Path | None = None) -> Config:
    """Merge the three layers; never raises for bad files."""
    site_path = site_file or effective_site_file()
    site = read_site(site_path, tuple(KEYS), lambda key, value: KEYS[key].check(value))
    issues = [ConfigIssue(str(site_path), line, message) for line, message in site.issues]
    user_raw, user_text = _read(paths.user_config_file, issues)
    user = _valid_values(paths.user_config_file, user_raw, user_text, issues)
    settings = {}
    for name, spec in KEYS.items():
        value, source = spec.default, "default"
        if name in site.values:
            value, source = site.values[name], "site (strictest)" if name in site.strict else "site"
        if name in user and name not in site.locked:
            value, source = _merge(name, value, user[name]), "user"
        settings[name] = Setting(name, value, source, name in site.locked, spec.description)
    return Config(settings, issues, site_path, paths.user_config_file, site.closed)


class SettingLocked(Exception):
    """The site locks this key; the user cannot change it."""


def save_user_setting(paths: AppPaths, key: str, value: Any, config: Config | None = None) -> None:
    """Write one key to the user file, keeping its other keys; refused for site-locked keys."""
    spec = KEYS[key]
    problem = spec.check(value)
    if problem:
        raise ValueError(f"`{key}`: {problem}")
    if config is not None and config.locked(key):
        raise SettingLocked(key)
    path = paths.user_config_file
    raw = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    node = raw
    *parents, leaf = key.split(".")
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(tomli_w.dumps(raw), encoding="utf-8")
    temporary.replace(path)  # atomic: a crash leaves the old file or the new one, never half


def _merge(name: str, lower: Any, upper: Any) -> Any:
    """Tables merge key by key (a user fills a placeholder the site left empty); others replace."""
    if isinstance(lower, dict) and isinstance(upper, dict):
        return {**lower, **upper}
    return upper


def site_placeholders(config: Config) -> dict[str, str]:
    """The site's handout values (`clinic_phone` -> `01234 567890`), as text for the renderers."""
    return {str(key): str(value) for key, value in config.get("placeholders").items()}
