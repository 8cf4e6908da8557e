"""Shared pieces of the attack tests: a hostile pack is built from the small good test pack."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.packs.loaded import PackSet
from tests.gui.conftest import make_window  # noqa: F401 - the window fixture, for the GUI attacks

BUNDLED_ID = "ketamine-therapy"

PackFactory = Callable[..., Path]


@pytest.fixture
def make_pack(tmp_path: Path, data_dir: Path) -> PackFactory:
    """make_pack(folder, pack_id=..., version=...): a copy of tests/data/packs/good under `folder`."""

    def make(folder: Path | None = None, pack_id: str = "test-good", version: str = "1.0.0") -> Path:
        target = folder or tmp_path / "packs" / f"{pack_id}-{version}"
        shutil.copytree(data_dir / "packs" / "good", target)
        manifest = target / "pack.yaml"
        text = manifest.read_text().replace("id: test-good", f"id: {pack_id}")
        manifest.write_text(text.replace("version: 1.0.0", f"version: {version}"))
        return target

    return make


def assert_bundled_works(packs: PackSet) -> None:
    """The rest of the app kept working: the bundled pack is loaded with its documents."""
    bundled = packs.pack(BUNDLED_ID)
    assert bundled is not None and len(bundled.documents) > 10
    assert packs.find("ketamine-iv-dose") is not None
