"""Local actions: each writes its local effect and its outbox op in ONE transaction.

They work offline, validate against the workflow table and the officer's role first (a
supervisor-only op is refused here with a clear message), and return ``Changes``. Plain
functions over a ``LocalStore``: any thread may call them; no session outlives a call.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models
from db.repositories import NoticeRepository, SyncStateRepository
from desktop import delivery, ops
from desktop import domain as d
from desktop.changes import Changes
from desktop.ops.base import MAX_COMPLAINT_CHARS, MAX_MESSAGE_CHARS, MAX_TITLE_CHARS, OpInvalid, plain_text
from desktop.session import DeskIdentity, require_identity
from desktop.store import LocalStore
from desktop.sync import attachments, outbox
from desktop.sync.engine import officer_now

MAX_TEXT = MAX_MESSAGE_CHARS  # one limit with the server (desktop.ops)
WALK_IN_REGISTRAR_KEY = "walk_in_registrar:"  # + ticket id -> username, in sync_state


def _now(store: LocalStore) -> datetime:
    """The officer's time for an action (corrected by the server's clock, bounded as it will be)."""
    with store.read() as session:
        return officer_now(session)


class ActionRefused(Exception):
    """The action is not allowed (workflow, role, input); the message says why, in Indonesian."""


@dataclass(frozen=True, slots=True)
class ActionResult:
    op_id: str
    ticket_id: str
    tracking_no: str
    changes: Changes


def _ticket(session: Session, tracking_no: str) -> models.Ticket:
    row = session.scalars(select(models.Ticket).where(models.Ticket.tracking_no == tracking_no)).one_or_none()
    if row is None:
        raise ActionRefused(f"Tiket {tracking_no} tidak ada di meja ini. / Ticket not found.")
    if row.archived:
        raise ActionRefused(
            f"Tiket {tracking_no} sudah di luar lingkup meja ini (arsip baca-saja). / Ticket is archived."
        )
    return row


def _text(value: str, what: str, limit: int = MAX_TEXT) -> str:
    """The op modules' own text check (the server's), with the desk's wording."""
    try:
        return plain_text(value, "text", limit, required=True, label=what)
    except OpInvalid as exc:
        if exc.code in ("empty_text", "empty_body"):
            raise ActionRefused(f"{what} kosong. / {what} is empty.") from None
        if exc.code == "too_long":
            raise ActionRefused(f"{what} lebih dari {limit} karakter. / Too long.") from None
        raise ActionRefused(exc.message) from None


