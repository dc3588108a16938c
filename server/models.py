"""SQLAlchemy 2 models of the central server (its own schema, migrated by ``server/migrations``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(sa.types.TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out; SQLite keeps naive UTC text that sorts right."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
        return value.astimezone(UTC)  # type: ignore[no-any-return]


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


class OpdRow(Base):
    __tablename__ = "opds"
    code: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    region: Mapped[str] = mapped_column(sa.String(200), default="")
    tz: Mapped[str] = mapped_column(sa.String(64), default="Asia/Jakarta")
    address: Mapped[str] = mapped_column(sa.String(400), default="")
    status_url: Mapped[str] = mapped_column(sa.String(400), default="")
    # Office hours as desktop.sla serialises them; null means the SLA engine's default.
    office_hours: Mapped[Any | None] = mapped_column(sa.JSON, nullable=True)
    # The OPD's own complaint mailbox (docs/channels.md): an IMAP URL with its password, so never
    # in the directory desks read; empty: the server-wide TANGGAP_IMAP_URL (if any) serves it.
    mail_imap_url: Mapped[str] = mapped_column(sa.String(1000), default="", server_default="")
    # The From of mail sent on this OPD's tickets; empty: TANGGAP_MAIL_FROM.
    mail_from: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")


class OfficerRow(Base):
    __tablename__ = "officers"
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(sa.String(80), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[str] = mapped_column(sa.String(20))
    opd_code: Mapped[str] = mapped_column(sa.ForeignKey("opds.code"), index=True)
    password_hash: Mapped[str] = mapped_column(sa.String(200))
    active: Mapped[bool] = mapped_column(sa.Boolean, default=True)


class DeskRow(Base):
    __tablename__ = "desks"
    __table_args__ = (sa.UniqueConstraint("officer_id", "device_name", name="uq_desks_officer_device"),)
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(3), unique=True)
    officer_id: Mapped[int] = mapped_column(sa.ForeignKey("officers.id"))
    device_name: Mapped[str] = mapped_column(sa.String(120))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # SHA-256 of the known-device key the desk got at its last login: with it, the right password
    # passes a username's or address's login lock (server/security.py).
    device_key_hash: Mapped[str | None] = mapped_column(sa.String(64), nullable=True, index=True)


class AuthTokenRow(Base):
    __tablename__ = "auth_tokens"
    token_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    officer_id: Mapped[int] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    desk_id: Mapped[str] = mapped_column(sa.ForeignKey("desks.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class LoginThrottleRow(Base):
    """Failed logins per key: ``user:<username>``, ``addr:<address>`` or ``desk:<desk id>`` (server/security.py)."""

    __tablename__ = "login_throttles"
    key: Mapped[str] = mapped_column(sa.String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(sa.Integer, default=0)
    # Attempts admitted and still being checked: they count against the allowance until they end.
    pending: Mapped[int] = mapped_column(sa.Integer, default=0)
    # Start of the current window (the first attempt counted in it).
    first_failed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class CategoryRow(Base):
    __tablename__ = "categories"
    code: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    tier: Mapped[str] = mapped_column(sa.String(20))
    opd_codes: Mapped[list[str]] = mapped_column(sa.JSON, default=list)


class SlaRuleRow(Base):
    """A ``desktop.sla.PolicyRule`` as JSON; the most specific rule wins (``resolve_policy``)."""

    __tablename__ = "sla_rules"
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    rule: Mapped[Any] = mapped_column(sa.JSON)


class CalendarDayRow(Base):
    """A province-wide (opd_code null) or OPD-specific non-working day, or an extra working day."""

    __tablename__ = "calendar_days"
    __table_args__ = (sa.UniqueConstraint("day", "opd_code", "working", name="uq_calendar_days_day"),)
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    day: Mapped[str] = mapped_column(sa.String(10))  # ISO date
    opd_code: Mapped[str | None] = mapped_column(sa.String(40), nullable=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    working: Mapped[bool] = mapped_column(sa.Boolean, default=False)


class CannedResponseRow(Base):
    __tablename__ = "canned_responses"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    opd_code: Mapped[str] = mapped_column(sa.ForeignKey("opds.code"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)


class TicketRow(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        sa.UniqueConstraint("channel", "external_ref", name="uq_tickets_channel_external_ref"),
        sa.Index("ix_tickets_opd_id", "opd_code", "id"),
    )
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    tracking_no: Mapped[str] = mapped_column(sa.String(80), unique=True)
    channel: Mapped[str] = mapped_column(sa.String(20))
    external_ref: Mapped[str | None] = mapped_column(sa.String(500), nullable=True)
    confidentiality: Mapped[str] = mapped_column(sa.String(10))
    reporter_name: Mapped[str | None] = mapped_column(sa.String(200), nullable=True)
    reporter_contact: Mapped[str | None] = mapped_column(sa.String(200), nullable=True)
    title: Mapped[str] = mapped_column(sa.String(500))
    body: Mapped[str] = mapped_column(sa.Text)
    category_code: Mapped[str | None] = mapped_column(sa.String(60), nullable=True)
    location: Mapped[str] = mapped_column(sa.String(500), default="")
    opd_code: Mapped[str] = mapped_column(sa.ForeignKey("opds.code"))
    assignee: Mapped[str | None] = mapped_column(sa.String(80), nullable=True)
    status: Mapped[str] = mapped_column(sa.String(20), index=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    verified_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    first_response_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    assigned_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    followed_up_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    paused_since: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    paused_seconds: Mapped[int] = mapped_column(sa.Integer, default=0)
    deadline_verification: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    deadline_first_response: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    deadline_follow_up: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    deadline_resolution: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    version: Mapped[int] = mapped_column(sa.Integer, default=1)
    # The citizen's secret for the public page (server/public): URL-safe, at least 128 bits.
    public_key: Mapped[str | None] = mapped_column(sa.String(64), nullable=True, unique=True)
    # The citizen's latest answer after ``selesai`` and the ticket's one rating (1-5), for the desks.
    feedback_selesai: Mapped[bool | None] = mapped_column(sa.Boolean, nullable=True)
    feedback_nilai: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    feedback_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # The incident (one problem, many complaints) the ticket is linked to; docs/incidents.md.
    incident_id: Mapped[str | None] = mapped_column(sa.ForeignKey("incidents.id"), nullable=True, index=True)


class IncidentRow(Base):
    """One problem many citizens reported: tickets link to it and keep everything of their own.

    Made by the first ``link_incident`` op that names it; title, location and lead are the ones
    that op carried. The lead is a hint for the queue (a plain id: it may be unlinked later).
    """

    __tablename__ = "incidents"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(500))
    location: Mapped[str] = mapped_column(sa.String(500), default="")
    lead_ticket_id: Mapped[str] = mapped_column(sa.String(36))
    opd_code: Mapped[str] = mapped_column(sa.ForeignKey("opds.code"))
    created_by: Mapped[str] = mapped_column(sa.String(80))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


# A desk's history pages (server.sync.history): closed tickets by when their work ended (migration 0010).
_DONE_AT = sa.func.coalesce(TicketRow.resolved_at, TicketRow.closed_at, TicketRow.received_at)
sa.Index("ix_tickets_done", _DONE_AT, TicketRow.id)
sa.Index("ix_tickets_opd_done", TicketRow.opd_code, _DONE_AT, TicketRow.id)


class FeedbackRow(Base):
    """Every answer a citizen gave on the public page, with what it did (closed, reopened, nothing)."""

    __tablename__ = "feedback"
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str] = mapped_column(sa.ForeignKey("tickets.id"), index=True)
    selesai: Mapped[bool] = mapped_column(sa.Boolean)
    nilai: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    komentar: Mapped[str] = mapped_column(sa.Text, default="")
    effect: Mapped[str] = mapped_column(sa.String(20))  # closed | reopened | recorded
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class MessageRow(Base):
    __tablename__ = "messages"
    __table_args__ = (sa.Index("ix_messages_ticket_created", "ticket_id", "created_at"),)
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    ticket_id: Mapped[str] = mapped_column(sa.ForeignKey("tickets.id"))
    kind: Mapped[str] = mapped_column(sa.String(10))
    author: Mapped[str] = mapped_column(sa.String(80))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    conflict: Mapped[str | None] = mapped_column(sa.String(60), nullable=True)


class AttachmentRow(Base):
    __tablename__ = "attachments"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    ticket_id: Mapped[str] = mapped_column(sa.ForeignKey("tickets.id"), index=True)
    filename: Mapped[str] = mapped_column(sa.String(300))
    mime: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int] = mapped_column(sa.BigInteger)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    url: Mapped[str] = mapped_column(sa.String(500), default="")


class AttachmentBlobRow(Base):
    """An attachment's bytes, stored once per content (sha256): the same photo twice is one row."""

    __tablename__ = "attachment_blobs"
    sha256: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    size: Mapped[int] = mapped_column(sa.BigInteger)
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)
    # When the bytes last arrived; a blob no attachment names is removed a week after (jobs.prune).
    # NULL: stored before this column existed.
    stored_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class TrackingSerialRow(Base):
    __tablename__ = "tracking_serials"
    opd_code: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    yymm: Mapped[str] = mapped_column(sa.String(4), primary_key=True)
    last_serial: Mapped[int] = mapped_column(sa.Integer, default=0)


