"""Domain types shared by the workstation and the reference server.

Pure Python: frozen dataclasses and string enums whose values are exactly the
wire values of PROTOCOL.md, plus the workflow transition table. The server
imports this module, so it must never import anything from ``db`` or ``ui``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, NamedTuple


class Role(StrEnum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Channel(StrEnum):
    TWITTER = "twitter"
    INSTAGRAM = "instagram"
    FACEBOOK = "facebook"
    WHATSAPP = "whatsapp"
    LAPOR = "lapor"
    EMAIL = "email"
    PHONE = "phone"
    WALK_IN = "walk_in"
    WEB = "web"

    @property
    def is_social(self) -> bool:
        """Social media and WhatsApp: the channels with the 1-day first-response target."""
        return self in SOCIAL_CHANNELS


SOCIAL_CHANNELS = frozenset({Channel.TWITTER, Channel.INSTAGRAM, Channel.FACEBOOK, Channel.WHATSAPP})


class Confidentiality(StrEnum):
    PUBLIC = "public"
    ANONIM = "anonim"  # identity hidden
    RAHASIA = "rahasia"  # the whole report restricted


class Status(StrEnum):
    BARU = "baru"
    TERVERIFIKASI = "terverifikasi"
    DIDISPOSISI = "didisposisi"
    DITINDAKLANJUTI = "ditindaklanjuti"
    SELESAI = "selesai"
    DITUTUP = "ditutup"
    MENUNGGU_PELAPOR = "menunggu_pelapor"
    BUKAN_WEWENANG = "bukan_wewenang"
    DITOLAK = "ditolak"

    @property
    def is_open(self) -> bool:
        """Open tickets are in the working queue and have a running SLA."""
        return self in OPEN_STATUSES

    @property
    def is_paused(self) -> bool:
        return self in PAUSE_STATUSES


OPEN_STATUSES = frozenset(
    {Status.BARU, Status.TERVERIFIKASI, Status.DIDISPOSISI, Status.DITINDAKLANJUTI, Status.MENUNGGU_PELAPOR}
)
PAUSE_STATUSES = frozenset({Status.MENUNGGU_PELAPOR})
TERMINAL_STATUSES = frozenset({Status.DITUTUP, Status.DITOLAK, Status.BUKAN_WEWENANG})

# The workflow (SP4N-LAPOR!). One table for the UI (which actions are enabled) and
# the server (which set_status ops it accepts). Assignment and transfer are their own
# ops (``assign``, ``transfer``), not status changes; see ``status_after_assign``.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.BARU: frozenset({Status.TERVERIFIKASI, Status.DITOLAK, Status.BUKAN_WEWENANG}),
    Status.TERVERIFIKASI: frozenset({Status.DIDISPOSISI, Status.DITOLAK, Status.BUKAN_WEWENANG}),
    Status.DIDISPOSISI: frozenset(
        {Status.DITINDAKLANJUTI, Status.MENUNGGU_PELAPOR, Status.SELESAI, Status.BUKAN_WEWENANG}
    ),
    Status.DITINDAKLANJUTI: frozenset({Status.MENUNGGU_PELAPOR, Status.SELESAI}),
    Status.MENUNGGU_PELAPOR: frozenset({Status.DITINDAKLANJUTI, Status.SELESAI, Status.DITUTUP}),
    # A citizen's rebuttal within the window reopens; otherwise the ticket closes.
    Status.SELESAI: frozenset({Status.DITINDAKLANJUTI, Status.DITUTUP}),
    Status.DITUTUP: frozenset(),
    Status.BUKAN_WEWENANG: frozenset(),
    Status.DITOLAK: frozenset(),
}

# Moving into these needs a reason the citizen (or the receiving OPD) can read.
REASON_REQUIRED = frozenset({Status.DITOLAK, Status.BUKAN_WEWENANG, Status.MENUNGGU_PELAPOR})


def can_transition(current: Status, target: Status) -> bool:
    return target in TRANSITIONS[current]


def allowed_transitions(current: Status) -> frozenset[Status]:
    return TRANSITIONS[current]


def status_after_assign(current: Status) -> Status:
    """Assigning a new or verified ticket is its disposition; later stages keep their status."""
    if current in (Status.BARU, Status.TERVERIFIKASI):
        return Status.DIDISPOSISI
    return current


def can_assign(current: Status) -> bool:
    return current.is_open


def can_transfer(current: Status) -> bool:
    """A supervisor may transfer any ticket that is still open or was flagged bukan_wewenang."""
    return current.is_open or current is Status.BUKAN_WEWENANG


class MessageKind(StrEnum):
    REPLY = "reply"  # public, the citizen reads it
    NOTE = "note"  # internal, never printed, never shown to the citizen
    EVENT = "event"  # system: status change, reassignment, transfer, conflict
    CITIZEN = "citizen"  # the citizen's own words arriving through a channel (e-mail, WhatsApp)


class OpType(StrEnum):
    REPLY = "reply"
    NOTE = "note"
    SET_STATUS = "set_status"
    ASSIGN = "assign"
    TRANSFER = "transfer"
    CREATE_TICKET = "create_ticket"
    ATTACH = "attach"  # a file added at the desk (its bytes go first: PUT /api/v1/blobs/{sha256})
    MARK_DELIVERED = "mark_delivered"  # a reply passed on by hand: posted, phoned, handed over
    RESEND = "resend"  # a failed delivery sent again ("Kirim ulang"), perhaps to another address
    LINK_INCIDENT = "link_incident"  # the ticket joins an incident (one problem, many complaints)
    UNLINK_INCIDENT = "unlink_incident"  # the ticket leaves it; its thread and clock are its own


SUPERVISOR_OPS = frozenset({OpType.ASSIGN, OpType.TRANSFER})


class OpState(StrEnum):
    PENDING = "pending"
    INFLIGHT = "inflight"
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    REJECTED = "rejected"
    BLOCKED = "blocked"

    @property
    def needs_attention(self) -> bool:
        """Results the user must see and acknowledge."""
        return self in (OpState.CONFLICT, OpState.REJECTED, OpState.BLOCKED)

    @property
    def is_terminal(self) -> bool:
        return self not in (OpState.PENDING, OpState.INFLIGHT)


class Tier(StrEnum):
    """Resolution tier of a category (topik); default working days in DEFAULT_TIER_DAYS."""

    RINGAN = "ringan"
    NORMATIF = "normatif"
    NON_PENGAWASAN = "non_pengawasan"
    PENGAWASAN = "pengawasan"


DEFAULT_TIER_DAYS: dict[Tier, int] = {
    Tier.RINGAN: 2,
    Tier.NORMATIF: 5,
    Tier.NON_PENGAWASAN: 14,
    Tier.PENGAWASAN: 60,
}


class Stage(StrEnum):
    """SLA stages, in the order a ticket meets them."""

    VERIFICATION = "verification"
    FIRST_RESPONSE = "first_response"
    FOLLOW_UP = "follow_up"
    RESOLUTION = "resolution"


class UrgencyLevel(StrEnum):
    OK = "ok"
    WARNING = "warning"
    BREACHED = "breached"


# Time zones an OPD can be in, with the abbreviation Indonesians print after a time.
ZONE_ABBREVIATIONS: dict[str, str] = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}

# Server-made: DINKES-BWI-2611-00042. Desk-made (walk-in, offline): DINKES-BWI-2611-K7Q-0042,
# the desk code keeps numbers from different desks apart without asking the server.
TRACKING_RE = re.compile(
    r"^(?P<opd>[A-Z0-9]+(?:-[A-Z0-9]+)*?)-(?P<yymm>\d{4})-(?:(?P<desk>[A-Z0-9]{3})-)?(?P<serial>\d{4,6})$"
)


def server_tracking_no(opd_code: str, when: datetime, serial: int) -> str:
    return f"{opd_code}-{when:%y%m}-{serial:05d}"


def desk_tracking_no(opd_code: str, when: datetime, desk_code: str, serial: int) -> str:
    return f"{opd_code}-{when:%y%m}-{desk_code}-{serial:04d}"


def is_valid_tracking_no(value: str) -> bool:
    return TRACKING_RE.match(value) is not None


@dataclass(frozen=True, slots=True)
class Reporter:
    name: str
    contact: str = ""


class Deadlines(NamedTuple):
    """One instant per SLA stage. A named tuple, not a frozen dataclass: the queue, the sync and
    the summaries build hundreds of thousands, and a frozen dataclass costs five times more."""

    verification: datetime | None = None
    first_response: datetime | None = None
    follow_up: datetime | None = None
    resolution: datetime | None = None

    def get(self, stage: Stage) -> datetime | None:
        return getattr(self, stage.value)  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Message:
    id: str
    ticket_id: str
    kind: MessageKind
    author: str
    body: str
    created_at: datetime
    conflict: str | None = None
    # Local only: the op that carries this message has not reached the server yet.
    pending: bool = False
    # A public reply's way to the citizen, as the server last said (desktop.delivery words it).
    delivery: dict[str, Any] | None = None


# The largest file a complaint or a desk may bring: the server refuses more, a desk checks first.
MAX_FILE_BYTES = 5 * 1024 * 1024
# A file's SHA-256 as the API writes it (and as cached files are named): 64 lowercase hex digits.
SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True, slots=True)
class FileBytes:
    """A file on its way in: a citizen's intake attachment, or one an officer picked at the desk."""

    filename: str
    mime: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True, slots=True)
