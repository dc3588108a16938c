"""Ticket writes: creation, intake, the seven op types and their conflict rules.

Each function runs inside a ``WriteUnit`` (one transaction) and records the change-log entry
for every ticket it touches; seqs are handed out when the unit commits.
"""

from __future__ import annotations

import dataclasses
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from desktop.domain import (
    TERMINAL_STATUSES,
    Channel,
    Confidentiality,
    MessageKind,
    Role,
    Status,
    can_assign,
    can_transfer,
    can_transition,
    server_tracking_no,
)
from desktop.ops import create_ticket, workflow
from desktop.ops.base import (
    MAX_COMPLAINT_CHARS,
    MAX_MESSAGES_PER_TICKET,
    MAX_THREAD_CHARS,
    MAX_TITLE_CHARS,
    OpInvalid,
    OpSpec,
    TicketState,
)
from desktop.ops.deadlines import SlaDirectory
from server.attachments import attachment_row, clean_filename, clean_mime
from server.db import DriverSql, PendingChange, WriteUnit
from server.models import (
    AttachmentBlobRow,
    AttachmentRow,
    CategoryRow,
    ChangeLogRow,
    MessageRow,
    OfficerRow,
    OpdRow,
    TicketRow,
    TrackingSerialRow,
)
from server.scope import Caller, in_scope
from server.sla_service import apply_deadlines

SYSTEM_AUTHOR = "sistem"
# A rejection: the op's own checks (``desktop.ops``) and the server's (scope, roles, versions).
OpRejected = OpInvalid


