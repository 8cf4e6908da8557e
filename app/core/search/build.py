"""Build the index database from loaded packs, into a temporary file that replaces the old one whole.

Writing elsewhere and renaming means a reader never sees a half-built index and a crash mid-build
leaves the previous file (or nothing) in place, never a damaged one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from app.core import model
from app.core.packs.loaded import Pack, PackSet
from app.core.packs.outline import outline
from app.core.search import fuzzy, schema
from app.core.search.kinds import Compounds, section_kinds
from app.core.search.query import content_words, title_names
from app.core.search.synonyms import synonym_groups
from app.core.search.text import clean_content, fill_placeholders, plain_markdown, stem

Progress = Callable[[int, int, str], None]
"""progress(done, total, label): a plain callback, so that a window can show it without core knowing Qt."""

BATCH = 200
STALE_TEMP_SECONDS = 24 * 3600


@dataclass(frozen=True)
class _Rows:
    doc: tuple[object, ...]
    doc_text: tuple[str, ...]
    tags: list[str]
    sections: list[tuple[int, int, str, str, str, str]]


def _tags(doc: model.Document) -> list[str]:
    tags = doc.tags
    return list(dict.fromkeys([*tags.conditions, *tags.routes, *tags.settings, *tags.topics]))


def names(doc: model.Document) -> str:
    """The document's names, one a line, for recognising a title typed whole: the title, its aliases
    and id, and each part of a long title that has two words or more (folded, without stop words)."""
    found = {" ".join(content_words(text)) for text in [*doc.aliases, doc.id.replace("-", " ")]}
    found |= title_names(doc.title)
    return "\n".join(sorted(name for name in found if name))


def _judged(doc: model.Document) -> set[str]:
    """Ids of a checklist's timepoints that judge readings: a measured or scored item there has
    alert rules."""
    if not isinstance(doc, model.Checklist):
        return set()
    return {
        point.id
        for point in doc.timepoints
        if any(isinstance(item, model.NumberItem | model.ScaleItem) and item.alerts for item in point.items)
    }


def _rows(rowid: int, first_section: int, pack: Pack, doc: model.Document, compounds: Compounds) -> _Rows:
    def clean(text: str) -> str:
        return fill_placeholders(clean_content(text))

    summary = clean(doc.summary)
    sections = [(first_section, rowid, "", "", section_kinds("", "", doc.kind), summary)]
    judged = _judged(doc)
    for number, section in enumerate(outline(doc), start=first_section + 1):
        body = plain_markdown(clean(section.text))
        heading = clean(section.title)
        kinds = section_kinds(
            section.id, heading, doc.kind, compounds, judged=section.id in judged, title=doc.title
        )
        sections.append((number, rowid, section.id, heading, kinds, body))
    tags = _tags(doc)
    doc_row = (rowid, doc.id, pack.id, doc.kind, clean(doc.title), summary, first_section)
    doc_text = (
        doc_row[4],
        clean(" ".join([*doc.aliases, doc.id])),
        " ".join([*tags, doc.kind, doc.regulatory_status.value]),
        "\n".join(s[3] for s in sections[1:]),
        "\n".join(s[5] for s in sections),
    )
    return _Rows((*doc_row, sections[-1][0], names(doc)), doc_text, tags, sections)


def _insert(connection: sqlite3.Connection, batch: list[_Rows]) -> None:
    connection.executemany("INSERT INTO docs VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)", [r.doc for r in batch])
    connection.executemany(
        f"INSERT INTO doc_fts(rowid, {', '.join(schema.DOC_COLUMNS)}) VALUES(?, ?, ?, ?, ?, ?)",
        [(r.doc[0], *r.doc_text) for r in batch],
    )
    connection.executemany(
        f"INSERT INTO head_fts(rowid, {', '.join(schema.HEAD_COLUMNS)}) VALUES(?, ?, ?, ?, ?)",
        [(r.doc[0], *r.doc_text[:4]) for r in batch],
    )
    connection.executemany(
        "INSERT OR IGNORE INTO doc_tags(tag, doc) VALUES(?, ?)",
        [(t, r.doc[0]) for r in batch for t in r.tags],
    )
    sections = [s for r in batch for s in r.sections]
    connection.executemany("INSERT INTO sections VALUES(?, ?, ?, ?, ?, ?)", sections)
    connection.executemany(
        "INSERT INTO section_fts(rowid, heading, body) VALUES(?, ?, ?)",
        [(s[0], s[3], s[5]) for s in sections],
    )


def _documents(packs: PackSet) -> Iterator[_Rows]:
    next_section = 1
    compounds = frozenset(
        tuple(term.split())
        for group in synonym_groups(_synonym_sources(packs))
        for term in group
        if " " in term
    )
    for rowid, (pack, doc) in enumerate(packs.documents(), start=1):
        rows = _rows(rowid, next_section, pack, doc, compounds)
        next_section += len(rows.sections)
        yield rows


def _fill(connection: sqlite3.Connection, packs: PackSet, progress: Progress | None) -> int:
    total = sum(len(p.documents) for p in packs.packs)
    step = max(1, total // 100)
    batch: list[_Rows] = []
    for done, rows in enumerate(_documents(packs), start=1):
        batch.append(rows)
        if len(batch) >= BATCH:
            _insert(connection, batch)
            batch.clear()
        if progress is not None and (done % step == 0 or done == total):
            progress(done, total + 1, str(rows.doc[1]))
    _insert(connection, batch)
    return total


def _vocabulary(connection: sqlite3.Connection) -> None:
    """Document and section counts of every word, from the fts5vocab views of the two indexes."""
    connection.execute(
        "CREATE TEMP TABLE section_counts(term TEXT PRIMARY KEY, sections INTEGER) WITHOUT ROWID"
    )
    connection.execute("INSERT INTO section_counts SELECT term, doc FROM section_vocab")
    rows = connection.execute(
        "SELECT d.term, d.doc, coalesce(s.sections, 0) FROM doc_vocab d "
        "LEFT JOIN section_counts s ON s.term = d.term"
    ).fetchall()
    # Stemmed here, once per distinct word, with the stemmer queries use: forms of a word share a stem.
    connection.executemany(
        "INSERT INTO vocab(term, stem, docs, sections) VALUES(?, ?, ?, ?)",
        [(term, stem(term), docs, sections) for term, docs, sections in rows],
    )
    connection.execute("DROP TABLE section_counts")
    terms = [row[0] for row in rows]
    connection.executemany("INSERT OR IGNORE INTO vocab_keys(key, term) VALUES(?, ?)", fuzzy.key_rows(terms))


def _synonyms(connection: sqlite3.Connection, packs: PackSet) -> None:
    rows = (
        (term, number)
        for number, group in enumerate(synonym_groups(_synonym_sources(packs)))
        for term in group
    )
    connection.executemany("INSERT OR IGNORE INTO synonyms(term, grp) VALUES(?, ?)", rows)


def _synonym_sources(packs: PackSet) -> Iterable[list[str]]:
    for pack in packs.packs:
        yield from ([*group.terms] for group in pack.manifest.synonyms)
        yield from ([a.short, a.long] for a in pack.manifest.abbreviations)


def _placeholder_defaults(connection: sqlite3.Connection, packs: PackSet) -> None:
    """Each pack's default placeholder values: a snippet shows what the handout prints until the
    site sets its own (the text keeps the markers; see hits.py)."""
    rows = (
        (pack.id, placeholder.name, placeholder.default)
        for pack in packs.packs
        for placeholder in pack.manifest.placeholders
        if placeholder.default and placeholder.default.strip()
    )
    connection.executemany("INSERT OR IGNORE INTO placeholder_defaults VALUES(?, ?, ?)", rows)


def _finish(connection: sqlite3.Connection, packs: PackSet, key: str, documents: int) -> None:
    sections = connection.execute("SELECT count(*) FROM sections").fetchone()[0]
    _vocabulary(connection)
    _synonyms(connection, packs)
    _placeholder_defaults(connection, packs)
    for table in ("doc_fts", "head_fts", "section_fts"):
        connection.execute(f"INSERT INTO {table}({table}) VALUES('optimize')")
    schema.write_meta(
        connection,
        {
            "key": key,
            "packs": packs.content_hash,  # id:hash of every pack it was built from (also in `key`)
            "documents": str(documents),
            "sections": str(sections),
            "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "complete": "1",
        },
    )


def _temporary_path(path: Path) -> Path:
    return path.with_name(f"{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")


def _remove_stale_temporaries(path: Path) -> None:
    """Leftovers of builds that crashed: older than a day and, where that can be asked, made by a
    process that no longer runs (a clock set forward makes a live build look a day old)."""
    with contextlib.suppress(OSError):
        for stale in path.parent.glob(f"{path.name}.*.tmp"):
            old = time.time() - stale.stat().st_mtime > STALE_TEMP_SECONDS
            if old and not _builder_alive(stale.name[len(path.name) + 1 :]):
                stale.unlink(missing_ok=True)


def _builder_alive(suffix: str) -> bool:
    """Whether the process named in a temporary's `<pid>-<hex>.tmp` suffix still runs (POSIX only:
    on Windows a signal 0 would end the process, so there the age alone decides)."""
    pid_text = suffix.split("-", 1)[0]
    if os.name != "posix" or not pid_text.isdigit() or int(pid_text) <= 0:
        return False
    try:
        os.kill(int(pid_text), 0)
    except PermissionError:  # it runs, as another user
        return True
    except (OSError, OverflowError):  # no such process, or no such number
        return False
    return True


def write_index(packs: PackSet, path: Path, key: str, progress: Progress | None = None) -> None:
    """Build the index for `packs` and move it to `path` (raises OSError/sqlite3.Error on failure)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(path)
    temporary = _temporary_path(path)
    try:
        _write(packs, temporary, key, progress)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _write(packs: PackSet, temporary: Path, key: str, progress: Progress | None) -> None:
    documents = _build(packs, temporary, key, progress)
    if progress is not None:
        progress(documents + 1, documents + 1, "search index ready")


def _build(packs: PackSet, temporary: Path, key: str, progress: Progress | None) -> int:
    connection = sqlite3.connect(temporary, isolation_level=None)
    try:
        # The file is private until renamed, so durability during the build buys nothing.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA cache_size = -65536")
        schema.create(connection)  # executescript() commits, so this comes before BEGIN
        connection.execute("BEGIN")
        documents = _fill(connection, packs, progress)
        _finish(connection, packs, key, documents)
        connection.execute("COMMIT")
        return documents
    finally:
        connection.close()
