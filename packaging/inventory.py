"""What a frozen build contains, for the licence inventory and the SBOM.

build.spec calls `write_inventory` after PyInstaller's analysis, before the folder is assembled:

- Python distributions whose modules or binaries are bundled (found through importlib.metadata),
  with version, declared licence and licence files;
- the Qt libraries (from PySide6's wheel, version from Qt itself);
- shared libraries copied from the build machine, with the Debian package that installed them
  (dpkg), so a security team can match them against Debian's advisories.

`THIRD-PARTY-LICENSES` (bundled, shown from About) is written from the same inventory.
"""

from __future__ import annotations

import json
import platform
import shutil
import subprocess
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

OWN_DISTRIBUTION = "protocol-desk"
LICENCE_WORDS = ("LICEN", "COPYING", "NOTICE", "COPYRIGHT", "AUTHORS")
# Licence texts Debian ships once for all packages (base-files); Qt and PySide are LGPL-3.0.
COMMON_LICENCES = Path("/usr/share/common-licenses")
QT_LICENCE = "LGPL-3.0-only"


def _top_level(name: str) -> str:
    return name.replace("\\", "/").split("/")[0].split(".")[0]


def bundled_distributions(pure: Iterable[str], binaries: Iterable[str]) -> list[str]:
    """Distribution names owning the bundled modules (`pure`, dotted) and binaries (dest paths)."""
    owners = metadata.packages_distributions()
    names = {_top_level(module) for module in pure} | {_top_level(dest) for dest in binaries}
    found = {dist for name in names for dist in owners.get(name, [])}
    found.discard(OWN_DISTRIBUTION)
    return sorted(found, key=str.lower)


def _licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return str(expression)
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) < 100:
        return text
    classifiers = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    return " OR ".join(classifiers) or "see licence file"


def _licence_files(dist: metadata.Distribution) -> list[str]:
    files = [f for f in dist.files or [] if any(w in f.name.upper() for w in LICENCE_WORDS)]
    return [str(dist.locate_file(f)) for f in files if ".dist-info" in str(f)]


def python_packages(names: list[str]) -> list[dict[str, object]]:
    packages = []
    for name in names:
        dist = metadata.distribution(name)
        packages.append(
            {
                "name": dist.metadata["Name"],
                "version": dist.version,
                "licence": _licence(dist),
                "licence_files": _licence_files(dist),
            }
        )
    return packages


def _debian_package(source: str) -> dict[str, str] | None:
    """The Debian package (name, version, architecture) that installed `source`, if dpkg knows it."""
    if shutil.which("dpkg-query") is None:
        return None
    path = Path(source).resolve()
    candidates = {str(path), str(Path(source))}
    # usrmerge: dpkg may have recorded /lib/... for a file now found under /usr/lib/... or the reverse
    candidates |= {c.removeprefix("/usr") for c in candidates} | {
        "/usr" + c for c in candidates if not c.startswith("/usr")
    }
    for candidate in sorted(candidates):
        found = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True, check=False)
        if found.returncode == 0:
            package = found.stdout.split(":")[0].strip()
            show = subprocess.run(
                ["dpkg-query", "-W", "-f=${Version} ${Architecture}", package],
                capture_output=True,
                text=True,
                check=False,
            )
            version, _, arch = show.stdout.strip().partition(" ")
            return {"package": package, "version": version, "architecture": arch}
    return None


def system_libraries(binaries: Iterable[tuple[str, str]]) -> list[dict[str, object]]:
    """Bundled shared libraries that come from the build machine rather than a Python wheel."""
    found = []
    for dest, source in binaries:
        if "site-packages" in source or "/" in dest.replace("\\", "/"):
            continue  # from a wheel (placed under its package's folder)
        found.append({"file": dest, "source": source, "debian": _debian_package(source)})
    return sorted(found, key=lambda entry: str(entry["file"]))


def qt_libraries(binaries: Iterable[str], qt_version: str) -> dict[str, object]:
    libraries = sorted(
        d for d in binaries if "/Qt/lib/" in d.replace("\\", "/") or "/Qt/plugins/" in d.replace("\\", "/")
    )
    return {"version": qt_version, "licence": QT_LICENCE, "files": libraries}


def write_inventory(
    pure: list[str], binaries: list[tuple[str, str]], qt_version: str, out: Path
) -> dict[str, object]:
    dests = [dest for dest, _ in binaries]
    inventory = {
        "python": {"version": platform.python_version(), "licence": "PSF-2.0"},
        "python_packages": python_packages(bundled_distributions(pure, dests)),
        "qt": qt_libraries(dests, qt_version),
        "system_libraries": system_libraries(binaries),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(inventory, indent=2) + "\n", encoding="utf-8")
    return inventory


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return f"(licence text not found at {path})"


def licences_text(inventory: dict[str, object], app_name: str, app_version: str) -> str:
    """THIRD-PARTY-LICENSES: each bundled component, its licence, and the licence texts."""
    rule = "=" * 78
    parts = [
        f"{app_name} {app_version}: third-party software in this build",
        "",
        "Every component bundled in this build, with its version and licence, followed by the licence",
        "texts. The same list in machine-readable form is the CycloneDX SBOM shipped beside the installer.",
        "",
    ]
    qt = inventory["qt"]
    assert isinstance(qt, dict)
    parts += [rule, f"Qt {qt['version']} and PySide6 (Qt for Python): {qt['licence']}", rule]
    parts.append("Qt libraries and plugins: " + ", ".join(Path(f).name for f in qt["files"]))
    parts.append("Qt is used as unmodified shared libraries, which may be replaced (LGPL-3.0 section 4).")
    for name in ("LGPL-3", "GPL-3"):
        parts += ["", f"--- {name} ---", _read(COMMON_LICENCES / name)]
    for package in inventory["python_packages"]:  # type: ignore[attr-defined]
        parts += ["", rule, f"{package['name']} {package['version']}: {package['licence']}", rule]
        for path in package["licence_files"]:
            parts += [f"--- {Path(path).name} ---", _read(Path(path)), ""]
    python = inventory["python"]
    assert isinstance(python, dict)
    parts += [
        "",
        rule,
        f"Python {python['version']} (interpreter and standard library): {python['licence']}",
        rule,
    ]
    parts.append("See https://docs.python.org/3/license.html; the Debian copyright file follows below.")
    by_package: dict[str, list[str]] = {}
    for library in inventory["system_libraries"]:  # type: ignore[attr-defined]
        debian = library["debian"]
        key = f"Debian package {debian['package']} {debian['version']}" if debian else str(library["source"])
        by_package.setdefault(key, []).append(str(library["file"]))
    for key, files in by_package.items():  # one copyright text per Debian package, however many libraries
        parts += ["", rule, f"{', '.join(files)}: {key}", rule]
        if key.startswith("Debian package "):
            parts.append(_read(Path("/usr/share/doc") / key.split()[2] / "copyright"))
    return "\n".join(parts) + "\n"
