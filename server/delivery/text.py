"""The words the citizen receives: acknowledgement, e-mail subject and footer (Indonesian)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

_MONTHS = ("Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember").split()
_WEEKDAYS = "Senin Selasa Rabu Kamis Jumat Sabtu Minggu".split()
_ZONES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def format_datetime_id(when: datetime, tz: str) -> str:
    """``Senin, 7 Desember 2026 pukul 15.00 WIB`` (the desk's wording, without importing it)."""
    local = when.astimezone(ZoneInfo(tz))
    zone = _ZONES.get(tz, local.strftime("%Z"))
    return (
        f"{_WEEKDAYS[local.weekday()]}, {local.day} {_MONTHS[local.month - 1]} {local.year} "
        f"pukul {local.hour:02d}.{local.minute:02d} {zone}"
    )


def acknowledgement(
    tracking_no: str, opd_name: str, first_deadline: datetime | None, tz: str, link: str
) -> str:
    """The automatic answer to a complaint that came in by e-mail or WhatsApp.

    The deadline is the SLA's target for the first answer, said as a target, not a promise.
    """
    lines = [
        "Terima kasih, pengaduan Anda sudah kami terima.",
        f"Nomor pelacakan: {tracking_no}",
        f"Ditangani oleh: {opd_name}",
    ]
    if first_deadline is not None:
        lines.append(
            "Kami menargetkan tanggapan pertama paling lambat "
            f"{format_datetime_id(first_deadline, tz)} (dihitung dalam hari dan jam kerja)."
        )
    if link:
        lines.append(f"Ikuti perkembangannya di {link}")
    lines.append("Balas pesan ini bila ada tambahan keterangan; sebutkan nomor pelacakan di atas.")
    lines.append("Pesan ini dikirim otomatis.")
    return "\n".join(lines)


def email_subject(tracking_no: str, title: str) -> str:
    title = " ".join(title.split())[:150]
    return f"[{tracking_no}] {title}" if title else f"[{tracking_no}]"


def email_footer(tracking_no: str, link: str) -> str:
    lines = ["", "--", f"Nomor pelacakan: {tracking_no}"]
    if link:
        lines.append(f"Lihat perkembangan pengaduan Anda: {link}")
    lines.append("Untuk menanggapi, balas surel ini tanpa mengubah subjeknya.")
    return "\n".join(lines)


def feedback_request(
    tracking_no: str, link: str, window_ends: datetime, window_days: int, tz: str, rebutted_before: bool
) -> str:
    """The citizen's invitation to answer after ``selesai`` (docs/lacak.md, "The citizen's answer").

    Honest about the rebuttal window: only the first rebuttal reopens the ticket, and an unanswered
    ticket is closed when the window ends.
    """
    ends = format_datetime_id(window_ends, tz)
    lines = [
        f"Pengaduan {tracking_no} dinyatakan selesai.",
        f"Apakah masalah Anda sudah selesai? Beri tanggapan dan nilai layanan kami: {link}",
    ]
    if rebutted_before:
        lines.append(
            "Sanggahan untuk pengaduan ini sudah pernah digunakan: jawaban dan nilai Anda tetap kami "
            "catat, tetapi pengaduan tidak dibuka kembali."
        )
    else:
        lines.append(
            f'Bila masalahnya belum selesai, jawab "tidak" lewat tautan itu dalam {window_days} hari '
            f"(sampai {ends}): pengaduan Anda akan ditindaklanjuti kembali."
        )
    lines.append(f"Tanpa jawaban, pengaduan ditutup setelah {ends}.")
    lines.append("Pesan ini dikirim otomatis.")
    return "\n".join(lines)
