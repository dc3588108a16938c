"""Read-only questions the workstation asks of the local store, answered with frozen values."""

from __future__ import annotations

from dataclasses import dataclass

from db.repositories import TicketRepository
from desktop.store import LocalStore


@dataclass(frozen=True, slots=True)
class StoreOverview:
    tickets: int
    open_tickets: int


def store_overview(store: LocalStore) -> StoreOverview:
    with store.read() as session:
        repo = TicketRepository(session)
        return StoreOverview(tickets=repo.count(), open_tickets=repo.count(open_only=True))
