"""The installation manifest: written at build time, checked by `self-test --installed`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.core.system.manifest import MANIFEST_NAME, ManifestError, verify_manifest, write_manifest


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A folder shaped like a frozen build: an executable, a link to it, and a bundle folder."""
    root = tmp_path / "protocol-desk"
    (root / "_internal" / "resources").mkdir(parents=True)
    (root / "protocol-desk").write_bytes(b"\x7fELF program")
    os.symlink("protocol-desk", root / "protocol-desk-gui")
    (root / "_internal" / "resources" / "style.qss").write_text("QWidget {}", encoding="utf-8")
    write_manifest(root, root / "_internal" / MANIFEST_NAME, "protocol-desk", "9.8.7")
    return root


def _check(root: Path):  # type: ignore[no-untyped-def]
    bundle = root / "_internal"
    return verify_manifest(root, bundle / MANIFEST_NAME, watched=bundle)


def test_an_untouched_build_passes(built: Path) -> None:
    manifest = json.loads((built / "_internal" / MANIFEST_NAME).read_text())
    assert set(manifest["files"]) == {"protocol-desk", "_internal/resources/style.qss"}
    assert manifest["links"] == {"protocol-desk-gui": "protocol-desk"}
    check = _check(built)
    assert check.ok and check.checked == 3 and check.version == "9.8.7" and not check.unexpected


def test_missing_and_modified_files_fail(built: Path) -> None:
    (built / "_internal" / "resources" / "style.qss").write_text("QWidget { color: red }", encoding="utf-8")
    (built / "protocol-desk").unlink()
    check = _check(built)
    assert not check.ok
    assert check.missing == ["protocol-desk"] and check.modified == ["_internal/resources/style.qss"]


def test_a_link_pointing_elsewhere_is_modified(built: Path) -> None:
    (built / "protocol-desk-gui").unlink()
    os.symlink("/usr/bin/true", built / "protocol-desk-gui")
    assert _check(built).modified == ["protocol-desk-gui"]


def test_a_file_replacing_a_link_is_missing_as_a_link(built: Path) -> None:
    (built / "protocol-desk-gui").unlink()
    (built / "protocol-desk-gui").write_bytes(b"\x7fELF program")
    assert _check(built).missing == ["protocol-desk-gui"]


def test_files_added_inside_the_bundle_are_listed_but_files_beside_it_are_not(built: Path) -> None:
    """portable.txt and site.toml belong beside the app; nothing should add files to _internal."""
    (built / "portable.txt").write_text("", encoding="utf-8")
    (built / "_internal" / "dropped.so").write_bytes(b"?")
    check = _check(built)
    assert check.ok and check.unexpected == ["_internal/dropped.so"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no installation manifest"),
        ("{not json", "cannot read"),
        ('{"format": 99}', "not an installation"),
    ],
)
def test_an_unusable_manifest_is_named(tmp_path: Path, content: str | None, message: str) -> None:
    manifest = tmp_path / MANIFEST_NAME
    if content is not None:
        manifest.write_text(content, encoding="utf-8")
    with pytest.raises(ManifestError, match=message) as raised:
        verify_manifest(tmp_path, manifest)
    assert str(manifest) in str(raised.value)