class OpConflict(Exception):
    """Nothing was changed because the ticket moved on."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Flagged:
    """The op was applied, but flagged: the result is ``conflict`` with this reason."""

    code: str
    message: str


@dataclass(frozen=True)
class Snapshot:
    opd_code: str | None
    assignee: str | None
    confidentiality: str | None


def snapshot(ticket: TicketRow | None) -> Snapshot:
    if ticket is None:
        return Snapshot(None, None, None)
    return Snapshot(ticket.opd_code, ticket.assignee, ticket.confidentiality)


def record_write(
    unit: WriteUnit, ticket: TicketRow, before: Snapshot, sla: SlaDirectory, *, bump: bool = True
) -> None:
    """Recompute deadlines, bump the version and append the change-log entry."""
    apply_deadlines(sla, ticket)
    if bump:
        ticket.version = (ticket.version or 0) + 1
    unit.record(
        PendingChange(
            ticket_id=ticket.id,
            version=ticket.version,
            opd_before=before.opd_code,
            opd_after=ticket.opd_code,
            assignee_before=before.assignee,
            assignee_after=ticket.assignee,
            conf_before=before.confidentiality,
            conf_after=ticket.confidentiality,
        )
    )


def add_message(
    session: Session,
    ticket: TicketRow,
    kind: MessageKind,
    author: str,
    body: str,
    at: datetime,
    *,
    message_id: str | None = None,
    conflict: str | None = None,
) -> MessageRow:
    msg = MessageRow(
        id=message_id or str(uuid.uuid4()),
        ticket_id=ticket.id,
        kind=kind.value,
        author=author,
        body=body,
        created_at=at,
        conflict=conflict,
    )
    session.add(msg)
    return msg


def next_server_tracking_no(session: Session, opd_code: str, when: datetime) -> str:
    yymm = f"{when:%y%m}"
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = (
        insert(TrackingSerialRow)
        .values(opd_code=opd_code, yymm=yymm, last_serial=1)
        .on_conflict_do_update(
            index_elements=["opd_code", "yymm"], set_={"last_serial": TrackingSerialRow.last_serial + 1}
        )
        .returning(TrackingSerialRow.last_serial)
    )
    serial = session.execute(stmt).scalar_one()
    return server_tracking_no(opd_code, when, serial)


def new_public_key() -> str:
    """A ticket's secret for the citizen's page: 128 random bits, URL-safe (22 characters)."""
    return secrets.token_urlsafe(16)


def _clean(text: str | None, limit: int, field: str) -> str:
    value = (text or "").strip()
    if len(value) > limit:
        raise OpRejected("too_long", f"{field} lebih dari {limit} karakter.")
    return value


def insert_ticket(
    unit: WriteUnit,
    sla: SlaDirectory,
    *,
    ticket_id: str,
    tracking_no: str | None,
    channel: Channel,
    external_ref: str | None,
    confidentiality: Confidentiality,
    reporter_name: str | None,
    reporter_contact: str | None,
    title: str,
    body: str,
    category_code: str | None,
    location: str,
    opd_code: str,
    received_at: datetime,
    assignee: str | None = None,
    author: str = SYSTEM_AUTHOR,
    public_key: str | None = None,
) -> TicketRow:
    s = unit.session
    if s.get(OpdRow, opd_code) is None:
        raise OpRejected("unknown_opd", f"OPD {opd_code!r} tidak dikenal.")
    if category_code and s.get(CategoryRow, category_code) is None:
        raise OpRejected("unknown_category", f"Kategori {category_code!r} tidak dikenal.")
    if not title.strip():
        raise OpRejected("empty_title", "Judul pengaduan kosong.")
    if not body.strip():
        raise OpRejected("empty_body", "Isi pengaduan kosong.")
    ticket = TicketRow(
        id=ticket_id,
        tracking_no=tracking_no or next_server_tracking_no(s, opd_code, received_at),
        channel=channel.value,
        external_ref=external_ref or None,
        confidentiality=confidentiality.value,
        reporter_name=reporter_name or None,
        reporter_contact=reporter_contact or None,
        title=_clean(title, MAX_TITLE_CHARS, "Judul"),
        body=_clean(body, MAX_COMPLAINT_CHARS, "Isi"),
        category_code=category_code or None,
        location=_clean(location, 500, "Lokasi"),
        opd_code=opd_code,
        assignee=assignee,
        status=Status.BARU.value,
        received_at=received_at,
        paused_seconds=0,
        version=0,
        # The citizen's page key (issue 17): a desk may choose it for a walk-in it registers offline.
        public_key=public_key or new_public_key(),
    )
    if public_key and s.scalar(sa.select(TicketRow.id).where(TicketRow.public_key == public_key)):
        raise OpRejected("public_key_taken", "Kunci halaman publik sudah dipakai tiket lain.")
    s.add(ticket)
    record_write(unit, ticket, Snapshot(None, None, None), sla)
    return ticket


# -- ops ------------------------------------------------------------------------------------


_LOG = ChangeLogRow.__table__
# Built once: these run inside the per-op transactions of a push.
_SCOPES_OF_TICKET = sa.select(
    _LOG.c.opd_before,
    _LOG.c.assignee_before,
    _LOG.c.conf_before,
    _LOG.c.opd_after,
    _LOG.c.assignee_after,
    _LOG.c.conf_after,
).where(_LOG.c.ticket_id == sa.bindparam("ticket_id"))
_REASSIGNED_SINCE = (
    sa.select(sa.func.count())
    .select_from(_LOG)
    .where(
        _LOG.c.ticket_id == sa.bindparam("ticket_id"),
        _LOG.c.version > sa.bindparam("base_version"),
        sa.or_(
            _LOG.c.assignee_before != _LOG.c.assignee_after,
            sa.and_(_LOG.c.assignee_before.is_(None), _LOG.c.assignee_after.is_not(None)),
            sa.and_(_LOG.c.assignee_before.is_not(None), _LOG.c.assignee_after.is_(None)),
        ),
    )
)
_MESSAGES = MessageRow.__table__
_MESSAGE_EXISTS = sa.select(_MESSAGES.c.id).where(_MESSAGES.c.id == sa.bindparam("message_id"))
# What a message op reads of its ticket: scope, status, version and the SLA facts.
_MESSAGE_TICKET_COLUMNS = (
    "id, opd_code, assignee, confidentiality, status, version, channel, category_code, received_at, "
    "verified_at, first_response_at, assigned_at, followed_up_at, resolved_at, paused_since, paused_seconds, "
    "closed_at, (SELECT count(*) FROM messages m WHERE m.ticket_id = tickets.id), "
)
# The thread's size for the per-ticket cap. PostgreSQL's octet_length reads a stored value's size
# from its header without decompressing it (bytes >= characters: the cap holds); SQLite counts.
_THREAD_CHARS = "(SELECT coalesce(sum({}(m.body)), 0) FROM messages m WHERE m.ticket_id = tickets.id)"
SELECT_TICKET_FOR_MESSAGE = (
    f"SELECT {_MESSAGE_TICKET_COLUMNS}{_THREAD_CHARS.format('length')} FROM tickets WHERE id = :ticket_id"
)
# PostgreSQL: two resends of one op queue up on this lock; SQLite's BEGIN IMMEDIATE already serialises.
LOCK_TICKET_FOR_MESSAGE = (
    f"SELECT {_MESSAGE_TICKET_COLUMNS}{_THREAD_CHARS.format('octet_length')} FROM tickets "
    "WHERE id = :ticket_id FOR UPDATE"
)
MESSAGE_ID_TAKEN = "SELECT 1 FROM messages WHERE id = :message_id"
_INSERT_MESSAGE_SQL = (
    "INSERT INTO messages (id, ticket_id, kind, author, body, created_at, conflict) "
    "VALUES (:id, :ticket_id, :kind, :author, :body, :created_at, :conflict)"
)
_UPDATE_AFTER_MESSAGE_SQL = (
    "UPDATE tickets SET version = :version, first_response_at = :first_response_at, "
    "deadline_verification = :deadline_verification, deadline_first_response = :deadline_first_response, "
    "deadline_follow_up = :deadline_follow_up, deadline_resolution = :deadline_resolution WHERE id = :id"
)


def was_in_scope(session: Session | sa.Connection, caller: Caller, ticket_id: str) -> bool:
    """Whether the ticket was once in the caller's scope (so a late reply to it is kept)."""
    rows = session.execute(_SCOPES_OF_TICKET, {"ticket_id": ticket_id}).all()
    return any(in_scope(caller, r[0], r[1], r[2]) or in_scope(caller, r[3], r[4], r[5]) for r in rows)


