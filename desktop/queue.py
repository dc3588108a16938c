"""The ticket queue as the workstation pages through it: views, filters, search, counts, workload.

Every page is a keyset page over an index (``ix_tickets_queue``, ``ix_tickets_assignee_queue``,
``ix_tickets_status_queue``): ``WHERE (next_deadline, id) > (:d, :id) ORDER BY next_deadline, id
LIMIT n``. No OFFSET and no loading everything, so page 10,000 of a million tickets costs what
page 1 costs. The order is the SLA engine's: ``next_deadline`` is the earliest unmet deadline
(``desktop.sla.next_deadline``) kept per ticket by the store.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, cast

from sqlalchemy import ColumnElement, and_, func, literal, literal_column, or_, select, text
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Select

from db import models
from db.models import NO_DEADLINE
from db.types import UTCDateTime, parse_utc
from desktop.delivery import DELIVERY_OPS
from desktop.domain import (
    OPEN_STATUSES,
    Channel,
    Confidentiality,
    Deadlines,
    OpState,
    Stage,
    Status,
)
from desktop.store import LocalStore

PAGE_SIZE = 200


class QueueView(StrEnum):
    """The views on the left of the main window."""

    MINE = "mine"  # Antrean saya
    ALL = "all"  # Semua di OPD
    UNASSIGNED = "unassigned"  # Belum ditugaskan
    DUE_SOON = "due_soon"  # Hampir jatuh tempo
    BREACHED = "breached"  # Terlambat
    WAITING = "waiting"  # Menunggu pelapor
    DONE = "done"  # Selesai
    CONFLICTS = "conflicts"  # Konflik & ditolak
    UNDELIVERED = "undelivered"  # Balasan belum sampai: failed and manual deliveries (docs/channels.md)


DONE_STATUSES = (Status.SELESAI.value, Status.DITUTUP.value)
OPEN_STATUS_VALUES = frozenset(s.value for s in OPEN_STATUSES)
NOT_DONE_STATUSES = tuple(s.value for s in Status if s.value not in DONE_STATUSES)
ATTENTION_STATES = (OpState.CONFLICT.value, OpState.REJECTED.value, OpState.BLOCKED.value)


@dataclass(frozen=True, slots=True)
class QueueFilter:
    view: QueueView = QueueView.ALL
    channel: Channel | None = None
    category: str | None = None
    status: Status | None = None
    assignee: str | None = None  # "" means: no assignee
    search: str = ""
    me: str | None = None  # the logged-in officer, for "Antrean saya"
    # "Now" and the edge of "due soon", so a view's membership is fixed for one listing.
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    due_soon_until: datetime | None = None
    # One row per incident (docs/incidents.md): its most urgent open ticket stands for it, with
    # the count of its open complaints. The Selesai and conflict views list tickets as they are.
    by_incident: bool = False


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One line of the queue, with what the countdown needs to compute urgency on the desk."""

    id: str
    tracking_no: str
    channel: Channel
    title: str
    reporter_name: str | None  # None: identity hidden from this desk
    confidentiality: Confidentiality
    category_code: str | None
    opd_code: str
    assignee: str | None
    status: Status
    received_at: datetime
    next_deadline: datetime | None
    next_stage: Stage | None
    deadlines: Deadlines
    verified_at: datetime | None
    first_response_at: datetime | None
    assigned_at: datetime | None
    followed_up_at: datetime | None
    resolved_at: datetime | None
    paused_since: datetime | None
    paused_seconds: int
    pending_ops: int
    archived: bool
    # Keyset position of this row in its view; hand it back as ``after_key``.
    key: tuple[Any, ...] = ()
    # Listed by incident: how many open complaints this row stands for (0: not in an incident).
    incident_count: int = 0

    @property
    def identity_hidden(self) -> bool:
        return self.reporter_name is None or self.confidentiality is not Confidentiality.PUBLIC


@dataclass(frozen=True, slots=True)
class OfficerLoad:
    username: str | None  # None: not yet assigned
    open_tickets: int
    breached: int
    nearest_deadline: datetime | None


_T = models.Ticket


def fts_query(raw: str) -> str | None:
    """A safe FTS5 query for what a person typed: every word a quoted phrase, the last a prefix.

    Quotes, operators (AND, NEAR, ``*``, ``:``, ``^``) and brackets lose their meaning, so hostile
    or clumsy input can never raise a syntax error. None when nothing searchable is left.
    """
    cleaned = re.sub(r"[\x00-\x1f\u200b-\u200f\u2060\ufeff]", " ", raw)
    words = [w for w in cleaned.split() if re.search(r"\w", w)]
    if not words:
        return None
    quoted = ['"' + w.replace('"', '""') + '"' for w in words[:16]]
    quoted[-1] += "*"
    return " ".join(quoted)


