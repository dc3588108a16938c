"""Signals emitted from Python must not drain ``True``'s reference count (PySide6 6.12.0 does).

On Python 3.11 a drained ``True`` aborts the process ("Fatal Python error: bool_dealloc"): the
workstation died after a few thousand background jobs, or at the latest when it closed.
"""

from __future__ import annotations

import gc
import re
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from pytestqt.qtbot import QtBot

from ui.signals import emit
from ui.tasks import TaskManager

ROOT = Path(__file__).resolve().parents[3]


class _Source(QObject):
    plain = Signal()
    carrying = Signal(object, str)


def test_emitting_thousands_of_times_leaves_true_alone(qtbot: QtBot) -> None:
    source = _Source()
    received: list[object] = []
    source.carrying.connect(lambda value, text: received.append(value))
    gc.collect()  # earlier tests' garbage holding True must not be freed inside the measurement
    before = sys.getrefcount(True)
    for n in range(5000):
        emit(source.plain)
        emit(source.carrying, n, "x")
    assert len(received) == 5000
    # A raw emit() takes one reference each: 10,000 here. Unrelated frees elsewhere in the process
    # (caches, earlier tests' objects) move the count by hundreds, never by thousands.
    assert sys.getrefcount(True) - before > -3000


def test_a_long_day_of_background_jobs_keeps_true_alive(qtbot: QtBot) -> None:
    tasks = TaskManager()
    loop = QEventLoop()
    done: list[int] = []

    def finished(value: int) -> None:
        done.append(value)
        if len(done) == 3000:
            loop.quit()

    gc.collect()
    before = sys.getrefcount(True)
    for n in range(3000):  # each delivers its result through two signals
        tasks.run_db(lambda n=n: n, finished)
    loop.exec()
    tasks.shutdown()
    gc.collect()
    assert sorted(done) == list(range(3000))
    assert sys.getrefcount(True) - before > -2000  # raw emits would have taken 6,000


def test_every_emit_in_the_ui_goes_through_the_helper() -> None:
    raw = [
        f"{path.name}:{number}"
        for path in (ROOT / "ui").glob("*.py")
        if path.name != "signals.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.emit\(", line)
    ]
    assert raw == []


def test_results_queued_when_the_window_closed_are_dropped(qtbot: QtBot) -> None:
    """A job that finished just before shutdown must not call back into widgets being torn down."""
    tasks = TaskManager()
    delivered: list[int] = []
    started = QEventLoop()
    tasks.run_db(lambda: 7, delivered.append)
    tasks.shutdown()  # waits for the job: its result is now queued, not yet delivered
    QTimer.singleShot(0, started.quit)
    started.exec()  # the queued result comes through the event loop here
    assert delivered == []
