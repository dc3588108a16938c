from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.settings import Settings
from desktop.store import LocalStore
from tests.helpers.store import ticket_row
from ui.mainwindow import MainWindow
from ui.queue_pane import EmptyState


def test_empty_store_shows_a_friendly_indonesian_empty_state(
    qtbot: QtBot, store: LocalStore, data_dir: Path
) -> None:
    window = MainWindow(store, Settings(), data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.desk_known)  # read on the database thread, never on the UI thread
    assert isinstance(window.centralWidget(), EmptyState)
    texts = [label.text() for label in window.findChildren(QLabel)]
    assert "Belum ada pengaduan di perangkat ini" in texts


def test_store_with_tickets_shows_no_empty_state(qtbot: QtBot, store: LocalStore, data_dir: Path) -> None:
    with store.write() as session:
        session.add(ticket_row())
    window = MainWindow(store, Settings(), data_dir)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.desk_known)
    assert not isinstance(window.centralWidget(), EmptyState)