def _ts(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _base_conditions(flt: QueueFilter) -> list[ColumnElement[bool]]:
    cond: list[ColumnElement[bool]] = []
    view = flt.view
    now = flt.now
    # The Selesai view reads ix_tickets_done in its order and stops after a page. Its status and
    # search terms carry SQLite's unary "+", which keeps the planner from driving the query by the
    # status index or the search hits instead: that sorted 885,000 rows (3.6 s) at 1,000,000 tickets.
    done = view is QueueView.DONE
    status_col = literal_column("+tickets.status") if done else _T.status
    holds: Collection[str] | None = None  # the statuses the view can show (None: its own rule decides)
    if done:
        holds = DONE_STATUSES
        cond.append(status_col.in_(DONE_STATUSES))
    elif view is QueueView.WAITING:
        cond.append(_T.status == Status.MENUNGGU_PELAPOR.value)
        cond.append(_T.archived.is_(False))
    elif view is QueueView.CONFLICTS:
        troubled = select(models.OutboxOp.ticket_id).where(
            models.OutboxOp.state.in_(ATTENTION_STATES), models.OutboxOp.acknowledged_at.is_(None)
        )
        noticed = select(models.SyncNotice.ticket_id).where(
            models.SyncNotice.acknowledged_at.is_(None), models.SyncNotice.ticket_id.is_not(None)
        )
        cond.append(or_(_T.id.in_(troubled), _T.id.in_(noticed)))
    elif view is QueueView.UNDELIVERED:
        # No ``archived`` test: it would read each row past its body (an overflow chain per ticket,
        # a second at 3,000 tickets), and an archived ticket's thread is purged at the sync that
        # archives it (desktop.purge), so its replies leave this view with it.
        cond.append(_T.id.in_(_undelivered_tickets()))
    else:
        # An archived ticket is never open (the store keeps that invariant), so the open views
        # need no ``archived`` test: every condition here is answered inside a queue index.
        holds = OPEN_STATUS_VALUES
        cond.append(_T.is_open.is_(True))
        if view is QueueView.MINE:
            cond.append(_T.assignee == (flt.me or "\x00nobody"))
        elif view is QueueView.UNASSIGNED:
            cond.append(_T.assignee.is_(None))
        elif view is QueueView.BREACHED:
            cond.append(_T.next_deadline < now)
        elif view is QueueView.DUE_SOON:
            until = flt.due_soon_until or now
            cond.append(_T.next_deadline >= now)
            cond.append(_T.next_deadline < until)
    if _grouped(flt):
        # The incident's most urgent open ticket (next deadline, then id: the queue's own order).
        other = aliased(models.Ticket)
        lead = (
            select(other.id)
            .where(other.incident_id == _T.incident_id, other.is_open.is_(True))
            .order_by(other.next_deadline, other.id)
            .limit(1)
            .scalar_subquery()
        )
        cond.append(or_(_T.incident_id.is_(None), _T.id == lead))
    if flt.channel is not None:
        cond.append(_T.channel == flt.channel.value)
    if flt.category is not None:
        cond.append(_T.category_code == flt.category)
    if flt.status is not None:
        if holds is not None and flt.status.value not in holds:
            # A status the view never holds: answered at once, not by walking an index to its end.
            cond.append(literal_column("0") == 1)
        else:
            cond.append(status_col == flt.status.value)
    if flt.assignee is not None:
        cond.append(_T.assignee.is_(None) if flt.assignee == "" else _T.assignee == flt.assignee)
    if flt.search.strip():
        query = fts_query(flt.search)
        if query is None:
            cond.append(literal_column("0") == 1)
        else:
            matched = text("SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH :q").bindparams(q=query)
            cond.append(literal_column("+tickets.rowid" if done else "tickets.rowid").in_(matched))
    return cond


def _undelivered_tickets() -> Select[Any]:
    """Tickets with a reply that has not reached the citizen and waits for the officer (failed, or
    to be passed on by hand), leaving out a reply whose "Kirim ulang"/"Sudah diposting" still waits
    to sync: the officer has done their part. Done tickets too: a final reply matters most."""
    m, o = models.Message, models.OutboxOp
    acted = select(o.op_id).where(
        o.ticket_id == m.ticket_id,
        o.type.in_(DELIVERY_OPS),
        o.state.in_((OpState.PENDING.value, OpState.INFLIGHT.value)),
        func.json_extract(o.payload, "$.message_id") == m.id,
    )
    return select(m.ticket_id).where(text(models.UNDELIVERED_WHERE), ~acted.exists())


# A queue line never needs the body (which may be a megabyte): select only what is shown.
_COLUMNS = (
    _T.id,
    _T.tracking_no,
    _T.channel,
    _T.title,
    _T.reporter_name,
    _T.confidentiality,
    _T.category_code,
    _T.opd_code,
    _T.assignee,
    _T.status,
    _T.received_at,
    _T.next_deadline,
    _T.next_stage,
    _T.dl_verification,
    _T.dl_first_response,
    _T.dl_follow_up,
    _T.dl_resolution,
    _T.verified_at,
    _T.first_response_at,
    _T.assigned_at,
    _T.followed_up_at,
    _T.resolved_at,
    _T.closed_at,
    _T.paused_since,
    _T.paused_seconds,
    _T.pending_ops,
    _T.archived,
)


def _grouped(flt: QueueFilter) -> bool:
    return flt.by_incident and flt.view not in (QueueView.DONE, QueueView.CONFLICTS)


def _select_rows(flt: QueueFilter | None = None) -> Select[Any]:
    if flt is not None and _grouped(flt):
        other = aliased(models.Ticket)
        complaints = (
            select(func.count())
            .where(other.incident_id == _T.incident_id, other.is_open.is_(True))
            .scalar_subquery()
        )
        return cast("Select[Any]", select(*_COLUMNS, complaints.label("incident_count")))
    return cast("Select[Any]", select(*_COLUMNS))


def _order_and_keyset(stmt: Select[Any], flt: QueueFilter, after_key: Sequence[Any] | None) -> Select[Any]:
    if flt.view is QueueView.DONE:
        # Most recently resolved first; a closed ticket without resolved_at sorts by closing.
        done_at = func.coalesce(_T.resolved_at, _T.closed_at, _T.received_at)
        if after_key:
            # "<=" alone is what SQLite turns into an index range; the OR only trims its first key.
            at = literal(after_key[0], UTCDateTime())
            stmt = stmt.where(done_at <= at, or_(done_at < at, _T.id < after_key[1]))
        return stmt.order_by(done_at.desc(), _T.id.desc())
    if after_key:
        stmt = stmt.where(
            _T.next_deadline >= after_key[0],
            or_(_T.next_deadline > after_key[0], _T.id > after_key[1]),
        )
    return stmt.order_by(_T.next_deadline, _T.id)


def _row(t: Any, view: QueueView) -> QueueRow:
    next_deadline = None if t.next_deadline >= NO_DEADLINE else t.next_deadline
    if view is QueueView.DONE:
        done_at = t.resolved_at or t.closed_at or t.received_at
        key: tuple[Any, ...] = (done_at, t.id)
    else:
        key = (t.next_deadline, t.id)
    return QueueRow(
        id=t.id,
        tracking_no=t.tracking_no,
        channel=Channel(t.channel),
        title=t.title,
        reporter_name=t.reporter_name,
        confidentiality=Confidentiality(t.confidentiality),
        category_code=t.category_code,
        opd_code=t.opd_code,
        assignee=t.assignee,
        status=Status(t.status),
        received_at=t.received_at,
        next_deadline=next_deadline,
        next_stage=Stage(t.next_stage) if t.next_stage else None,
        deadlines=Deadlines(t.dl_verification, t.dl_first_response, t.dl_follow_up, t.dl_resolution),
        verified_at=t.verified_at,
        first_response_at=t.first_response_at,
        assigned_at=t.assigned_at,
        followed_up_at=t.followed_up_at,
        resolved_at=t.resolved_at,
        paused_since=t.paused_since,
        paused_seconds=t.paused_seconds,
        pending_ops=t.pending_ops,
        archived=t.archived,
        key=key,
        incident_count=int(getattr(t, "incident_count", 0) or 0),
    )


def fetch_page(
    store: LocalStore, flt: QueueFilter, after_key: Sequence[Any] | None = None, limit: int = PAGE_SIZE
) -> list[QueueRow]:
    """The next ``limit`` rows of the view after ``after_key`` (the ``key`` of the last row seen)."""
    stmt = _select_rows(flt).where(*_base_conditions(flt))
    stmt = _order_and_keyset(stmt, flt, after_key).limit(limit)
    with store.read() as session:
        # The thread is not needed in a queue line; keep the body out of memory too.
        return [_row(t, flt.view) for t in session.execute(stmt)]


def fetch_rows(
    store: LocalStore, ticket_ids: Sequence[str], view: QueueView = QueueView.ALL
) -> list[QueueRow]:
    """Fresh rows for tickets a mutation touched (the model refreshes them in place)."""
    if not ticket_ids:
        return []
    with store.read() as session:
        rows = session.execute(_select_rows().where(_T.id.in_(list(ticket_ids))))
        return [_row(t, view) for t in rows]


def count(store: LocalStore, flt: QueueFilter) -> int:
    stmt = select(func.count()).select_from(_T).where(*_base_conditions(flt))
    with store.read() as session:
        return int(session.scalar(stmt) or 0)


def has_tickets(store: LocalStore) -> bool:
    """Whether the store holds any ticket at all (the queue, or the empty state before a first sync)."""
    with store.read() as session:
        return session.scalar(select(_T.id).limit(1)) is not None


def view_counts(
    store: LocalStore, me: str | None, now: datetime | None = None, due_soon_until: datetime | None = None
) -> dict[QueueView, int]:
    """The live counts next to each view, in one read transaction."""
    now = now or datetime.now(UTC)
    out: dict[QueueView, int] = {}
    with store.read() as session:
        for view in QueueView:
            if view is QueueView.DONE:
                # Most of a big store is done: counting the few not-done entries of the status
                # index and the narrow primary key beats walking the done ones (~45 vs 80-115 ms at 1M).
                total = session.scalar(select(func.count()).select_from(_T)) or 0
                not_done = session.scalar(
                    select(func.count()).select_from(_T).where(_T.status.in_(NOT_DONE_STATUSES))
                )
                out[view] = int(total) - int(not_done or 0)
                continue
            flt = QueueFilter(view=view, me=me, now=now, due_soon_until=due_soon_until)
            stmt = select(func.count()).select_from(_T).where(*_base_conditions(flt))
            out[view] = int(session.scalar(stmt) or 0)
    return out


def position_of(store: LocalStore, flt: QueueFilter, ticket_id: str) -> int | None:
    """Where a ticket stands in a view (0 = most urgent), or None when it is not in it."""
    with store.read() as session:
        t = session.execute(_select_rows().where(_T.id == ticket_id)).one_or_none()
        if t is None:
            return None
        in_view = session.scalar(
            select(func.count()).select_from(_T).where(*_base_conditions(flt), _T.id == t.id)
        )
        if not in_view:
            return None
        key = _row(t, flt.view).key
        stmt = select(func.count()).select_from(_T).where(*_base_conditions(flt))
        if flt.view is QueueView.DONE:
            done_at = func.coalesce(_T.resolved_at, _T.closed_at, _T.received_at)
            at = literal(key[0], UTCDateTime())
            stmt = stmt.where(or_(done_at > at, and_(done_at == at, _T.id > key[1])))
        else:
            stmt = stmt.where(
                or_(_T.next_deadline < key[0], and_(_T.next_deadline == key[0], _T.id < key[1]))
            )
        return int(session.scalar(stmt) or 0)


def workload(
    store: LocalStore, opd_code: str | None = None, now: datetime | None = None
) -> list[OfficerLoad]:
    """Open tickets per officer with their nearest deadline; officers with nothing open included.

    One query per officer over ``ix_tickets_assignee_queue`` (count, breached and nearest deadline
    are all in the index), so a supervisor's panel costs the same with a million tickets.
    """
    now = now or datetime.now(UTC)
    loads: list[OfficerLoad] = []
    with store.read() as session:
        officers = select(models.Officer.username)
        if opd_code is not None:
            officers = officers.where(models.Officer.opd_code == opd_code)
        usernames: list[str | None] = [None, *session.scalars(officers.order_by(models.Officer.username))]
        for username in usernames:
            who = _T.assignee.is_(None) if username is None else _T.assignee == username
            # No opd_code test: a desk's store holds its OPD's scope, and the test would leave the index.
            base = [who, _T.is_open.is_(True)]
            n, nearest = session.execute(select(func.count(), func.min(_T.next_deadline)).where(*base)).one()
            breached = session.scalar(select(func.count()).where(*base, _T.next_deadline < now))
            deadline: datetime | None = parse_utc(nearest) if isinstance(nearest, str) else nearest
            if deadline is not None and deadline >= NO_DEADLINE:
                deadline = None
            loads.append(OfficerLoad(username, int(n or 0), int(breached or 0), deadline))
    return sorted(
        loads,
        key=lambda load: (load.username is not None, -load.breached, -load.open_tickets, load.username or ""),
    )
