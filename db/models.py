"""Typed SQLAlchemy models of the local store.

Tickets carry their SLA deadlines as the server computed them, plus the next unmet
deadline (``next_deadline``/``next_stage``) so the queue orders by an index instead of
computing urgency for every row. Open tickets with no unmet deadline sort last through
``NO_DEADLINE``; repositories turn it back into ``None``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from db.types import JSONText, UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

NO_DEADLINE = datetime(9999, 12, 31, tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Opd(Base):
    __tablename__ = "opds"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(200), default="")
    tz: Mapped[str] = mapped_column(String(40), default="Asia/Jakarta")
    address: Mapped[str] = mapped_column(Text, default="")
    status_url: Mapped[str] = mapped_column(Text, default="")
    # The server's citizen page root (directory's public_url); empty: the server serves none.
    public_url: Mapped[str] = mapped_column(Text, default="", server_default="")
    # {"0": ["08:00", "16:00"], ...}; NULL means the default Monday-Friday 08:00-16:00.
    office_hours: Mapped[dict[str, Any] | None] = mapped_column(JSONText, nullable=True)


class Officer(Base):
    __tablename__ = "officers"

    username: Mapped[str] = mapped_column(String(80), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    opd_code: Mapped[str] = mapped_column(String(40), index=True)


class Category(Base):
    __tablename__ = "categories"

    code: Mapped[str] = mapped_column(String(60), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    tier: Mapped[str] = mapped_column(String(20))


class SlaPolicyRow(Base):
    __tablename__ = "sla_policies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    opd_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    category_code: Mapped[str | None] = mapped_column(String(60), nullable=True)
    channel: Mapped[str | None] = mapped_column(String(20), nullable=True)
    policy: Mapped[dict[str, Any]] = mapped_column(JSONText)


class NonWorkingDay(Base):
    __tablename__ = "non_working_days"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    opd_code: Mapped[str | None] = mapped_column(String(40), nullable=True)  # NULL: every OPD
    day: Mapped[date] = mapped_column(Date)
    # True: an extra working day (a Saturday the OPD opens); False: an extra day off.
    working: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str] = mapped_column(String(200), default="")


class CannedResponse(Base):
    __tablename__ = "canned_responses"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    opd_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)


class Ticket(Base):
    __tablename__ = "tickets"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    tracking_no: Mapped[str] = mapped_column(String(60), unique=True)
    channel: Mapped[str] = mapped_column(String(20))
    external_ref: Mapped[str] = mapped_column(Text, default="")
    confidentiality: Mapped[str] = mapped_column(String(10))
    # NULL name: the server hid the identity from this desk.
    reporter_name: Mapped[str | None] = mapped_column(Text, nullable=True)
    reporter_contact: Mapped[str | None] = mapped_column(Text, nullable=True)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    category_code: Mapped[str | None] = mapped_column(String(60), nullable=True)
    location: Mapped[str] = mapped_column(Text, default="")
    opd_code: Mapped[str] = mapped_column(String(40))
    assignee: Mapped[str | None] = mapped_column(String(80), nullable=True)
    status: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    followed_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    paused_since: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    paused_seconds: Mapped[int] = mapped_column(Integer, default=0)
    dl_verification: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    dl_first_response: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    dl_follow_up: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    dl_resolution: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    version: Mapped[int] = mapped_column(Integer)
    # Local bookkeeping: queue order and state this desk keeps for itself.
    is_open: Mapped[bool] = mapped_column(Boolean)
    next_deadline: Mapped[datetime] = mapped_column(UTCDateTime)
    next_stage: Mapped[str | None] = mapped_column(String(20), nullable=True)
    archived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))
    pending_ops: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    # The citizen's page key ({public_url}/lacak/{tracking_no}?k=...): a credential to the page,
    # not personal data; cleared with the ticket's personal data all the same (desktop.purge).
    public_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # The citizen's answer after selesai as the server last said (docs/api.md): {selesai, nilai,
    # komentar, tidak, at}; null: none yet.
    feedback: Mapped[Any | None] = mapped_column(JSONText, nullable=True)
    # The incident the ticket is linked to (the server's, or this desk's while its link op waits).
    incident_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)

    messages: Mapped[list[Message]] = relationship(
        back_populates="ticket", order_by="Message.created_at", cascade="all, delete-orphan"
    )
    attachments: Mapped[list[Attachment]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (
        # The queue: open tickets by nearest deadline, the id breaking ties for keyset paging.
        Index("ix_tickets_queue", "is_open", "next_deadline", "id"),
        Index("ix_tickets_assignee_queue", "assignee", "is_open", "next_deadline", "id"),
        Index("ix_tickets_status_queue", "status", "next_deadline", "id"),
        # The Selesai view: most recently done first (see desktop.queue).
        Index("ix_tickets_done", func.coalesce(resolved_at, closed_at, received_at), "id"),
    )


# A reply that has not reached the citizen and waits for the officer; the query must spell it the
# same way, with constants (not parameters), for SQLite to use the partial index.
UNDELIVERED_WHERE = "json_extract(delivery, '$.state') IN ('failed', 'manual')"


class Incident(Base):
    """One problem, many complaints: what tickets link to (docs/incidents.md). Made here when an
    officer links tickets offline, and refreshed from every pulled ticket that carries it."""

    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    location: Mapped[str] = mapped_column(Text, default="")
    lead_ticket_id: Mapped[str] = mapped_column(String(36))


class Message(Base):
    __tablename__ = "messages"

    # Unique through ux_messages_id, not a primary key: a first snapshot builds that index once at
    # its end (db.bulk). The mapper still identifies a message by its id.
    id: Mapped[str] = mapped_column(String(36))
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    author: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    conflict: Mapped[str | None] = mapped_column(String(60), nullable=True)
    # A public reply's way to the citizen as the server last said: {state, channel, detail,
    # updated_at} (docs/api.md); null for other messages and for replies not yet on the server.
    delivery: Mapped[Any | None] = mapped_column(JSONText, nullable=True)
    # The outbox op that carries this message while it has not reached the server.
    op_id: Mapped[str | None] = mapped_column(String(36), nullable=True)

    ticket: Mapped[Ticket] = relationship(back_populates="messages")

    __table_args__ = (
        Index("ux_messages_id", "id", unique=True),
        Index("ix_messages_ticket", "ticket_id", "created_at"),
        # Answered ops clear their message's op_id; only unsent messages have one.
        Index("ix_messages_op_id", "op_id", sqlite_where=text("op_id IS NOT NULL")),
        # "Balasan belum sampai" (desktop.queue): only failed and manual deliveries are in it.
        Index("ix_messages_undelivered", "ticket_id", sqlite_where=text(UNDELIVERED_WHERE)),
    )
    __mapper_args__ = {"primary_key": [id]}


class Attachment(Base):
    __tablename__ = "attachments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(Text)
    mime: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    url: Mapped[str] = mapped_column(Text, default="")
    cached_path: Mapped[str | None] = mapped_column(Text, nullable=True)


class OutboxOp(Base):
    """A local action waiting for (or answered by) the server; never deleted by sync."""

    __tablename__ = "outbox"

    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    type: Mapped[str] = mapped_column(String(20))
    ticket_id: Mapped[str] = mapped_column(String(36), index=True)
    tracking_no: Mapped[str] = mapped_column(String(60))
    base_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONText)
    state: Mapped[str] = mapped_column(String(12), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    reason_code: Mapped[str | None] = mapped_column(String(60), nullable=True)
    reason_message: Mapped[str | None] = mapped_column(Text, nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SyncNotice(Base):
    """Something sync did that the user must see and acknowledge (conflict, rejection, revoke)."""

    __tablename__ = "sync_notices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))
    ticket_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    tracking_no: Mapped[str | None] = mapped_column(String(60), nullable=True)
    op_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    code: Mapped[str] = mapped_column(String(60))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (Index("ix_sync_notices_open", "acknowledged_at", "id"),)


class SnapshotSeen(Base):
    """Ticket ids a re-snapshot (after 410) has delivered so far; emptied when it ends."""

    __tablename__ = "snapshot_seen"

    ticket_id: Mapped[str] = mapped_column(String(36), primary_key=True)

    __table_args__ = {"sqlite_with_rowid": False}


class SyncState(Base):
    """Key/value facts about this desk: cursor, desk id and code, server, last sync."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text, nullable=True)
