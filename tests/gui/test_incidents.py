"""Incidents at the workstation (issue 18): the ticket pane lists similar complaints with "Tautkan",
says "Bagian dari masalah: <title> (n pengaduan)", answers all of them once, and lets one go."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.domain import MessageKind
from desktop.similar import INDEX_STEP
from desktop.store import LocalStore
from desktop.sync.status import sync_status
from tests.gui.conftest import DeskFactory
from tests.gui.test_workstation_flows import _select
from tests.helpers.live_server import LiveServer
from ui import sync_status as sync_status_module
from ui.mainwindow import MainWindow
from ui.tasks import TaskManager
from ui.theme import apply_theme

FLOODED = (
    "Banjir di Jl. Kedung Cowek Gg. 3, selokan mampet",
    "jln kedung cowek gang III kebanjiran trs, got buntu",
    "Genangan air di Jalan Kedung Cowek Gang 3 belum surut",
)
ANSWER = "Saluran di Jl. Kedung Cowek Gg. 3 sudah dikuras hari ini."


def _shoot(window: MainWindow, name: str) -> None:
    """With TANGGAP_SHOTS set: the window at 1366x768, for a person to look at."""
    folder = os.environ.get("TANGGAP_SHOTS")
    if folder:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        font, palette, sheet = app.font(), app.palette(), app.styleSheet()
        apply_theme(app)  # as the workstation looks; the other tests run unthemed
        window.resize(1366, 768)
        QApplication.processEvents()  # the new size laid out before the grab
        Path(folder).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(folder) / name))
        app.setStyleSheet(sheet)
        app.setPalette(palette)
        app.setFont(font)


def test_link_from_the_similar_list_answer_once_and_unlink(
    qtbot: QtBot, server: LiveServer, desks: DeskFactory
) -> None:
    numbers = [server.intake(title=text[:38], body=text)["tracking_no"] for text in FLOODED]
    server.intake(title="Antrean puskesmas", body="Antrean di puskesmas Genteng panjang sekali")
    store = desks.login(server, "spv", "spv.dinkes")
    window = desks.window(store)
    assert isinstance(window, MainWindow)
    view = window.ticket_view
    _select(window, numbers[0])  # (it may be the row the window opened on: then already loaded)
    qtbot.waitUntil(lambda: view.similar_count == 2)
    qtbot.mouseClick(view.similar_toggle, Qt.MouseButton.LeftButton)
    assert view.similar_area.isVisible() and view.similar_toggle.text() == "Mirip (2) \u25b4"
    assert set(view.link_buttons) == {numbers[1], numbers[2]}
    assert not view.incident_box.isVisible() and not view.reply_all.isVisible()

    qtbot.mouseClick(view.link_buttons[numbers[1]], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.incident_box.isVisible() and numbers[2] in view.link_buttons)
    assert view.incident_label.text() == f"Bagian dari masalah: {FLOODED[0][:38]} (2 pengaduan)"
    qtbot.mouseClick(view.link_buttons[numbers[2]], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "(3 pengaduan)" in view.incident_label.text())
    qtbot.waitUntil(lambda: view.link_buttons == {})  # both candidates now say "Sudah tertaut"
    assert view.reply_all.isVisible()
    _shoot(window, "incident-pane.png")

    # The queue by incident: the three complaints as one row with their count, the fourth alone.
    window.queue_pane.by_incident.setChecked(True)
    qtbot.waitUntil(lambda: len(window.queue_model.loaded_rows()) == 2)
    titles = [window.queue_model.data(window.queue_model.index(r, 2)) for r in range(2)]
    assert sum(t.startswith("3 pengaduan \u00b7 ") for t in titles) == 1, titles
    _shoot(window, "incident-queue.png")
    window.queue_pane.by_incident.setChecked(False)
    qtbot.waitUntil(lambda: len(window.queue_model.loaded_rows()) == 4)
    _select(window, numbers[0])

    view.reply_all.setChecked(True)
    window.controller.start_message(MessageKind.REPLY)
    view.editor.text.setPlainText(ANSWER)
    qtbot.mouseClick(view.editor.send, Qt.MouseButton.LeftButton)
    window.controller.sync_now()
    qtbot.waitUntil(lambda: sync_status(store).ops_waiting == 0)
    admin = server.login("admin", device_name="checker")
    for no in numbers:
        ticket = admin.get(f"/tickets/{no}").json()
        assert [m["body"] for m in ticket["messages"] if m["kind"] == "reply"] == [ANSWER], no
        assert ticket["incident"]["title"] == FLOODED[0][:38]

    _select(window, numbers[2])
    qtbot.waitUntil(lambda: view.incident_box.isVisible())
    qtbot.mouseClick(view.unlink_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.incident_box.isVisible())
    window.controller.sync_now()
    qtbot.waitUntil(lambda: sync_status(store).ops_waiting == 0)
    assert admin.get(f"/tickets/{numbers[2]}").json()["incident"] is None
    view.tabs.setCurrentWidget(view.thread_area)
    _shoot(window, "incident-unlinked-thread.png")


def test_after_a_sync_the_similar_index_is_filled_in_steps(
    qtbot: QtBot, store: LocalStore, tasks: TaskManager
) -> None:
    """Phase A filled the index on the first search (31-37 s after a 100,000-ticket initial sync);
    the workstation now fills it after each sync, a step at a time, so the search finds it done."""
    from sqlalchemy import text

    from desktop.changes import Changes
    from tests.helpers.store import ticket_row
    from ui.sync_status import SyncController

    n = INDEX_STEP + 300  # more than one step
    with store.write() as session:
        for i in range(n):
            session.add(ticket_row(tracking_no=f"T-{i}", body=f"banjir di gang {i}"))
    controller = SyncController(tasks, store, 60, runner=lambda _store: Changes(queue=True))
    steps: list[int] = []
    real_step = sync_status_module.index_some
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sync_status_module, "index_some", lambda s: steps.append(real_step(s)) or steps[-1])
        with qtbot.waitSignal(controller.indexed, timeout=60_000):
            controller.sync_now()
    assert steps == [INDEX_STEP, 300, 0]
    with store.read() as session:
        assert session.execute(text("SELECT count(*) FROM ticket_similar")).scalar_one() == n
