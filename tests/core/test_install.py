"""Installing packs: zips and folders, updates, rollback refusal, hostile archives, atomicity."""

from __future__ import annotations

import shutil
import stat
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.core.distribution.install import InstallError, InstallLimits, InstallOptions, install_pack
from app.core.distribution.signing import public_key_text, sign_pack
from app.core.packs.loaded import Origin
from app.core.packs.roots import PackRoot, default_roots, load_packs
from app.core.system.paths import app_paths


def _pack(tmp_path: Path, data_dir: Path, version: str = "1.0.0", name: str = "good") -> Path:
    folder = tmp_path / "sources" / f"{name}-{version}"
    if folder.exists():
        return folder
    shutil.copytree(data_dir / "packs" / "good", folder)
    manifest = folder / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("version: 1.0.0", f"version: {version}"))
    return folder


def _zip(folder: Path, out: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, prefix + path.relative_to(folder).as_posix())
    return out


def _installed_version(dest: Path) -> str:
    return (dest / "test-good" / "pack.yaml").read_text().split("version: ")[1].split()[0]


def test_install_zip_into_user_folder(tmp_path: Path, data_dir: Path) -> None:
    """A zip (with the pack in a top folder) installs under the pack id and then loads as a user pack."""
    archive = _zip(_pack(tmp_path, data_dir), tmp_path / "good.zip", prefix="good/")
    dest = app_paths().user_packs
    result = install_pack(archive, dest)
    assert (result.pack_id, result.version, result.previous_version) == ("test-good", "1.0.0", None)
    assert [p.name for p in dest.iterdir()] == ["test-good"]  # no staging folder left behind
    assert PackRoot(dest, Origin.USER) in default_roots()
    assert load_packs([PackRoot(dest, Origin.USER)]).pack("test-good") is not None


def test_update_replaces_and_rollback_is_refused(tmp_path: Path, data_dir: Path) -> None:
    """A newer version replaces the installed one; an older one is refused unless forced."""
    dest = tmp_path / "dest"
    install_pack(_pack(tmp_path, data_dir, "1.0.0"), dest)
    assert install_pack(_pack(tmp_path, data_dir, "1.2.0"), dest).previous_version == "1.0.0"
    with pytest.raises(InstallError) as refused:
        install_pack(_pack(tmp_path, data_dir, "1.1.0"), dest)
    assert refused.value.code == "rollback" and _installed_version(dest) == "1.2.0"
    install_pack(_pack(tmp_path, data_dir, "1.1.0"), dest, InstallOptions(force=True))
    assert _installed_version(dest) == "1.1.0"


def test_invalid_pack_leaves_previous_in_place(tmp_path: Path, data_dir: Path) -> None:
    """A broken update is refused with its problems and the installed version stays untouched."""
    dest = tmp_path / "dest"
    install_pack(_pack(tmp_path, data_dir, "1.0.0"), dest)
    broken = _pack(tmp_path, data_dir, "2.0.0")
    (broken / "docs" / "protocol.yaml").write_text("kind: protocol\nid: [unclosed\n")
    with pytest.raises(InstallError) as refused:
        install_pack(broken, dest)
    assert refused.value.code == "invalid" and refused.value.problems
    assert _installed_version(dest) == "1.0.0" and [p.name for p in dest.iterdir()] == ["test-good"]


