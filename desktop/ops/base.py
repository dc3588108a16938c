"""What every op module shares: the pure ticket state, the rejection, and the field checks.

Pure Python (the server imports it): no ``db``, no ``ui``, no SQLAlchemy. Desk rows
(``db.models.Ticket``) and server rows (``server.models.TicketRow``) both carry the state's
columns under the same names, so ``TicketState.of`` / ``TicketState.write_to`` are the one
generic adapter between a row and the pure workflow.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, TypeVar

from desktop.domain import OpType, Status
from desktop.sla.calendar import WorkCalendar

# One limit for a reply or a note, on desk and server (about 40 printed pages).
MAX_MESSAGE_CHARS = 100_000
# A complaint as filed (intake, walk-in): a 1 MB complaint is hostile but legitimate input.
MAX_COMPLAINT_CHARS = 1_048_576
MAX_TITLE_CHARS = 500
MAX_REASON_CHARS = 10_000
MAX_NAME_CHARS = 200
# Per ticket: how many messages and how many characters of messages it may hold in all.
MAX_MESSAGES_PER_TICKET = 2_000
MAX_THREAD_CHARS = 8 * 1024 * 1024

# Dates: nothing in this product happened before 2000; a desk-made ticket is at most this old
# when it reaches the server; a desk clock may run this far ahead before we refuse its date.
EARLIEST_DATE = datetime(2000, 1, 1, tzinfo=UTC)
DESK_TICKET_HORIZON = timedelta(days=60)
CLOCK_SKEW_ALLOWED = timedelta(minutes=5)

# Invisible characters that make a body look empty, and the bidi controls that reorder what a
# reader sees (a reply that reads differently from what was written).
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u034f\u115f\u1160\u3164\uffa0]")
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


class OpInvalid(Exception):
    """A payload the op's own rules refuse: the server answers ``rejected`` with this code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


CalendarFor = Callable[[str], WorkCalendar]  # an OPD's working calendar, by OPD code

_STATE_TIMES = (
    "verified_at",
    "first_response_at",
    "assigned_at",
    "followed_up_at",
    "resolved_at",
    "closed_at",
    "paused_since",
)


@dataclass(frozen=True, slots=True)
class TicketState:
    """The part of a ticket that ops change: status, holder, stage timestamps, pause bookkeeping."""

    status: Status
    opd_code: str
    assignee: str | None
    received_at: datetime
    verified_at: datetime | None = None
    first_response_at: datetime | None = None
    assigned_at: datetime | None = None
    followed_up_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    paused_since: datetime | None = None
    paused_seconds: int = 0

    @classmethod
    def of(cls, row: Any) -> TicketState:
        """From any row with these columns (desk ``models.Ticket``, server ``TicketRow``)."""
        return cls(
            status=Status(row.status),
            opd_code=row.opd_code,
            assignee=row.assignee,
            received_at=row.received_at,
            verified_at=row.verified_at,
            first_response_at=row.first_response_at,
            assigned_at=row.assigned_at,
            followed_up_at=row.followed_up_at,
            resolved_at=row.resolved_at,
            closed_at=row.closed_at,
            paused_since=row.paused_since,
            paused_seconds=row.paused_seconds or 0,
        )

    def write_to(self, row: Any) -> None:
        """Onto a row, touching only the columns that differ (an ORM row stays clean otherwise)."""
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "status":
                value = value.value
            if getattr(row, f.name) != value:
                setattr(row, f.name, value)

    def evolve(self, **changes: Any) -> TicketState:
        return replace(self, **changes)


P = TypeVar("P")


