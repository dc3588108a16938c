"""The read side of incidents (docs/incidents.md): which incident a ticket is in, with its
tickets on this desk. No HTTP stack: the ticket pane and the queue read it on every load."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models
from desktop.similar import Candidate, desk_candidates, index_step
from desktop.store import LocalStore


@dataclass(frozen=True, slots=True)
class IncidentView:
    """An incident as the desk shows it: what it is and which of this desk's tickets are in it."""

    id: str
    title: str
    location: str
    lead_ticket_id: str
    tracking_numbers: tuple[str, ...]  # the linked tickets this desk holds, oldest first

    @property
    def count(self) -> int:
        return len(self.tracking_numbers)

    def words(self) -> str:
        """'Bagian dari masalah: <title> (n pengaduan)' as the ticket pane shows it."""
        return f"Bagian dari masalah: {self.title} ({self.count} pengaduan)"


def linked_tickets(session: Session, incident_id: str) -> list[models.Ticket]:
    """The incident's tickets on this desk (archived ones are read-only: left out), oldest first."""
    return list(
        session.scalars(
            select(models.Ticket)
            .where(models.Ticket.incident_id == incident_id, models.Ticket.archived.is_(False))
            .order_by(models.Ticket.received_at, models.Ticket.id)
        )
    )


def incident_of(session: Session, ticket: models.Ticket) -> IncidentView | None:
    if ticket.incident_id is None:
        return None
    row = session.get(models.Incident, ticket.incident_id)
    members = linked_tickets(session, ticket.incident_id)
    return IncidentView(
        id=ticket.incident_id,
        title=row.title if row is not None else "(masalah)",
        location=row.location if row is not None else "",
        lead_ticket_id=row.lead_ticket_id if row is not None else ticket.id,
        tracking_numbers=tuple(t.tracking_no for t in members),
    )


def pane_candidates(store: LocalStore, tracking_no: str, limit: int = 8) -> list[Candidate]:
    """The ticket pane's "Mirip" list: ``desktop.similar`` candidates, best first (the index is
    normally filled in the background after each sync, so this answers at once)."""
    with store.write(durable=False) as session:
        try:
            return desk_candidates(session.connection(), tracking_no, limit=limit)
        except LookupError:
            return []


def index_some(store: LocalStore) -> int:
    """One background step of the similar-complaints index (``desktop.similar.index_step``)."""
    with store.write(durable=False) as session:
        return index_step(session.connection())
