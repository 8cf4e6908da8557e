"""Pack signatures: sign and verify, and what a tampered, untrusted, unsafe or rolled-back pack does."""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.core.distribution.policy import PackPolicy
from app.core.distribution.signing import (
    SIGNATURE_FILE,
    SigningError,
    _payload,
    generate_key_pair,
    load_private_key,
    public_key_text,
    sign_pack,
    verify_pack,
)
from app.core.packs.loaded import Origin
from app.core.packs.roots import PackRoot, load_packs
from app.core.packs.semver import is_older, version_key


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def pack(tmp_path: Path, data_dir: Path) -> Path:
    folder = tmp_path / "packs" / "good"
    shutil.copytree(data_dir / "packs" / "good", folder)
    return folder


def _signed(pack: Path, key: Ed25519PrivateKey) -> Path:
    sign_pack(pack, key, "test-good", "1.0.0")
    return pack


def _trusted(key: Ed25519PrivateKey) -> list[str]:
    return [public_key_text(key.public_key())]


def test_signed_pack_verifies(pack: Path, key: Ed25519PrivateKey) -> None:
    """A freshly signed pack verifies against its own public key."""
    result = verify_pack(_signed(pack, key), _trusted(key))
    assert result.ok and result.signed and result.pack_id == "test-good"
    listed = json.loads((pack / SIGNATURE_FILE).read_text())["files"]
    assert set(listed) == {"pack.yaml", "docs/protocol.yaml", "docs/cards.yaml"}


def test_unsigned_pack_is_reported(pack: Path, key: Ed25519PrivateKey) -> None:
    """Without SIGNATURE.json the only finding is `unsigned`."""
    assert verify_pack(pack, _trusted(key)).codes == {"unsigned"}


def test_changed_file_is_tampered(pack: Path, key: Ed25519PrivateKey) -> None:
    """Editing a signed file breaks its hash."""
    _signed(pack, key)
    target = pack / "docs" / "protocol.yaml"
    target.write_text(target.read_text().replace("56 mg", "560 mg"))
    result = verify_pack(pack, _trusted(key))
    assert result.codes == {"tampered"} and result.problems[0].file == "docs/protocol.yaml"


def test_missing_and_added_files(pack: Path, key: Ed25519PrivateKey) -> None:
    """A removed signed file is tampering; a file added after signing is unlisted."""
    _signed(pack, key)
    (pack / "docs" / "cards.yaml").unlink()
    (pack / "docs" / "extra.yaml").write_text("kind: protocol\n")
    (pack / ".hidden").write_text("even hidden files count")
    codes = {(p.code, p.file) for p in verify_pack(pack, _trusted(key)).problems}
    assert codes == {
        ("tampered", "docs/cards.yaml"),
        ("unlisted-file", "docs/extra.yaml"),
        ("unlisted-file", ".hidden"),
    }


def test_edited_signature_file_is_tampered(pack: Path, key: Ed25519PrivateKey) -> None:
    """Changing SIGNATURE.json itself (here the version) invalidates the signature."""
    _signed(pack, key)
    data = json.loads((pack / SIGNATURE_FILE).read_text())
    data["version"] = "9.9.9"
    (pack / SIGNATURE_FILE).write_text(json.dumps(data))
    assert "tampered" in verify_pack(pack, _trusted(key)).codes


def test_untrusted_key(pack: Path, key: Ed25519PrivateKey) -> None:
    """A valid signature by a key that is not trusted is refused as untrusted."""
    _signed(pack, key)
    other = Ed25519PrivateKey.generate()
    assert verify_pack(pack, _trusted(other)).codes == {"untrusted-key"}
    assert verify_pack(pack, []).codes == {"untrusted-key"}