class ChangeLogRow(Base):
    """One row per ticket write; the scope before and after decide upsert or revoke per desk."""

    __tablename__ = "change_log"
    __table_args__ = (
        sa.Index("ix_change_log_opd_after_seq", "opd_after", "seq"),
        sa.Index("ix_change_log_opd_before_seq", "opd_before", "seq"),
        sa.Index("ix_change_log_ticket", "ticket_id"),
    )
    seq: Mapped[int] = mapped_column(
        sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=False
    )
    ticket_id: Mapped[str] = mapped_column(sa.String(36))
    version: Mapped[int] = mapped_column(sa.Integer)
    opd_before: Mapped[str | None] = mapped_column(sa.String(40), nullable=True)
    opd_after: Mapped[str] = mapped_column(sa.String(40))
    assignee_before: Mapped[str | None] = mapped_column(sa.String(80), nullable=True)
    assignee_after: Mapped[str | None] = mapped_column(sa.String(80), nullable=True)
    conf_before: Mapped[str | None] = mapped_column(sa.String(10), nullable=True)
    conf_after: Mapped[str] = mapped_column(sa.String(10))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SeqCounterRow(Base):
    """The single row whose update, last in each write transaction, hands out seqs in commit order."""

    __tablename__ = "seq_counter"
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    value: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    # Highest seq removed by pruning: a cursor below it may have missed a revoke (410).
    pruned_through: Mapped[int] = mapped_column(sa.BigInteger, default=0)