def test_failed_move_restores_previous(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If moving the new copy into place fails, the old copy is put back."""
    dest = tmp_path / "dest"
    install_pack(_pack(tmp_path, data_dir, "1.0.0"), dest)
    original = Path.rename

    def failing(self: Path, target: Path) -> Path:
        if self.name == "unpacked" and Path(target).parent == dest:  # the new copy moving into place
            raise OSError("disk full")
        return original(self, target)

    monkeypatch.setattr(Path, "rename", failing)
    with pytest.raises(InstallError, match="disk full"):
        install_pack(_pack(tmp_path, data_dir, "2.0.0"), dest)
    assert _installed_version(dest) == "1.0.0"


def _hostile_zip(tmp_path: Path, data_dir: Path, name: str, data: bytes = b"x", mode: int = 0) -> Path:
    archive = _zip(_pack(tmp_path, data_dir), tmp_path / "hostile.zip")
    with zipfile.ZipFile(archive, "a") as bundle:
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        if mode:
            info.external_attr = mode << 16
        bundle.writestr(info, data)
    return archive


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("../evil.yaml", "unsafe-path"),
        ("docs/../../evil.yaml", "unsafe-path"),
        ("/etc/evil.yaml", "unsafe-path"),
        ("C:/evil.yaml", "unsafe-path"),
        ("docs\\..\\..\\evil.yaml", "unsafe-path"),
    ],
)
def test_path_traversal_is_refused(tmp_path: Path, data_dir: Path, name: str, code: str) -> None:
    """Members that would land outside the pack are refused and nothing is written outside."""
    dest = tmp_path / "dest"
    with pytest.raises(InstallError) as refused:
        install_pack(_hostile_zip(tmp_path, data_dir, name), dest)
    assert refused.value.code == code
    assert not (tmp_path / "evil.yaml").exists() and list(dest.iterdir()) == []


def test_symlink_member_is_refused(tmp_path: Path, data_dir: Path) -> None:
    """A zip member that is a symbolic link is refused."""
    archive = _hostile_zip(tmp_path, data_dir, "docs/link.yaml", b"/etc/passwd", stat.S_IFLNK | 0o777)
    with pytest.raises(InstallError) as refused:
        install_pack(archive, tmp_path / "dest")
    assert refused.value.code == "unsafe-entry"


def test_symlink_in_folder_is_refused(tmp_path: Path, data_dir: Path) -> None:
    """Installing from a folder refuses links too."""
    source = _pack(tmp_path, data_dir)
    (source / "docs" / "link.yaml").symlink_to(source / "docs" / "cards.yaml")
    with pytest.raises(InstallError, match="link"):
        install_pack(source, tmp_path / "dest")


def test_zip_bomb_is_refused(tmp_path: Path, data_dir: Path) -> None:
    """A member with an extreme compression ratio, or too much data in total, is refused."""
    bomb = _hostile_zip(tmp_path, data_dir, "docs/zeros.txt", b"\0" * (8 * 1024 * 1024))
    with pytest.raises(InstallError) as refused:
        install_pack(bomb, tmp_path / "dest")
    assert refused.value.code == "zip-bomb"
    small = InstallLimits(max_total_bytes=1000)
    with pytest.raises(InstallError) as too_large:
        install_pack(
            _zip(_pack(tmp_path, data_dir, "1.0.1"), tmp_path / "ok.zip"),
            tmp_path / "d2",
            InstallOptions(limits=small),
        )
    assert too_large.value.code == "too-large"


def test_too_many_files_is_refused(tmp_path: Path, data_dir: Path) -> None:
    """The member count is limited before anything is extracted."""
    archive = _zip(_pack(tmp_path, data_dir), tmp_path / "many.zip")
    with pytest.raises(InstallError) as refused:
        install_pack(archive, tmp_path / "dest", InstallOptions(limits=InstallLimits(max_files=2)))
    assert refused.value.code == "too-many-files"


def test_member_larger_than_declared_is_refused(tmp_path: Path, data_dir: Path) -> None:
    """An entry whose header under-states its size stops at the declared size."""
    archive = _hostile_zip(tmp_path, data_dir, "docs/liar.txt", b"a" * 5000)
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as bundle:
        info = bundle.getinfo("docs/liar.txt")
    # Patch the uncompressed size in the central directory (the one zipfile trusts) to 10 bytes.
    central = data.find(b"docs/liar.txt", data.find(b"PK\x01\x02", info.header_offset)) - 46
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    archive.write_bytes(bytes(data))
    with pytest.raises(InstallError) as refused:
        install_pack(archive, tmp_path / "dest")
    assert refused.value.code in {"zip-bomb", "bad-archive"}


def test_not_a_zip(tmp_path: Path) -> None:
    """Something that is not a zip is refused with a clear code."""
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip at all")
    with pytest.raises(InstallError) as refused:
        install_pack(junk, tmp_path / "dest")
    assert refused.value.code == "bad-archive"


def test_signatures_at_install(tmp_path: Path, data_dir: Path) -> None:
    """Required: an unsigned pack is refused and a signed one installs. A damaged signature always fails."""
    key = Ed25519PrivateKey.generate()
    trusted = (public_key_text(key.public_key()),)
    required = InstallOptions(require_signed=True, trusted_keys=trusted)
    source = _pack(tmp_path, data_dir)
    with pytest.raises(InstallError) as refused:
        install_pack(source, tmp_path / "dest", required)
    assert refused.value.code == "unsigned"
    sign_pack(source, key, "test-good", "1.0.0")
    assert install_pack(source, tmp_path / "dest", required).version == "1.0.0"
    (source / "docs" / "cards.yaml").write_text((source / "docs" / "cards.yaml").read_text() + "\n")
    with pytest.raises(InstallError) as damaged:
        install_pack(source, tmp_path / "other", InstallOptions(force=True))
    assert damaged.value.code == "tampered"


def test_newer_copy_supersedes_older(tmp_path: Path, data_dir: Path) -> None:
    """With one pack in two equally trusted roots the newer version is used, in either order; the
    older is superseded. (A bundled or site pack is protected: tests/attacks/test_pack_id_collision.py.)"""
    old, new = _pack(tmp_path, data_dir, "1.0.0"), _pack(tmp_path, data_dir, "1.1.0")
    for roots in (
        [PackRoot(old, Origin.USER), PackRoot(new, Origin.EXTRA)],
        [PackRoot(new, Origin.EXTRA), PackRoot(old, Origin.USER)],
    ):
        packs = load_packs(roots)
        assert [p.manifest.version for p in packs.packs] == ["1.1.0"]
        assert not packs.failed
        assert [(p.pack, p.code, p.severity.value) for p in packs.problems] == [
            (str(old), "superseded", "warning")
        ]


def test_read_only_destination_is_reported(tmp_path: Path, data_dir: Path) -> None:
    """A destination that cannot be written is an install error, not a crash."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(InstallError) as refused:
        install_pack(_pack(tmp_path, data_dir), blocker / "packs")
    assert refused.value.code == "io-error"
