"""Incidents on the server: linking a ticket to one and unlinking it (docs/incidents.md).

Both ops change only ``tickets.incident_id`` (and make the incident on its first link), write
one event to the ticket's thread and bump its version, so desks get the ticket - and with it
the incident - through the change log like any other change. The ticket's thread, reporter,
channel and SLA clock are never touched: unlinking leaves the ticket as it was before.
"""

from __future__ import annotations

from datetime import datetime

from desktop.domain import MessageKind
from desktop.ops import link_incident, unlink_incident
from desktop.ops.deadlines import SlaDirectory
from server.db import WriteUnit
from server.models import IncidentRow, TicketRow
from server.scope import Caller
from server.tickets import OpConflict, OpRejected, add_message, record_write, require_visible, snapshot

# The event texts desks turn into sentences (desktop/event_text.py).
LINKED = "Ditautkan ke masalah: {title}"
UNLINKED = "Dilepas dari masalah: {title}"


def _may_link(caller: Caller, ticket: TicketRow) -> None:
    if not (caller.is_supervisor or ticket.assignee == caller.username):
        raise OpRejected(
            "forbidden", "Hanya supervisor atau petugas yang memegang tiket yang dapat menautkan masalah."
        )


def apply_link(
    unit: WriteUnit,
    sla: SlaDirectory,
    caller: Caller,
    ticket: TicketRow | None,
    payload: link_incident.Payload,
    at: datetime,
) -> None:
    ticket = require_visible(caller, ticket)
    _may_link(caller, ticket)
    s = unit.session
    incident = s.get(IncidentRow, payload.incident_id)
    if incident is None:
        incident = IncidentRow(
            id=payload.incident_id,
            title=payload.title,
            location=payload.location,
            lead_ticket_id=payload.lead_ticket_id,
            opd_code=ticket.opd_code,
            created_by=caller.username,
            created_at=at,
        )
        s.add(incident)
        s.flush()
    elif incident.opd_code != ticket.opd_code:
        raise OpRejected("incident_elsewhere", "Masalah itu milik OPD lain; tiket tidak dapat ditautkan.")
    if ticket.incident_id == incident.id:
        raise OpConflict("incident_unchanged", f"Tiket sudah tertaut ke masalah {incident.title!r}.")
    if ticket.incident_id is not None:
        other = s.get(IncidentRow, ticket.incident_id)
        title = other.title if other is not None else ticket.incident_id
        raise OpConflict(
            "linked_elsewhere",
            f"Tiket sudah tertaut ke masalah lain ({title!r}); lepaskan dulu. Tidak ada yang diubah.",
        )
    before = snapshot(ticket)
    link_incident.row_effect(ticket, payload)
    add_message(s, ticket, MessageKind.EVENT, caller.username, LINKED.format(title=incident.title), at)
    record_write(unit, ticket, before, sla)


def apply_unlink(
    unit: WriteUnit,
    sla: SlaDirectory,
    caller: Caller,
    ticket: TicketRow | None,
    payload: unlink_incident.Payload,
    at: datetime,
) -> None:
    ticket = require_visible(caller, ticket)
    _may_link(caller, ticket)
    if ticket.incident_id != payload.incident_id:
        raise OpConflict("not_linked", "Tiket tidak (lagi) tertaut ke masalah itu; tidak ada yang diubah.")
    incident = unit.session.get(IncidentRow, payload.incident_id)
    before = snapshot(ticket)
    unlink_incident.row_effect(ticket, payload)
    title = incident.title if incident is not None else payload.incident_id
    add_message(unit.session, ticket, MessageKind.EVENT, caller.username, UNLINKED.format(title=title), at)
    record_write(unit, ticket, before, sla)
