"""Receipts and summaries from a real local store (SQLite file), read back as PDF text."""

from __future__ import annotations

import io
import logging
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader

from db import models
from desktop import actions
from desktop import domain as d
from desktop.documents import (
    DocumentError,
    period_bounds,
    receipt_pdf,
    stream_summary_tickets,
    summary_figures,
    summary_pdf,
    summary_scope,
)
from desktop.reports import SummaryTicket, compute_summary
from desktop.session import DeskIdentity, load_identity
from desktop.sla import calendar_from_directory
from desktop.store import LocalStore
from tests.helpers import report_store as rs
from tests.helpers import reports as sample
from tests.helpers.store import ticket_row

NOW = datetime(2026, 4, 6, 2, 0, tzinfo=UTC)


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


@pytest.fixture
def desk(store: LocalStore) -> LocalStore:
    rs.add_directory(store)
    return store


def as_viewer(store: LocalStore, username: str) -> DeskIdentity:
    rs.log_in_as(store, username)
    identity = load_identity(store)
    assert identity is not None
    return identity


# -- receipts --------------------------------------------------------------------------------


def add(store: LocalStore, **overrides: object) -> str:
    row = ticket_row(**overrides)
    with store.write() as session:
        session.add(row)
        session.add(
            models.Message(
                id=str(uuid.uuid4()),
                ticket_id=row.id,
                kind="note",
                author="kabid.dinkes",
                body=sample.INTERNAL_NOTE,
                created_at=row.received_at + timedelta(hours=1),
            )
        )
    return row.tracking_no


def test_receipt_prints_the_complaint_and_never_an_internal_note(desk: LocalStore) -> None:
    viewer = as_viewer(desk, "budi.s")
    tracking = add(desk, tracking_no="DINKES-BWI-2603-00017", category_code="INFRA", title="Lampu PJU mati")

    text = pdf_text(receipt_pdf(desk, tracking, "a4", viewer=viewer, now=NOW))

    assert "DINKES-BWI-2603-00017" in text
    assert "Lampu PJU mati" in text
    assert rs.OPD_NAME in text
    assert "Sarana dan prasarana kesehatan" in text  # the category's name from the directory
    assert "Siti Aminah" in text  # public: the reporter prints
    # It came through a channel: nobody at the desk received it, whoever prints it.
    assert "Budi Santoso" not in text
    assert "Petugas penerima" not in text
    assert "CATATAN INTERNAL" not in text


@pytest.mark.parametrize("layout", ["a4", "a5", "thermal80"])
def test_every_layout_prints_a_walk_in_that_has_not_synced(desk: LocalStore, layout: str) -> None:
    viewer = as_viewer(desk, "budi.s")
    tracking = add(desk, tracking_no="DINKES-BWI-2603-K7Q-0001", channel="walk_in", version=0, pending_ops=1)

    text = pdf_text(receipt_pdf(desk, tracking, layout, viewer=viewer, now=NOW))

    assert "DINKES-BWI-2603-K7Q-0001" in text
    assert "Datang langsung" in text


def test_anonim_reporter_withheld_by_the_server_stays_hidden(desk: LocalStore) -> None:
    viewer = as_viewer(desk, "budi.s")
    tracking = add(
        desk, confidentiality="anonim", reporter_name=None, reporter_contact=None, assignee="rina.w"
    )

    text = pdf_text(receipt_pdf(desk, tracking, "a4", viewer=viewer, now=NOW))

    assert "Dirahasiakan (pelapor anonim)" in text


def test_officer_never_prints_the_identity_on_someone_elses_anonim_ticket(desk: LocalStore) -> None:
    # The store still holds the identity (e.g. from before a reassignment): the officer's print hides it.
    viewer = as_viewer(desk, "budi.s")
    tracking = add(desk, confidentiality="anonim", reporter_name="Siti Aminah", assignee="rina.w")

    text = pdf_text(receipt_pdf(desk, tracking, "a4", viewer=viewer, now=NOW))

    assert "Siti Aminah" not in text
    assert "@siti" not in text
    assert "Dirahasiakan (pelapor anonim)" in text


