"""Failure 3: the signature check cannot be raced.

Before, a file was read once to verify and again to load. The attack swaps a signed file by rename
so that the loader reads an edited dose while the verifier sees the signed original. Now the bytes
that are hashed are the bytes that are parsed, so the edit is caught in every round.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.core.distribution.policy import PackPolicy
from app.core.distribution.signing import public_key_text, sign_pack
from app.core.packs import loader
from app.core.packs.loaded import Origin
from app.core.packs.roots import PackRoot, load_packs
from app.core.system.paths import bundled_content_dir
from tests.attacks.conftest import PackFactory, assert_bundled_works

EDITED_DOSE = "dose: 560 mg"


def _signed(make_pack: PackFactory) -> tuple[Path, str]:
    folder = make_pack(pack_id="signed-pack")
    key = Ed25519PrivateKey.generate()
    sign_pack(folder, key, "signed-pack", "1.0.0")
    return folder, public_key_text(key.public_key())


@pytest.mark.parametrize("round_number", range(30))
def test_file_swapped_between_read_and_verify_is_caught(
    make_pack: PackFactory, monkeypatch: pytest.MonkeyPatch, round_number: int
) -> None:
    folder, trusted = _signed(make_pack)
    target = folder / "docs" / "protocol.yaml"
    original = target.read_bytes()
    edited = folder / "docs" / ".edited"
    edited.write_bytes(original.replace(b"dose: 56 mg", EDITED_DOSE.encode()))
    real_read = loader.read_regular

    def racing_read(path: Path, limit: int) -> bytes:
        if path != target:
            return real_read(path, limit)
        keep = folder / "docs" / ".original"
        os.link(target, keep)
        os.replace(edited, target)  # the attacker's rename, just before the loader reads
        data = real_read(path, limit)
        os.replace(keep, target)  # and back, before the signature is checked
        return data

    monkeypatch.setattr(loader, "read_regular", racing_read)
    roots = [PackRoot(bundled_content_dir(), Origin.BUNDLED), PackRoot(folder, Origin.EXTRA)]
    packs = load_packs(roots, policy=PackPolicy(require_signed=True, trusted_keys=(trusted,)))
    assert packs.pack("signed-pack") is None, "an edited dose was loaded as signed"
    failed = next(f for f in packs.failed if f.root == folder)
    assert any(p.code == "tampered" and p.file == "docs/protocol.yaml" for p in failed.problems)
    assert all(EDITED_DOSE not in str(doc) for _, doc in packs.documents())
    assert_bundled_works(packs)


def test_untouched_signed_pack_still_loads(make_pack: PackFactory) -> None:
    folder, trusted = _signed(make_pack)
    roots = [PackRoot(folder, Origin.EXTRA)]
    packs = load_packs(roots, policy=PackPolicy(require_signed=True, trusted_keys=(trusted,)))
    assert packs.pack("signed-pack") is not None and not packs.failed
