"""What the status bar says about sync: online or not, ops waiting, last success, last error."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from db import models
from db.repositories import SyncStateRepository
from desktop.store import LocalStore
from desktop.sync import outbox
from desktop.wording import format_datetime

# From this many failed syncs in a row, the status says sync keeps failing (and why, since when).
KEEPS_FAILING_AFTER = 3


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
    )


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
