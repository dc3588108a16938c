"""Frozen records the seed-data generator hands to the server's ``seed`` command."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from desktop.domain import Channel, Confidentiality, MessageKind, Role, Status, Tier

# Weekday (0 = Monday) -> (opens, closes), local time of the OPD.
OfficeHours = dict[int, tuple[time, time]]


@dataclass(frozen=True, slots=True)
class SeedOpd:
    code: str
    name: str
    region: str
    tz: str
    address: str
    kind: str  # dinas, badan, rsud, bumd, inspektorat, satpol, kecamatan
    office_hours: OfficeHours | None  # None: Monday-Friday 08:00-16:00
    parent_code: str | None
    short: str  # the part of every username after the dot: spv.<short>


@dataclass(frozen=True, slots=True)
class SeedOfficer:
    username: str
    name: str
    role: Role
    opd_code: str
    password: str


@dataclass(frozen=True, slots=True)
class SeedCategory:
    code: str
    name: str
    tier: Tier
    opd_codes: tuple[str, ...]  # OPDs that usually handle it, the usual one first


@dataclass(frozen=True, slots=True)
class SeedCannedResponse:
    opd_code: str | None  # None: offered to every OPD
    title: str
    body: str  # placeholders: {nama_pelapor}, {nomor_tiket}, {tenggat}


@dataclass(frozen=True, slots=True)
class SeedDirectory:
    opds: tuple[SeedOpd, ...]
    officers: tuple[SeedOfficer, ...]
    categories: tuple[SeedCategory, ...]
    canned_responses: tuple[SeedCannedResponse, ...]
    non_working_days: tuple[tuple[str | None, date, str], ...]  # (OPD code or None for all, day, why)


@dataclass(frozen=True, slots=True)
class SeedMessage:
    kind: MessageKind
    author: str  # officer username
    body: str
    offset: timedelta  # after the complaint's received_at


@dataclass(frozen=True, slots=True)
class SeedComplaint:
    channel: Channel
    external_ref: str  # unique per channel within one generated batch; "" for walk_in and phone
    confidentiality: Confidentiality
    reporter_name: str
    reporter_contact: str
    title: str
    body: str
    category_code: str
    opd_code: str
    location: str
    received_at: datetime  # UTC
    status: Status
    assignee: str | None
    verified_at: datetime | None
    first_response_at: datetime | None
    assigned_at: datetime | None
    followed_up_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    messages: tuple[SeedMessage, ...]
    # Waiting for the citizen stops the resolution clock: since when (if waiting now), and how
    # long earlier waits lasted in total.
    paused_since: datetime | None = None
    paused_seconds: int = 0
