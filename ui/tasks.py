"""Background work, Anki's way: one thread for the local database, a small pool for I/O.

Widgets never hold a session or an executor. They hand a plain function to ``run_db`` (reads
and writes of the local store, one writer) or ``run_io`` (HTTP, keyring, PDF), and get the
result back on the UI thread through a Qt signal. A mutation goes through ``mutate``: its
function returns a ``Changes`` value, which the manager broadcasts (``changed``) so each view
decides what to refresh. Work still running after ~500 ms is announced (``busy``) so the
window can show progress; quicker work never flickers a spinner.

``TaskManager(inline=True)`` runs every job at once on the calling thread, like Picard's fake
thread pool: tests see results deterministically without waiting on threads.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from desktop.changes import Changes
from ui.signals import emit

log = logging.getLogger(__name__)

T = TypeVar("T")
PROGRESS_DELAY_MS = 500


class TaskManager(QObject):
    # (callback, value): delivered on the UI thread by a queued connection.
    _finished = Signal(object, object)
    # What a mutation changed, and who asked (so the asker can skip its own refresh).
    changed = Signal(object, object)
    # Text of the longest-running visible job, or "" when nothing slow is running.
    busy = Signal(str)
    # A job failed: (what was being done, the exception). The window decides how to say it.
    failed = Signal(str, object)
    # A background job's callbacks have run and nothing else is running (what was asked has loaded).
    settled = Signal()

    def __init__(self, parent: QObject | None = None, *, inline: bool = False, io_workers: int = 3) -> None:
        super().__init__(parent)
        self.inline = inline
        self._db = None if inline else ThreadPoolExecutor(max_workers=1, thread_name_prefix="tanggap-db")
        self._io = (
            None if inline else ThreadPoolExecutor(max_workers=io_workers, thread_name_prefix="tanggap-io")
        )
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._running: dict[int, str] = {}
        self._next_id = 0
        self._closed = False

    # -- public -------------------------------------------------------------------------

    def run_db(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        *,
        label: str = "",
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``fn`` on the database thread; ``on_done(result)`` runs on the UI thread."""
        self._submit(self._db, fn, on_done, label, on_error)

    def run_io(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        *,
        label: str = "",
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``fn`` on the I/O pool (network, keyring, files); never touches the local store."""
        self._submit(self._io, fn, on_done, label, on_error)

    def mutate(
        self,
        fn: Callable[[], Changes],
        on_done: Callable[[Changes], None] | None = None,
        *,
        initiator: object = None,
        label: str = "",
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """A write to the local store; its ``Changes`` are broadcast before ``on_done`` runs."""

        def done(changes: Changes) -> None:
            self.announce(changes, initiator)
            if on_done is not None:
                on_done(changes)

        self._submit(self._db, fn, done, label, on_error)

    def announce(self, changes: Changes, initiator: object = None) -> None:
        if not changes.empty:
            emit(self.changed, changes, initiator)

    def shutdown(self) -> None:
        """Stop taking work; wait for the database job in flight so the store closes cleanly."""
        self._closed = True
        for pool in (self._io, self._db):
            if pool is not None:
                pool.shutdown(wait=pool is self._db, cancel_futures=True)

    @property
    def idle(self) -> bool:
        return not self._running

    # -- internals ------------------------------------------------------------------------

    def _submit(
        self,
        pool: ThreadPoolExecutor | None,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None,
        label: str,
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        if self._closed:
            return
        job_id = self._next_id
        self._next_id += 1

        def finish(outcome: tuple[bool, Any]) -> None:
            if self._running.pop(job_id, None) is not None:
                self._update_busy()
            ok, value = outcome
            if ok:
                if on_done is not None:
                    on_done(value)
                return
            if on_error is not None:
                on_error(value)
            else:
                log.error(
                    "background job %r failed:\n%s", label or fn, "".join(traceback.format_exception(value))
                )
                emit(self.failed, label, value)

        if pool is None:
            try:
                result: tuple[bool, Any] = (True, fn())
            except Exception as exc:
                result = (False, exc)
            finish(result)
            return

        self._running[job_id] = label
        if label:
            QTimer.singleShot(PROGRESS_DELAY_MS, self._update_busy)

        def work() -> tuple[bool, Any]:
            try:
                return True, fn()
            except Exception as exc:
                return False, exc

        future: Future[tuple[bool, Any]] = pool.submit(work)
        future.add_done_callback(lambda f: self._emit_done(finish, f))

    def _emit_done(
        self, finish: Callable[[tuple[bool, Any]], None], future: Future[tuple[bool, Any]]
    ) -> None:
        if future.cancelled():
            return
        try:
            emit(self._finished, finish, future.result())
        except RuntimeError:
            pass  # the manager was deleted while the job ran (window closed): nobody is listening

    def _deliver(self, finish: Callable[[tuple[bool, Any]], None], outcome: tuple[bool, Any]) -> None:
        if self._closed:
            return  # the window closed while this result was queued: its widgets are going away
        finish(outcome)
        if not self._running:
            emit(self.settled)

    def _update_busy(self) -> None:
        labels = [label for label in self._running.values() if label]
        emit(self.busy, labels[0] if labels else "")
