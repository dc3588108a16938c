"""Summary figures, checked against an independent computation and read back from the PDF."""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pypdf
import pytest

from desktop.domain import Channel, Confidentiality, Deadlines, Stage, Status
from desktop.labels import CHANNEL_PRINT_ORDER, channel_label
from desktop.reports import SummaryRequest, SummaryTicket, compute_summary, render_summary
from desktop.sla import WorkCalendar
from tests.helpers import reports as sample

ReadText = Callable[..., str]
WIB = ZoneInfo("Asia/Jakarta")
CAL = WorkCalendar("Asia/Jakarta")
NOW = datetime(2026, 4, 6, 2, 0, tzinfo=UTC)


def squash(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text)


def words(text: str) -> str:
    """Every run of white space (line breaks too) as one space: wrapped tile text reads whole."""
    return re.sub(r"\s+", " ", text)


def wib(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=WIB)


def ticket(
    no: int,
    received: datetime,
    *,
    first_response: datetime | None = None,
    channel: Channel = Channel.TWITTER,
    status: Status = Status.DITINDAKLANJUTI,
    resolved: datetime | None = None,
    deadlines: Deadlines | None = None,
    assignee: str | None = "budi.s",
    opd: str = "DINKES-BWI",
) -> SummaryTicket:
    return SummaryTicket(
        tracking_no=f"{opd}-2603-{no:05d}",
        opd_code=opd,
        channel=channel,
        status=status,
        received_at=received,
        title=f"Aduan {no}",
        assignee=assignee,
        first_response_at=first_response,
        resolved_at=resolved,
        deadlines=deadlines or Deadlines(),
        met_at=Deadlines(first_response=first_response, resolution=resolved),
    )


# -- exact, hand-checked figures ----------------------------------------------------------


def test_first_response_time_counts_office_hours_only() -> None:
    # Office hours 08.00-16.00 WIB Monday to Friday; 2-6 and 9 March 2026 are ordinary working days.
    tickets = [
        ticket(1, wib(2, 9), first_response=wib(2, 11)),  # 2 h
        ticket(2, wib(2, 15), first_response=wib(3, 9)),  # 1 h Monday + 1 h Tuesday
        ticket(3, wib(6, 15), first_response=wib(9, 10)),  # Friday 1 h, weekend free, Monday 2 h
        ticket(4, wib(3, 8), first_response=wib(3, 16)),  # a whole working day: 8 h
        ticket(5, wib(4, 10), status=Status.DITOLAK),  # closed without a reply: left out
    ]
    request = SummaryRequest(start=date(2026, 3, 2), end=date(2026, 3, 9))

    figures = compute_summary(tickets, request, lambda _opd: CAL, NOW)

    assert figures.overall.received == 5
    assert figures.overall.first_responses == 4
    assert figures.overall.first_response_waiting == 0
    assert figures.overall.first_response_median_hours == pytest.approx(2.5)  # (2 + 3) / 2
    assert figures.overall.first_response_p90_hours == pytest.approx(8.0)  # nearest rank: 4th of 4


def test_unanswered_tickets_count_as_still_waiting_in_the_first_response_median() -> None:
    # Two answered within the hour, three still unanswered since Monday 2 March: the desk is slow,
    # and a median over the answered two alone (0,5 jam) would say the opposite.
    now = wib(4, 16)  # Wednesday 16.00: three full working days after Monday 08.00
    tickets = [
        ticket(1, wib(2, 8), first_response=wib(2, 8, minute=30)),  # 0.5 h
        ticket(2, wib(2, 9), first_response=wib(2, 9, minute=30)),  # 0.5 h
        ticket(3, wib(2, 8)),  # waiting 24 h so far
        ticket(4, wib(3, 8)),  # waiting 16 h so far
        ticket(5, wib(4, 8)),  # waiting 8 h so far
    ]
    request = SummaryRequest(start=date(2026, 3, 2), end=date(2026, 3, 4))

    figures = compute_summary(tickets, request, lambda _opd: CAL, now)

    o = figures.overall
    assert (o.first_responses, o.first_response_waiting, o.first_response_counted) == (2, 3, 5)
    assert o.first_response_median_hours == pytest.approx(8.0)
    assert o.first_response_p90_hours == pytest.approx(24.0)


