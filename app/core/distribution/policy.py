"""Site rules for loading packs, built from the configuration.

- With `packs.require_signed`, a pack from a site, user or extra folder loads only when its
  signature verifies against `packs.trusted_keys`; otherwise it is listed as failed with the
  reason (`unsigned`, `tampered`, `untrusted-key`, ...). Bundled content is part of the installed
  application, which IT verifies as a whole (see docs/deploy.md), so it is not checked here.
- Packs from site folders are copied to the cache after they load cleanly; when a site folder
  cannot be reached, the last good copy is loaded and a problem says which copy is in use.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.core.packs.cache import DocumentCache
from app.core.packs.loaded import FailedPack, Origin, Pack, PackSet
from app.core.packs.problems import Level, Problem
from app.core.packs.roots import TRUST_RANK, PackRoot, Progress, default_roots, load_packs, pack_folders
from app.core.system.config import Config, load_config
from app.core.system.paths import AppPaths, app_paths

log = logging.getLogger(__name__)

SITE_CACHE = "site-packs"
DOCUMENT_CACHE = "documents"


@dataclass(frozen=True)
class PackPolicy:
    """What `load_packs(..., policy=...)` enforces; the default enforces nothing."""

    require_signed: bool = False
    trusted_keys: tuple[str, ...] = ()
    site_cache: Path | None = None
    """Folder for last good copies of site packs; None turns the fallback off."""

    def folders(self, root: PackRoot) -> tuple[list[Path], list[Problem]]:
        folders, problems = pack_folders(root)
        if root.origin is not Origin.SITE or self.site_cache is None:
            return folders, problems
        from app.core.distribution.site_cache import SiteCache  # signing, cryptography: sites only

        cache = SiteCache(self.site_cache, root.path)
        unreachable = [p for p in problems if p.code.startswith("folder-")]
        if unreachable:
            return cache.fallback(root.display, unreachable)
        cache.prune(folders)
        return folders, problems

    def admit(self, root: PackRoot, loaded: Pack | FailedPack) -> Pack | FailedPack:
        if isinstance(loaded, FailedPack):
            return loaded
        checked = self.check_signature(loaded)
        cache = self.site_cache
        # A pack loaded from the cache (the share was down) is not copied into it again.
        from_share = cache is not None and cache not in checked.root.parents
        if isinstance(checked, Pack) and root.origin is Origin.SITE and cache is not None and from_share:
            from app.core.distribution.site_cache import SiteCache

            SiteCache(cache, root.path).remember(checked)
        return checked

    def vouches(self, pack: Pack) -> bool:
        """Signed by one of the trusted keys, with every file intact."""
        return bool(self.trusted_keys) and not signature_problems(pack, self.trusted_keys)

    def check_signature(self, pack: Pack) -> Pack | FailedPack:
        """The pack itself, or a FailedPack saying why its signature is not acceptable."""
        if not self.require_signed or pack.origin is Origin.BUNDLED:
            return pack
        problems = signature_problems(pack, self.trusted_keys)
        if not problems:
            return pack
        return FailedPack(pack.root, pack.display, pack.origin, [*pack.problems, *problems], pack.manifest)


def signature_problems(pack: Pack, trusted_keys: tuple[str, ...] | list[str]) -> list[Problem]:
    """Everything wrong with the signature of a loaded pack (empty when valid and trusted)."""
    from app.core.distribution.signing import verify_pack  # cryptography: only where signing is used

    verification = verify_pack(pack.root, list(trusted_keys), pack.display, pack.file_hashes)
    problems = list(verification.problems)
    claimed = (verification.pack_id, verification.version)
    if verification.signed and claimed != (pack.id, pack.manifest.version):
        message = f"SIGNATURE.json was made for {claimed[0]} {claimed[1]}, not this pack"
        problems.append(Problem(pack.display, "SIGNATURE.json", 1, 1, Level.ERROR, "tampered", message))
    return problems


def policy_from_config(config: Config, paths: AppPaths) -> PackPolicy:
    return PackPolicy(
        require_signed=bool(config.get("packs.require_signed")),
        trusted_keys=tuple(config.get("packs.trusted_keys")),
        site_cache=paths.cache / SITE_CACHE,
    )


def configured_roots(config: Config, extra: list[Path] | None = None) -> list[PackRoot]:
    """Bundled content, site folders, the user's packs, PROTOCOL_DESK_PACKS, then `extra`."""
    roots = default_roots(extra)
    site = [PackRoot(Path(folder), Origin.SITE) for folder in config.get("packs.folders")]
    return roots[:1] + site + roots[1:]


