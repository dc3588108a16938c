"""The outbox: local actions waiting for the server, and their local effects.

Every local action writes its effect and its op in one transaction (``enqueue`` takes the
caller's session). An op carries a client-made UUIDv7 and a per-desk ``seq``; ops go to the
server in ``seq`` order. Nothing here deletes an op: answered ops stay as history, and the ones
that need the user (conflict, rejected, blocked) stay until acknowledged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, cast

import uuid6
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, object_session

from db import models
from db.types import format_utc
from desktop import domain as d
from desktop import ops, sla
from desktop.ops.deadlines import SlaDirectory, build_directory, facts_of

WAITING_STATES = (d.OpState.PENDING.value, d.OpState.INFLIGHT.value)


def new_op_id() -> str:
    return str(uuid6.uuid7())


def next_seq(session: Session) -> int:
    session.flush()  # ops queued earlier in this transaction count (a walk-in and its documents)
    current = session.scalar(select(func.max(models.OutboxOp.seq)))
    return int(current or 0) + 1


def enqueue(
    session: Session,
    *,
    op_type: d.OpType,
    ticket: models.Ticket,
    payload: dict[str, Any],
    now: datetime,
    base_version: int | None = None,
) -> models.OutboxOp:
    if base_version is None:
        base_version = expected_version(session, ticket)
    op = models.OutboxOp(
        op_id=new_op_id(),
        seq=next_seq(session),
        type=op_type.value,
        ticket_id=ticket.id,
        tracking_no=ticket.tracking_no,
        base_version=base_version,
        created_at=now,
        payload=payload,
        state=d.OpState.PENDING.value,
        attempts=0,
    )
    session.add(op)
    ticket.pending_ops = (ticket.pending_ops or 0) + 1
    return op


def expected_version(session: Session, ticket: models.Ticket) -> int:
    """The version the server will have when this op arrives: the last one seen plus one for each
    of this desk's ops on the ticket still waiting (each applied op bumps it). Without them, a
    supervisor who verifies and then assigns offline would conflict with their own work."""
    waiting = session.scalar(
        select(func.count())
        .select_from(models.OutboxOp)
        .where(models.OutboxOp.ticket_id == ticket.id, models.OutboxOp.state.in_(WAITING_STATES))
    )
    return int(ticket.version or 0) + int(waiting or 0)


def wire_op(op: models.OutboxOp) -> dict[str, Any]:
    """The op as PROTOCOL.md sends it."""
    return {
        "op_id": op.op_id,
        "seq": op.seq,
        "type": op.type,
        "ticket_id": op.ticket_id,
        "base_version": op.base_version,
        "created_at": format_utc(op.created_at),
        "payload": op.payload,
    }


def reset_inflight(session: Session) -> int:
    """Ops a killed process left ``inflight`` go back to ``pending`` (a resend is harmless)."""
    result = session.execute(
        update(models.OutboxOp)
        .where(models.OutboxOp.state == d.OpState.INFLIGHT.value)
        .values(state=d.OpState.PENDING.value)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def waiting_ops(session: Session, ticket_ids: Iterable[str] | None = None) -> Sequence[models.OutboxOp]:
    stmt = select(models.OutboxOp).where(models.OutboxOp.state.in_(WAITING_STATES))
    if ticket_ids is not None:
        stmt = stmt.where(models.OutboxOp.ticket_id.in_(list(ticket_ids)))
    return session.scalars(stmt.order_by(models.OutboxOp.seq)).all()


def waiting_count(session: Session) -> int:
    stmt = select(func.count()).select_from(models.OutboxOp).where(models.OutboxOp.state.in_(WAITING_STATES))
    return int(session.scalar(stmt) or 0)


def recount_pending(session: Session, ticket_ids: Iterable[str]) -> None:
    """``Ticket.pending_ops`` = the ticket's pending/inflight ops (the UI's "menunggu sinkronisasi")."""
    ids = list(set(ticket_ids))
    waiting = (
        select(func.count())
        .where(models.OutboxOp.ticket_id == models.Ticket.id, models.OutboxOp.state.in_(WAITING_STATES))
        .scalar_subquery()
    )
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        session.execute(update(models.Ticket).where(models.Ticket.id.in_(chunk)).values(pending_ops=waiting))


# -- local effects: what an op does to the local row before the server has seen it ----------

_SLA_KEY = "tanggap_sla_directory"


def desk_sla(session: Session) -> SlaDirectory:
    """The offline copy of the directory as the shared deadline derivation reads it (per session)."""
    cached = session.info.get(_SLA_KEY)
    if cached is None:
        cached = build_directory(
            [(o.code, o.tz, o.office_hours) for o in session.scalars(select(models.Opd))],
            [(c.code, c.tier) for c in session.scalars(select(models.Category))],
            [
                {
                    "opd_code": r.opd_code,
                    "category_code": r.category_code,
                    "channel": r.channel,
                    "policy": r.policy,
                }
                for r in session.scalars(select(models.SlaPolicyRow))
            ],
            [(x.day, x.opd_code, x.working) for x in session.scalars(select(models.NonWorkingDay))],
            skip_bad_rules=True,  # one bad rule must not stop the desk from working
        )
        session.info[_SLA_KEY] = cached
    return cast(SlaDirectory, cached)


def forget_directory(session: Session) -> None:
    """The directory tables changed in this session: rebuild before the next use."""
    session.info.pop(_SLA_KEY, None)


def apply_local_effect(
    ticket: models.Ticket, op_type: str, payload: dict[str, Any], created_at: datetime
) -> None:
    """The row as this desk expects it after the op: the op module's effect (``desktop.ops``),
    the same function the server applies, at the same time, with deadlines derived the same way.

    Messages are not made here: they are inserted once, with the op, and kept (``op_id`` set)
    until the op is answered. Used when the action runs and again on top of each server row
    that arrives while the op still waits.
    """
    spec = ops.spec_for(op_type)
    if spec is None:
        return
    try:
        parsed = spec.parse(payload, created_at)
    except ops.OpInvalid:
        return  # the server refuses it too; its answer will say why
    session = object_session(ticket)
    assert session is not None
    sla = desk_sla(session)
    if spec.row_effect is not None:
        spec.row_effect(ticket, parsed)  # incident membership: not part of the ticket's state
    before = ops.TicketState.of(ticket)
    at = max(created_at, before.received_at)  # as the server bounds it (docs/api.md)
    after = spec.local_effect(before, parsed, at, sla.calendar)
    if after == before:
        return
    after.write_to(ticket)
    if (after.assigned_at, after.paused_seconds) != (before.assigned_at, before.paused_seconds):
        # Only these facts move a deadline (desktop.sla.compute_deadlines); the rest keep the server's.
        found = sla.deadlines(ticket)
        ticket.dl_verification, ticket.dl_first_response = found.verification, found.first_response
        ticket.dl_follow_up, ticket.dl_resolution = found.follow_up, found.resolution


def refresh_queue_columns(ticket: models.Ticket) -> None:
    """``is_open``, ``next_deadline``, ``next_stage`` from the row's status, facts and deadlines."""
    ticket.is_open = d.Status(ticket.status).is_open and not ticket.archived
    found = sla.next_deadline(
        facts_of(ticket, d.Tier.NORMATIF),  # next_deadline needs only which stages are met, not the tier
        d.Deadlines(
            ticket.dl_verification, ticket.dl_first_response, ticket.dl_follow_up, ticket.dl_resolution
        ),
    )
    if found is None:
        ticket.next_deadline, ticket.next_stage = models.NO_DEADLINE, None
    else:
        ticket.next_stage, ticket.next_deadline = found[0].value, found[1]


def reapply_waiting(session: Session, ticket_ids: Iterable[str]) -> None:
    """Put the effects of still-waiting ops back on top of fresh server rows."""
    ids = list(set(ticket_ids))
    if not ids:
        return
    by_ticket: dict[str, list[models.OutboxOp]] = {}
    for start in range(0, len(ids), 900):
        for op in waiting_ops(session, ids[start : start + 900]):
            by_ticket.setdefault(op.ticket_id, []).append(op)
    # A ticket with nothing waiting keeps the server's row as it is; only the rest are touched.
    for ticket_id, waiting in by_ticket.items():
        ticket = session.get(models.Ticket, ticket_id, populate_existing=True)
        if ticket is None:
            continue
        for op in waiting:
            apply_local_effect(ticket, op.type, op.payload, op.created_at)
        ticket.pending_ops = len(waiting)
        refresh_queue_columns(ticket)