def reassigned_since(session: Session | sa.Connection, ticket_id: str, base_version: int) -> bool:
    count = session.execute(
        _REASSIGNED_SINCE, {"ticket_id": ticket_id, "base_version": base_version}
    ).scalar()
    return (count or 0) > 0


def _scope_flag(db: Session | sa.Connection, caller: Caller, ticket: Any) -> Flagged | None:
    """A ticket the caller never saw is not found; one that left the caller's scope since is
    written to anyway and flagged (a desk's offline work is never dropped)."""
    if not in_scope(caller, ticket.opd_code, ticket.assignee, ticket.confidentiality):
        if not was_in_scope(db, caller, ticket.id):
            raise OpRejected("not_found", "Tiket tidak ditemukan.")
        if ticket.opd_code != caller.opd_code and caller.role is not Role.ADMIN:
            return Flagged("ticket_transferred", "Disimpan, tetapi tiket sudah dialihkan ke OPD lain.")
        return Flagged("ticket_reassigned", "Disimpan, tetapi tiket sudah ditugaskan kepada petugas lain.")
    return None


def _message_flag(
    db: Session | sa.Connection,
    caller: Caller,
    ticket: Any,
    base_version: int | None,
) -> Flagged | None:
    """The conflict rule for a reply or note (kept and flagged, never dropped), or rejection."""
    flag = _scope_flag(db, caller, ticket)
    if flag is not None:
        return flag
    if Status(ticket.status) in TERMINAL_STATUSES:
        return Flagged("ticket_closed", "Disimpan, tetapi tiket sudah ditutup.")
    if (
        base_version is not None
        and base_version < ticket.version
        and ticket.assignee != caller.username
        and reassigned_since(db, ticket.id, base_version)
    ):
        return Flagged("ticket_reassigned", "Disimpan, tetapi tiket sudah ditugaskan kepada petugas lain.")
    return None


