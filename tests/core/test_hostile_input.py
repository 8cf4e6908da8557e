"""Hostile files are refused quickly, without memory blow-up and without running anything."""

from __future__ import annotations

import random
import shutil
import time
import tracemalloc
from pathlib import Path

import pytest

from app.core.packs.loaded import FailedPack
from app.core.packs.loader import load_pack
from app.core.packs.yaml_reader import YamlRefused, parse_yaml, read_yaml_bytes


def _refusal_cost(raw: bytes) -> tuple[float, int, list[str]]:
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(YamlRefused) as refused:
        read_yaml_bytes(raw)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak, [issue.code for issue in refused.value.issues]


def _billion_laughs() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 9):
        previous, current = chr(96 + index), chr(97 + index)
        lines.append(f"{current}: &{current} [{','.join(['*' + previous] * 9)}]")
    return ("\n".join(lines) + "\n").encode()


def test_alias_bomb_is_refused_fast_and_small() -> None:
    """A 1 KB billion-laughs file is refused at its first anchor, in well under a second."""
    raw = _billion_laughs()
    assert len(raw) < 1024
    elapsed, peak, codes = _refusal_cost(raw)
    assert codes == ["anchor"]
    assert elapsed < 1.0 and peak < 5_000_000


def test_python_tag_is_never_executed(tmp_path: Path) -> None:
    """A !!python/object/apply tag is refused before anything is constructed."""
    marker = tmp_path / "pwned"
    raw = f"title: !!python/object/apply:os.system ['touch {marker}']\n".encode()
    _, _, codes = _refusal_cost(raw)
    assert codes == ["tag"]
    assert not marker.exists()


def test_random_bytes_are_refused() -> None:
    """4 KB of random bytes is refused as not being text."""
    raw = random.Random(1234).randbytes(4096)
    elapsed, peak, codes = _refusal_cost(raw)
    assert codes in (["encoding"], ["syntax"], ["tab"])
    assert elapsed < 1.0 and peak < 5_000_000


def test_huge_file_is_refused_without_reading_it(tmp_path: Path, data_dir: Path) -> None:
    """A 60 MB document is refused by its size before it is read into memory."""
    pack = tmp_path / "pack"
    shutil.copytree(data_dir / "packs" / "good", pack)
    huge = pack / "docs" / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)
    tracemalloc.start()
    started = time.perf_counter()
    loaded = load_pack(pack)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(loaded, FailedPack)
    assert [p.code for p in loaded.problems if p.file == "docs/huge.yaml"] == ["too-large"]
    assert elapsed < 1.0 and peak < 10_000_000


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a: 1\n---\nb: 2\n", "multiple-documents"),
        ("? [a, b]\n: c\n", "complex-key"),
        ("[1, 2]\n", "not-mapping"),
        ("a: !custom x\n", "tag"),
        ("a: *missing\n", "alias"),
        ("a: 'unterminated\n", "syntax"),
    ],
)
def test_odd_yaml_is_refused_with_a_code(text: str, code: str) -> None:
    """Ambiguous or unsafe YAML constructs each have a clear refusal."""
    with pytest.raises(YamlRefused) as refused:
        parse_yaml(text)
    assert refused.value.issues[0].code == code


def test_plain_scalars_keep_their_spelling_for_messages() -> None:
    """YAML 1.1 conversions are recorded so the message can quote what the author wrote."""
    parsed = parse_yaml("a: NO\nb: 1.10\nc: 12:30\nd: text\n")
    assert parsed.data == {"a": False, "b": 1.1, "c": 750, "d": "text"}
    assert parsed.plain_scalars == {("a",): "NO", ("b",): "1.10", ("c",): "12:30"}
