"""Site administration: locks, malformed files, portable mode, site pack folders and their cached copies."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from app.core.distribution.policy import configured_roots, load_configured_packs
from app.core.packs.loaded import Origin
from app.core.packs.problems import Level
from app.core.system.config import KEYS, effective_site_file, load_config
from app.core.system.paths import app_paths, bundled_content_dir


def _site(tmp_path: Path, text: str) -> Path:
    site = tmp_path / "site.toml"
    site.write_text(text)
    return site


def _user(text: str) -> None:
    paths = app_paths().ensure()
    paths.user_config_file.write_text(text)


def test_locked_table_ignores_user_values(tmp_path: Path) -> None:
    """A locked table (placeholders) is not merged with the user's: the site's values stand alone."""
    site = _site(tmp_path, '[policy]\nlocked = ["placeholders"]\n[placeholders]\nclinic_name = "Riverside"\n')
    _user('[placeholders]\nclinic_name = "Mine"\nclinic_phone = "1"\n')
    config = load_config(app_paths(), site)
    assert config.get("placeholders") == {"clinic_name": "Riverside"} and config.locked("placeholders")


def test_every_key_can_be_locked(tmp_path: Path) -> None:
    """Site policy can lock any setting, even one the site leaves at its default."""
    site = _site(tmp_path, f"[policy]\nlocked = {json.dumps(sorted(KEYS))}\n")
    _user('[display]\ntheme = "dark"\ntext_size = 20\n[logging]\nlevel = "DEBUG"\n')
    config = load_config(app_paths(), site)
    assert all(config.locked(key) for key in KEYS)
    assert {s.source for s in config.settings.values()} == {"default"}


def test_user_file_cannot_lock(tmp_path: Path) -> None:
    """Only the site file's policy counts."""
    _user('[policy]\nlocked = ["display.theme"]\n')
    assert not load_config(app_paths(), tmp_path / "absent.toml").locked("display.theme")


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('[policy]\nlocked = "display.theme"\n', 2, "expected a list"),
        ('[policy]\n\nlocked = ["display.colour"]\n', 3, "names unknown settings: display.colour"),
        ('[packs]\nrequire_signed = "yes"\n', 2, "true or false"),
        ('[packs]\nfolders = "//server/share"\n', 2, "list of text"),
        ("[packs\nfolders = []\n", 1, "not valid TOML"),
    ],
)
def test_malformed_site_files_name_the_line(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    """Each kind of mistake in a site file is reported with its line (first; what was locked or put
    at its strictest value because of it follows)."""
    config = load_config(app_paths(), _site(tmp_path, text))
    assert (config.issues[0].line, fragment in config.issues[0].message) == (line, True)


def test_deploy_doc_lists_every_key(repo_root: Path) -> None:
    """docs/deploy.md documents every setting with its default, and nothing that does not exist."""
    text = (repo_root / "docs" / "deploy.md").read_text()
    table = text.split("<!-- keys:start -->")[1].split("<!-- keys:end -->")[0]
    rows = dict(re.findall(r"^\| `([a-z_.]+)` \| [^|]+ \| `([^`]*)` \|", table, re.MULTILINE))
    assert set(rows) == set(KEYS)
    for key, spec in KEYS.items():
        assert rows[key] == json.dumps(spec.default), key


def _portable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    stick = tmp_path / "stick" / "protocol-desk"
    stick.mkdir(parents=True)
    (stick / "portable.txt").write_text("portable\n")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(stick / "protocol-desk"))
    monkeypatch.delenv("PROTOCOL_DESK_HOME")
    monkeypatch.delenv("PROTOCOL_DESK_SITE_CONFIG")
    return stick


def test_portable_mode_keeps_everything_beside_the_executable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With portable.txt beside the executable, data and the site file live on the stick."""
    stick = _portable(tmp_path, monkeypatch)
    (stick / "site.toml").write_text('[display]\ntheme = "high-contrast"\n')
    paths = app_paths()
    assert paths.portable and paths.data == stick / "data" / "data"
    assert effective_site_file() == stick / "site.toml"
    config = load_config(paths)
    assert config.get("display.theme") == "high-contrast" and config.site_file == stick / "site.toml"


def test_site_config_variable_beats_portable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PROTOCOL_DESK_SITE_CONFIG still names the site file in portable mode."""
    _portable(tmp_path, monkeypatch)
    monkeypatch.setenv("PROTOCOL_DESK_SITE_CONFIG", str(tmp_path / "it.toml"))
    assert effective_site_file() == tmp_path / "it.toml"


# Site pack folders -------------------------------------------------------------------------------


def _share(tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    share = tmp_path / "share"
    shutil.copytree(data_dir / "packs" / "good", share / "good")
    site = _site(tmp_path, f"[packs]\nfolders = [{json.dumps(str(share))}]\n")
    monkeypatch.setenv("PROTOCOL_DESK_SITE_CONFIG", str(site))
    return share


def test_site_folders_are_site_roots(tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Roots: bundled, site folders, the user's packs (when present), then extra folders."""
    share = _share(tmp_path, data_dir, monkeypatch)
    app_paths().user_packs.mkdir(parents=True)
    roots = configured_roots(load_config(app_paths()), [tmp_path / "extra"])
    assert [(r.path, r.origin) for r in roots] == [
        (bundled_content_dir(), Origin.BUNDLED),
        (share, Origin.SITE),
        (app_paths().user_packs, Origin.USER),
        (tmp_path / "extra", Origin.EXTRA),
    ]


def test_unreachable_share_uses_last_good_copy(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the share is down, the cached copy loads and a warning says from when it is."""
    share = _share(tmp_path, data_dir, monkeypatch)
    online = load_configured_packs()
    assert online.pack("test-good") is not None and online.pack("test-good").origin is Origin.SITE
    share.rename(tmp_path / "share-offline")
    offline = load_configured_packs()
    pack = offline.pack("test-good")
    assert pack is not None and app_paths().cache in pack.root.parents
    notes = [p for p in offline.problems if p.code == "folder-cached"]
    assert len(notes) == 1 and notes[0].severity is Level.WARNING and notes[0].pack == str(share)
    assert re.search(r"last good copy cached on \d{4}-\d\d-\d\d \d\d:\d\d", notes[0].message)


def test_unreachable_share_without_cache_is_an_error(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no cached copy the missing folder is reported and nothing from it loads."""
    share = _share(tmp_path, data_dir, monkeypatch)
    shutil.rmtree(share)
    packs = load_configured_packs()
    assert packs.pack("test-good") is None
    assert [(p.code, p.severity) for p in packs.problems if p.pack == str(share)] == [
        ("folder-missing", Level.ERROR)
    ]


def test_withdrawn_pack_leaves_the_cache(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pack removed from a reachable share is forgotten, so an outage cannot bring it back."""
    share = _share(tmp_path, data_dir, monkeypatch)
    load_configured_packs()
    shutil.rmtree(share / "good")
    load_configured_packs()
    share.rename(tmp_path / "share-offline")
    assert load_configured_packs().pack("test-good") is None


def test_updated_share_refreshes_the_cache(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new version on the share replaces the cached copy."""
    share = _share(tmp_path, data_dir, monkeypatch)
    load_configured_packs()
    manifest = share / "good" / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("version: 1.0.0", "version: 1.0.1"))
    load_configured_packs()
    share.rename(tmp_path / "share-offline")
    cached = load_configured_packs().pack("test-good")
    assert cached is not None and cached.manifest.version == "1.0.1"
