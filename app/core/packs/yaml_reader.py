"""A strict YAML reader for content files.

It builds plain data straight from the parser's events, so that it can refuse what YAML makes
dangerous or ambiguous before anything is constructed (aliases, tags, duplicate keys, deep nesting)
and record the line and column of every value for error messages. Plain scalars are resolved with
YAML's own rules; the pydantic models then refuse a `NO` or `1.10` where text is expected, and
`plain_scalars` keeps the original spelling so the message can tell the author to quote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing: the pure loader is slower but equivalent
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 16

Path_ = tuple[str | int, ...]


class Position(NamedTuple):
    line: int
    column: int


@dataclass(frozen=True)
class YamlIssue:
    """A problem found while reading, with a 1-based position."""

    line: int
    column: int
    code: str
    message: str


class YamlRefused(Exception):
    """The file cannot be read as content; `issues` says why and where."""

    def __init__(self, issues: list[YamlIssue]) -> None:
        super().__init__("; ".join(i.message for i in issues))
        self.issues = issues


@dataclass
class _Located:
    positions: dict[Path_, Position] = field(default_factory=dict)
    key_positions: dict[Path_, Position] = field(default_factory=dict)
    plain_scalars: dict[Path_, str] = field(default_factory=dict)


class ParsedYaml:
    """Data read from one file. Positions are worked out only when a message needs one:
    most files have no problems, and recording every node's position would double load time."""

    def __init__(self, data: Any, text: str = "", located: _Located | None = None) -> None:
        self.data = data
        self.text = text
        self._located = located

    @property
    def located(self) -> _Located:
        if self._located is None:
            builder = _Builder(track=True)
            for event in yaml.parse(self.text, Loader=_Loader):
                builder.feed(event)
            self._located = builder.located
        return self._located

    @property
    def positions(self) -> dict[Path_, Position]:
        return self.located.positions

    @property
    def key_positions(self) -> dict[Path_, Position]:
        return self.located.key_positions

    @property
    def plain_scalars(self) -> dict[Path_, str]:
        """Original text of plain scalars that YAML read as something other than a string."""
        return self.located.plain_scalars

    def position_of(self, path: Path_) -> Position:
        """The position of the deepest node on `path` that exists."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if found is not None:
                return found
        return Position(1, 1)


_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()


@lru_cache(maxsize=4096)
def _resolve_plain(value: str) -> Any:
    tag: str = _resolver.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    if tag == "tag:yaml.org,2002:str":
        return value
    node = yaml.ScalarNode(tag, value)
    try:
        return _constructor.yaml_constructors[tag](_constructor, node)
    except ValueError:
        return value  # e.g. 2026-13-45: looks like a date but is not one; the model reports it


def _pos(event: Any) -> Position:
    return Position(event.start_mark.line + 1, event.start_mark.column + 1)


def decode_text(raw: bytes) -> str:
    """UTF-8 text, or a refusal that says where the first bad byte is."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlRefused(
            [YamlIssue(line, 1, "encoding", f"the file is not UTF-8 text (bad byte at offset {error.start})")]
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise YamlRefused([YamlIssue(line, 1, "encoding", "the file contains a NUL byte: it is not text")])
    return text.removeprefix("\ufeff")


def _tab_issues(text: str) -> list[YamlIssue]:
    if "\t" not in text:
        return []
    issues = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            issues.append(YamlIssue(number, indent.index("\t") + 1, "tab", "indent with spaces, not tabs"))
    return issues


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: Path_
    key: str | None = None
    key_position: Position | None = None


