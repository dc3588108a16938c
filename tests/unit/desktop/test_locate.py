"""A search says where its hits are, and a typed tracking number finds its ticket in any view."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from db import models
from desktop.domain import Status
from desktop.locate import spread
from desktop.queue import QueueFilter, QueueView
from desktop.store import LocalStore
from tests.helpers.store import ticket_row

NOW = datetime(2026, 3, 30, 3, 0, tzinfo=UTC)


def _fill(store: LocalStore) -> None:
    received = NOW - timedelta(days=2)
    with store.write() as session:
        session.add(models.Opd(code="DINKES-BWI", name="Dinas Kesehatan", tz="Asia/Jakarta"))
        session.add_all(
            [
                ticket_row(tracking_no="DINKES-BWI-2603-00001", title="Ambulans desa", received_at=received),
                ticket_row(
                    tracking_no="DINKES-BWI-2603-00002",
                    title="Ambulans terlambat",
                    status="selesai",
                    is_open=False,
                    resolved_at=NOW,
                    received_at=received,
                ),
                ticket_row(
                    tracking_no="DINKES-BWI-2603-00003",
                    title="Ambulans rusak",
                    status="selesai",
                    is_open=False,
                    resolved_at=NOW,
                    received_at=received,
                ),
                ticket_row(
                    tracking_no="DINKES-BWI-2603-00004",
                    title="Iklan",
                    status="ditolak",
                    is_open=False,
                    received_at=received,
                ),
            ]
        )


def test_hits_are_counted_in_every_view(store: LocalStore) -> None:
    _fill(store)
    found = spread(store, QueueFilter(view=QueueView.ALL, search="ambulans", now=NOW))
    assert found.per_view[QueueView.ALL] == 1
    assert found.per_view[QueueView.DONE] == 2
    assert found.number is None


def test_a_resolved_tickets_number_is_found_in_selesai(store: LocalStore) -> None:
    _fill(store)
    found = spread(store, QueueFilter(view=QueueView.ALL, search=" dinkes-bwi-2603-00002 ", now=NOW))
    assert found.per_view[QueueView.ALL] == 0
    assert found.number is not None
    assert found.number.tracking_no == "DINKES-BWI-2603-00002"
    assert found.number.views == (QueueView.DONE,)
    assert found.number.status is Status.SELESAI


def test_a_rejected_ticket_is_in_no_view_but_still_found(store: LocalStore) -> None:
    _fill(store)
    found = spread(store, QueueFilter(view=QueueView.MINE, search="DINKES-BWI-2603-00004", now=NOW))
    assert found.number is not None and found.number.views == ()
    assert found.number.status is Status.DITOLAK