@pytest.mark.parametrize(
    ("username", "assignee", "confidentiality"),
    [
        ("budi.s", None, "anonim"),  # the walk-in desk took the identity in person
        ("budi.s", "budi.s", "rahasia"),  # the assignee
        ("kabid.dinkes", "rina.w", "anonim"),  # a supervisor sees their OPD's reporters
    ],
)
def test_protected_identity_prints_only_when_the_officer_chooses_it(
    desk: LocalStore,
    username: str,
    assignee: str | None,
    confidentiality: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    viewer = as_viewer(desk, username)
    tracking = add(desk, confidentiality=confidentiality, reporter_name="Siti Aminah", assignee=assignee)

    by_default = pdf_text(receipt_pdf(desk, tracking, "a5", viewer=viewer, now=NOW))
    with caplog.at_level(logging.INFO, logger="desktop.documents"):
        chosen = pdf_text(receipt_pdf(desk, tracking, "a5", viewer=viewer, now=NOW, show_identity=True))

    assert "Siti Aminah" not in by_default
    assert "Dirahasiakan" in by_default
    assert "Siti Aminah" in chosen
    assert "Dirahasiakan" not in chosen
    logged = [r.getMessage() for r in caplog.records if "identity" in r.getMessage()]
    assert logged == [
        f"receipt of {tracking} ({confidentiality}) printed with the reporter's identity, chosen by {username}"
    ]
    assert "Siti Aminah" not in caplog.text  # the log says who printed what, never the identity


def test_rahasia_walk_in_receipt_shows_the_reporter_only_at_registration(desk: LocalStore) -> None:
    officer = as_viewer(desk, "budi.s")
    result = actions.walk_in(
        desk,
        name="Wahyu Setiawan",
        contact="087423725707",
        title="Pungutan liar di loket",
        body="Petugas loket meminta uang tambahan.",
        confidentiality="rahasia",
        now=NOW,
    )

    handed_over = pdf_text(
        receipt_pdf(desk, result.tracking_no, "a5", viewer=officer, now=NOW, at_registration=True)
    )
    supervisor = as_viewer(desk, "kabid.dinkes")
    later = pdf_text(
        receipt_pdf(desk, result.tracking_no, "a5", viewer=supervisor, now=NOW + timedelta(days=3))
    )

    assert "Wahyu Setiawan" in handed_over and "087423725707" in handed_over
    assert "Wahyu Setiawan" not in later
    assert "087423725707" not in later
    assert "Dirahasiakan (laporan rahasia)" in later


def test_walk_in_receipt_is_signed_by_the_officer_who_registered_it(desk: LocalStore) -> None:
    as_viewer(desk, "budi.s")
    result = actions.walk_in(
        desk, name="Siti Aminah", contact="0812", title="Antrean lama", body="Antre tiga jam.", now=NOW
    )
    elsewhere = add(desk, tracking_no="DINKES-BWI-2603-X9Z-0001", channel="walk_in")

    supervisor = as_viewer(desk, "kabid.dinkes")  # prints it two days later
    ours = pdf_text(
        receipt_pdf(desk, result.tracking_no, "a4", viewer=supervisor, now=NOW + timedelta(days=2))
    )
    theirs = pdf_text(receipt_pdf(desk, elsewhere, "a4", viewer=supervisor, now=NOW + timedelta(days=2)))

    assert "Petugas penerima" in ours
    assert "Budi Santoso" in ours  # who took it in, not the supervisor who reprints it
    assert "dr. Hartono" not in ours
    assert "Banyuwangi, 6 April 2026" in ours  # dated the day it came in, not the day it printed
    # Registered at another desk: the name is left to be signed by hand, never the printer's.
    assert "Petugas penerima" in theirs
    assert "dr. Hartono" not in theirs


def test_unknown_tracking_number_is_a_clear_error(desk: LocalStore) -> None:
    viewer = as_viewer(desk, "budi.s")
    with pytest.raises(DocumentError, match="DINKES-BWI-2603-99999 tidak ada"):
        receipt_pdf(desk, "DINKES-BWI-2603-99999", "a4", viewer=viewer)


def test_tracking_number_typed_in_lower_case_is_found(desk: LocalStore) -> None:
    viewer = as_viewer(desk, "budi.s")
    add(desk, tracking_no="DINKES-BWI-2603-00042")
    assert "DINKES-BWI-2603-00042" in pdf_text(receipt_pdf(desk, " dinkes-bwi-2603-00042 ", viewer=viewer))


# -- summaries -------------------------------------------------------------------------------


def test_streamed_row_carries_every_fact_the_summary_reads(desk: LocalStore) -> None:
    received = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    at = {f"h{i}": received + timedelta(hours=i) for i in range(1, 9)}
    row = ticket_row(
        tracking_no="DINKES-BWI-2603-00001",
        channel="whatsapp",
        status="selesai",
        is_open=False,
        received_at=received,
        assignee="budi.s",
        category_code="INFRA",
        title="Obat kosong",
        verified_at=at["h1"],
        first_response_at=at["h2"],
        followed_up_at=at["h3"],
        resolved_at=at["h4"],
        dl_verification=at["h5"],
        dl_first_response=at["h6"],
        dl_follow_up=at["h7"],
        dl_resolution=at["h8"],
    )
    with desk.write() as session:
        session.add(row)

    streamed = list(stream_summary_tickets(desk, date(2026, 3, 1), date(2026, 3, 31)))

    assert streamed == [
        SummaryTicket(
            tracking_no="DINKES-BWI-2603-00001",
            opd_code=rs.OPD,
            channel=d.Channel.WHATSAPP,
            status=d.Status.SELESAI,
            received_at=received,
            title="Obat kosong",
            category_code="INFRA",
            assignee="budi.s",
            first_response_at=at["h2"],
            resolved_at=at["h4"],
            deadlines=d.Deadlines(at["h5"], at["h6"], at["h7"], at["h8"]),
            met_at=d.Deadlines(at["h1"], at["h2"], at["h3"], at["h4"]),
        )
    ]
    assert streamed[0].received_at.tzinfo is not None


def test_summary_from_the_store_equals_the_summary_of_every_ticket(desk: LocalStore) -> None:
    # Tickets from a week before the period to two weeks after it, in two OPDs: the store's
    # pre-filter must drop only tickets that cannot count.
    tickets = sample.summary_tickets(
        1500,
        seed=11,
        start=date(2026, 3, 1),
        end=date(2026, 4, 15),
        now=NOW,
        opd_codes=(rs.OPD, rs.OTHER_OPD),
    )
    rs.insert_summary_tickets(desk, tickets)
    viewer = as_viewer(desk, "admin.prov")

    figures = summary_figures(
        desk, date(2026, 3, 1), date(2026, 3, 31), viewer=viewer, opd_code=rs.OPD, now=NOW
    )

    calendar = calendar_from_directory("Asia/Jakarta", None, [rs.OPD_DAY_OFF])
    expected = compute_summary(tickets, figures.request, lambda _code: calendar, NOW)
    assert figures.overall.received > 300
    assert figures == expected
    assert figures.request.opd_codes == (rs.OPD,)
    assert figures.per_officer  # a whole OPD: per-officer rows for the supervisor's eye


def test_first_response_hours_skip_the_opds_own_day_off(desk: LocalStore) -> None:
    viewer = as_viewer(desk, "kabid.dinkes")
    # Tue 3 March 15.00 WIB -> Thu 5 March 09.00 WIB, Wednesday closed: 1 h + 1 h of office time.
    add(
        desk,
        received_at=datetime(2026, 3, 3, 8, 0, tzinfo=UTC),
        first_response_at=datetime(2026, 3, 5, 2, 0, tzinfo=UTC),
    )
    figures = summary_figures(desk, date(2026, 3, 1), date(2026, 3, 31), viewer=viewer, now=NOW)
    assert figures.overall.first_response_median_hours == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("username", "opd_code", "officer", "expected"),
    [
        ("budi.s", None, None, ((rs.OPD,), "budi.s", False)),
        ("budi.s", None, "budi.s", ((rs.OPD,), "budi.s", False)),
        ("kabid.dinkes", None, None, ((rs.OPD,), None, True)),
        ("kabid.dinkes", rs.OPD, None, ((rs.OPD,), None, True)),
        ("kabid.dinkes", None, "rina.w", ((rs.OPD,), "rina.w", False)),
        ("admin.prov", None, None, (None, None, False)),
        ("admin.prov", rs.OTHER_OPD, None, ((rs.OTHER_OPD,), None, True)),
        ("admin.prov", None, "sari.h", ((rs.OTHER_OPD,), "sari.h", False)),
    ],
)
def test_scope_follows_the_viewers_role(
    desk: LocalStore,
    username: str,
    opd_code: str | None,
    officer: str | None,
    expected: tuple[tuple[str, ...] | None, str | None, bool],
) -> None:
    scope = summary_scope(desk, as_viewer(desk, username), opd_code=opd_code, officer=officer)
    assert (scope.opd_codes, scope.officer, scope.include_per_officer) == expected


