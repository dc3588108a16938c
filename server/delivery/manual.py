"""The officer's side of a delivery: "Tandai terkirim" for a manual one (the ``mark_delivered``
op's server effect) and "Kirim ulang" for a failed one. Each is applied inside the op's write
unit; the ticket's change carries the new state to every desk."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa

from server.db import WriteUnit
from server.delivery.models import DeliveryChannel, DeliveryRow, DeliveryState
from server.delivery.outbox import mail_domain, touch_ticket
from server.delivery.settings import DeliverySettings
from server.models import MessageRow, TicketRow
from server.scope import Caller, in_scope
from server.tickets import OpConflict, OpRejected

MAX_REF_CHARS = 500


def _message_deliveries(
    unit: WriteUnit, caller: Caller, ticket: TicketRow | None, message_id: str
) -> list[DeliveryRow]:
    if ticket is None or not in_scope(caller, ticket.opd_code, ticket.assignee, ticket.confidentiality):
        raise OpRejected("not_found", "Tiket tidak ditemukan.")
    message = unit.session.get(MessageRow, message_id)
    if message is None or message.ticket_id != ticket.id:
        raise OpRejected("unknown_message", "Balasan itu tidak ada di tiket ini.")
    rows = list(
        unit.session.scalars(
            sa.select(DeliveryRow).where(DeliveryRow.message_id == message_id).with_for_update()
        )
    )
    if not rows:
        raise OpRejected("no_delivery", "Pesan ini tidak dikirim ke pelapor.")
    return rows


def mark_delivered(
    unit: WriteUnit,
    caller: Caller,
    ticket: TicketRow | None,
    message_id: str,
    channel: str,
    ref: str,
    at: datetime,
) -> None:
    """The officer posted, phoned or handed over the reply. ``ref``: the post's link, LAPOR!'s
    follow-up id, or a note. Marking a delivery the channel already confirmed changes nothing."""
    rows = _message_deliveries(unit, caller, ticket, message_id)
    for row in rows:
        if row.state in (DeliveryState.DELIVERED.value, DeliveryState.READ.value):
            continue
        row.state = DeliveryState.DELIVERED.value
        where = f" lewat {channel}" if channel else ""
        row.detail = (f"Ditandai terkirim{where} oleh {caller.username}" + (f": {ref}" if ref else ""))[:2000]
        row.updated_at = at
        row.lease_token = None
        row.lease_until = None
        row.attempt_open = False
    # Even when nothing changed: a desk counts one version per op it has waiting (the next op's
    # base_version), so an op that took effect always bumps the ticket's version.
    assert ticket is not None
    touch_ticket(unit, ticket.id)


def resend(
    unit: WriteUnit,
    caller: Caller,
    ticket: TicketRow | None,
    message_id: str,
    at: datetime,
    channel: str | None = None,
    recipient: str = "",
) -> None:
    """A failed delivery goes back to the queue ("Kirim ulang"), its attempts counted afresh.

    An e-mail keeps its Message-ID (it is the same reply); WhatsApp gets a new wamid when sent.
    With ``channel`` (``email``/``whatsapp``) and ``recipient``, the failed delivery goes there
    instead (an address the citizen gave since): still one delivery per reply, so the summary
    counts the reply once. Nothing failed (a colleague resent it, or a late receipt came): a
    conflict, not a rejection, so the desk's later ops on the ticket still go.
    """
    rows = _message_deliveries(unit, caller, ticket, message_id)
    failed = [r for r in rows if r.state == DeliveryState.FAILED.value]
    if not failed:
        raise OpConflict("not_failed", "Hanya pengiriman yang gagal yang dapat dikirim ulang.")
    settings = DeliverySettings.from_env()
    if channel is not None:
        enabled = settings.email_enabled if channel == DeliveryChannel.EMAIL else settings.whatsapp_enabled
        if not enabled:
            name = "Surel keluar" if channel == DeliveryChannel.EMAIL else "WhatsApp"
            raise OpRejected("channel_off", f"{name} belum dihubungkan di server ini.")
        taken = {r.recipient for r in rows if r is not failed[0]}
        if recipient in taken:
            raise OpConflict("already_there", "Balasan ini sudah dikirim ke alamat itu.")
        row = failed[0]
        row.channel = channel
        row.recipient = recipient
        row.provider_id = (
            f"<{uuid.uuid4()}@{mail_domain(settings)}>" if channel == DeliveryChannel.EMAIL else None
        )
        failed = [row]
    for row in failed:
        row.state = DeliveryState.QUEUED.value
        row.detail = f"Dikirim ulang atas permintaan {caller.username}"
        row.attempts = 0
        row.next_attempt_at = at
        row.updated_at = at
        row.lease_token = None
        row.lease_until = None
        row.attempt_open = False
        if row.channel == DeliveryChannel.WHATSAPP:
            row.provider_id = None
    assert ticket is not None
    touch_ticket(unit, ticket.id)
