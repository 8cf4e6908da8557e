"""Choose between the desktop app and the command line.

`protocol-desk` with no command starts the window; anything else goes to the CLI.
The two are imported lazily so that neither pays for the other's start-up cost
and so that `cli` and `gui` never import each other.
"""

from __future__ import annotations

import sys

GUI_ONLY_FLAGS = {"--log-level", "--packs", "--author"}


def _wants_gui(argv: list[str]) -> bool:
    """True when argv holds only options the window understands, and no command."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg in GUI_ONLY_FLAGS:
            index += 2
            continue
        if arg.startswith(("--packs=", "--log-level=", "--author=")):
            index += 1
            continue
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if _wants_gui(args):
        from app.gui.app import run_gui

        return run_gui(args)
    from app.cli.main import main as cli_main

    return cli_main(args)
