"""Applying pulled pages and pushed results to the local store, in bulk.

A page goes in with one ``INSERT ... ON CONFLICT DO UPDATE`` executemany per table and its
cursor, in the caller's single transaction: a crash leaves either the whole page with its
cursor or none of it, and applying a page twice is harmless. Rows of tickets that still have
waiting ops get those ops' local effects re-applied, so an officer's unsent work never
disappears from view; their unsent messages (``op_id`` set) are never overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

import orjson
from sqlalchemy import Connection, delete, select, text, update
from sqlalchemy.orm import Session

from db import bulk, models
from db.engine import integrity_errors
from db.repositories import NoticeRepository
from db.types import format_utc
from desktop import domain as d
from desktop.sync import outbox

NO_DEADLINE_TEXT = format_utc(models.NO_DEADLINE)
_OPEN = frozenset(s.value for s in d.OPEN_STATUSES)


class BadChange(ValueError):
    """A change the server sent that this client cannot understand (the page is not applied)."""


def utc_text(value: Any) -> str | None:
    """An API timestamp as the store's fixed-width UTC text; fast for the server's usual form."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadChange(f"timestamp expected, got {type(value).__name__}")
    n = len(value)
    if n == 32 and value.endswith("+00:00") and value[19] == ".":
        return value[:26] + "Z"
    if n == 25 and value.endswith("+00:00"):
        return value[:19] + ".000000Z"
    if n == 27 and value[-1] == "Z" and value[19] == ".":
        return value
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise BadChange(f"bad timestamp {value!r}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)  # the protocol says UTC; a naive value is UTC
    return format_utc(parsed)


def next_deadline_text(row: dict[str, Any]) -> tuple[str, str | None]:
    """``desktop.sla.next_deadline`` over the stored text form (UTC fixed-width sorts as time)."""
    if row["resolved_at"] is not None:
        return NO_DEADLINE_TEXT, None
    best: tuple[str, str | None] = (NO_DEADLINE_TEXT, None)
    candidates = (
        ("verification", row["dl_verification"], row["verified_at"] is None and row["assigned_at"] is None),
        ("first_response", row["dl_first_response"], row["first_response_at"] is None),
        ("follow_up", row["dl_follow_up"], row["followed_up_at"] is None),
        ("resolution", row["dl_resolution"], True),
    )
    for stage, deadline, unmet in candidates:
        if unmet and deadline is not None and (best[1] is None or deadline < best[0]):
            best = (deadline, stage)
    return best


TICKET_COLUMNS = (
    "id",
    "tracking_no",
    "channel",
    "external_ref",
    "confidentiality",
    "reporter_name",
    "reporter_contact",
    "title",
    "body",
    "category_code",
    "location",
    "opd_code",
    "assignee",
    "status",
    "received_at",
    "verified_at",
    "first_response_at",
    "assigned_at",
    "followed_up_at",
    "resolved_at",
    "closed_at",
    "paused_since",
    "paused_seconds",
    "dl_verification",
    "dl_first_response",
    "dl_follow_up",
    "dl_resolution",
    "version",
    "is_open",
    "next_deadline",
    "next_stage",
    "archived",
    "public_key",
    "feedback",
    "incident_id",
)
MESSAGE_COLUMNS = ("id", "ticket_id", "kind", "author", "body", "created_at", "conflict", "delivery")
ATTACHMENT_COLUMNS = ("id", "ticket_id", "filename", "mime", "size", "sha256", "url")


def _upsert_sql(table: str, columns: Sequence[str], keep: Iterable[str] = ()) -> str:
    """Insert, or update the columns not in ``keep`` only when one of them differs (no needless row write).

    Parameters are positional (a tuple in ``columns`` order): sqlite3 binds tuples much faster
    than dicts, which counts for the 800,000 messages of a first snapshot.
    """
    kept = set(keep) | {"id"}
    names = ", ".join(columns)
    marks = ", ".join(f"?{i}" for i in range(1, len(columns) + 1))
    updated = [c for c in columns if c not in kept]
    sets = ", ".join(f"{c} = excluded.{c}" for c in updated)
    differs = " OR ".join(f"{table}.{c} IS NOT excluded.{c}" for c in updated)
    return f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET {sets} WHERE {differs}"


# The columns the full-text index covers (db.search): an UPDATE naming them fires the index trigger, which
# re-tokenises the ticket, so the upsert leaves them out and a second statement sets them only when changed.
SEARCHED_COLUMNS = ("tracking_no", "title", "body", "reporter_name")
# pending_ops is local bookkeeping: a fresh server row does not reset it (recounted after).
TICKET_UPSERT = _upsert_sql("tickets", TICKET_COLUMNS, keep=SEARCHED_COLUMNS)
TICKET_SEARCHED_UPDATE = (
    f"UPDATE tickets SET {', '.join(f'{c} = ?{i}' for i, c in enumerate(SEARCHED_COLUMNS, 2))} WHERE id = ?1 AND ("
    + " OR ".join(f"{c} IS NOT ?{i}" for i, c in enumerate(SEARCHED_COLUMNS, 2))
    + ")"
)
_searched_params = itemgetter(*(TICKET_COLUMNS.index(c) for c in ("id", *SEARCHED_COLUMNS)))
# A message still waiting for its op keeps op_id, so it stays shown as unsent until answered.
MESSAGE_UPSERT = _upsert_sql("messages", MESSAGE_COLUMNS)
# While a first snapshot has set the unique index on message ids aside (db.bulk).
MESSAGE_INSERT = (
    f"INSERT INTO messages ({', '.join(MESSAGE_COLUMNS)}) VALUES ({', '.join('?' * len(MESSAGE_COLUMNS))})"
)
# The locally cached blob of an attachment survives a refresh of its metadata.
ATTACHMENT_UPSERT = _upsert_sql("attachments", ATTACHMENT_COLUMNS)


def ticket_params(ticket: dict[str, Any]) -> dict[str, Any]:
    """The row of ``tickets`` (text timestamps) for one server ticket JSON object."""
    try:
        reporter = ticket.get("reporter")
        deadlines = ticket.get("deadlines") or {}
        row: dict[str, Any] = {
            "id": str(ticket["id"]),
            "tracking_no": str(ticket["tracking_no"]),
            "channel": ticket["channel"],
            "external_ref": ticket.get("external_ref") or "",
            "confidentiality": ticket["confidentiality"],
            "reporter_name": reporter.get("name") if reporter else None,
            "reporter_contact": reporter.get("contact") if reporter else None,
            "title": ticket["title"],
            "body": ticket["body"],
            "category_code": ticket.get("category_code"),
            "location": ticket.get("location") or "",
            "opd_code": ticket["opd_code"],
            "assignee": ticket.get("assignee"),
            "status": ticket["status"],
            "received_at": utc_text(ticket["received_at"]),
            "verified_at": utc_text(ticket.get("verified_at")),
            "first_response_at": utc_text(ticket.get("first_response_at")),
            "assigned_at": utc_text(ticket.get("assigned_at")),
            "followed_up_at": utc_text(ticket.get("followed_up_at")),
            "resolved_at": utc_text(ticket.get("resolved_at")),
            "closed_at": utc_text(ticket.get("closed_at")),
            "paused_since": utc_text(ticket.get("paused_since")),
            "paused_seconds": int(ticket.get("paused_seconds") or 0),
            "dl_verification": utc_text(deadlines.get("verification")),
            "dl_first_response": utc_text(deadlines.get("first_response")),
            "dl_follow_up": utc_text(deadlines.get("follow_up")),
            "dl_resolution": utc_text(deadlines.get("resolution")),
            "version": int(ticket["version"]),
            "archived": False,  # back in scope (or never left): a working row again
            "public_key": ticket.get("public_key"),
            "feedback": _feedback_text(ticket.get("feedback")),
            "incident_id": _incident_id(ticket.get("incident")),
        }
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise BadChange(f"ticket not understood: {exc!r}") from None
    row["is_open"] = row["status"] in _OPEN
    row["next_deadline"], row["next_stage"] = next_deadline_text(row)
    return row


def _feedback_text(value: Any) -> str | None:
    """The citizen's answer as stored (JSON text); one this desk cannot read is a bad change."""
    if value is None:
        return None
    if d.Feedback.from_json(value) is None:
        raise BadChange(f"feedback not understood: {value!r}")
    return orjson.dumps(value).decode()


_ticket_tuple = itemgetter(*TICKET_COLUMNS)


def _incident_id(incident: Any) -> str | None:
    if incident is None:
        return None
    return str(incident["id"])


INCIDENT_UPSERT = _upsert_sql("incidents", ("id", "title", "location", "lead_ticket_id"))


def _incident_row(incident: Any) -> tuple[str, str, str, str]:
    return (
        str(incident["id"]),
        str(incident.get("title") or ""),
        str(incident.get("location") or ""),
        str(incident.get("lead_ticket_id") or ""),
    )


def upsert_tickets(
    conn: Connection, tickets: Sequence[dict[str, Any]], collisions: list[Collision] | None = None
) -> list[str]:
    """Write server tickets with their threads; returns their ids. No ORM, one executemany each.

    ``collisions``: where a server row that collides with a local one (another ticket holds its
    tracking number, a message id is taken) is put instead of raising; that row is not written.
    """
    if not tickets:
        return []
    try:
        return _upsert_tickets(conn, tickets)
    except integrity_errors():  # the encrypted store raises sqlcipher3's
        if collisions is None:
            raise
    # -- issue 15: a row that collides with a local one is set aside, never a crash ----------------
    # Row by row, each in a savepoint; rows written before the failure are written again (upserts).
    dbapi = conn.connection.driver_connection
    assert dbapi is not None
    written: list[str] = []
    for ticket in tickets:
        dbapi.execute("SAVEPOINT server_row")
        try:
            written.extend(_upsert_tickets(conn, [ticket]))
        except integrity_errors() as exc:
            dbapi.execute("ROLLBACK TO server_row")
            collisions.append(Collision(str(ticket.get("id")), str(ticket.get("tracking_no")), str(exc)))
        dbapi.execute("RELEASE server_row")
    return written


@dataclass(frozen=True, slots=True)
class Collision:
    """A server ticket the desk could not store because a local row holds its tracking number or an id."""

    ticket_id: str
    tracking_no: str
    detail: str  # SQLite's words, e.g. "UNIQUE constraint failed: tickets.tracking_no"


COLLISION_MESSAGE = (
    "Tiket {no} dari server tidak dapat disimpan di meja ini: nomor atau pengenalnya sudah dipakai "
    "tiket lokal lain. Tiket lokal tetap aman; hubungi admin server untuk membereskannya."
)


def record_collisions(session: Session, collisions: Sequence[Collision], now: datetime) -> None:
    """One notice per colliding server ticket until the user acknowledges it (not one per pull)."""
    notices = NoticeRepository(session)
    for c in collisions:
        open_already = session.scalar(
            select(models.SyncNotice.id).where(
                models.SyncNotice.code == "server_row_collision",
                models.SyncNotice.ticket_id == c.ticket_id,
                models.SyncNotice.acknowledged_at.is_(None),
            )
        )
        if open_already is None:
            notices.add(
                kind="conflict",
                code="server_row_collision",
                message=COLLISION_MESSAGE.format(no=c.tracking_no),
                now=now,
                ticket_id=c.ticket_id,
                tracking_no=c.tracking_no[:60],
            )


def _upsert_tickets(conn: Connection, tickets: Sequence[dict[str, Any]]) -> list[str]:
    ticket_rows: list[tuple[Any, ...]] = []
    message_rows: list[tuple[Any, ...]] = []
    attachment_rows: list[tuple[Any, ...]] = []
    incident_rows: dict[str, tuple[str, str, str, str]] = {}
    for ticket in tickets:
        ticket_rows.append(_ticket_tuple(ticket_params(ticket)))
        tid = ticket_rows[-1][0]
        try:
            if ticket.get("incident") is not None:
                row = _incident_row(ticket["incident"])
                incident_rows[row[0]] = row
            for m in ticket.get("messages") or ():
                created = m["created_at"]
                # The server's usual form inline (this loop runs for every message of a snapshot).
                if (
                    isinstance(created, str)
                    and len(created) == 32
                    and created[19] == "."
                    and created.endswith("+00:00")
                ):
                    created = created[:26] + "Z"
                else:
                    created = utc_text(created)
                delivery = m.get("delivery")
                message_rows.append(
                    (str(m["id"]), tid, m["kind"], m.get("author") or "", m.get("body") or "", created,
                     m.get("conflict"), orjson.dumps(delivery).decode() if delivery else None)
                )  # fmt: skip
            for a in ticket.get("attachments") or ():
                attachment_rows.append(
                    (str(a["id"]), tid, a.get("filename") or "", a.get("mime") or "application/octet-stream",
                     int(a.get("size") or 0), a.get("sha256") or "", a.get("url") or "")
                )  # fmt: skip
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise BadChange(f"thread not understood: {exc!r}") from None
    dbapi = conn.connection.driver_connection
    assert dbapi is not None
    cursor = dbapi.cursor()
    try:
        known = _stored_ids(cursor, [r[0] for r in ticket_rows])
        cursor.executemany(TICKET_UPSERT, ticket_rows)
        if known:
            cursor.executemany(
                TICKET_SEARCHED_UPDATE, [_searched_params(r) for r in ticket_rows if r[0] in known]
            )
        if message_rows:
            cursor.executemany(MESSAGE_UPSERT if bulk.messages_unique(conn) else MESSAGE_INSERT, message_rows)
        if attachment_rows:
            cursor.executemany(ATTACHMENT_UPSERT, attachment_rows)
        if incident_rows:
            cursor.executemany(INCIDENT_UPSERT, list(incident_rows.values()))
    finally:
        cursor.close()
    return [r[0] for r in ticket_rows]


def _stored_ids(cursor: Any, ids: Sequence[str]) -> set[str]:
    """Which of ``ids`` the store already has (only those can need their searched columns updated)."""
    found: set[str] = set()
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        marks = ", ".join("?" * len(chunk))
        found.update(r[0] for r in cursor.execute(f"SELECT id FROM tickets WHERE id IN ({marks})", chunk))
    return found


def store_is_empty(session: Session) -> bool:
    return session.execute(text("SELECT 1 FROM tickets LIMIT 1")).first() is None


def tickets_with_waiting_ops(session: Session, ticket_ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ticket_ids), 900):
        chunk = ticket_ids[start : start + 900]
        found.update(
            session.scalars(
                select(models.OutboxOp.ticket_id).where(
                    models.OutboxOp.ticket_id.in_(chunk), models.OutboxOp.state.in_(outbox.WAITING_STATES)
                )
            )
        )
    return found