def _checked(op_type: d.OpType, payload: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The payload as its op module checks it (the server checks the same): refused here first."""
    try:
        ops.OPS[op_type].parse(payload, now)
    except OpInvalid as exc:
        raise ActionRefused(exc.message) from None
    return payload


def _done(op: models.OutboxOp, ticket: models.Ticket) -> ActionResult:
    return ActionResult(
        op_id=op.op_id,
        ticket_id=ticket.id,
        tracking_no=ticket.tracking_no,
        changes=Changes(tickets=frozenset({ticket.id}), queue=True, outbox=True),
    )


def _message(
    store: LocalStore, tracking_no: str, body: str, kind: d.MessageKind, now: datetime | None
) -> ActionResult:
    identity = require_identity(store)
    text = _text(body, "Balasan" if kind is d.MessageKind.REPLY else "Catatan")
    now = now or _now(store)
    with store.write() as session:
        return message_op(session, identity, _ticket(session, tracking_no), text, kind, now)


def message_op(
    session: Session,
    identity: DeskIdentity,
    ticket: models.Ticket,
    text: str,
    kind: d.MessageKind,
    now: datetime,
) -> ActionResult:
    """One reply or note on one ticket, in the caller's transaction: its own op id and message id."""
    message_id = str(uuid.uuid4())
    op_type = d.OpType.REPLY if kind is d.MessageKind.REPLY else d.OpType.NOTE
    op = outbox.enqueue(
        session,
        op_type=op_type,
        ticket=ticket,
        payload=_checked(op_type, {"message_id": message_id, "body": text}, now),
        now=now,
    )
    session.add(
        models.Message(
            id=message_id,
            ticket_id=ticket.id,
            kind=kind.value,
            author=identity.username,
            body=text,
            created_at=now,
            op_id=op.op_id,
        )
    )
    outbox.apply_local_effect(ticket, op.type, op.payload, now)
    outbox.refresh_queue_columns(ticket)
    return _done(op, ticket)


def reply(store: LocalStore, tracking_no: str, body: str, *, now: datetime | None = None) -> ActionResult:
    """A public reply to the citizen: shown at once as waiting, sent exactly once."""
    return _message(store, tracking_no, body, d.MessageKind.REPLY, now)


def note(store: LocalStore, tracking_no: str, body: str, *, now: datetime | None = None) -> ActionResult:
    """An internal note: never shown to the citizen."""
    return _message(store, tracking_no, body, d.MessageKind.NOTE, now)


def _read_files(paths: Sequence[Path | str]) -> list[d.FileBytes]:
    try:
        return [attachments.read_local_file(Path(p)) for p in paths]
    except attachments.FileRefused as exc:
        raise ActionRefused(str(exc)) from None


def _attach_op(
    session: Session, data_dir: Path, ticket: models.Ticket, file: d.FileBytes, now: datetime
) -> models.OutboxOp:
    """The file kept in the cache, its row shown at once, its op queued: one transaction."""
    # Inside the write transaction, so a concurrent sweep of unneeded files never sees it unnamed.
    cached = attachments.keep_local_blob(data_dir, file.data)
    attachment_id = str(uuid.uuid4())
    meta = {
        "id": attachment_id,
        "filename": file.filename,
        "mime": file.mime,
        "size": len(file.data),
        "sha256": file.sha256,
    }
    op = outbox.enqueue(
        session, op_type=d.OpType.ATTACH, ticket=ticket, payload={"attachment": meta}, now=now
    )
    session.add(models.Attachment(ticket_id=ticket.id, url="", cached_path=cached, **meta))
    return op


def attach(
    store: LocalStore, tracking_no: str, path: Path | str, *, now: datetime | None = None
) -> ActionResult:
    """Add a file to a ticket (a scanned letter, a photo): viewable here at once, sent exactly once.

    At most 5 MB (what the server takes); the bytes go to the server just before the op.
    """
    require_identity(store)
    (file,) = _read_files([path])
    now = now or _now(store)
    with store.write() as session:
        ticket = _ticket(session, tracking_no)
        op = _attach_op(session, store.path.parent, ticket, file, now)
        return _done(op, ticket)


def set_status(
    store: LocalStore, tracking_no: str, status: str, *, reason: str = "", now: datetime | None = None
) -> ActionResult:
    require_identity(store)
    try:
        target = d.Status(status)
    except ValueError:
        allowed = ", ".join(s.value for s in d.Status)
        raise ActionRefused(f"Status {status!r} tidak dikenal (pilihan: {allowed}).") from None
    if target in d.REASON_REQUIRED and not reason.strip():
        raise ActionRefused(f"Status {target.value} memerlukan alasan (--reason). / A reason is required.")
    now = now or _now(store)
    with store.write() as session:
        ticket = _ticket(session, tracking_no)
        current = d.Status(ticket.status)
        if not d.can_transition(current, target):
            allowed = ", ".join(sorted(s.value for s in d.allowed_transitions(current))) or "tidak ada"
            raise ActionRefused(
                f"Tiket {tracking_no} berstatus {current.value}; tidak dapat menjadi {target.value} "
                f"(yang boleh: {allowed})."
            )
        op = outbox.enqueue(
            session,
            op_type=d.OpType.SET_STATUS,
            ticket=ticket,
            payload=_checked(d.OpType.SET_STATUS, {"status": target.value, "reason": reason.strip()}, now),
            now=now,
        )
        outbox.apply_local_effect(ticket, op.type, op.payload, now)
        outbox.refresh_queue_columns(ticket)
        return _done(op, ticket)


def _require_supervisor(identity: DeskIdentity, what: str) -> None:
    if not identity.is_supervisor:
        raise ActionRefused(f"Hanya supervisor yang dapat {what}. / Only a supervisor may do this.")


def assign(
    store: LocalStore, tracking_no: str, username: str, *, now: datetime | None = None
) -> ActionResult:
    return assign_many(store, [tracking_no], username, now=now)[0]


def assign_many(
    store: LocalStore, tracking_numbers: Sequence[str], username: str, *, now: datetime | None = None
) -> list[ActionResult]:
    """Assign several tickets to one officer: one op each, all in ONE transaction (all or none),
    so 120 tickets are one command and one push, and a refused one leaves nothing half done."""
    identity = require_identity(store)
    _require_supervisor(identity, "menugaskan tiket")
    now = now or _now(store)
    if len(set(tracking_numbers)) != len(tracking_numbers):
        raise ActionRefused("Nomor tiket yang sama disebut dua kali. / A ticket is listed twice.")
    results: list[ActionResult] = []
    with store.write() as session:
        known = session.scalar(select(models.Officer.username).limit(1)) is not None
        officer = session.get(models.Officer, username)
        for tracking_no in tracking_numbers:
            ticket = _ticket(session, tracking_no)
            if not d.can_assign(d.Status(ticket.status)):
                raise ActionRefused(f"Tiket {tracking_no} berstatus {ticket.status}; tidak dapat ditugaskan.")
            if known and (officer is None or officer.opd_code != ticket.opd_code):
                raise ActionRefused(f"{username} bukan petugas di {ticket.opd_code}.")
            if ticket.assignee == username:
                # The server would answer assignee_unchanged: nothing to send.
                raise ActionRefused(f"Tiket {tracking_no} sudah ditugaskan kepada {username}.")
            op = outbox.enqueue(
                session,
                op_type=d.OpType.ASSIGN,
                ticket=ticket,
                payload=_checked(d.OpType.ASSIGN, {"assignee": username}, now),
                now=now,
            )
            outbox.apply_local_effect(ticket, op.type, op.payload, now)
            outbox.refresh_queue_columns(ticket)
            results.append(_done(op, ticket))
    return results


def transfer(
    store: LocalStore, tracking_no: str, opd_code: str, *, reason: str, now: datetime | None = None
) -> ActionResult:
    identity = require_identity(store)
    _require_supervisor(identity, "mengalihkan tiket")
    reason_text = _text(reason, "Alasan pengalihan")
    now = now or _now(store)
    with store.write() as session:
        ticket = _ticket(session, tracking_no)
        if not d.can_transfer(d.Status(ticket.status)):
            raise ActionRefused(f"Tiket {tracking_no} berstatus {ticket.status}; tidak dapat dialihkan.")
        if opd_code == ticket.opd_code:
            raise ActionRefused(f"Tiket {tracking_no} sudah berada di {opd_code}.")
        if (
            session.scalar(select(models.Opd.code).limit(1)) is not None
            and session.get(models.Opd, opd_code) is None
        ):
            raise ActionRefused(f"OPD {opd_code!r} tidak dikenal.")
        op = outbox.enqueue(
            session,
            op_type=d.OpType.TRANSFER,
            ticket=ticket,
            payload=_checked(d.OpType.TRANSFER, {"opd_code": opd_code, "reason": reason_text}, now),
            now=now,
        )
        outbox.apply_local_effect(ticket, op.type, op.payload, now)
        outbox.refresh_queue_columns(ticket)
        return _done(op, ticket)


def _check_category(session: Session, category: str | None) -> None:
    if category and session.get(models.Category, category) is None:
        raise ActionRefused(f"Kategori {category!r} tidak dikenal.")


def walk_in(
    store: LocalStore,
    *,
    name: str,
    contact: str,
    title: str,
    body: str,
    category: str | None = None,
    confidentiality: str = "public",
    location: str = "",
    files: Sequence[Path | str] = (),
    now: datetime | None = None,
) -> ActionResult:
    """Register a complaint made in person; its tracking number is valid at once, offline.

    ``files`` (a copy of an ID card, a letter) are attached in the same transaction.
    """
    identity = require_identity(store)
    try:
        conf = d.Confidentiality(confidentiality)
    except ValueError:
        raise ActionRefused("Kerahasiaan harus public, anonim atau rahasia.") from None
    title_text = _text(title, "Judul", MAX_TITLE_CHARS)
    body_text = _text(body, "Isi pengaduan", MAX_COMPLAINT_CHARS)
    reporter_name = name.strip()
    if not reporter_name and conf is d.Confidentiality.PUBLIC:
        raise ActionRefused("Nama pelapor kosong. / Reporter name is empty.")
    documents = _read_files(files)
    now = now or _now(store)
    with store.write() as session:
        state = SyncStateRepository(session)
        serial = int(state.get("walkin_serial") or 0) + 1
        state.set("walkin_serial", str(serial))
        tracking_no = d.desk_tracking_no(identity.opd_code, now, identity.desk_code, serial)
        while session.scalar(select(models.Ticket.id).where(models.Ticket.tracking_no == tracking_no)):
            serial += 1  # a number already used (restored backup): never hand it out twice
            state.set("walkin_serial", str(serial))
            tracking_no = d.desk_tracking_no(identity.opd_code, now, identity.desk_code, serial)
        _check_category(session, category)
        ticket = models.Ticket(
            id=str(uuid.uuid4()),
            tracking_no=tracking_no,
            channel=d.Channel.WALK_IN.value,
            external_ref="",
            confidentiality=conf.value,
            reporter_name=reporter_name or None,
            reporter_contact=contact.strip() or None,
            title=title_text,
            body=body_text,
            category_code=category,
            location=location,
            opd_code=identity.opd_code,
            assignee=None,
            status=d.Status.BARU.value,
            received_at=now,
            paused_seconds=0,
            version=0,
            archived=False,
            pending_ops=0,
            # The citizen's page key, made here and sent with the ticket: the receipt's QR code
            # holds the keyed link offline and works the moment the ticket syncs (docs/lacak.md).
            public_key=secrets.token_urlsafe(16),
        )
        # The deadlines the server will compute too (desktop.ops.deadlines): the receipt shows them.
        deadlines = outbox.desk_sla(session).deadlines(ticket)
        ticket.dl_verification, ticket.dl_first_response = deadlines.verification, deadlines.first_response
        ticket.dl_follow_up, ticket.dl_resolution = deadlines.follow_up, deadlines.resolution
        outbox.refresh_queue_columns(ticket)
        session.add(ticket)
        session.flush()
        # Who took the complaint in person signs its receipt, whoever reprints it later (local only).
        state.set(f"{WALK_IN_REGISTRAR_KEY}{ticket.id}", identity.username)
        payload: dict[str, Any] = {
            "ticket": {
                "id": ticket.id,
                "tracking_no": tracking_no,
                "channel": d.Channel.WALK_IN.value,
                "confidentiality": conf.value,
                "reporter": {"name": reporter_name, "contact": contact.strip()},
                "title": title_text,
                "body": body_text,
                "category_code": category,
                "location": location,
                "received_at": now.isoformat(),
                "public_key": ticket.public_key,
            }
        }
        op = outbox.enqueue(
            session,
            op_type=d.OpType.CREATE_TICKET,
            ticket=ticket,
            payload=_checked(d.OpType.CREATE_TICKET, payload, now),
            now=now,
            base_version=0,
        )
        for document in documents:
            _attach_op(session, store.path.parent, ticket, document, now)
        return _done(op, ticket)


def acknowledge(store: LocalStore, notice_ids: Iterable[int], *, now: datetime | None = None) -> Changes:
    """The user has seen these conflicts/rejections/revokes; their ops leave the attention list."""
    ids = list(notice_ids)
    now = now or _now(store)
    with store.write() as session:
        NoticeRepository(session).acknowledge(ids, now)
        op_ids = [
            n.op_id
            for n in session.scalars(select(models.SyncNotice).where(models.SyncNotice.id.in_(ids)))
            if n.op_id
        ]
        for op in session.scalars(select(models.OutboxOp).where(models.OutboxOp.op_id.in_(op_ids))):
            if op.acknowledged_at is None:
                op.acknowledged_at = now
    return Changes(notices=True, outbox=True)


def acknowledge_all(store: LocalStore, *, now: datetime | None = None) -> Changes:
    with store.read() as session:
        ids = [n.id for n in NoticeRepository(session).unacknowledged()]
    return acknowledge(store, ids, now=now)


# -- a reply's way to the citizen (docs/channels.md): passed on by hand, or sent again --------


def _delivery_message(session: Session, ticket: models.Ticket, message_id: str) -> models.Message:
    """The reply whose delivery the officer acts on; refused when one such act already waits."""
    message = session.scalars(
        select(models.Message).where(models.Message.id == message_id, models.Message.ticket_id == ticket.id)
    ).one_or_none()
    if message is None or not message.delivery:
        raise ActionRefused("Balasan ini tidak dikirim ke pelapor. / This message is not delivered.")
    if message_id in delivery.waiting_delivery_ops(session, ticket.id):
        raise ActionRefused(
            "Sudah ada tindakan untuk balasan ini yang menunggu sinkronisasi. / Already waiting to sync."
        )
    return message


def _delivery_op(
    store: LocalStore, tracking_no: str, op_type: d.OpType, payload: dict[str, Any], now: datetime | None,
    allowed: tuple[str, ...], refused: str,
) -> ActionResult:  # fmt: skip
    require_identity(store)
    now = now or _now(store)
    payload = _checked(op_type, payload, now)  # bad input first: it is what the officer can fix
    with store.write() as session:
        ticket = _ticket(session, tracking_no)
        message = _delivery_message(session, ticket, str(payload.get("message_id")))
        if str((message.delivery or {}).get("state")) not in allowed:
            raise ActionRefused(refused)
        op = outbox.enqueue(session, op_type=op_type, ticket=ticket, payload=payload, now=now)
        return _done(op, ticket)


def mark_delivered(
    store: LocalStore,
    tracking_no: str,
    message_id: str,
    how: str,
    ref: str = "",
    *,
    now: datetime | None = None,
) -> ActionResult:
    """ "Sudah diposting" (``posted`` + the post's link), LAPOR!'s follow-up (``lapor`` + its id),
    "Sudah ditelepon" (``phoned`` + a note), "Sudah diserahkan" (``handed``, a note optional)."""
    return _delivery_op(
        store,
        tracking_no,
        d.OpType.MARK_DELIVERED,
        {"message_id": message_id, "how": how, "ref": ref.strip()},
        now,
        delivery.NOT_ARRIVED,
        "Balasan ini sudah sampai ke pelapor. / This reply already reached the citizen.",
    )


def resend(
    store: LocalStore,
    tracking_no: str,
    message_id: str,
    *,
    channel: str | None = None,
    recipient: str = "",
    now: datetime | None = None,
) -> ActionResult:
    """ "Kirim ulang": a failed delivery again, over its channel or (``channel``: ``email`` or
    ``whatsapp``) to another address the citizen gave."""
    payload: dict[str, Any] = {"message_id": message_id}
    if channel:
        payload.update(channel=channel, recipient=recipient.strip())
    return _delivery_op(
        store,
        tracking_no,
        d.OpType.RESEND,
        payload,
        now,
        ("failed",),
        "Hanya pengiriman yang gagal yang dapat dikirim ulang. / Only a failed delivery can be resent.",
    )
