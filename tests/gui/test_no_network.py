"""The whole flow runs with network access blocked: the app makes no connection."""

from __future__ import annotations

import socket

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import NetworkBlocked
from tests.gui.conftest import WindowFactory


def test_network_guard_is_active() -> None:
    """The guard really refuses connections (so the test below proves something)."""
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(NetworkBlocked), socket.socket() as raw:
        raw.connect(("127.0.0.1", 9))


def test_full_flow_without_network(qtbot: QtBot, make_window: WindowFactory, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Start, search, open, follow a link, bookmark and export a PDF with sockets refusing."""
    window = make_window()
    window.search.field.setText("esketamine monitoring")
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 0, timeout=10000)
    hit = window.search.model.hits[0]
    window.open_document(hit.doc_id, hit.section_id, "esketamine monitoring")
    window.document.browser.internal_link.emit("esketamine-trd", "dosing")
    window.actions_.bookmark.trigger()
    from app.export.document import export_document_pdf

    pack, document = window.reader.current
    assert export_document_pdf(pack, document, tmp_path / "out.pdf") >= 1
