"""Printable documents built from the local store: receipts and performance summaries.

Everything here reads only the local store, so it works offline and a walk-in ticket that has
not reached the server prints like any other. The CLI (``tanggap receipt``/``tanggap report``)
and the workstation's preview call these services; ``desktop.reports`` does the drawing.

Who may see a confidential reporter on a receipt (``may_see_identity``): a ``public`` ticket always
shows the reporter. For ``anonim`` and ``rahasia`` the server is the authority: it sends the
reporter as null to a desk whose officer may not see it, so the identity prints only when this
desk's store holds it. One local check on top, for a store that still holds an identity from
before a reassignment: an officer (not a supervisor or admin) never prints the identity of a
ticket assigned to another officer.

Who may print which summary (``summary_scope``): an officer their own tickets; a supervisor
their OPD or one officer of it; an admin any OPD, any officer, or every OPD at once.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import orjson
from sqlalchemy import String, and_, func, or_, select, type_coerce
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from db import models
from db.repositories import SyncStateRepository
from db.types import format_utc
from desktop import domain as d
from desktop.labels import LAYOUTS, Layout
from desktop.reports import (
    SummaryFigures,
    SummaryRequest,
    SummaryTicket,
    compute_summary,
    qr_payload,
    render_receipt,
)
from desktop.reports import render_summary as render_summary_pdf
from desktop.reports.metrics import ReplyDelivery, compute_delivery
from desktop.session import DeskIdentity
from desktop.sla import WorkCalendar, calendar_from_directory, office_hours_from_json
from desktop.store import LocalStore, ticket_from_row

log = logging.getLogger(__name__)

DEFAULT_TZ = "Asia/Jakarta"

_TITLE = {"id": "Ringkasan Kinerja Penanganan Pengaduan", "en": "Complaint Handling Performance Summary"}
_ALL_OPDS = {"id": "Semua OPD", "en": "All agencies"}


class DocumentError(Exception):
    """A request a person can correct (unknown ticket, bad period, out of scope); one line."""


# -- receipts -----------------------------------------------------------------------------------


def may_see_identity(ticket: d.Ticket, viewer: DeskIdentity | None) -> bool:
    """Whether the receipt may print the reporter's name and contact (see the module docstring)."""
    if ticket.confidentiality is d.Confidentiality.PUBLIC:
        return True
    if ticket.reporter is None:
        return False  # the server withheld it from this desk
    if viewer is None:
        return False
    if viewer.role is d.Role.OFFICER and ticket.assignee not in (None, viewer.username):
        return False
    return True


def receipt_pdf(
    store: LocalStore,
    tracking_no: str,
    layout: str = "a4",
    *,
    viewer: DeskIdentity | None,
    lang: str = "id",
    now: datetime | None = None,
    at_registration: bool = False,
    show_identity: bool = False,
) -> bytes:
    """The receipt of ``tracking_no`` from the local store, as PDF bytes.

    A ``rahasia`` or ``anonim`` reporter's name and contact print only on the receipt handed to
    that reporter when the walk-in is registered (``at_registration``), or when the officer
    chooses it for this print (``show_identity``, logged); and in both cases only if the viewer
    may see the identity at all (``may_see_identity``). A later print by anyone hides it.
    """
    if layout not in LAYOUTS:
        raise DocumentError(f"Tata letak tidak dikenal: {layout!r}; pilih {', '.join(LAYOUTS)}.")
    wanted = tracking_no.strip()
    with store.read() as session:
        row = session.scalars(select(models.Ticket).where(models.Ticket.tracking_no == wanted)).one_or_none()
        if row is None and wanted != wanted.upper():
            row = session.scalars(
                select(models.Ticket).where(models.Ticket.tracking_no == wanted.upper())
            ).one_or_none()
        if row is None:
            raise DocumentError(f"Tiket {wanted} tidak ada di meja ini. / Ticket not found on this desk.")
        # Only ticket fields: a receipt never carries a message, so the thread is not even loaded.
        ticket = ticket_from_row(row, with_thread=False)
        opd = _opd(session, ticket.opd_code)
        category = session.get(models.Category, ticket.category_code) if ticket.category_code else None
        received_by = _registrar(session, ticket, viewer)
    print_identity = may_see_identity(ticket, viewer)
    if ticket.confidentiality is not d.Confidentiality.PUBLIC:
        walk_in_receipt = at_registration and ticket.channel is d.Channel.WALK_IN
        print_identity = print_identity and (walk_in_receipt or show_identity)
        if print_identity and show_identity and not walk_in_receipt:
            # Who printed whose protected identity, and when: no personal data, just the fact.
            log.info(
                "receipt of %s (%s) printed with the reporter's identity, chosen by %s",
                ticket.tracking_no,
                ticket.confidentiality.value,
                viewer.username if viewer else "?",
            )
    return render_receipt(
        ticket,
        opd,
        received_by,
        layout=_layout(layout),
        viewer_may_see_identity=print_identity,
        category_name=category.name if category is not None else None,
        lang=lang,
        now=now,
    )


