"""What the screens say and where: chips, view counts, events as sentences, the reply box, the status menu."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from db import models
from desktop.domain import MessageKind, Status
from desktop.queue import QueueView
from desktop.settings import Settings
from desktop.store import LocalStore
from tests.helpers.store import ticket_row
from ui.mainwindow import MainWindow
from ui.queue_model import short_remaining
from ui.reply_editor import ReplyEditor
from ui.tasks import TaskManager
from ui.views import ViewDelegate

NOW = datetime(2026, 3, 30, 3, 0, tzinfo=UTC)
DAY = timedelta(hours=8)  # a working day


def test_deadline_chips_are_short_and_say_days_or_hours() -> None:
    assert short_remaining(-10 * DAY - timedelta(hours=3), DAY, "id", breached=True) == "lewat 10 hk"
    assert short_remaining(timedelta(hours=3, minutes=20), DAY, "id") == "sisa 3 jam"
    assert short_remaining(timedelta(minutes=-40), DAY, "id", breached=True) == "lewat 40 mnt"
    assert short_remaining(2 * DAY, DAY, "id") == "sisa 2 hk"
    assert short_remaining(timedelta(0), DAY, "id", breached=True) == "lewat"
    assert short_remaining(timedelta(0), DAY, "id") == "jatuh tempo"
    assert short_remaining(-3 * DAY, DAY, "en", breached=True) == "3 wd late"
    assert short_remaining(timedelta(hours=5), DAY, "en") == "5 h left"


def _window(qtbot: QtBot, store: LocalStore, data_dir: Path) -> MainWindow:
    received = NOW - timedelta(days=1)
    with store.write() as session:
        session.add(models.Opd(code="DINKES-BWI", name="Dinas Kesehatan", tz="Asia/Jakarta"))
        session.add(
            models.Officer(username="gita.s", name="Gita Suryadi", opd_code="DINKES-BWI", role="supervisor")
        )
        session.add(
            models.Officer(username="vivi.s", name="Vivi Suryadi", opd_code="DINKES-BWI", role="officer")
        )
        ticket = ticket_row(tracking_no="DINKES-BWI-2603-00001", received_at=received)
        session.add(ticket)
        session.flush()
        session.add(
            models.Message(
                id="m1",
                ticket_id=ticket.id,
                kind="event",
                author="gita.s",
                body="Ditugaskan: - \u2192 vivi.s. Status: terverifikasi \u2192 didisposisi",
                created_at=NOW,
            )
        )
    window = MainWindow(store, Settings(), data_dir, tasks=TaskManager(inline=True), clock=lambda: NOW)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.sidebar.select_view(QueueView.ALL)
    window.apply_filters()
    window.queue_pane.select_row(0)
    return window


def test_view_counts_never_cover_the_views_names(qtbot: QtBot, store: LocalStore, data_dir: Path) -> None:
    window = _window(qtbot, store, data_dir)
    window.view_model.set_counts({view: 12345 for view in QueueView})
    listing = window.sidebar.view_list
    delegate = listing.itemDelegate()
    assert isinstance(delegate, ViewDelegate)
    for row in range(window.view_model.rowCount()):
        index = window.view_model.index(row, 0)
        option = QStyleOptionViewItem()
        option.initFrom(listing)
        option.rect = listing.visualRect(index)
        delegate.initStyleOption(option, index)
        text_rect, pill, shown = delegate.layout_of(option, index)
        assert not pill.isNull()
        assert text_rect.right() < pill.left()
        assert option.fontMetrics.horizontalAdvance(shown) <= text_rect.width()
        name = window.view_model.name(window.view_model.view_at(row))
        assert shown == name or shown.endswith("\u2026")
        assert window.view_model.data(index, 3) is not None  # the tooltip: the whole name and count


def test_events_in_the_thread_read_as_sentences(qtbot: QtBot, store: LocalStore, data_dir: Path) -> None:
    window = _window(qtbot, store, data_dir)
    cards = window.ticket_view.message_cards()
    texts = [label.text() for card in cards for label in card.findChildren(QLabel)]
    assert "Gita Suryadi mendisposisikan ke Vivi Suryadi. Status menjadi Didisposisi." in texts
    assert not any("\u2192" in t or "vivi.s" in t for t in texts)


def test_the_status_menu_reaches_every_status_button(
    qtbot: QtBot, store: LocalStore, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, store, data_dir)
    asked: list[Status] = []
    # The button's own path (the controller's change_status, reason dialog and all) is tested elsewhere.
    monkeypatch.setattr(window.controller, "change_status", asked.append)
    menu = window.menus.status_menu
    menu.aboutToShow.emit()
    names = [a.text() for a in menu.actions()]
    assert names == ["Terverifikasi", "Bukan wewenang", "Ditolak"]
    next(a for a in menu.actions() if a.text() == "Ditolak").trigger()
    assert asked == [Status.DITOLAK]
    # With no ticket shown the menu says so instead of offering buttons nobody can see.
    window.ticket_pane.clear()
    menu.aboutToShow.emit()
    assert [a.isEnabled() for a in menu.actions()] == [False]


def test_the_reply_box_grows_with_its_text(qtbot: QtBot) -> None:
    editor = ReplyEditor()
    qtbot.addWidget(editor)
    editor.resize(500, 400)
    editor.show()
    empty = editor.text.height()
    editor.start(MessageKind.REPLY)
    editor.text.setPlainText("\n".join(f"baris {i}" for i in range(5)))
    five = editor.text.height()
    editor.text.setPlainText("\n".join(f"baris {i}" for i in range(50)))
    many = editor.text.height()
    assert empty < five < many
    assert many < 12 * editor.text.fontMetrics().lineSpacing()  # then it scrolls