def thread_limits(message_count: int, thread_chars: int, body: str) -> None:
    """A ticket holds at most so many messages and characters: one desk cannot grow it without end."""
    if message_count + 1 > MAX_MESSAGES_PER_TICKET:
        raise OpRejected(
            "thread_full",
            f"Tiket ini sudah memuat {MAX_MESSAGES_PER_TICKET} pesan; tulis di tiket baru atau hubungi administrator.",
        )
    if thread_chars + len(body) > MAX_THREAD_CHARS:
        raise OpRejected("thread_full", "Percakapan tiket ini sudah terlalu panjang; hubungi administrator.")


@dataclass(frozen=True)
class MessageWrite:
    """What an accepted reply or note writes: plain SQL statements and its change-log entry."""

    statements: list[tuple[str, dict[str, Any]]]
    change: PendingChange


def ticket_facts(raw: DriverSql, row: Sequence[Any] | None) -> TicketFactsRow | None:
    """A row of ``SELECT_TICKET_FOR_MESSAGE`` with its datetimes read."""
    if row is None:
        return None
    when = raw.read_when
    return TicketFactsRow(
        id=row[0],
        opd_code=row[1],
        assignee=row[2],
        confidentiality=row[3],
        status=row[4],
        version=row[5],
        channel=row[6],
        category_code=row[7],
        received_at=when(row[8]),  # type: ignore[arg-type]  # never null
        verified_at=when(row[9]),
        first_response_at=when(row[10]),
        assigned_at=when(row[11]),
        followed_up_at=when(row[12]),
        resolved_at=when(row[13]),
        paused_since=when(row[14]),
        paused_seconds=row[15],
        closed_at=when(row[16]),
        message_count=int(row[17] or 0),
        thread_chars=int(row[18] or 0),
    )


def plan_message(
    raw: DriverSql,
    sla: SlaDirectory,
    caller: Caller,
    ticket: TicketFactsRow | None,
    kind: MessageKind,
    spec: OpSpec[Any],
    payload: Any,
    message_id_taken: bool,
    base_version: int | None,
    at: datetime,
) -> tuple[Flagged | None, MessageWrite]:
    """A reply or note on a plain ticket row; every check runs before the first write.

    So a rejected op leaves nothing to undo (no savepoint); the caller runs the writes and commits.
    The stage it meets comes from the op's shared effect (``desktop.ops.reply``), as on the desk.
    """
    if ticket is None:
        raise OpRejected("not_found", "Tiket tidak ditemukan.")
    flag = _message_flag(raw.conn, caller, ticket, base_version)
    message_id, text = payload.message_id, payload.body
    if message_id_taken:
        raise OpRejected("message_id_reused", "ID pesan ini sudah dipakai pesan lain.")
    thread_limits(ticket.message_count, ticket.thread_chars, text)
    before = TicketState.of(ticket)
    after = spec.effect(before, payload, at, sla.calendar)
    if after.evolve(first_response_at=before.first_response_at) != before:
        raise AssertionError(f"{spec.type}: the fast path writes only first_response_at")
    ticket = dataclasses.replace(ticket, first_response_at=after.first_response_at)
    version = (ticket.version or 0) + 1
    deadlines = sla.deadlines(ticket)
    when = raw.when
    message = {
        "id": message_id,
        "ticket_id": ticket.id,
        "kind": kind.value,
        "author": caller.username,
        "body": text,
        "created_at": when(at),
        "conflict": flag.code if flag else None,
    }
    update = {
        "id": ticket.id,
        "version": version,
        "first_response_at": when(ticket.first_response_at),
        "deadline_verification": when(deadlines.verification),
        "deadline_first_response": when(deadlines.first_response),
        "deadline_follow_up": when(deadlines.follow_up),
        "deadline_resolution": when(deadlines.resolution),
    }
    # A message changes no scope: the entry's before and after are the same.
    change = PendingChange(
        ticket_id=ticket.id,
        version=version,
        opd_before=ticket.opd_code,
        opd_after=ticket.opd_code,
        assignee_before=ticket.assignee,
        assignee_after=ticket.assignee,
        conf_before=ticket.confidentiality,
        conf_after=ticket.confidentiality,
    )
    return flag, MessageWrite([(_INSERT_MESSAGE_SQL, message), (_UPDATE_AFTER_MESSAGE_SQL, update)], change)