@pytest.mark.parametrize(
    ("username", "opd_code", "officer", "message"),
    [
        ("budi.s", None, "rina.w", "sendiri"),
        ("budi.s", rs.OTHER_OPD, None, "di luar wewenang"),
        ("kabid.dinkes", rs.OTHER_OPD, None, "di luar wewenang"),
        ("kabid.dinkes", None, "sari.h", "bukan petugas DINKES-BWI"),
        ("kabid.dinkes", None, "nobody", "tidak dikenal"),
        ("admin.prov", "NOPE-BWI", None, "tidak dikenal"),
    ],
)
def test_out_of_scope_requests_are_refused(
    desk: LocalStore, username: str, opd_code: str | None, officer: str | None, message: str
) -> None:
    viewer = as_viewer(desk, username)
    with pytest.raises(DocumentError, match=message):
        summary_pdf(
            desk, date(2026, 3, 1), date(2026, 3, 31), viewer=viewer, opd_code=opd_code, officer=officer
        )


def test_officer_summary_counts_only_their_own_tickets(desk: LocalStore) -> None:
    received = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
    for i, assignee in enumerate(["budi.s", "budi.s", "rina.w", None]):
        add(desk, tracking_no=f"DINKES-BWI-2603-0010{i}", assignee=assignee, received_at=received)
    viewer = as_viewer(desk, "budi.s")

    figures = summary_figures(desk, date(2026, 3, 1), date(2026, 3, 31), viewer=viewer, now=NOW)

    assert figures.overall.received == 2
    text = pdf_text(summary_pdf(desk, date(2026, 3, 1), date(2026, 3, 31), viewer=viewer, now=NOW))
    assert "Budi Santoso" in text


