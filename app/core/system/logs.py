"""Logging to a rotating file in the state folder, and crashes recorded there before they surface.

Both the command line and the desktop app call `start_logging(level)` once at start-up. Logs hold
no patient data (the app has none) and never leave the machine.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
from pathlib import Path
from types import TracebackType

from app import __version__
from app.core.system.config import load_config
from app.core.system.paths import AppPaths, app_paths, is_frozen

LOG_FILE = "protocol-desk.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 5
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"
_HANDLER_NAME = "protocol-desk-file"

log = logging.getLogger("app")


def setup_logging(paths: AppPaths, level: str = "INFO") -> Path | None:
    """Log `level` and above to `paths.logs`; returns the file, or None when it cannot be written.

    Calling it again replaces the earlier handler, so tests and repeated CLI calls never stack them.
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    target = paths.logs / LOG_FILE
    try:
        paths.logs.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as error:
        # A read-only profile must not stop a clinician from reading a protocol.
        print(f"warning: cannot write the log file {target}: {error}", file=sys.stderr)
        return None
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    return target


def _log_crash(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    # Whether the process ends is not known here: the desktop app reports the error and keeps
    # running, the command line exits. So the log says what happened, not what followed.
    if not issubclass(kind, KeyboardInterrupt):
        where = threading.current_thread().name
        log.critical("unhandled exception in thread %s", where, exc_info=(kind, error, trace))


def install_excepthook() -> None:
    """Record unhandled exceptions (main thread and others) in the log, then report them as usual."""
    if getattr(sys.excepthook, "_protocol_desk", False):
        return
    previous = sys.excepthook
    previous_thread_hook = threading.excepthook

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        _log_crash(kind, error, trace)
        previous(kind, error, trace)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            _log_crash(args.exc_type, args.exc_value, args.exc_traceback)
        previous_thread_hook(args)

    hook._protocol_desk = True  # type: ignore[attr-defined]
    sys.excepthook = hook
    threading.excepthook = thread_hook


def start_logging(level: str | None = None, paths: AppPaths | None = None) -> Path | None:
    """Everything a process does at start: the level from `--log-level`, else the configuration."""
    paths = paths or app_paths()
    chosen = (level or str(load_config(paths).get("logging.level"))).upper()
    target = setup_logging(paths, chosen if chosen in LEVELS else "INFO")
    install_excepthook()
    # No arguments are logged: search text and the like are the user's business, not the log's.
    log.info("Protocol Desk %s starting (%s)", __version__, "frozen" if is_frozen() else "source")
    return target
