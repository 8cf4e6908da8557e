"""The third-party licence inventory shown from About.

A built app carries THIRD-PARTY-LICENSES (written by build.spec from exactly what it bundles, with
the licence texts). Running from source there is no bundle, so the list is made from the installed
distributions the app requires, with their declared licences.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from app.core.system.paths import install_root

if TYPE_CHECKING:
    from importlib import metadata

LICENCES_FILE = "THIRD-PARTY-LICENSES"
OWN_DISTRIBUTION = "protocol-desk"


def _requirement_names(dist: metadata.Distribution) -> list[str]:
    names = []
    for requirement in dist.requires or []:
        if "extra ==" in requirement:
            continue  # test and build tools are not part of the app
        match = re.match(r"[A-Za-z0-9._-]+", requirement)
        if match:
            names.append(match.group(0))
    return names


def _declared_licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    value = next(iter(meta.get_all("License-Expression") or meta.get_all("License") or []), "")
    if value and "\n" not in value and len(value) < 100:
        return str(value)
    classifiers = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    return " OR ".join(classifiers) or "see the package's licence file"


def _from_installed() -> str:
    from importlib import metadata  # tens of milliseconds: when About's licences open, not at launch

    try:
        own = metadata.distribution(OWN_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "The licence inventory is written when the app is built; this copy was not installed."
    lines = [
        "Running from source: the built app carries the full inventory with licence texts.",
        "Direct dependencies installed here:",
        "",
    ]
    for name in sorted(_requirement_names(own), key=str.lower):
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            lines.append(f"{name}: not installed")
            continue
        lines.append(f"{dist.metadata['Name']} {dist.version}: {_declared_licence(dist)}")
    return "\n".join(lines) + "\n"


def third_party_licences() -> str:
    bundled = install_root() / LICENCES_FILE
    if bundled.is_file():
        return bundled.read_text(encoding="utf-8", errors="replace")
    return _from_installed()