@dataclass(frozen=True, slots=True)
class TicketFactsRow:
    """A ticket row's columns as attributes, for the SLA engine (``SlaDirectory.deadlines``)."""

    id: str
    opd_code: str
    assignee: str | None
    confidentiality: str
    status: str
    version: int
    channel: str
    category_code: str | None
    received_at: datetime
    verified_at: datetime | None
    first_response_at: datetime | None
    assigned_at: datetime | None
    followed_up_at: datetime | None
    resolved_at: datetime | None
    paused_since: datetime | None
    paused_seconds: int
    closed_at: datetime | None
    message_count: int
    thread_chars: int


BLOB_MISSING_MESSAGE = "Berkas lampiran belum diterima server; kirim ulang."


def apply_attach(
    unit: WriteUnit,
    sla: SlaDirectory,
    caller: Caller,
    ticket: TicketRow | None,
    attachment: Any,
    now: datetime,
) -> Flagged | None:
    """A file a desk adds to a ticket: its bytes came first (PUT /blobs/{sha256}), this links them.

    Scope as for a note; any status; base_version is not compared (appending conflicts with nothing).
    """
    s = unit.session
    if ticket is None:
        raise OpRejected("not_found", "Tiket tidak ditemukan.")
    flag = _scope_flag(s, caller, ticket)
    attachment_id = str(attachment.id)
    existing = s.get(AttachmentRow, attachment_id)
    if existing is not None:
        if existing.ticket_id != ticket.id:
            raise OpRejected("invalid_payload", "ID lampiran ini sudah dipakai tiket lain.")
        if existing.sha256 != attachment.sha256:
            raise OpRejected("invalid_payload", "ID lampiran ini sudah dipakai berkas lain di tiket ini.")
        return flag  # the same file sent again through another op: it is there once
    stored_size = s.scalar(
        sa.select(AttachmentBlobRow.size).where(AttachmentBlobRow.sha256 == attachment.sha256)
    )
    if stored_size is None or stored_size != attachment.size:
        raise OpRejected("blob_missing", BLOB_MISSING_MESSAGE)
    filename = clean_filename(attachment.filename)
    before = snapshot(ticket)
    s.add(
        attachment_row(
            attachment_id, ticket.id, filename, clean_mime(attachment.mime), stored_size, attachment.sha256
        )
    )
    add_message(
        s,
        ticket,
        MessageKind.EVENT,
        caller.username,
        f"Lampiran ditambahkan: {filename}",
        now,
        conflict=flag.code if flag else None,
    )
    record_write(unit, ticket, before, sla)
    return flag


def require_visible(caller: Caller, ticket: TicketRow | None) -> TicketRow:
    if ticket is None or not in_scope(caller, ticket.opd_code, ticket.assignee, ticket.confidentiality):
        raise OpRejected("not_found", "Tiket tidak ditemukan.")
    return ticket


