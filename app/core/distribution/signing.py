"""Pack signatures: a manifest of SHA-256 hashes of every file, signed with Ed25519.

`SIGNATURE.json` sits in the pack folder. It lists every other file of the pack with its hash,
the pack id and version, and the signer's public key; the signature covers all of that as
canonical JSON. Verifying checks the key against the trusted keys, the signature, every hash,
that no file is missing or unlisted, and that no listed path could point outside the pack.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.core.packs.problems import Level, Problem
from app.core.system.safe_files import read_regular, sha256_regular, walk

SIGNATURE_FILE = "SIGNATURE.json"
SIGNATURE_FORMAT = 1
MAX_SIGNATURE_BYTES = 4 * 1024 * 1024


class SigningError(Exception):
    """A key or pack that cannot be used for signing; the message says why."""


@dataclass(frozen=True)
class Verification:
    """The outcome of checking one pack folder; `problems` is empty when it is valid and trusted."""

    signed: bool
    key_id: str | None = None
    pack_id: str | None = None
    version: str | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def codes(self) -> set[str]:
        return {p.code for p in self.problems}


# Keys --------------------------------------------------------------------------------------------


def public_key_text(key: Ed25519PublicKey) -> str:
    """The form used in configuration and in SIGNATURE.json: base64 of the 32 raw bytes."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def key_id(public_text: str) -> str:
    """A short fingerprint to show people: the first 16 hex digits of SHA-256 of the raw key."""
    try:
        raw = base64.b64decode(public_text, validate=True)
    except (binascii.Error, ValueError):
        raw = public_text.encode()
    return hashlib.sha256(raw).hexdigest()[:16]


