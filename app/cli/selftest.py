"""`protocol-desk self-test`: prove that this installation works, headless, and write a report.

Checks the folders, the configuration, the bundled resources, loads every pack under the site's
policy, builds the search index and searches it, renders every document to HTML and text, exports a
PDF offscreen, sorts text the way the interface does (Qt's ICU data) and loads Qt's platform
and print plugins (which fail to load when a system library they need is missing).
With `--installed` it first checks the installed files against the manifest written at build time.
IT runs it after deploying (the frozen build too); it exits 0 only when every step passed.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Literal

from app import APP_ID
from app.cli.common import EXIT_OK, EXIT_PROBLEM, print_json
from app.core.distribution.policy import load_configured_packs
from app.core.packs.loaded import PackSet
from app.core.packs.problems import Level
from app.core.system.config import Config, load_config, site_placeholders
from app.core.system.manifest import MANIFEST_NAME, ManifestError, verify_manifest
from app.core.system.paths import (
    AppPaths,
    app_paths,
    bundled_content_dir,
    install_root,
    is_frozen,
    resources_dir,
)
from app.core.system.selftest import Outcome, Status, Step, StepResult, run_steps
from app.core.wording import plural
from app.render.html import TEMPLATES, document_html
from app.render.text import document_text

MAX_DETAILS = 25
WINDOW_PLUGINS = {"qxcb", "qwindows", "qcocoa"}  # the platform plugins the build ships for windows
log = logging.getLogger(__name__)
STYLES: tuple[Literal["text", "markdown"], ...] = ("text", "markdown")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("self-test", help="check that this installation works (headless)")
    parser.add_argument(
        "--report", type=Path, metavar="FILE.json", help="where to write the report (a .txt copy goes beside)"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--installed",
        action="store_true",
        help="also check every installed file against the manifest written when the app was built",
    )
    parser.set_defaults(run=run)


class _Context:
    """What later steps need from earlier ones."""

    def __init__(self, paths: AppPaths, extra: list[Path], work: Path, pdf: Path) -> None:
        self.paths = paths
        self.extra = extra
        self.work = work
        self.pdf = pdf
        self.config: Config | None = None
        self.packs: PackSet | None = None

    def loaded(self) -> PackSet:
        if self.packs is None or not self.packs.packs:
            raise RuntimeError("no pack was loaded, so there is nothing to test")
        return self.packs


def _limited(lines: list[str]) -> tuple[str, ...]:
    extra = len(lines) - MAX_DETAILS
    return tuple(lines[:MAX_DETAILS] + ([f"... and {extra} more"] if extra > 0 else []))


def _folders(ctx: _Context) -> Outcome:
    ctx.paths.ensure()
    for folder in (ctx.paths.data, ctx.paths.cache, ctx.paths.state, ctx.paths.config):
        probe = folder / f".{APP_ID}-write-test"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    mode = "portable" if ctx.paths.portable else "per-user"
    return Outcome(f"data, cache, state and config folders are writable ({mode})", (str(ctx.paths.data),))


def _configuration(ctx: _Context) -> Outcome:
    ctx.config = config = load_config(ctx.paths)
    found = config.site_file is not None and config.site_file.exists()
    where = f"site file {config.site_file} ({'found' if found else 'none'})"
    locked = sum(s.locked for s in config.settings.values())
    if config.issues:
        details = tuple(issue.format() for issue in config.issues)
        summary = f"{plural(len(config.issues), 'problem')} in the configuration; {where}"
        if config.site_closed:
            summary += "; the site file is broken, so the strictest settings apply"
        return Outcome(summary, details, Status.FAILED)
    return Outcome(f"{len(config.settings)} settings, {locked} locked by the site; {where}")


def _resources(ctx: _Context) -> Outcome:
    wanted = [
        bundled_content_dir(),
        TEMPLATES / "base.html.j2",
        resources_dir() / "schema" / "pack.schema.json",
        resources_dir() / "icons" / f"{APP_ID}.png",
    ]
    missing = [str(path) for path in wanted if not path.exists()]
    if missing:
        return Outcome(f"{plural(len(missing), 'bundled resource')} missing", tuple(missing), Status.FAILED)
    return Outcome("content, templates, schema and icons are in place", (str(bundled_content_dir()),))


def _packs(ctx: _Context) -> Outcome:
    packs = ctx.packs = load_configured_packs(ctx.extra, config=ctx.config, paths=ctx.paths)
    errors = [p.format() for p in packs.problems if p.severity is Level.ERROR]
    warnings = [p.format() for p in packs.problems if p.severity is Level.WARNING]
    documents = sum(len(p.documents) for p in packs.packs)
    summary = (
        f"{plural(len(packs.packs), 'pack')}, {plural(documents, 'document')}; {len(packs.failed)} skipped"
    )
    summary += f", {plural(len(errors), 'error')}, {plural(len(warnings), 'warning')}"
    failed = bool(errors) or not packs.packs
    return Outcome(summary, _limited(errors + warnings), Status.FAILED if failed else Status.PASSED)


def _search(ctx: _Context) -> Outcome:
    try:
        from app.core.search import SearchIndex
    except ImportError:
        return Outcome("search is not part of this build", (), Status.SKIPPED)
    packs = ctx.loaded()
    first_doc = next(packs.documents())[1]
    query = first_doc.title  # a title typed whole ranks its document first
    with SearchIndex.build(packs, ctx.work / "search-index.db") as index:
        results = index.search(query)
        count = index.document_count
    expected = sum(len(p.documents) for p in packs.packs)
    details = (f"query {query!r}: {plural(len(results.hits), 'hit')}",)
    if count != expected or first_doc.id not in results.documents or results.problem:
        problem = results.problem or f"indexed {count} of {expected} documents, or {first_doc.id} not found"
        return Outcome(problem, details, Status.FAILED)
    return Outcome(f"index of {plural(count, 'document')} built and searched", details)


def _render(ctx: _Context) -> Outcome:
    packs = ctx.loaded()
    placeholders = site_placeholders(ctx.config) if ctx.config else {}
    failures: list[str] = []
    count = 0
    for pack, document in packs.documents():
        try:
            outputs = [document_html(pack, document, placeholders=placeholders)]
            outputs += [document_text(pack, document, style, placeholders=placeholders) for style in STYLES]
        except Exception as error:  # every document is tried; one failure must not hide others
            failures.append(f"{pack.id}/{document.id}: {type(error).__name__}: {error}")
            continue
        if not all(output.strip() for output in outputs):
            failures.append(f"{pack.id}/{document.id}: rendered empty")
        count += 1
    if failures:
        return Outcome(
            f"{plural(len(failures), 'document')} failed to render", _limited(failures), Status.FAILED
        )
    return Outcome(f"{plural(count, 'document')} rendered to HTML, text and Markdown")


def _pdf(ctx: _Context) -> Outcome:
    _force_offscreen()
    from app.export.document import export_document_pdf
    from app.export.pdf import ensure_gui_application

    packs = ctx.loaded()
    pack, document = next(
        ((p, d) for p, d in packs.documents() if d.kind == "instructions"), next(packs.documents())
    )
    pages = export_document_pdf(pack, document, ctx.pdf)
    platform_name = ensure_gui_application().platformName()
    data = ctx.pdf.read_bytes()
    details = (f"{ctx.pdf} ({len(data) // 1024} KB)", f"Qt platform: {platform_name}")
    if not data.startswith(b"%PDF") or pages < 1:
        return Outcome("the PDF file is not valid", details, Status.FAILED)
    return Outcome(f"{document.id} exported: {plural(pages, 'page')}", details)


def installed_folder() -> Path | None:
    """The folder holding the executables of a built app; None when running from source."""
    return Path(sys.executable).resolve().parent if is_frozen() else None


def _installation(ctx: _Context) -> Outcome:
    root = installed_folder()
    if root is None:
        return Outcome("running from source: there is no built installation to check", (), Status.FAILED)
    bundle = install_root()
    try:
        check = verify_manifest(root, bundle / MANIFEST_NAME, watched=bundle)
    except ManifestError as error:
        return Outcome(str(error), (), Status.FAILED)
    details = [f"missing: {name}" for name in check.missing] + [
        f"modified: {name}" for name in check.modified
    ]
    details += [f"not from the build: {name}" for name in check.unexpected]
    if not check.ok:
        missing, modified = plural(len(check.missing), "file"), len(check.modified)
        summary = f"{missing} missing and {modified} modified, of {check.checked} checked"
        return Outcome(summary, _limited(details), Status.FAILED)
    summary = f"{plural(check.checked, 'file')} of version {check.version} present and unmodified in {root}"
    return Outcome(summary, _limited(details))


def _collation(ctx: _Context) -> Outcome:
    """Locale-aware sorting goes through Qt's ICU data (trimmed in the build): it must still be there."""
    from PySide6.QtCore import QCollator, QLocale

    words = ["beta", "Beta", "alpha", "Alpha"]
    sorted_words = {}
    for name in ("en_US", "de_DE"):  # English data is kept; other locales fall back to the root rules
        collator = QCollator(QLocale(name))
        sorted_words[name] = sorted(words, key=collator.sortKey)
    expected = ["alpha", "Alpha", "beta", "Beta"]
    details = tuple(f"{name}: {' '.join(found)}" for name, found in sorted_words.items())
    if any(found != expected for found in sorted_words.values()):
        return Outcome(
            "locale-aware sorting does not follow the Unicode collation rules", details, Status.FAILED
        )
    return Outcome("locale-aware sorting works (English and a fallback locale)", details)