def test_stage_outcomes_breaches_and_backlog() -> None:
    deadline = wib(3, 16)
    tickets = [
        ticket(1, wib(2, 9), first_response=wib(3, 10), deadlines=Deadlines(first_response=deadline)),  # met
        ticket(2, wib(2, 9), first_response=wib(4, 10), deadlines=Deadlines(first_response=deadline)),  # late
        ticket(3, wib(2, 9), deadlines=Deadlines(first_response=deadline)),  # open, past deadline: breached
        ticket(4, wib(2, 9), deadlines=Deadlines(first_response=wib(10, 16, month=4))),  # open, still running
        ticket(5, wib(2, 9), status=Status.DITOLAK, deadlines=Deadlines(first_response=deadline)),  # n/a
        ticket(6, wib(20, 9, month=2), status=Status.BARU),  # received before the period: backlog only
        ticket(7, wib(2, 9), status=Status.SELESAI, resolved=wib(5, 9)),
    ]
    request = SummaryRequest(start=date(2026, 3, 1), end=date(2026, 3, 31))

    figures = compute_summary(tickets, request, lambda _opd: CAL, NOW)

    fr = figures.overall.stage(Stage.FIRST_RESPONSE)
    assert (fr.met, fr.breached, fr.pending) == (1, 2, 1)
    assert fr.share_met == pytest.approx(1 / 3)
    assert [b.tracking_no for b in figures.breaches] == ["DINKES-BWI-2603-00002", "DINKES-BWI-2603-00003"]
    assert figures.breaches[1].met_at is None
    assert figures.overall.received == 6
    assert figures.overall.resolved == 1
    # Open now: tickets 1-4 (ditindaklanjuti) and 6; ages at 6 April: 34-35 days and 45 days.
    assert figures.overall.backlog == 5
    assert [b.count for b in figures.backlog] == [0, 0, 0, 0, 5]


def test_scope_by_opd_and_officer() -> None:
    tickets = [
        ticket(1, wib(2, 9), opd="DINKES-BWI", assignee="budi.s"),
        ticket(2, wib(2, 9), opd="DINKES-BWI", assignee="rina.w"),
        ticket(3, wib(2, 9), opd="DISHUB-BWI", assignee="budi.s"),
    ]
    by_opd = compute_summary(
        tickets,
        SummaryRequest(date(2026, 3, 1), date(2026, 3, 31), opd_codes=("DINKES-BWI",)),
        lambda _o: CAL,
        NOW,
    )
    by_officer = compute_summary(
        tickets, SummaryRequest(date(2026, 3, 1), date(2026, 3, 31), officer="budi.s"), lambda _o: CAL, NOW
    )
    everything = compute_summary(
        tickets, SummaryRequest(date(2026, 3, 1), date(2026, 3, 31)), lambda _o: CAL, NOW
    )

    assert by_opd.overall.received == 2
    assert by_officer.overall.received == 2
    assert everything.overall.received == 3


def test_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        SummaryRequest(start=date(2026, 3, 31), end=date(2026, 3, 1))


# -- independent computation over a realistic month ----------------------------------------


