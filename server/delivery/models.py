"""The delivery outbox: one row per public reply (acknowledgement, feedback request) and recipient."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from server.models import Base, UtcDateTime


class DeliveryState(StrEnum):
    QUEUED = "queued"  # waiting for the worker (or for its next retry)
    SENT = "sent"  # the provider accepted it
    DELIVERED = "delivered"  # the channel reports it reached the citizen
    READ = "read"  # the channel reports the citizen read it
    FAILED = "failed"  # the last retry failed, or the provider refused it for good
    MANUAL = "manual"  # no API here: the officer posts it and marks it done (mark_delivered)


class DeliveryChannel(StrEnum):
    EMAIL = "email"
    WHATSAPP = "whatsapp"
    MANUAL = "manual"


class DeliveryPurpose(StrEnum):
    REPLY = "reply"  # an officer's public reply
    ACK = "ack"  # the automatic acknowledgement of a complaint taken in by e-mail or WhatsApp
    # The request for the citizen's answer after ``selesai`` (docs/lacak.md): not a reply, so the
    # summary's delivery figures (public replies only) never count it.
    FEEDBACK = "feedback"


class DeliveryRow(Base):
    """One message on its way to one citizen.

    Exactly-once rests on three things (docs/channels.md, "Sekali saja"): the row is unique per
    (message, recipient), so a retried op or a second worker finds it instead of adding one; a
    worker claims it with a compare-and-set on ``lease_token`` and records the attempt
    (``attempt_open``) in that same commit, before it talks to the provider; the provider's id
    (e-mail Message-ID, fixed before the first attempt; WhatsApp wamid) is unique.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        sa.UniqueConstraint("message_id", "recipient", name="uq_deliveries_message_recipient"),
        sa.Index("ix_deliveries_due", "state", "next_attempt_at"),
        sa.Index("ix_deliveries_ticket", "ticket_id"),
    )
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    message_id: Mapped[str] = mapped_column(sa.ForeignKey("messages.id"))
    ticket_id: Mapped[str] = mapped_column(sa.ForeignKey("tickets.id"))
    purpose: Mapped[str] = mapped_column(sa.String(10))
    channel: Mapped[str] = mapped_column(sa.String(20))
    # The ticket's own channel (twitter, lapor, walk_in ...): what a manual delivery is posted to.
    source_channel: Mapped[str] = mapped_column(sa.String(20))
    recipient: Mapped[str] = mapped_column(sa.String(200))
    state: Mapped[str] = mapped_column(sa.String(10))
    detail: Mapped[str] = mapped_column(sa.Text, default="")
    attempts: Mapped[int] = mapped_column(sa.Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # A worker's claim: whoever holds the token until lease_until may send and record the outcome.
    lease_token: Mapped[str | None] = mapped_column(sa.String(36), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # Set with the claim, cleared with the outcome: still set at the next claim means a worker
    # died between the two, and the provider may or may not have the message.
    attempt_open: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    provider_id: Mapped[str | None] = mapped_column(sa.String(300), nullable=True, unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
