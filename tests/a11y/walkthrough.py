"""Write the screen-reader walk-through for docs/accessibility.md from a recorded AT-SPI walk.

    .venv/bin/python tests/a11y/walkthrough.py [WALK-DIR]

Without WALK-DIR it records a fresh walk (as tests/a11y/test_atspi.py does) into a temporary folder.
Each step lists, in order, where the focus went (role, name, description) and every announcement,
exactly as the AT-SPI events carried them.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.a11y.test_atspi import STEPS, record_walk

WHAT = {
    "ready": "The window is ready; the focus is put in the search field",
    "search": "Type `monitoring`",
    "open_result": "Down arrow, Enter: open the first result",
    "read_on": "Down arrow twice in the document (the caret moves; a reader reads each line)",
    "search_cards": "Kind: Study cards; select the search text and type `twice weekly`",
    "open_checklist": "Open the esketamine session monitoring checklist",
    "tab_around": "Tab round the window from the document until it is back",
    "start_run": "Start a run (session label `Bay 3 morning`, dose 5 minutes ago)",
    "enter_alert": "Type `200` in the first field (systolic pressure before the dose), Tab",
    "enter_refused": "Type `900` in the diastolic pressure, Tab (outside the plausible range)",
    "finish_run": "Finish the run",
    "open_handout": "Open the treatment-day instructions, Space on “Handout (large print)”",
    "print_handout": "Save the handout as PDF (the print path without a printer dialog)",
}
LIVE = {1: "polite", 2: "assertive"}


def spoken(source: dict[str, str]) -> str:
    text = f"{source['role']} “{source['name']}”"
    return text + (f", description “{source['description']}”" if source.get("description") else "")


def reading(event: dict[str, object]) -> bool:
    """A caret moved through a document by the reader (not typing, not a new document's start)."""
    return event["source"]["role"] == "document frame" and bool(event["offset"])  # type: ignore[index]


def markdown(walk: Path) -> str:
    events = json.loads((walk / "events.json").read_text())
    lines = []
    for number, step in enumerate(STEPS, 1):
        lines += ["", f"{number}. **{WHAT[step]}**"]
        for event in (e for e in events if e["step"] == step):
            if event["type"] == "focus:":
                lines.append(f"   - focus: {spoken(event['source'])}")
            elif event["type"] == "object:text-caret-moved" and reading(event):
                lines.append(f"   - caret moved in {spoken(event['source'])} to offset {event['offset']}")
            elif event["type"] == "object:announcement":
                live = LIVE.get(event.get("politeness", 0), "announcement")
                lines.append(f"   - announced ({live}): “{event.get('data', '')}”")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    walk = Path(argv[0]) if argv else record_walk(Path(tempfile.mkdtemp(prefix="atspi-walk-")))
    sys.stdout.write(markdown(walk))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
