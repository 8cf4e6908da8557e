"""`protocol-desk pack keygen|sign|verify|install|diff`: pack integrity and updates for IT."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.common import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, print_json
from app.core.distribution.diff import diff_packs, format_diff
from app.core.distribution.install import InstallError, InstallOptions, install_pack, unpack
from app.core.distribution.policy import load_configured_packs, signature_problems
from app.core.distribution.signing import SigningError, generate_key_pair, key_id, load_private_key, sign_pack
from app.core.packs.loaded import FailedPack, Origin, Pack
from app.core.packs.loader import load_pack
from app.core.packs.problems import Level, Problem
from app.core.packs.semver import is_older
from app.core.system.config import Config, load_config
from app.core.system.paths import app_paths

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: Commands) -> None:
    parser = commands.add_parser("pack", help="sign, verify, install and compare packs")
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    keygen = actions.add_parser("keygen", help="make an Ed25519 key pair for signing packs")
    keygen.add_argument("out", type=Path, help="private key file to write (the public key goes to OUT.pub)")
    keygen.set_defaults(run=run_keygen)
    sign = actions.add_parser("sign", help="write SIGNATURE.json into a pack folder")
    sign.add_argument("pack", type=Path, help="pack folder")
    sign.add_argument("--key", type=Path, required=True, help="private key file from `pack keygen`")
    sign.set_defaults(run=run_sign)
    _register_verify(actions)
    _register_install(actions)
    diff = actions.add_parser("diff", help="list what changed between two versions of a pack")
    diff.add_argument("old", type=Path, help="older pack (folder or zip)")
    diff.add_argument("new", type=Path, help="newer pack (folder or zip)")
    diff.add_argument("--context", type=int, default=2, help="lines of context around changes")
    diff.add_argument("--json", action="store_true", help="print JSON")
    diff.add_argument(
        "--summary", action="store_true", help="name each changed section and field without its line diff"
    )
    diff.set_defaults(run=run_diff)


def _trust_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--trusted-key",
        action="append",
        default=[],
        metavar="KEY",
        help="also trust this public key (base64 text or a .pub file); repeatable",
    )


def _register_verify(actions: Commands) -> None:
    verify = actions.add_parser("verify", help="check a pack's signature, hashes and version")
    verify.add_argument("pack", type=Path, help="pack folder or zip")
    _trust_option(verify)
    verify.add_argument("--force", action="store_true", help="accept a version older than the installed one")
    verify.add_argument("--json", action="store_true", help="print problems as JSON objects")
    verify.set_defaults(run=run_verify)


def _register_install(actions: Commands) -> None:
    install = actions.add_parser("install", help="install a pack (zip or folder) safely")
    install.add_argument("source", type=Path, help="pack zip or folder")
    where = install.add_mutually_exclusive_group()
    where.add_argument("--user", action="store_true", help="into the user's pack folder (the default)")
    where.add_argument("--site", action="store_true", help="into the first site folder (packs.folders)")
    where.add_argument("--to", type=Path, metavar="DIR", help="into this pack folder")
    install.add_argument("--force", action="store_true", help="allow replacing a newer version")
    _trust_option(install)
    install.set_defaults(run=run_install)


def _error(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def _trusted(args: argparse.Namespace, config: Config) -> list[str]:
    keys = list(config.get("packs.trusted_keys"))
    for value in args.trusted_key:
        path = Path(value)
        keys.append(path.read_text(encoding="utf-8", errors="replace").strip() if path.is_file() else value)
    return keys


@contextmanager
def _pack_folder(source: Path) -> Iterator[Path]:
    """A folder as it is; a zip unpacked (with the installer's safety checks) into a temporary one."""
    if source.is_dir():
        yield source
        return
    with tempfile.TemporaryDirectory(prefix="protocol-desk-") as folder:
        yield unpack(source, Path(folder) / "pack")


def _loaded(folder: Path, display: str) -> Pack | None:
    loaded = load_pack(folder, display, Origin.EXTRA)
    if isinstance(loaded, FailedPack):
        for problem in loaded.problems:
            print(problem.format(), file=sys.stderr)
        _error(f"{display} has errors; `protocol-desk validate {display}` lists them")
        return None
    return loaded


# keygen and sign ---------------------------------------------------------------------------------


def run_keygen(args: argparse.Namespace) -> int:
    try:
        public_file, public = generate_key_pair(args.out)
    except (SigningError, OSError) as error:
        _error(str(error))
        return EXIT_PROBLEM
    print(f"private key: {args.out} (keep it secret; it signs packs)")
    print(f"public key:  {public_file} (fingerprint {key_id(public)})")
    print(f'trust it in the site file:  [packs]\n  trusted_keys = ["{public}"]')
    return EXIT_OK


def run_sign(args: argparse.Namespace) -> int:
    try:
        key = load_private_key(args.key)
    except SigningError as error:
        _error(str(error))
        return EXIT_USAGE
    pack = _loaded(args.pack, str(args.pack)) if args.pack.is_dir() else None
    if pack is None:
        if not args.pack.is_dir():
            _error(f"{args.pack} is not a pack folder")
        return EXIT_PROBLEM
    try:
        written = sign_pack(args.pack, key, pack.id, pack.manifest.version)
    except SigningError as error:
        _error(str(error))
        return EXIT_PROBLEM
    print(f"signed {pack.id} {pack.manifest.version}: {written}")
    return EXIT_OK


# verify ------------------------------------------------------------------------------------------


def _rollback(pack: Pack, display: str) -> list[Problem]:
    """Refuse a version older than the copy of the same pack that this machine loads now."""
    current = load_configured_packs().pack(pack.id)
    if current is None or not is_older(pack.manifest.version, current.manifest.version):
        return []
    message = (
        f"version {pack.manifest.version} is older than the installed {current.manifest.version} "
        f"({current.display}); a rollback is refused unless --force"
    )
    return [Problem(display, "pack.yaml", 1, 1, Level.ERROR, "rollback", message)]


def run_verify(args: argparse.Namespace) -> int:
    config = load_config(app_paths())
    display = str(args.pack)
    try:
        with _pack_folder(args.pack) as folder:
            pack = _loaded(folder, display)
            if pack is None:
                return EXIT_PROBLEM
            problems = signature_problems(pack, _trusted(args, config))
            problems += [] if args.force else _rollback(pack, display)
    except InstallError as error:
        _error(f"{display}: {error}")
        return EXIT_PROBLEM
    if args.json:
        print_json([p.to_json() for p in problems])
    for problem in [] if args.json else problems:
        print(problem.format())
    if not problems and not args.json:
        print(f"{display}: {pack.id} {pack.manifest.version} is signed by a trusted key and intact")
    return EXIT_PROBLEM if problems else EXIT_OK


# install -----------------------------------------------------------------------------------------


def _destination(args: argparse.Namespace, config: Config) -> Path | None:
    if args.to is not None:
        return Path(args.to)
    if args.site:
        folders = config.get("packs.folders")
        return Path(folders[0]) if folders else None
    return app_paths().user_packs


def run_install(args: argparse.Namespace) -> int:
    config = load_config(app_paths())
    dest = _destination(args, config)
    if dest is None:
        _error("--site needs a site pack folder: set packs.folders in the site configuration")
        return EXIT_USAGE
    options = InstallOptions(
        origin=Origin.SITE if args.site or args.to else Origin.USER,
        require_signed=bool(config.get("packs.require_signed")),
        trusted_keys=tuple(_trusted(args, config)),
        force=args.force,
    )
    try:
        result = install_pack(args.source, dest, options)
    except InstallError as error:
        for problem in error.problems:
            print(problem.format(), file=sys.stderr)
        _error(f"{args.source} was not installed [{error.code}]: {error}")
        return EXIT_PROBLEM
    before = f" (replacing {result.previous_version})" if result.previous_version else ""
    print(f"installed {result.pack_id} {result.version}{before} into {result.target}")
    return EXIT_OK


# diff --------------------------------------------------------------------------------------------


def run_diff(args: argparse.Namespace) -> int:
    try:
        with _pack_folder(args.old) as old_folder, _pack_folder(args.new) as new_folder:
            old = _loaded(old_folder, str(args.old))
            new = _loaded(new_folder, str(args.new))
            if old is None or new is None:
                return EXIT_PROBLEM
            diff = diff_packs(old, new, max(0, args.context))
    except InstallError as error:
        _error(str(error))
        return EXIT_PROBLEM
    if old.id != new.id:
        print(f"note: comparing different packs ({old.id} and {new.id})", file=sys.stderr)
    if args.json:
        print_json(asdict(diff))
    else:
        sys.stdout.write(format_diff(diff, detail=not args.summary))
    return EXIT_OK
