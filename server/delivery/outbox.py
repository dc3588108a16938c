"""Putting deliveries in the outbox and moving them between states, each with its change-log entry.

Every state change bumps the ticket's version and appends a change-log row in the same commit, so
desks see ``delivery: {state, channel, detail, updated_at}`` on the message at their next pull.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from desktop.domain import Channel
from desktop.ops.resend import EMAIL, whatsapp_id
from server.db import DriverSql, PendingChange, WriteUnit
from server.delivery.models import DeliveryChannel, DeliveryPurpose, DeliveryRow, DeliveryState
from server.delivery.settings import DeliverySettings
from server.models import MessageRow, TicketRow

EMAIL_ADDRESS = EMAIL  # one rule with the desk's resend (desktop/ops/resend.py)
# Manual channels: nothing here can post to them (docs/channels.md says why).
MANUAL_DETAIL = {
    Channel.TWITTER: "Posting balasan di X lalu tandai terkirim.",
    Channel.INSTAGRAM: "Posting balasan di Instagram lalu tandai terkirim.",
    Channel.FACEBOOK: "Posting balasan di Facebook lalu tandai terkirim.",
    Channel.LAPOR: "Tulis tindak lanjut di SP4N-LAPOR! lalu tandai terkirim.",
    Channel.WEB: "Pelapor membaca balasan di halaman pelacakan; tandai bila sudah dikabari.",
    Channel.PHONE: "Telepon pelapor lalu tandai sudah ditelepon.",
    Channel.WALK_IN: "Cetak surat jawaban lalu tandai sudah diserahkan.",
}


def whatsapp_number(contact: str | None) -> str:
    """A WhatsApp id (country code, digits only) from what a reporter gave: 0812... -> 62812..."""
    return whatsapp_id(contact or "")


def email_address(contact: str | None) -> str:
    text = (contact or "").strip()
    match = re.search(r"<([^<>]+)>\s*$", text)
    if match:
        text = match.group(1).strip()
    return text if EMAIL_ADDRESS.match(text) else ""


def route(settings: DeliverySettings, ticket: TicketRow) -> tuple[DeliveryChannel, str, str]:
    """(channel, recipient, detail) for a public message on ``ticket``."""
    channel = Channel(ticket.channel)
    if channel is Channel.EMAIL:
        address = email_address(ticket.reporter_contact)
        if not address:
            return DeliveryChannel.MANUAL, "", "Alamat surel pelapor tidak ada; hubungi lewat jalur lain."
        if not settings.email_enabled:
            return DeliveryChannel.MANUAL, address, "Surel keluar belum dihubungkan di server; kirim sendiri."
        return DeliveryChannel.EMAIL, address, ""
    if channel is Channel.WHATSAPP:
        number = whatsapp_number(ticket.reporter_contact)
        if not number:
            return DeliveryChannel.MANUAL, "", "Nomor WhatsApp pelapor tidak ada; hubungi lewat jalur lain."
        if not settings.whatsapp_enabled:
            return DeliveryChannel.MANUAL, number, "WhatsApp belum dihubungkan di server; kirim sendiri."
        return DeliveryChannel.WHATSAPP, number, ""
    return (
        DeliveryChannel.MANUAL,
        (ticket.external_ref or ticket.reporter_contact or "")[:200],
        MANUAL_DETAIL.get(channel, "Sampaikan balasan lewat jalur aslinya lalu tandai terkirim."),
    )


def mail_domain(settings: DeliverySettings) -> str:
    address = email_address(settings.mail_from)
    return address.rsplit("@", 1)[1] if address else "tanggap.invalid"


def enqueue(
    session: Session,
    settings: DeliverySettings,
    ticket: TicketRow,
    message: MessageRow,
    purpose: DeliveryPurpose,
    now: datetime,
) -> DeliveryRow:
    """The delivery of ``message`` to the ticket's citizen, added to the caller's transaction.

    The caller's write already records the ticket's change, which carries the new delivery.
    """
    channel, recipient, detail = route(settings, ticket)
    delivery_id = str(uuid.uuid4())
    row = DeliveryRow(
        id=delivery_id,
        message_id=message.id,
        ticket_id=ticket.id,
        purpose=purpose.value,
        channel=channel.value,
        source_channel=ticket.channel,
        recipient=recipient,
        state=(DeliveryState.MANUAL if channel is DeliveryChannel.MANUAL else DeliveryState.QUEUED).value,
        detail=detail,
        attempts=0,
        next_attempt_at=now,
        attempt_open=False,
        # An e-mail's Message-ID is fixed before the first attempt: a resend after a crash is
        # the same message to every mail program, and to our own IMAP intake.
        provider_id=f"<{delivery_id}@{mail_domain(settings)}>" if channel is DeliveryChannel.EMAIL else None,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    return row


def touch_ticket(unit: WriteUnit, ticket_id: str) -> None:
    """Bump the ticket's version and log the change, so desks pull the message's new delivery."""
    ticket = unit.session.get(TicketRow, ticket_id, with_for_update=True)
    if ticket is None:
        return
    ticket.version = (ticket.version or 0) + 1
    unit.record(
        PendingChange(
            ticket_id=ticket.id,
            version=ticket.version,
            opd_before=ticket.opd_code,
            opd_after=ticket.opd_code,
            assignee_before=ticket.assignee,
            assignee_after=ticket.assignee,
            conf_before=ticket.confidentiality,
            conf_after=ticket.confidentiality,
        )
    )


# Receipts only move forward: a late "sent" never undoes "read".
_RANK = {
    DeliveryState.QUEUED: 0,
    DeliveryState.MANUAL: 0,
    DeliveryState.SENT: 1,
    DeliveryState.DELIVERED: 2,
    DeliveryState.READ: 3,
    DeliveryState.FAILED: 1,
}


def apply_receipt(
    unit: WriteUnit, provider_id: str, state: DeliveryState, detail: str, now: datetime, delivery_id: str = ""
) -> bool:
    """A channel's receipt (WhatsApp status): move the delivery forward; False if nothing changed.

    ``delivery_id`` (WhatsApp's echoed ``biz_opaque_callback_data``) finds a delivery whose send
    was interrupted before its wamid was recorded: the receipt then records it.
    """
    s = unit.session
    row = s.scalar(sa.select(DeliveryRow).where(DeliveryRow.provider_id == provider_id).with_for_update())
    if row is None and delivery_id:
        row = s.get(DeliveryRow, delivery_id, with_for_update=True)
        if row is not None and row.provider_id is None:
            row.provider_id = provider_id
            row.attempt_open = False
            row.lease_token = None
            row.sent_at = row.sent_at or now
    if row is None:
        return False
    current = DeliveryState(row.state)
    if current is DeliveryState.MANUAL:
        return False
    if (
        state is not DeliveryState.FAILED
        and _RANK[state] <= _RANK[current]
        and current is not DeliveryState.QUEUED
    ):
        return False
    if state is DeliveryState.FAILED and current in (DeliveryState.DELIVERED, DeliveryState.READ):
        return False
    row.state = state.value
    row.detail = detail
    row.updated_at = now
    if state is not DeliveryState.QUEUED:
        row.lease_token = None
        row.attempt_open = False
    touch_ticket(unit, row.ticket_id)
    return True


INSERT_DELIVERY_SQL = (
    "INSERT INTO deliveries (id, message_id, ticket_id, purpose, channel, source_channel, recipient, "
    "state, detail, attempts, next_attempt_at, lease_token, lease_until, attempt_open, provider_id, "
    "created_at, updated_at, sent_at) VALUES (:id, :message_id, :ticket_id, :purpose, :channel, "
    ":source_channel, :recipient, :state, :detail, 0, :next_attempt_at, NULL, NULL, :attempt_open, "
    ":provider_id, :created_at, :updated_at, NULL)"
)
SELECT_REPLY_ROUTE_SQL = "SELECT channel, reporter_contact, external_ref FROM tickets WHERE id = :ticket_id"


def reply_delivery_params(
    settings: DeliverySettings,
    ticket_id: str,
    channel: str,
    reporter_contact: str | None,
    external_ref: str | None,
    message_id: str,
    now: datetime,
) -> dict[str, object]:
    """The delivery row of a public reply, for the push's plain-SQL path (``INSERT_DELIVERY_SQL``,
    run in the same transaction that inserts the reply). Times are aware datetimes: the caller
    converts them for its driver (``DriverSql.when``)."""
    probe = TicketRow(
        id=ticket_id, channel=channel, reporter_contact=reporter_contact, external_ref=external_ref
    )
    route_channel, recipient, detail = route(settings, probe)
    delivery_id = str(uuid.uuid4())
    return {
        "id": delivery_id,
        "message_id": message_id,
        "ticket_id": ticket_id,
        "purpose": DeliveryPurpose.REPLY.value,
        "channel": route_channel.value,
        "source_channel": channel,
        "recipient": recipient,
        "state": (
            DeliveryState.MANUAL if route_channel is DeliveryChannel.MANUAL else DeliveryState.QUEUED
        ).value,
        "detail": detail,
        "next_attempt_at": now,
        "attempt_open": False,
        "provider_id": (
            f"<{delivery_id}@{mail_domain(settings)}>" if route_channel is DeliveryChannel.EMAIL else None
        ),
        "created_at": now,
        "updated_at": now,
    }


def reply_delivery_write(
    raw: DriverSql, ticket_id: str, message_id: str, now: datetime, settings: DeliverySettings | None = None
) -> tuple[str, dict[str, object]]:
    """The statement that queues a public reply's delivery, for the push's plain-SQL path: the
    caller runs it with the reply's own writes, in the same transaction (exactly once: the op is
    applied once, and ``uq_deliveries_message_recipient`` would refuse a second row)."""
    settings = settings or DeliverySettings.from_env()
    row = raw.driver.execute(raw.sql(SELECT_REPLY_ROUTE_SQL), {"ticket_id": ticket_id}).fetchone()
    channel, contact, external_ref = row if row is not None else ("web", None, None)
    params = reply_delivery_params(settings, ticket_id, channel, contact, external_ref, message_id, now)
    for name in ("next_attempt_at", "created_at", "updated_at"):
        params[name] = raw.when(params[name])  # type: ignore[arg-type]
    return INSERT_DELIVERY_SQL, params
