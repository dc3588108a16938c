"""Incidents at the desk: link tickets, unlink one, answer once, move them all (docs/incidents.md).

Every action here is ordinary ops, one per ticket, recorded in ONE local transaction (all or
none): linking is a ``link_incident`` op per ticket; answering the incident is a ``reply`` op
per linked ticket, each with its own op id and message id, so each citizen's reply is delivered
through the citizen's own channel exactly once and meets that ticket's own first-response
clock; a status for the incident is ``set_status`` ops per ticket. Nothing is merged: unlinking
one ticket leaves its thread, reporter and clock as they are.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from db import models
from desktop import domain as d
from desktop.actions import (
    ActionRefused,
    ActionResult,
    _checked,
    _done,
    _now,
    _text,
    _ticket,
    message_op,
)
from desktop.incident_view import IncidentView, incident_of, linked_tickets
from desktop.session import DeskIdentity, require_identity
from desktop.store import LocalStore
from desktop.sync import outbox

__all__ = ["IncidentView", "incident_for", "link", "path_to", "reply", "set_status", "unlink"]


def incident_for(store: LocalStore, tracking_no: str) -> IncidentView | None:
    with store.read() as session:
        return incident_of(session, _ticket(session, tracking_no))


def _may_link(identity: DeskIdentity, ticket: models.Ticket) -> None:
    if not (identity.is_supervisor or ticket.assignee == identity.username):
        raise ActionRefused(
            f"Hanya supervisor atau petugas yang memegang tiket {ticket.tracking_no} yang dapat "
            "menautkan atau melepasnya. / Only a supervisor or the assignee may do this."
        )


def _link_op(
    session: Session, identity: DeskIdentity, ticket: models.Ticket, incident: models.Incident, now: datetime
) -> ActionResult:
    _may_link(identity, ticket)
    payload = {
        "incident_id": incident.id,
        "title": incident.title,
        "location": incident.location,
        "lead_ticket_id": incident.lead_ticket_id,
    }
    op = outbox.enqueue(
        session,
        op_type=d.OpType.LINK_INCIDENT,
        ticket=ticket,
        payload=_checked(d.OpType.LINK_INCIDENT, payload, now),
        now=now,
    )
    outbox.apply_local_effect(ticket, op.type, op.payload, now)
    return _done(op, ticket)


def link(
    store: LocalStore, tracking_numbers: Sequence[str], to: str, *, now: datetime | None = None
) -> list[ActionResult]:
    """Link tickets to the incident of ticket ``to`` (made now from ``to`` if it has none).

    All or none, one ``link_incident`` op per ticket. A ticket already in another incident is
    refused: unlink it first (nothing is ever moved between incidents silently).
    """
    identity = require_identity(store)
    if not tracking_numbers:
        raise ActionRefused("Sebutkan tiket yang akan ditautkan. / No ticket given.")
    if len(set(tracking_numbers)) != len(tracking_numbers):
        raise ActionRefused("Nomor tiket yang sama disebut dua kali. / A ticket is listed twice.")
    if to in tracking_numbers:
        raise ActionRefused(f"Tiket {to} tidak dapat ditautkan ke dirinya sendiri. / Same ticket.")
    now = now or _now(store)
    results: list[ActionResult] = []
    with store.write() as session:
        lead = _ticket(session, to)
        incident = session.get(models.Incident, lead.incident_id) if lead.incident_id else None
        if incident is None:
            title = _text(lead.title, "Judul masalah", 500)
            incident = models.Incident(
                id=str(uuid.uuid4()),
                title=title,
                location=(lead.location or "")[:500],
                lead_ticket_id=lead.id,
            )
            session.add(incident)
            session.flush()
            results.append(_link_op(session, identity, lead, incident, now))
        for tracking_no in tracking_numbers:
            ticket = _ticket(session, tracking_no)
            if ticket.incident_id == incident.id:
                raise ActionRefused(f"Tiket {tracking_no} sudah tertaut ke masalah ini.")
            if ticket.incident_id is not None:
                other = session.get(models.Incident, ticket.incident_id)
                raise ActionRefused(
                    f"Tiket {tracking_no} sudah tertaut ke masalah lain"
                    f"{f' ({other.title})' if other else ''}; lepaskan dulu (tanggap unlink {tracking_no})."
                )
            results.append(_link_op(session, identity, ticket, incident, now))
    return results


def unlink(store: LocalStore, tracking_no: str, *, now: datetime | None = None) -> ActionResult:
    """The ticket leaves its incident; its thread, reporter and SLA clock stay as they are."""
    identity = require_identity(store)
    now = now or _now(store)
    with store.write() as session:
        ticket = _ticket(session, tracking_no)
        if ticket.incident_id is None:
            raise ActionRefused(f"Tiket {tracking_no} tidak tertaut ke masalah mana pun.")
        _may_link(identity, ticket)
        op = outbox.enqueue(
            session,
            op_type=d.OpType.UNLINK_INCIDENT,
            ticket=ticket,
            payload=_checked(d.OpType.UNLINK_INCIDENT, {"incident_id": ticket.incident_id}, now),
            now=now,
        )
        outbox.apply_local_effect(ticket, op.type, op.payload, now)
        return _done(op, ticket)


def _members(session: Session, tracking_no: str) -> list[models.Ticket]:
    ticket = _ticket(session, tracking_no)
    if ticket.incident_id is None:
        raise ActionRefused(f"Tiket {tracking_no} tidak tertaut ke masalah mana pun.")
    return linked_tickets(session, ticket.incident_id)


def reply(
    store: LocalStore, tracking_no: str, body: str, *, now: datetime | None = None
) -> list[ActionResult]:
    """Answer the incident of ``tracking_no`` once: one public reply per linked ticket.

    Each is an ordinary ``reply`` op with its own op id and message id (so the server queues one
    delivery per ticket, through that citizen's channel, exactly once) and meets that ticket's
    own first response. All in one local transaction.
    """
    identity = require_identity(store)
    text = _text(body, "Balasan")
    now = now or _now(store)
    with store.write() as session:
        return [
            message_op(session, identity, ticket, text, d.MessageKind.REPLY, now)
            for ticket in _members(session, tracking_no)
        ]


def path_to(current: d.Status, target: d.Status) -> list[d.Status] | None:
    """The shortest walk along the workflow table from ``current`` to ``target`` (empty: there)."""
    if current is target:
        return []
    came_from: dict[d.Status, d.Status] = {}
    queue = deque([current])
    while queue:
        status = queue.popleft()
        for nxt in sorted(d.allowed_transitions(status), key=lambda s: s.value):
            if nxt in came_from or nxt is current:
                continue
            came_from[nxt] = status
            if nxt is target:
                steps = [nxt]
                while came_from[steps[-1]] is not current:
                    steps.append(came_from[steps[-1]])
                return steps[::-1]
            queue.append(nxt)
    return None


def set_status(
    store: LocalStore, tracking_no: str, status: str, *, reason: str = "", now: datetime | None = None
) -> list[ActionResult]:
    """Move every linked ticket to ``status``: finishing the incident finishes every ticket.

    Each ticket walks the workflow table from where it is (``baru`` -> ``terverifikasi`` ->
    ``didisposisi`` -> ``selesai``), one ``set_status`` op per step, so each stage is stamped on
    each ticket as if done by hand; tickets already there are left alone. All or none: if one
    ticket cannot reach the status (it was rejected or closed), nothing is recorded.
    """
    require_identity(store)
    try:
        target = d.Status(status)
    except ValueError:
        allowed = ", ".join(s.value for s in d.Status)
        raise ActionRefused(f"Status {status!r} tidak dikenal (pilihan: {allowed}).") from None
    reason = reason.strip()
    now = now or _now(store)
    results: list[ActionResult] = []
    with store.write() as session:
        members = _members(session, tracking_no)
        plans = [(t, path_to(d.Status(t.status), target)) for t in members]
        stuck = [t.tracking_no for t, steps in plans if steps is None]
        if stuck:
            raise ActionRefused(
                f"Tiket {', '.join(stuck)} tidak dapat menjadi {target.value}; tidak ada yang diubah."
            )
        if any(s in d.REASON_REQUIRED for _, steps in plans for s in steps or ()) and not reason:
            raise ActionRefused(
                f"Status {target.value} memerlukan alasan (--reason). / A reason is required."
            )
        for ticket, steps in plans:
            for step in steps or ():
                op = outbox.enqueue(
                    session,
                    op_type=d.OpType.SET_STATUS,
                    ticket=ticket,
                    payload=_checked(d.OpType.SET_STATUS, {"status": step.value, "reason": reason}, now),
                    now=now,
                )
                outbox.apply_local_effect(ticket, op.type, op.payload, now)
                results.append(_done(op, ticket))
            outbox.refresh_queue_columns(ticket)
    return results