def test_period_that_ends_before_it_starts_is_refused(desk: LocalStore) -> None:
    viewer = as_viewer(desk, "kabid.dinkes")
    with pytest.raises(DocumentError, match="sebelum mulai"):
        summary_pdf(desk, date(2026, 3, 31), date(2026, 3, 1), viewer=viewer)


def test_period_bounds_are_whole_days_in_the_opds_zone() -> None:
    start, end = period_bounds(date(2026, 3, 1), date(2026, 3, 31), "Asia/Makassar")
    assert start == datetime(2026, 2, 28, 16, 0, tzinfo=UTC)
    assert end == datetime(2026, 3, 31, 16, 0, tzinfo=UTC)


def test_the_summary_counts_the_delivery_of_the_replies_in_the_store(desk: LocalStore) -> None:
    in_march = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)
    february = datetime(2026, 2, 10, 3, 0, tzinfo=UTC)
    ticket = ticket_row(opd_code=rs.OPD, channel="whatsapp", received_at=in_march - timedelta(hours=1))
    other_opd = ticket_row(opd_code=rs.OTHER_OPD, channel="whatsapp", received_at=in_march)

    def reply(row: models.Ticket, at: datetime, delivery: object, op_id: str | None = None) -> models.Message:
        return models.Message(
            id=str(uuid.uuid4()), ticket_id=row.id, kind="reply", author="budi.s", body="Balasan",
            created_at=at, delivery=delivery, op_id=op_id,
        )  # fmt: skip

    def state(name: str, minutes: int, channel: str = "whatsapp") -> dict[str, object]:
        return {
            "state": name,
            "channel": channel,
            "detail": "",
            "updated_at": (in_march + timedelta(minutes=minutes)).isoformat(),
        }

    with desk.write() as session:
        session.add_all([ticket, other_opd])
        session.flush()
        session.add_all(
            [
                reply(ticket, in_march, state("read", 12)),
                reply(ticket, in_march, state("failed", 1)),
                reply(ticket, in_march, None, op_id=str(uuid.uuid4())),  # not on the server yet
                reply(ticket, february, state("manual", 0, "instagram")),  # still to post, last month's
                reply(ticket, february, state("read", 5)),  # last month's: not this period's
                reply(other_opd, in_march, state("read", 3)),  # another OPD's
            ]
        )
    viewer = as_viewer(desk, "admin.prov")

    dl = summary_figures(
        desk, date(2026, 3, 1), date(2026, 3, 31), viewer=viewer, opd_code=rs.OPD, now=NOW
    ).delivery

    assert (dl.replies, dl.reached, dl.failed, dl.manual_open) == (2, 1, 1, 1)
    [whatsapp] = dl.per_channel
    assert (whatsapp.channel, whatsapp.median_hours) == (d.Channel.WHATSAPP, 12 / 60)
