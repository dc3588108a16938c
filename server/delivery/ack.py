"""The automatic acknowledgement of a complaint taken in by e-mail or WhatsApp."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from desktop.domain import Channel, MessageKind
from server.delivery.models import DeliveryChannel, DeliveryPurpose
from server.delivery.outbox import enqueue, route
from server.delivery.settings import DeliverySettings
from server.delivery.text import acknowledgement
from server.models import OpdRow, TicketRow
from server.tickets import SYSTEM_AUTHOR, add_message

ACK_CHANNELS = frozenset({Channel.EMAIL, Channel.WHATSAPP})


def acknowledge(session: Session, settings: DeliverySettings, ticket: TicketRow, now: datetime) -> None:
    """In the creating transaction: the acknowledgement as a message of the thread (kind ``event``,
    so it is not the officer's first response) and its delivery to the citizen."""
    if Channel(ticket.channel) not in ACK_CHANNELS:
        return
    if route(settings, ticket)[0] is DeliveryChannel.MANUAL:
        return  # the channel is not connected (or no address): nobody to acknowledge automatically
    opd = session.get(OpdRow, ticket.opd_code)
    text = acknowledgement(
        ticket.tracking_no,
        opd.name if opd else ticket.opd_code,
        ticket.deadline_first_response,
        opd.tz if opd else "Asia/Jakarta",
        settings.tracking_link(ticket.tracking_no, ticket.public_key),
    )
    message = add_message(session, ticket, MessageKind.EVENT, SYSTEM_AUTHOR, text, now)
    session.flush()
    enqueue(session, settings, ticket, message, DeliveryPurpose.ACK, now)
