"""Small packs written into a test's temporary folder, for search tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from app.core.packs.loaded import Origin, PackSet
from app.core.packs.roots import PackRoot, load_packs
from app.core.search import SearchIndex

SCHEMA_LINE = "# yaml-language-server: $schema=../../../resources/schema/pack.schema.json\n"


def manifest(pack_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "format": 1, "id": pack_id, "title": f"Pack {pack_id}", "version": "1.0.0", "publisher": "Tests",
        "licence": "CC0", "language": "en", "status": "active", "released": "2026-01-01",
        "review_interval_months": 12, "min_app_version": "0.1.0", "disclaimer": "Test content.",
        "references": [{"id": "ref-a", "citation": "Reference A.", "tier": "A"}],
        **extra,
    }  # fmt: skip


def protocol(doc_id: str, title: str, sections: dict[str, tuple[str, str]], **extra: Any) -> dict[str, Any]:
    """A valid protocol; `sections` maps section id to (title, Markdown body)."""
    return {
        "kind": "protocol", "id": doc_id, "title": title, "summary": f"Summary of {title.lower()}.",
        "status": "active", "version": "1.0.0", "last_reviewed": "2026-01-01", "review_due": "2099-01-01",
        "reviewers": ["Tester"], "regulatory_status": "approved",
        "indications": [{"text": "Adults in a test.", "references": ["ref-a"]}],
        "sections": [
            {"id": sid, "title": heading, "body": body, "references": ["ref-a"]}
            for sid, (heading, body) in sections.items()
        ],
        **extra,
    }  # fmt: skip


def write_pack(root: Path, pack_id: str, documents: list[dict[str, Any]], **manifest_extra: Any) -> Path:
    folder = root / pack_id
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(SCHEMA_LINE + yaml.safe_dump(manifest(pack_id, **manifest_extra)))
    for document in documents:
        text = SCHEMA_LINE.replace("../", "../../", 1) + yaml.safe_dump(document, allow_unicode=True)
        (folder / "docs" / f"{document['id']}.yaml").write_text(text, encoding="utf-8")
    return folder


def load(*folders: Path) -> PackSet:
    packs = load_packs([PackRoot(folder, Origin.EXTRA) for folder in folders])
    assert not packs.failed, [p.format() for p in packs.problems]
    return packs


SYNONYMS = {
    "synonyms": [{"terms": ["esketamine", "spravato"]}, {"terms": ["blood pressure", "bp"]}],
    "abbreviations": [{"short": "TRD", "long": "treatment-resistant depression"}],
}


def clinic_documents() -> list[dict[str, Any]]:
    """Three protocols and a checklist with the words the search tests look for."""
    checklist = {
        "kind": "checklist", "id": "session-checks", "title": "Session checks", "summary": "Checks.",
        "status": "active", "version": "1.0.0", "last_reviewed": "2026-01-01", "review_due": "2099-01-01",
        "reviewers": ["Tester"], "regulatory_status": "not-applicable",
        "tags": {"routes": ["intranasal"], "conditions": ["treatment-resistant-depression"]},
        "timepoints": [{
            "id": "pre-dose", "label": "Before the dose", "offset_minutes": -10, "references": ["ref-a"],
            "items": [{"id": "sbp", "type": "number", "label": "Systolic blood pressure", "unit": "mmHg",
                       "plausible": {"min": 60, "max": 260}, "references": ["ref-a"]}],
        }],
    }  # fmt: skip
    return [
        protocol(
            "nasal-protocol",
            "Esketamine nasal spray for treatment-resistant depression",
            {
                "monitoring": (
                    "Monitoring",
                    "Check the **blood pressure** before the dose and at 40 minutes.",
                ),
                "dissociation": ("Dissociation", "Dissociation peaks early and resolves within two hours."),
            },
            tags={"routes": ["intranasal"], "conditions": ["treatment-resistant-depression"]},
            aliases=["intranasal esketamine"],
        ),
        protocol(
            "infusion-protocol",
            "IV ketamine infusion",
            {
                "dosing-notes": ("Dose per kilogram", "Give 0.5 mg/kg over 40 minutes; BP every 15 minutes."),
                "escaping": (
                    "Markup in content",
                    "Text with <script>alert(1)</script> and <b>bold</b> tags.",
                ),
            },
            tags={"routes": ["intravenous"]},
        ),
        protocol(
            "driving-protocol",
            "Aftercare",
            {"driving": ("Driving", "Patients must not drive until the next day after a restful sleep.")},
        ),
        checklist,
    ]


def handout(doc_id: str, title: str, phases: dict[str, tuple[str, list[str]]]) -> dict[str, Any]:
    """A valid patient handout; `phases` maps phase id to (title, item texts)."""
    return {
        "kind": "instructions", "id": doc_id, "title": title, "summary": f"Summary of {title.lower()}.",
        "status": "active", "version": "1.0.0", "last_reviewed": "2026-01-01", "review_due": "2099-01-01",
        "reviewers": ["Tester"], "regulatory_status": "not-applicable", "audience": "patient",
        "key_rules": [{"text": "Follow what the clinic tells you.", "references": ["ref-a"]}],
        "phases": [
            {"id": pid, "title": heading, "items": [{"text": t, "references": ["ref-a"]} for t in texts]}
            for pid, (heading, texts) in phases.items()
        ],
    }  # fmt: skip


def cards(doc_id: str, title: str, fronts: list[str], source: str) -> dict[str, Any]:
    """A valid study deck: one basic card per front, each citing `source` (`doc#section`)."""
    return {
        "kind": "cards", "id": doc_id, "title": title, "summary": "Study cards.", "status": "active",
        "version": "1.0.0", "last_reviewed": "2026-01-01", "review_due": "2099-01-01",
        "reviewers": ["Tester"], "regulatory_status": "not-applicable",
        "cards": [
            {"id": f"c{n}", "type": "basic", "front": front, "back": "See the protocol.", "source": source}
            for n, front in enumerate(fronts)
        ],
    }  # fmt: skip


def index_of(root: Path, pack_id: str, documents: list[dict[str, Any]], **manifest_extra: Any) -> SearchIndex:
    """A search index over one pack of `documents` written under `root` (use it in a `with`)."""
    packs = load(write_pack(root, pack_id, documents, **manifest_extra))
    return SearchIndex.build(packs, root / "index.db")


def top_target(index: SearchIndex, query: str) -> str:
    """Where the first hit for `query` opens (document#section)."""
    return index.search(query).hits[0].target
