"""Choose between the desktop app and the command line.

`protocol-desk` with no command starts the window; anything else goes to the CLI.
The two are imported lazily so that neither pays for the other's start-up cost
and so that `cli` and `gui` never import each other.
"""

from __future__ import annotations

import sys

from app.options import split_global_options


def _wants_gui(argv: list[str]) -> bool:
    """True when argv holds only options the window understands, and no command."""
    return not split_global_options(argv)[1]


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if _wants_gui(args):
        from app.gui.app import run_gui

        return run_gui(args)
    from app.cli.main import main as cli_main

    return cli_main(args)