@dataclass(frozen=True)
class OpSpec(Generic[P]):
    """One op type: how its payload is read and checked, and what it does to a ticket's state.

    ``effect`` is pure and runs on both sides: on the desk at once (the offline view), on the
    server when the op arrives (the authoritative result), with the same time ``at``.
    """

    type: OpType
    parse: Callable[[Mapping[str, Any], datetime], P]
    effect: Callable[[TicketState, P, datetime, CalendarFor], TicketState]
    # Result recording on the desk: a ``conflict`` still delivered it (replies/notes are kept, flagged).
    delivered_on_conflict: bool = False
    supervisor_only: bool = False
    # Where the desk shows something else while the op waits (a transfer leaves the queue at once).
    desk_effect: Callable[[TicketState, P, datetime, CalendarFor], TicketState] | None = None
    # What the op writes on a ticket row beyond ``TicketState`` (incident membership), on the
    # desk's row while the op waits and on the server's when it is applied. Pure: any row.
    row_effect: Callable[[Any, P], None] | None = None

    def local_effect(
        self, state: TicketState, payload: P, at: datetime, calendar_for: CalendarFor
    ) -> TicketState:
        return (self.desk_effect or self.effect)(state, payload, at, calendar_for)


def no_effect(state: TicketState, payload: Any, at: datetime, calendar: CalendarFor) -> TicketState:
    return state


# -- field checks (the same on desk and server) ----------------------------------------------


def need_mapping(value: Any, field: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise OpInvalid("invalid_payload", f"{field} harus berupa objek.")
    return value


def only_keys(raw: Mapping[str, Any], allowed: set[str], field: str = "payload") -> None:
    extra = sorted(str(k) for k in raw if k not in allowed)
    if extra:
        raise OpInvalid("invalid_payload", f"{field}.{extra[0]}: kolom tidak dikenal.")


def uuid_text(value: Any, field: str) -> str:
    if not isinstance(value, str) or len(value) > 36:
        raise OpInvalid("invalid_payload", f"{field}: harus UUID.")
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise OpInvalid("invalid_payload", f"{field}: harus UUID.") from None


def plain_text(value: Any, field: str, limit: int, *, required: bool, label: str) -> str:
    """A person's text: stripped; refused when empty (spaces and invisible characters do not
    count), longer than ``limit`` characters, or carrying bidi controls that reorder what is read."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise OpInvalid("invalid_payload", f"{field}: harus teks.")
    text = value.strip()
    if len(text) > limit:
        raise OpInvalid("too_long", f"{label} lebih dari {limit:,} karakter.".replace(",", "."))
    if BIDI_CONTROLS.search(text):
        raise OpInvalid("bidi_control", f"{label} memuat karakter pengatur arah teks yang tidak diizinkan.")
    if not INVISIBLE.sub("", text).strip():
        if required:
            raise OpInvalid("empty_body" if field.endswith("body") else "empty_text", f"{label} kosong.")
        return ""  # only invisible characters: as good as nothing (a reason of U+200B is no reason)
    if "\x00" in text:
        raise OpInvalid("invalid_payload", f"{label} memuat karakter NUL.")
    return text


def short_code(value: Any, field: str, limit: int, *, required: bool = True) -> str | None:
    if value is None or value == "":
        if required:
            raise OpInvalid("invalid_payload", f"{field}: wajib diisi.")
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise OpInvalid("invalid_payload", f"{field}: paling banyak {limit} karakter.")
    return value


def sane_time(value: datetime, label: str) -> datetime:
    """An aware time on or after 2000-01-01 UTC (year 1 with a +14:00 offset included), in UTC."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise OpInvalid("invalid_date", f"{label} harus memuat zona waktu.")
    try:
        utc = value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise OpInvalid("invalid_date", f"{label} tidak masuk akal (sebelum tahun 2000).") from None
    if utc < EARLIEST_DATE:
        raise OpInvalid("invalid_date", f"{label} tidak masuk akal (sebelum tahun 2000).")
    return utc


def parse_time(value: Any, label: str) -> datetime:
    if isinstance(value, datetime):
        return sane_time(value, label)
    if not isinstance(value, str) or len(value) > 40:
        raise OpInvalid("invalid_date", f"{label}: bukan tanggal ISO 8601.")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise OpInvalid("invalid_date", f"{label}: bukan tanggal ISO 8601.") from None
    return sane_time(parsed, label)