def test_unsafe_listed_path(pack: Path, key: Ed25519PrivateKey) -> None:
    """A signed manifest that names a path outside the pack is refused, even when properly signed."""
    _signed(pack, key)
    data = json.loads((pack / SIGNATURE_FILE).read_text())
    data["files"]["../outside.yaml"] = "0" * 64
    data["signature"] = base64.b64encode(key.sign(_payload(data))).decode()
    (pack / SIGNATURE_FILE).write_text(json.dumps(data))
    assert verify_pack(pack, _trusted(key)).codes == {"unsafe-path"}


def test_garbage_signature_file(pack: Path, key: Ed25519PrivateKey) -> None:
    """A SIGNATURE.json that is not the expected JSON is reported, not raised."""
    (pack / SIGNATURE_FILE).write_text("{not json")
    assert verify_pack(pack, _trusted(key)).codes == {"bad-signature-file"}


def test_links_are_refused(pack: Path, key: Ed25519PrivateKey, tmp_path: Path) -> None:
    """A pack with a symbolic link cannot be signed, and a link added later fails verification."""
    (tmp_path / "elsewhere.yaml").write_text("x: 1\n")
    link = pack / "docs" / "link.yaml"
    link.symlink_to(tmp_path / "elsewhere.yaml")
    with pytest.raises(SigningError, match="links"):
        sign_pack(pack, key, "test-good", "1.0.0")
    link.unlink()
    _signed(pack, key)
    link.symlink_to(tmp_path / "elsewhere.yaml")
    assert "symlink" in verify_pack(pack, _trusted(key)).codes


def test_key_pair_files(tmp_path: Path) -> None:
    """keygen writes an owner-only private key and a base64 public key, and never overwrites."""
    public_file, public = generate_key_pair(tmp_path / "site.key")
    assert (tmp_path / "site.key").stat().st_mode & 0o777 == 0o600
    assert public_file.read_text().strip() == public
    assert public_key_text(load_private_key(tmp_path / "site.key").public_key()) == public
    with pytest.raises(SigningError, match="already exists"):
        generate_key_pair(tmp_path / "site.key")


def _policy(key: Ed25519PrivateKey) -> PackPolicy:
    return PackPolicy(require_signed=True, trusted_keys=tuple(_trusted(key)))


def test_policy_refuses_unsigned_tampered_untrusted(pack: Path, key: Ed25519PrivateKey) -> None:
    """With signatures required, bad packs are failed with the reason and never loaded."""
    roots = [PackRoot(pack, Origin.USER)]
    unsigned = load_packs(roots, policy=_policy(key))
    assert not unsigned.packs and {p.code for p in unsigned.failed[0].problems} == {"unsigned"}
    _signed(pack, key)
    assert [p.id for p in load_packs(roots, policy=_policy(key)).packs] == ["test-good"]
    untrusted = load_packs(roots, policy=_policy(Ed25519PrivateKey.generate()))
    assert not untrusted.packs and "untrusted-key" in {p.code for p in untrusted.problems}
    (pack / "docs" / "cards.yaml").write_text((pack / "docs" / "cards.yaml").read_text() + "\n")
    tampered = load_packs(roots, policy=_policy(key))
    assert not tampered.packs and tampered.failed[0].manifest is not None
    assert "tampered" in {p.code for p in tampered.failed[0].problems}


def test_no_policy_and_bundled_content_load_unsigned(pack: Path, key: Ed25519PrivateKey) -> None:
    """Without a policy nothing changes; bundled content is trusted as part of the installation."""
    assert load_packs([PackRoot(pack, Origin.USER)]).packs
    assert load_packs([PackRoot(pack, Origin.BUNDLED)], policy=_policy(key)).packs


def test_version_order() -> None:
    """Versions compare numerically, and a pre-release sorts before its release."""
    assert is_older("1.9.0", "1.10.0") and is_older("1.0.0-rc.2", "1.0.0")
    assert is_older("1.0.0-rc.2", "1.0.0-rc.10") and not is_older("2.0.0", "2.0.0")
    with pytest.raises(ValueError):
        version_key("one")