def load_configured_packs(
    extra: list[Path] | None = None,
    *,
    config: Config | None = None,
    paths: AppPaths | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> PackSet:
    """Every pack the configuration names, loaded under the site's policy: what the app shows."""
    paths = paths or app_paths()
    config = config or load_config(paths)
    policy = policy_from_config(config, paths)
    # Where signatures are required, what is shown must come from the signed bytes themselves,
    # not from a copy in the user's cache folder that no signature covers.
    cache = None if policy.require_signed else DocumentCache(paths.cache / DOCUMENT_CACHE)
    packs = load_packs(configured_roots(config, extra), today, progress, policy=policy, cache=cache)
    packs.problems[:0] = site_problems(config)
    packs.signed_only = policy.require_signed
    _log_problems(packs, config)
    return packs


@dataclass(frozen=True)
class CachedPacks:
    """What `load_configured_packs` would report of the configured packs, vouched for by the
    document cache alone: enough to open a search index built for them."""

    content_hash: str
    pack_ids: frozenset[str]


def cached_packs(extra: list[Path] | None = None, *, paths: AppPaths | None = None) -> CachedPacks | None:
    """The configured packs' content hash without parsing or validating anything, or None whenever
    a full load could say more than that: signatures required, a site file, root or pack with a
    problem to show, a pack not cached or changed since (every file is still read and hashed),
    two packs with one id. A command that gets None loads the packs the full way."""
    paths = paths or app_paths()
    config = load_config(paths)
    if bool(config.get("packs.require_signed")) or config.site_closed or config.issues:
        return None
    cache = DocumentCache(paths.cache / DOCUMENT_CACHE)
    found: list[tuple[Path, PackRoot]] = []
    for root in configured_roots(config, extra):
        folders, problems = pack_folders(root)
        if problems:
            return None
        found.extend((folder, root) for folder in folders)
    found.sort(key=lambda item: TRUST_RANK[item[1].origin])  # as load_packs orders them
    parts: list[str] = []
    for folder, _root in found:
        known = cache.content_hash(folder)
        if known is None or any(part.startswith(f"{known[0]}:") for part in parts):
            return None
        parts.append(f"{known[0]}:{known[1]}")
    return CachedPacks(",".join(parts), frozenset(part.partition(":")[0] for part in parts))


def _log_problems(packs: PackSet, config: Config) -> None:
    """Everything the app shows the user as a problem also goes to the log, with its file and line,
    so IT can see what a workstation saw (an unreachable share, a broken pack, a bad site value)."""
    for issue in config.issues:
        log.warning("settings: %s", issue.format())
    for problem in packs.problems:
        if problem.severity is Level.ERROR:
            log.warning("pack problem: %s", problem.format())
        else:
            log.info("pack warning: %s", problem.format())


def site_problems(config: Config) -> list[Problem]:
    """A broken site file, as a problem of the content: `list`, `validate`, the status bar and Pack
    problems all say that the machine is running on the strictest settings, and why."""
    if not config.site_closed:
        return []
    reason = "; ".join(config.site_closed)
    message = (
        f"the site file cannot be used ({reason}), so only packs signed by a trusted key load and "
        "every setting is locked until IT fixes it"
    )
    return [Problem(str(config.site_file), "", 1, 1, Level.ERROR, "site-config-broken", message)]
