"""The "Lampiran" tab: files a sync cached open in the system viewer; the others say why not."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from db import models
from desktop import actions
from desktop.queue import QueueView
from tests.gui.conftest import DeskFactory
from tests.helpers.live_server import LiveServer
from ui.attachment_list import format_file_size
from ui.sync_status import run_sync
from ui.walk_in_dialog import WalkInDialog

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
    window.ticket_pane.show_ticket(ticket["id"])  # type: ignore[attr-defined]
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
    assert (data_dir / "attachments" / sha[:2] / sha).read_bytes() != PNG  # the cached blob stays, sealed
    assert path.stat().st_mode & 0o077 == 0  # the plain copy is the user's alone

    target = tmp_path / "disimpan.png"
    pane.attachments.ask_save_path = lambda _name: target
    photo.save_button.click()
    assert target.read_bytes() == PNG


def test_a_transferred_tickets_files_say_they_are_not_kept_on_this_desk(
    qtbot: QtBot, server: LiveServer, desks: DeskFactory
) -> None:
    ticket = server.intake(attachments=[_file("foto.png", "image/png", PNG)])
    officer = desks.window(desks.login(server, "a", "petugas.dinkes"))
    spv = desks.login(server, "b", "spv.dinkes")
    actions.transfer(spv, ticket["tracking_no"], "DISHUB-BWI", reason="urusan lalu lintas")
    run_sync(spv)
    officer.controller.sync_now()  # type: ignore[attr-defined]
    # The ticket left the desk's scope: it waits in "Konflik & ditolak" with its notice, read-only.
    views = officer.view_model  # type: ignore[attr-defined]
    officer.sidebar.view_list.setCurrentIndex(views.index(views.row_of(QueueView.CONFLICTS), 0))  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: officer.queue_model.rowCount() == 1)  # type: ignore[attr-defined]
    officer.queue_pane.select_row(0)  # type: ignore[attr-defined]
    pane = officer.ticket_view  # type: ignore[attr-defined]
    # The header says why, and no deadline of a ticket this desk no longer handles is "at risk".
    qtbot.waitUntil(lambda: pane.archive_badge.isVisibleTo(pane))
    assert not pane.risk.isVisibleTo(pane)
    # Its files, and their names (a photo of an identity card names a person), left with its
    # personal data (issue 16): nothing to list, nothing to open.
    assert pane.attachments.rows == []


def test_an_officer_attaches_a_letter_offline_and_it_is_sent_with_the_next_sync(
    qtbot: QtBot,
    server: LiveServer,
    desks: DeskFactory,
    tmp_path: Path,
    offline: Callable[[bool], None],
) -> None:
    ticket = server.intake(title="Obat kosong di Puskesmas")
    store = desks.login(server, "a", "petugas.dinkes")
    window = desks.window(store)
    window.queue_pane.select_row(0)  # type: ignore[attr-defined]
    pane = window.ticket_view  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: pane.attachments.add_button is not None)
    letter = tmp_path / "surat jawaban.pdf"
    letter.write_bytes(PDF)
    pane.attachments.ask_open_paths = lambda: [letter]
    offline(True)
    pane.attachments.add_button.click()
    qtbot.waitUntil(lambda: len(pane.attachments.rows) == 1)
    (row,) = pane.attachments.rows
    assert row.name.text() == "surat jawaban.pdf"
    assert row.meta.text() == "2,3 MB \u00b7 application/pdf \u00b7 menunggu sinkronisasi"
    assert row.open_button.isEnabled()  # the desk's own copy opens at once, offline
    assert pane.tabs.tabText(2) == "Lampiran (1)"

    offline(False)
    window.controller.sync_now()  # type: ignore[attr-defined]
    qtbot.waitUntil(
        lambda: pane.attachments.rows and pane.attachments.rows[0].meta.text().endswith("offline")
    )
    admin = server.login("admin", device_name="checker")
    (sent,) = admin.get(f"/tickets/{ticket['tracking_no']}").json()["attachments"]
    assert sent["filename"] == "surat jawaban.pdf" and sent["size"] == len(PDF)


def test_a_walk_in_takes_the_citizens_documents_and_refuses_a_file_too_large(
    qtbot: QtBot, server: LiveServer, desks: DeskFactory, tmp_path: Path
) -> None:
    store = desks.login(server, "w", "petugas.dinkes")
    window = desks.window(store)
    window.controller.open_walk_in()  # type: ignore[attr-defined]
    dialog = window.controller.walk_in_dialog  # type: ignore[attr-defined]
    assert isinstance(dialog, WalkInDialog)
    ktp = tmp_path / "ktp.png"
    ktp.write_bytes(PNG)
    video = tmp_path / "video.mp4"
    video.write_bytes(b"\0" * (5 * 1024 * 1024 + 1))
    dialog.ask_open_paths = lambda: [ktp, video]
    dialog.add_files_button.click()
    assert dialog.files == [ktp]
    assert dialog.files_label.text() == "ktp.png (1,5 KB)"
    assert dialog.error.isVisible() and "video.mp4" in dialog.error.text()
    dialog.name.setText("Bu Sulastri")
    dialog.title.setText("Bidan desa jarang hadir")
    dialog.body.setPlainText("Polindes di Desa Kemiren sering tutup pada jam layanan.")
    dialog.save_button.click()
    assert dialog.tracking_no is not None
    window.controller.sync_now()  # type: ignore[attr-defined]
    admin = server.login("admin", device_name="checker")
    (sent,) = admin.get(f"/tickets/{dialog.tracking_no}").json()["attachments"]
    assert sent["filename"] == "ktp.png"
