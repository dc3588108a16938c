"""Realistic sample data for the report tests, the benchmark and the committed screenshots.

Run ``python -m tests.helpers.reports docs/screenshots`` from the repository root to render the
page images in docs/screenshots/.
"""

from __future__ import annotations

import dataclasses
import io
import random
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from desktop.domain import (
    Channel,
    Confidentiality,
    Deadlines,
    Feedback,
    Message,
    MessageKind,
    Officer,
    Opd,
    Reporter,
    Role,
    Status,
    Ticket,
)
from desktop.reports.metrics import ReplyDelivery, SummaryRequest, SummaryTicket, compute_delivery
from desktop.sla import WorkCalendar

INTERNAL_NOTE = "CATATAN INTERNAL: pelapor ini kerabat Kabid, tangani diam-diam"
NOW = datetime(2026, 3, 27, 3, 5, tzinfo=UTC)  # Jumat 27 Maret 2026 10.05 WIB


def opd(status_url: str = "https://lapor.banyuwangikab.go.id/status") -> Opd:
    return Opd(
        code="DINKES-BWI",
        name="Dinas Kesehatan Kabupaten Banyuwangi",
        region="Banyuwangi",
        tz="Asia/Jakarta",
        address="Jl. Letkol Istiqlah No. 42, Banyuwangi 68411 · Telp. (0333) 424 123",
        status_url=status_url,
    )


def officer() -> Officer:
    return Officer("budi.s", "Budi Santoso, S.Kom.", Role.OFFICER, "DINKES-BWI")


def walk_in_ticket(
    *,
    confidentiality: Confidentiality = Confidentiality.PUBLIC,
    reporter_name: str = "Siti Nur'aini Wulandari",
    body: str | None = None,
    title: str = "Jalan berlubang di depan Puskesmas Giri membahayakan pengendara",
    deadlines: Deadlines | None = None,
    tracking_no: str = "DINKES-BWI-2603-K7Q-0042",
) -> Ticket:
    received = datetime(2026, 3, 27, 3, 0, tzinfo=UTC)  # 10.00 WIB
    return Ticket(
        id="0195d3c6-0000-7000-8000-000000000042",
        tracking_no=tracking_no,
        channel=Channel.WALK_IN,
        confidentiality=confidentiality,
        reporter=Reporter(reporter_name, "0812-3456-7890"),
        title=title,
        body=body
        if body is not None
        else (
            "Sugeng enjing, nyuwun pangapunten. Jalan di depan Puskesmas Giri berlubang besar sejak dua "
            "minggu lalu dan sudah dua kali membuat pengendara motor jatuh, terutama malam hari karena "
            "lampu jalan mati 😡🙏\n\nMohon segera ditambal dan lampu jalan diperbaiki. Anak-anak kami "
            "lewat situ setiap pagi ke SD Negeri 2 Giri."
        ),
        opd_code="DINKES-BWI",
        status=Status.BARU,
        received_at=received,
        version=0,  # a desk-made ticket that has not synced yet
        category_code="INFRA",
        location="Jl. Raya Giri No. 12, Kec. Giri, Banyuwangi",
        deadlines=deadlines
        if deadlines is not None
        else Deadlines(
            verification=datetime(2026, 4, 1, 9, 0, tzinfo=UTC),
            first_response=datetime(2026, 3, 30, 9, 0, tzinfo=UTC),
            resolution=datetime(2026, 4, 8, 9, 0, tzinfo=UTC),
        ),
        messages=(
            Message(
                "m-note", "t", MessageKind.NOTE, "budi.s", INTERNAL_NOTE, received + timedelta(minutes=3)
            ),
        ),
    )


