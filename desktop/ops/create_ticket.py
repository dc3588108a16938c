"""``create_ticket``: a complaint registered at the desk (walk-in, phone), offline if need be.

Its tracking number is made at the desk and valid at once (on the printed receipt); the desk
part of it must be the creating desk's own code. Complaints from channels (social media,
WhatsApp, LAPOR!, e-mail, web) come in only through intake, which owns their ``external_ref``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.domain import TRACKING_RE, Channel, Confidentiality, OpType, Reporter
from desktop.ops.base import (
    CLOCK_SKEW_ALLOWED,
    DESK_TICKET_HORIZON,
    MAX_COMPLAINT_CHARS,
    MAX_NAME_CHARS,
    MAX_TITLE_CHARS,
    OpInvalid,
    OpSpec,
    need_mapping,
    no_effect,
    only_keys,
    parse_time,
    plain_text,
    short_code,
    uuid_text,
)

# What a desk may register itself (letters come in as walk-ins until the channel list has one).
DESK_CHANNELS = frozenset({Channel.WALK_IN, Channel.PHONE})
_FIELDS = {
    "id",
    "tracking_no",
    "channel",
    "external_ref",
    "confidentiality",
    "reporter",
    "title",
    "body",
    "category_code",
    "location",
    "opd_code",
    "received_at",
    "public_key",
}

# The thread event the server writes when a desk registers a complaint, by the registering officer:
# how every other desk knows who took a walk-in (its receipt's "Petugas penerima").
REGISTERED_EVENT_PREFIX = "Dicatat: "


def registered_event_text(channel: Channel) -> str:
    return f"{REGISTERED_EVENT_PREFIX}{channel.value}"


# The citizen's page key a desk may choose for its walk-in (so the receipt's QR works offline):
# URL-safe, at least 128 bits (docs/lacak.md).
PUBLIC_KEY_RE = re.compile(r"^[A-Za-z0-9_-]{22,64}$")


@dataclass(frozen=True, slots=True)
class NewTicket:
    id: str
    title: str
    body: str
    received_at: datetime
    channel: Channel = Channel.WALK_IN
    confidentiality: Confidentiality = Confidentiality.PUBLIC
    reporter: Reporter | None = None
    tracking_no: str | None = None
    category_code: str | None = None
    location: str = ""
    opd_code: str | None = None
    external_ref: str | None = None  # always None: kept so callers read one shape
    public_key: str | None = None


@dataclass(frozen=True, slots=True)
class Payload:
    ticket: NewTicket


def _enum(kind: Any, value: Any, field: str, default: Any) -> Any:
    if value is None:
        return default
    try:
        return kind(value)
    except ValueError:
        raise OpInvalid("invalid_payload", f"{field}: nilai {str(value)[:40]!r} tidak dikenal.") from None


def received_window(received_at: datetime, now: datetime) -> datetime:
    """A desk-made ticket's date: not older than the server's horizon, not in the future beyond a
    little clock skew (within it, it is taken as now)."""
    if received_at < now - DESK_TICKET_HORIZON:
        raise OpInvalid(
            "received_at_too_old",
            f"Tanggal pengaduan lebih dari {DESK_TICKET_HORIZON.days} hari yang lalu; periksa jam "
            "komputer ini, lalu catat ulang pengaduan dengan tanggal hari ini.",
        )
    if received_at > now + CLOCK_SKEW_ALLOWED:
        raise OpInvalid(
            "received_at_in_future",
            "Tanggal pengaduan ada di masa depan; periksa jam komputer ini.",
        )
    return min(received_at, now)


def parse(raw: Mapping[str, Any], now: datetime) -> Payload:
    raw = need_mapping(raw, "payload")
    only_keys(raw, {"ticket"})
    t = need_mapping(raw.get("ticket"), "payload.ticket")
    only_keys(t, _FIELDS, "payload.ticket")
    channel = _enum(Channel, t.get("channel"), "payload.ticket.channel", Channel.WALK_IN)
    if channel not in DESK_CHANNELS:
        raise OpInvalid(
            "channel_not_allowed",
            f"Pengaduan dari kanal {channel.value} hanya masuk lewat intake, tidak dicatat di meja.",
        )
    if t.get("external_ref"):
        raise OpInvalid(
            "external_ref_not_allowed", "Pengaduan yang dicatat di meja tidak membawa referensi eksternal."
        )
    reporter_raw = t.get("reporter")
    reporter = None
    if reporter_raw is not None:
        r = need_mapping(reporter_raw, "payload.ticket.reporter")
        only_keys(r, {"name", "contact"}, "payload.ticket.reporter")
        reporter = Reporter(
            plain_text(r.get("name"), "reporter.name", MAX_NAME_CHARS, required=False, label="Nama pelapor"),
            plain_text(r.get("contact"), "reporter.contact", MAX_NAME_CHARS, required=False, label="Kontak"),
        )
    tracking_no = short_code(t.get("tracking_no"), "payload.ticket.tracking_no", 80, required=False)
    if tracking_no is not None and TRACKING_RE.match(tracking_no) is None:
        raise OpInvalid("invalid_tracking_no", f"Nomor tiket {tracking_no!r} tidak sah.")
    received_at = parse_time(t.get("received_at"), "Tanggal pengaduan")
    public_key = t.get("public_key")
    if public_key is not None and (
        not isinstance(public_key, str) or PUBLIC_KEY_RE.match(public_key) is None
    ):
        raise OpInvalid("invalid_public_key", "Kunci halaman publik tidak sah.")
    return Payload(
        NewTicket(
            id=uuid_text(t.get("id"), "payload.ticket.id"),
            title=plain_text(t.get("title"), "ticket.title", MAX_TITLE_CHARS, required=True, label="Judul"),
            body=plain_text(
                t.get("body"), "ticket.body", MAX_COMPLAINT_CHARS, required=True, label="Isi pengaduan"
            ),
            received_at=received_window(received_at, now),
            channel=channel,
            confidentiality=_enum(
                Confidentiality,
                t.get("confidentiality"),
                "payload.ticket.confidentiality",
                Confidentiality.PUBLIC,
            ),
            reporter=reporter,
            tracking_no=tracking_no,
            category_code=short_code(
                t.get("category_code"), "payload.ticket.category_code", 60, required=False
            ),
            location=plain_text(t.get("location"), "ticket.location", 500, required=False, label="Lokasi"),
            opd_code=short_code(t.get("opd_code"), "payload.ticket.opd_code", 40, required=False),
            public_key=public_key,
        )
    )


def check_tracking_no(tracking_no: str, opd_code: str, desk_code: str) -> None:
    """A desk-made number: ``<OPD>-<YYMM>-<this desk's code>-<serial>``. Another desk's code would
    take a number that desk hands out offline (its receipt would point to this ticket)."""
    match = TRACKING_RE.match(tracking_no)
    if match is None or match.group("desk") is None:
        raise OpInvalid("invalid_tracking_no", f"Nomor tiket {tracking_no!r} tidak sah.")
    if match.group("opd") != opd_code:
        raise OpInvalid("invalid_tracking_no", f"Nomor tiket {tracking_no!r} bukan milik {opd_code}.")
    if match.group("desk") != desk_code:
        raise OpInvalid(
            "foreign_desk_code",
            f"Nomor tiket {tracking_no!r} memakai kode meja lain; meja ini berkode {desk_code}.",
        )


# The ticket row itself is made by the action (desk) or the server's insert; no state change after.
SPEC = OpSpec(OpType.CREATE_TICKET, parse, no_effect)