def _load_plugins(kind: str, names: set[str] | None = None) -> tuple[Path, list[Path], list[str]]:
    """Load Qt's plugins of one kind (only `names`, if given): loading fails when a library is missing."""
    from PySide6.QtCore import QLibraryInfo, QPluginLoader

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / kind
    plugins = sorted(folder.glob("*")) if folder.is_dir() else []
    plugins = [p for p in plugins if names is None or p.name.split(".")[0].removeprefix("lib") in names]
    failures = []
    for plugin in plugins:
        loader = QPluginLoader(str(plugin))
        if not loader.load():
            failures.append(f"{plugin.name}: {loader.errorString()}")
    return folder, plugins, failures


def _display(ctx: _Context) -> Outcome:
    """The plugin that opens windows must load; on Linux (X11) it needs libxcb-cursor0 and others."""
    folder, plugins, failures = _load_plugins("platforms", WINDOW_PLUGINS)
    if not plugins:
        return Outcome(f"no window platform plugin in {folder}: no window can open", (), Status.FAILED)
    if failures:
        return Outcome(
            "the window platform plugin does not load: a system library is missing",
            tuple(failures),
            Status.FAILED,
        )
    return Outcome(f"window platform plugin loads: {', '.join(p.name for p in plugins)}", (str(folder),))


