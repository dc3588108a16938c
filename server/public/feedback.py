"""The citizen's answer after ``selesai``: recorded always, and what it does to the ticket.

- ``ya`` within the rebuttal window, first answer since this resolution: the ticket closes.
- ``tidak`` likewise, and no earlier rebuttal: the ticket reopens to ``ditindaklanjuti`` with the
  comment as the citizen's message (kind ``citizen``); the SLA deadlines are recomputed.
- Otherwise (after the window, a second answer, a second rebuttal): recorded and shown, no change.

Tickets never resolved, rejected, or closed without an answer (the rebuttal window ran out) take
none. The ticket holds one rating, the latest given. Every write bumps the ticket and its change
log, so the desks see the answer at their next sync.
"""

from __future__ import annotations

import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from desktop.domain import Channel, Status
from desktop.sla.policy import rebuttal_ends
from server.db import utcnow, write_unit
from server.models import FeedbackRow, MessageRow, TicketRow
from server.sla_service import SlaDirectoryCache
from server.tickets import change_status, record_write, snapshot

# The delivery helper's MessageKind.CITIZEN has this value: a message from the citizen.
CITIZEN_KIND = "citizen"
CITIZEN_AUTHOR = "pelapor"
MAX_COMMENT = 5000


class Effect(StrEnum):
    CLOSED = "closed"
    REOPENED = "reopened"
    RECORDED = "recorded"


class NotFound(Exception):
    """No such ticket, or the wrong key: the caller cannot tell which."""


class NotAccepted(Exception):
    """This ticket takes no answer (never resolved, rejected, or closed without one)."""


@dataclass(frozen=True)
class Answer:
    selesai: bool
    nilai: int | None
    komentar: str


def key_matches(ticket_key: str | None, given: str) -> bool:
    return bool(ticket_key) and hmac.compare_digest((ticket_key or "").encode(), given.encode())


def record_answer(
    engine: Engine,
    sla_cache: SlaDirectoryCache,
    tracking_no: str,
    key: str,
    answer: Answer,
    now: datetime | None = None,
) -> Effect:
    now = now or utcnow()
    sla = sla_cache.get()
    with write_unit(engine) as unit:
        s = unit.session
        ticket = s.scalar(sa.select(TicketRow).where(TicketRow.tracking_no == tracking_no).with_for_update())
        if ticket is None or not key_matches(ticket.public_key, key):
            raise NotFound()
        earlier = list(s.scalars(sa.select(FeedbackRow).where(FeedbackRow.ticket_id == ticket.id)))
        status = Status(ticket.status)
        if status is not Status.SELESAI and not earlier:
            raise NotAccepted()
        in_round = (
            status is Status.SELESAI
            and ticket.resolved_at is not None
            and now
            < rebuttal_ends(
                ticket.resolved_at,
                sla.policy(ticket.opd_code, ticket.category_code, Channel(ticket.channel)),
            )
            and not any(a.created_at >= ticket.resolved_at for a in earlier)
        )
        if in_round and answer.selesai:
            effect = Effect.CLOSED
        elif in_round and not any(a.effect == Effect.REOPENED for a in earlier):
            effect = Effect.REOPENED
        else:
            effect = Effect.RECORDED
        komentar = answer.komentar.strip()[:MAX_COMMENT]
        s.add(
            FeedbackRow(
                ticket_id=ticket.id,
                selesai=answer.selesai,
                nilai=answer.nilai,
                komentar=komentar,
                effect=effect.value,
                created_at=now,
            )
        )
        before = snapshot(ticket)
        ticket.feedback_selesai = answer.selesai
        ticket.feedback_at = now
        if answer.nilai is not None:
            ticket.feedback_nilai = answer.nilai
        if effect is Effect.CLOSED:
            change_status(
                unit, sla, ticket, Status.DITUTUP, "pelapor menyatakan masalah selesai", CITIZEN_AUTHOR, now
            )
        elif effect is Effect.REOPENED:
            # Not add_message: MessageKind gains CITIZEN with the delivery work (issue 21).
            s.add(
                MessageRow(
                    id=str(uuid.uuid4()),
                    ticket_id=ticket.id,
                    kind=CITIZEN_KIND,
                    author=CITIZEN_AUTHOR,
                    body=komentar or "Pelapor menyatakan masalahnya belum selesai.",
                    created_at=now,
                    conflict=None,
                )
            )
            change_status(unit, sla, ticket, Status.DITINDAKLANJUTI, "sanggahan pelapor", CITIZEN_AUTHOR, now)
        else:
            record_write(unit, ticket, before, sla)
        return effect
