"""Human labels for domain enums, in Indonesian (default) and English.

One table for every view and print (queue, ticket pane, receipts, summaries), so a channel or
status reads the same everywhere.
"""

from __future__ import annotations

from typing import Literal

from desktop.domain import Channel, Confidentiality, Role, Stage, Status

# Receipt paper: A4, A5, and the 80 mm thermal roll of front-desk printers.
Layout = Literal["a4", "a5", "thermal80"]
LAYOUTS: tuple[Layout, ...] = ("a4", "a5", "thermal80")

Lang = Literal["id", "en"]

_CHANNEL: dict[Channel, tuple[str, str]] = {
    Channel.TWITTER: ("Twitter/X", "Twitter/X"),
    Channel.INSTAGRAM: ("Instagram", "Instagram"),
    Channel.FACEBOOK: ("Facebook", "Facebook"),
    Channel.WHATSAPP: ("WhatsApp", "WhatsApp"),
    Channel.LAPOR: ("SP4N-LAPOR!", "SP4N-LAPOR!"),
    Channel.EMAIL: ("Surel", "E-mail"),
    Channel.PHONE: ("Telepon", "Phone"),
    Channel.WALK_IN: ("Datang langsung", "Walk-in"),
    Channel.WEB: ("Situs web", "Website"),
}

_STATUS: dict[Status, tuple[str, str]] = {
    Status.BARU: ("Baru", "New"),
    Status.TERVERIFIKASI: ("Terverifikasi", "Verified"),
    Status.DIDISPOSISI: ("Didisposisi", "Assigned"),
    Status.DITINDAKLANJUTI: ("Ditindaklanjuti", "In progress"),
    Status.SELESAI: ("Selesai", "Resolved"),
    Status.DITUTUP: ("Ditutup", "Closed"),
    Status.MENUNGGU_PELAPOR: ("Menunggu pelapor", "Waiting for reporter"),
    Status.BUKAN_WEWENANG: ("Bukan wewenang", "Not our authority"),
    Status.DITOLAK: ("Ditolak", "Rejected"),
}

_STAGE: dict[Stage, tuple[str, str]] = {
    Stage.VERIFICATION: ("Verifikasi", "Verification"),
    Stage.FIRST_RESPONSE: ("Tanggapan pertama", "First response"),
    Stage.FOLLOW_UP: ("Tindak lanjut", "Follow-up"),
    Stage.RESOLUTION: ("Penyelesaian", "Resolution"),
}

_CONFIDENTIALITY: dict[Confidentiality, tuple[str, str]] = {
    Confidentiality.PUBLIC: ("Terbuka", "Public"),
    Confidentiality.ANONIM: ("Anonim", "Anonymous"),
    Confidentiality.RAHASIA: ("Rahasia", "Confidential"),
}

_ROLE: dict[Role, tuple[str, str]] = {
    Role.OFFICER: ("Petugas", "Officer"),
    Role.SUPERVISOR: ("Supervisor", "Supervisor"),
    Role.ADMIN: ("Administrator", "Administrator"),
}

# Social media first: the province watches these channels' response times most closely.
CHANNEL_PRINT_ORDER: tuple[Channel, ...] = (
    Channel.TWITTER,
    Channel.INSTAGRAM,
    Channel.FACEBOOK,
    Channel.WHATSAPP,
    Channel.LAPOR,
    Channel.EMAIL,
    Channel.PHONE,
    Channel.WALK_IN,
    Channel.WEB,
)


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def channel_label(channel: Channel | str, lang: str = "id") -> str:
    return _pick(_CHANNEL[Channel(channel)], lang)


def status_label(status: Status | str, lang: str = "id") -> str:
    return _pick(_STATUS[Status(status)], lang)


def stage_label(stage: Stage | str, lang: str = "id") -> str:
    return _pick(_STAGE[Stage(stage)], lang)


def confidentiality_label(confidentiality: Confidentiality | str, lang: str = "id") -> str:
    return _pick(_CONFIDENTIALITY[Confidentiality(confidentiality)], lang)


def role_label(role: Role | str, lang: str = "id") -> str:
    return _pick(_ROLE[Role(role)], lang)