def receipt_link(store: LocalStore, tracking_no: str) -> str:
    """What the receipt's QR code of ``tracking_no`` holds (``desktop.reports.qr_payload``): the
    citizen's keyed page once the directory names the server's public URL."""
    with store.read() as session:
        row = session.scalars(
            select(models.Ticket).where(models.Ticket.tracking_no == tracking_no.strip().upper())
        ).one_or_none()
        if row is None:
            raise DocumentError(
                f"Tiket {tracking_no} tidak ada di meja ini. / Ticket not found on this desk."
            )
        ticket = ticket_from_row(row, with_thread=False)
        return qr_payload(ticket, _opd(session, ticket.opd_code))


def reply_letter_pdf(
    store: LocalStore,
    tracking_no: str,
    message_id: str,
    *,
    viewer: DeskIdentity | None,
    lang: str = "id",
    show_identity: bool = False,
) -> bytes:
    """The reply letter ("Surat jawaban", A4) of one public reply, from the local store.

    A public reporter is named; a ``rahasia``/``anonim`` one only when the officer chooses it for
    this letter (``show_identity``: it is addressed to that reporter, logged) and may see the
    identity at all, as for receipts. Otherwise it goes to "the reporter of complaint number ...".
    """
    from desktop.reports.receipt import tracking_link
    from desktop.reports.reply_letter import Addressee, render_reply_letter

    with store.read() as session:
        row = session.scalars(
            select(models.Ticket).where(models.Ticket.tracking_no == tracking_no.strip().upper())
        ).one_or_none()
        if row is None:
            raise DocumentError(
                f"Tiket {tracking_no} tidak ada di meja ini. / Ticket not found on this desk."
            )
        message = session.scalars(
            select(models.Message).where(models.Message.id == message_id, models.Message.ticket_id == row.id)
        ).one_or_none()
        if message is None or message.kind != d.MessageKind.REPLY.value:
            raise DocumentError("Balasan itu tidak ada di tiket ini. / No such reply on this ticket.")
        ticket = ticket_from_row(row, with_thread=False)
        opd = _opd(session, ticket.opd_code)
        author = session.get(models.Officer, message.author)
        signer = (
            d.Officer(author.username, author.name, d.Role(author.role), author.opd_code)
            if author is not None
            else None
        )
        body, replied_at = message.body, message.created_at
    addressee = None
    if ticket.reporter is not None and may_see_identity(ticket, viewer):
        if ticket.confidentiality is d.Confidentiality.PUBLIC or show_identity:
            addressee = Addressee(ticket.reporter.name, ticket.reporter.contact or "")
            if ticket.confidentiality is not d.Confidentiality.PUBLIC:
                log.info(
                    "reply letter of %s (%s) addressed by name, chosen by %s",
                    ticket.tracking_no,
                    ticket.confidentiality.value,
                    viewer.username if viewer else "?",
                )
    return render_reply_letter(
        ticket,
        opd,
        body,
        replied_at,
        signer,
        addressee=addressee,
        # In print the page without its key (short to type); the QR code carries the keyed link.
        tracking_link=tracking_link(opd, ticket.tracking_no),
        qr_link=tracking_link(opd, ticket.tracking_no, ticket.public_key),
        lang=lang,
    )


