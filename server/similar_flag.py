"""Intake's flag "mungkin sama dengan ...": a new complaint compared with the open and recent (30 days)
complaints of its OPD before any desk sees it (issue 18, docs/incidents.md).

The same normalisation and scoring as the desks' candidates (``desktop.similar.normalize`` and
``desktop.similar.core``, both pure); the server keeps no FTS index, so it normalises the OPD's
latest 300 such complaints on the spot (about 0.1 s), which bounds what it can find to those.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from desktop.domain import OPEN_STATUSES
from desktop.similar.core import Candidate, parse_index_text, rank, ticket_text
from desktop.similar.normalize import normalize
from server.models import TicketRow

POOL = 300
RECENT = timedelta(days=30)
# Below this a candidate is more likely the same kind of problem elsewhere (bench/bench_similar.py).
FLAG_SCORE = 0.6
FLAG_PREFIX = "Mungkin sama dengan: "


def possible_duplicates(session: Session, ticket: TicketRow, limit: int = 3) -> list[Candidate]:
    open_values = [s.value for s in OPEN_STATUSES]
    rows = session.execute(
        sa.select(TicketRow.tracking_no, TicketRow.title, TicketRow.body, TicketRow.location)
        .where(
            TicketRow.opd_code == ticket.opd_code,
            TicketRow.id != ticket.id,
            sa.or_(TicketRow.status.in_(open_values), TicketRow.received_at >= ticket.received_at - RECENT),
        )
        .order_by(TicketRow.received_at.desc())
        .limit(POOL)
    ).all()
    query = normalize(ticket_text(ticket.title, ticket.body, ticket.location or ""))
    pool = [(r[0], parse_index_text(normalize(ticket_text(r[1], r[2], r[3] or "")).index_text)) for r in rows]
    # Only with a place both name: the same words about no place (a template, "antrean panjang")
    # may be another puskesmas, and a flag on every such intake would teach officers to ignore it.
    return [
        c for c in rank(query, pool, limit=limit) if c.score >= FLAG_SCORE and c.why.startswith("lokasi sama")
    ]


def flag_text(found: list[Candidate]) -> str:
    return FLAG_PREFIX + "; ".join(f"{c.tracking_no} ({c.why})" for c in found)
