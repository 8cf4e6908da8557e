"""Loaded only by `make pytest-future`, which puts this folder on PYTHONPATH (so child Python
processes of the tests load it too).

That run moves the calendar with libfaketime and keeps the monotonic clock real
(FAKETIME_DONT_FAKE_MONOTONIC=1), because Qt's timers stall under a faked monotonic clock. In that
mode libfaketime answers Python 3.11's `time.sleep` (clock_nanosleep on CLOCK_MONOTONIC with an
absolute deadline) with EINVAL, while a relative `select` timeout passes through untouched: so sleep
through `select`. Nothing in the app or the normal test run loads this file.
"""

import os
import select
import time

_real_sleep = time.sleep


def _sleep_through_select(seconds: float) -> None:
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        select.select([], [], [], left)


if "faketime" in os.environ.get("LD_PRELOAD", ""):
    time.sleep = _sleep_through_select
