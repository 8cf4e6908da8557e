"""A fresh Linux desktop without libxcb-cursor0 gets one line naming the package, before Qt starts."""

from __future__ import annotations

import pytest

from app.gui import platform_check
from app.gui.platform_check import INSTALL_HINT, missing_system_library, uses_xcb


def test_xcb_is_chosen_on_linux_x11_and_not_offscreen_or_other_systems() -> None:
    """Only an X11 (or XWayland) start on Linux needs the xcb plugin's libraries."""
    assert uses_xcb({"DISPLAY": ":0"}, "linux")
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, "linux")
    assert not uses_xcb({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not uses_xcb({"DISPLAY": ":0"}, "win32")


def test_missing_library_gives_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the library absent the hint names libxcb-cursor0 and the apt-get command."""
    monkeypatch.setattr(platform_check.ctypes.util, "find_library", lambda name: None)
    hint = missing_system_library({"DISPLAY": ":0"}, "linux")
    assert hint == INSTALL_HINT and "sudo apt-get install libxcb-cursor0" in hint
    monkeypatch.setattr(platform_check.ctypes.util, "find_library", lambda name: f"lib{name}.so.0")
    assert missing_system_library({"DISPLAY": ":0"}, "linux") is None


def test_the_window_start_stops_with_the_hint(monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """run_gui returns 1 and prints the hint instead of letting Qt abort."""
    from app.gui import app as gui_app

    monkeypatch.setattr(gui_app, "missing_system_library", lambda: INSTALL_HINT)
    assert gui_app.run_gui([]) == 1
    assert "libxcb-cursor0" in capsys.readouterr().err
