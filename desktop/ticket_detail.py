"""What the ticket pane and the queue's countdown read: one ticket with its thread, and the
desk's directory (officers, categories, OPDs with their working calendars, canned responses).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from db import models
from db.repositories import NoticeRepository
from desktop import domain as d
from desktop.delivery import DELIVERY_OPS
from desktop.incident_view import IncidentView, incident_of
from desktop.ops.deadlines import facts_of
from desktop.queue import QueueRow
from desktop.sla import (
    TicketFacts,
    Urgency,
    WorkCalendar,
    calendar_from_directory,
    office_hours_from_json,
    urgency,
)
from desktop.store import LocalStore, ticket_from_row


@dataclass(frozen=True, slots=True)
class DeskDirectory:
    """The slow-changing facts a desk works with, read once and after each directory sync."""

    officers: Mapping[str, d.Officer] = field(default_factory=dict)
    categories: Mapping[str, d.Category] = field(default_factory=dict)
    opds: Mapping[str, d.Opd] = field(default_factory=dict)
    calendars: Mapping[str, WorkCalendar] = field(default_factory=dict)
    canned: tuple[d.CannedResponse, ...] = ()

    def officer_name(self, username: str | None) -> str:
        if username is None:
            return ""
        officer = self.officers.get(username)
        return officer.name if officer else username

    def category_name(self, code: str | None) -> str:
        if code is None:
            return ""
        category = self.categories.get(code)
        return category.name if category else code

    def calendar(self, opd_code: str) -> WorkCalendar:
        found = self.calendars.get(opd_code)
        if found is None:
            found = calendar_from_directory("Asia/Jakarta", None, ())
        return found

    def tz(self, opd_code: str) -> str:
        opd = self.opds.get(opd_code)
        return opd.tz if opd else "Asia/Jakarta"

    def tier(self, code: str | None) -> d.Tier:
        category = self.categories.get(code or "")
        return category.tier if category else d.Tier.NORMATIF


def load_directory(store: LocalStore) -> DeskDirectory:
    with store.read() as session:
        officers = {
            o.username: d.Officer(o.username, o.name, d.Role(o.role), o.opd_code)
            for o in session.scalars(select(models.Officer))
        }
        categories = {
            c.code: d.Category(c.code, c.name, d.Tier(c.tier))
            for c in session.scalars(select(models.Category))
        }
        opd_rows = list(session.scalars(select(models.Opd)))
        days = list(session.scalars(select(models.NonWorkingDay)))
        canned = tuple(
            d.CannedResponse(c.id, c.opd_code or "", c.title, c.body)
            for c in session.scalars(select(models.CannedResponse).order_by(models.CannedResponse.title))
        )
    opds: dict[str, d.Opd] = {}
    calendars: dict[str, WorkCalendar] = {}
    for o in opd_rows:
        opds[o.code] = d.Opd(o.code, o.name, o.region, o.tz, o.address, o.status_url, o.public_url)
        mine = [x for x in days if x.opd_code in (None, o.code)]
        hours = office_hours_from_json(o.office_hours) if o.office_hours else None
        calendars[o.code] = calendar_from_directory(
            o.tz,
            hours,
            [x.day for x in mine if not x.working],
            [x.day for x in mine if x.working],
        )
    return DeskDirectory(officers, categories, opds, calendars, canned)


def facts_of_row(
    row: QueueRow | d.Ticket, tier: d.Tier, followed_up_at: datetime | None = None
) -> TicketFacts:
    """The shared row -> facts mapping (``desktop.ops.deadlines.facts_of``); a domain ticket's
    ``followed_up_at`` may come from its detail."""
    if isinstance(row, d.Ticket) and followed_up_at is not None and row.followed_up_at is None:
        row = dataclasses.replace(row, followed_up_at=followed_up_at)
    return facts_of(row, tier)


def urgency_of(row: QueueRow, directory: DeskDirectory, now: datetime) -> Urgency | None:
    """The SLA engine's urgency of a queue line; None for a ticket with nothing left to meet."""
    if not row.status.is_open:
        return None
    return urgency(
        facts_of_row(row, directory.tier(row.category_code)),
        row.deadlines,
        directory.calendar(row.opd_code),
        now,
    )


@dataclass(frozen=True, slots=True)
class OpInfo:
    op_id: str
    type: d.OpType
    state: d.OpState
    created_at: datetime
    reason: str | None


