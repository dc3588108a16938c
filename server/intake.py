"""Complaints arriving from channels: idempotent on (channel, external_ref), routed to an OPD."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from desktop.domain import Channel, Confidentiality, FileBytes, MessageKind
from desktop.ops.base import sane_time
from server.attachments import attach, decode_files
from server.db import read_session, utcnow, write_unit
from server.delivery.ack import acknowledge
from server.delivery.settings import DeliverySettings
from server.models import CategoryRow, OpdRow, TicketRow
from server.schemas import IntakeIn
from server.similar_flag import flag_text, possible_duplicates
from server.sla_service import SlaDirectoryCache
from server.tickets import SYSTEM_AUTHOR, OpRejected, add_message, insert_ticket


def _existing(engine: Engine, channel: str, external_ref: str) -> str | None:
    with read_session(engine) as session:
        return session.scalar(
            sa.select(TicketRow.id).where(
                TicketRow.channel == channel, TicketRow.external_ref == external_ref
            )
        )


def route(session: sa.orm.Session, opd_code: str | None, category_code: str | None) -> str:
    if opd_code:
        if session.get(OpdRow, opd_code) is None:
            raise OpRejected("unknown_opd", f"OPD {opd_code!r} tidak dikenal.")
        return opd_code
    if category_code:
        category = session.get(CategoryRow, category_code)
        if category is None:
            raise OpRejected("unknown_category", f"Kategori {category_code!r} tidak dikenal.")
        if category.opd_codes:
            return str(category.opd_codes[0])
    raise OpRejected(
        "cannot_route", "Pengaduan tanpa opd_code perlu category_code yang punya OPD penanggung jawab."
    )


def intake(
    engine: Engine,
    sla_cache: SlaDirectoryCache,
    data: IntakeIn,
    files: Sequence[FileBytes] | None = None,
    notes: Sequence[str] = (),
    uploader: int | None = None,
) -> tuple[str, bool]:
    """The ticket id and whether it was created now (False: this complaint came in before).

    Attachments are checked before anything is written (``AttachmentRefused``: nothing stored);
    a repeated complaint keeps the first one's attachments. A channel that decoded and checked
    its files itself (e-mail) passes them as ``files`` (charged to ``uploader``'s quota), and its
    words for the thread as ``notes``.
    """
    files = decode_files(data.attachments) if files is None else list(files)
    existing = _existing(engine, data.channel.value, data.external_ref)
    if existing:
        return existing, False
    now = utcnow()
    # Year 1 (or 1971) would poison every deadline of the OPD: refused, never stored.
    received_at = min(sane_time(data.received_at, "received_at") if data.received_at else now, now)
    try:
        with write_unit(engine) as unit:
            opd_code = route(unit.session, data.opd_code, data.category_code)
            reporter = data.reporter
            ticket = insert_ticket(
                unit,
                sla_cache.get(),
                ticket_id=str(uuid.uuid4()),
                tracking_no=None,
                channel=Channel(data.channel),
                external_ref=data.external_ref,
                confidentiality=Confidentiality(data.confidentiality),
                reporter_name=reporter.name if reporter else None,
                reporter_contact=reporter.contact if reporter else None,
                title=data.title,
                body=data.body,
                category_code=data.category_code,
                location=data.location,
                opd_code=opd_code,
                received_at=received_at,
            )
            # Part of the creating write: its change-log entry already carries them to the desks.
            attach(unit.session, ticket.id, files, uploader)
            for note in notes:
                add_message(unit.session, ticket, MessageKind.EVENT, SYSTEM_AUTHOR, note, now)
            # Issue 18: "mungkin sama dengan ..." as an internal note, before any desk sees it.
            found = possible_duplicates(unit.session, ticket)
            if found:
                add_message(unit.session, ticket, MessageKind.NOTE, SYSTEM_AUTHOR, flag_text(found), now)
            # E-mail and WhatsApp complaints get their acknowledgement in the same write.
            acknowledge(unit.session, DeliverySettings.from_env(), ticket, now)
            return ticket.id, True
    except IntegrityError:
        # The same complaint arrived twice at once: the other request created it.
        existing = _existing(engine, data.channel.value, data.external_ref)
        if existing is None:
            raise
        return existing, False
