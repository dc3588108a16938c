"""The request for the citizen's answer when a ticket reaches ``selesai`` (docs/lacak.md).

One message per ``selesai`` transition, through the ticket's own channel (e-mail or WhatsApp
only: the desk tells walk-in, phone and manual-channel citizens itself), queued in the same
transaction as the status change. Its message id is derived from the op's id, so the op that
made the transition owns it: a resent op is a duplicate and adds nothing, a later ``selesai``
(after the citizen's rebuttal reopened the ticket) is a new op and a new message.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from desktop.domain import Channel, MessageKind, Status
from desktop.ops.deadlines import SlaDirectory
from desktop.sla.policy import rebuttal_ends
from server.delivery.ack import ACK_CHANNELS
from server.delivery.models import DeliveryChannel, DeliveryPurpose
from server.delivery.outbox import enqueue, route
from server.delivery.settings import DeliverySettings
from server.delivery.text import feedback_request
from server.models import FeedbackRow, MessageRow, OpdRow, TicketRow
from server.tickets import SYSTEM_AUTHOR, add_message

_NAMESPACE = uuid.UUID("5d0c7a51-9e4b-4c0e-8f57-1f3f2a6a0b17")
# server.public.feedback.Effect.REOPENED (importing server.public would load the pages and templates)
REOPENED = "reopened"


def feedback_message_id(op_id: str) -> str:
    """The feedback request's message id for the ``set_status`` op that resolved the ticket."""
    return str(uuid.uuid5(_NAMESPACE, f"tanggapan:{op_id}"))


def request_feedback(
    session: Session,
    settings: DeliverySettings,
    sla: SlaDirectory,
    ticket: TicketRow,
    op_id: str,
    now: datetime,
) -> MessageRow | None:
    """In the transaction that set ``selesai``: the request as a message of the thread (kind
    ``event`` by the system, like the acknowledgement) and its delivery. None when there is
    nobody to send it to automatically, or no public page to send them to."""
    if ticket.status != Status.SELESAI.value or ticket.resolved_at is None:
        return None
    if Channel(ticket.channel) not in ACK_CHANNELS:
        return None
    if route(settings, ticket)[0] is DeliveryChannel.MANUAL:
        return None  # no address, or the channel is not connected: the officer tells the citizen
    link = settings.tracking_link(ticket.tracking_no, ticket.public_key) if ticket.public_key else ""
    if not link:
        return None  # no TANGGAP_PUBLIC_URL: there is no form to point to
    message_id = feedback_message_id(op_id)
    if session.get(MessageRow, message_id) is not None:
        return None
    policy = sla.policy(ticket.opd_code, ticket.category_code, Channel(ticket.channel))
    rebutted = session.scalar(
        sa.select(FeedbackRow.id)
        .where(FeedbackRow.ticket_id == ticket.id, FeedbackRow.effect == REOPENED)
        .limit(1)
    )
    opd = session.get(OpdRow, ticket.opd_code)
    text = feedback_request(
        ticket.tracking_no,
        link,
        rebuttal_ends(ticket.resolved_at, policy),
        policy.rebuttal_calendar_days,
        opd.tz if opd else "Asia/Jakarta",
        rebutted is not None,
    )
    message = add_message(session, ticket, MessageKind.EVENT, SYSTEM_AUTHOR, text, now, message_id=message_id)
    session.flush()
    enqueue(session, settings, ticket, message, DeliveryPurpose.FEEDBACK, now)
    return message
