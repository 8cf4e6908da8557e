"""Failure 9: bounds are finite and nothing hangs.

A calculator with `max: .inf` or `min: .nan` is refused by `validate` with its position (before,
5,000 kg gave a 3,750 mg dose, and NaN a traceback). A document with 60,000 unknown keys is refused
in bounded time with a bounded list of problems. (FIFOs and huge files: test_share_symlinks.py and
test_site_policy_attacks.py.)
"""

from __future__ import annotations

import difflib
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from app.core.calc import InputError, calculate
from app.core.packs.loaded import FailedPack, Origin
from app.core.packs.loader import MAX_PROBLEMS, load_pack
from app.core.packs.roots import PackRoot, load_packs
from app.core.system.paths import bundled_content_dir
from tests.attacks.conftest import PackFactory, assert_bundled_works

CALCULATOR = bundled_content_dir() / "ketamine-therapy" / "calculators" / "ketamine-iv-dose.yaml"


def _hostile_calculator(make_pack: PackFactory, old: str, new: str) -> Path:
    pack_dir = make_pack()
    text = CALCULATOR.read_text()
    assert old in text
    (pack_dir / "docs" / "calc.yaml").write_text(
        text.replace(old, new, 1).replace("../../../", "../../../../../")
    )
    return pack_dir


@pytest.mark.parametrize(
    ("old", "new", "line_of"),
    [("    max: 200\n", "    max: .inf\n", "max: .inf"), ("    min: 30\n", "    min: .nan\n", "min: .nan")],
)
def test_infinite_or_nan_bounds_are_refused_with_a_position(
    make_pack: PackFactory, capsys: pytest.CaptureFixture[str], old: str, new: str, line_of: str
) -> None:
    pack_dir = _hostile_calculator(make_pack, old, new)
    text = (pack_dir / "docs" / "calc.yaml").read_text()
    line = text[: text.index(line_of)].count("\n") + 1
    loaded = load_pack(pack_dir)
    assert isinstance(loaded, FailedPack)
    problem = next(p for p in loaded.problems if "finite number" in p.message)
    assert (problem.file, problem.line) == ("docs/calc.yaml", line)
    assert main(["validate", str(pack_dir)]) == 1
    assert f"docs/calc.yaml:{line}:" in capsys.readouterr().out
    packs = load_packs([PackRoot(bundled_content_dir(), Origin.BUNDLED), PackRoot(pack_dir, Origin.EXTRA)])
    assert_bundled_works(packs)
    calculator = packs.find("ketamine-iv-dose")[1]  # type: ignore[index]
    with pytest.raises(InputError):
        calculate(
            calculator.calculation, {"weight": 5000, "dose_per_kg": 0.5, "concentration": 1, "minutes": 40}
        )


def test_sixty_thousand_unknown_keys_are_refused_quickly(
    make_pack: PackFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bounded work, counted rather than timed (a time ratio fails on a loaded machine): before,
    every unknown key got a close-match suggestion (22 s, ~40x the parse); now only the problems
    that are kept get one."""
    pack_dir = make_pack()
    protocol = pack_dir / "docs" / "protocol.yaml"
    keys = "".join(f"unknown_key_{n}: 1\n" for n in range(60_000))
    protocol.write_text(protocol.read_text() + keys)
    suggestions = 0
    real_close_matches = difflib.get_close_matches

    def counted_close_matches(*args: Any, **kwargs: Any) -> list[str]:
        nonlocal suggestions
        suggestions += 1
        return real_close_matches(*args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted_close_matches)
    loaded = load_pack(pack_dir)
    tracemalloc.start()
    load_pack(pack_dir)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(loaded, FailedPack)
    assert len(loaded.problems) <= MAX_PROBLEMS + 1
    assert any(p.code in {"too-many-errors", "too-many-problems"} for p in loaded.problems)
    assert suggestions <= 4 * (MAX_PROBLEMS + 1), f"{suggestions} suggestions computed"
    assert peak < 200_000_000, f"{peak / 1e6:.0f} MB"


def test_finite_bounds_still_load(make_pack: PackFactory) -> None:
    """The limits refuse only the hostile: the same calculator with a finite bound draws no such
    problem (the copy fails only for citing references that live in the bundled pack)."""
    pack_dir = _hostile_calculator(make_pack, "    max: 200\n", "    max: 250\n")
    problems = load_pack(pack_dir).problems
    assert problems and not [p for p in problems if "finite" in p.message]