def identity_choice_applies(store: LocalStore, tracking_no: str, viewer: DeskIdentity | None) -> bool:
    """Whether a print dialog should offer to print this receipt with the reporter's identity:
    a ``rahasia``/``anonim`` ticket whose identity this viewer may see."""
    with store.read() as session:
        row = session.scalars(
            select(models.Ticket).where(models.Ticket.tracking_no == tracking_no.strip().upper())
        ).one_or_none()
        if row is None:
            return False
        ticket = ticket_from_row(row, with_thread=False)
    return ticket.confidentiality is not d.Confidentiality.PUBLIC and may_see_identity(ticket, viewer)


def _registrar(session: Session, ticket: d.Ticket, viewer: DeskIdentity | None) -> d.Officer | None:
    """The officer who registered a walk-in; None for complaints that came through a channel.

    On the desk that took it, ``actions.walk_in`` recorded the registering officer at once (the
    receipt is printed before any sync). Every other desk learns it from the server: the thread
    event it writes at registration, authored by that officer (``create_ticket.REGISTERED_EVENT_PREFIX``).
    Without either (not yet synced), the receipt leaves the name for a signature by hand rather
    than naming whoever prints it.
    """
    if ticket.channel is not d.Channel.WALK_IN:
        return None
    from desktop.actions import WALK_IN_REGISTRAR_KEY
    from desktop.ops.create_ticket import REGISTERED_EVENT_PREFIX

    username = SyncStateRepository(session).get(f"{WALK_IN_REGISTRAR_KEY}{ticket.id}")
    if not username:
        username = session.scalar(
            select(models.Message.author)
            .where(
                models.Message.ticket_id == ticket.id,
                models.Message.kind == d.MessageKind.EVENT.value,
                models.Message.body.startswith(REGISTERED_EVENT_PREFIX, autoescape=True),
            )
            .order_by(models.Message.created_at)
            .limit(1)
        )
    if not username:
        return None
    row = session.get(models.Officer, username)
    if row is not None:
        return d.Officer(row.username, row.name, d.Role(row.role), row.opd_code)
    if viewer is not None and viewer.username == username:
        return d.Officer(username, viewer.officer_name or username, viewer.role, viewer.opd_code)
    return d.Officer(username, username, d.Role.OFFICER, ticket.opd_code)


def _layout(value: str) -> Layout:
    for layout in LAYOUTS:
        if layout == value:
            return layout
    raise DocumentError(f"Tata letak tidak dikenal: {value!r}.")


def _opd(session: Session, code: str) -> d.Opd:
    row = session.get(models.Opd, code)
    if row is None:
        return d.Opd(code, code)  # directory not synced yet: the code stands in for the name
    return d.Opd(row.code, row.name, row.region, row.tz, row.address, row.status_url, row.public_url)


# -- summaries ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SummaryScope:
    """What a summary covers once the viewer's rights are applied."""

    opd_codes: tuple[str, ...] | None  # None: every OPD
    officer: str | None
    include_per_officer: bool


def summary_scope(
    store: LocalStore, viewer: DeskIdentity, *, opd_code: str | None = None, officer: str | None = None
) -> SummaryScope:
    """Check the request against the viewer's role; DocumentError names what is out of scope."""
    with store.read() as session:
        officer_row = session.get(models.Officer, officer) if officer else None
        opd_known = opd_code is None or session.get(models.Opd, opd_code) is not None
    if officer and officer_row is None and officer != viewer.username:
        raise DocumentError(f"Petugas {officer} tidak dikenal di meja ini. / Unknown officer.")
    officer_opd = officer_row.opd_code if officer_row is not None else (viewer.opd_code if officer else None)

    if viewer.role is d.Role.OFFICER:
        if officer not in (None, viewer.username):
            raise DocumentError(
                f"Petugas hanya dapat mencetak ringkasan tiketnya sendiri, bukan milik {officer}. "
                "/ Officer not in scope."
            )
        if opd_code not in (None, viewer.opd_code):
            raise DocumentError(f"OPD {opd_code} di luar wewenang Anda. / OPD not in scope.")
        return SummaryScope((viewer.opd_code,), viewer.username, include_per_officer=False)

    if viewer.role is d.Role.SUPERVISOR:
        if opd_code not in (None, viewer.opd_code):
            raise DocumentError(f"OPD {opd_code} di luar wewenang Anda. / OPD not in scope.")
        if officer is not None and officer_opd != viewer.opd_code:
            raise DocumentError(f"Petugas {officer} bukan petugas {viewer.opd_code}. / Officer not in scope.")
        return SummaryScope((viewer.opd_code,), officer, include_per_officer=officer is None)

    # Admin: any OPD, any officer, or everything.
    if not opd_known:
        raise DocumentError(f"OPD {opd_code} tidak dikenal di meja ini. / Unknown OPD.")
    if officer is not None:
        if opd_code is not None and officer_opd != opd_code:
            raise DocumentError(f"Petugas {officer} bukan petugas {opd_code}. / Officer not in scope.")
        return SummaryScope((officer_opd,) if officer_opd else None, officer, include_per_officer=False)
    if opd_code is not None:
        return SummaryScope((opd_code,), None, include_per_officer=True)
    return SummaryScope(None, None, include_per_officer=False)