def fmt_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def fmt_dec(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def independent(tickets: list[SummaryTicket], start: date, end: date) -> dict[str, object]:
    """The figures of docs/reports.md, written plainly (no shared code with desktop.reports.metrics)."""
    lo = datetime(start.year, start.month, start.day, tzinfo=WIB)
    hi = datetime(end.year, end.month, end.day, tzinfo=WIB) + timedelta(days=1)

    def rows(subset: list[SummaryTicket]) -> dict[str, object]:
        received = [t for t in subset if lo <= t.received_at < hi]
        resolved = [t for t in subset if t.resolved_at is not None and lo <= t.resolved_at < hi]
        # Answered: office hours to the reply; open and unanswered: office hours waited until NOW.
        hours = sorted(
            max(0.0, CAL.working_time_between(t.received_at, t.first_response_at).total_seconds() / 3600)
            for t in received
            if t.first_response_at is not None
        ) + sorted(
            max(0.0, CAL.working_time_between(t.received_at, NOW).total_seconds() / 3600)
            for t in received
            if t.first_response_at is None and t.status.is_open
        )
        hours.sort()
        if hours:
            mid = len(hours) // 2
            median = hours[mid] if len(hours) % 2 else (hours[mid - 1] + hours[mid]) / 2
            p90 = hours[math.ceil(0.9 * len(hours)) - 1]
        met = late = 0
        breached_tickets = 0
        for t in received:
            any_late = False
            for stage in Stage:
                deadline = getattr(t.deadlines, stage.value)
                if deadline is None:
                    continue
                done = getattr(t.met_at, stage.value)
                is_late = (done is not None and done > deadline) or (
                    done is None and t.status.is_open and deadline < NOW
                )
                any_late = any_late or is_late
                if stage is Stage.FIRST_RESPONSE:
                    met += done is not None and done <= deadline
                    late += is_late
            breached_tickets += any_late
        backlog = [t for t in subset if t.received_at < hi and t.status.is_open]
        return {
            "received": len(received),
            "resolved": len(resolved),
            "median": median if hours else None,
            "p90": p90 if hours else None,
            "fr_share": met / (met + late) if met + late else None,
            "counted": len(hours),
            "met": met,
            "decided": met + late,
            "breached_tickets": breached_tickets,
            "backlog": len(backlog),
        }

    out: dict[str, object] = {"overall": rows(tickets)}
    for channel in Channel:
        subset = [t for t in tickets if t.channel is channel]
        if subset:
            out[channel.value] = rows(subset)
    return out


def row_text(label: str, r: dict[str, object]) -> str:
    def hours(x: object) -> str:
        return "—" if x is None else f"{fmt_dec(float(x))} jam"  # type: ignore[arg-type]

    share = r["fr_share"]
    return " ".join(
        [
            label,
            fmt_int(r["received"]),  # type: ignore[arg-type]
            fmt_int(r["resolved"]),  # type: ignore[arg-type]
            hours(r["median"]),
            hours(r["p90"]),
            f"{fmt_int(r['counted'])} / {fmt_int(r['received'])}",  # type: ignore[arg-type]
            "—" if share is None else f"{fmt_dec(float(share) * 100)}%",  # type: ignore[arg-type]
            f"{fmt_int(r['met'])} / {fmt_int(r['decided'])}",  # type: ignore[arg-type]
            fmt_int(r["breached_tickets"]),  # type: ignore[arg-type]
            fmt_int(r["backlog"]),  # type: ignore[arg-type]
        ]
    )


@pytest.fixture(scope="module")
def month() -> list[SummaryTicket]:
    return sample.summary_tickets(900, seed=11, now=NOW, calendar=CAL)


def test_figures_match_an_independent_computation(month: list[SummaryTicket]) -> None:
    expected = independent(month, date(2026, 3, 1), date(2026, 3, 31))

    figures = compute_summary(month, sample.summary_request(), lambda _o: CAL, NOW)

    overall = expected["overall"]
    assert isinstance(overall, dict)
    assert figures.overall.received == overall["received"]
    assert figures.overall.resolved == overall["resolved"]
    assert figures.overall.first_response_median_hours == pytest.approx(overall["median"])
    assert figures.overall.first_response_p90_hours == pytest.approx(overall["p90"])
    assert figures.overall.stage(Stage.FIRST_RESPONSE).share_met == pytest.approx(overall["fr_share"])
    assert figures.overall.breached_tickets == overall["breached_tickets"]
    assert figures.overall.backlog == overall["backlog"]
    assert sum(b.count for b in figures.backlog) == overall["backlog"]
    assert sum(w.received for w in figures.weekly) == overall["received"]
    assert sum(w.resolved for w in figures.weekly) == overall["resolved"]
    # Social media first, then the rest in the print order.
    channels = [c for c, _g in figures.per_channel]
    assert channels == [c for c in CHANNEL_PRINT_ORDER if c.value in expected]


def test_summary_pdf_prints_the_independently_computed_figures(
    month: list[SummaryTicket], read_text: ReadText, read_fonts: Callable[[bytes], list[tuple[str, str]]]
) -> None:
    expected = independent(month, date(2026, 3, 1), date(2026, 3, 31))
    figures = compute_summary(month, sample.summary_request(), lambda _o: CAL, NOW)

    pdf = render_summary(figures, produced_at=NOW)
    text = squash(read_text(pdf, layout=True))

    assert row_text("Semua kanal", expected["overall"]) in text  # type: ignore[arg-type]
    for channel in Channel:
        if channel.value in expected:
            assert row_text(channel_label(channel), expected[channel.value]) in text  # type: ignore[arg-type]
    breaches = len(figures.breaches)
    assert f"Pelanggaran tenggat ({fmt_int(breaches)})" in text
    assert "Periode: 1 Maret 2026 – 31 Maret 2026" in text
    assert "Senin, 6 April 2026 09.00 WIB" in text  # when it was produced, in the OPD's zone
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert f"Halaman {pages} dari {pages}" in text
    assert "Per petugas" in text and "Rina Wijayanti" in text
    assert all(embedded == "yes" for _n, embedded in read_fonts(pdf))


def test_officer_summary_leaves_out_the_per_officer_table(
    month: list[SummaryTicket], read_text: ReadText
) -> None:
    request = sample.summary_request(officer="rina.w", include_per_officer=False)
    figures = compute_summary(month, request, lambda _o: CAL, NOW)
    expected = independent([t for t in month if t.assignee == "rina.w"], date(2026, 3, 1), date(2026, 3, 31))

    text = squash(read_text(render_summary(figures, produced_at=NOW), layout=True))

    assert "Petugas: Rina Wijayanti" in text
    assert "Per petugas" not in text
    assert row_text("Semua kanal", expected["overall"]) in text  # type: ignore[arg-type]


def test_empty_period_renders(read_text: ReadText) -> None:
    figures = compute_summary([], SummaryRequest(date(2026, 3, 1), date(2026, 3, 31)), lambda _o: CAL, NOW)

    text = squash(read_text(render_summary(figures, produced_at=NOW)))

    assert "Tidak ada tenggat yang terlampaui" in text
    assert "Semua OPD dalam cakupan" in text


def test_hostile_titles_in_breach_list_print_literally(read_text: ReadText) -> None:
    t = ticket(1, wib(2, 9), deadlines=Deadlines(first_response=wib(3, 16)))
    hostile = t._replace(title="<b>Jalan</b> & rusak 😡")

    figures = compute_summary(
        [hostile], SummaryRequest(date(2026, 3, 1), date(2026, 3, 31)), lambda _o: CAL, NOW
    )
    text = squash(read_text(render_summary(figures, produced_at=NOW)))

    assert "<b>Jalan</b> & rusak" in text


def test_summary_headline_says_what_each_figure_covers(read_text: ReadText) -> None:
    now = wib(4, 16)
    tickets = [
        ticket(1, wib(2, 8), first_response=wib(2, 8, minute=30)),
        ticket(2, wib(2, 9), first_response=wib(2, 9, minute=30)),
        ticket(3, wib(2, 8)),
        ticket(4, wib(3, 8), deadlines=Deadlines(first_response=wib(3, 16))),
        ticket(5, wib(4, 8)),
    ]
    request = sample.summary_request(start=date(2026, 3, 2), end=date(2026, 3, 4))
    figures = compute_summary(tickets, request, lambda _o: CAL, now)

    text = words(read_text(render_summary(figures, produced_at=now)))

    assert "8,0 jam" in text  # the median counts the three still waiting (0,5 jam over the answered)
    assert "atas 5 dari 5 tiket masuk; 3 belum ditanggapi dihitung masih menunggu" in text
    assert "masuk dalam periode" in text
    assert "selesai dalam periode; 0 dari 5 yang masuk periode ini" in text
    assert "terbuka per 4 Maret 2026; 1 di antaranya lewat tenggat" in text


def test_summary_never_prints_a_confidential_title_in_the_missed_deadlines(read_text: ReadText) -> None:
    late = Deadlines(first_response=wib(3, 16))
    tickets = [
        ticket(1, wib(2, 9), deadlines=late)._replace(title="Lampu jalan mati di Giri"),
        ticket(2, wib(2, 9), deadlines=late)._replace(
            title="Kepala puskesmas minta uang pelicin", confidentiality=Confidentiality.RAHASIA
        ),
        ticket(3, wib(2, 9), deadlines=late)._replace(
            title="Petugas anonim dilaporkan", confidentiality=Confidentiality.ANONIM
        ),
    ]
    figures = compute_summary(tickets, sample.summary_request(), lambda _o: CAL, NOW)

    text = words(read_text(render_summary(figures, produced_at=NOW)))

    assert "Pelanggaran tenggat (3)" in text
    assert "Lampu jalan mati di Giri" in text
    assert "uang pelicin" not in text
    assert "(laporan rahasia)" in text
    assert "DINKES-BWI-2603-00002" in text  # the breach is counted and listed, only the title is withheld


def test_summary_says_when_the_desk_last_synced_in_red_when_stale(read_text: ReadText) -> None:
    fresh = sample.summary_request(last_synced_at=NOW - timedelta(hours=2), sync_known=True)
    stale = sample.summary_request(last_synced_at=NOW - timedelta(days=3), sync_known=True)
    never = sample.summary_request(last_synced_at=None, sync_known=True)

    def first_page(request: SummaryRequest) -> str:
        pdf = render_summary(compute_summary([], request, lambda _o: CAL, NOW), produced_at=NOW)
        return words(read_text(pdf))

    assert "Data meja ini terakhir disinkronkan Senin, 6 April 2026 07.00 WIB." in first_page(fresh)
    stale_text = first_page(stale)
    assert "Perhatian: data meja ini terakhir disinkronkan Jumat, 3 April 2026 09.00 WIB" in stale_text
    assert "lebih dari 24 jam" in stale_text
    assert "belum pernah sinkron" in first_page(never)

    # Red: the warning is drawn in the breach colour, the fresh line is not.
    def red_used(request: SummaryRequest) -> bool:
        pdf = render_summary(compute_summary([], request, lambda _o: CAL, NOW), produced_at=NOW)
        content = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].get_contents()
        assert content is not None
        return b".705882 .137255 .094118 rg" in content.get_data()  # #b42318

    assert red_used(stale) and not red_used(fresh)