def _printing(ctx: _Context) -> Outcome:
    """Qt's print plugin must load: on Linux it needs the system's CUPS library (libcups2)."""
    folder, plugins, failures = _load_plugins("printsupport")
    if not plugins:
        return Outcome(f"no print plugin in {folder}: only PDF output is possible", (), Status.FAILED)
    if failures:
        hint = "printing needs the system's CUPS library (Debian: libcups2)"
        return Outcome(f"the print plugin does not load; {hint}", tuple(failures), Status.FAILED)
    return Outcome(f"print plugin loads: {', '.join(p.name for p in plugins)}", (str(folder),))


def _force_offscreen() -> None:
    """A self-test must run on a server or over SSH: no display is needed or used."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _steps(ctx: _Context, installed: bool) -> list[Step]:
    named: list[tuple[str, Callable[[_Context], Outcome]]] = (
        [("installation", _installation)] if installed else []
    )
    named += [
        ("folders", _folders),
        ("configuration", _configuration),
        ("resources", _resources),
        ("packs", _packs),
        ("search", _search),
        ("render", _render),
        ("pdf", _pdf),
        ("collation", _collation),
        ("display", _display),
        ("printing", _printing),
    ]
    return [(name, partial(step, ctx)) for name, step in named]


def _print_step(result: StepResult) -> None:
    print(f"[{result.status.value.upper():7}] {result.name}: {result.summary}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    paths = app_paths()
    report_file = args.report or paths.state / "self-test" / "self-test.json"
    with tempfile.TemporaryDirectory(prefix=f"{APP_ID}-self-test-") as work:
        ctx = _Context(paths, list(args.packs), Path(work), report_file.with_suffix(".pdf"))
        report = run_steps(_steps(ctx, args.installed), on_step=_print_step)
    log.log(logging.INFO if report.passed else logging.ERROR, "self-test:\n%s", report.to_text())
    try:
        json_file, text_file = report.write(report_file)
    except OSError as error:
        sys.stdout.write(report.to_text())
        print(f"error: cannot write the report to {report_file}: {error}", file=sys.stderr)
        return EXIT_PROBLEM
    if args.json:
        print_json(report.to_json())
    else:
        print(f"self-test {'PASSED' if report.passed else 'FAILED'}: report in {text_file} and {json_file}")
    return EXIT_OK if report.passed else EXIT_PROBLEM
