"""Load the seed generator's directory and complaints (``server.seeddata``) into a database."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from desktop.domain import Channel, MessageKind, Status, server_tracking_no
from desktop.sla.calendar import office_hours_to_json
from desktop.sla.policy import DEFAULT_POLICY, PolicyRule
from server.attachments import API_PATH, store_blob
from server.db import PendingChange, read_session, utcnow, write_unit
from server.models import (
    AttachmentRow,
    CalendarDayRow,
    CannedResponseRow,
    CategoryRow,
    MessageRow,
    OfficerRow,
    OpdRow,
    SlaRuleRow,
    TicketRow,
    TrackingSerialRow,
)
from server.security import hash_password
from server.seed_attachments import attachments_for
from server.sla_service import SlaDirectoryCache
from server.tickets import new_public_key

BATCH = 2000
_NS = uuid.UUID("5b0f8a3e-6a55-4a8e-9d4c-7d5e2b7a1c11")


def _generator() -> Any:
    import server.seeddata as seeddata

    return seeddata


def load_directory(engine: Engine, directory: Any) -> int:
    """Insert what is missing of the directory (existing codes and usernames are kept); returns new officers."""
    with read_session(engine) as session:
        have_opds = set(session.scalars(sa.select(OpdRow.code)))
        have_users = set(session.scalars(sa.select(OfficerRow.username)))
        have_categories = set(session.scalars(sa.select(CategoryRow.code)))
        have_canned = set(session.scalars(sa.select(CannedResponseRow.id)))
        have_days = {
            (d, o, w)
            for d, o, w in session.execute(
                sa.select(CalendarDayRow.day, CalendarDayRow.opd_code, CalendarDayRow.working)
            )
        }
        have_rules = session.scalar(sa.select(sa.func.count()).select_from(SlaRuleRow)) or 0
    new_officers = [o for o in directory.officers if o.username not in have_users]
    # argon2 releases the GIL: hash the seeded passwords in parallel.
    with ThreadPoolExecutor(max_workers=8) as pool:
        hashes = list(pool.map(hash_password, [o.password for o in new_officers]))
    opd_codes = [o.code for o in directory.opds]
    with write_unit(engine) as unit:
        s = unit.session
        for opd in directory.opds:
            if opd.code in have_opds:
                continue
            s.add(
                OpdRow(
                    code=opd.code,
                    name=opd.name,
                    region=opd.region,
                    tz=opd.tz,
                    address=opd.address,
                    status_url="",
                    office_hours=office_hours_to_json(opd.office_hours) if opd.office_hours else None,
                )
            )
        s.flush()
        for officer, password_hash in zip(new_officers, hashes, strict=True):
            s.add(
                OfficerRow(
                    username=officer.username,
                    name=officer.name,
                    role=officer.role.value,
                    opd_code=officer.opd_code,
                    password_hash=password_hash,
                    active=True,
                )
            )
        for cat in directory.categories:
            if cat.code not in have_categories:
                s.add(
                    CategoryRow(
                        code=cat.code, name=cat.name, tier=cat.tier.value, opd_codes=list(cat.opd_codes)
                    )
                )
        for canned in directory.canned_responses:
            # A template for every OPD becomes one row per OPD: each desk sees its own list.
            for opd_code in [canned.opd_code] if canned.opd_code else opd_codes:
                canned_id = str(uuid.uuid5(_NS, f"{opd_code}|{canned.title}"))
                if canned_id in have_canned:
                    continue
                have_canned.add(canned_id)
                s.add(
                    CannedResponseRow(id=canned_id, opd_code=opd_code, title=canned.title, body=canned.body)
                )
        for opd_code, day, why in directory.non_working_days:
            key = (day.isoformat(), opd_code, False)
            if key not in have_days:
                have_days.add(key)
                s.add(CalendarDayRow(day=day.isoformat(), opd_code=opd_code, name=why, working=False))
        if not have_rules:
            s.add(SlaRuleRow(rule=PolicyRule(None, None, None, DEFAULT_POLICY).to_json()))
    return len(new_officers)


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_TICKET_KEYS = [c.key for c in TicketRow.__table__.columns]


def _sqlite_value(value: Any) -> Any:
    # The text UtcDateTime keeps on SQLite: naive UTC, always with microseconds (sorts as text).
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    return value


def _bulk_insert(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """Rows straight to the driver, in the session's transaction: COPY on PostgreSQL, executemany on SQLite."""
    if not rows:
        return
    columns = [c.key for c in table.columns]
    driver = session.connection().connection.driver_connection
    assert driver is not None
    if session.get_bind().dialect.name == "sqlite":
        marks = ", ".join("?" * len(columns))
        driver.executemany(
            f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})",
            [tuple(_sqlite_value(row[c]) for c in columns) for row in rows],
        )
        return
    with (
        driver.cursor() as cursor,
        cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row([row[c] for c in columns])


def load_complaints(engine: Engine, complaints: Iterable[Any]) -> int:
    """Insert generated complaints with their messages, deadlines and change-log rows; returns how many.

    Plain Core inserts, each a single executemany per table and batch: an ORM object per row
    cost milliseconds a ticket, which made seeding 100,000 complaints take minutes.
    """
    sla_cache = SlaDirectoryCache(engine)
    sla = sla_cache.get()
    with read_session(engine) as session:
        serials = {
            (o, y): n
            for o, y, n in session.execute(
                sa.select(TrackingSerialRow.opd_code, TrackingSerialRow.yymm, TrackingSerialRow.last_serial)
            )
        }
        taken_refs = {
            (c, r)
            for c, r in session.execute(
                sa.select(TicketRow.channel, TicketRow.external_ref).where(
                    TicketRow.external_ref.is_not(None)
                )
            )
        }
    total = 0
    blobs_stored: set[str] = set()
    for chunk in _chunks(complaints, BATCH):
        tickets: list[dict[str, Any]] = []
        messages: list[dict[str, Any]] = []
        attachments: list[dict[str, Any]] = []
        with write_unit(engine) as unit:
            for c in chunk:
                ref = c.external_ref or None
                if ref is not None and (c.channel.value, ref) in taken_refs:
                    continue
                if ref is not None:
                    taken_refs.add((c.channel.value, ref))
                ticket_id = str(uuid.uuid4())
                key = (c.opd_code, f"{c.received_at:%y%m}")
                serials[key] = serials.get(key, 0) + 1
                row: dict[str, Any] = {
                    "id": ticket_id,
                    "tracking_no": server_tracking_no(c.opd_code, c.received_at, serials[key]),
                    "channel": Channel(c.channel).value,
                    "external_ref": ref,
                    "confidentiality": c.confidentiality.value,
                    "reporter_name": c.reporter_name or None,
                    "reporter_contact": c.reporter_contact or None,
                    "title": c.title[:500],
                    "body": c.body,
                    "category_code": c.category_code,
                    "location": c.location[:500],
                    "opd_code": c.opd_code,
                    "assignee": c.assignee,
                    "status": Status(c.status).value,
                    "received_at": c.received_at,
                    "verified_at": c.verified_at,
                    "first_response_at": c.first_response_at,
                    "assigned_at": c.assigned_at,
                    "followed_up_at": c.followed_up_at,
                    "resolved_at": c.resolved_at,
                    "closed_at": c.closed_at,
                    "paused_since": getattr(c, "paused_since", None),
                    "paused_seconds": getattr(c, "paused_seconds", 0),
                    "version": 1,
                    # The citizen's page (issue 17): every ticket has its own secret key.
                    "public_key": new_public_key(),
                    "feedback_selesai": None,
                    "feedback_nilai": None,
                    "feedback_at": None,
                    "incident_id": None,
                }
                # The SLA service reads a ticket's attributes: a namespace over the row will do.
                deadlines = sla.deadlines(cast(Any, SimpleNamespace(**row)))
                row["deadline_verification"] = deadlines.verification
                row["deadline_first_response"] = deadlines.first_response
                row["deadline_follow_up"] = deadlines.follow_up
                row["deadline_resolution"] = deadlines.resolution
                tickets.append({k: row[k] for k in _TICKET_KEYS})
                for m in c.messages:
                    messages.append(
                        {
                            "id": str(uuid.uuid4()),
                            "ticket_id": ticket_id,
                            "kind": MessageKind(m.kind).value,
                            "author": m.author,
                            "body": m.body,
                            "created_at": c.received_at + m.offset,
                            "conflict": None,
                        }
                    )
                for filename, blob in attachments_for(c):
                    if blob.sha256 not in blobs_stored:
                        store_blob(unit.session, blob.sha256, blob.data)
                        blobs_stored.add(blob.sha256)
                    attachment_id = str(uuid.uuid4())
                    attachments.append(
                        {
                            "id": attachment_id,
                            "ticket_id": ticket_id,
                            "filename": filename,
                            "mime": blob.mime,
                            "size": len(blob.data),
                            "sha256": blob.sha256,
                            "url": API_PATH + attachment_id,
                        }
                    )
                unit.record(
                    PendingChange(
                        ticket_id, 1, None, c.opd_code, None, c.assignee, None, row["confidentiality"]
                    )
                )
            _bulk_insert(unit.session, TicketRow.__table__, tickets)
            _bulk_insert(unit.session, MessageRow.__table__, messages)
            _bulk_insert(unit.session, AttachmentRow.__table__, attachments)
        total += len(tickets)
    with write_unit(engine) as unit:
        for (opd_code, yymm), last in serials.items():
            existing = unit.session.get(TrackingSerialRow, (opd_code, yymm))
            if existing is None:
                unit.session.add(TrackingSerialRow(opd_code=opd_code, yymm=yymm, last_serial=last))
            else:
                existing.last_serial = max(existing.last_serial, last)
    return total


def seed(
    engine: Engine, tickets: int, seed_value: int = 0, now: datetime | None = None
) -> list[tuple[str, str, str]]:
    """Directory plus ``tickets`` complaints over the last 90 days; returns the demo logins."""
    gen = _generator()
    directory = gen.build_directory(seed_value)
    load_directory(engine, directory)
    if tickets > 0:
        load_complaints(engine, gen.generate_complaints(directory, tickets, seed_value, now or utcnow()))
    return list(gen.demo_logins(directory))
