"""Taking complainants' personal data off the desk when the desk no longer needs it.

Three moments:

- **Out of scope** (a ticket transferred, reassigned away, restricted; the server revoked it):
  the archived row keeps its number, title, status, dates and where it went; the reporter,
  contact, body, location, external reference, thread and attachments go at the next sync.
- **Retention**: tickets closed more than N days ago (the server's directory sends N, default
  90) lose the same data at sync; their rows stay, so the summary still counts them.
- **Logout**: every ticket goes, except the stripped rows the outbox still needs (ops waiting
  to be sent, which go out at the next login of the same officer) and their unsent messages.

An op waiting to be sent is never lost: a ticket with such an op keeps its row (and the op its
payload, inside the encrypted store) until the op is answered.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Text, delete, func, or_, select, type_coerce, update
from sqlalchemy.orm import Session

from db import models
from db.repositories import SyncStateRepository
from desktop import domain as d
from desktop.sync.status import HISTORY_STATE

log = logging.getLogger(__name__)

RETENTION_KEY = "retention_closed_days"
DEFAULT_RETENTION_DAYS = 90
WAITING_STATES = (d.OpState.PENDING.value, d.OpState.INFLIGHT.value)
# Answered ops the officer still has to see (conflict, rejected, blocked) keep their payload.
ATTENTION_STATES = tuple(s.value for s in d.OpState if s.needs_attention)

PERSONAL_CLEARED: dict[str, Any] = {
    "reporter_name": None,
    "reporter_contact": None,
    "body": "",
    "location": "",
    "external_ref": "",
}


def remember_retention(session: Session, directory: dict[str, Any]) -> None:
    """Keep the retention the server's directory sends (``desk_retention_days``)."""
    raw = directory.get("desk_retention_days")
    days = raw if isinstance(raw, int) and not isinstance(raw, bool) and raw > 0 else None
    SyncStateRepository(session).set(RETENTION_KEY, str(days) if days else None)


def retention_days(session: Session) -> int:
    raw = SyncStateRepository(session).get(RETENTION_KEY)
    return int(raw) if raw and raw.isdigit() and int(raw) > 0 else DEFAULT_RETENTION_DAYS


def _waiting_ticket_ids(session: Session) -> set[str]:
    return set(
        session.scalars(
            select(models.OutboxOp.ticket_id).where(models.OutboxOp.state.in_(WAITING_STATES)).distinct()
        )
    )


def strip_tickets(session: Session, ticket_ids: Sequence[str]) -> int:
    """Remove the personal data of these tickets; keep what an unsent op needs. How many."""
    if not ticket_ids:
        return 0
    count = 0
    for start in range(0, len(ticket_ids), 500):
        chunk = list(ticket_ids[start : start + 500])
        session.execute(
            update(models.Ticket)
            .where(models.Ticket.id.in_(chunk))
            .values(**PERSONAL_CLEARED, **_citizen_page_cleared())
        )
        # Unsent messages (op_id set) are the outbox's: they go out, then the server's copy replaces them.
        session.execute(
            delete(models.Message).where(models.Message.ticket_id.in_(chunk), models.Message.op_id.is_(None))
        )
        session.execute(delete(models.Attachment).where(models.Attachment.ticket_id.in_(chunk)))
        count += len(chunk)
    return count


def _citizen_page_cleared() -> dict[str, Any]:
    """The page key (it opens the ticket's replies) and the citizen's comment go with the personal
    data; the answer and rating stay, so the summary still counts them."""
    return {
        "public_key": None,
        "feedback": func.json_remove(type_coerce(models.Ticket.feedback, Text()), "$.komentar"),
    }


def _holds_personal_data() -> Any:
    has_thread = (
        select(models.Message.id)
        .where(models.Message.ticket_id == models.Ticket.id, models.Message.op_id.is_(None))
        .exists()
    )
    has_files = select(models.Attachment.id).where(models.Attachment.ticket_id == models.Ticket.id).exists()
    return or_(
        models.Ticket.reporter_name.is_not(None),
        models.Ticket.reporter_contact.is_not(None),
        models.Ticket.body != "",
        models.Ticket.location != "",
        models.Ticket.external_ref != "",
        models.Ticket.public_key.is_not(None),
        func.json_extract(type_coerce(models.Ticket.feedback, Text()), "$.komentar") != "",
        has_thread,
        has_files,
    )


@dataclass(frozen=True, slots=True)
class PurgeReport:
    out_of_scope: int = 0
    expired: int = 0

    @property
    def tickets(self) -> int:
        return self.out_of_scope + self.expired


def purge_at_sync(session: Session, now: datetime) -> PurgeReport:
    """Out-of-scope tickets and tickets closed longer than the retention lose their personal data."""
    waiting = _waiting_ticket_ids(session)
    personal = _holds_personal_data()
    archived = [
        tid
        for tid in session.scalars(select(models.Ticket.id).where(models.Ticket.archived.is_(True), personal))
        if tid not in waiting
    ]
    cutoff = now - timedelta(days=retention_days(session))
    expired = [
        tid
        for tid in session.scalars(
            select(models.Ticket.id).where(
                models.Ticket.archived.is_(False),
                models.Ticket.is_open.is_(False),
                models.Ticket.closed_at.is_not(None),
                models.Ticket.closed_at < cutoff,
                personal,
            )
        )
        if tid not in waiting
    ]
    strip_tickets(session, archived)
    strip_tickets(session, expired)
    if archived or expired:
        log.info(
            "personal data removed from %d out-of-scope and %d long-closed ticket(s)",
            len(archived),
            len(expired),
        )
    return PurgeReport(len(archived), len(expired))


@dataclass(frozen=True, slots=True)
class LogoutPurge:
    removed_tickets: int
    kept_for_outbox: int
    waiting_ops: int


def purge_for_logout(session: Session) -> LogoutPurge:
    """Every ticket off the desk but the stripped rows that unsent ops need (see the module)."""
    waiting = _waiting_ticket_ids(session)
    total = session.scalar(select(func.count()).select_from(models.Ticket)) or 0
    session.execute(delete(models.Attachment))
    session.execute(delete(models.Message).where(models.Message.op_id.is_(None)))
    session.execute(delete(models.Ticket).where(models.Ticket.id.not_in(waiting)))
    session.execute(update(models.Ticket).values(**PERSONAL_CLEARED, **_citizen_page_cleared()))
    session.execute(delete(models.SnapshotSeen))
    # Answered ops already seen (or needing no attention) are history; their payloads hold text.
    session.execute(
        delete(models.OutboxOp).where(
            models.OutboxOp.state.not_in(WAITING_STATES),
            or_(models.OutboxOp.state.not_in(ATTENTION_STATES), models.OutboxOp.acknowledged_at.is_not(None)),
        )
    )
    session.execute(delete(models.SyncNotice).where(models.SyncNotice.acknowledged_at.is_not(None)))
    waiting_ops = (
        session.scalar(
            select(func.count()).select_from(models.OutboxOp).where(models.OutboxOp.state.in_(WAITING_STATES))
        )
        or 0
    )
    repo = SyncStateRepository(session)
    for key in ("cursor", "snapshot_in_progress", "last_success_at", "last_error", *HISTORY_STATE):
        repo.set(key, None)  # the next login takes a fresh snapshot of its scope
    kept = len(waiting)
    log.info("logout: %d ticket(s) removed from this desk, %d kept for unsent ops", total - kept, kept)
    return LogoutPurge(removed_tickets=total - kept, kept_for_outbox=kept, waiting_ops=waiting_ops)
