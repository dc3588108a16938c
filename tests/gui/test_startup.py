"""Opening the workstation: what the first screen waits for, and what it does not load."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop.queue import QueueView
from desktop.settings import Settings
from desktop.store import LocalStore
from tests.helpers.store import ticket_row
from ui import queue_model
from ui.application import screenshot_when_loaded
from ui.mainwindow import MainWindow
from ui.tasks import TaskManager

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 3, 30, 3, 0, tzinfo=UTC)


def _fill(store: LocalStore) -> str:
    """Twelve open tickets and two done ones; the tracking number of the most urgent."""
    with store.write() as session:
        for i in range(12):
            session.add(
                ticket_row(tracking_no=f"DINKES-BWI-2603-{i:05d}", next_deadline=NOW + timedelta(hours=i - 3))
            )
        for i in range(2):
            session.add(
                ticket_row(
                    tracking_no=f"DINKES-BWI-2603-D{i:04d}",
                    status="selesai",
                    is_open=False,
                    resolved_at=NOW,
                    next_deadline=NOW + timedelta(days=30),
                )
            )
    return "DINKES-BWI-2603-00000"


def test_screenshot_is_taken_once_the_first_screen_has_loaded(
    qtbot: QtBot, store: LocalStore, data_dir: Path, tmp_path: Path
) -> None:
    most_urgent = _fill(store)
    # Threaded, as in the product: the page, the counts and the ticket arrive in their own time.
    window = MainWindow(store, Settings(), data_dir, tasks=TaskManager(), clock=lambda: NOW)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    shot = tmp_path / "start.png"
    seen: dict[str, object] = {}

    def saved() -> None:
        seen["rows"] = window.queue_model.rowCount()
        seen["ticket"] = window.detail.ticket.tracking_no if window.detail else None
        seen["all"] = window.view_model.count(QueueView.ALL)
        seen["done"] = window.view_model.count(QueueView.DONE)
        seen["title"] = window.queue_pane.pane_count.text()

    try:
        screenshot_when_loaded(window, str(shot), on_saved=saved)
        qtbot.waitUntil(lambda: "rows" in seen, timeout=30_000)
    finally:
        window.tasks.shutdown()
    # What is on the picture: the queue, the counts beside the views, the most urgent ticket open.
    assert seen == {"rows": 12, "ticket": most_urgent, "all": 12, "done": 2, "title": "12 tiket"}
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)


def test_the_first_page_is_read_once_at_start(
    qtbot: QtBot, store: LocalStore, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(store)
    reads: list[QueueView] = []
    real_fetch_page = queue_model.queue.fetch_page

    def counting_fetch_page(*args: object, **kwargs: object) -> object:
        reads.append(args[1].view)  # type: ignore[attr-defined]
        return real_fetch_page(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(queue_model.queue, "fetch_page", counting_fetch_page)
    window = MainWindow(store, Settings(), data_dir, tasks=TaskManager(inline=True), clock=lambda: NOW)
    qtbot.addWidget(window)
    assert reads == [QueueView.ALL]
    assert window.queue_model.rowCount() == 12


def test_the_window_never_reads_the_store_on_the_ui_thread(
    qtbot: QtBot, store: LocalStore, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start, the first ticket, another ticket, a search: every read on the database thread."""
    _fill(store)
    on_ui_thread: list[bool] = []
    real_read = LocalStore.read

    def watched_read(self: LocalStore) -> object:
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return real_read(self)

    monkeypatch.setattr(LocalStore, "read", watched_read)
    window = MainWindow(store, Settings(), data_dir, tasks=TaskManager(), clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.detail is not None and window.view_model.count(QueueView.ALL) == 12)
        window.queue_pane.select_row(3)
        qtbot.waitUntil(
            lambda: window.detail is not None and window.detail.ticket.tracking_no.endswith("00003")
        )
        window.queue_pane.search.setText("00007")
        qtbot.waitUntil(lambda: window.queue_model.rowCount() == 1)
    finally:
        window.tasks.shutdown()
    assert on_ui_thread and not any(on_ui_thread)


def test_opening_the_window_loads_no_network_pdf_or_migration_code(data_dir: Path, tmp_path: Path) -> None:
    """requests, reportlab, QtPdf and Alembic cost a second of start-up; the first screen needs none."""
    store = LocalStore.open(data_dir)
    try:
        _fill(store)
    finally:
        store.close()
    shot = tmp_path / "start.png"
    script = (
        "import sys\n"
        "from tanggap.app import main\n"
        f"code = main(['--data-dir', {str(data_dir)!r}, '--screenshot', {str(shot)!r}])\n"
        "heavy = ('requests', 'reportlab', 'PySide6.QtPdf', 'alembic', 'desktop.documents')\n"
        "print(code, *[m for m in heavy if m in sys.modules])\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["0"]
    assert shot.stat().st_size > 10_000


def test_a_later_start_takes_the_holidays_from_its_cache_without_importing_the_package(
    data_dir: Path, tmp_path: Path
) -> None:
    """Importing the holidays package costs 0.1-0.3 s; the first page's deadlines need only a few years."""
    store = LocalStore.open(data_dir)
    try:
        _fill(store)
    finally:
        store.close()
    script = (
        "import sys\n"
        "from tanggap.app import main\n"
        f"code = main(['--data-dir', {str(data_dir)!r}, '--screenshot', sys.argv[1]])\n"
        "print(code, 'holidays' in sys.modules)\n"
    )

    def start(shot: Path) -> list[str]:
        run = subprocess.run(
            [sys.executable, "-c", script, str(shot)],
            capture_output=True,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            cwd=ROOT,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr
        assert shot.stat().st_size > 10_000
        return run.stdout.split()

    assert start(tmp_path / "first.png") == ["0", "True"]  # nothing cached yet: computed, then kept
    assert list((data_dir / "cache").glob("holidays-*.json"))
    assert start(tmp_path / "second.png") == ["0", "False"]
