"""Tickets as the API shows them, built in bulk (one query for tickets, one for messages).

This is the hot path of pull: plain-text SQL without ORM or type processing, datetimes passed
through as the driver gives them (psycopg: aware datetimes in UTC; SQLite: UTC text turned into
ISO 8601 by string surgery), serialised later by orjson.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from server.models import TicketRow
from server.scope import Caller, in_scope, sees_reporter

TICKETS = TicketRow.__table__
TICKET_COLUMNS = (
    "id, tracking_no, channel, external_ref, confidentiality, reporter_name, reporter_contact, title, body, "
    "category_code, location, opd_code, assignee, status, received_at, verified_at, first_response_at, "
    "assigned_at, followed_up_at, resolved_at, closed_at, paused_since, paused_seconds, deadline_verification, "
    "deadline_first_response, deadline_follow_up, deadline_resolution, version"
)
CHUNK = 5000


def _sqlite_time(value: Any) -> Any:
    # SQLAlchemy stores "YYYY-MM-DD HH:MM:SS.ffffff" in UTC on SQLite.
    return None if value is None else value.replace(" ", "T", 1) + "+00:00"


def _identity(value: Any) -> Any:
    return value


def time_converter(session: Session) -> Callable[[Any], Any]:
    return _sqlite_time if session.get_bind().dialect.name == "sqlite" else _identity


def select_tickets(
    session: Session, where: str, params: dict[str, Any], tail: str = "", expanding: Sequence[str] = ()
) -> list[Any]:
    stmt = sa.text(f"SELECT {TICKET_COLUMNS} FROM tickets WHERE {where} {tail}")
    if expanding:
        stmt = stmt.bindparams(*(sa.bindparam(name, expanding=True) for name in expanding))
    return list(session.execute(stmt, params).all())


def render_rows(session: Session, caller: Caller, rows: Sequence[Any]) -> list[dict[str, Any]]:
    """Ticket JSON (orjson-ready) for rows from ``select_tickets``, each with all its messages."""
    if not rows:
        return []
    t = time_converter(session)
    ids = [r.id for r in rows]
    messages: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    attachments: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    message_sql = sa.text(
        "SELECT ticket_id, id, kind, author, body, created_at, conflict FROM messages "
        "WHERE ticket_id IN :ids ORDER BY ticket_id, created_at, id"
    ).bindparams(sa.bindparam("ids", expanding=True))
    attachment_sql = sa.text(
        "SELECT ticket_id, id, filename, mime, size, sha256, url FROM attachments WHERE ticket_id IN :ids"
    ).bindparams(sa.bindparam("ids", expanding=True))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        for tid, mid, kind, author, body, created_at, conflict in session.execute(
            message_sql, {"ids": chunk}
        ).all():
            messages[tid].append(
                {
                    "id": mid,
                    "kind": kind,
                    "author": author,
                    "body": body,
                    "created_at": t(created_at),
                    "conflict": conflict,
                }
            )
        for tid, aid, filename, mime, size, sha, url in session.execute(attachment_sql, {"ids": chunk}).all():
            attachments[tid].append(
                {"id": aid, "filename": filename, "mime": mime, "size": size, "sha256": sha, "url": url}
            )
    out = []
    for r in rows:
        reporter = None
        if (r.reporter_name or r.reporter_contact) and sees_reporter(caller, r.assignee, r.confidentiality):
            reporter = {"name": r.reporter_name or "", "contact": r.reporter_contact or ""}
        out.append(
            {
                "id": r.id,
                "tracking_no": r.tracking_no,
                "channel": r.channel,
                "external_ref": r.external_ref or "",
                "confidentiality": r.confidentiality,
                "reporter": reporter,
                "title": r.title,
                "body": r.body,
                "category_code": r.category_code,
                "location": r.location,
                "opd_code": r.opd_code,
                "assignee": r.assignee,
                "status": r.status,
                "received_at": t(r.received_at),
                "verified_at": t(r.verified_at),
                "first_response_at": t(r.first_response_at),
                "assigned_at": t(r.assigned_at),
                "followed_up_at": t(r.followed_up_at),
                "resolved_at": t(r.resolved_at),
                "closed_at": t(r.closed_at),
                "paused_since": t(r.paused_since),
                "paused_seconds": r.paused_seconds,
                "deadlines": {
                    "verification": t(r.deadline_verification),
                    "first_response": t(r.deadline_first_response),
                    "follow_up": t(r.deadline_follow_up),
                    "resolution": t(r.deadline_resolution),
                },
                "version": r.version,
                "messages": messages[r.id],
                "attachments": attachments[r.id],
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
    rows = [r for r in rows if in_scope(caller, r.opd_code, r.assignee, r.confidentiality)]
    return {t["id"]: t for t in render_rows(session, caller, rows)}


def load_by_tracking_no(session: Session, caller: Caller, tracking_no: str) -> dict[str, Any] | None:
    rows = select_tickets(session, "tracking_no = :no", {"no": tracking_no})
    rows = [r for r in rows if in_scope(caller, r.opd_code, r.assignee, r.confidentiality)]
    return render_rows(session, caller, rows)[0] if rows else None


def load_by_id(session: Session, caller: Caller, ticket_id: str) -> dict[str, Any] | None:
    return (
        render_rows(session, caller, select_tickets(session, "id = :id", {"id": ticket_id}))[0]
        if ticket_id
        else None
    )
