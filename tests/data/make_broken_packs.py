"""Regenerate tests/data/broken/: one pack per error class, each a copy of the good pack
with exactly one defect. Run `python tests/data/make_broken_packs.py` after changing the
good pack; the expected positions live in tests/core/test_loader_errors.py."""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).parent
GOOD = HERE / "packs" / "good"
BROKEN = HERE / "broken"
PROTOCOL = (GOOD / "docs" / "protocol.yaml").read_text()
HEADER = PROTOCOL.splitlines(keepends=True)[0]


def protocol_with(old: str, new: str) -> str:
    assert old in PROTOCOL, old
    return PROTOCOL.replace(old, new, 1)


BOMB = (
    HEADER
    + "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    + "".join(f"{chr(99 + i)}: &{chr(99 + i)} [{', '.join(['*' + chr(98 + i)] * 9)}]\n" for i in range(7))
)

CASES: dict[str, dict[str, str | bytes]] = {
    "alias-bomb": {"docs/protocol.yaml": BOMB},
    "python-tag": {"docs/protocol.yaml": protocol_with("title: Test protocol", "title: !!python/object/apply:os.system [echo hacked]")},
    "duplicate-key": {"docs/protocol.yaml": protocol_with("status: active\n", "status: active\nstatus: draft\n")},
    "too-deep": {"docs/protocol.yaml": HEADER + "kind: protocol\nx: " + "[" * 40 + "]" * 40 + "\n"},
    "not-utf8": {"docs/protocol.yaml": protocol_with("A protocol used by tests.", "A protocol \udcff used by tests.").encode("utf-8", "surrogateescape")},
    "tab-indent": {"docs/protocol.yaml": protocol_with("  - text: An indication.", "\t- text: An indication.")},
    "empty-file": {"docs/protocol.yaml": HEADER},
    "syntax-error": {"docs/protocol.yaml": protocol_with("reviewers: [Tester]", "reviewers: [Tester")},
    "multiple-documents": {"docs/protocol.yaml": PROTOCOL + "---\nkind: protocol\n"},
    "unquoted-no": {"docs/protocol.yaml": protocol_with("title: Test protocol", "title: NO")},
    "unquoted-version": {"docs/protocol.yaml": protocol_with("version: 1.0.0", "version: 1.10")},
    "unquoted-time": {"docs/protocol.yaml": protocol_with("dose: 56 mg", "dose: 12:30")},
    "unknown-field": {"docs/protocol.yaml": protocol_with("summary:", "sumary:")},
    "missing-field": {"docs/protocol.yaml": protocol_with("reviewers: [Tester]\n", "")},
    "bad-choice": {"docs/protocol.yaml": protocol_with("regulatory_status: approved", "regulatory_status: licensed")},
    "bad-kind": {"docs/protocol.yaml": protocol_with("kind: protocol", "kind: leaflet")},
    "bad-id": {"docs/protocol.yaml": protocol_with("id: test-protocol", "id: Test_Protocol")},
    "bad-date": {"docs/protocol.yaml": protocol_with("last_reviewed: 2026-01-01", "last_reviewed: 2026-13-45")},
    "wrong-type": {"docs/protocol.yaml": protocol_with("reviewers: [Tester]", "reviewers: Tester")},
    "duplicate-id": {"docs/copy.yaml": PROTOCOL.replace("see_also: [test-cards]\n", "")},
    "broken-link": {"docs/protocol.yaml": protocol_with("see_also: [test-cards]", "see_also: [test-cards, no-such-doc]")},
    "unknown-reference": {"docs/protocol.yaml": protocol_with("references: [ref-b]", "references: [ref-z]")},
    "unknown-placeholder": {"docs/protocol.yaml": protocol_with("keeps its `<`.", "keeps its `<`. Call {{clinic_fax}}.")},
    "broken-source": {"docs/cards.yaml": (GOOD / "docs" / "cards.yaml").read_text().replace("test-protocol#monitoring", "test-protocol#nowhere")},
    "review-overdue": {"docs/protocol.yaml": protocol_with("review_due: 2099-01-01", "review_due: 2026-02-01")},
    "retired": {"docs/protocol.yaml": protocol_with("status: active", "status: retired")},
    "app-too-old": {"pack.yaml": (GOOD / "pack.yaml").read_text().replace("min_app_version: 0.1.0", "min_app_version: 99.0.0")},
    "bad-manifest": {"pack.yaml": (GOOD / "pack.yaml").read_text().replace("format: 1", "format: 2")},
}  # fmt: skip


def main() -> None:
    shutil.rmtree(BROKEN, ignore_errors=True)
    for name, files in CASES.items():
        target = BROKEN / name
        shutil.copytree(GOOD, target)
        for relpath, content in files.items():
            path = target / relpath
            path.write_bytes(content if isinstance(content, bytes) else content.encode())
    print(f"wrote {len(CASES)} broken packs to {BROKEN}")


if __name__ == "__main__":
    main()
