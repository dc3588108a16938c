"""Pull (snapshot, then the change log) and push (each op in its own transaction, exactly once)."""

from __future__ import annotations

import base64
import binascii
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple, cast

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from desktop.domain import OPEN_STATUSES, MessageKind, OpType, Role, Status
from desktop.ops import OPS, OpInvalid, OpSpec, spec_for
from desktop.ops.base import sane_time
from desktop.ops.deadlines import SlaDirectory
from server.db import (
    DriverSql,
    PendingChange,
    WriteUnit,
    commit_driver_writes,
    read_session,
    storage_problem,
    utcnow,
    write_unit,
)
from server.delivery import manual
from server.delivery.feedback import request_feedback
from server.delivery.outbox import reply_delivery_write
from server.delivery.settings import DeliverySettings
from server.incidents import apply_link, apply_unlink
from server.models import ProcessedOpRow, SeqCounterRow, TicketRow
from server.schemas import OpIn
from server.scope import Caller, in_scope
from server.sla_service import SlaDirectoryCache
from server.tickets import (
    LOCK_TICKET_FOR_MESSAGE,
    MESSAGE_ID_TAKEN,
    SELECT_TICKET_FOR_MESSAGE,
    Flagged,
    OpConflict,
    OpRejected,
    apply_assign,
    apply_attach,
    apply_create_ticket,
    apply_set_status,
    apply_transfer,
    plan_message,
    ticket_facts,
)
from server.views import (
    CHUNK,
    COL_ASSIGNEE,
    COL_CONFIDENTIALITY,
    COL_OPD,
    load_visible,
    render_rows,
    select_tickets,
)

log = logging.getLogger(__name__)

DEFAULT_PULL_LIMIT = 500
MAX_PULL_LIMIT = 2000
MAX_PUSH_OPS = 500


class CursorExpired(Exception):
    pass


class BadCursor(Exception):
    pass


# -- cursors --------------------------------------------------------------------------------
# "s:<seq>": everything up to seq seen. "i:<seq>:<ticket id>": a snapshot taken at seq, streamed
# up to that ticket id. Both base64url so clients treat them as opaque.


# "o:<seq>:<ticket id>": an open-work-first snapshot (``snapshot=open_first``) taken at seq, its open
# tickets streamed up to that ticket id. History cursors (GET /sync/history) are separate: "h:" alone
# (from the newest), or "h:<done time in microseconds since 1970 UTC>:<ticket id>".


