"""Failure 6 (and the FIFO of failure 9): pack folders are walked without following links or
opening anything that is not a regular file, in loading, signing, the site cache and install.

A share holds a pack with a hidden `.cache -> /dev/zero` link (which filled a disk on every start),
a link to a pack folder outside the share, and a FIFO. None is followed or opened; the real pack
loads and is cached without them, quickly.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from app.core.distribution.install import InstallError, install_pack
from app.core.distribution.policy import PackPolicy
from app.core.distribution.signing import SigningError, sign_pack
from app.core.packs.loaded import Origin
from app.core.packs.loader import load_pack
from app.core.packs.roots import PackRoot, load_packs
from app.core.system.paths import bundled_content_dir
from tests.attacks.conftest import PackFactory, assert_bundled_works

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs symlinks and FIFOs")


def _folder_size(folder: Path) -> int:
    return sum(path.lstat().st_size for path in folder.rglob("*"))


def test_hidden_link_to_dev_zero_in_a_share_is_not_copied(tmp_path: Path, make_pack: PackFactory) -> None:
    share = tmp_path / "share"
    pack = make_pack(share / "good-pack", pack_id="share-pack")
    (pack / ".cache").symlink_to("/dev/zero")
    outside = make_pack(tmp_path / "outside" / "elsewhere", pack_id="outside-pack")
    (share / "linked-pack").symlink_to(outside, target_is_directory=True)
    cache = tmp_path / "cache"
    policy = PackPolicy(site_cache=cache)
    roots = [PackRoot(bundled_content_dir(), Origin.BUNDLED), PackRoot(share, Origin.SITE)]
    started = time.monotonic()
    packs = load_packs(roots, policy=policy)
    assert time.monotonic() - started < 10
    assert packs.pack("share-pack") is not None and packs.pack("outside-pack") is None
    assert any(p.code == "symlink" and "linked-pack" in p.pack for p in packs.problems)
    assert _folder_size(cache) < 1_000_000, "the cache copied something it should not"
    assert not list(cache.rglob(".cache")) and not list(cache.rglob("elsewhere"))
    assert_bundled_works(packs)


def test_fifo_inside_a_pack_is_refused_not_opened(make_pack: PackFactory) -> None:
    pack = make_pack(pack_id="fifo-pack")
    os.mkfifo(pack / "docs" / "stuck.yaml")
    started = time.monotonic()
    loaded = load_pack(pack)
    assert time.monotonic() - started < 5
    assert any(p.code == "not-a-file" for p in loaded.problems)


def test_pack_sign_does_not_hang_on_a_fifo(make_pack: PackFactory) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    pack = make_pack(pack_id="fifo-pack")
    os.mkfifo(pack / "notes.txt")
    started = time.monotonic()
    with pytest.raises(SigningError, match=r"notes\.txt"):
        sign_pack(pack, Ed25519PrivateKey.generate(), "fifo-pack", "1.0.0")
    assert time.monotonic() - started < 5


def test_install_refuses_links_and_fifos(tmp_path: Path, make_pack: PackFactory) -> None:
    pack = make_pack(pack_id="link-pack")
    (pack / ".cache").symlink_to("/dev/zero")
    with pytest.raises(InstallError, match="link"):
        install_pack(pack, tmp_path / "dest")
    fifo_pack = make_pack(pack_id="fifo-pack")
    os.mkfifo(fifo_pack / "pipe")
    with pytest.raises(InstallError, match="plain file"):
        install_pack(fifo_pack, tmp_path / "dest2")
