"""Periodic work: close resolved tickets whose rebuttal window ended; prune the change log, the
uploads nobody attached and the old records of uploads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.engine import CursorResult, Engine

from desktop.domain import Channel, Status
from desktop.sla.policy import rebuttal_ends
from server.db import read_session, utcnow, write_unit
from server.models import (
    AttachmentBlobRow,
    AttachmentRow,
    AuthTokenRow,
    BlobUploadRow,
    ChangeLogRow,
    LoginThrottleRow,
    SeqCounterRow,
    TicketRow,
)
from server.sla_service import SlaDirectoryCache
from server.tickets import SYSTEM_AUTHOR, change_status

DEFAULT_RETENTION_DAYS = 30


@dataclass(frozen=True)
class MaintenanceReport:
    closed: int
    pruned_changes: int
    pruned_through: int
    pruned_blobs: int = 0
    pruned_upload_records: int = 0


def close_after_rebuttal(engine: Engine, sla_cache: SlaDirectoryCache, now: datetime | None = None) -> int:
    """Close every ``selesai`` ticket whose citizen's rebuttal window has ended; returns how many."""
    now = now or utcnow()
    sla = sla_cache.get()
    with read_session(engine) as session:
        candidates = session.execute(
            sa.select(
                TicketRow.id,
                TicketRow.opd_code,
                TicketRow.category_code,
                TicketRow.channel,
                TicketRow.resolved_at,
            ).where(TicketRow.status == Status.SELESAI.value, TicketRow.resolved_at.is_not(None))
        ).all()
    due = [
        r[0]
        for r in candidates
        if r[4] is not None and rebuttal_ends(r[4], sla.policy(r[1], r[2], Channel(r[3]))) <= now
    ]
    closed = 0
    for ticket_id in due:
        with write_unit(engine) as unit:
            ticket = unit.session.get(TicketRow, ticket_id, with_for_update=True)
            if ticket is None or ticket.status != Status.SELESAI.value:
                continue  # reopened meanwhile
            change_status(unit, sla, ticket, Status.DITUTUP, "masa sanggah berakhir", SYSTEM_AUTHOR, now)
            closed += 1
    return closed


def prune(
    engine: Engine, retention_days: int = DEFAULT_RETENTION_DAYS, now: datetime | None = None
) -> tuple[int, int]:
    """Drop change-log rows (tombstones) older than the retention; cursors before them get 410."""
    now = now or utcnow()
    horizon = now - timedelta(days=retention_days)
    with write_unit(engine) as unit:
        s = unit.session
        last = s.scalar(sa.select(sa.func.max(ChangeLogRow.seq)).where(ChangeLogRow.created_at < horizon))
        removed = 0
        if last is not None:
            deleted = cast(
                CursorResult[Any], s.execute(sa.delete(ChangeLogRow).where(ChangeLogRow.seq <= last))
            )
            removed = deleted.rowcount or 0
            s.execute(
                sa.update(SeqCounterRow)
                .where(SeqCounterRow.id == 1, SeqCounterRow.pruned_through < last)
                .values(pruned_through=last)
            )
        # processed_ops is never pruned: a desk may come back after any time offline (or a crash
        # between the server's answer and its own record), and its resend must still be a duplicate.
        s.execute(sa.delete(AuthTokenRow).where(AuthTokenRow.expires_at < now - timedelta(days=1)))
        s.execute(
            sa.delete(LoginThrottleRow).where(LoginThrottleRow.first_failed_at < now - timedelta(days=1))
        )
        through = int(s.scalar(sa.select(SeqCounterRow.pruned_through).where(SeqCounterRow.id == 1)) or 0)
    return removed, through


def run_maintenance(
    engine: Engine,
    sla_cache: SlaDirectoryCache,
    retention_days: int = DEFAULT_RETENTION_DAYS,
    now: datetime | None = None,
) -> MaintenanceReport:
    closed = close_after_rebuttal(engine, sla_cache, now)
    removed, through = prune(engine, retention_days, now)
    return MaintenanceReport(
        closed, removed, through, prune_unattached_blobs(engine, now), prune_upload_records(engine, now)
    )


# A desk uploads a file's bytes just before the op that attaches it; bytes no attachment names a
# week later (the op never came, or someone filled the disk) are removed.
UNATTACHED_BLOB_DAYS = 7


def prune_unattached_blobs(engine: Engine, now: datetime | None = None) -> int:
    horizon = (now or utcnow()) - timedelta(days=UNATTACHED_BLOB_DAYS)
    named = sa.select(AttachmentRow.sha256)
    with write_unit(engine) as unit:
        deleted = cast(
            CursorResult[Any],
            unit.session.execute(
                sa.delete(AttachmentBlobRow).where(
                    sa.or_(AttachmentBlobRow.stored_at.is_(None), AttachmentBlobRow.stored_at < horizon),
                    AttachmentBlobRow.sha256.not_in(named),
                )
            ),
        )
        return deleted.rowcount or 0


# An upload's record (blob_uploads) counts towards its officer's daily quota and lets that officer's
# desk confirm its own bytes are here (server.attachments.blob_visible). A month on, well past the
# quota's day and an unattached upload's week, it does neither any more: it goes. A desk that asks
# after that is told "not here" and sends the bytes again (stored once; nothing is lost).
UPLOAD_RECORD_DAYS = 30


def prune_upload_records(engine: Engine, now: datetime | None = None) -> int:
    horizon = (now or utcnow()) - timedelta(days=UPLOAD_RECORD_DAYS)
    with write_unit(engine) as unit:
        deleted = cast(
            CursorResult[Any],
            unit.session.execute(sa.delete(BlobUploadRow).where(BlobUploadRow.uploaded_at < horizon)),
        )
        return deleted.rowcount or 0
