"""A reply that has not reached the citizen, at the desk: the view "Balasan belum sampai" with its
count, and the card's buttons by channel and state ("Salin balasan", "Buka unggahan asli",
"Sudah diposting...", "Cetak surat jawaban", "Sudah diserahkan", "Kirim ulang"), each reachable
with the keyboard; an act waits offline in the outbox and the ticket leaves the view at once."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from db import models
from desktop.queue import QueueView
from desktop.settings import Settings
from desktop.store import LocalStore
from tests.helpers import report_store as rs
from tests.helpers.store import ticket_row
from ui import message_card as card
from ui.mainwindow import MainWindow
from ui.tasks import TaskManager

NOW = datetime(2026, 3, 30, 9, 0, tzinfo=UTC)
SHOTS = os.environ.get("TANGGAP_SCREENSHOTS")  # a folder: save the screenshots there too
# The window's size in logical pixels: 1280x720 is 1920x1080 at 150 % (with QT_SCALE_FACTOR=1.5).
SIZE = tuple(int(v) for v in os.environ.get("TANGGAP_SCREENSHOT_SIZE", "1366x768").split("x"))
REPLY = "Terima kasih, petugas kami sudah memperbaiki lampu PJU di depan puskesmas pagi ini."


def _ticket(store: LocalStore, channel: str, state: str, detail: str, hours: int, **extra: object) -> str:
    received = NOW - timedelta(hours=hours)
    row = ticket_row(
        channel=channel,
        received_at=received,
        next_deadline=received + timedelta(days=3),
        status="ditindaklanjuti",
        **extra,
    )
    with store.write() as session:
        session.add(row)
        session.add(
            models.Message(
                id=str(uuid.uuid4()),
                ticket_id=row.id,
                kind="reply",
                author="budi.s",
                body=REPLY,
                created_at=received + timedelta(hours=1),
                delivery={
                    "state": state,
                    "channel": channel,
                    "detail": detail,
                    "updated_at": NOW.isoformat(),
                },
            )
        )
    return row.id


@pytest.fixture
def window(qtbot: QtBot, store: LocalStore, data_dir: Path) -> MainWindow:
    rs.add_directory(store)
    rs.log_in_as(store, "budi.s")
    _ticket(
        store,
        "twitter",
        "manual",
        "Posting balasan di X lalu tandai terkirim.",
        30,
        tracking_no="DINKES-BWI-2603-00101",
    )
    _ticket(store, "walk_in", "manual", "Cetak surat jawaban lalu tandai sudah diserahkan.", 20,
            external_ref="", tracking_no="DINKES-BWI-2603-K7Q-0007")  # fmt: skip
    _ticket(store, "email", "failed", "server surel menolak (550): 5.1.1 Mailbox does not exist", 10,
            external_ref="<a@example.com>", reporter_contact="siti@example.com",
            tracking_no="DINKES-BWI-2603-00103")  # fmt: skip
    _ticket(store, "email", "sent", "", 5, tracking_no="DINKES-BWI-2603-00104")  # reached: not listed
    if SHOTS:
        from ui.theme import apply_theme

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        apply_theme(app)
    w = MainWindow(store, Settings(), data_dir, tasks=TaskManager(inline=True), clock=lambda: NOW)
    qtbot.addWidget(w)
    w.resize(SIZE[0], SIZE[1])
    w.show()
    qtbot.waitExposed(w)
    w.go_to(QueueView.UNDELIVERED, "", None)
    qtbot.waitUntil(lambda: w.queue_model.rowCount() == 3)
    return w


def _show(qtbot: QtBot, w: MainWindow, tracking_no: str) -> card.MessageCard:
    rows = [w.queue_model.row_at(r) for r in range(w.queue_model.rowCount())]
    w.ticket_pane.show_ticket(next(r.id for r in rows if r is not None and r.tracking_no == tracking_no))
    qtbot.waitUntil(lambda: w.detail is not None and w.detail.ticket.tracking_no == tracking_no)
    w.ticket_view.tabs.setCurrentIndex(1)
    [shown] = [c for c in w.ticket_view.message_cards() if c.message.kind.value == "reply"]
    return shown


def _save(w: MainWindow, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        w.grab().save(str(Path(SHOTS) / name))


def test_the_view_lists_what_has_not_arrived_with_its_count(qtbot: QtBot, window: MainWindow) -> None:
    assert window.view_model.name(QueueView.UNDELIVERED) == "Balasan belum sampai"
    qtbot.waitUntil(lambda: window.view_model.count(QueueView.UNDELIVERED) == 3)
    # Most urgent first: the queue's own order (the nearest deadline).
    numbers = [r.tracking_no for r in map(window.queue_model.row_at, range(3)) if r is not None]
    assert numbers == ["DINKES-BWI-2603-00101", "DINKES-BWI-2603-K7Q-0007", "DINKES-BWI-2603-00103"]
    x = _show(qtbot, window, "DINKES-BWI-2603-00101")
    assert list(x.action_buttons) == [card.COPY, card.OPEN, card.POSTED]
    _save(window, "delivery-manual-x.png")


def test_each_channel_offers_its_own_way_and_every_button_takes_the_keyboard(
    qtbot: QtBot, window: MainWindow
) -> None:
    walk_in = _show(qtbot, window, "DINKES-BWI-2603-K7Q-0007")
    assert list(walk_in.action_buttons) == [card.LETTER, card.HANDED]
    failed = _show(qtbot, window, "DINKES-BWI-2603-00103")
    assert list(failed.action_buttons) == [card.RESEND, card.ELSEWHERE, card.COPY, card.PHONED]
    assert any("gagal: server surel menolak (550)" in label.text() for label in failed.findChildren(QLabel))
    _save(window, "delivery-failed.png")
    for button in failed.action_buttons.values():
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
        assert button.accessibleName()

    failed.action_buttons[card.COPY].setFocus()
    qtbot.keyClick(failed.action_buttons[card.COPY], Qt.Key.Key_Space)
    assert QGuiApplication.clipboard().text() == REPLY

    qtbot.keyClick(failed.action_buttons[card.RESEND], Qt.Key.Key_Space)
    # Offline: the resend waits in the outbox, the card says so, and the ticket leaves the view.
    qtbot.waitUntil(lambda: window.view_model.count(QueueView.UNDELIVERED) == 2)
    # The ticket stays on the right until another is chosen; its card now says the resend waits.
    qtbot.waitUntil(
        lambda: any(
            c.findChildren(QLabel) and not c.action_buttons for c in window.ticket_view.message_cards()
        )
    )
    assert window.detail is not None and window.detail.ticket.tracking_no == "DINKES-BWI-2603-00103"
    texts = [label.text() for c in window.ticket_view.message_cards() for label in c.findChildren(QLabel)]
    assert any("dikirim ulang, menunggu sinkronisasi" in t for t in texts)
    _save(window, "delivery-resend-waiting.png")
    with window.store.read() as s:
        [op] = s.query(models.OutboxOp).filter_by(type="resend").all()
        assert op.state == "pending"


def test_sudah_diposting_refuses_a_link_that_is_no_link_and_keeps_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    x = _show(qtbot, window, "DINKES-BWI-2603-00101")
    qtbot.keyClick(x.action_buttons[card.POSTED], Qt.Key.Key_Space)
    from ui.delivery_dialog import MarkDeliveredDialog

    dialog = window.controller.dialog
    assert isinstance(dialog, MarkDeliveredDialog)
    qtbot.keyClicks(dialog.field, "x.com/dinkes/status/1")
    dialog.accept()
    assert "alamat web" in dialog.error.text() and dialog.isVisible()
    if SHOTS:
        QApplication.processEvents()
        dialog.grab().save(str(Path(SHOTS) / "delivery-posted-dialog.png"))
    assert dialog.ref() == "x.com/dinkes/status/1"  # nothing lost
    dialog.field.clear()  # type: ignore[union-attr]
    qtbot.keyClicks(dialog.field, "https://x.com/dinkes/status/1")
    dialog.accept()
    qtbot.waitUntil(lambda: window.view_model.count(QueueView.UNDELIVERED) == 2)
    with window.store.read() as s:
        [op] = s.query(models.OutboxOp).filter_by(type="mark_delivered").all()
        assert op.payload["how"] == "posted" and op.payload["ref"] == "https://x.com/dinkes/status/1"


def test_the_reply_letter_opens_in_the_print_preview(qtbot: QtBot, window: MainWindow) -> None:
    walk_in = _show(qtbot, window, "DINKES-BWI-2603-K7Q-0007")
    qtbot.keyClick(walk_in.action_buttons[card.LETTER], Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.receipts.preview is not None)
    preview = window.receipts.preview
    assert preview is not None
    assert b"%PDF" in preview.pdf_bytes[:8]
    assert "DINKES-BWI-2603-K7Q-0007" in preview.windowTitle()
    preview.close()


def test_in_english_the_view_the_delivery_and_the_buttons_are_english(
    qtbot: QtBot, store: LocalStore, data_dir: Path
) -> None:
    from ui.application import install_translators

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    rs.add_directory(store)
    rs.log_in_as(store, "budi.s")
    _ticket(store, "twitter", "manual", "Posting balasan di X lalu tandai terkirim.", 30)
    install_translators(app, "en")
    try:
        settings = Settings()
        settings.language = "en"
        w = MainWindow(store, settings, data_dir, tasks=TaskManager(inline=True), clock=lambda: NOW)
        qtbot.addWidget(w)
        w.resize(1366, 768)
        w.show()
        w.go_to(QueueView.UNDELIVERED, "", None)
        qtbot.waitUntil(lambda: w.queue_model.rowCount() == 1)
        assert w.view_model.name(QueueView.UNDELIVERED) == "Replies not delivered"
        shown = _show(qtbot, w, w.queue_model.row_at(0).tracking_no)  # type: ignore[union-attr]
        texts = [label.text() for label in shown.findChildren(QLabel)]
        assert "\u26a0 to be posted by hand" in texts
        assert [b.text() for b in shown.action_buttons.values()] == [
            "Copy reply",
            "Open original post \u2197",
            "Posted\u2026",
        ]
    finally:
        install_translators(app, "id")