def tiny_logo_png() -> bytes:
    """A plausible regency emblem for the letterhead: a blue roundel with a gold ring and a cross."""
    from PIL import Image, ImageDraw

    size = 240
    image = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((6, 6, size - 6, size - 6), fill=(201, 162, 39))
    draw.ellipse((22, 22, size - 22, size - 22), fill=(11, 83, 148))
    arm, half = 34, size // 2
    draw.rectangle((half - arm // 2, 58, half + arm // 2, size - 58), fill="white")
    draw.rectangle((58, half - arm // 2, size - 58, half + arm // 2), fill="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


# -- summary tickets -----------------------------------------------------------------------

CHANNEL_WEIGHTS = {
    Channel.TWITTER: 14,
    Channel.INSTAGRAM: 12,
    Channel.FACEBOOK: 8,
    Channel.WHATSAPP: 22,
    Channel.LAPOR: 18,
    Channel.EMAIL: 6,
    Channel.PHONE: 7,
    Channel.WALK_IN: 9,
    Channel.WEB: 4,
}
OFFICERS = (
    ("budi.s", "Budi Santoso"),
    ("rina.w", "Rina Wijayanti"),
    ("agus.p", "Agus Prasetyo"),
    ("dewi.k", "Dewi Kusumawati"),
)
TITLES = (
    "Antrean BPJS di Puskesmas Genteng terlalu lama",
    "Obat hipertensi kosong di apotek Puskesmas",
    "Ambulans desa tidak bisa dihubungi malam hari",
    "Petugas posyandu tidak datang dua bulan",
    "Sampah medis dibuang di sungai dekat klinik 😡",
    "Jadwal vaksin anak tidak diumumkan",
    "Pungutan liar pengurusan surat keterangan sehat",
    "AC ruang tunggu RSUD Blambangan mati",
)


def summary_tickets(
    n: int,
    *,
    seed: int = 7,
    start: date = date(2026, 3, 1),
    end: date = date(2026, 3, 31),
    now: datetime = datetime(2026, 4, 6, 2, 0, tzinfo=UTC),
    calendar: WorkCalendar | None = None,
    opd_codes: tuple[str, ...] = ("DINKES-BWI",),
) -> list[SummaryTicket]:
    """``n`` tickets received from a week before ``start`` to ``end``, with plausible outcomes."""
    rng = random.Random(seed)
    answers = random.Random(seed + 1)  # the citizen's answers: the other figures stay as they were
    cal = calendar or WorkCalendar("Asia/Jakarta")
    channels = list(CHANNEL_WEIGHTS)
    weights = list(CHANNEL_WEIGHTS.values())
    first = datetime(start.year, start.month, start.day, tzinfo=UTC) - timedelta(days=7, hours=7)
    span = (
        datetime(end.year, end.month, end.day, tzinfo=UTC) + timedelta(days=1, hours=-7) - first
    ).total_seconds()
    out = []
    for i in range(n):
        received = first + timedelta(seconds=rng.random() * span)
        if rng.random() < 0.8:  # most complaints arrive while the office is open
            received = cal.next_opening(received) + timedelta(minutes=rng.uniform(0, 420))
        channel = rng.choices(channels, weights)[0]
        fr_days = 1 if channel.is_social else 3
        deadlines = Deadlines(
            verification=cal.add_working_days(received, 3),
            first_response=cal.add_working_days(received, fr_days),
            resolution=cal.add_working_days(received, rng.choice((2, 5, 14))),
        )
        assignee = rng.choice(OFFICERS)[0] if rng.random() < 0.9 else None
        fr = (
            cal.add_working_time(received, timedelta(hours=rng.lognormvariate(1.1, 0.9)))
            if rng.random() < 0.85
            else None
        )
        if fr is not None and fr > now:
            fr = None
        verified = received + timedelta(hours=rng.uniform(0.5, 80)) if rng.random() < 0.9 else None
        if verified is not None and verified > now:
            verified = None
        resolved = received + timedelta(days=rng.uniform(0.5, 25)) if rng.random() < 0.7 else None
        if resolved is not None and resolved > now:
            resolved = None
        if resolved is not None:
            status = rng.choice((Status.SELESAI, Status.DITUTUP))
        else:
            status = rng.choice(
                (
                    Status.BARU,
                    Status.TERVERIFIKASI,
                    Status.DIDISPOSISI,
                    Status.DITINDAKLANJUTI,
                    Status.MENUNGGU_PELAPOR,
                    Status.DITOLAK,
                )
            )
        feedback = None
        if resolved is not None and answers.random() < 0.4:
            rebutted = answers.random() < 0.15
            feedback = Feedback(
                selesai=status is Status.DITUTUP or not rebutted,
                at=resolved + timedelta(hours=answers.uniform(1, 100)),
                nilai=answers.choices((1, 2, 3, 4, 5), (1, 1, 3, 8, 6))[0],
                tidak=int(rebutted),
            )
        out.append(
            SummaryTicket(
                feedback=feedback,
                tracking_no=f"{opd_codes[i % len(opd_codes)]}-{received:%y%m}-{i + 1:05d}",
                opd_code=opd_codes[i % len(opd_codes)],
                channel=channel,
                status=status,
                received_at=received,
                title=rng.choice(TITLES),
                category_code="UMUM",
                assignee=assignee,
                first_response_at=fr,
                resolved_at=resolved,
                deadlines=deadlines,
                met_at=Deadlines(verification=verified, first_response=fr, resolution=resolved),
            )
        )
    return out


def summary_replies(tickets: list[SummaryTicket], *, seed: int = 11) -> list[ReplyDelivery]:
    """A public reply for each answered ticket, delivered as its channel can (issue 21's states)."""
    rng = random.Random(seed)
    out = []
    for t in tickets:
        if t.first_response_at is None:
            continue
        if t.channel is Channel.WHATSAPP:
            state, via = rng.choices(("read", "delivered", "sent", "failed"), (6, 2, 1, 1))[0], "whatsapp"
        elif t.channel is Channel.EMAIL:
            state, via = rng.choices(("sent", "failed", "queued"), (8, 1, 1))[0], "email"
        else:
            state, via = rng.choices(("delivered", "manual"), (7, 3))[0], t.channel.value
        delay = timedelta(minutes=rng.lognormvariate(2.5, 1.2)) if state != "manual" else timedelta(0)
        out.append(ReplyDelivery(t.channel, t.first_response_at, state, via, t.first_response_at + delay))
    return out


def summary_request(**overrides: object) -> SummaryRequest:
    values: dict[str, object] = {
        "start": date(2026, 3, 1),
        "end": date(2026, 3, 31),
        "opd_codes": ("DINKES-BWI",),
        "scope_label": "Dinas Kesehatan Kabupaten Banyuwangi",
        "include_per_officer": True,
        "officer_names": OFFICERS,
    }
    values.update(overrides)
    return SummaryRequest(**values)  # type: ignore[arg-type]


def render_screenshots(folder: Path) -> list[Path]:
    """The committed page images: a receipt in each layout and the summary's pages."""
    from desktop.reports import compute_summary, render_receipt, render_summary

    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        for layout in ("a4", "a5", "thermal80"):
            pdf = Path(tmp) / f"receipt-{layout}.pdf"
            pdf.write_bytes(
                render_receipt(
                    walk_in_ticket(),
                    opd(),
                    officer(),
                    layout=layout,
                    viewer_may_see_identity=True,  # type: ignore[arg-type]
                    category_name="Sarana dan prasarana kesehatan",
                    now=NOW,
                    logo=tiny_logo_png(),
                )
            )
            stem = folder / f"receipt-{layout}"
            subprocess.run(
                ["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
                check=True,
            )
            written.append(stem.with_suffix(".png"))
        cal = WorkCalendar("Asia/Jakarta")
        now = datetime(2026, 4, 6, 2, 0, tzinfo=UTC)
        tickets = summary_tickets(1800, now=now, calendar=cal)
        request = summary_request()
        figures = compute_summary(tickets, request, lambda _c: cal, now)
        figures = dataclasses.replace(figures, delivery=compute_delivery(summary_replies(tickets), request))
        pdf = Path(tmp) / "summary.pdf"
        pdf.write_bytes(render_summary(figures, produced_at=now))
        subprocess.run(
            ["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "2", str(pdf), str(folder / "summary")],
            check=True,
        )
        written += sorted(folder.glob("summary-*.png"))
    return written


if __name__ == "__main__":
    for path in render_screenshots(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(path)