def change_status(
    unit: WriteUnit,
    sla: SlaDirectory,
    ticket: TicketRow,
    target: Status,
    reason: str,
    author: str,
    now: datetime,
) -> None:
    """Move a ticket to ``target``: stamps and pause bookkeeping from the shared workflow function."""
    current = Status(ticket.status)
    before = snapshot(ticket)
    workflow.transition(TicketState.of(ticket), workflow.ToStatus(target), now, sla.calendar).write_to(ticket)
    text = f"Status: {current.value} → {target.value}"
    if reason.strip():
        text += f". Alasan: {reason.strip()}"
    add_message(unit.session, ticket, MessageKind.EVENT, author, text, now)
    record_write(unit, ticket, before, sla)


def apply_set_status(
    unit: WriteUnit,
    sla: SlaDirectory,
    caller: Caller,
    ticket: TicketRow | None,
    status: str,
    reason: str,
    base_version: int | None,
    now: datetime,
) -> None:
    ticket = require_visible(caller, ticket)
    try:
        target = Status(status)
    except ValueError:
        raise OpRejected("invalid_payload", f"Status {status!r} tidak dikenal.") from None
    current = Status(ticket.status)
    if current is target:
        raise OpConflict("status_unchanged", f"Tiket sudah berstatus {target.value}.")
    if not can_transition(current, target):
        message = f"Perubahan status {current.value} → {target.value} tidak diizinkan."
        if base_version is not None and base_version < ticket.version:
            raise OpConflict("invalid_transition", message + " Tiket sudah berubah di server.")
        raise OpRejected("invalid_transition", message)
    change_status(unit, sla, ticket, target, reason, caller.username, now)


def _compare_version(ticket: TicketRow, base_version: int | None) -> None:
    if base_version is None:
        raise OpRejected("invalid_payload", "base_version wajib untuk disposisi dan pengalihan.")
    if base_version != ticket.version:
        raise OpConflict(
            "version_mismatch",
            f"Tiket sudah berubah di server (versi {ticket.version}, bukan {base_version}); tidak ada yang diubah.",
        )


def apply_assign(
    unit: WriteUnit,
    sla: SlaDirectory,
    caller: Caller,
    ticket: TicketRow | None,
    assignee: str | None,
    base_version: int | None,
    now: datetime,
) -> None:
    if not caller.is_supervisor:
        raise OpRejected("forbidden", "Hanya supervisor yang dapat menugaskan tiket.")
    ticket = require_visible(caller, ticket)
    _compare_version(ticket, base_version)
    current = Status(ticket.status)
    if not can_assign(current):
        raise OpRejected("not_assignable", f"Tiket berstatus {current.value} tidak dapat ditugaskan.")
    s = unit.session
    if assignee is not None:
        officer = s.scalar(sa.select(OfficerRow).where(OfficerRow.username == assignee))
        if (
            officer is None
            or not officer.active
            or officer.opd_code != ticket.opd_code
            or officer.role == Role.ADMIN
        ):
            raise OpRejected("unknown_assignee", f"{assignee!r} bukan petugas di {ticket.opd_code}.")
    if assignee == ticket.assignee:
        raise OpConflict("assignee_unchanged", "Tiket sudah ditugaskan kepada petugas itu.")
    before = snapshot(ticket)
    previous = ticket.assignee
    after = workflow.transition(TicketState.of(ticket), workflow.Assigned(assignee), now, sla.calendar)
    after.write_to(ticket)
    target = after.status
    text = f"Ditugaskan: {previous or '-'} → {assignee or '-'}"
    if target is not current:
        text += f". Status: {current.value} → {target.value}"
    add_message(s, ticket, MessageKind.EVENT, caller.username, text, now)
    record_write(unit, ticket, before, sla)


