"""Checks for authors, run by `validate --strict` and the app's author mode: a pack can load and still
be unfinished. Each finding is a warning here (strict makes it an error):

- a section or an instruction without a reference (every statement needs a source);
- a reference in pack.yaml that no document cites (a source that supports nothing, or a typo);
- raw HTML in a Markdown body (it is shown as text, never interpreted, so it is a mistake);
- a schema line that points at no file (the editor then checks nothing, silently).

They read the files again rather than the loaded pack, so that they also run on a pack that failed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from app.core.model import MANIFEST
from app.core.packs.problems import Level, Problem
from app.core.packs.yaml_reader import ParsedYaml, Path_, YamlRefused, read_yaml_bytes

_HTML_FINDER = MarkdownIt("commonmark")  # html on: used only to find it, never to render


SCHEMA_LINE = "# yaml-language-server: $schema="


def _files(root: Path) -> Iterator[tuple[Path, str, ParsedYaml]]:
    for path in sorted(root.rglob("*.y*ml")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or path.is_symlink():
            continue
        try:
            yield path, relative.as_posix(), read_yaml_bytes(path.read_bytes())
        except (OSError, YamlRefused):
            continue  # the loader reports these


def _schema_missing(path: Path, parsed: ParsedYaml) -> str | None:
    """The schema line's target when it is a local path that does not exist."""
    first = parsed.text.split("\n", 1)[0].strip()
    if not first.startswith(SCHEMA_LINE):
        return None  # the loader already warns about a missing line
    target = first.removeprefix(SCHEMA_LINE).strip()
    if not target or "://" in target or (path.parent / target).is_file():
        return None
    return target


def _list(data: Any, key: str) -> list[Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def _unreferenced(data: Any) -> Iterator[tuple[Path_, str]]:
    """Sections and instructions whose `references` list is missing or empty."""
    for index, section in enumerate(_list(data, "sections")):
        if isinstance(section, dict) and not section.get("references"):
            yield ("sections", index, "id"), f"section `{section.get('id')}` cites no reference"
    if not isinstance(data, dict) or data.get("kind") != "instructions":
        return
    for index, rule in enumerate(_list(data, "key_rules")):
        if isinstance(rule, dict) and not rule.get("references"):
            yield ("key_rules", index, "text"), "this key rule cites no reference"
    for p, phase in enumerate(_list(data, "phases")):
        for i, item in enumerate(_list(phase, "items")):
            if isinstance(item, dict) and not item.get("references"):
                yield ("phases", p, "items", i, "text"), "this instruction cites no reference"


def _raw_html(data: Any) -> Iterator[tuple[Path_, str]]:
    for index, section in enumerate(_list(data, "sections")):
        body = section.get("body") if isinstance(section, dict) else None
        if isinstance(body, str):
            found = _html_in(body)
            if found:
                yield (
                    ("sections", index, "body"),
                    (f"raw HTML `{found}` is shown as text, not interpreted; write it in Markdown"),
                )


def _html_in(markdown: str) -> str | None:
    for token in _HTML_FINDER.parse(markdown):
        for part in [token, *(token.children or [])]:
            if part.type in {"html_inline", "html_block"}:
                return part.content.strip().splitlines()[0][:40]
    return None


def _cited(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "references" and isinstance(value, list):
                yield from (ref for ref in value if isinstance(ref, str))
            else:
                yield from _cited(value)
    elif isinstance(data, list):
        for value in data:
            yield from _cited(value)


def authoring_problems(root: Path, display: str | None = None) -> list[Problem]:
    """Every authoring finding in the pack folder `root`, as warnings."""
    shown = display if display is not None else str(root)
    problems: list[Problem] = []
    manifest: ParsedYaml | None = None
    cited: set[str] = set()

    def add(relpath: str, parsed: ParsedYaml, path: Path_, code: str, message: str) -> None:
        position = parsed.position_of(path)
        problems.append(Problem(shown, relpath, position.line, position.column, Level.WARNING, code, message))

    for file_path, relpath, parsed in _files(root):
        missing = _schema_missing(file_path, parsed)
        if missing is not None:
            message = (
                f"the schema line points at `{missing}`, which does not exist, so the editor checks nothing; "
                f"run `protocol-desk schema --write {shown}` and point at pack.schema.json"
            )
            problems.append(Problem(shown, relpath, 1, 1, Level.WARNING, "schema-missing", message))
        if relpath == MANIFEST:
            manifest = parsed
            continue
        cited.update(_cited(parsed.data))
        for path, message in _unreferenced(parsed.data):
            add(relpath, parsed, path, "no-reference", message)
        for path, message in _raw_html(parsed.data):
            add(relpath, parsed, path, "raw-html", message)
    if manifest is not None:
        for index, ref in enumerate(_list(manifest.data, "references")):
            ref_id = ref.get("id") if isinstance(ref, dict) else None
            if isinstance(ref_id, str) and ref_id not in cited:
                message = f"reference `{ref_id}` is cited by no document"
                add(MANIFEST, manifest, ("references", index, "id"), "unused-reference", message)
    return problems
