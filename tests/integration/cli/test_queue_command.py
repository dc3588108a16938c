"""``tanggap queue`` as a user runs it: a real process over a real store, offline.

The CLI and the workstation show one queue: the same tickets in the same order as
``desktop.queue.fetch_page`` (what ``ui.queue_model.TicketQueueModel`` pages through).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from db import models
from desktop import queue
from desktop.queue import QueueFilter, QueueView
from desktop.store import LocalStore
from tests.helpers import report_store as rs
from tests.helpers.cli import tanggap
from tests.helpers.store import ticket_row

NOW = datetime(2026, 3, 30, 3, 0, tzinfo=UTC)
ME = "budi.s"  # an officer of tests.helpers.report_store.OFFICERS
FIELDS = {
    "tracking_no",
    "id",
    "status",
    "title",
    "channel",
    "opd_code",
    "assignee",
    "received_at",
    "next_deadline",
    "next_stage",
    "pending_ops",
}


def queue_json(data_dir: Path, *args: str) -> list[dict[str, Any]]:
    run = tanggap(data_dir, "queue", "--json", *args)
    assert run.returncode == 0, run.stderr
    items: list[dict[str, Any]] = json.loads(run.stdout)
    return items


def workstation_order(store: LocalStore, flt: QueueFilter, limit: int) -> list[str]:
    return [row.tracking_no for row in queue.fetch_page(store, flt, None, limit)]


@pytest.fixture
def desk(data_dir: Path) -> Path:
    """A desk whose queue has what makes ordering hard: ties, no deadline, closed and archived rows."""
    store = LocalStore.open(data_dir)
    try:
        rs.add_directory(store)
        rs.log_in_as(store, ME)
        with store.write() as session:
            for i in range(30):
                session.add(
                    ticket_row(
                        tracking_no=f"DINKES-BWI-2603-{i:05d}",
                        next_deadline=NOW + timedelta(hours=(i * 7919) % 97 - 40),
                        assignee=ME if i % 3 == 0 else (None if i % 3 == 1 else "rina.w"),
                        pending_ops=1 if i % 7 == 0 else 0,
                    )
                )
            for i in range(8):  # one deadline shared: the id decides, as in the window
                session.add(ticket_row(tracking_no=f"DINKES-BWI-2603-TIE{i:02d}", next_deadline=NOW))
            for i in range(3):  # paused for the reporter: no deadline runs, last in the queue
                session.add(
                    ticket_row(
                        tracking_no=f"DINKES-BWI-2603-NOD{i:02d}",
                        status="menunggu_pelapor",
                        next_deadline=models.NO_DEADLINE,
                        next_stage=None,
                        assignee=ME,
                    )
                )
            session.add(
                ticket_row(
                    tracking_no="DINKES-BWI-2603-DONE1",
                    status="selesai",
                    is_open=False,
                    resolved_at=NOW,
                    next_deadline=models.NO_DEADLINE,
                )
            )
            session.add(
                ticket_row(
                    tracking_no="DINKES-BWI-2603-ARCH1",
                    status="ditutup",
                    is_open=False,
                    archived=True,
                    closed_at=NOW,
                    next_deadline=models.NO_DEADLINE,
                )
            )
    finally:
        store.close()
    return data_dir


def test_cli_queue_is_the_workstations_queue_in_the_same_order(desk: Path) -> None:
    everything = queue_json(desk, "--limit", "1000")
    first_ten = queue_json(desk, "--limit", "10")
    store = LocalStore.open(desk)
    try:
        window = workstation_order(store, QueueFilter(view=QueueView.ALL, now=NOW), 1000)
        window_count = queue.count(store, QueueFilter(view=QueueView.ALL, now=NOW))
    finally:
        store.close()

    assert [t["tracking_no"] for t in everything] == window
    assert len(everything) == window_count == 41  # 30 + 8 ties + 3 paused; nothing closed or archived
    assert [t["tracking_no"] for t in first_ten] == window[:10]
    # What the order means to an officer: earliest deadline first, ties by id, no deadline last.
    open_deadlines = [t for t in everything if t["next_deadline"] is not None]
    keys = [(datetime.fromisoformat(t["next_deadline"]), t["id"]) for t in open_deadlines]
    assert keys == sorted(keys)
    assert [t["tracking_no"][-5:-2] for t in everything[-3:]] == ["NOD"] * 3
    assert all(t["next_stage"] is None for t in everything[-3:])


def test_cli_queue_mine_is_the_workstations_antrean_saya(desk: Path) -> None:
    mine = queue_json(desk, "--mine", "--limit", "1000")
    store = LocalStore.open(desk)
    try:
        window = workstation_order(store, QueueFilter(view=QueueView.MINE, me=ME, now=NOW), 1000)
    finally:
        store.close()
    assert [t["tracking_no"] for t in mine] == window
    assert len(mine) == 10 + 3 and {t["assignee"] for t in mine} == {ME}


def test_cli_queue_json_fields_stay_as_documented(desk: Path) -> None:
    items = queue_json(desk, "--limit", "50")
    assert all(set(item) == FIELDS for item in items)
    flagged = next(t for t in items if t["tracking_no"] == "DINKES-BWI-2603-00007")
    assert flagged["pending_ops"] == 1
    assert flagged["status"] == "baru" and flagged["channel"] == "twitter"
    assert flagged["next_stage"] == "verification" and flagged["opd_code"] == "DINKES-BWI"
    assert datetime.fromisoformat(flagged["received_at"]) == datetime(2026, 3, 24, 3, 0, tzinfo=UTC)
    assert datetime.fromisoformat(flagged["next_deadline"]).tzinfo is not None


def test_cli_queue_text_lists_the_same_order_and_refuses_a_bad_limit(desk: Path) -> None:
    text = tanggap(desk, "queue", "--limit", "5")
    assert text.returncode == 0, text.stderr
    store = LocalStore.open(desk)
    try:
        window = workstation_order(store, QueueFilter(view=QueueView.ALL, now=NOW), 5)
    finally:
        store.close()
    assert [line.split()[0] for line in text.stdout.splitlines()] == window

    bad = tanggap(desk, "queue", "--limit", "0")
    assert bad.returncode == 1
    assert "--limit" in bad.stderr and bad.stdout == ""
