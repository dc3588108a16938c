"""The window's first sync (issue 19): the queue shows the open work as soon as it is committed,
the status bar says how much history has loaded, and the controller loads the rest by itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from desktop import session
from desktop.sync.status import sync_status
from server.db import make_engine
from server.migrate import upgrade_to_head
from server.seed import seed
from tests.gui.conftest import DeskFactory
from tests.helpers.live_server import LiveServer, fresh_database, live_server

TICKETS = 120


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[LiveServer]:
    with fresh_database("sqlite", tmp_path) as url:
        engine = make_engine(url)
        upgrade_to_head(engine)
        seed(engine, TICKETS, 5)
        engine.dispose()
        with live_server(url, directory=None, migrate=False) as srv:
            yield srv


def test_the_queue_shows_open_work_before_the_history_has_loaded(
    qtbot: QtBot, seeded: LiveServer, desks: DeskFactory
) -> None:
    store = desks.store("a")
    session.login(store, seeded.root_url, "admin", "demo-tanggap-2026")
    window = desks.window(store)
    seen: list[tuple[int, bool, str, bool]] = []

    def after_sync(_changes: object) -> None:
        model = window.queue_pane.model  # type: ignore[attr-defined]
        bar = window.sync_bar  # type: ignore[attr-defined]
        with store.read() as s:
            on_desk = s.execute(text("SELECT count(*) FROM tickets")).scalar()
        rows = [model.row_at(i) for i in range(model.rowCount())]
        rows_open = bool(rows) and all(r is not None and r.status.is_open for r in rows)
        seen.append((int(on_desk or 0), bar.history.isVisibleTo(bar), bar.history.text(), rows_open))

    window.sync.finished.connect(after_sync)  # type: ignore[attr-defined]
    window.controller.sync_now()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(seen) and sync_status(store).history is None)

    first, last = seen[0], seen[-1]
    closed = TICKETS - first[0]
    # First: the open work only, shown in the queue, with the history's progress in words.
    assert 0 < first[0] < TICKETS and first[3]
    assert first[1] and first[2] == f"riwayat: 0 dari {closed} tiket"
    # Then the controller went on by itself until every ticket was on the desk.
    assert len(seen) >= 2 and last[0] == TICKETS and not last[1]
