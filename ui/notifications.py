"""Desktop notifications: a ticket assigned to me turned ``warning`` or ``breached``.

At most once per ticket and stage and level (remembered in the data folder across restarts),
and never outside the OPD's office hours: nobody should be paged at night about a deadline
that only counts office time anyway.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from desktop import labels, wording
from desktop.domain import UrgencyLevel
from desktop.queue import QueueFilter, QueueRow, QueueView, fetch_page
from desktop.store import LocalStore
from desktop.ticket_detail import DeskDirectory, urgency_of
from ui.tasks import TaskManager

log = logging.getLogger(__name__)

STATE_FILE = "notified.json"
CHECK_EVERY_MS = 5 * 60 * 1000
# Only the head of my queue can be close to a deadline; no need to look further.
LOOK_AT = 300


@dataclass(frozen=True, slots=True)
class DeadlineAlert:
    key: str  # ticket:stage:level
    ticket_id: str
    tracking_no: str
    title: str
    level: UrgencyLevel
    text: str


def due_alerts(
    rows: Iterable[QueueRow], directory: DeskDirectory, now: datetime, already: set[str], lang: str = "id"
) -> list[DeadlineAlert]:
    """Alerts for rows that turned warning/breached and were not announced at that stage and level."""
    out = []
    for row in rows:
        u = urgency_of(row, directory, now)
        if u is None or u.level is UrgencyLevel.OK or u.paused:
            continue
        calendar = directory.calendar(row.opd_code)
        if not calendar.is_office_time(now):
            continue
        key = f"{row.id}:{u.stage.value}:{u.level.value}"
        if key in already:
            continue
        remaining = wording.format_remaining(
            u.remaining, calendar.working_day_length(), lang, u.level is UrgencyLevel.BREACHED
        )
        text = f"{labels.stage_label(u.stage, lang)}: {remaining}"
        out.append(
            DeadlineAlert(key, row.id, row.tracking_no, " ".join(row.title.split())[:120], u.level, text)
        )
    return out


class DeadlineNotifier(QObject):
    def __init__(
        self,
        tasks: TaskManager,
        store: LocalStore,
        window: QWidget,
        *,
        clock: Callable[[], datetime],
        lang: str = "id",
        enabled: bool = True,
    ) -> None:
        super().__init__(window)
        self.tasks = tasks
        self.store = store
        self.clock = clock
        self.lang = lang
        self.enabled = enabled
        self.path = store.path.parent / STATE_FILE
        self.already = self._load()
        self.shown: list[DeadlineAlert] = []
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(
                window.windowIcon() if not window.windowIcon().isNull() else QIcon(), self
            )
            self.tray.setToolTip("Tanggap")
            self.tray.show()
        self._me: str | None = None
        self._directory: DeskDirectory | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(lambda: self.check(self._me, self._directory))
        self.timer.start()

    def check(self, me: str | None, directory: DeskDirectory | None) -> None:
        self._me, self._directory = me, directory
        if not self.enabled or me is None or directory is None:
            return
        now = self.clock()
        flt = QueueFilter(view=QueueView.MINE, me=me, now=now)
        already = set(self.already)

        def done(rows: list[QueueRow]) -> None:
            self.notify(due_alerts(rows, directory, now, already, self.lang))

        self.tasks.run_db(lambda: fetch_page(self.store, flt, None, LOOK_AT), done)

    def notify(self, alerts: list[DeadlineAlert]) -> None:
        for alert in alerts:
            if alert.key in self.already:
                continue
            self.already.add(alert.key)
            self.shown.append(alert)
            if self.tray is not None:
                icon = (
                    QSystemTrayIcon.MessageIcon.Critical
                    if alert.level is UrgencyLevel.BREACHED
                    else QSystemTrayIcon.MessageIcon.Warning
                )
                self.tray.showMessage(f"{alert.tracking_no} \u2014 {alert.text}", alert.title, icon, 15_000)
        if alerts:
            self._save()

    def _load(self) -> set[str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return {str(k) for k in data} if isinstance(data, list) else set()
        except FileNotFoundError:
            return set()
        except (OSError, ValueError) as exc:
            log.info("ignoring unreadable %s: %s", self.path, exc)
            return set()

    def _save(self) -> None:
        tmp = Path(str(self.path) + ".tmp")
        # Keep the file small: old keys of long-closed tickets do not matter.
        tmp.write_text(json.dumps(sorted(self.already)[-5000:]), encoding="utf-8")
        tmp.replace(self.path)
