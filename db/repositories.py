"""Repositories: small query objects over one session, handing out domain values.

Each takes the session of the caller's unit of work and never commits. They return ORM
rows; ``desktop`` turns them into frozen domain values before anything leaves the job.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from db import models


class TicketRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, ticket_id: str) -> models.Ticket | None:
        return self.session.get(models.Ticket, ticket_id)

    def by_tracking_no(self, tracking_no: str) -> models.Ticket | None:
        stmt = (
            select(models.Ticket)
            .where(models.Ticket.tracking_no == tracking_no)
            .options(selectinload(models.Ticket.messages), selectinload(models.Ticket.attachments))
        )
        return self.session.scalars(stmt).one_or_none()

    def count(self, *, open_only: bool = False) -> int:
        stmt = select(func.count()).select_from(models.Ticket)
        if open_only:
            stmt = stmt.where(models.Ticket.is_open.is_(True))
        return int(self.session.scalar(stmt) or 0)


class SyncStateRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str) -> str | None:
        row = self.session.get(models.SyncState, key)
        return row.value if row is not None else None

    def set(self, key: str, value: str | None) -> None:
        self.session.merge(models.SyncState(key=key, value=value))
        self.session.flush()  # a get() later in the same unit of work must see it (no autoflush)

    def all(self) -> dict[str, str | None]:
        return {row.key: row.value for row in self.session.scalars(select(models.SyncState))}


class NoticeRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        *,
        kind: str,
        code: str,
        message: str,
        now: datetime,
        ticket_id: str | None = None,
        tracking_no: str | None = None,
        op_id: str | None = None,
    ) -> None:
        self.session.add(
            models.SyncNotice(
                kind=kind,
                code=code,
                message=message,
                created_at=now,
                ticket_id=ticket_id,
                tracking_no=tracking_no,
                op_id=op_id,
            )
        )

    def unacknowledged(self) -> Sequence[models.SyncNotice]:
        stmt = (
            select(models.SyncNotice)
            .where(models.SyncNotice.acknowledged_at.is_(None))
            .order_by(models.SyncNotice.id)
        )
        return self.session.scalars(stmt).all()

    def acknowledge(self, ids: Iterable[int], now: datetime) -> None:
        for notice_id in ids:
            row = self.session.get(models.SyncNotice, notice_id)
            if row is not None and row.acknowledged_at is None:
                row.acknowledged_at = now
