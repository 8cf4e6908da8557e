"""`protocol-desk config`: every effective setting and where it came from."""

from __future__ import annotations

import argparse
import json
import sys

from app.cli.common import EXIT_OK, print_json
from app.core.system.config import Config, load_config
from app.core.system.paths import AppPaths, app_paths


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("config", help="show the effective configuration and its sources")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def _as_json(config: Config, paths: AppPaths) -> dict[str, object]:
    settings = {
        k: {"value": s.value, "source": s.source, "locked": s.locked} for k, s in config.settings.items()
    }
    folders = {"data": paths.data, "cache": paths.cache, "state": paths.state, "config": paths.config}
    return {
        "site_file": str(config.site_file),
        "user_file": str(config.user_file),
        "settings": settings,
        "issues": [issue.format() for issue in config.issues],
        "folders": {name: str(folder) for name, folder in folders.items()},
        "portable": paths.portable,
    }


def run(args: argparse.Namespace) -> int:
    paths = app_paths()
    config = load_config(paths)
    if args.json:
        print_json(_as_json(config, paths))
        return EXIT_OK
    print(f"site file: {config.site_file}\nuser file: {config.user_file}\n")
    width = max(len(key) for key in config.settings)
    for key, setting in config.settings.items():
        lock = ", locked by site" if setting.locked else ""
        print(f"{key:<{width}}  {json.dumps(setting.value)}  ({setting.source}{lock})")
    for issue in config.issues:
        print(f"warning: {issue.format()}", file=sys.stderr)
    return EXIT_OK
