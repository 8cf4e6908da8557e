"""Failure 5: a pack reusing the bundled pack's id never silently replaces it.

Default settings (no signing required): an unsigned pack in the user's folder or on the command
line claims `ketamine-therapy` with a higher version. It is refused with a message naming both
copies, and the bundled documents stay; only a higher version signed by a trusted key may update it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.cli.main import main
from app.core.distribution.policy import PackPolicy
from app.core.distribution.signing import public_key_text, sign_pack
from app.core.packs.loaded import Origin
from app.core.packs.roots import PackRoot, load_packs
from app.core.system.paths import bundled_content_dir
from tests.attacks.conftest import BUNDLED_ID, PackFactory, assert_bundled_works


def _roots(intruder: Path, origin: Origin = Origin.USER) -> list[PackRoot]:
    return [PackRoot(bundled_content_dir(), Origin.BUNDLED), PackRoot(intruder, origin)]


@pytest.mark.parametrize("origin", [Origin.USER, Origin.EXTRA])
def test_unsigned_intruder_is_refused_with_both_named(make_pack: PackFactory, origin: Origin) -> None:
    intruder = make_pack(pack_id=BUNDLED_ID, version="99.0.0")
    packs = load_packs(_roots(intruder, origin), policy=PackPolicy())
    bundled = packs.pack(BUNDLED_ID)
    assert bundled is not None and bundled.origin is Origin.BUNDLED
    assert packs.find("test-protocol") is None, "the intruder's documents are shown"
    refused = next(f for f in packs.failed if f.root == intruder)
    message = next(p.message for p in refused.problems if p.code == "id-taken")
    assert str(bundled.display) in message and "99.0.0" in message
    assert_bundled_works(packs)


def test_intruder_on_the_command_line(make_pack: PackFactory, capsys: pytest.CaptureFixture[str]) -> None:
    intruder = make_pack(pack_id=BUNDLED_ID, version="99.0.0")
    assert main(["list", "--packs", str(intruder)]) == 0
    out = capsys.readouterr()
    assert "ketamine-iv-dose" in out.out and "test-protocol" not in out.out
    assert "skipped" in out.err


def test_signed_higher_version_may_update(make_pack: PackFactory) -> None:
    key = Ed25519PrivateKey.generate()
    update = make_pack(pack_id=BUNDLED_ID, version="99.0.0")
    sign_pack(update, key, BUNDLED_ID, "99.0.0")
    trusted = (public_key_text(key.public_key()),)
    packs = load_packs(_roots(update), policy=PackPolicy(trusted_keys=trusted))
    chosen = packs.pack(BUNDLED_ID)
    assert chosen is not None and chosen.root == update and chosen.manifest.version == "99.0.0"
    assert any(p.code == "superseded" for p in packs.problems)


def test_signed_but_untrusted_or_not_higher_is_refused(make_pack: PackFactory) -> None:
    key, other = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    update = make_pack(pack_id=BUNDLED_ID, version="99.0.0")
    sign_pack(update, key, BUNDLED_ID, "99.0.0")
    untrusted = (public_key_text(other.public_key()),)
    packs = load_packs(_roots(update), policy=PackPolicy(trusted_keys=untrusted))
    assert packs.pack(BUNDLED_ID).origin is Origin.BUNDLED  # type: ignore[union-attr]
    older = make_pack(pack_id=BUNDLED_ID, version="0.0.1")
    sign_pack(older, key, BUNDLED_ID, "0.0.1")
    trusted = (public_key_text(key.public_key()),)
    packs = load_packs(_roots(older), policy=PackPolicy(trusted_keys=trusted))
    assert packs.pack(BUNDLED_ID).origin is Origin.BUNDLED  # type: ignore[union-attr]
    assert any(f.root == older for f in packs.failed)
