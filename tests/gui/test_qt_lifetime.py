"""Qt objects die with their window, on the GUI thread; Python's garbage collector never deletes one.

The collector runs on whichever thread happens to allocate: a task thread, the live server's.
PySide 6.12 destroys a Python-subclassed widget right there, and defers plain Qt widgets to the
GUI thread, so a widget the collector frees off the GUI thread is deleted on the wrong thread and
some of its children twice (docs/ui.md, "GUI-suite segfault").
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from pytestqt.qtbot import QtBot

from desktop.settings import Settings
from desktop.store import LocalStore
from tests.helpers.store import ticket_row
from ui.mainwindow import MainWindow
from ui.tasks import TaskManager

ROOT = Path(__file__).resolve().parents[2]


def _qt_objects_held_by(window: MainWindow) -> list[QObject]:
    """Every Qt object the window (and the Qt objects it holds) keeps in a Python attribute."""
    found: dict[int, QObject] = {}
    pending: list[object] = [window]
    while pending:
        obj = pending.pop()
        for value in vars(obj).values():
            if isinstance(value, QObject) and id(value) not in found:
                found[id(value)] = value
                pending.append(value)
    return list(found.values())


def _delete_later_now(window: MainWindow) -> None:
    """What the event loop does with a closed window: deleteLater(), then the deferred deletion."""
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.parametrize("tickets", [False, True], ids=["empty-desk", "desk-with-tickets"])
def test_a_deleted_window_leaves_no_qt_object_for_the_garbage_collector(
    qtbot: QtBot, store: LocalStore, data_dir: Path, tickets: bool
) -> None:
    if tickets:
        with store.write() as session:
            session.add(ticket_row())
    window = MainWindow(store, Settings(), data_dir, tasks=TaskManager(inline=True))
    window.show()
    held = _qt_objects_held_by(window)
    # The page not shown (the empty state or the queue), the queue model and the task manager.
    assert {"EmptyState", "QSplitter", "TicketQueueModel", "TaskManager"} <= {type(o).__name__ for o in held}
    _delete_later_now(window)
    alive = sorted(type(o).__name__ for o in held if shiboken6.isValid(o))
    assert alive == [], f"left for the garbage collector to delete, on any thread: {alive}"


def test_after_a_language_switch_nothing_of_the_old_window_is_left_alive(
    qtbot: QtBot, store: LocalStore, data_dir: Path
) -> None:
    from ui.application import switch_language

    with store.write() as session:
        session.add(ticket_row())
    window = MainWindow(store, Settings(), data_dir, tasks=TaskManager(inline=True))
    window.show()
    held = _qt_objects_held_by(window)
    fresh = switch_language(window)
    qtbot.addWidget(fresh)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the event loop's next turn
    alive = sorted(type(o).__name__ for o in held if shiboken6.isValid(o))
    assert alive == [], f"left for the garbage collector to delete, on any thread: {alive}"


# The session-2 crash, made certain: a window the event loop has deleted (as after a language
# switch, or pytest-qt's teardown) is freed by a collection on another thread, then the GUI thread
# runs Python again (where PySide runs the deletions it deferred to it).
_FREE_ON_ANOTHER_THREAD = textwrap.dedent(
    """
    import gc, sys, threading
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication
    from desktop.settings import Settings
    from desktop.store import LocalStore
    from tests.helpers.store import ticket_row
    from ui.mainwindow import MainWindow
    from ui.tasks import TaskManager

    gc.disable()  # only the collection below, on another thread, frees the window
    app = QApplication([])
    data = Path(sys.argv[1])
    store = LocalStore.open(data)
    with store.write() as session:
        session.add(ticket_row())
    window = MainWindow(store, Settings(), data, tasks=TaskManager(inline=True))
    window.show()
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    del window
    collector = threading.Thread(target=gc.collect)
    collector.start()
    collector.join()
    for _ in range(1000):  # the GUI thread runs Python: PySide's deferred deletions run here
        sum(range(10))
    store.close()
    print("survived")
    """
)


def test_a_collection_on_another_thread_after_the_window_closed_does_not_crash(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", _FREE_ON_ANOTHER_THREAD, str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stderr[-3000:]}"
    assert "survived" in done.stdout
