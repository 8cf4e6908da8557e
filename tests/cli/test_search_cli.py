"""`protocol-desk search`: JSON rows that `show` accepts, exit codes, the cached index, hostile input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.system.paths import app_paths, bundled_content_dir
from tests.core.test_search_query import HOSTILE
from tests.search.support import clinic_documents, write_pack

CLOZE_ANSWER = re.compile(r"\{\{c\d+::([^:}]+)")


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, object]], str]:
    code = main(["search", "--json", *args])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def test_json_rows_have_the_documented_fields(capsys: pytest.CaptureFixture[str]) -> None:
    """Each row has id, pack, kind, title, section, snippet and score, plus the target to open."""
    code, rows, _ = run_json(capsys, "esketamine monitoring")
    assert code == 0 and rows
    for row in rows:
        assert {"id", "pack", "kind", "title", "section", "snippet", "score", "target"} <= row.keys()
        assert row["target"] in (row["id"], f"{row['id']}#{row['section']}")
        assert "<b>" not in str(row["snippet"])


def test_show_accepts_what_search_prints(capsys: pytest.CaptureFixture[str]) -> None:
    """Both the document id and the doc#section target open with `show`."""
    _, rows, _ = run_json(capsys, "blood pressure", "--limit", "3")
    for row in rows:
        assert main(["show", str(row["id"])]) == 0
        assert main(["show", str(row["target"])]) == 0
    capsys.readouterr()


def test_text_output_groups_sections_under_documents(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --json each document is a line and its sections are indented below it."""
    assert main(["search", "dissociation"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and not lines[0].startswith(" ") and lines[1].startswith("  ")


def test_nothing_found_exits_1_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    """No hits exits 1; a close spelling is offered on stderr."""
    assert main(["search", "qqqzzzxx"]) == 1
    assert "nothing found" in capsys.readouterr().err
    assert main(["search", "dissocation"]) == 0
    assert "did you mean: dissociation" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args", [["search"], ["search", "dose", "--limit", "0"], ["search", "x", "--kind", "nope"]]
)
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Missing query, a bad limit or an unknown kind is a usage error."""
    with pytest.raises(SystemExit) as raised:
        main(args)
    assert raised.value.code == 2
    capsys.readouterr()


def test_unknown_pack_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """--pack naming no loaded pack says so."""
    assert main(["search", "dose", "--pack", "no-such-pack"]) == 2
    assert "no loaded pack" in capsys.readouterr().err


def test_filters_apply(capsys: pytest.CaptureFixture[str]) -> None:
    """--kind and --pack restrict the rows."""
    code, rows, _ = run_json(capsys, "monitoring", "--kind", "checklist", "--pack", "ketamine-therapy")
    assert code == 0 and {row["kind"] for row in rows} == {"checklist"}


def test_second_run_uses_the_cached_index(capsys: pytest.CaptureFixture[str]) -> None:
    """The index is built once in the cache folder and reused."""
    assert main(["search", "ketamine"]) == 0
    index = app_paths().index_db
    built = index.stat().st_mtime_ns
    assert main(["search", "esketamine"]) == 0
    assert index.stat().st_mtime_ns == built
    capsys.readouterr()


def test_extra_pack_content_is_searchable_and_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A --packs folder joins the index; markup in it is plain text in the JSON snippet."""
    folder = write_pack(tmp_path, "clinic", clinic_documents())
    code, rows, _ = run_json(capsys, "script bold", "--packs", str(folder))
    assert code == 0 and rows[0]["target"] == "infusion-protocol#escaping"
    assert "<script>alert(1)</script>" in str(rows[0]["snippet"])


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_exit_cleanly(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Any text after `--` is a query: exit 0 or 1, valid JSON, never a traceback."""
    code = main(["search", "--json", "--", text])
    captured = capsys.readouterr()
    assert code in (0, 1)
    assert isinstance(json.loads(captured.out), list)
    assert "Traceback" not in captured.err


def test_study_cards_are_found_and_shown_without_cloze_markup(capsys: pytest.CaptureFixture[str]) -> None:
    """Words inside a cloze deletion find the card; titles and snippets read `2 hours`, never
    `{{c1::2 hours}}`, in JSON and in text."""
    answers = [
        match.group(1)
        for deck in sorted(bundled_content_dir().glob("*/cards/*.yaml"))
        for match in CLOZE_ANSWER.finditer(deck.read_text(encoding="utf-8"))
    ]
    assert answers
    for answer in answers[:: max(1, len(answers) // 6)]:
        code, rows, _ = run_json(capsys, "--kind", "cards", answer)
        assert code == 0 and rows, answer
        assert not any("{{" in str(row["title"]) + str(row["snippet"]) for row in rows), rows
        assert main(["search", "--kind", "cards", answer]) == 0
        assert "{{" not in capsys.readouterr().out


def test_snippets_show_the_site_placeholder_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bundled infusion-day handout's {{fasting_hours}} and {{clinic_name}} read as the site set them."""
    site = tmp_path / "site.toml"
    site.write_text('[placeholders]\nfasting_hours = "7"\nclinic_name = "Riverside Clinic"\n')
    monkeypatch.setenv("PROTOCOL_DESK_SITE_CONFIG", str(site))
    code, rows, _ = run_json(capsys, "fasting before my infusion", "--kind", "instructions", "--limit", "5")
    snippets = " ".join(str(row["snippet"]) for row in rows)
    assert code == 0 and "Do not eat for 7 hours" in snippets and "Riverside Clinic" in snippets
    assert "{{" not in snippets and "[fasting hours]" not in snippets