def archive_ticket(session: Session, ticket_id: str, now: datetime, *, code: str, message: str) -> bool:
    """Keep a ticket that left this desk's scope read-only, and tell the user (never a silent delete)."""
    ticket = session.get(models.Ticket, ticket_id, populate_existing=True)
    if ticket is None or ticket.archived:
        return False
    ticket.archived = True
    ticket.is_open = False
    NoticeRepository(session).add(
        kind="revoke",
        code=code,
        message=message,
        now=now,
        ticket_id=ticket.id,
        tracking_no=ticket.tracking_no,
    )
    return True


REVOKE_MESSAGE = "Tiket {no} tidak lagi berada dalam lingkup meja ini (dialihkan, ditugaskan ulang atau dibatasi); disimpan sebagai arsip baca-saja."


def apply_page(session: Session, changes: Sequence[Any], now: datetime) -> tuple[set[str], int]:
    """Apply one pull page (the caller commits it together with the cursor).

    Returns the ids touched and how many revokes were applied. Raises ``BadChange`` for a page
    this client does not understand; the caller keeps its cursor and reports it.
    """
    upserts: dict[str, dict[str, Any]] = {}
    revokes: list[str] = []
    for change in changes:
        if not isinstance(change, dict):
            raise BadChange("change is not an object")
        kind = change.get("op")
        if kind == "upsert" and isinstance(change.get("ticket"), dict):
            ticket = change["ticket"]
            upserts[str(ticket.get("id"))] = ticket
            if ticket.get("id") in revokes:
                revokes.remove(ticket["id"])
        elif kind == "revoke" and change.get("ticket_id"):
            tid = str(change["ticket_id"])
            upserts.pop(tid, None)
            revokes.append(tid)
        else:
            raise BadChange(f"unknown change {kind!r}")
    collisions: list[Collision] = []
    ids = upsert_tickets(session.connection(), list(upserts.values()), collisions)
    record_collisions(session, collisions, now)
    waiting = tickets_with_waiting_ops(session, ids)
    if waiting:
        outbox.reapply_waiting(session, waiting)
    revoked = 0
    for tid in revokes:
        row = session.get(models.Ticket, tid, populate_existing=True)
        no = row.tracking_no if row is not None else tid
        if archive_ticket(session, tid, now, code="revoked", message=REVOKE_MESSAGE.format(no=no)):
            revoked += 1
    return set(ids) | set(revokes), revoked


