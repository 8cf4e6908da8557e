#!/usr/bin/env bash
# What tests/a11y/test_atspi.py needs to read the window as a screen reader does: the AT-SPI bus and
# registry (at-spi2-core), pyatspi for the system Python (python3-pyatspi, gir1.2-atspi-2.0), a private
# D-Bus session (dbus-run-session, dbus-x11), a virtual screen (xvfb) and Qt's xcb plugin's libraries.
# Debian/Ubuntu as root (CI); elsewhere it says what is missing and the test skips with that reason.
set -euo pipefail
have() { /usr/bin/python3 -c "import pyatspi" 2>/dev/null && command -v xvfb-run >/dev/null \
    && command -v dbus-run-session >/dev/null && test -x /usr/libexec/at-spi-bus-launcher; }
if have; then
    exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "setup-atspi: needs root and apt-get to install at-spi2-core python3-pyatspi xvfb" >&2
    exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    at-spi2-core python3-pyatspi gir1.2-atspi-2.0 dbus dbus-x11 xvfb xauth \
    libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 \
    libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libegl1 libgl1 >/dev/null
have || { echo "setup-atspi: installed, but pyatspi or the AT-SPI bus is still missing" >&2; exit 1; }
