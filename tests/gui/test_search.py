"""A search looks past the current view: a tracking number finds its ticket wherever it is, hits in
other views are offered, and the ticket pane empties when the search leaves its ticket out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from db import models
from desktop.queue import QueueView
from desktop.settings import Settings
from desktop.store import LocalStore
from tests.helpers.store import ticket_row
from ui.mainwindow import MainWindow
from ui.tasks import TaskManager

NOW = datetime(2026, 3, 30, 3, 0, tzinfo=UTC)


def _window(qtbot: QtBot, store: LocalStore, data_dir: Path) -> MainWindow:
    received = NOW - timedelta(days=2)
    done = {"status": "selesai", "is_open": False, "resolved_at": NOW, "received_at": received}
    with store.write() as session:
        session.add(models.Opd(code="DINKES-BWI", name="Dinas Kesehatan", tz="Asia/Jakarta"))
        session.add_all(
            [
                ticket_row(tracking_no="DINKES-BWI-2603-00001", title="Ambulans desa", received_at=received),
                ticket_row(
                    tracking_no="DINKES-BWI-2603-00005", title="Lampu jalan mati", received_at=received
                ),
                ticket_row(tracking_no="DINKES-BWI-2603-00002", title="Ambulans terlambat", **done),
                ticket_row(tracking_no="DINKES-BWI-2603-00003", title="Ambulans rusak", **done),
                ticket_row(
                    tracking_no="DINKES-BWI-2603-00004",
                    title="Iklan obat",
                    status="ditolak",
                    is_open=False,
                    received_at=received,
                ),
            ]
        )
    window = MainWindow(store, Settings(), data_dir, tasks=TaskManager(inline=True), clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    window.sidebar.select_view(QueueView.ALL)
    window.apply_filters()
    return window


def _search(window: MainWindow, text: str) -> None:
    window.queue_pane.search.setText(text)
    window.apply_filters()


def test_a_resolved_tickets_number_typed_in_the_open_queue_opens_it_in_selesai(
    qtbot: QtBot, store: LocalStore, data_dir: Path
) -> None:
    window = _window(qtbot, store, data_dir)
    _search(window, "ambulans")  # offers Selesai first: the number's message then stands alone
    _search(window, "dinkes-bwi-2603-00002")
    assert window.current_view is QueueView.DONE
    assert window.detail is not None and window.detail.ticket.tracking_no == "DINKES-BWI-2603-00002"
    bar = window.queue_pane.elsewhere
    assert bar.isVisible()
    assert bar.message.text() == "Tiket DINKES-BWI-2603-00002 ada di tampilan Selesai."
    assert [b.text() for b in bar.findChildren(QPushButton) if b.isVisible()] == []


def test_a_rejected_ticket_in_no_view_is_still_found(qtbot: QtBot, store: LocalStore, data_dir: Path) -> None:
    window = _window(qtbot, store, data_dir)
    _search(window, "DINKES-BWI-2603-00004")
    assert window.detail is not None and window.detail.ticket.tracking_no == "DINKES-BWI-2603-00004"
    assert "tidak ada di tampilan mana pun (Ditolak)" in window.queue_pane.elsewhere.message.text()


def test_hits_in_other_views_are_offered_and_one_click_shows_them(
    qtbot: QtBot, store: LocalStore, data_dir: Path
) -> None:
    window = _window(qtbot, store, data_dir)
    _search(window, "ambulans")
    assert window.queue_model.rowCount() == 1
    bar = window.queue_pane.elsewhere
    assert bar.isVisible()
    assert bar.message.text() == "Juga: 2 hasil di Selesai"
    assert [b.text() for b in bar.buttons] == ["Tampilkan Selesai"]
    qtbot.mouseClick(bar.buttons[0], Qt.MouseButton.LeftButton)
    assert window.current_view is QueueView.DONE
    assert sorted(r.title for r in window.queue_model.loaded_rows()) == [
        "Ambulans rusak",
        "Ambulans terlambat",
    ]
    assert window.queue_pane.search.text() == "ambulans"  # the search stays


def test_the_ticket_pane_empties_when_the_search_leaves_its_ticket_out(
    qtbot: QtBot, store: LocalStore, data_dir: Path
) -> None:
    window = _window(qtbot, store, data_dir)
    row = window.queue_model.row_of(
        next(r.id for r in window.queue_model.loaded_rows() if r.title == "Lampu jalan mati")
    )
    assert row is not None
    window.queue_pane.select_row(row)
    assert window.detail is not None and window.menus.act_receipt.isEnabled()
    _search(window, "ambulans")
    assert window.detail is None
    assert not window.ticket_view.content.isVisible()  # reply and print go with it
    assert not window.menus.act_receipt.isEnabled()
    # Choosing a hit shows it again.
    window.queue_pane.select_row(0)
    assert window.detail is not None and window.detail.ticket.title == "Ambulans desa"
