"""`protocol-desk pack keygen|sign|verify|install|diff` and `config` as IT uses them."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.system.paths import app_paths


def _pack(tmp_path: Path, data_dir: Path, version: str = "1.0.0") -> Path:
    folder = tmp_path / f"good-{version}"
    shutil.copytree(data_dir / "packs" / "good", folder)
    manifest = folder / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("version: 1.0.0", f"version: {version}"))
    return folder


def _keys(tmp_path: Path) -> tuple[Path, Path]:
    assert main(["pack", "keygen", str(tmp_path / "keys" / "site.key")]) == 0
    return tmp_path / "keys" / "site.key", tmp_path / "keys" / "site.key.pub"


def _trust_in_site_file(
    tmp_path: Path, public: Path, monkeypatch: pytest.MonkeyPatch, extra: str = ""
) -> None:
    site = tmp_path / "site.toml"
    site.write_text(f'[packs]\ntrusted_keys = ["{public.read_text().strip()}"]\n{extra}')
    monkeypatch.setenv("PROTOCOL_DESK_SITE_CONFIG", str(site))


def test_sign_then_verify(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """keygen, sign and verify with --trusted-key: exit 0 and a plain confirmation."""
    private, public = _keys(tmp_path)
    pack = _pack(tmp_path, data_dir)
    assert main(["pack", "sign", str(pack), "--key", str(private)]) == 0
    assert main(["pack", "verify", str(pack), "--trusted-key", str(public)]) == 0
    assert "signed by a trusted key and intact" in capsys.readouterr().out


def test_verify_reports_tampering_as_json(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Keys trusted by the site file are used; problems print as JSON and exit 1."""
    private, public = _keys(tmp_path)
    _trust_in_site_file(tmp_path, public, monkeypatch)
    pack = _pack(tmp_path, data_dir)
    main(["pack", "sign", str(pack), "--key", str(private)])
    (pack / "notes.txt").write_text("added later")
    capsys.readouterr()
    assert main(["pack", "verify", str(pack), "--json"]) == 1
    assert [p["code"] for p in json.loads(capsys.readouterr().out)] == ["unlisted-file"]


def test_verify_untrusted_and_unsigned(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No trusted key: untrusted. No signature: unsigned. Both exit 1."""
    private, _ = _keys(tmp_path)
    pack = _pack(tmp_path, data_dir)
    assert main(["pack", "verify", str(pack)]) == 1
    assert "[unsigned]" in capsys.readouterr().out
    main(["pack", "sign", str(pack), "--key", str(private)])
    assert main(["pack", "verify", str(pack)]) == 1
    assert "[untrusted-key]" in capsys.readouterr().out


def test_verify_refuses_rollback(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A signed pack older than the installed copy is a rollback unless --force."""
    private, public = _keys(tmp_path)
    assert main(["pack", "install", str(_pack(tmp_path, data_dir, "2.0.0"))]) == 0
    old = _pack(tmp_path, data_dir, "1.0.0")
    main(["pack", "sign", str(old), "--key", str(private)])
    capsys.readouterr()
    assert main(["pack", "verify", str(old), "--trusted-key", str(public)]) == 1
    assert "[rollback]" in capsys.readouterr().out
    assert main(["pack", "verify", str(old), "--trusted-key", str(public), "--force"]) == 0


def test_install_zip_and_require_signed(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With require_signed an unsigned zip is refused; once signed it installs into the user folder."""
    private, public = _keys(tmp_path)
    _trust_in_site_file(tmp_path, public, monkeypatch, "require_signed = true\n")
    pack = _pack(tmp_path, data_dir)
    archive = tmp_path / "pack.zip"

    def zip_it() -> None:
        with zipfile.ZipFile(archive, "w") as bundle:
            for path in sorted(pack.rglob("*")):
                bundle.write(path, path.relative_to(pack).as_posix())

    zip_it()
    assert main(["pack", "install", str(archive)]) == 1
    assert "[unsigned]" in capsys.readouterr().err
    main(["pack", "sign", str(pack), "--key", str(private)])
    zip_it()
    assert main(["pack", "install", str(archive)]) == 0
    assert (app_paths().user_packs / "test-good" / "SIGNATURE.json").is_file()
    assert main(["list", "--json"]) == 0
    assert "test-protocol" in capsys.readouterr().out


def test_install_site_needs_a_site_folder(tmp_path: Path, data_dir: Path) -> None:
    """--site without packs.folders is a usage error; --to installs anywhere."""
    assert main(["pack", "install", str(_pack(tmp_path, data_dir)), "--site"]) == 2
    assert (
        main(["pack", "install", str(_pack(tmp_path, data_dir, "1.0.1")), "--to", str(tmp_path / "s")]) == 0
    )
    assert (tmp_path / "s" / "test-good" / "pack.yaml").is_file()


def test_diff_prints_changes(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`pack diff OLD NEW` prints the summary and the changed lines; --json gives the same as data."""
    old, new = _pack(tmp_path, data_dir), _pack(tmp_path, data_dir, "1.1.0")
    protocol = new / "docs" / "protocol.yaml"
    protocol.write_text(protocol.read_text().replace("56 mg", "84 mg"))
    assert main(["pack", "diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "0 added, 0 removed, 1 changed" in out and "+- Induction; intranasal; 84 mg" in out
    assert main(["pack", "diff", str(old), str(new), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"][0]["id"] == "test-protocol"


def test_config_shows_every_value_and_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`config --json` lists every key with value, source and lock; a malformed site file warns by line."""
    site = tmp_path / "site.toml"
    site.write_text('[policy]\nlocked = ["display.theme"]\n[display]\ntheme = "dark"\ntext_size = "big"\n')
    monkeypatch.setenv("PROTOCOL_DESK_SITE_CONFIG", str(site))
    assert main(["config", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["settings"]["display.theme"] == {"value": "dark", "source": "site", "locked": True}
    assert data["settings"]["display.text_size"]["source"] == "default"
    assert data["issues"] == [f"{site}:5: `display.text_size`: expected a whole number from 8 to 28; ignored"]
    assert main(["config"]) == 0
    captured = capsys.readouterr()
    assert "(site, locked by site)" in captured.out and f"{site}:5:" in captured.err
