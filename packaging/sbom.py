"""CycloneDX SBOM of a frozen build: what `make dist` ships, for a security team's scanners.

python packaging/sbom.py --python .venv/bin/python --inventory build/inventory.json \
    --bundle dist/protocol-desk --out dist/protocol-desk-VERSION.cdx.json

The Python packages, with versions, licences and package URLs, come from cyclonedx-py (the
CycloneDX project's own tool) run on the build environment, narrowed to the distributions the build
actually bundles (build/inventory.json, written by build.spec). Added to them: the Qt libraries
(with their CPE), Qt's ICU, the Python runtime, and the shared libraries copied from the build
machine with their Debian package URLs. The result is validated against the CycloneDX schema, and
the bundle itself is read back (the executable's module archive and its folders) to prove that
every Python distribution in it is listed.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SPEC_VERSION = "1.6"
OWN = "protocol-desk"


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def environment_bom(python: str, pyproject: Path) -> dict[str, Any]:
    """cyclonedx-py's SBOM of every distribution installed for `python`."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "environment.cdx.json"
        command = [
            sys.executable, "-m", "cyclonedx_py", "environment", "--sv", SPEC_VERSION, "--of", "JSON",
            "--pyproject", str(pyproject), "--output-reproducible", "-o", str(out), python,
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SystemExit(f"sbom: cyclonedx-py failed:\n{result.stderr}")
        return dict(json.loads(out.read_text(encoding="utf-8")))


def restrict(bom: dict[str, Any], wanted: set[str]) -> dict[str, Any]:
    """Keep only the components named in `wanted` (normalised names), and dependencies between them."""
    components = [c for c in bom.get("components", []) if normalise(c["name"]) in wanted]
    missing = wanted - {normalise(c["name"]) for c in components}
    if missing:
        raise SystemExit(f"sbom: bundled but not found by cyclonedx-py: {', '.join(sorted(missing))}")
    refs = {c["bom-ref"] for c in components} | {bom["metadata"]["component"]["bom-ref"]}
    dependencies = [
        {"ref": d["ref"], "dependsOn": [r for r in d.get("dependsOn", []) if r in refs]}
        for d in bom.get("dependencies", [])
        if d["ref"] in refs
    ]
    return {**bom, "components": components, "dependencies": dependencies}


def _licence(spdx: str) -> list[dict[str, Any]]:
    return [{"license": {"id": spdx}}]


def qt_component(qt: dict[str, Any]) -> dict[str, Any]:
    version = qt["version"]
    parts = []
    for path in qt["files"]:
        name = Path(path).name
        icu = name.startswith("libicu")
        parts.append(
            {
                "type": "library",
                "bom-ref": f"qt-file:{path}",
                "name": name,
                "version": name.split(".so.")[-1] if icu else version,
                "licenses": _licence("Unicode-DFS-2016" if icu else qt["licence"]),
                "properties": [{"name": "protocol-desk:path", "value": path}],
            }
        )
    return {
        "type": "framework",
        "bom-ref": f"qt@{version}",
        "supplier": {"name": "The Qt Company"},
        "name": "Qt",
        "version": version,
        "licenses": _licence(qt["licence"]),
        "cpe": f"cpe:2.3:a:qt:qt:{version}:*:*:*:*:*:*:*",
        "purl": f"pkg:generic/qt@{version}",
        "components": parts,
    }


def python_component(python: dict[str, Any]) -> dict[str, Any]:
    version = python["version"]
    return {
        "type": "application",
        "bom-ref": f"python@{version}",
        "name": "python",
        "version": version,
        "licenses": _licence(python["licence"]),
        "cpe": f"cpe:2.3:a:python:python:{version}:*:*:*:*:*:*:*",
        "purl": f"pkg:generic/python@{version}",
    }


def debian_components(libraries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One component per Debian package the bundled system libraries came from."""
    packages: dict[str, dict[str, Any]] = {}
    for library in libraries:
        debian = library.get("debian")
        if not debian:
            continue
        purl = f"pkg:deb/debian/{debian['package']}@{debian['version']}?arch={debian['architecture']}"
        entry = packages.setdefault(
            purl,
            {"type": "library", "bom-ref": purl, "name": debian["package"], "version": debian["version"],
             "purl": purl, "properties": []},
        )  # fmt: skip
        entry["properties"].append({"name": "protocol-desk:path", "value": f"_internal/{library['file']}"})
    return list(packages.values())


def build_sbom(python: str, inventory: dict[str, Any]) -> dict[str, Any]:
    wanted = {normalise(str(p["name"])) for p in inventory["python_packages"]}
    bom = restrict(environment_bom(python, ROOT / "pyproject.toml"), wanted)
    extra = [qt_component(inventory["qt"]), python_component(inventory["python"])]
    extra += debian_components(inventory["system_libraries"])
    bom["components"] = bom["components"] + extra
    root = bom["metadata"]["component"]["bom-ref"]
    listed = {d["ref"] for d in bom["dependencies"]}
    bom["dependencies"] += [
        {"ref": c["bom-ref"], "dependsOn": []} for c in extra if c["bom-ref"] not in listed
    ]
    for dependency in bom["dependencies"]:
        if dependency["ref"] == root:
            dependency["dependsOn"] = sorted(set(dependency["dependsOn"]) | {c["bom-ref"] for c in extra})
    return bom


def schema_errors(bom: dict[str, Any]) -> str | None:
    """None when `bom` validates against the CycloneDX JSON schema of its spec version."""
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    version = SchemaVersion.from_version(str(bom["specVersion"]))
    error = JsonStrictValidator(version).validate_str(json.dumps(bom))
    return None if error is None else str(error)


def bundle_distributions(bundle: Path) -> set[str]:
    """Distributions whose modules are in the built folder: its module archive and its top folders."""
    from PyInstaller.archive.readers import CArchiveReader

    executable = next(p for p in sorted(bundle.iterdir()) if p.is_file() and p.stat().st_mode & 0o111)
    archive = CArchiveReader(str(executable))
    modules = {name.split(".")[0] for name in archive.open_embedded_archive("PYZ.pyz").toc}
    internal = bundle / "_internal"
    modules |= {p.name.split(".")[0] for p in internal.iterdir()} if internal.is_dir() else set()
    owners = metadata.packages_distributions()
    found = {normalise(dist) for name in modules for dist in owners.get(name, [])}
    return found - {OWN}


def missing_from_sbom(bom: dict[str, Any], bundle: Path) -> list[str]:
    listed = {normalise(c["name"]) for c in bom["components"]}
    return sorted(bundle_distributions(bundle) - listed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", required=True, help="the build environment's interpreter")
    parser.add_argument("--inventory", type=Path, required=True)
    parser.add_argument("--bundle", type=Path, required=True, help="the built folder (dist/protocol-desk)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    inventory = json.loads(args.inventory.read_text(encoding="utf-8"))
    bom = build_sbom(args.python, inventory)
    error = schema_errors(bom)
    if error:
        print(f"sbom: {args.out}: not valid CycloneDX {SPEC_VERSION}: {error}", file=sys.stderr)
        return 1
    missing = missing_from_sbom(bom, args.bundle)
    if missing:
        print(f"sbom: in {args.bundle} but not in the SBOM: {', '.join(missing)}", file=sys.stderr)
        return 1
    args.out.write_text(json.dumps(bom, indent=2) + "\n", encoding="utf-8")
    python_count = len(inventory["python_packages"])
    print(
        f"{args.out}: {len(bom['components'])} components ({python_count} Python packages), valid CycloneDX"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
