"""Read a running Protocol Desk over AT-SPI, the way Orca does, while a driver walks it through steps.

Runs under the system Python with pyatspi (Debian's python3-pyatspi), not the project's venv, inside a
private D-Bus session and a virtual screen:

    xvfb-run -a dbus-run-session -- /usr/bin/python3 tests/a11y/atspi_reader.py OUT -- APP-COMMAND...

APP-COMMAND is tests/a11y/driver.py under the venv's Python. Its stdin takes one step name per line,
and it answers `done STEP` once the step has run. After each step this reader pumps the AT-SPI events
for a moment and writes the accessible tree of the app's windows, so OUT holds:

    events.json   every focus, announcement, alert and name/description change, in order, with its step
    STEP.json     the tree after STEP: role, name, description, states, relations, text, children
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyatspi  # type: ignore[import-not-found]
from gi.repository import GLib  # type: ignore[import-not-found]

EVENTS = (
    "focus:",
    "object:state-changed:focused",
    "object:announcement",
    "object:property-change:accessible-name",
    "object:property-change:accessible-description",
    "object:children-changed:add",
    "object:state-changed:showing",
    "object:text-caret-moved",
)
TEXT_ROLES = {"label", "text", "entry", "document text", "document frame", "heading", "link", "paragraph"}


def role(node: object) -> str:
    return node.getRoleName()  # type: ignore[attr-defined]


def text_of(node: object) -> str:
    try:
        text = node.queryText()  # type: ignore[attr-defined]
    except NotImplementedError:
        return ""
    return str(text.getText(0, min(text.characterCount, 20000)))


def actions(node: object) -> list[str]:
    try:
        action = node.queryAction()  # type: ignore[attr-defined]
    except NotImplementedError:
        return []
    return [str(action.getName(i)) for i in range(action.nActions)]


def relations(node: object) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for relation in node.getRelationSet():  # type: ignore[attr-defined]
        kind = pyatspi.relationToString(relation.getRelationType()).lower()
        found[kind] = [
            relation.getTarget(i).name or role(relation.getTarget(i)) for i in range(relation.getNTargets())
        ]
    return found


def node_json(node: object, depth: int = 0) -> dict[str, object]:
    states = node.getState()  # type: ignore[attr-defined]
    out: dict[str, object] = {
        "role": role(node),
        "name": node.name,  # type: ignore[attr-defined]
        "description": node.description,  # type: ignore[attr-defined]
        "states": sorted(pyatspi.stateToString(s) for s in states.getStates()),
        "relations": relations(node),
    }
    if role(node) in TEXT_ROLES:
        out["text"] = text_of(node)
    if role(node) == "link":
        out["actions"] = actions(node)
    attributes = node.getAttributes() or []  # type: ignore[attr-defined]
    if attributes:
        out["attributes"] = list(attributes)
    if depth < 60 and role(node) not in {"table", "tree table", "list"}:
        out["children"] = [node_json(child, depth + 1) for child in node if child is not None]
    elif role(node) in {"table", "tree table", "list"}:
        out["child_count"] = node.childCount  # type: ignore[attr-defined]
        out["children"] = [node_json(node[i], depth + 1) for i in range(min(node.childCount, 8))]  # type: ignore[index,attr-defined]
    return out


def describe(node: object) -> dict[str, object]:
    try:
        return {"role": role(node), "name": node.name, "description": node.description}  # type: ignore[attr-defined]
    except Exception as error:
        return {"role": "gone", "name": str(error), "description": ""}


class Reader:
    def __init__(self, out: Path, command: list[str]) -> None:
        self.out = out
        self.step = "start"
        self.events: list[dict[str, object]] = []
        self.app = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
        )
        self.replies: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read_replies, daemon=True).start()
        for kind in EVENTS:
            pyatspi.Registry.registerEventListener(self._on_event, kind)

    def _read_replies(self) -> None:
        assert self.app.stdout is not None
        for line in self.app.stdout:
            self.replies.put(line.strip())
        self.replies.put("exited")

    def _on_event(self, event: object) -> None:
        kind = str(event.type)  # type: ignore[attr-defined]
        if kind.endswith("focused") and not event.detail1:  # type: ignore[attr-defined]
            return
        if kind.startswith("object:state-changed:showing") and not event.detail1:  # type: ignore[attr-defined]
            return
        record: dict[str, object] = {"step": self.step, "type": kind, "source": describe(event.source)}  # type: ignore[attr-defined]
        data = event.any_data  # type: ignore[attr-defined]
        if isinstance(data, str) and data:
            record["data"] = data
        elif data is not None and hasattr(data, "getRoleName"):
            record["data"] = describe(data)
        if kind == "object:announcement":
            record["politeness"] = event.detail1  # type: ignore[attr-defined]
        if kind == "object:text-caret-moved":
            record["offset"] = event.detail1  # type: ignore[attr-defined]
        self.events.append(record)

    def pump(self, seconds: float) -> None:
        context = GLib.MainContext.default()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            while context.pending():
                context.iteration(False)
            time.sleep(0.01)

    def run_step(self, step: str, timeout: float = 60.0) -> None:
        self.step = step
        assert self.app.stdin is not None
        self.app.stdin.write(step + "\n")
        self.app.stdin.flush()
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.05)
            try:
                reply = self.replies.get_nowait()
            except queue.Empty:
                continue
            if reply == f"done {step}":
                break
            if reply == "exited" or reply.startswith("failed"):
                raise SystemExit(f"driver stopped at {step}: {reply}")
        else:
            raise SystemExit(f"step {step} timed out")
        self.pump(0.8)
        self.dump(step)

    def application(self) -> object:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.get_process_id() == self.app.pid:
                return app
        raise SystemExit(f"the app (pid {self.app.pid}) is not on the AT-SPI desktop")

    def dump(self, step: str) -> None:
        tree = node_json(self.application())
        (self.out / f"{step}.json").write_text(json.dumps(tree, indent=1, ensure_ascii=False))

    def finish(self) -> None:
        (self.out / "events.json").write_text(json.dumps(self.events, indent=1, ensure_ascii=False))
        if self.app.poll() is None:
            self.app.terminate()
            self.app.wait(10)


def main(argv: list[str]) -> int:
    out, command = Path(argv[0]), argv[argv.index("--") + 1 :]
    steps = [s for s in (out / "steps.txt").read_text().split() if s]
    reader = Reader(out, command)
    try:
        for step in steps:
            reader.run_step(step)
    finally:
        reader.finish()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
