"""The global options both front ends accept (`--packs DIR`, `--log-level LEVEL`), scanned in one place.

The launcher uses this to tell a window start (`protocol-desk --packs DIR`) from a command, and the
command line uses it to find which command to import, before argparse sees the arguments.
"""

from __future__ import annotations

GLOBAL_OPTIONS_WITH_VALUES = frozenset({"--packs", "--log-level"})


def split_global_options(argv: list[str]) -> tuple[list[str], list[str]]:
    """The leading global options with their values, and everything from the first other argument on."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg in GLOBAL_OPTIONS_WITH_VALUES:
            index += 2
        elif arg.partition("=")[0] in GLOBAL_OPTIONS_WITH_VALUES and "=" in arg:
            index += 1
        else:
            break
    return argv[:index], argv[index:]