class ProcessedOpRow(Base):
    __tablename__ = "processed_ops"
    # A push reads this desk's latest processed_at (the anti-backdating bound): one index probe.
    __table_args__ = (sa.Index("ix_processed_ops_desk_processed", "desk_id", "processed_at"),)
    op_id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    desk_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    ticket_id: Mapped[str] = mapped_column(sa.String(36))
    result: Mapped[str] = mapped_column(sa.String(10))
    reason_code: Mapped[str | None] = mapped_column(sa.String(60), nullable=True)
    reason_message: Mapped[str | None] = mapped_column(sa.Text, nullable=True)
    processed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class BlobUploadRow(Base):
    """Who sent which bytes when: the per-officer daily upload quota, and "my own upload" for GET /blobs."""

    __tablename__ = "blob_uploads"
    __table_args__ = (sa.Index("ix_blob_uploads_officer_time", "officer_id", "uploaded_at"),)
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    officer_id: Mapped[int] = mapped_column(sa.Integer)
    sha256: Mapped[str] = mapped_column(sa.String(64), index=True)
    # Bytes charged to the quota: 0 when the content was stored already.
    size: Mapped[int] = mapped_column(sa.BigInteger)
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime)


class HealthProbeRow(Base):
    """One row /health writes, so it says whether the database takes writes, not only reads."""

    __tablename__ = "health_probe"
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    checked_at: Mapped[datetime] = mapped_column(UtcDateTime)


# The delivery outbox lives in its own package; importing it here puts it in Base.metadata for
# the migrations' comparison and for anyone who imports the models.
from server.delivery import models as _delivery_models  # noqa: E402,F401
