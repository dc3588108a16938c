"""Where a search finds tickets outside the view the officer is in.

A search in "Semua di OPD" for a resolved ticket's number answered "0 hasil" with no hint. The
window asks here, on the database thread, how many hits each view holds with the same filters,
and where the ticket is whose tracking number was typed (maybe in no view: rejected, archived).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import func, select

from db import models
from desktop.domain import Status
from desktop.queue import QueueFilter, QueueView, count, fetch_page
from desktop.store import LocalStore

# The order a found ticket's view is chosen in when several hold it: the broadest open view first.
VIEW_PREFERENCE = (
    QueueView.ALL,
    QueueView.MINE,
    QueueView.UNASSIGNED,
    QueueView.BREACHED,
    QueueView.DUE_SOON,
    QueueView.WAITING,
    QueueView.DONE,
    QueueView.CONFLICTS,
)


@dataclass(frozen=True, slots=True)
class NumberHit:
    """The ticket whose tracking number is the search text."""

    ticket_id: str
    tracking_no: str
    status: Status
    archived: bool
    views: tuple[QueueView, ...]  # the views that hold it, in VIEW_PREFERENCE order; () for none


@dataclass(frozen=True, slots=True)
class SearchSpread:
    per_view: dict[QueueView, int]  # the search's hits in every view, with the same filters
    number: NumberHit | None


def find_number(store: LocalStore, text: str) -> tuple[str, str, Status, bool] | None:
    """(id, tracking number, status, archived) of the ticket whose number is ``text`` (any case)."""
    wanted = text.strip().upper()
    if not wanted or " " in wanted:
        return None
    t = models.Ticket
    with store.read() as session:
        row = session.execute(
            select(t.id, t.tracking_no, t.status, t.archived).where(func.upper(t.tracking_no) == wanted)
        ).first()
    if row is None:
        return None
    return row.id, row.tracking_no, Status(row.status), bool(row.archived)


def spread(store: LocalStore, flt: QueueFilter) -> SearchSpread:
    """How the search of ``flt`` spreads over the views (its view ignored)."""
    per_view = {view: count(store, replace(flt, view=view)) for view in QueueView}
    number = None
    found = find_number(store, flt.search)
    if found is not None:
        ticket_id, tracking_no, status, archived = found
        # A number search matches the ticket itself and any ticket whose text quotes the number.
        bare = replace(flt, channel=None, category=None, status=None, assignee=None, search=tracking_no)
        views = tuple(
            view
            for view in VIEW_PREFERENCE
            if any(r.id == ticket_id for r in fetch_page(store, replace(bare, view=view), None, 50))
        )
        number = NumberHit(ticket_id, tracking_no, status, archived, views)
    return SearchSpread(per_view, number)