@dataclass(frozen=True, slots=True)
class TicketDetail:
    ticket: d.Ticket
    followed_up_at: datetime | None
    ops: tuple[OpInfo, ...]  # this desk's ops on the ticket, newest last
    # Message ids whose op was answered by the server since it was written here.
    sent_message_ids: frozenset[str]
    # Files attached at this desk: attachment id -> the state of the op that sends it.
    attachment_ops: Mapping[str, d.OpState] = field(default_factory=dict)
    # Replies whose "Sudah diposting"/"Kirim ulang" waits to sync: message id -> op type.
    delivery_ops: Mapping[str, str] = field(default_factory=dict)
    # The incident the ticket is linked to, with its tickets on this desk (docs/incidents.md).
    incident: IncidentView | None = None

    @property
    def waiting_ops(self) -> int:
        return sum(1 for op in self.ops if not op.state.is_terminal)


def load_ticket(store: LocalStore, ticket_id: str) -> TicketDetail | None:
    with store.read() as session:
        stmt = (
            select(models.Ticket)
            .where(models.Ticket.id == ticket_id)
            .options(selectinload(models.Ticket.messages), selectinload(models.Ticket.attachments))
        )
        row = session.scalars(stmt).one_or_none()
        if row is None:
            return None
        ops = session.scalars(
            select(models.OutboxOp)
            .where(models.OutboxOp.ticket_id == ticket_id)
            .order_by(models.OutboxOp.seq)
        ).all()
        sent = frozenset(
            str(op.payload.get("message_id"))
            for op in ops
            if op.state in (d.OpState.APPLIED.value, d.OpState.DUPLICATE.value)
            and op.type in (d.OpType.REPLY.value, d.OpType.NOTE.value)
            and isinstance(op.payload, dict)
            and op.payload.get("message_id")
        )
        attached = {
            str(op.payload["attachment"].get("id")): d.OpState(op.state)
            for op in ops
            if op.type == d.OpType.ATTACH.value
            and isinstance(op.payload, dict)
            and isinstance(op.payload.get("attachment"), dict)
        }
        return TicketDetail(
            ticket=ticket_from_row(row),
            followed_up_at=row.followed_up_at,
            ops=tuple(
                OpInfo(op.op_id, d.OpType(op.type), d.OpState(op.state), op.created_at, op.reason_message)
                for op in ops
            ),
            sent_message_ids=sent,
            attachment_ops=attached,
            delivery_ops={
                str(op.payload.get("message_id")): op.type
                for op in ops
                if op.type in DELIVERY_OPS and not d.OpState(op.state).is_terminal
            },
            incident=incident_of(session, row),
        )


@dataclass(frozen=True, slots=True)
class Notice:
    """A conflict, rejection or revoke the user must see and acknowledge."""

    id: int
    kind: str
    code: str
    message: str
    tracking_no: str | None
    ticket_id: str | None
    created_at: datetime


def open_notices(store: LocalStore) -> list[Notice]:
    with store.read() as session:
        return [
            Notice(n.id, n.kind, n.code, n.message, n.tracking_no, n.ticket_id, n.created_at)
            for n in NoticeRepository(session).unacknowledged()
        ]


_PLACEHOLDER = re.compile(r"\{(nama_pelapor|nomor_tiket|tenggat)\}")
# "paling lambat {tenggat}" / "sebelum {tenggat}" when no deadline is still ahead: the words that
# lead up to a date go with it, so the sentence reads "... akan kami tindak lanjuti segera."
_MISSED_DEADLINE = re.compile(r"(?:paling lambat|selambat-lambatnya|sebelum|by|before)\s+\{tenggat\}", re.I)
NO_PROMISE = "segera"


def fill_placeholders(
    template: str, ticket: d.Ticket, *, deadline_text: str | None, hidden_name: str = "Bapak/Ibu"
) -> str:
    """A canned response with the reporter's name, tracking number and deadline filled in.

    A hidden identity becomes a polite form of address, never a name the desk may not see.
    ``deadline_text`` None: no deadline is still ahead (see ``wording.promised_deadline``), so the
    reply promises to act "segera" instead of naming a date that has passed.
    """
    if deadline_text is None:
        template = _MISSED_DEADLINE.sub(NO_PROMISE, template)
    values = {
        "nama_pelapor": ticket.reporter.name if ticket.reporter is not None else hidden_name,
        "nomor_tiket": ticket.tracking_no,
        "tenggat": deadline_text or NO_PROMISE,
    }
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def fill_canned(
    template: str,
    ticket: d.Ticket,
    *,
    now: datetime,
    tz: str,
    lang: str = "id",
    hidden_name: str = "Bapak/Ibu",
) -> str:
    """``fill_placeholders`` with the deadline a reply may still promise at ``now`` (never a past one)."""
    from desktop import wording

    deadline = wording.promised_deadline(ticket.deadlines, now)
    text = wording.format_datetime(deadline, tz, lang) if deadline is not None else None
    return fill_placeholders(template, ticket, deadline_text=text, hidden_name=hidden_name)


def working_day_length(calendar: WorkCalendar) -> timedelta:
    return calendar.working_day_length()