class Attachment:
    id: str
    ticket_id: str
    filename: str
    mime: str
    size: int
    sha256: str
    url: str = ""
    cached_path: str | None = None


@dataclass(frozen=True, slots=True)
class Feedback:
    """The citizen's answer on the public page after ``selesai`` (docs/lacak.md), as the server said.

    ``selesai``/``komentar``/``at``: the latest answer; ``nilai``: the ticket's one rating (the
    latest given, 1-5) or None; ``tidak``: how many answers said "not solved" (rebuttals).
    """

    selesai: bool
    at: datetime
    nilai: int | None = None
    komentar: str = ""
    tidak: int = 0

    def to_json(self) -> dict[str, Any]:
        """The API's (and the store's) form of the answer (docs/api.md)."""
        return {
            "selesai": self.selesai,
            "nilai": self.nilai,
            "at": self.at.isoformat(),
            "komentar": self.komentar,
            "tidak": self.tidak,
        }

    @classmethod
    def from_json(cls, value: Any) -> Feedback | None:
        """The stored/pulled JSON object, or None when absent or not understood (never a crash)."""
        if not isinstance(value, dict) or not isinstance(value.get("selesai"), bool):
            return None
        try:
            at = datetime.fromisoformat(str(value["at"]))
        except (KeyError, ValueError):
            return None
        if at.tzinfo is None:
            at = at.replace(tzinfo=UTC)
        nilai = value.get("nilai")
        tidak = value.get("tidak")
        return cls(
            selesai=value["selesai"],
            at=at,
            nilai=nilai
            if isinstance(nilai, int) and not isinstance(nilai, bool) and 1 <= nilai <= 5
            else None,
            komentar=str(value.get("komentar") or ""),
            tidak=tidak if isinstance(tidak, int) and not isinstance(tidak, bool) and tidak > 0 else 0,
        )


