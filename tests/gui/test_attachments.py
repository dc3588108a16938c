"""The "Lampiran" tab: files a sync cached open in the system viewer; the others say why not."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from db import models
from tests.gui.conftest import DeskFactory
from tests.helpers.live_server import LiveServer
from ui.attachment_list import format_file_size

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 6  # 1,544 bytes
PDF = b"%PDF-1.4\n" + b"0" * 2_400_000 + b"\n%%EOF\n"


def _file(name: str, mime: str, data: bytes) -> dict[str, str]:
    return {"filename": name, "mime": mime, "content_base64": base64.b64encode(data).decode()}


def test_sizes_read_the_indonesian_way() -> None:
    assert format_file_size(700) == "700 B"
    assert format_file_size(1544) == "1,5 KB"
    assert format_file_size(2_400_000) == "2,3 MB"
    assert format_file_size(2_400_000, "en") == "2.3 MB"
    assert format_file_size(40_000) == "39 KB"


def test_cached_attachments_open_in_the_system_viewer_and_save_as_a_copy(
    qtbot: QtBot, server: LiveServer, desks: DeskFactory, tmp_path: Path
) -> None:
    hostile = '<img src="http://evil.example/x.png">jalan.png'
    ticket = server.intake(
        attachments=[
            _file(hostile, "image/png", PNG),
            _file("surat.pdf", "application/pdf", PDF),
            _file("skrip.exe", "application/x-msdownload", b"MZ\x90\x00"),
        ]
    )
    store = desks.login(server, "a", "petugas.dinkes")  # a real sync: the files are cached now
    # One file the desk has not fetched yet (as after a sync over budget).
    with store.write() as session:
        session.execute(
            update(models.Attachment)
            .where(models.Attachment.filename == "surat.pdf")
            .values(cached_path=None)
        )
    window = desks.window(store)
    opened: list[Path] = []
    pane = window.ticket_view  # type: ignore[attr-defined]
    pane.attachments.open_file = opened.append
    window.load_detail(ticket["id"])  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(pane.attachments.rows) == 3)
    assert pane.tabs.tabText(2) == "Lampiran (3)"
    rows = {row.attachment.filename: row for row in pane.attachments.rows}

    photo = rows["x.png__jalan.png"]
    assert photo.name.text() == photo.attachment.filename  # plain text, never an image fetched
    assert photo.meta.text() == "1,5 KB \u00b7 image/png \u00b7 tersimpan untuk offline"
    assert all(label.textFormat().name == "PlainText" for label in pane.attachments.findChildren(QLabel))
    assert photo.open_button.isEnabled() and photo.save_button.isEnabled()

    letter = rows["surat.pdf"]
    assert letter.meta.text() == "2,3 MB \u00b7 application/pdf \u00b7 belum diunduh"
    assert not letter.open_button.isEnabled() and not letter.save_button.isEnabled()
    assert "sinkronisasi" in letter.open_button.toolTip()

    program = rows["skrip.exe"]
    assert not program.open_button.isEnabled()  # never handed to the system to run
    assert program.save_button.isEnabled()

    photo.open_button.click()
    (path,) = opened
    data_dir = store.path.parent
    sha = hashlib.sha256(PNG).hexdigest()
    assert path.read_bytes() == PNG
    assert path.suffix == ".png" and path.is_relative_to(data_dir / "attachments")
    assert "<" not in path.name and "/" not in path.name
    assert (data_dir / "attachments" / sha[:2] / sha).read_bytes() == PNG  # the cached blob stays

    target = tmp_path / "disimpan.png"
    pane.attachments.ask_save_path = lambda _name: target
    photo.save_button.click()
    assert target.read_bytes() == PNG