def period_bounds(start: date, end: date, tz: str) -> tuple[datetime, datetime]:
    """[start 00:00, the day after end 00:00) in ``tz``, as UTC instants."""
    zone = ZoneInfo(tz)
    return (
        datetime.combine(start, time(0), zone).astimezone(UTC),
        datetime.combine(end + timedelta(days=1), time(0), zone).astimezone(UTC),
    )


_CHANNELS = {c.value: c for c in d.Channel}
_STATUSES = {s.value: s for s in d.Status}
_NO_DEADLINES = d.Deadlines()


def stream_summary_tickets(
    store: LocalStore,
    start: date,
    end: date,
    *,
    tz: str = DEFAULT_TZ,
    opd_codes: tuple[str, ...] | None = None,
    officer: str | None = None,
    batch: int = 5000,
) -> Iterator[SummaryTicket]:
    """The tickets a summary of [start, end] can count, straight from the store's columns.

    A superset of what ``compute_summary`` counts (it filters again): received before the end of
    the period and either received in it, resolved since its start, or still open (backlog).
    Timestamps are read as their stored text and parsed here, which is much cheaper than the ORM
    type's per-value ``strptime`` over 100,000 rows.
    """
    t = models.Ticket
    period_start, period_end = period_bounds(start, end, tz)
    start_text, end_text = format_utc(period_start), format_utc(period_end)

    def raw(
        column: InstrumentedAttribute[datetime] | InstrumentedAttribute[datetime | None],
    ) -> ColumnElement[str]:
        return type_coerce(column, String())

    columns = (
        t.tracking_no,
        t.opd_code,
        t.channel,
        t.status,
        raw(t.received_at),
        t.title,
        t.category_code,
        t.assignee,
        raw(t.first_response_at),
        raw(t.resolved_at),
        raw(t.verified_at),
        raw(t.followed_up_at),
        raw(t.dl_verification),
        raw(t.dl_first_response),
        raw(t.dl_follow_up),
        raw(t.dl_resolution),
        t.confidentiality,
        type_coerce(t.feedback, String()),
        t.incident_id,
    )
    open_values = [s.value for s in d.OPEN_STATUSES]
    stmt = select(*columns).where(
        raw(t.received_at) < end_text,
        or_(
            raw(t.received_at) >= start_text,
            and_(t.resolved_at.is_not(None), raw(t.resolved_at) >= start_text),
            t.status.in_(open_values),
        ),
    )
    if opd_codes is not None:
        stmt = stmt.where(t.opd_code.in_(opd_codes))
    if officer is not None:
        stmt = stmt.where(t.assignee == officer)

    parse = datetime.fromisoformat  # the stored text is ISO 8601 with "Z" (db.types.UTCDateTime)
    channels, statuses, no_deadlines = _CHANNELS, _STATUSES, _NO_DEADLINES
    confidentialities = {c.value: c for c in d.Confidentiality}
    deadlines_of, summary_ticket = d.Deadlines, SummaryTicket  # locals: looked up 200,000 times
    with store.read() as session:
        # A Core statement on the session's connection: plain rows, no ORM loading machinery.
        result = session.connection().execute(stmt)
        while rows := result.fetchmany(batch):
            for (
                tracking_no,
                opd_code,
                channel,
                status,
                received_at,
                title,
                category_code,
                assignee,
                first_response_at,
                resolved_at,
                verified_at,
                followed_up_at,
                dl_verification,
                dl_first_response,
                dl_follow_up,
                dl_resolution,
                confidentiality,
                feedback,
                incident_id,
            ) in rows:
                # Inline parsing, not a helper: a call per timestamp costs 0.3 s over 100,000 tickets.
                first_response = parse(first_response_at) if first_response_at else None
                resolved = parse(resolved_at) if resolved_at else None
                if dl_verification or dl_first_response or dl_follow_up or dl_resolution:
                    deadlines = deadlines_of(
                        parse(dl_verification) if dl_verification else None,
                        parse(dl_first_response) if dl_first_response else None,
                        parse(dl_follow_up) if dl_follow_up else None,
                        parse(dl_resolution) if dl_resolution else None,
                    )
                else:
                    deadlines = no_deadlines
                yield summary_ticket(
                    tracking_no,
                    opd_code,
                    channels[channel],
                    statuses[status],
                    parse(received_at),
                    title,
                    category_code,
                    assignee,
                    first_response,
                    resolved,
                    deadlines,
                    # met_at: the instant each stage was done, in the deadlines' shape.
                    deadlines_of(
                        parse(verified_at) if verified_at else None,
                        first_response,
                        parse(followed_up_at) if followed_up_at else None,
                        resolved,
                    ),
                    confidentialities[confidentiality],
                    d.Feedback.from_json(orjson.loads(feedback)) if feedback else None,
                    incident_id,
                )


