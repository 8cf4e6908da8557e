"""Loaded only by `make pytest-future`, which puts this folder on PYTHONPATH (so the pytest workers and
every Python child process of the tests load it too) and names the moment in TEST_CALENDAR_AT.

The calendar moves with time-machine: Python's clocks (`date.today`, `datetime.now`, `time.time`,
`time.localtime`...) start at that moment and tick on. It patches Python's clock functions only, not
the C library, so Qt's timers, SQLite and the thread machinery run on the real clocks. An earlier
version preloaded libfaketime, which intercepts every clock read in every thread of the process: under
load it left some of Qt's loader threads waiting and the window never reported its index ready.
Nothing in the app or the normal test run loads this file.
"""

import os
from datetime import datetime

_moment = os.environ.get("TEST_CALENDAR_AT")
if _moment:
    import time_machine

    _travel = time_machine.travel(datetime.fromisoformat(_moment), tick=True)
    _travel.start()
