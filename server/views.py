"""Tickets as the API shows them, built in bulk (one query for tickets, one for messages).

This is the hot path of pull: plain-text SQL without ORM or type processing, datetimes passed
through as the driver gives them (psycopg: aware datetimes in UTC; SQLite: UTC text turned into
ISO 8601 by string surgery), serialised later by orjson.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.orm import Session

from desktop.domain import Role
from server.models import TicketRow
from server.scope import Caller, in_scope

TICKETS = TicketRow.__table__
_TIME_COLUMNS = (
    "received_at, verified_at, first_response_at, assigned_at, followed_up_at, resolved_at, closed_at, "
    "paused_since"
).split(", ")
_TAIL_TIME_COLUMNS = ("feedback_at",)
_DEADLINE_COLUMNS = (
    "deadline_verification",
    "deadline_first_response",
    "deadline_follow_up",
    "deadline_resolution",
)


def _columns(time_sql: str) -> str:
    times = ", ".join(time_sql.format(c) for c in _TIME_COLUMNS)
    deadlines = ", ".join(time_sql.format(c) for c in _DEADLINE_COLUMNS)
    return (
        "id, tracking_no, channel, external_ref, confidentiality, reporter_name, reporter_contact, title, body, "
        f"category_code, location, opd_code, assignee, status, {times}, paused_seconds, {deadlines}, version, "
        f"public_key, feedback_selesai, feedback_nilai, {', '.join(time_sql.format(c) for c in _TAIL_TIME_COLUMNS)}, "
        "incident_id"
    )


# SQLAlchemy keeps "YYYY-MM-DD HH:MM:SS.ffffff" UTC text on SQLite: made ISO 8601 in SQL, not per value
# in Python. psycopg gives aware UTC datetimes (sessions run in UTC), which orjson writes as ISO 8601.
SQLITE_TICKET_COLUMNS = _columns("replace({0}, ' ', 'T') || '+00:00'")
TICKET_COLUMNS = _columns("{0}")
# Positions in a ticket row, for the scope checks done on the raw tuples.
COL_ID, COL_CONFIDENTIALITY, COL_OPD, COL_ASSIGNEE = 0, 4, 11, 12
CHUNK = 5000
_PARAM = re.compile(r"(?<!:):(\w+)")


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def select_tickets(
    session: Session, where: str, params: dict[str, Any], tail: str = "", expanding: Sequence[str] = ()
) -> list[Any]:
    """Ticket rows as plain tuples (columns in ``TICKET_COLUMNS`` order, times already ISO text on SQLite).

    ``where`` and ``tail`` name parameters ``:like_this``; a name in ``expanding`` is a list
    (written ``column IN :name``).
    """
    if _is_sqlite(session):
        stmt = sa.text(f"SELECT {SQLITE_TICKET_COLUMNS} FROM tickets WHERE {where} {tail}")
        if expanding:
            stmt = stmt.bindparams(*(sa.bindparam(name, expanding=True) for name in expanding))
        return list(session.execute(stmt, params))
    for name in expanding:
        where = where.replace(f"IN :{name}", f"= ANY(:{name})")
    sql = _PARAM.sub(r"%(\1)s", f"SELECT {TICKET_COLUMNS} FROM tickets WHERE {where} {tail}")
    # psycopg's binary protocol: timestamps arrive without text parsing, several times faster.
    with _driver(session).cursor(binary=True) as cursor:
        rows: list[Any] = cursor.execute(sql, params).fetchall()
    return rows


def _driver(session: Session) -> Any:
    """The psycopg connection under the session, inside the session's transaction."""
    return session.connection().connection.driver_connection