@dataclass(frozen=True, slots=True)
class Ticket:
    id: str
    tracking_no: str
    channel: Channel
    confidentiality: Confidentiality
    reporter: Reporter | None  # None: the viewer may not see the identity
    title: str
    body: str
    opd_code: str
    status: Status
    received_at: datetime
    version: int
    category_code: str | None = None
    location: str = ""
    external_ref: str = ""
    assignee: str | None = None
    verified_at: datetime | None = None
    first_response_at: datetime | None = None
    assigned_at: datetime | None = None
    followed_up_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    paused_since: datetime | None = None
    paused_seconds: int = 0
    deadlines: Deadlines = field(default_factory=Deadlines)
    messages: tuple[Message, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    archived: bool = False  # left this desk's scope: kept read-only, never silently deleted
    public_key: str | None = None  # the citizen's page key (docs/lacak.md); None: not known here
    feedback: Feedback | None = None


@dataclass(frozen=True, slots=True)
class Opd:
    code: str
    name: str
    region: str = ""
    tz: str = "Asia/Jakarta"
    address: str = ""
    status_url: str = ""
    public_url: str = ""  # the server's citizen page root: receipts link {public_url}/lacak/...


@dataclass(frozen=True, slots=True)
class Officer:
    username: str
    name: str
    role: Role
    opd_code: str


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    name: str
    tier: Tier


@dataclass(frozen=True, slots=True)
class CannedResponse:
    id: str
    opd_code: str
    title: str
    body: str  # placeholders: {nama_pelapor}, {nomor_tiket}, {tenggat}
