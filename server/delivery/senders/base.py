"""What a sender is: one outgoing message in, one outcome out. A new channel is one module."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from server.delivery.models import DeliveryChannel, DeliveryPurpose


@dataclass(frozen=True)
class Outgoing:
    delivery_id: str
    purpose: DeliveryPurpose
    recipient: str
    provider_id: str | None  # fixed before the first attempt where the channel allows it (e-mail)
    tracking_no: str
    title: str
    body: str
    tracking_link: str
    # E-mail threading: the citizen's own Message-ID and every id of the thread so far.
    in_reply_to: str | None
    references: tuple[str, ...]
    # WhatsApp's 24-hour window: when the citizen last wrote.
    last_inbound_at: datetime
    now: datetime
    # E-mail: the From of the ticket's OPD (its own mailbox, docs/channels.md); "": the server's.
    mail_from: str = ""


@dataclass(frozen=True)
class Sent:
    provider_id: str


@dataclass(frozen=True)
class Retry:
    """A passing failure (connection lost, server busy): try again later."""

    reason: str


@dataclass(frozen=True)
class Refused:
    """The provider refused this message for good (unknown address, number not on WhatsApp)."""

    reason: str


Outcome = Sent | Retry | Refused


class Sender(Protocol):
    channel: DeliveryChannel
    # Whether sending again after an interrupted attempt is safe: e-mail yes (the same
    # Message-ID is the same message to every mail program); WhatsApp no (a second wamid).
    resend_safe: bool

    def send(self, item: Outgoing) -> Outcome: ...