def remember_snapshot_ids(session: Session, ticket_ids: Iterable[str]) -> None:
    rows = [{"ticket_id": tid} for tid in ticket_ids]
    if rows:
        session.execute(text("INSERT OR IGNORE INTO snapshot_seen (ticket_id) VALUES (:ticket_id)"), rows)


def unseen_ticket_ids(session: Session) -> set[str]:
    """Live tickets a re-snapshot has not delivered (walk-ins still waiting to be sent excepted)."""
    seen = select(models.SnapshotSeen.ticket_id)
    unsent_walk_ins = select(models.OutboxOp.ticket_id).where(
        models.OutboxOp.type == d.OpType.CREATE_TICKET, models.OutboxOp.state.in_(outbox.WAITING_STATES)
    )
    stmt = select(models.Ticket.id).where(
        models.Ticket.archived.is_(False),
        models.Ticket.id.not_in(seen),
        models.Ticket.id.not_in(unsent_walk_ins),
    )
    return set(session.scalars(stmt))


def archive_unseen(session: Session, now: datetime) -> int:
    """End of a re-snapshot: archive what left this desk's scope while its cursor was expired."""
    archived = 0
    for tid in sorted(unseen_ticket_ids(session)):
        row = session.get(models.Ticket, tid)
        no = row.tracking_no if row is not None else tid
        if archive_ticket(session, tid, now, code="revoked", message=REVOKE_MESSAGE.format(no=no)):
            archived += 1
    session.execute(delete(models.SnapshotSeen))
    return archived