def apply_transfer(
    unit: WriteUnit,
    sla: SlaDirectory,
    caller: Caller,
    ticket: TicketRow | None,
    opd_code: str,
    reason: str,
    base_version: int | None,
    now: datetime,
) -> None:
    if not caller.is_supervisor:
        raise OpRejected("forbidden", "Hanya supervisor yang dapat mengalihkan tiket.")
    ticket = require_visible(caller, ticket)
    _compare_version(ticket, base_version)
    current = Status(ticket.status)
    if not can_transfer(current):
        raise OpRejected("not_transferable", f"Tiket berstatus {current.value} tidak dapat dialihkan.")
    if unit.session.get(OpdRow, opd_code) is None:
        raise OpRejected("unknown_opd", f"OPD {opd_code!r} tidak dikenal.")
    if opd_code == ticket.opd_code:
        raise OpRejected("same_opd", "Tiket sudah berada di OPD itu.")
    before = snapshot(ticket)
    old_opd = ticket.opd_code
    workflow.transition(TicketState.of(ticket), workflow.Transferred(opd_code), now, sla.calendar).write_to(
        ticket
    )
    add_message(
        unit.session,
        ticket,
        MessageKind.EVENT,
        caller.username,
        f"Dialihkan: {old_opd} → {opd_code}. Status: {current.value} → baru. Alasan: {reason.strip()}",
        now,
    )
    record_write(unit, ticket, before, sla)


def check_desk_tracking_no(session: Session, caller: Caller, opd_code: str, tracking_no: str) -> None:
    create_ticket.check_tracking_no(tracking_no, opd_code, caller.desk_code)
    if session.scalar(sa.select(TicketRow.id).where(TicketRow.tracking_no == tracking_no)) is not None:
        raise OpRejected("tracking_no_taken", f"Nomor tiket {tracking_no!r} sudah dipakai tiket lain.")


def apply_create_ticket(
    unit: WriteUnit, sla: SlaDirectory, caller: Caller, op_ticket_id: str, data: create_ticket.NewTicket
) -> None:
    """A desk's walk-in or phone complaint; ``data`` passed the op's own checks (dates, channel)."""
    s = unit.session
    if data.id != op_ticket_id:
        raise OpRejected("invalid_payload", "ticket.id harus sama dengan ticket_id op.")
    if s.get(TicketRow, data.id) is not None:
        raise OpRejected("ticket_exists", "Tiket dengan ID ini sudah ada.")
    opd_code = data.opd_code or caller.opd_code
    if opd_code != caller.opd_code and caller.role is not Role.ADMIN:
        raise OpRejected("forbidden", "Tiket walk-in hanya dapat dicatat untuk OPD sendiri.")
    if data.tracking_no:
        check_desk_tracking_no(s, caller, opd_code, data.tracking_no)
    received_at = data.received_at  # within the horizon, never in the future (create_ticket.parse)
    confidentiality = Confidentiality(data.confidentiality)
    # An officer who registers a rahasia complaint keeps it: otherwise it would leave their own scope.
    assignee = (
        caller.username
        if confidentiality is Confidentiality.RAHASIA and caller.role is Role.OFFICER
        else None
    )
    reporter = data.reporter
    ticket = insert_ticket(
        unit,
        sla,
        ticket_id=data.id,
        tracking_no=data.tracking_no or None,
        channel=Channel(data.channel),
        external_ref=None,  # channel complaints, which have one, come only through intake
        confidentiality=confidentiality,
        reporter_name=reporter.name if reporter else None,
        reporter_contact=reporter.contact if reporter else None,
        title=data.title,
        body=data.body,
        category_code=data.category_code,
        location=data.location or "",
        opd_code=opd_code,
        received_at=received_at,
        assignee=assignee,
        author=caller.username,
        public_key=data.public_key,  # the walk-in's key the desk chose (its receipt's QR code)
    )
    # Who registered it, for every desk that pulls it (the receipt's "Petugas penerima").
    s.flush()  # the ticket's row first: the message refers to it
    add_message(
        s,
        ticket,
        MessageKind.EVENT,
        caller.username,
        create_ticket.registered_event_text(Channel(data.channel)),
        received_at,
    )