# A public reply's (or the system's acknowledgement's) delivery to the citizen: the newest of its
# deliveries. Other messages have none, and are not looked up.
_SQLITE_DELIVERY = (
    "CASE WHEN m.kind = 'reply' OR (m.kind = 'event' AND m.author = 'sistem') THEN json((SELECT json_object('state', d.state, "
    "'channel', CASE WHEN d.channel = 'manual' THEN d.source_channel ELSE d.channel END, "
    "'detail', d.detail, 'updated_at', replace(d.updated_at, ' ', 'T') || '+00:00') "
    "FROM deliveries AS d WHERE d.message_id = m.id ORDER BY d.updated_at DESC LIMIT 1)) END"
)
_MESSAGE_JSON = (
    "json_object('id', m.id, 'kind', m.kind, 'author', m.author, 'body', m.body, "
    "'created_at', replace(m.created_at, ' ', 'T') || '+00:00', 'conflict', m.conflict, "
    f"'delivery', {_SQLITE_DELIVERY})"
)
# SQLite: each ticket's messages as one JSON array, built in C. The ordered inner select is not
# flattened into an aggregate query, so json_group_array sees the messages in that order.
_SQLITE_MESSAGES = sa.text(
    f"SELECT t.id, (SELECT json_group_array({_MESSAGE_JSON}) FROM (SELECT * FROM messages "
    "WHERE ticket_id = t.id ORDER BY created_at, id) AS m) FROM tickets AS t WHERE t.id IN :ids"
).bindparams(sa.bindparam("ids", expanding=True))
# The citizen's answers of tickets that have one (few): the latest comment and how many said "tidak".
_FEEDBACK = sa.text(
    "SELECT ticket_id, selesai, komentar FROM feedback WHERE ticket_id IN :ids ORDER BY ticket_id, created_at, id"
).bindparams(sa.bindparam("ids", expanding=True))
_INCIDENTS = sa.text("SELECT id, title, location, lead_ticket_id FROM incidents WHERE id IN :ids").bindparams(
    sa.bindparam("ids", expanding=True)
)
_ATTACHMENTS = sa.text(
    "SELECT ticket_id, id, filename, mime, size, sha256, url FROM attachments WHERE ticket_id IN :ids"
).bindparams(sa.bindparam("ids", expanding=True))


# PostgreSQL: the ids as one text parameter (ticket ids are UUIDs), not a statement with thousands
# of placeholders for the driver to parse on every page. Each ticket's messages come back as one
# JSON array built by PostgreSQL (times in the same form as SQLite's; ids compared bytewise, as
# SQLite does), passed through to the response untouched.
_PG_DELIVERY = (
    "CASE WHEN m.kind = 'reply' OR (m.kind = 'event' AND m.author = 'sistem') THEN (SELECT json_build_object('state', d.state, "
    "'channel', CASE WHEN d.channel = 'manual' THEN d.source_channel ELSE d.channel END, "
    "'detail', d.detail, 'updated_at', "
    """to_char(d.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')) """
    "FROM deliveries AS d WHERE d.message_id = m.id ORDER BY d.updated_at DESC LIMIT 1) END"
)
_PG_MESSAGES = (
    "SELECT m.ticket_id, json_agg(json_build_object('id', m.id, 'kind', m.kind, 'author', m.author, "
    "'body', m.body, "
    """'created_at', to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'), """
    f"'conflict', m.conflict, 'delivery', {_PG_DELIVERY}) "
    """ORDER BY m.created_at, m.id COLLATE "C")::text FROM messages AS m """
    "WHERE m.ticket_id = ANY(string_to_array(%s, ',')) GROUP BY m.ticket_id"
)
_NO_MESSAGES = orjson.Fragment(b"[]")
_PG_ATTACHMENTS = (
    "SELECT ticket_id, id, filename, mime, size, sha256, url FROM attachments "
    "WHERE ticket_id = ANY(string_to_array(%s, ','))"
)


def _messages_by_ticket(session: Session, ids: list[str], sqlite: bool) -> dict[str, Any]:
    """Each ticket's messages (created_at, id order) as an orjson fragment: a JSON array built in SQL."""
    out: dict[str, Any] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        if sqlite:
            for tid, array in session.execute(_SQLITE_MESSAGES, {"ids": chunk}):
                out[tid] = orjson.Fragment(array)
        else:
            with _driver(session).cursor() as cursor:
                for tid, array in cursor.execute(_PG_MESSAGES, (",".join(chunk),)):
                    out[tid] = orjson.Fragment(array)
    for tid in ids:
        out.setdefault(tid, _NO_MESSAGES)
    return out


def _answers_by_ticket(session: Session, ids: list[str]) -> dict[str, tuple[str, int]]:
    """(latest comment, number of "tidak" answers) of each ticket among ``ids``."""
    out: dict[str, tuple[str, int]] = {}
    for start in range(0, len(ids), CHUNK):
        for tid, selesai, komentar in session.execute(_FEEDBACK, {"ids": ids[start : start + CHUNK]}):
            tidak = out.get(tid, ("", 0))[1] + (0 if selesai else 1)
            out[tid] = (komentar or "", tidak)
    return out


