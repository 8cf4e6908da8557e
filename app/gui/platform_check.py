"""Before Qt starts: a missing system library gets one line saying what to install, not a Qt abort.

Qt 6's xcb platform plugin (X11 and XWayland) needs libxcb-cursor0, which fresh Debian and Ubuntu
desktops do not always have; without it Qt prints a long message and aborts. The frozen build and the
Debian package carry or depend on it; a source checkout relies on the system.
"""

from __future__ import annotations

import ctypes.util
import os
import sys

XCB_CURSOR = "xcb-cursor"
INSTALL_HINT = (
    "Protocol Desk needs the system library libxcb-cursor0 to open its window. "
    "Install it with: sudo apt-get install libxcb-cursor0"
)


def uses_xcb(environ: dict[str, str] | os._Environ[str] = os.environ, platform: str = sys.platform) -> bool:
    """True when Qt would pick its xcb plugin: Linux, no other platform asked for."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":", 1)[0].split(";", 1)[0] == "xcb"
    return not environ.get("WAYLAND_DISPLAY") or bool(environ.get("DISPLAY"))


def missing_system_library(
    environ: dict[str, str] | os._Environ[str] = os.environ, platform: str = sys.platform
) -> str | None:
    """The one-line hint when a library the window needs is missing, else None."""
    if uses_xcb(environ, platform) and ctypes.util.find_library(XCB_CURSOR) is None:
        return INSTALL_HINT
    return None
