"""Signals emitted from Python must not drain ``True``'s reference count (PySide6 6.12.0 does).

On Python 3.11 a drained ``True`` aborts the process ("Fatal Python error: bool_dealloc"): the
workstation died after a few thousand background jobs, or at the latest when it closed.
"""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from pytestqt.qtbot import QtBot

from tests.helpers.stress import size
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


LONG_DAY = """
import sys
from PySide6.QtCore import QCoreApplication, QEventLoop
from ui.tasks import TaskManager

app = QCoreApplication([])
tasks = TaskManager()
loop = QEventLoop()
done = []

def finished(value):
    done.append(value)
    if len(done) == JOBS:
        loop.quit()

before = sys.getrefcount(True)
for n in range(JOBS):  # each delivers its result through two signals
    tasks.run_db(lambda n=n: n, finished)
loop.exec()
tasks.shutdown()
print(len(done), sys.getrefcount(True) - before)
"""


def test_a_long_day_of_background_jobs_ends_with_a_clean_exit() -> None:
    """A fresh process (nothing else moving True's count) runs 5,000 jobs, then exits normally.

    Raw emits would take 10,000 references from True, which the assertion below sees whether or not
    the process crashed first; TANGGAP_STRESS=1 runs the original 20,000.
    """
    jobs = size(5_000, 20_000)
    run = subprocess.run(
        [sys.executable, "-c", LONG_DAY.replace("JOBS", str(jobs))],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    # Without ui.signals.emit: "Fatal Python error: bool_dealloc" and a SIGABRT long before the end.
    assert run.returncode == 0, run.stderr[-2000:]
    delivered, true_delta = map(int, run.stdout.split())
    assert delivered == jobs
    assert true_delta > -100  # raw emits would have taken two per job


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