def render_rows(session: Session, caller: Caller, rows: Sequence[Any]) -> list[dict[str, Any]]:
    """Ticket JSON (orjson-ready) for rows from ``select_tickets``, each with all its messages."""
    if not rows:
        return []
    sqlite = _is_sqlite(session)
    ids = [r[0] for r in rows]
    messages = _messages_by_ticket(session, ids, sqlite)
    attachments: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        if sqlite:
            found = session.execute(_ATTACHMENTS, {"ids": chunk}).all()
        else:
            with _driver(session).cursor(binary=True) as cursor:
                found = cursor.execute(_PG_ATTACHMENTS, (",".join(chunk),)).fetchall()
        for tid, aid, filename, mime, size, sha, url in found:
            attachments.setdefault(tid, []).append(
                {"id": aid, "filename": filename, "mime": mime, "size": size, "sha256": sha, "url": url}
            )
    # feedback_at is the last column but one (incident_id is last).
    answers = _answers_by_ticket(session, [r[0] for r in rows if r[-2] is not None])
    # The incidents the tickets are linked to (few): each ticket carries its incident, so the
    # incident travels to desks with the tickets' change-log entries (docs/incidents.md).
    incident_ids = sorted({r[-1] for r in rows if r[-1]})  # incident_id: the last column
    incidents: dict[str, dict[str, Any]] = {}
    for start in range(0, len(incident_ids), CHUNK):
        for iid, ititle, ilocation, lead in session.execute(
            _INCIDENTS, {"ids": incident_ids[start : start + CHUNK]}
        ):
            incidents[iid] = {"id": iid, "title": ititle, "location": ilocation, "lead_ticket_id": lead}
    officer = caller.role is Role.OFFICER
    me = caller.username
    out = []
    for (
        tid,
        tracking_no,
        channel,
        external_ref,
        confidentiality,
        reporter_name,
        reporter_contact,
        title,
        body,
        category_code,
        location,
        opd_code,
        assignee,
        status,
        received_at,
        verified_at,
        first_response_at,
        assigned_at,
        followed_up_at,
        resolved_at,
        closed_at,
        paused_since,
        paused_seconds,
        deadline_verification,
        deadline_first_response,
        deadline_follow_up,
        deadline_resolution,
        version,
        public_key,
        feedback_selesai,
        feedback_nilai,
        feedback_at,
        incident_id,
    ) in rows:
        reporter = None
        # The same rule as scope.sees_reporter, inlined: this loop runs for every ticket pulled.
        sees = not officer or confidentiality == "public" or assignee == me
        if sees and (reporter_name or reporter_contact):
            reporter = {"name": reporter_name or "", "contact": reporter_contact or ""}
        out.append(
            {
                "id": tid,
                "tracking_no": tracking_no,
                "channel": channel,
                # A post URL or chat link names the reporter: hidden exactly when the reporter is.
                "external_ref": (external_ref or "") if sees else "",
                "confidentiality": confidentiality,
                "reporter": reporter,
                "title": title,
                "body": body,
                "category_code": category_code,
                "location": location,
                "opd_code": opd_code,
                "assignee": assignee,
                "status": status,
                "received_at": received_at,
                "verified_at": verified_at,
                "first_response_at": first_response_at,
                "assigned_at": assigned_at,
                "followed_up_at": followed_up_at,
                "resolved_at": resolved_at,
                "closed_at": closed_at,
                "paused_since": paused_since,
                "paused_seconds": paused_seconds,
                "deadlines": {
                    "verification": deadline_verification,
                    "first_response": deadline_first_response,
                    "follow_up": deadline_follow_up,
                    "resolution": deadline_resolution,
                },
                "version": version,
                "messages": messages[tid],
                "attachments": attachments.get(tid, []),
                "public_key": public_key,
                "feedback": None
                if feedback_at is None
                else {
                    "selesai": bool(feedback_selesai),
                    "nilai": feedback_nilai,
                    "at": feedback_at,
                    "komentar": answers.get(tid, ("", 0))[0],
                    "tidak": answers.get(tid, ("", 0))[1],
                },
                "incident": incidents.get(incident_id) if incident_id else None,
            }
        )
    return out


def load_visible(session: Session, caller: Caller, ticket_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The tickets among ``ticket_ids`` the caller may see now, by id."""
    ids = list(dict.fromkeys(ticket_ids))
    rows: list[Any] = []
    for start in range(0, len(ids), CHUNK):
        rows.extend(
            select_tickets(session, "id IN :ids", {"ids": ids[start : start + CHUNK]}, expanding=("ids",))
        )
    rows = [r for r in rows if in_scope(caller, r[COL_OPD], r[COL_ASSIGNEE], r[COL_CONFIDENTIALITY])]
    return {t["id"]: t for t in render_rows(session, caller, rows)}


def load_by_tracking_no(session: Session, caller: Caller, tracking_no: str) -> dict[str, Any] | None:
    rows = select_tickets(session, "tracking_no = :no", {"no": tracking_no})
    rows = [r for r in rows if in_scope(caller, r[COL_OPD], r[COL_ASSIGNEE], r[COL_CONFIDENTIALITY])]
    return render_rows(session, caller, rows)[0] if rows else None


def load_by_id(session: Session, caller: Caller, ticket_id: str) -> dict[str, Any] | None:
    return (
        render_rows(session, caller, select_tickets(session, "id = :id", {"id": ticket_id}))[0]
        if ticket_id
        else None
    )
