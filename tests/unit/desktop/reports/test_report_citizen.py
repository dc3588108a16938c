"""The summary's citizen figures: the SKM index, rebuttals, confirmations and replies' delivery,
each with what it covers, in the PDF and in the export."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from desktop.domain import Channel, Feedback, Status
from desktop.export import summary_tables
from desktop.reports import SummaryTicket, compute_summary, render_summary
from desktop.reports.metrics import ReplyDelivery, compute_delivery
from desktop.sla import WorkCalendar
from tests.helpers import reports as sample

CAL = WorkCalendar("Asia/Jakarta")
NOW = datetime(2026, 4, 6, 2, 0, tzinfo=UTC)
IN = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)  # inside the period (March 2026)
BEFORE = datetime(2026, 2, 10, 3, 0, tzinfo=UTC)


def _ticket(no: int, status: Status, resolved: datetime | None, feedback: Feedback | None) -> SummaryTicket:
    return SummaryTicket(
        tracking_no=f"DINKES-BWI-2603-{no:05d}",
        opd_code="DINKES-BWI",
        channel=Channel.WALK_IN,
        status=status,
        received_at=(resolved or IN) - timedelta(days=2),
        resolved_at=resolved,
        feedback=feedback,
    )


TICKETS = [
    # Closed by the citizen's "ya" with 4 stars.
    _ticket(1, Status.DITUTUP, IN, Feedback(True, IN + timedelta(hours=2), nilai=4)),
    # Rebutted once, resolved again, then "ya" with 2 stars.
    _ticket(2, Status.DITUTUP, IN, Feedback(True, IN + timedelta(hours=3), nilai=2, tidak=1)),
    # Rebutted and open again: it reached selesai in the period all the same.
    _ticket(3, Status.DITINDAKLANJUTI, None, Feedback(False, IN, komentar="Belum.", tidak=1)),
    # Resolved, the citizen has not answered.
    _ticket(4, Status.SELESAI, IN, None),
    # Resolved and rated before the period: not this period's.
    _ticket(5, Status.DITUTUP, BEFORE, Feedback(True, BEFORE, nilai=5)),
    # Never resolved, never answered.
    _ticket(6, Status.DITINDAKLANJUTI, None, None),
]


def test_satisfaction_counts_the_tickets_that_reached_selesai_in_the_period() -> None:
    s = compute_summary(TICKETS, sample.summary_request(), lambda _o: CAL, NOW).satisfaction

    assert (s.reached, s.answered, s.rebutted, s.confirmed) == (4, 3, 2, 2)
    # 4 and 2 stars: 3.25 and 1.75 on the SKM scale, mean 2.5, IKM 62.5 (grade D).
    assert (s.ikm.count, s.ikm.value, s.ikm.grade) == (2, 62.5, "D")


def _reply(
    channel: Channel, at: datetime, state: str | None, via: str = "", minutes: int = 0
) -> ReplyDelivery:
    return ReplyDelivery(channel, at, state, via, at + timedelta(minutes=minutes) if state else None)


REPLIES = [
    _reply(Channel.WHATSAPP, IN, "read", "whatsapp", 30),
    _reply(Channel.WHATSAPP, IN, "delivered", "whatsapp", 10),
    _reply(Channel.WHATSAPP, IN, "failed", "whatsapp", 5),
    _reply(Channel.EMAIL, IN, "sent", "email", 2),  # e-mail reports no further: it reached the server
    _reply(Channel.EMAIL, IN, "queued", "email"),
    _reply(Channel.INSTAGRAM, IN, "manual", "instagram"),
    _reply(Channel.INSTAGRAM, BEFORE, "manual", "instagram"),  # still to post, from last month
    _reply(Channel.INSTAGRAM, BEFORE, "delivered", "instagram", 60),  # last month's: not counted
    _reply(Channel.WALK_IN, IN, None),  # a reply from before deliveries were tracked
]


def test_delivery_counts_replies_of_the_period_that_reached_the_citizen() -> None:
    dl = compute_delivery(REPLIES, sample.summary_request())

    assert (dl.replies, dl.reached, dl.failed, dl.manual_open) == (7, 3, 1, 2)
    by_channel = {c.channel: c for c in dl.per_channel}
    assert (by_channel[Channel.WHATSAPP].replies, by_channel[Channel.WHATSAPP].reached) == (3, 2)
    assert by_channel[Channel.WHATSAPP].median_hours == 20 / 60
    assert by_channel[Channel.EMAIL].median_hours == 2 / 60
    assert by_channel[Channel.INSTAGRAM].median_hours is None  # nothing reached yet
    assert [c.channel for c in dl.per_channel][0] is Channel.INSTAGRAM  # social media first


def test_the_pdf_and_the_export_say_what_each_citizen_figure_covers(read_text: Callable[..., str]) -> None:
    request = sample.summary_request()
    figures = compute_summary(TICKETS, request, lambda _o: CAL, NOW)
    figures = dataclasses.replace(figures, delivery=compute_delivery(REPLIES, request))

    text = " ".join(read_text(render_summary(figures, produced_at=NOW)).split())
    assert "Indeks Kepuasan Masyarakat (IKM, 25–100) 62,50 (mutu D, Tidak baik)" in text
    assert "dari 2 penilaian bintang 1–5 atas 4 tiket yang mencapai selesai" in text
    assert "50,0% 2 dari 4 tiket yang mencapai selesai; 3 dijawab pelapor" in text  # rebuttals
    assert "42,9% 3 dari 7 balasan publik yang ditulis dalam periode; 1 gagal" in text
    table = " ".join(read_text(render_summary(figures, produced_at=NOW), layout=True).split())
    assert "WhatsApp 3 2/3 66,7% 20 menit" in table  # median of 30 and 10 minutes
    assert "Surel 2 1/2 50,0% 2 menit" in table
    assert "Instagram 1 0/1 0,0% —" in table

    tables = {t.name: t for t in summary_tables(figures)}
    citizen = {row[0]: row[1:] for row in tables["tanggapan-pelapor"].rows}
    assert citizen["IKM (25-100)"] == (62.5, "dari 2 penilaian atas 4 tiket yang mencapai selesai")
    assert citizen["Sanggahan (%)"][0] == 50.0
    assert citizen["Balasan perlu diposting manual"][0] == 2
    delivery = tables["penyampaian-balasan"].rows
    assert delivery[-1] == ("Semua kanal", 7, 3, 42.9, None)