# What a push result carries of a ticket (PROTOCOL.md, second stage): the rest comes with the pull.
STATE_COLUMNS = (
    "opd_code",
    "assignee",
    "status",
    "verified_at",
    "first_response_at",
    "assigned_at",
    "followed_up_at",
    "resolved_at",
    "closed_at",
    "paused_since",
    "paused_seconds",
    "dl_verification",
    "dl_first_response",
    "dl_follow_up",
    "dl_resolution",
    "version",
    "is_open",
    "next_deadline",
    "next_stage",
)
STATE_UPDATE = (
    f"UPDATE tickets SET {', '.join(f'{c} = :{c}' for c in STATE_COLUMNS)} WHERE id = :id AND archived = 0"
)


def state_params(ticket: dict[str, Any]) -> dict[str, Any]:
    """The state columns of ``tickets`` for a push result's ticket (full or state only)."""
    try:
        deadlines = ticket.get("deadlines") or {}
        row: dict[str, Any] = {
            "id": str(ticket["id"]),
            "opd_code": ticket["opd_code"],
            "assignee": ticket.get("assignee"),
            "status": ticket["status"],
            "verified_at": utc_text(ticket.get("verified_at")),
            "first_response_at": utc_text(ticket.get("first_response_at")),
            "assigned_at": utc_text(ticket.get("assigned_at")),
            "followed_up_at": utc_text(ticket.get("followed_up_at")),
            "resolved_at": utc_text(ticket.get("resolved_at")),
            "closed_at": utc_text(ticket.get("closed_at")),
            "paused_since": utc_text(ticket.get("paused_since")),
            "paused_seconds": int(ticket.get("paused_seconds") or 0),
            "dl_verification": utc_text(deadlines.get("verification")),
            "dl_first_response": utc_text(deadlines.get("first_response")),
            "dl_follow_up": utc_text(deadlines.get("follow_up")),
            "dl_resolution": utc_text(deadlines.get("resolution")),
            "version": int(ticket["version"]),
        }
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise BadChange(f"ticket state not understood: {exc!r}") from None
    row["is_open"] = row["status"] in _OPEN
    row["next_deadline"], row["next_stage"] = next_deadline_text(row)
    return row


def apply_result_tickets(
    session: Session, tickets: Sequence[dict[str, Any]], now: datetime
) -> tuple[list[str], int]:
    """Take the server's state of each ticket from a push response, then put back what still waits.

    A result carries the ticket's state, not its thread (the pull that follows brings that); an
    older server's whole ticket is taken as a pulled row, and one that collides with a local row
    becomes a notice to acknowledge, as in a pull. Returns (ticket ids, collisions).
    """
    whole = [t for t in tickets if "title" in t]
    collisions: list[Collision] = []
    ids = upsert_tickets(session.connection(), whole, collisions)
    record_collisions(session, collisions, now)
    states = [state_params(t) for t in tickets if "title" not in t]
    if states:
        session.execute(text(STATE_UPDATE), states)
        ids += [s["id"] for s in states]
    outbox.reapply_waiting(session, ids)
    return ids, len(collisions)


def clear_message_ops(session: Session, op_ids: Sequence[str]) -> None:
    """Messages whose ops were delivered are no longer "menunggu sinkronisasi"."""
    for start in range(0, len(op_ids), 900):
        chunk = list(op_ids[start : start + 900])
        session.execute(update(models.Message).where(models.Message.op_id.in_(chunk)).values(op_id=None))
