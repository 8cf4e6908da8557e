"""The CycloneDX SBOM made by `make dist` (packaging/sbom.py): valid against the schema, complete."""

from __future__ import annotations

import copy
import sys
from typing import Any

import pytest
import sbom

ZLIB = {"package": "zlib1g", "version": "1:1.2.13", "architecture": "amd64"}
INVENTORY: dict[str, Any] = {
    "python": {"version": "3.11.7", "licence": "PSF-2.0"},
    "python_packages": [{"name": "PyYAML"}, {"name": "pydantic"}, {"name": "PySide6_Essentials"}],
    "qt": {
        "version": "6.11.3",
        "licence": "LGPL-3.0-only",
        "files": ["PySide6/Qt/lib/libQt6Core.so.6", "PySide6/Qt/lib/libicuuc.so.73"],
    },
    "system_libraries": [
        {"file": "libz.so.1", "source": "/lib/libz.so.1", "debian": ZLIB},
        {"file": "libpython3.11.so.1.0", "source": "/opt/python/lib/libpython3.11.so.1.0", "debian": None},
    ],
}  # fmt: skip


@pytest.fixture(scope="module")
def bom() -> dict[str, Any]:
    """An SBOM made by cyclonedx-py from this test environment, narrowed to the inventory."""
    return sbom.build_sbom(sys.executable, INVENTORY)


def test_the_sbom_validates_against_the_cyclonedx_schema(bom: dict[str, Any]) -> None:
    assert bom["specVersion"] == sbom.SPEC_VERSION
    assert sbom.schema_errors(bom) is None


def test_a_broken_sbom_fails_validation(bom: dict[str, Any]) -> None:
    broken = copy.deepcopy(bom)
    broken["components"][0]["type"] = "not-a-component-type"
    assert sbom.schema_errors(broken) is not None


def test_every_bundled_python_package_is_listed_with_version_and_licence(bom: dict[str, Any]) -> None:
    components = {sbom.normalise(c["name"]): c for c in bom["components"]}
    for package in INVENTORY["python_packages"]:
        component = components[sbom.normalise(package["name"])]
        assert component["version"] and component["purl"].startswith("pkg:pypi/")
        assert component.get("licenses"), component["name"]
    assert "pytest" not in components  # installed here, but not bundled


def test_qt_python_and_debian_libraries_are_listed(bom: dict[str, Any]) -> None:
    components = {c["name"]: c for c in bom["components"]}
    qt = components["Qt"]
    assert qt["cpe"] == "cpe:2.3:a:qt:qt:6.11.3:*:*:*:*:*:*:*"
    assert {c["name"]: c["version"] for c in qt["components"]} == {
        "libQt6Core.so.6": "6.11.3",
        "libicuuc.so.73": "73",
    }
    assert components["python"]["version"] == "3.11.7"
    assert components["zlib1g"]["purl"] == "pkg:deb/debian/zlib1g@1:1.2.13?arch=amd64"
    root = bom["metadata"]["component"]
    assert root["name"] == "protocol-desk"
    depends = next(d for d in bom["dependencies"] if d["ref"] == root["bom-ref"])["dependsOn"]
    assert {qt["bom-ref"], components["zlib1g"]["bom-ref"]} <= set(depends)


def test_a_bundled_package_cyclonedx_cannot_find_stops_the_build() -> None:
    inventory = {**INVENTORY, "python_packages": [{"name": "no-such-package-here"}]}
    with pytest.raises(SystemExit, match="no-such-package-here"):
        sbom.build_sbom(sys.executable, inventory)
