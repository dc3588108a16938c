"""What the status bar says about sync: online or not, ops waiting, last success, last error."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from db import models
from db.repositories import SyncStateRepository
from desktop.store import LocalStore
from desktop.sync import outbox
from desktop.wording import format_datetime

# From this many failed syncs in a row, the status says sync keeps failing (and why, since when).
KEEPS_FAILING_AFTER = 3
# The history of an open-work-first snapshot (GET /sync/history; docs/sync.md, "Open work first"):
# where it continues (None: complete, or never split), how many closed tickets it holds, how many
# are on the desk, and the time after which every closed ticket in scope is on the desk.
HISTORY_CURSOR = "history_cursor"
HISTORY_TOTAL = "history_total"
HISTORY_DONE = "history_done"
HISTORY_THROUGH = "history_through"
HISTORY_STATE = (HISTORY_CURSOR, HISTORY_TOTAL, HISTORY_DONE, HISTORY_THROUGH)


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@dataclass(frozen=True, slots=True)
class HistoryProgress:
    """How much of the closed tickets' history is on this desk while it still loads."""

    done: int
    total: int
    # Every closed ticket whose work ended after this is here (None: none of the history yet).
    through: datetime | None

    @property
    def words(self) -> str:
        """``riwayat: 42.000 dari 96.000 tiket`` (a count that grew meanwhile never shows over 100 %)."""
        return f"riwayat: {_thousands(self.done)} dari {_thousands(max(self.total, self.done))} tiket"

    def covers(self, start: datetime) -> bool:
        """Whether every ticket a report from ``start`` on counts is on the desk already."""
        return self.through is not None and start > self.through


def history_progress(state: dict[str, str | None]) -> HistoryProgress | None:
    """None once the history is complete (or the snapshot was never split)."""
    if not state.get(HISTORY_CURSOR):
        return None
    return HistoryProgress(
        done=_int(state.get(HISTORY_DONE)),
        total=_int(state.get(HISTORY_TOTAL)),
        through=_dt(state.get(HISTORY_THROUGH)),
    )


class HistoryIncomplete(Exception):
    """A report over a period whose closed tickets are not all on the desk yet."""

    def __init__(self, progress: HistoryProgress) -> None:
        since = (
            f" Tiket yang selesai sejak {format_datetime(progress.through.astimezone())} sudah lengkap."
            if progress.through is not None
            else ""
        )
        super().__init__(
            "Riwayat tiket belum lengkap di meja ini "
            f"({progress.words}); laporan periode ini akan salah hitung sampai sinkronisasi riwayat "
            f"selesai.{since} Coba lagi setelah riwayat lengkap."
        )
        self.progress = progress


def require_history(session: Any, start: datetime) -> None:
    """Raise ``HistoryIncomplete`` when a report from ``start`` would miss closed tickets still loading."""
    progress = history_progress(SyncStateRepository(session).all())
    if progress is not None and not progress.covers(start):
        raise HistoryIncomplete(progress)


@dataclass(frozen=True, slots=True)
class SyncStatus:
    logged_in: bool
    online: bool | None  # None: never tried
    ops_waiting: int
    needs_attention: int  # conflicts, rejections and revokes not yet acknowledged
    last_success_at: datetime | None
    last_error: (
        str | None
    )  # plain Indonesian, e.g. "Server tidak dapat dihubungi; mencoba lagi dalam 30 detik"
    next_retry_at: datetime | None
    snapshot_in_progress: bool
    # Sync attempts that failed in a row since the last success, and when the first of them was.
    failures: int = 0
    failing_since: datetime | None = None
    last_error_at: datetime | None = None
    history: HistoryProgress | None = None  # closed tickets still loading in the background

    @property
    def keeps_failing(self) -> bool:
        """Sync failed several times in a row: say so plainly, not "menunggu" as if all were well."""
        return self.failures >= KEEPS_FAILING_AFTER

    @property
    def failure_report(self) -> str | None:
        """``Sinkronisasi gagal 4 kali berturut-turut sejak Rabu, 2 Desember 2026 10.15 WIB. Terakhir: ...``."""
        if not self.failures or not self.last_error:
            return None
        since = self.failing_since or self.last_error_at
        when = f" sejak {format_datetime(since.astimezone())}" if since else ""
        last_ok = (
            f" Sinkron terakhir berhasil: {format_datetime(self.last_success_at.astimezone())}."
            if self.last_success_at
            else " Belum pernah berhasil sinkron."
        )
        return f"Sinkronisasi gagal {self.failures} kali berturut-turut{when}. Terakhir: {self.last_error}.{last_ok}"

    @property
    def summary(self) -> str:
        if not self.logged_in:
            return "Belum masuk: jalankan 'tanggap login'."
        parts = []
        if self.keeps_failing and self.failure_report:
            parts.append(self.failure_report.rstrip("."))
        elif self.last_error:
            parts.append(self.last_error)
        elif self.online:
            parts.append("Tersambung")
        elif self.online is None:
            parts.append("Belum pernah sinkron")
        parts.append(f"{self.ops_waiting} op menunggu sinkronisasi")
        if self.history is not None:
            parts.append(self.history.words)
        if self.needs_attention:
            parts.append(f"{self.needs_attention} perlu perhatian")
        return "; ".join(parts)


def _dt(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def sync_status(store: LocalStore) -> SyncStatus:
    with store.read() as session:
        state = SyncStateRepository(session).all()
        waiting = outbox.waiting_count(session)
        notices = int(
            session.scalar(
                select(func.count())
                .select_from(models.SyncNotice)
                .where(models.SyncNotice.acknowledged_at.is_(None))
            )
            or 0
        )
    online = state.get("online")
    return SyncStatus(
        logged_in=bool(state.get("username")) and not state.get("auth_expired"),
        online=None if online is None else online == "1",
        ops_waiting=waiting,
        needs_attention=notices,
        last_success_at=_dt(state.get("last_success_at")),
        last_error=state.get("last_error"),
        next_retry_at=_dt(state.get("next_retry_at")),
        snapshot_in_progress=bool(state.get("snapshot_in_progress")),
        failures=_int(state.get("failures")),
        failing_since=_dt(state.get("failing_since")),
        last_error_at=_dt(state.get("last_error_at")),
        history=history_progress(state),
    )


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