def stream_reply_deliveries(
    store: LocalStore,
    start: date,
    end: date,
    *,
    tz: str = DEFAULT_TZ,
    opd_codes: tuple[str, ...] | None = None,
    officer: str | None = None,
    batch: int = 5000,
) -> Iterator[ReplyDelivery]:
    """The public replies on the server of the tickets in scope written in [start, end], and the
    manual ones still to post of any date, each with its delivery (``compute_delivery`` counts)."""
    t, m = models.Ticket, models.Message
    period_start, period_end = period_bounds(start, end, tz)
    created = type_coerce(m.created_at, String())
    delivery_text = type_coerce(m.delivery, String())
    stmt = (
        select(t.channel, created, delivery_text)
        .join(t, t.id == m.ticket_id)
        .where(
            m.kind == d.MessageKind.REPLY.value,
            m.op_id.is_(None),
            or_(
                and_(created >= format_utc(period_start), created < format_utc(period_end)),
                func.json_extract(delivery_text, "$.state") == "manual",
            ),
        )
    )
    if opd_codes is not None:
        stmt = stmt.where(t.opd_code.in_(opd_codes))
    if officer is not None:
        stmt = stmt.where(t.assignee == officer)
    parse = datetime.fromisoformat
    with store.read() as session:
        result = session.connection().execute(stmt)
        while rows := result.fetchmany(batch):
            for channel, created_at, stored in rows:
                delivery = orjson.loads(stored) if stored else None
                if not isinstance(delivery, dict):
                    yield ReplyDelivery(_CHANNELS[channel], parse(created_at))
                    continue
                updated = delivery.get("updated_at")
                try:
                    updated_at = parse(updated) if isinstance(updated, str) else None
                except ValueError:
                    updated_at = None
                yield ReplyDelivery(
                    _CHANNELS[channel],
                    parse(created_at),
                    str(delivery.get("state") or "") or None,
                    str(delivery.get("channel") or ""),
                    updated_at,
                )


@dataclass(frozen=True, slots=True)
class _DirectoryFacts:
    calendars: dict[str, WorkCalendar]
    opd_names: tuple[tuple[str, str], ...]
    opd_tz: dict[str, str]
    officer_names: tuple[tuple[str, str], ...]


