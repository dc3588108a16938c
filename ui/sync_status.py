"""Sync in the background and what the status bar says about it.

``SyncController`` runs the core's sync engine on the I/O pool (it waits on the network, so
never on the database thread and never on the UI thread), every ``sync_interval_seconds`` and
on "Sinkronkan sekarang". The status bar shows online/offline, ops waiting, the last success
and the last error in plain words.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from desktop import wording
from desktop.changes import Changes
from desktop.incident_view import index_some
from desktop.store import LocalStore
from desktop.sync.status import SyncStatus, sync_status
from ui.signals import emit
from ui.tasks import TaskManager

log = logging.getLogger(__name__)


# Seconds of closed-ticket history per background sync: the officer's pushes and the other desks'
# changes go on between two slices while a first sync's history loads (docs/sync.md, "Open work first").
HISTORY_SLICE_SECONDS = 3.0


def run_sync(store: LocalStore) -> Changes:
    """The core's sync use case (``desktop.sync.run.sync_desk``); the window only shows what changed."""
    from desktop.sync.run import sync_desk

    return sync_desk(store, history_budget=HISTORY_SLICE_SECONDS).changes


class SyncController(QObject):
    """Runs the core's sync off the UI thread: on a timer, on request, and when the core asks.

    A local write that queued ops says so in its ``Changes`` (``sync_wanted``, the core's rule);
    this controller obeys, so no window or dialog has to remember to start a sync.
    """

    started = Signal()
    finished = Signal(object)  # Changes
    indexed = Signal()  # the similar-complaints index holds every ticket after a sync

    def __init__(
        self,
        tasks: TaskManager,
        store: LocalStore,
        interval_seconds: int,
        parent: QObject | None = None,
        runner: Callable[[LocalStore], Changes] = run_sync,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.store = store
        self.runner = runner
        self.running = False
        self.indexing = False
        self._again = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_now)
        tasks.changed.connect(self._on_changes)
        self.set_interval(interval_seconds)

    def set_interval(self, seconds: int) -> None:
        self.timer.setInterval(max(15, seconds) * 1000)

    def start_periodic(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _on_changes(self, changes: Changes, _initiator: object = None) -> None:
        if changes.sync_wanted:
            self.sync_now()

    def sync_now(self) -> None:
        if self.running:
            self._again = True  # an action during a sync: go once more when this one ends
            return
        self.running = True
        emit(self.started)
        self.tasks.run_io(
            lambda: self.runner(self.store),
            self._done,
            label=self.tr("Menyinkronkan"),
            on_error=self._failed,
        )

    def _done(self, changes: Changes) -> None:
        self.running = False
        self.tasks.announce(changes, self)
        emit(self.finished, changes)
        status = sync_status(self.store)
        if self._again or (status.history is not None and not status.last_error):
            # An action meanwhile, or the history of a first sync still loading: go once more.
            self._again = False
            self.sync_now()
        elif not self.indexing:
            self._index_more()

    def _index_more(self) -> None:
        """The similar-complaints index, filled in short steps on the database thread after a
        sync (each step its own transaction, so the officer's own writes go between them)."""
        self.indexing = True
        self.tasks.run_db(
            lambda: index_some(self.store), self._indexed_some, on_error=lambda _exc: self._index_done()
        )

    def _indexed_some(self, count: int) -> None:
        if count:
            self._index_more()
        else:
            self._index_done()

    def _index_done(self) -> None:
        self.indexing = False
        emit(self.indexed)

    def _failed(self, exc: BaseException) -> None:
        log.error("sync crashed: %r", exc)
        self._done(Changes(sync_state=True))


class ElidedLabel(QLabel):
    """One line that gives way to the window: shortened at its end ("…"), whole in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(80)
        self._full = ""

    def setText(self, text: str) -> None:
        self._full = text
        self._fit()

    def text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        return super().text()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = self.contentsRect().width() - 2  # inside the theme's padding
        super().setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room))


class SyncStatusBar(QWidget):
    """Online/offline, ops waiting, last successful sync, the error, and "Sinkronkan sekarang"."""

    sync_requested = Signal()
    inbox_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(10)
        self.state = QLabel()
        self.state.setAccessibleName(self.tr("Status sambungan"))
        self.waiting = QLabel()
        self.waiting.setAccessibleName(self.tr("Op menunggu sinkronisasi"))
        self.last = QLabel()
        self.last.setAccessibleName(self.tr("Sinkron terakhir"))
        self.history = QLabel()
        self.history.setAccessibleName(self.tr("Riwayat tiket yang dimuat"))
        self.history.setToolTip(
            self.tr("Tiket yang sudah selesai dimuat di latar belakang; antrean kerja sudah bisa dipakai.")
        )
        self.error = ElidedLabel()
        self.error.setObjectName("syncError")
        self.error.setAccessibleName(self.tr("Kesalahan sinkronisasi"))
        for label in (self.state, self.waiting, self.last, self.history):
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
        layout.addWidget(self.error, 1)
        self.attention = QPushButton()
        self.attention.setAccessibleName(self.tr("Buka kotak konflik"))
        self.attention.setStyleSheet("color: #b42318; font-weight: 600;")
        self.attention.clicked.connect(self.inbox_requested)
        layout.addWidget(self.attention)
        self.button = QPushButton(self.tr("Sinkronkan sekarang"))
        self.button.setObjectName("primary")
        self.button.setAccessibleName(self.tr("Sinkronkan sekarang"))
        self.button.setToolTip("F5")
        self.button.clicked.connect(self.sync_requested)
        layout.addWidget(self.button)
        self.lang = "id"
        self.tz = "Asia/Jakarta"
        self.show_status(None)

    def set_running(self, running: bool) -> None:
        self.button.setEnabled(not running)
        self.button.setText(self.tr("Menyinkronkan\u2026") if running else self.tr("Sinkronkan sekarang"))

    def show_status(self, status: SyncStatus | None) -> None:
        if status is None or not status.logged_in:
            self.state.setText(self.tr("\u25cf Offline \u2014 belum masuk"))
            self.state.setObjectName("offline")
        elif status.online:
            self.state.setText(self.tr("\u25cf Online"))
            self.state.setObjectName("online")
        elif status.online is None:
            self.state.setText(self.tr("\u25cf Belum pernah sinkron"))
            self.state.setObjectName("offline")
        else:
            self.state.setText(self.tr("\u25cf Offline"))
            self.state.setObjectName("offline")
        self.state.setStyleSheet(
            "color: #067647; font-weight: 600;"
            if self.state.objectName() == "online"
            else "color: #a15c07; font-weight: 600;"
        )
        waiting = status.ops_waiting if status else 0
        self.waiting.setText(
            self.tr("%n perubahan menunggu dikirim", "", waiting)
            if waiting
            else self.tr("Semua perubahan sudah terkirim")
        )
        if status is not None and status.last_success_at is not None:
            when = wording.format_datetime(status.last_success_at, self.tz, self.lang, weekday=False)
            self.last.setText(self.tr("Sinkron terakhir: %1").replace("%1", when))
        else:
            self.last.setText(self.tr("Belum pernah sinkron"))
        history = status.history if status is not None else None
        locale = QLocale(QLocale.Language.Indonesian if self.lang == "id" else QLocale.Language.English)
        self.history.setText(
            self.tr("riwayat: %1 dari %2 tiket")
            .replace("%1", locale.toString(history.done))
            .replace("%2", locale.toString(max(history.total, history.done)))
            if history is not None
            else ""
        )
        self.history.setVisible(history is not None)
        self.show_error(status)
        attention = status.needs_attention if status else 0
        self.attention.setVisible(attention > 0)
        self.attention.setText(self.tr("%n perlu perhatian", "", attention))
        self.button.setEnabled(bool(status and status.logged_in))

    def show_error(self, status: SyncStatus | None) -> None:
        """The last error; after several failures in a row, how many, since when and why (the CLI's
        ``tanggap outbox`` report, whole in the tooltip)."""
        error = status.last_error if status is not None and status.logged_in else None
        # While syncs keep failing, the failure line takes the last success's place (it is in its
        # tooltip): the count, the time and the reason need the room on a 1366-wide screen.
        self.last.setVisible(not (error and status is not None and status.failures >= 2))
        if not error or status is None:
            self.error.setText("")
            self.error.setToolTip("")
            self.error.hide()
            return
        text = error
        if status.failures >= 2:
            since = status.failing_since or status.last_error_at
            count = self.tr("Sinkron gagal %n kali berturut-turut", "", status.failures)
            if since is not None:
                count += " " + self.tr("sejak %1").replace("%1", self._when(since))
            text = f"{count}: {error}"
        self.error.setText(text)
        self.error.setToolTip(status.failure_report or text)
        self.error.setAccessibleDescription(status.failure_report or text)
        self.error.show()

    def _when(self, moment: datetime) -> str:
        """``10.15 WIB`` today, ``1 Desember 2026 10.15 WIB`` before: short, the reason must fit too."""
        zone = ZoneInfo(self.tz)
        if moment.astimezone(zone).date() == datetime.now(zone).date():
            return wording.format_time(moment, self.tz, self.lang)
        return wording.format_datetime(moment, self.tz, self.lang, weekday=False)


def read_status(store: LocalStore) -> SyncStatus:
    return sync_status(store)
