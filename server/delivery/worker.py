"""The delivery worker: claim due deliveries, send them, record the outcome.

Exactly once, argued (docs/channels.md repeats it for administrators):

1. One row per (message, recipient): the reply op that creates it is applied once (processed
   ops), and the unique key would refuse a second row anyway.
2. Claiming is a compare-and-set, ``UPDATE deliveries SET lease_token=:mine ... WHERE id=:id AND
   state='queued' AND (lease_until IS NULL OR lease_until < :now)``, committed before anything is
   sent. PostgreSQL re-checks the WHERE after waiting for a concurrent claimer's row lock, and
   SQLite runs one writer at a time, so of two workers exactly one sees a row count of 1.
3. The same commit sets ``attempt_open``; the outcome's commit clears it, and only where
   ``lease_token`` is still ours. A worker that dies between sending and recording leaves
   ``attempt_open`` set; once its lease has run out the next claim sees it and knows the provider
   may already have the message:
   - e-mail is sent again under the same Message-ID (fixed when the delivery was queued), which
     every mail program and our own IMAP intake treat as the same message;
   - WhatsApp is not sent again (the Cloud API has no idempotency key): the delivery becomes
     ``failed`` with "hasil pengiriman tidak diketahui", so an officer decides ("Kirim ulang"); if
     the message did go out, its status webhook echoes the delivery id
     (``biz_opaque_callback_data``), records the wamid and moves it on to delivered or read.
4. A lease is longer than any sender's timeout, so a live worker's claim never runs out under it.
"""

from __future__ import annotations

import logging
import os
import random
import signal
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.engine import CursorResult, Engine

from server.db import read_session, utcnow, write_unit
from server.delivery.inbound import mail_message_id
from server.delivery.models import DeliveryChannel, DeliveryPurpose, DeliveryRow, DeliveryState
from server.delivery.outbox import touch_ticket
from server.delivery.senders.base import Outgoing, Refused, Retry, Sender, Sent
from server.delivery.settings import DeliverySettings
from server.models import MessageRow, OpdRow, TicketRow

log = logging.getLogger("tanggap.delivery")
# FOR TESTS ONLY: SIGKILL this process right after its Nth accepted send, before the outcome is
# recorded (the exactly-once test's worst moment).
KILL_AFTER_SENDS_ENV = "TANGGAP_TEST_KILL_DELIVERY_AFTER"
_sends = 0


def _maybe_die() -> None:
    global _sends
    wanted = os.environ.get(KILL_AFTER_SENDS_ENV)
    if wanted:
        _sends += 1
        if _sends >= int(wanted):
            os.kill(os.getpid(), signal.SIGKILL)


def senders_from(settings: DeliverySettings) -> dict[DeliveryChannel, Sender]:
    from server.delivery.senders.email import EmailSender
    from server.delivery.senders.whatsapp import WhatsAppSender

    out: dict[DeliveryChannel, Sender] = {}
    if settings.email_enabled:
        out[DeliveryChannel.EMAIL] = EmailSender(settings.smtp_url, settings.mail_from)
    if settings.whatsapp_enabled:
        out[DeliveryChannel.WHATSAPP] = WhatsAppSender(
            settings.whatsapp_api_url,
            settings.whatsapp_phone_number_id,
            settings.whatsapp_token,
            settings.whatsapp_template,
            settings.whatsapp_template_language,
        )
    return out


def backoff(settings: DeliverySettings, attempts: int, rng: random.Random | None = None) -> timedelta:
    """The wait before retry number ``attempts``: doubling from the base, capped, jittered +-50 %."""
    base = min(settings.backoff_cap_seconds, settings.backoff_seconds * 2 ** max(0, attempts - 1))
    return timedelta(seconds=base * (rng or random).uniform(0.5, 1.5))


@dataclass(frozen=True)
class Claim:
    delivery_id: str
    ticket_id: str
    token: str
    channel: DeliveryChannel
    interrupted: bool  # the previous attempt's outcome was never recorded
    attempts: int
    item: Outgoing


def _due(engine: Engine, now: datetime, limit: int, channels: list[str]) -> list[str]:
    with read_session(engine) as session:
        return list(
            session.scalars(
                sa.select(DeliveryRow.id)
                .where(
                    DeliveryRow.state == DeliveryState.QUEUED.value,
                    DeliveryRow.next_attempt_at <= now,
                    sa.or_(DeliveryRow.lease_until.is_(None), DeliveryRow.lease_until < now),
                    DeliveryRow.channel.in_(channels),
                )
                .order_by(DeliveryRow.next_attempt_at)
                .limit(limit)
            )
        )


def claim(
    engine: Engine, settings: DeliverySettings, channels: list[str], now: datetime, limit: int = 20
) -> list[Claim]:
    """Take up to ``limit`` due deliveries for this worker; each commit is its own claim."""
    out = []
    for delivery_id in _due(engine, now, limit, channels):
        token = str(uuid.uuid4())
        with write_unit(engine) as unit:
            s = unit.session
            result = cast(
                CursorResult[Any],
                s.execute(
                    sa.update(DeliveryRow)
                    .where(
                        DeliveryRow.id == delivery_id,
                        DeliveryRow.state == DeliveryState.QUEUED.value,
                        sa.or_(DeliveryRow.lease_until.is_(None), DeliveryRow.lease_until < now),
                    )
                    .values(
                        lease_token=token,
                        lease_until=now + timedelta(seconds=settings.lease_seconds),
                        attempts=DeliveryRow.attempts + 1,
                    )
                    .execution_options(synchronize_session=False)
                ),
            )
            if result.rowcount != 1:
                continue  # another worker has it
            row = s.get(DeliveryRow, delivery_id)
            assert row is not None
            s.refresh(row)
            interrupted = row.attempt_open
            row.attempt_open = True
            item = _outgoing(s, settings, row, now)
        out.append(
            Claim(
                delivery_id,
                row.ticket_id,
                token,
                DeliveryChannel(row.channel),
                interrupted,
                row.attempts,
                item,
            )
        )
    return out