def parse_public_key(text: str) -> Ed25519PublicKey | None:
    """A public key from its base64 text, or None when it is not one."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError):
        return None


def generate_key_pair(out: Path) -> tuple[Path, str]:
    """Write a new private key to `out` (PEM, owner-only) and its public key to `out.pub`."""
    if out.exists():
        raise SigningError(f"{out} already exists; choose another name (keys are never overwritten)")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    public = public_key_text(key.public_key())
    public_file = out.with_name(out.name + ".pub")
    public_file.write_text(public + "\n", encoding="ascii")
    return public_file, public


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except OSError as error:
        raise SigningError(f"cannot read the key {path}: {error.strerror or error}") from error
    except (ValueError, TypeError) as error:
        raise SigningError(f"{path} is not an unencrypted PEM private key: {error}") from error
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningError(f"{path} is not an Ed25519 key")
    return key


# Files -------------------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    """Never follows a link or opens a FIFO or device (those raise OSError)."""
    return sha256_regular(path)


def pack_files(root: Path) -> tuple[list[str], list[str]]:
    """Every regular file under `root` except the signature (POSIX relative paths), and everything
    that is not one: links, FIFOs, devices, folders nested too deep. Nothing is followed or opened."""
    found = walk(root)
    refused = sorted({*found.refused, *found.too_deep, *(["..."] if found.truncated else [])})
    return [name for name in found.files if name != SIGNATURE_FILE], refused


def is_safe_relative(name: str) -> bool:
    """A pack-relative POSIX path that cannot escape the pack on any platform."""
    if not name or "\\" in name or "\0" in name or name.startswith("/") or ":" in name:
        return False
    parts = PurePosixPath(name).parts
    return bool(parts) and all(part not in {"", ".", ".."} for part in parts) and name == "/".join(parts)


def _payload(data: dict[str, Any]) -> bytes:
    signed = {key: data[key] for key in ("format", "pack", "version", "files", "key")}
    return json.dumps(signed, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


# Signing -----------------------------------------------------------------------------------------


def sign_pack(root: Path, key: Ed25519PrivateKey, pack_id: str, version: str) -> Path:
    """Hash every file of the pack and write SIGNATURE.json; returns its path."""
    files, links = pack_files(root)
    if links:
        shown = ", ".join(links[:10])
        raise SigningError(f"only plain files are allowed inside a pack (links, FIFOs, devices): {shown}")
    unsafe = [name for name in files if not is_safe_relative(name)]
    if unsafe:
        raise SigningError(f"file names that cannot be signed safely: {', '.join(unsafe)}")
    data: dict[str, Any] = {
        "format": SIGNATURE_FORMAT,
        "pack": pack_id,
        "version": version,
        "files": {name: _sha256(root / name) for name in files},
        "key": public_key_text(key.public_key()),
    }
    data["signature"] = base64.b64encode(key.sign(_payload(data))).decode("ascii")
    target = root / SIGNATURE_FILE
    target.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return target


# Verifying ---------------------------------------------------------------------------------------


class _Findings:
    def __init__(self, display: str) -> None:
        self.display = display
        self.problems: list[Problem] = []

    def add(self, code: str, message: str, file: str = SIGNATURE_FILE) -> None:
        self.problems.append(Problem(self.display, file, 1, 1, Level.ERROR, code, message))


def _read_signature(root: Path, found: _Findings) -> dict[str, Any] | None:
    path = root / SIGNATURE_FILE
    if not path.is_file() or path.is_symlink():
        found.add("unsigned", "the pack is not signed (no SIGNATURE.json)", "")
        return None
    try:
        data = json.loads(read_regular(path, MAX_SIGNATURE_BYTES).decode("utf-8"))
        _check_shape(data)
    except RecursionError:
        found.add("bad-signature-file", "SIGNATURE.json cannot be read: it is nested too deeply")
        return None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        found.add("bad-signature-file", f"SIGNATURE.json cannot be read: {error}")
        return None
    return dict(data)


def _check_shape(data: Any) -> None:
    if not isinstance(data, dict) or data.get("format") != SIGNATURE_FORMAT:
        raise ValueError(f"expected a JSON object with format {SIGNATURE_FORMAT}")
    text_fields = ("pack", "version", "key", "signature")
    if not all(isinstance(data.get(name), str) for name in text_fields):
        raise ValueError(f"expected text fields {', '.join(text_fields)}")
    files = data.get("files")
    if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
        raise ValueError("expected `files` to map paths to SHA-256 hashes")


def _trusted_raw(trusted: Iterable[str]) -> set[bytes]:
    keys = (parse_public_key(text) for text in trusted)
    return {key.public_bytes_raw() for key in keys if key is not None}


def _check_key(data: dict[str, Any], trusted: Iterable[str], found: _Findings) -> Ed25519PublicKey | None:
    key = parse_public_key(data["key"])
    if key is None:
        found.add("bad-signature-file", "the signer's key in SIGNATURE.json is not an Ed25519 public key")
        return None
    if key.public_bytes_raw() not in _trusted_raw(trusted):
        found.add("untrusted-key", f"signed with key {key_id(data['key'])}, which is not a trusted key")
    return key


def _check_signature(data: dict[str, Any], key: Ed25519PublicKey, found: _Findings) -> None:
    try:
        key.verify(base64.b64decode(data["signature"], validate=True), _payload(data))
    except (InvalidSignature, binascii.Error, ValueError):
        found.add("tampered", "the signature does not match SIGNATURE.json: it was altered after signing")


def _check_files(root: Path, listed: dict[str, str], found: _Findings, loaded: dict[str, str]) -> None:
    present, links = pack_files(root)
    for link in links:
        found.add(
            "symlink",
            "not a plain file (a link, FIFO or device) or nested too deeply; not allowed in a signed pack",
            link,
        )
    for name in sorted(listed):
        if not is_safe_relative(name):
            found.add("unsafe-path", f"SIGNATURE.json lists an unsafe path: {name!r}")
            continue
        actual = _hash_of(root, name, loaded)
        if actual is None:
            found.add("tampered", "a signed file is missing", name)
        elif actual != listed[name].lower():
            found.add("tampered", "the file was changed after the pack was signed", name)
    for name in sorted((set(present) | set(loaded)) - set(listed)):
        found.add("unlisted-file", "this file was added after the pack was signed", name)


def _hash_of(root: Path, name: str, loaded: dict[str, str]) -> str | None:
    """The hash of the bytes that were parsed when the loader read `name`; other files are read
    here. None when the file is missing or not a plain file."""
    if name in loaded:
        return loaded[name]
    try:
        return _sha256(root / name)
    except OSError:
        return None


def verify_pack(
    root: Path,
    trusted_keys: Sequence[str],
    display: str | None = None,
    loaded: dict[str, str] | None = None,
) -> Verification:
    """Check the signature of the pack in `root` against `trusted_keys` (base64 Ed25519 keys).

    `loaded` maps files the loader parsed to the SHA-256 of the bytes it parsed: those hashes are
    checked instead of reading the files again, so a file swapped after loading cannot pass."""
    found = _Findings(display if display is not None else str(root))
    data = _read_signature(root, found)
    if data is None:
        return Verification(signed=False, problems=found.problems)
    key = _check_key(data, trusted_keys, found)
    if key is not None:
        _check_signature(data, key, found)
        _check_files(root, data["files"], found, loaded or {})
    return Verification(True, key_id(data["key"]), data["pack"], data["version"], found.problems)