class _Builder:
    """Turns parser events into dicts, lists and scalars, refusing unsafe constructs."""

    def __init__(self, track: bool = False) -> None:
        self.track = track
        self.stack: list[_Frame] = []
        self.data: Any = None
        self.located = _Located()
        self.issues: list[YamlIssue] = []
        self.documents = 0
        self.root_set = False

    def feed(self, event: Any) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self._check_node(event)
            self._scalar(event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            self._check_node(event)
            self._open(event)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self.stack.pop()
        elif kind is yaml.AliasEvent:
            self._refuse(event, "alias", f"aliases (*{event.anchor}) are not allowed: write the value out")
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self._refuse(event, "multiple-documents", "only one YAML document per file (remove `---`)")

    def _check_node(self, event: Any) -> None:
        if event.anchor:
            self._refuse(event, "anchor", f"anchors (&{event.anchor}) are not allowed: write values out")
        if event.tag:
            shown = str(event.tag).replace("tag:yaml.org,2002:", "!!")
            self._refuse(event, "tag", f"tags such as `{shown}` are not allowed in content files")

    def _refuse(self, event: Any, code: str, message: str) -> None:
        position = _pos(event)
        self.issues.append(YamlIssue(position.line, position.column, code, message))
        raise YamlRefused(self.issues)

    def _scalar(self, event: Any) -> None:
        top = self.stack[-1] if self.stack else None
        if isinstance(top, _Frame) and isinstance(top.container, dict) and top.key is None:
            self._key(top, event)
            return
        value = _resolve_plain(event.value) if event.style == "" and event.implicit[0] else event.value
        path = self._place(value, event)
        if self.track and not isinstance(value, str):
            self.located.plain_scalars[path] = event.value

    def _key(self, frame: _Frame, event: Any) -> None:
        assert isinstance(frame.container, dict)
        if event.value in frame.container:
            position = _pos(event)
            self.issues.append(
                YamlIssue(
                    position.line, position.column, "duplicate-key", f"key `{event.value}` appears twice"
                )
            )
        frame.key = event.value
        frame.key_position = _pos(event)

    def _open(self, event: Any) -> None:
        if len(self.stack) >= MAX_DEPTH:
            self._refuse(event, "too-deep", f"nested more than {MAX_DEPTH} levels deep")
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.container, dict) and top.key is None:
            self._refuse(event, "complex-key", "keys must be plain words, not lists or mappings")
        container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        path = self._place(container, event)
        self.stack.append(_Frame(container, path))

    def _place(self, value: Any, event: Any) -> Path_:
        if not self.stack:
            self.data = value
            self.root_set = True
            path: Path_ = ()
        else:
            top = self.stack[-1]
            if isinstance(top.container, list):
                path = (*top.path, len(top.container)) if self.track else ()
                top.container.append(value)
            else:
                assert top.key is not None
                path = (*top.path, top.key) if self.track else ()
                top.container[top.key] = value
                if self.track and top.key_position is not None:
                    self.located.key_positions[path] = top.key_position
                top.key = None
        if self.track:
            self.located.positions[path] = _pos(event)
        return path


def parse_yaml(text: str) -> ParsedYaml:
    """Parse one YAML document strictly; raise YamlRefused listing every problem found."""
    tab_issues = _tab_issues(text)
    if tab_issues:
        raise YamlRefused(tab_issues)
    builder = _Builder()
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or "the YAML is not well formed"
        builder.issues.append(YamlIssue(line, column, "syntax", f"YAML syntax error: {problem}"))
        raise YamlRefused(builder.issues) from None
    if builder.issues:
        raise YamlRefused(builder.issues)
    if not builder.root_set or builder.data is None:
        raise YamlRefused([YamlIssue(1, 1, "empty", "the file is empty")])
    if not isinstance(builder.data, dict):
        raise YamlRefused(
            [YamlIssue(1, 1, "not-mapping", "the file must be a mapping of `field: value` lines")]
        )
    return ParsedYaml(builder.data, text)


def read_yaml_bytes(raw: bytes, max_bytes: int = MAX_FILE_BYTES) -> ParsedYaml:
    if len(raw) > max_bytes:
        raise YamlRefused(
            [YamlIssue(1, 1, "too-large", f"the file is over the {max_bytes // 1024} KB limit")]
        )
    return parse_yaml(decode_text(raw))
