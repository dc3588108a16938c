"""The queue by incident (issue 18): one row per incident, standing for its most urgent open
ticket, with the count of its open complaints; tickets in no incident list as before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from db import models
from desktop.event_text import event_sentence
from desktop.queue import QueueFilter, QueueView, fetch_page
from desktop.store import LocalStore
from tests.helpers.store import ticket_row

T0 = datetime(2026, 3, 24, 3, 0, tzinfo=UTC)
FLOOD = "1b6a4f0e-3c1a-4c49-9a55-0f5a7c1f2b01"


def test_an_incident_is_one_row_with_its_count_and_most_urgent_deadline(store: LocalStore) -> None:
    with store.write() as session:
        session.add(models.Incident(id=FLOOD, title="Banjir Kedung Cowek", location="", lead_ticket_id="x"))
        for i, hours in enumerate((30, 5, 50)):  # the second is the most urgent
            session.add(
                ticket_row(tracking_no=f"F-{i}", incident_id=FLOOD, next_deadline=T0 + timedelta(hours=hours))
            )
        # A closed member is not counted and never stands for the incident.
        session.add(
            ticket_row(
                tracking_no="F-closed",
                incident_id=FLOOD,
                status="ditutup",
                is_open=False,
                next_deadline=T0 + timedelta(hours=1),
            )
        )
        session.add(ticket_row(tracking_no="ALONE", next_deadline=T0 + timedelta(hours=10)))

    flat = fetch_page(store, QueueFilter(view=QueueView.ALL, now=T0))
    assert [r.tracking_no for r in flat] == ["F-1", "ALONE", "F-0", "F-2"]
    assert {r.incident_count for r in flat} == {0}

    grouped = fetch_page(store, QueueFilter(view=QueueView.ALL, now=T0, by_incident=True))
    assert [(r.tracking_no, r.incident_count) for r in grouped] == [("F-1", 3), ("ALONE", 0)]
    assert grouped[0].next_deadline == T0 + timedelta(hours=5)
    # The Selesai view lists tickets, grouped or not.
    done = fetch_page(store, QueueFilter(view=QueueView.DONE, now=T0, by_incident=True))
    assert [r.tracking_no for r in done] == ["F-closed"]


def test_link_and_unlink_events_read_as_sentences() -> None:
    names = {"spv.dinkes": "Gita Suryadi"}.get
    linked = event_sentence(
        "Ditautkan ke masalah: Banjir Kedung Cowek", "Gita Suryadi", lambda u: names(u) or u
    )
    assert linked == "Gita Suryadi menautkan pengaduan ini ke masalah \u201cBanjir Kedung Cowek\u201d."
    unlinked = event_sentence("Dilepas dari masalah: Banjir Kedung Cowek", "Gita Suryadi", str, lang="en")
    assert unlinked.startswith(
        "Gita Suryadi unlinked this complaint from the incident \u201cBanjir Kedung Cowek\u201d"
    )
