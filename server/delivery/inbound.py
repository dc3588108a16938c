"""The citizen's words coming back: appended to their ticket as a ``citizen`` message, resuming a
ticket that waited for them. Idempotent on the channel's own message id (e-mail Message-ID,
WhatsApp wamid): the message's id is derived from it, so a second poll or webhook adds nothing."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from desktop.domain import OPEN_STATUSES, Channel, FileBytes, MessageKind, Status
from server.attachments import MAIL_UPLOADER, attach
from server.db import read_session, utcnow, write_unit
from server.delivery.models import DeliveryRow
from server.models import MessageRow, TicketRow
from server.sla_service import SlaDirectoryCache
from server.tickets import SYSTEM_AUTHOR, add_message, change_status, record_write, snapshot

# A tracking number in brackets, as our subjects carry it: [DINKES-BWI-2612-00042].
TRACKING_IN_SUBJECT = re.compile(r"\[([A-Z0-9][A-Z0-9-]*-\d{4}-\d{3,})\]")
_NAMESPACE = uuid.UUID("6f1c0f52-5c4e-4d7b-9f55-0a7e8a3c2d11")
RESUME_REASON = "pelapor menjawab"


def citizen_message_id(external_id: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, external_id))


def mail_ref(message_id: str, mailbox: str = "") -> str:
    """A mail's ``external_ref``: its Message-ID, followed by the OPD whose own mailbox it came to.

    Intake is idempotent per mailbox: one mail sent to two OPDs' mailboxes is a complaint to each.
    """
    return f"{message_id} {mailbox}" if mailbox else message_id


def mail_message_id(external_ref: str | None) -> str | None:
    """The Message-ID of an e-mail ticket's ``external_ref`` (None if it has none)."""
    first = (external_ref or "").split(" ", 1)[0]
    return first if first.startswith("<") else None


def skipped_note(skipped: Sequence[str]) -> str:
    """The thread's word on attachments of a citizen's mail that were not kept."""
    lines = "\n".join(f"- {s}" for s in skipped)
    return (
        "Lampiran surel pelapor yang tidak disimpan:\n"
        f"{lines}\n"
        "Bila perlu, minta pelapor mengirimnya lagi dalam ukuran lebih kecil."
    )


def ticket_for_mail(engine: Engine, subject: str, message_ids: Iterable[str]) -> str | None:
    """The ticket a mail answers: by the tracking number in its subject, else by In-Reply-To or
    References naming one of our mails (or the citizen's first one)."""
    ids = [m for m in message_ids if m]
    with read_session(engine) as s:
        for number in TRACKING_IN_SUBJECT.findall(subject or ""):
            found = s.scalar(sa.select(TicketRow.id).where(TicketRow.tracking_no == number))
            if found:
                return found
        if ids:
            found = s.scalar(
                sa.select(DeliveryRow.ticket_id).where(DeliveryRow.provider_id.in_(ids)).limit(1)
            )
            if found:
                return found
            found = s.scalar(
                sa.select(TicketRow.id)
                .where(
                    TicketRow.channel == Channel.EMAIL.value,
                    sa.or_(
                        TicketRow.external_ref.in_(ids),
                        # Taken in from an OPD's own mailbox: "<message-id> OPD-CODE".
                        *[TicketRow.external_ref.startswith(f"{i} ", autoescape=True) for i in ids[:20]],
                    ),
                )
                .limit(1)
            )
            if found:
                return found
    return None


def started_ticket(engine: Engine, channel: Channel, external_ref: str) -> bool:
    """Whether this message already opened a ticket (it came again: a retry, a second poll)."""
    with read_session(engine) as s:
        found = s.scalar(
            sa.select(TicketRow.id).where(
                TicketRow.channel == channel.value, TicketRow.external_ref == external_ref
            )
        )
    return found is not None


def open_ticket_for_number(engine: Engine, number: str) -> str | None:
    """The newest open WhatsApp ticket of this number (a rebuttal window counts as open)."""
    statuses = [s.value for s in OPEN_STATUSES] + [Status.SELESAI.value]
    with read_session(engine) as s:
        candidates = s.execute(
            sa.select(TicketRow.id, TicketRow.reporter_contact)
            .where(TicketRow.channel == Channel.WHATSAPP.value, TicketRow.status.in_(statuses))
            .order_by(TicketRow.received_at.desc())
        ).all()
    from server.delivery.outbox import whatsapp_number

    for ticket_id, contact in candidates:
        if whatsapp_number(contact) == number:
            return str(ticket_id)
    return None


def append_citizen_message(
    engine: Engine,
    sla_cache: SlaDirectoryCache,
    ticket_id: str,
    external_id: str,
    body: str,
    at: datetime | None = None,
    files: Sequence[FileBytes] = (),
    skipped: Sequence[str] = (),
) -> bool:
    """Add the citizen's message to the thread, with the files they sent (and a word on those not
    kept, ``skipped``); False if it was added before (same external id): nothing is added twice."""
    now = utcnow()
    at = min(at or now, now)
    message_id = citizen_message_id(external_id)
    sla = sla_cache.get()
    with write_unit(engine) as unit:
        s: Session = unit.session
        ticket = s.get(TicketRow, ticket_id, with_for_update=True)
        if ticket is None or s.get(MessageRow, message_id) is not None:
            return False
        add_message(
            s,
            ticket,
            MessageKind.CITIZEN,
            "pelapor",
            body.strip()[:20000] or "(pesan kosong)",
            at,
            message_id=message_id,
        )
        # In the same write as the message: the change it records carries them to the desks.
        attach(s, ticket.id, list(files), MAIL_UPLOADER)
        if skipped:
            add_message(s, ticket, MessageKind.EVENT, SYSTEM_AUTHOR, skipped_note(skipped), at)
        if ticket.status == Status.MENUNGGU_PELAPOR.value:
            # The wait is over: the clock runs again from now (change_status ends the pause).
            change_status(unit, sla, ticket, Status.DITINDAKLANJUTI, RESUME_REASON, SYSTEM_AUTHOR, now)
        else:
            record_write(unit, ticket, snapshot(ticket), sla)
        return True
