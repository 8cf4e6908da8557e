"""Generate synthetic content packs of realistic size and shape for benchmarks.

Documents rotate through every kind: protocols with several sections of a few hundred words,
checklists with typed items and alerts, instructions, calculators and card decks whose cards
point at real sections. The text is drawn from a clinical vocabulary so that search benchmarks
see realistic term frequencies. Output is deterministic for a given seed.

    python benchmarks/synth.py OUT_DIR --docs 2000 [--seed 0] [--pack-id synthetic]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

SCHEMA_LINE = "# yaml-language-server: $schema=../../resources/schema/pack.schema.json\n"
VOCABULARY = [
    "ketamine",
    "esketamine",
    "infusion",
    "nasal",
    "spray",
    "dose",
    "dosing",
    "monitoring",
    "blood",
    "pressure",
    "systolic",
    "diastolic",
    "sedation",
    "dissociation",
    "respiratory",
    "depression",
    "oxygen",
    "saturation",
    "pulse",
    "oximetry",
    "nausea",
    "vomiting",
    "dizziness",
    "headache",
    "anxiety",
    "depression",
    "treatment",
    "resistant",
    "suicidal",
    "ideation",
    "remission",
    "response",
    "induction",
    "maintenance",
    "weekly",
    "twice",
    "session",
    "discharge",
    "clinician",
    "patient",
    "protocol",
    "evidence",
    "trial",
    "randomised",
    "placebo",
    "midazolam",
    "benzodiazepine",
    "lamotrigine",
    "interaction",
    "pregnancy",
    "lactation",
    "hepatic",
    "renal",
    "bladder",
    "cystitis",
    "urinary",
    "abuse",
    "misuse",
    "diversion",
    "REMS",
    "label",
    "contraindication",
    "aneurysm",
    "hemorrhage",
    "hypertension",
    "crisis",
    "encephalopathy",
    "emergency",
    "referral",
    "observation",
    "recovery",
    "escort",
    "driving",
    "machinery",
    "fasting",
    "hydration",
    "consent",
    "screening",
    "psychosis",
    "mania",
    "bipolar",
    "substance",
    "pain",
    "chronic",
    "neuropathic",
    "fibromyalgia",
    "CRPS",
    "consensus",
    "guideline",
    "intramuscular",
    "oral",
    "sublingual",
    "subcutaneous",
    "bioavailability",
    "half-life",
    "metabolism",
    "CYP3A4",
    "CYP2B6",
    "outcome",
    "scale",
    "MADRS",
    "CADSS",
    "MOAA/S",
]
CONDITIONS = ["treatment-resistant-depression", "suicidal-ideation", "chronic-pain", "ptsd", "anxiety"]
ROUTES = ["intranasal", "intravenous", "intramuscular", "oral", "subcutaneous"]
KINDS = ("protocol", "protocol", "protocol", "checklist", "instructions", "calculator", "cards")


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(VOCABULARY) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng: random.Random, words: int) -> str:
    sentences = [_sentence(rng, rng.randint(8, 20)) for _ in range(max(1, words // 14))]
    return "\n\n".join(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4))


def _meta(rng: random.Random, doc_id: str, kind: str, refs: list[str]) -> dict[str, object]:
    return {
        "kind": kind,
        "id": doc_id,
        "title": _sentence(rng, rng.randint(3, 7)).rstrip("."),
        "summary": _sentence(rng, 18),
        "aliases": [_sentence(rng, 3).rstrip(".")],
        "tags": {"conditions": [rng.choice(CONDITIONS)], "routes": [rng.choice(ROUTES)]},
        "status": "active",
        "version": "1.0.0",
        "last_reviewed": "2026-11-01",
        "review_due": "2030-11-01",
        "reviewers": ["Synthetic reviewer"],
        "regulatory_status": rng.choice(["approved", "off-label", "experimental"]),
        "sections": [
            {
                "id": f"s{n}",
                "title": _sentence(rng, 3).rstrip("."),
                "body": _paragraphs(rng, rng.randint(150, 400)),
                "references": [rng.choice(refs)],
            }
            for n in range(rng.randint(3, 6))
        ],
    }


def _statement(rng: random.Random, refs: list[str]) -> dict[str, object]:
    return {"text": _sentence(rng, 14), "references": [rng.choice(refs)]}


def _protocol(rng: random.Random, doc: dict[str, object], refs: list[str]) -> None:
    doc["indications"] = [_statement(rng, refs) for _ in range(2)]
    doc["contraindications"] = {"absolute": [_statement(rng, refs)], "relative": [_statement(rng, refs)]}
    doc["dosing"] = [
        {
            "phase": "Induction",
            "route": rng.choice(ROUTES),
            "dose": "0.5 mg/kg",
            "frequency": "Twice weekly",
            "references": [rng.choice(refs)],
        }
    ]


def _number_item(rng: random.Random, item_id: str, refs: list[str]) -> dict[str, object]:
    return {
        "id": item_id,
        "type": "number",
        "label": _sentence(rng, 4).rstrip("."),
        "unit": "mmHg",
        "plausible": {"min": 40, "max": 260},
        "references": [rng.choice(refs)],
        "alerts": [
            {"above": 180, "severity": "caution", "action": _sentence(rng, 10), "references": [refs[0]]}
        ],
    }


def _checklist(rng: random.Random, doc: dict[str, object], refs: list[str]) -> None:
    doc["min_monitoring_minutes"] = 120
    doc["timepoints"] = [
        {
            "id": f"t{n}",
            "label": f"{offset} minutes",
            "offset_minutes": offset,
            "references": [refs[0]],
            "items": [
                _number_item(rng, f"t{n}-bp", refs),
                {"id": f"t{n}-ok", "type": "check", "label": _sentence(rng, 6), "references": [refs[0]]},
            ],
        }
        for n, offset in enumerate((-10, 40, 120))
    ]


def _instructions(rng: random.Random, doc: dict[str, object], refs: list[str]) -> None:
    doc["key_rules"] = [{**_statement(rng, refs), "important": True}]
    doc["phases"] = [
        {"id": phase, "title": phase.title(), "items": [_statement(rng, refs) for _ in range(4)]}
        for phase in ("before", "after")
    ]


def _calculator(rng: random.Random, doc: dict[str, object], refs: list[str]) -> None:
    def number(label: str, unit: str, low: float, high: float) -> dict[str, object]:
        return {"label": label, "unit": unit, "min": low, "max": high}

    doc["calculation"] = {
        "formula": "weight-based-dose",
        "weight": number("Weight", "kg", 30, 200),
        "dose_per_kg": number("Dose", "mg/kg", 0.1, 0.75),
        "concentration": number("Concentration", "mg/mL", 0.1, 10),
        "infusion_minutes": number("Time", "min", 40, 100),
        "max_dose_mg": 150,
        "references": [rng.choice(refs)],
    }


def _cards(rng: random.Random, doc: dict[str, object], targets: list[tuple[str, str]]) -> None:
    picks = [rng.choice(targets) for _ in range(rng.randint(5, 10))]
    doc["cards"] = [
        {
            "id": f"c{n}",
            "type": "basic",
            "front": _sentence(rng, 10).rstrip(".") + "?",
            "back": _sentence(rng, 8),
            "source": f"{doc_id}#{section}",
        }
        for n, (doc_id, section) in enumerate(picks)
    ]


def _manifest(pack_id: str, refs: list[str]) -> dict[str, object]:
    return {
        "format": 1,
        "id": pack_id,
        "title": f"Synthetic pack {pack_id}",
        "version": "1.0.0",
        "publisher": "Benchmarks",
        "licence": "CC0",
        "language": "en",
        "status": "active",
        "released": "2026-11-01",
        "review_interval_months": 12,
        "min_app_version": "0.1.0",
        "disclaimer": "Synthetic benchmark content: not clinical information.",
        "references": [{"id": ref, "citation": f"Synthetic reference {ref}", "tier": "B"} for ref in refs],
        "synonyms": [{"terms": ["esketamine", "spravato"]}, {"terms": ["blood pressure", "bp"]}],
    }


def _write(path: Path, data: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(
        SCHEMA_LINE.replace("../../", "../../../" if path.name != "pack.yaml" else "../../") + body
    )


def generate_pack(root: Path, docs: int, seed: int = 0, pack_id: str = "synthetic") -> Path:
    """Write a pack of `docs` documents to `root/pack_id` and return its folder."""
    rng = random.Random(seed)
    folder = root / pack_id
    refs = [f"ref-{n}" for n in range(50)]
    _write(folder / "pack.yaml", _manifest(pack_id, refs))
    targets: list[tuple[str, str]] = []
    for number in range(docs):
        kind = KINDS[number % len(KINDS)]
        doc_id = f"{pack_id}-{kind}-{number}"
        doc = _meta(rng, doc_id, kind, refs)
        if kind == "cards":
            _cards(rng, doc, targets or [(doc_id, "s0")])
        else:
            {
                "protocol": _protocol,
                "checklist": _checklist,
                "instructions": _instructions,
                "calculator": _calculator,
            }[kind](rng, doc, refs)
            targets.append((doc_id, "s0"))
        _write(folder / f"{kind}s" / f"{doc_id}.yaml", doc)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pack-id", default="synthetic")
    args = parser.parse_args()
    print(generate_pack(args.out, args.docs, args.seed, args.pack_id))


if __name__ == "__main__":
    main()
