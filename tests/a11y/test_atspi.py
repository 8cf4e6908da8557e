"""The window as a screen reader gets it: read over AT-SPI from outside the process, as Orca reads it.

The app runs on a virtual screen with Qt's AT-SPI bridge on, in a private D-Bus session; the reader
runs under the system Python with pyatspi (tests/a11y/setup-atspi.sh installs both). Outside CI the
test skips, with the reason, where that stack is missing; under CI=true it never skips.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SYSTEM_PYTHON = "/usr/bin/python3"
STEPS = [
    "ready",
    "search",
    "open_result",
    "read_on",
    "search_cards",
    "open_checklist",
    "tab_around",
    "start_run",
    "enter_alert",
    "enter_refused",
    "finish_run",
    "open_handout",
    "print_handout",
]
WALK_SECONDS = 300
"""The whole walk; each step has 60 s in atspi_reader.py. A normal walk takes about 30 s."""
pytestmark = pytest.mark.xdist_group("atspi")  # one walk, on one worker
INTERACTIVE = {
    "push button",
    "check box",
    "radio button",
    "combo box",
    "entry",
    "text",
    "spin button",
    "list",
    "tree",
    "tree table",
    "table",
    "page tab",
    "slider",
}


def missing_stack() -> str | None:
    if not sys.platform.startswith("linux"):
        return "AT-SPI is the Linux accessibility bus"
    for tool in ("xvfb-run", "dbus-run-session"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (tests/a11y/setup-atspi.sh installs it)"
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, text=True, check=False
    )
    if probe.returncode != 0:
        return f"{SYSTEM_PYTHON} has no pyatspi (tests/a11y/setup-atspi.sh installs python3-pyatspi)"
    return None


def record_walk(out: Path) -> Path:
    """Run the driver through STEPS under the AT-SPI reader; returns the folder of trees and events."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "steps.txt").write_text("\n".join(STEPS))
    home = out / "home"
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="xcb",
        QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        QT_ACCESSIBILITY="1",
        PROTOCOL_DESK_HOME=str(home),
        PROTOCOL_DESK_SITE_CONFIG=str(home / "no-site.toml"),
        PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
        A11Y_OUT=str(out),
    )
    command = [
        "xvfb-run", "-a", "-s", "-screen 0 1440x900x24",
        "dbus-run-session", "--",
        SYSTEM_PYTHON, str(HERE / "atspi_reader.py"), str(out), "--",
        sys.executable, str(HERE / "driver.py"),
    ]  # fmt: skip
    # Its own process group, so a walk that overruns is ended whole (virtual screen, bus, app) and
    # the test fails with what it printed instead of hanging CI.
    walk = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        stdout, stderr = walk.communicate(timeout=WALK_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(walk.pid, signal.SIGKILL)
        stdout, stderr = walk.communicate()
        pytest.fail(f"the AT-SPI walk took over {WALK_SECONDS} s:\n{stdout[-3000:]}\n{stderr[-3000:]}")
    assert walk.returncode == 0, f"AT-SPI walk failed:\n{stdout[-3000:]}\n{stderr[-3000:]}"
    return out


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    reason = missing_stack()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the AT-SPI test: {reason}")
        pytest.skip(reason)
    yield record_walk(tmp_path_factory.mktemp("atspi"))


def tree(walk: Path, step: str) -> dict[str, object]:
    return dict(json.loads((walk / f"{step}.json").read_text()))


def nodes(node: dict[str, object], path: str = "") -> Iterator[tuple[str, dict[str, object]]]:
    here = f"{path}/{node['role']}:{node['name']}"
    yield here, node
    for child in node.get("children", []):  # type: ignore[attr-defined]
        yield from nodes(child, here)


def showing(node: dict[str, object]) -> bool:
    return "showing" in node["states"]  # type: ignore[operator]


def events(walk: Path) -> list[dict[str, object]]:
    return list(json.loads((walk / "events.json").read_text()))


def test_every_focusable_or_interactive_object_has_a_name(walk: Path) -> None:
    unnamed = []
    for step in STEPS:
        for path, node in nodes(tree(walk, step)):
            states = node["states"]
            wanted = "focusable" in states or node["role"] in INTERACTIVE  # type: ignore[operator]
            if wanted and showing(node) and not str(node["name"]).strip():
                unnamed.append(f"{step}: {path}")
    assert unnamed == []


def ticking(text: str) -> str:
    """The run timer's labels change every second between the driver's look and the reader's: digits
    are compared as digits, the words exactly."""
    return re.sub(r"\d", "0", text)


def test_labels_are_named_by_what_they_show(walk: Path) -> None:
    """Every text a visible label shows (recorded by the driver) is the AT-SPI name of an object, or
    the end of one that adds context before it ("Systolic ...: Saved 11:11:13")."""
    unheard = []
    for step in STEPS:
        names = [ticking(str(node["name"]).strip()) for _, node in nodes(tree(walk, step))]
        for text in json.loads((walk / f"{step}.labels.json").read_text()):
            if not any(name.endswith(ticking(text.strip())) for name in names):
                unheard.append(f"{step}: {text[:70]!r}")
    assert unheard == [], unheard


def test_every_input_has_a_labelled_by_relation(walk: Path) -> None:
    missing = []
    for step in ("open_result", "enter_alert", "print_handout"):
        for path, node in nodes(tree(walk, step)):
            is_input = node["role"] in {"entry", "combo box", "spin button"} and showing(node)
            if is_input and "labelled by" not in node["relations"]:  # type: ignore[operator]
                missing.append(f"{step}: {path}")
    assert missing == []


def test_an_alerting_value_is_announced_with_the_alert_text(walk: Path) -> None:
    said = [e for e in events(walk) if e["step"] == "enter_alert"]
    texts = [str(e.get("data", "")) for e in said if e["type"] == "object:announcement"]
    texts += [
        str(e["source"]["name"])  # type: ignore[index]
        for e in said
        if e["source"]["role"] in {"alert", "notification"}  # type: ignore[index]
    ]
    assert any("above" in t.lower() and "mmHg" in t for t in texts), said


def named(root: dict[str, object], name: str) -> dict[str, object]:
    found = [node for _, node in nodes(root) if node["name"] == name and showing(node)]
    assert found, f"no showing object named {name!r}"
    return found[0]


def test_the_document_exposes_its_headings_and_links(walk: Path) -> None:
    """The document view is a document: heading and link objects inside it, in its text, the same
    headings as the outline and the same links as the links list."""
    window = tree(walk, "open_result")
    document = named(window, "Document")
    assert document["role"] == "document frame" and "focused" in document["states"]  # type: ignore[operator]
    parts = document["children"]
    headings = [str(p["name"]) for p in parts if p["role"] == "heading"]  # type: ignore[union-attr,index]
    links = [str(p["name"]) for p in parts if p["role"] == "link"]  # type: ignore[union-attr,index]
    assert len(headings) >= 2 and links, parts
    for part in parts:  # type: ignore[union-attr]
        if part["role"] == "heading":  # type: ignore[index]
            assert any(a.startswith("level:") for a in part.get("attributes", [])), part  # type: ignore[union-attr]
        else:
            assert part["actions"], part  # type: ignore[index]  # a reader can follow the link
    assert all(h in str(document["text"]) for h in headings + links)
    outline = [str(item["name"]) for item in named(window, "Document outline")["children"]]  # type: ignore[union-attr]
    assert all(any(h.startswith(o) for h in headings) for o in outline), (outline, headings)
    listed = named(window, "Links in this document")
    shown = [str(c["name"]) for c in listed["children"]]  # type: ignore[union-attr]
    assert all(name.startswith(link) for name, link in zip(shown, links, strict=False)), (shown, links)
    cited = [p for p in parts if p["role"] == "link" and str(p["name"]).isdigit()]  # type: ignore[index,union-attr]
    assert all(f"[{p['name']}]" in str(p["description"]) for p in cited), cited  # the reference it cites


def test_the_caret_moves_through_the_document_with_the_arrow_keys(walk: Path) -> None:
    moved = [e for e in events(walk) if e["step"] == "read_on" and e["type"] == "object:text-caret-moved"]
    assert moved and all(e["source"]["name"] == "Document" for e in moved), moved  # type: ignore[index]
    offsets = [int(e["offset"]) for e in moved]  # type: ignore[call-overload]
    assert offsets == sorted(offsets) and offsets[-1] > 0, offsets  # down the text, line by line


PRIVATE = re.compile("[\ue000-\uf8ff\ufdd0-\ufdef\U000f0000-\U0010ffff]|\\{\\{c\\d+::")
"""Private-use characters, Qt's frame markers (U+FDD0/U+FDD1) and raw cloze markup: a reader
spells them out."""


def test_no_private_use_characters_or_cloze_markup_anywhere_a_reader_looks(walk: Path) -> None:
    cards = named(tree(walk, "search_cards"), "Search results")
    assert cards["child_count"], cards  # study cards found by words inside their deletions
    found = []
    for step in STEPS:
        for path, node in nodes(tree(walk, step)):
            for key in ("name", "description", "text"):
                if PRIVATE.search(str(node.get(key, ""))):
                    found.append(f"{step}: {path} {key}")
    for event in events(walk):
        if PRIVATE.search(json.dumps(event, ensure_ascii=False)):
            found.append(f"event {event['step']} {event['type']}")
    assert found == []


def field(root: dict[str, object], starts: str) -> dict[str, object]:
    found = [n for _, n in nodes(root) if n["role"] == "text" and str(n["name"]).startswith(starts)]
    assert found, f"no field named {starts!r}..."
    return found[0]


def test_fields_carry_their_alert_refusal_and_requirement(walk: Path) -> None:
    """Qt's AT-SPI bridge maps no invalid-entry or required state, so the field's own description
    carries its alert or refusal and its name says "(required)" as its label shows."""
    after = tree(walk, "enter_refused")
    systolic = field(after, "Systolic blood pressure before the dose")
    diastolic = field(after, "Diastolic blood pressure before the dose")
    assert "mmHg" in str(systolic["description"]) and "urgent" in str(systolic["description"]).lower()
    assert "Not saved" in str(diastolic["description"]) and "900" in str(diastolic["description"])
    assert str(systolic["name"]).endswith("(required)")
    labels = [str(n["name"]) for _, n in nodes(after) if n["role"] == "label"]
    required = {name.removesuffix(" (required)") for name in labels if name.endswith(" (required)")}
    answers = [
        str(n["name"])
        for _, n in nodes(after)
        if n["role"] in {"text", "combo box", "radio button", "check box"} and showing(n)
    ]
    of_required = [
        a for a in answers if any(a.startswith(r) and a[len(r) : len(r) + 1] in " :" for r in required)
    ]
    assert required and of_required and all("(required)" in a for a in of_required), of_required
    summary = named(after, "Alert summary")
    assert summary["role"] == "alert"
    texts = [str(n["name"]) for _, n in nodes(summary)]
    assert any("URGENT" in t and "mmHg" in t for t in texts), texts


def test_urgent_alerts_and_refusals_are_assertive(walk: Path) -> None:
    said = {e["step"]: e for e in events(walk) if e["type"] == "object:announcement"}
    assert "URGENT" in str(said["enter_alert"]["data"]) and said["enter_alert"]["politeness"] == 2
    assert "Not saved" in str(said["enter_refused"]["data"]) and said["enter_refused"]["politeness"] == 2
    assert said["search"]["politeness"] == 1  # the result count waits for the reader


def focus_trail(walk: Path, step: str) -> list[dict[str, str]]:
    return [e["source"] for e in events(walk) if e["step"] == step and e["type"] == "focus:"]  # type: ignore[misc]


def test_forward_tab_reaches_every_control_once_round_with_names(walk: Path) -> None:
    """From the document, Tab goes round the window and back; every stop is named, the workspace
    tabs and the buttons above the document come right before it, after the sidebar."""
    stops = json.loads((walk / "tab_around.stops.json").read_text())
    assert stops[-1] == "SafeBrowser: Document", stops
    trail = [f"{s['role']}: {s['name']}" for s in focus_trail(walk, "tab_around")]
    assert all(s.split(": ", 1)[1].strip() for s in trail), trail
    buttons = [t for t in trail if t.startswith("push button: ")]
    assert "push button: Start a checklist run" in buttons
    assert trail[-1 - len(buttons) : -1] == buttons and trail[-1] == "document frame: Document", trail
    # reading order: the sidebar (search first), then the workspace tabs above the buttons
    assert trail.index("text: Search") < trail.index("page tab list: Reader") == len(trail) - 2 - len(buttons)


def test_focus_goes_straight_to_a_new_run_and_a_handout(walk: Path) -> None:
    run = focus_trail(walk, "start_run")
    assert [s["role"] for s in run] == ["text"] and run[0]["name"].startswith("Systolic"), run
    handout = focus_trail(walk, "open_handout")
    assert "Search" not in [s["name"] for s in handout] and handout[-1]["name"] == "Handout preview"


def test_tab_lists_are_named_after_their_selected_tab(walk: Path) -> None:
    wrong = []
    for step in STEPS:
        for path, node in nodes(tree(walk, step)):
            tabs = node.get("children", [])
            chosen = [t["name"] for t in tabs if "selected" in t["states"]]  # type: ignore[union-attr,index]
            if node["role"] == "page tab list" and showing(node) and chosen != [node["name"]]:
                wrong.append(f"{step}: {path} selected {chosen}")
    assert wrong == []