def _directory_facts(store: LocalStore) -> _DirectoryFacts:
    with store.read() as session:
        opds = list(session.scalars(select(models.Opd)))
        days = list(session.scalars(select(models.NonWorkingDay)))
        officers = list(session.execute(select(models.Officer.username, models.Officer.name)))
    calendars: dict[str, WorkCalendar] = {}
    for opd in opds:
        mine = [x for x in days if x.opd_code in (None, opd.code)]
        hours = office_hours_from_json(opd.office_hours) if opd.office_hours else None
        calendars[opd.code] = calendar_from_directory(
            opd.tz, hours, [x.day for x in mine if not x.working], [x.day for x in mine if x.working]
        )
    return _DirectoryFacts(
        calendars=calendars,
        opd_names=tuple((o.code, o.name) for o in opds),
        opd_tz={o.code: o.tz for o in opds},
        officer_names=tuple((u, n) for u, n in officers),
    )


def summary_figures(
    store: LocalStore,
    start: date,
    end: date,
    *,
    viewer: DeskIdentity,
    opd_code: str | None = None,
    officer: str | None = None,
    lang: str = "id",
    now: datetime | None = None,
) -> SummaryFigures:
    """The summary's figures for the viewer's scope (see ``summary_scope``), from the local store."""
    if end < start:
        raise DocumentError(
            f"Periode berakhir ({end}) sebelum mulai ({start}). / The period ends before it starts."
        )
    now = now or datetime.now(UTC)
    scope = summary_scope(store, viewer, opd_code=opd_code, officer=officer)
    directory = _directory_facts(store)
    opd_names = dict(directory.opd_names)
    # A single OPD's days are counted in its own zone; several OPDs (admin) in the default one.
    tz = directory.opd_tz.get(scope.opd_codes[0], DEFAULT_TZ) if scope.opd_codes else DEFAULT_TZ
    lang = "en" if lang == "en" else "id"
    if scope.opd_codes is None:
        label = _ALL_OPDS[lang]
    else:
        label = ", ".join(opd_names.get(code, code) for code in scope.opd_codes)
    request = SummaryRequest(
        start=start,
        end=end,
        opd_codes=scope.opd_codes,
        officer=scope.officer,
        title=_TITLE[lang],
        scope_label=label,
        include_per_officer=scope.include_per_officer,
        tz=tz,
        officer_names=directory.officer_names,
        opd_names=directory.opd_names,
        last_synced_at=_last_synced(store),
        sync_known=True,
    )
    default_calendar = calendar_from_directory(DEFAULT_TZ, None, ())

    def calendar_of(code: str) -> WorkCalendar:
        return directory.calendars.get(code, default_calendar)

    _require_history(store, datetime.combine(start, time(0), ZoneInfo(tz)))
    tickets = stream_summary_tickets(
        store, start, end, tz=tz, opd_codes=scope.opd_codes, officer=scope.officer
    )
    figures = compute_summary(tickets, request, calendar_of, now)
    replies = stream_reply_deliveries(
        store, start, end, tz=tz, opd_codes=scope.opd_codes, officer=scope.officer
    )
    return dataclasses.replace(figures, delivery=compute_delivery(replies, request))


def _require_history(store: LocalStore, period_start: datetime) -> None:
    """A first sync's closed tickets may still be loading: a period they belong to is refused, in
    words, rather than counted short (docs/sync.md, "Open work first")."""
    from desktop.sync.status import HistoryIncomplete, require_history

    with store.read() as session:
        try:
            require_history(session, period_start)
        except HistoryIncomplete as exc:
            raise DocumentError(str(exc)) from None


def _last_synced(store: LocalStore) -> datetime | None:
    from desktop.sync.status import sync_status

    return sync_status(store).last_success_at


def summary_pdf(
    store: LocalStore,
    start: date,
    end: date,
    *,
    viewer: DeskIdentity,
    opd_code: str | None = None,
    officer: str | None = None,
    lang: str = "id",
    now: datetime | None = None,
) -> bytes:
    """The performance summary PDF for [start, end] (inclusive) within the viewer's scope."""
    now = now or datetime.now(UTC)
    figures = summary_figures(
        store, start, end, viewer=viewer, opd_code=opd_code, officer=officer, lang=lang, now=now
    )
    return render_summary_pdf(figures, lang="en" if lang == "en" else "id", produced_at=now)


__all__ = [
    "DocumentError",
    "SummaryScope",
    "identity_choice_applies",
    "may_see_identity",
    "period_bounds",
    "receipt_link",
    "receipt_pdf",
    "stream_summary_tickets",
    "summary_figures",
    "summary_pdf",
    "summary_scope",
]
