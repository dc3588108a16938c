"""GUI fixtures: an inline task manager, the real server, desks that log in.

Everything is real: the local store on disk, the sync engine over HTTP, the reference server
on loopback, and the OS keyring (tests/conftest.py: scripts/test.sh provides one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.settings import Settings
from desktop.store import LocalStore
from tests.helpers.live_server import PASSWORD, LiveServer, served
from ui.tasks import TaskManager


@pytest.fixture(autouse=True)
def delete_windows_on_the_gui_thread(qapp: QApplication) -> Iterator[None]:
    """Delete the windows a test made at its end, on the GUI thread, as the application's event loop would.

    pytest-qt closes the windows a test registered and calls ``deleteLater()``, but with no event
    loop running, Qt 6 keeps them until the next test runs one. Until then only Python holds them,
    and the garbage collector may free them first on whichever thread it runs (the live server's,
    a task thread); PySide then destroys a Python-subclassed widget on that thread (docs/ui.md,
    "GUI-suite segfault"). Windows a test did not register (one built by a language switch) are
    closed and deleted the same way. Widgets with a parent go with their window.
    """
    yield
    for widget in QApplication.topLevelWidgets():
        if shiboken6.createdByPython(widget) and shiboken6.ownedByPython(widget):
            widget.close()
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def tasks(qtbot: QtBot) -> Iterator[TaskManager]:
    manager = TaskManager(inline=True)
    yield manager
    if shiboken6.isValid(manager) and shiboken6.ownedByPython(manager):
        manager.deleteLater()  # with the windows, on the GUI thread (delete_windows_on_the_gui_thread)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    with served("sqlite", tmp_path) as srv:
        yield srv


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> Callable[[bool], None]:
    """Cut the desk's network (every request goes to a proxy that refuses) or restore it."""

    def set_offline(down: bool) -> None:
        for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"):
            if down:
                monkeypatch.setenv(name, "http://127.0.0.1:9")
            else:
                monkeypatch.delenv(name, raising=False)
        for name in ("NO_PROXY", "no_proxy"):
            monkeypatch.delenv(name, raising=False)

    return set_offline


class DeskFactory:
    """Desks (data folder + store + logged-in identity) and their main windows."""

    def __init__(self, tmp_path: Path, qtbot: QtBot, tasks: TaskManager) -> None:
        self.tmp_path = tmp_path
        self.qtbot = qtbot
        self.tasks = tasks
        self.stores: list[LocalStore] = []

    def store(self, name: str) -> LocalStore:
        store = LocalStore.open(self.tmp_path / f"desk-{name}")
        self.stores.append(store)
        return store

    def login(self, srv: LiveServer, name: str, username: str) -> LocalStore:
        from desktop import session
        from ui.sync_status import run_sync

        store = self.store(name)
        session.login(store, srv.root_url, username, PASSWORD)
        run_sync(store)
        return store

    def window(self, store: LocalStore, lang: str = "id") -> object:
        from ui.mainwindow import MainWindow

        settings = Settings()
        settings.language = lang
        window = MainWindow(store, settings, store.path.parent, tasks=TaskManager(inline=True))
        self.qtbot.addWidget(window)
        window.resize(1600, 900)
        window.show()
        return window

    def close(self) -> None:
        for store in self.stores:
            store.close()


@pytest.fixture
def desks(tmp_path: Path, qtbot: QtBot, tasks: TaskManager) -> Iterator[DeskFactory]:
    factory = DeskFactory(tmp_path, qtbot, tasks)
    yield factory
    factory.close()