def _b64(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _unb64(cursor: str) -> str:
    return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()


def encode_cursor(seq: int, last_id: str | None = None, kind: str = "i") -> str:
    return _b64(f"s:{seq}" if last_id is None else f"{kind}:{seq}:{last_id}")


def _decode(cursor: str) -> tuple[int, str | None, str]:
    try:
        kind, _, rest = _unb64(cursor).partition(":")
        if kind == "s":
            seq = int(rest)
            last_id = None
        elif kind in ("i", "o"):
            seq_text, _, last_id = rest.partition(":")
            seq = int(seq_text)
        else:
            raise ValueError(kind)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise BadCursor() from None
    if seq < 0:
        raise BadCursor()
    return seq, last_id, kind


def decode_cursor(cursor: str) -> tuple[int, str | None]:
    seq, last_id, _ = _decode(cursor)
    return seq, last_id


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def encode_history_cursor(after: tuple[datetime, str] | None) -> str:
    if after is None:
        return _b64("h:")
    micros = (after[0] - _EPOCH) // timedelta(microseconds=1)
    return _b64(f"h:{micros}:{after[1]}")


def decode_history_cursor(cursor: str) -> tuple[datetime, str] | None:
    try:
        kind, _, rest = _unb64(cursor).partition(":")
        if kind != "h":
            raise ValueError(kind)
        if not rest:
            return None
        micros, _, last_id = rest.partition(":")
        if not last_id:
            raise ValueError(rest)
        return _EPOCH + timedelta(microseconds=int(micros)), last_id
    except (ValueError, UnicodeDecodeError, binascii.Error, OverflowError):
        raise BadCursor() from None


def _counter(session: Session) -> tuple[int, int]:
    row = session.execute(
        sa.select(SeqCounterRow.value, SeqCounterRow.pruned_through).where(SeqCounterRow.id == 1)
    ).one()
    return int(row[0]), int(row[1])


def _scope_sql(caller: Caller) -> tuple[str, dict[str, Any]]:
    if caller.role is Role.ADMIN:
        return "1 = 1", {}
    if caller.role is Role.SUPERVISOR:
        return "opd_code = :opd", {"opd": caller.opd_code}
    return (
        "opd_code = :opd AND (confidentiality <> 'rahasia' OR assignee = :me)",
        {"opd": caller.opd_code, "me": caller.username},
    )


OPEN_FIRST = "open_first"
_OPEN_IN = ", ".join(f"'{s.value}'" for s in sorted(OPEN_STATUSES))
# When a ticket's work ended, as the desk's Selesai view orders it (db.models ix_tickets_done):
# never before its receipt or its resolution, so a report period starting after the oldest
# history delivered so far is whole on the desk.
DONE_AT = "coalesce(resolved_at, closed_at, received_at)"
_COL_RECEIVED, _COL_RESOLVED, _COL_CLOSED = 14, 19, 20


def pull(
    engine: Engine, caller: Caller, cursor: str | None, limit: int, snapshot: str | None = None
) -> dict[str, Any]:
    with read_session(engine) as session:
        if not cursor:
            snap_seq, _ = _counter(session)
            if snapshot == OPEN_FIRST:
                return _open_page(session, caller, cursor, snap_seq, "", limit)
            return _snapshot_page(session, caller, cursor, snap_seq, "", limit)
        seq, last_id, kind = _decode(cursor)
        if kind == "o":
            assert last_id is not None
            page = _open_page(session, caller, cursor, seq, last_id, limit)
        elif last_id is not None:
            page = _snapshot_page(session, caller, cursor, seq, last_id, limit)
        else:
            page = _incremental_page(session, caller, cursor, seq, limit)
        # Read after the rows: a prune that raced this pull shows up here.
        _, pruned_through = _counter(session)
        if seq < pruned_through:
            raise CursorExpired()
        return page


def _snapshot_page(
    session: Session, caller: Caller, cursor: str | None, snap_seq: int, last_id: str, limit: int
) -> dict[str, Any]:
    where, params = _scope_sql(caller)
    rows = select_tickets(
        session,
        f"{where} AND id > :last_id",
        dict(params, last_id=last_id, limit=limit),
        "ORDER BY id LIMIT :limit",
    )
    tickets = render_rows(session, caller, rows)
    if len(rows) == limit:
        next_cursor, has_more = encode_cursor(snap_seq, rows[-1][0]), True
    else:
        latest, _ = _counter(session)
        next_cursor, has_more = encode_cursor(snap_seq), latest > snap_seq
    return {
        "from_cursor": cursor,
        "next_cursor": next_cursor,
        "has_more": has_more,
        "changes": [{"op": "upsert", "ticket": t} for t in tickets],
    }


def _open_page(
    session: Session, caller: Caller, cursor: str | None, snap_seq: int, last_id: str, limit: int
) -> dict[str, Any]:
    """A page of an open-work-first snapshot: the caller's open tickets only. Its last page hands
    over the incremental cursor (from the snapshot's seq) and a separate history cursor, with how
    many closed tickets the history holds now (docs/api.md, "Open work first")."""
    where, params = _scope_sql(caller)
    rows = select_tickets(
        session,
        f"{where} AND status IN ({_OPEN_IN}) AND id > :last_id",
        dict(params, last_id=last_id, limit=limit),
        "ORDER BY id LIMIT :limit",
    )
    page: dict[str, Any] = {
        "from_cursor": cursor,
        "changes": [{"op": "upsert", "ticket": t} for t in render_rows(session, caller, rows)],
        "phase": "open",
    }
    if len(rows) == limit:
        page.update(next_cursor=encode_cursor(snap_seq, rows[-1][0], "o"), has_more=True)
        return page
    latest, _ = _counter(session)
    total = session.execute(
        sa.text(f"SELECT count(*) FROM tickets WHERE {where} AND status NOT IN ({_OPEN_IN})"), params
    ).scalar()
    page.update(
        next_cursor=encode_cursor(snap_seq),
        has_more=latest > snap_seq,
        history_cursor=encode_history_cursor(None),
        history_total=int(total or 0),
    )
    return page


def _done_at(row: Any) -> datetime:
    value = row[_COL_RESOLVED] or row[_COL_CLOSED] or row[_COL_RECEIVED]
    if isinstance(value, str):  # SQLite: ISO text with +00:00 (server.views)
        return datetime.fromisoformat(value)
    return cast(datetime, value).astimezone(UTC)


def history(engine: Engine, caller: Caller, cursor: str, limit: int) -> dict[str, Any]:
    """A page of the caller's closed tickets, the most recently finished first, with their threads.

    Keyset on (``DONE_AT``, id) descending; the state is the current one, so it never expires (a
    ticket that changes meanwhile comes again with the incremental pull). ``through``: every closed
    ticket in scope finished after that time has been delivered by this page and the ones before.
    """
    after = decode_history_cursor(cursor)
    where, params = _scope_sql(caller)
    with read_session(engine) as session:
        sqlite = session.get_bind().dialect.name == "sqlite"
        cond = f"{where} AND status NOT IN ({_OPEN_IN})"
        if after is not None:
            cond += f" AND ({DONE_AT}, id) < (:done_at, :last_id)"
            done_at: Any = after[0].strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else after[0]
            params = dict(params, done_at=done_at, last_id=after[1])
        rows = select_tickets(
            session, cond, dict(params, limit=limit), f"ORDER BY {DONE_AT} DESC, id DESC LIMIT :limit"
        )
        tickets = render_rows(session, caller, rows)
    last = (_done_at(rows[-1]), str(rows[-1][0])) if rows else None
    return {
        "from_cursor": cursor,
        "next_cursor": encode_history_cursor(last) if len(rows) == limit and last else None,
        "through": last[0].isoformat() if last else (after[0].isoformat() if after else None),
        "tickets": tickets,
    }


_LOG_COLUMNS = (
    "seq, ticket_id, opd_before, assignee_before, conf_before, opd_after, assignee_after, conf_after"
)
# Built once (statement construction showed in profiles of many small pulls).
_LOG_PAGE_ALL = sa.text(f"SELECT {_LOG_COLUMNS} FROM change_log WHERE seq > :seq ORDER BY seq LIMIT :limit")
_LOG_PAGE_OPD = sa.text(
    f"SELECT {_LOG_COLUMNS} FROM change_log WHERE seq > :seq AND (opd_after = :opd OR opd_before = :opd) "
    "ORDER BY seq LIMIT :limit"
)


def _incremental_page(session: Session, caller: Caller, cursor: str, seq: int, limit: int) -> dict[str, Any]:
    if caller.role is Role.ADMIN:
        rows = session.execute(_LOG_PAGE_ALL, {"seq": seq, "limit": limit}).all()
    else:
        rows = session.execute(_LOG_PAGE_OPD, {"seq": seq, "limit": limit, "opd": caller.opd_code}).all()
    # The last change of each ticket decides its place in the page; its current state is what goes out.
    order: dict[str, int] = {}
    touched_scope: set[str] = set()
    for r in rows:
        order.pop(r[1], None)
        order[r[1]] = r[0]
        if in_scope(caller, r[2], r[3], r[4]) or in_scope(caller, r[5], r[6], r[7]):
            touched_scope.add(r[1])
    visible = load_visible(session, caller, [t for t in order if t in touched_scope])
    changes: list[dict[str, Any]] = []
    for ticket_id in order:
        if ticket_id in visible:
            changes.append({"op": "upsert", "ticket": visible[ticket_id]})
        elif ticket_id in touched_scope:
            changes.append({"op": "revoke", "ticket_id": ticket_id})
    has_more = len(rows) == limit
    next_seq = rows[-1][0] if rows else seq
    return {
        "from_cursor": cursor,
        "next_cursor": encode_cursor(next_seq),
        "has_more": has_more,
        "changes": changes,
    }


# -- push -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpOutcome:
    op_id: str
    ticket_id: str
    result: str
    reason_code: str | None = None
    reason_message: str | None = None
    first_result: str | None = None  # for a duplicate: the result the op got the first time

    def reason(self) -> dict[str, str] | None:
        if self.reason_code is None:
            return None
        return {"code": self.reason_code, "message": self.reason_message or ""}


# How the server applies each op type after its module's checks (``desktop.ops``): replies and
# notes in plain SQL (the hot path of a push), the rest through the ORM in a savepoint.
OrmApply = Callable[[WriteUnit, SlaDirectory, Caller, OpIn, TicketRow | None, Any, datetime], Flagged | None]


def _set_status(
    unit: WriteUnit,
    sla: SlaDirectory,
    caller: Caller,
    op: OpIn,
    ticket: TicketRow | None,
    p: Any,
    at: datetime,
) -> Flagged | None:
    apply_set_status(unit, sla, caller, ticket, p.status.value, p.reason, op.base_version, at)
    if p.status is Status.SELESAI and ticket is not None:
        # The citizen is asked for their answer in this same transaction, once per op (its id
        # names the message): a resent op is a duplicate, a later selesai a new request.
        request_feedback(unit.session, DeliverySettings.from_env(), sla, ticket, str(op.op_id), utcnow())
    return None


def _assign(
    unit: WriteUnit,
    sla: SlaDirectory,
    caller: Caller,
    op: OpIn,
    ticket: TicketRow | None,
    p: Any,
    at: datetime,
) -> Flagged | None:
    apply_assign(unit, sla, caller, ticket, p.assignee, op.base_version, at)
    return None


def _transfer(
    unit: WriteUnit,
    sla: SlaDirectory,
    caller: Caller,
    op: OpIn,
    ticket: TicketRow | None,
    p: Any,
    at: datetime,
) -> Flagged | None:
    apply_transfer(unit, sla, caller, ticket, p.opd_code, p.reason, op.base_version, at)
    return None


def _create_ticket(
    unit: WriteUnit,
    sla: SlaDirectory,
    caller: Caller,
    op: OpIn,
    ticket: TicketRow | None,
    p: Any,
    at: datetime,
) -> Flagged | None:
    apply_create_ticket(unit, sla, caller, str(op.ticket_id), p.ticket)
    return None


def _attach(
    unit: WriteUnit,
    sla: SlaDirectory,
    caller: Caller,
    op: OpIn,
    ticket: TicketRow | None,
    p: Any,
    at: datetime,
) -> Flagged | None:
    return apply_attach(unit, sla, caller, ticket, p.attachment, at)


# How each confirmation reads in the delivery's detail ("Ditandai terkirim lewat ... oleh ...").
_HANDED_BY = {"lapor": "SP4N-LAPOR!", "phoned": "telepon", "handed": "surat jawaban"}


def _mark_delivered(
    unit: WriteUnit,
    sla: SlaDirectory,
    caller: Caller,
    op: OpIn,
    ticket: TicketRow | None,
    p: Any,
    at: datetime,
) -> Flagged | None:
    how = _HANDED_BY.get(p.how.value, ticket.channel if ticket is not None else "")
    manual.mark_delivered(unit, caller, ticket, p.message_id, how, p.ref, at)
    return None


def _resend(
    unit: WriteUnit,
    sla: SlaDirectory,
    caller: Caller,
    op: OpIn,
    ticket: TicketRow | None,
    p: Any,
    at: datetime,
) -> Flagged | None:
    manual.resend(unit, caller, ticket, p.message_id, at, p.channel, p.recipient)
    return None


def _link_incident(
    unit: WriteUnit,
    sla: SlaDirectory,
    caller: Caller,
    op: OpIn,
    ticket: TicketRow | None,
    p: Any,
    at: datetime,
) -> Flagged | None:
    apply_link(unit, sla, caller, ticket, p, at)
    return None


def _unlink_incident(
    unit: WriteUnit,
    sla: SlaDirectory,
    caller: Caller,
    op: OpIn,
    ticket: TicketRow | None,
    p: Any,
    at: datetime,
) -> Flagged | None:
    apply_unlink(unit, sla, caller, ticket, p, at)
    return None


RAW_SQL_OPS = frozenset({OpType.REPLY, OpType.NOTE})
ORM_APPLY: dict[OpType, OrmApply] = {
    OpType.SET_STATUS: _set_status,
    OpType.ASSIGN: _assign,
    OpType.TRANSFER: _transfer,
    OpType.CREATE_TICKET: _create_ticket,
    OpType.ATTACH: _attach,
    OpType.MARK_DELIVERED: _mark_delivered,
    OpType.RESEND: _resend,
    OpType.LINK_INCIDENT: _link_incident,
    OpType.UNLINK_INCIDENT: _unlink_incident,
}
# Every registered op type has exactly one way in: a new op module without one fails at import.
assert set(OPS) == RAW_SQL_OPS | set(ORM_APPLY), "an op type without a server path"


def officer_time(
    created_at: datetime, received_at: datetime | None, floor: datetime | None, now: datetime
) -> datetime:
    """The op's time as stage timestamps take it: the officer's (corrected) ``created_at``, clamped to
    [the later of the ticket's receipt and this desk's previous push, the server's now].

    The lower bound stops a desk from backdating past its own last contact; the upper from
    dating work in the future. See docs/api.md, "Stage timestamps".
    """
    low = max((t for t in (received_at, floor) if t is not None), default=None)
    at = created_at
    if low is not None and at < low:
        at = low
    return min(at, now)


def _parse(spec: OpSpec[Any], op: OpIn, now: datetime) -> Any:
    return spec.parse(op.payload, now)


def process_op(
    engine: Engine,
    sla_cache: SlaDirectoryCache,
    caller: Caller,
    op: OpIn,
    raw: DriverSql,
    floor: datetime | None = None,
) -> OpOutcome:
    """Apply one op in its own transaction (``raw``: a write connection the caller reuses across ops).

    ``floor``: when this desk's previous push was processed (the anti-backdating bound).
    """
    op_id, ticket_id = str(op.op_id), str(op.ticket_id)
    sla = sla_cache.get()
    dbapi = engine.dialect.loaded_dbapi
    retryable = (IntegrityError, OperationalError, dbapi.IntegrityError, dbapi.OperationalError)
    for attempt in range(4):
        try:
            if op.type in RAW_SQL_OPS:
                return _process_message_op(raw, sla, caller, op, op_id, ticket_id, floor)
            return _process_op_once(engine, sla, caller, op, op_id, ticket_id, floor)
        except retryable:
            # A concurrent resend of the same op (or a deadlock): the retry sees what won.
            if attempt == 3:
                raise
            time.sleep(0.01 * (attempt + 1))
    raise AssertionError("unreachable")


def _created_at(op: OpIn) -> datetime:
    """The op's ``created_at`` in UTC, or a rejection (year 1 with +14:00 is a date, but not a sane one)."""
    return sane_time(op.created_at, "created_at op")


_PROCESSED = cast(sa.Table, ProcessedOpRow.__table__)
_PROCESSED_OP = sa.select(
    _PROCESSED.c.op_id,
    _PROCESSED.c.desk_id,
    _PROCESSED.c.ticket_id,
    _PROCESSED.c.result,
    _PROCESSED.c.reason_code,
    _PROCESSED.c.reason_message,
).where(_PROCESSED.c.op_id == sa.bindparam("op_id"))
_INSERT_PROCESSED_OP = _PROCESSED.insert()
_PROCESSED_OP_SQL = "SELECT op_id, desk_id, ticket_id, result, reason_code, reason_message FROM processed_ops WHERE op_id = :op_id"
_INSERT_PROCESSED_OP_SQL = (
    "INSERT INTO processed_ops (op_id, desk_id, ticket_id, result, reason_code, reason_message, processed_at) "
    "VALUES (:op_id, :desk_id, :ticket_id, :result, :reason_code, :reason_message, :processed_at)"
)


class _ProcessedOp(NamedTuple):
    op_id: str
    desk_id: str
    ticket_id: str
    result: str
    reason_code: str | None
    reason_message: str | None


def _answered_before(done: Any, caller: Caller, op_id: str, ticket_id: str) -> OpOutcome:
    if done.desk_id != caller.desk_id:
        return OpOutcome(op_id, ticket_id, "rejected", "op_id_reused", "op_id ini sudah dipakai meja lain.")
    return _duplicate(done)


def _processed_params(caller: Caller, op_id: str, ticket_id: str, outcome: OpOutcome, now: datetime) -> Any:
    return {
        "op_id": op_id,
        "desk_id": caller.desk_id,
        "ticket_id": ticket_id,
        "result": outcome.result,
        "reason_code": outcome.reason_code,
        "reason_message": outcome.reason_message,
        "processed_at": now,
    }


def _read_for_message(
    raw: DriverSql, ticket_id: str, op_id: str, message_id: str | None
) -> tuple[Any, Any, bool]:
    """The ticket (locked first, so two resends of one op queue up), the op's earlier result, and
    whether the message id is taken: one round trip on PostgreSQL (pipeline), in that order."""
    params = {"ticket_id": ticket_id, "op_id": op_id, "message_id": message_id}
    driver = raw.driver
    if raw.sqlite:
        ticket = driver.execute(SELECT_TICKET_FOR_MESSAGE, params).fetchone()
        done = driver.execute(_PROCESSED_OP_SQL, params).fetchone()
        taken = message_id is not None and driver.execute(MESSAGE_ID_TAKEN, params).fetchone() is not None
        return ticket, done, taken
    with driver.pipeline():
        ticket_cursor = driver.execute(raw.sql(LOCK_TICKET_FOR_MESSAGE), params)
        done_cursor = driver.execute(raw.sql(_PROCESSED_OP_SQL), params)
        taken_cursor = driver.execute(raw.sql(MESSAGE_ID_TAKEN), params) if message_id is not None else None
    taken = taken_cursor is not None and taken_cursor.fetchone() is not None
    return ticket_cursor.fetchone(), done_cursor.fetchone(), taken


def _process_message_op(
    raw: DriverSql,
    sla: SlaDirectory,
    caller: Caller,
    op: OpIn,
    op_id: str,
    ticket_id: str,
    floor: datetime | None,
) -> OpOutcome:
    """A reply or note in plain SQL: every check before its first write, so no savepoint."""
    payload_error: OpRejected | None = None
    payload: Any = None
    message_id = None
    created_at = None
    spec = OPS[OpType(op.type)]
    now = utcnow()
    try:
        created_at = _created_at(op)
        payload = _parse(spec, op, now)
        message_id = payload.message_id
    except OpInvalid as exc:
        payload_error = exc
    transaction = raw.conn.begin()
    try:
        row, done, taken = _read_for_message(raw, ticket_id, op_id, message_id)
        if done is not None:
            transaction.rollback()
            return _answered_before(_ProcessedOp(*done), caller, op_id, ticket_id)
        writes: list[tuple[str, dict[str, Any]]] = []
        changes: list[PendingChange] = []
        outcome: OpOutcome
        try:
            if payload_error is not None:
                raise payload_error
            assert created_at is not None
            facts = ticket_facts(raw, row)
            at = officer_time(created_at, facts.received_at if facts else None, floor, now)
            flag, write = plan_message(
                raw, sla, caller, facts, MessageKind(op.type), spec, payload, taken, op.base_version, at
            )
            writes.extend(write.statements)
            if op.type == OpType.REPLY.value and flag is None:
                # The citizen gets it: its delivery is queued in this same transaction.
                writes.append(reply_delivery_write(raw, ticket_id, str(message_id), now))
            changes.append(write.change)
            outcome = (
                OpOutcome(op_id, ticket_id, "conflict", flag.code, flag.message)
                if flag
                else OpOutcome(op_id, ticket_id, "applied")
            )
        except (OpRejected, OpConflict) as exc:
            result = "rejected" if isinstance(exc, OpRejected) else "conflict"
            outcome = OpOutcome(op_id, ticket_id, result, exc.code, exc.message)
        processed = _processed_params(caller, op_id, ticket_id, outcome, now)
        processed["processed_at"] = raw.when(now)
        writes.append((_INSERT_PROCESSED_OP_SQL, processed))
        commit_driver_writes(raw, transaction, writes, changes)
        return outcome
    except BaseException:
        if transaction.is_active:
            transaction.rollback()
        raise


def _process_op_once(
    engine: Engine,
    sla: SlaDirectory,
    caller: Caller,
    op: OpIn,
    op_id: str,
    ticket_id: str,
    floor: datetime | None,
) -> OpOutcome:
    with write_unit(engine) as unit:
        s = unit.session
        # Lock the ticket first so two resends of one op queue up here, then look for the op.
        ticket = s.get(TicketRow, ticket_id, with_for_update=True)
        done = s.execute(_PROCESSED_OP, {"op_id": op_id}).first()
        if done is not None:
            return _answered_before(done, caller, op_id, ticket_id)
        now = utcnow()
        outcome: OpOutcome
        spec = spec_for(op.type)
        if spec is None:
            outcome = OpOutcome(
                op_id, ticket_id, "rejected", "unknown_op_type", f"Jenis op {op.type[:40]!r} tidak dikenal."
            )
        else:
            savepoint = s.begin_nested()
            try:
                created_at = _created_at(op)
                payload = _parse(spec, op, now)
                at = officer_time(created_at, ticket.received_at if ticket is not None else None, floor, now)
                flag = ORM_APPLY[spec.type](unit, sla, caller, op, ticket, payload, at)
                s.flush()
                savepoint.commit()
                outcome = (
                    OpOutcome(op_id, ticket_id, "conflict", flag.code, flag.message)
                    if flag
                    else OpOutcome(op_id, ticket_id, "applied")
                )
            except (OpRejected, OpConflict) as exc:
                savepoint.rollback()
                unit.changes.clear()
                result = "rejected" if isinstance(exc, OpRejected) else "conflict"
                outcome = OpOutcome(op_id, ticket_id, result, exc.code, exc.message)
        s.execute(_INSERT_PROCESSED_OP, _processed_params(caller, op_id, ticket_id, outcome, now))
        return outcome


def _duplicate(done: Any) -> OpOutcome:
    """A resend: ``duplicate`` with the first result's reason (``already_applied`` if it was applied)."""
    if done.result == "applied":
        return OpOutcome(
            done.op_id,
            done.ticket_id,
            "duplicate",
            "already_applied",
            "Op ini sudah diterapkan sebelumnya.",
            "applied",
        )
    return OpOutcome(
        done.op_id, done.ticket_id, "duplicate", done.reason_code, done.reason_message, done.result
    )


def push(engine: Engine, sla_cache: SlaDirectoryCache, caller: Caller, ops: list[OpIn]) -> dict[str, Any]:
    blocked: dict[str, str] = {}
    outcomes: list[OpOutcome] = []
    floor = _last_push_floor(engine, caller)
    # One pooled connection for the whole push; each op still runs in its own transaction on it.
    with engine.connect() as conn:
        conn.execution_options(tanggap_write=True)
        raw = DriverSql(conn)
        for op in ops:
            ticket_id = str(op.ticket_id)
            if ticket_id in blocked:
                outcomes.append(
                    OpOutcome(
                        str(op.op_id),
                        ticket_id,
                        "blocked",
                        "blocked",
                        f"Op sebelumnya untuk tiket ini ditolak ({blocked[ticket_id]}).",
                    )
                )
                continue
            try:
                outcome = process_op(engine, sla_cache, caller, op, raw, floor)
            except (OperationalError, engine.dialect.loaded_dbapi.OperationalError):
                raise  # the database, not the op: the push fails (5xx) and the desk retries later
            except Exception as exc:
                if storage_problem(exc) is not None:
                    raise  # full or read-only storage: 507/503 with Retry-After, the op waits at the desk
                # A bug or an input no check foresaw: this op is refused for good, the others go on.
                log.exception("op %s (%s) could not be applied", op.op_id, op.type)
                outcome = _record_failed(engine, caller, op)
            if (outcome.first_result or outcome.result) == "rejected":
                blocked[ticket_id] = outcome.reason_code or "rejected"
            outcomes.append(outcome)
        # The answer's tickets in one batched read after every op has committed (a read: no write lock).
        conn.execution_options(tanggap_write=False)
        with Session(conn, expire_on_commit=False) as session:
            try:
                visible = result_states(session, caller, [o.ticket_id for o in outcomes])
            finally:
                session.rollback()
    next_floor = _last_push_floor(engine, caller)
    return {
        "server_time": next_floor.isoformat() if next_floor is not None else None,
        "results": [
            {
                "op_id": o.op_id,
                "result": o.result,
                "ticket": visible.get(o.ticket_id),
                "reason": o.reason(),
                "first_result": o.first_result,
            }
            for o in outcomes
        ],
    }


def result_states(session: Session, caller: Caller, ticket_ids: list[str]) -> dict[str, dict[str, Any]]:
    """What a push result carries of each ticket the caller still sees: its version, holder,
    status, stage timestamps and deadlines, not its thread (a 16 MB thread times 500 ops would
    be gigabytes). The desk takes the rest with the pull that follows every push."""
    ids = list(dict.fromkeys(ticket_ids))
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        for r in select_tickets(session, "id IN :ids", {"ids": chunk}, expanding=("ids",)):
            if not in_scope(caller, r[COL_OPD], r[COL_ASSIGNEE], r[COL_CONFIDENTIALITY]):
                continue
            out[r[0]] = {
                "id": r[0],
                "tracking_no": r[1],
                "confidentiality": r[4],
                "opd_code": r[11],
                "assignee": r[12],
                "status": r[13],
                "received_at": r[14],
                "verified_at": r[15],
                "first_response_at": r[16],
                "assigned_at": r[17],
                "followed_up_at": r[18],
                "resolved_at": r[19],
                "closed_at": r[20],
                "paused_since": r[21],
                "paused_seconds": r[22],
                "deadlines": {
                    "verification": r[23],
                    "first_response": r[24],
                    "follow_up": r[25],
                    "resolution": r[26],
                },
                "version": r[27],
            }
    return out


# One probe of ix_processed_ops_desk_processed (migration 0004).
_LAST_PROCESSED = (
    sa.select(_PROCESSED.c.processed_at)
    .where(_PROCESSED.c.desk_id == sa.bindparam("desk_id"))
    .order_by(_PROCESSED.c.processed_at.desc())
    .limit(1)
)


def _last_push_floor(engine: Engine, caller: Caller) -> datetime | None:
    """When this desk's previous push was processed: its ops cannot be dated before that."""
    with read_session(engine) as session:
        value = session.execute(_LAST_PROCESSED, {"desk_id": caller.desk_id}).scalar()
    return cast(datetime | None, value)


FAILED_MESSAGE = "Server tidak dapat menerapkan op ini; op lain tetap diproses. Hubungi administrator."


def _record_failed(engine: Engine, caller: Caller, op: OpIn) -> OpOutcome:
    """Answer a failed op ``rejected`` and remember it, so a resend gets the same answer (never a loop)."""
    op_id, ticket_id = str(op.op_id), str(op.ticket_id)
    outcome = OpOutcome(op_id, ticket_id, "rejected", "op_failed", FAILED_MESSAGE)
    try:
        with write_unit(engine) as unit:
            if unit.session.execute(_PROCESSED_OP, {"op_id": op_id}).first() is None:
                unit.session.execute(
                    _INSERT_PROCESSED_OP, _processed_params(caller, op_id, ticket_id, outcome, utcnow())
                )
    except Exception:
        log.exception("op %s: its failure could not be recorded either", op_id)
    return outcome