def _outgoing(s: Any, settings: DeliverySettings, row: DeliveryRow, now: datetime) -> Outgoing:
    ticket = s.get(TicketRow, row.ticket_id)
    message = s.get(MessageRow, row.message_id)
    last_inbound = s.scalar(
        sa.select(sa.func.max(MessageRow.created_at)).where(
            MessageRow.ticket_id == row.ticket_id, MessageRow.kind == "citizen"
        )
    )
    # The thread: the citizen's first mail, then every mail we sent on this ticket.
    ours = s.scalars(
        sa.select(DeliveryRow.provider_id)
        .where(
            DeliveryRow.ticket_id == row.ticket_id,
            DeliveryRow.channel == DeliveryChannel.EMAIL.value,
            DeliveryRow.provider_id.is_not(None),
            DeliveryRow.id != row.id,
            DeliveryRow.sent_at.is_not(None),
        )
        .order_by(DeliveryRow.sent_at)
    ).all()
    original = mail_message_id(ticket.external_ref) if ticket.channel == "email" else None
    opd = s.get(OpdRow, ticket.opd_code)
    references = tuple(r for r in ([original] if original else []) + list(ours) if r)
    return Outgoing(
        delivery_id=row.id,
        purpose=DeliveryPurpose(row.purpose),
        recipient=row.recipient,
        provider_id=row.provider_id,
        tracking_no=ticket.tracking_no,
        title=ticket.title,
        body=message.body,
        tracking_link=settings.tracking_link(ticket.tracking_no, ticket.public_key),
        in_reply_to=original,
        references=references[-20:],
        last_inbound_at=max(filter(None, [last_inbound, ticket.received_at])),
        now=now,
        mail_from=opd.mail_from if opd is not None else "",
    )


def _record(engine: Engine, c: Claim, values: Mapping[str, Any], now: datetime) -> bool:
    """Write the outcome if the claim is still ours; the ticket's change carries it to desks."""
    with write_unit(engine) as unit:
        result = cast(
            CursorResult[Any],
            unit.session.execute(
                sa.update(DeliveryRow)
                .where(DeliveryRow.id == c.delivery_id, DeliveryRow.lease_token == c.token)
                .values(lease_token=None, lease_until=None, attempt_open=False, updated_at=now, **values)
                .execution_options(synchronize_session=False)
            ),
        )
        if result.rowcount != 1:
            return False  # a receipt or an officer got there first
        if "state" in values:
            touch_ticket(unit, c.ticket_id)  # a retry's wait is the worker's business, not the desk's
        return True


def process(
    engine: Engine,
    settings: DeliverySettings,
    senders: Mapping[DeliveryChannel, Sender],
    c: Claim,
    now: datetime | None = None,
    rng: random.Random | None = None,
) -> DeliveryState:
    """Send one claimed delivery and record what happened; returns its state afterwards."""
    now = now or utcnow()
    sender = senders[c.channel]
    if c.interrupted and not sender.resend_safe:
        _record(
            engine,
            c,
            {
                "state": DeliveryState.FAILED.value,
                "detail": "hasil pengiriman tidak diketahui (server berhenti saat mengirim); "
                "periksa lalu kirim ulang bila perlu",
            },
            now,
        )
        return DeliveryState.FAILED
    outcome = sender.send(c.item)
    if isinstance(outcome, Sent):
        _maybe_die()
        _record(
            engine,
            c,
            {
                "state": DeliveryState.SENT.value,
                "provider_id": outcome.provider_id,
                "detail": "",
                "sent_at": now,
            },
            now,
        )
        return DeliveryState.SENT
    if isinstance(outcome, Refused) or c.attempts >= settings.max_attempts:
        reason = outcome.reason
        _record(engine, c, {"state": DeliveryState.FAILED.value, "detail": reason}, now)
        log.warning("delivery %s failed: %s", c.delivery_id, reason)
        return DeliveryState.FAILED
    assert isinstance(outcome, Retry)
    _record(
        engine,
        c,
        {
            "next_attempt_at": now + backoff(settings, c.attempts, rng),
            "detail": f"dicoba lagi: {outcome.reason}",
        },
        now,
    )
    return DeliveryState.QUEUED


def run_once(
    engine: Engine,
    settings: DeliverySettings,
    senders: Mapping[DeliveryChannel, Sender],
    now: datetime | None = None,
    limit: int = 20,
) -> dict[str, int]:
    """One pass: claim what is due and send it. Returns how many ended in each state."""
    now = now or utcnow()
    counts: dict[str, int] = {}
    if not senders:
        return counts
    for c in claim(engine, settings, [ch.value for ch in senders], now, limit):
        try:
            state = process(engine, settings, senders, c, now)
        except Exception:
            # The claim's lease runs out and the attempt counts as interrupted: nothing is lost.
            log.exception("delivery %s: sender crashed", c.delivery_id)
            continue
        counts[state.value] = counts.get(state.value, 0) + 1
    return counts


def drain(
    engine: Engine,
    settings: DeliverySettings,
    senders: Mapping[DeliveryChannel, Sender],
    now: datetime | None = None,
) -> dict[str, int]:
    """``run_once`` until nothing due is left (retries due later stay queued)."""
    total: dict[str, int] = {}
    while True:
        counts = run_once(engine, settings, senders, now)
        if not counts:
            return total
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
