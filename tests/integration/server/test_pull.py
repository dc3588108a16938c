"""Pull: keyset snapshot, incremental changes, revokes, 410, and the late-commit cursor case."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from server.db import write_unit
from server.models import MessageRow, TicketRow
from server.tickets import record_write, snapshot
from tests.helpers.live_server import LiveServer, new_op


def test_snapshot_pages_cover_the_scope_exactly_once_then_go_incremental(srv: LiveServer) -> None:
    srv.create_opd("PAGING-BWI")
    srv.create_user("petugas.paging", __import__("desktop.domain").domain.Role.OFFICER, "PAGING-BWI")
    made = {srv.intake(opd_code="PAGING-BWI", title=f"halaman {i}")["id"] for i in range(7)}
    desk = srv.login("petugas.paging")
    changes, cursor = desk.pull_all(limit=3)
    ids = [c["ticket"]["id"] for c in changes]
    assert sorted(ids) == sorted(made) and len(ids) == len(set(ids))
    # Nothing new: an empty page, the cursor stays usable.
    again, cursor2 = desk.pull_all(cursor)
    assert again == []
    late = srv.intake(opd_code="PAGING-BWI", title="datang belakangan")
    news, _ = desk.pull_all(cursor2)
    assert [c["ticket"]["id"] for c in news] == [late["id"]]
    assert news[0]["ticket"]["messages"] == []


def test_a_rahasia_ticket_reassigned_away_is_revoked_from_the_former_assignee(srv: LiveServer) -> None:
    spv = srv.login("spv.dinkes")
    t = srv.intake(confidentiality="rahasia")
    [a] = spv.push(new_op("assign", t["id"], {"assignee": "ani.dinkes"}, t["version"]))
    ani = srv.login("ani.dinkes", device_name="revoke-rahasia")
    changes, cursor = ani.pull_all()
    assert t["id"] in {c["ticket"]["id"] for c in changes if c["op"] == "upsert"}
    spv.push(new_op("assign", t["id"], {"assignee": "petugas.dinkes"}, a["ticket"]["version"]))
    later, _ = ani.pull_all(cursor)
    assert later == [{"op": "revoke", "ticket_id": t["id"]}]


def test_a_cursor_older_than_the_kept_tombstones_answers_410(srv: LiveServer) -> None:
    desk = srv.login("petugas.dishub", device_name="lama-offline")
    _, cursor = desk.pull_all()
    srv.intake(opd_code="DISHUB-BWI")
    report = srv.run_maintenance(now=datetime.now(UTC) + timedelta(minutes=1), retention_days=0)
    assert report.pruned_changes >= 1
    r = desk.get("/sync/pull", params={"cursor": cursor})
    assert r.status_code == 410 and r.json()["error"]["code"] == "cursor_expired"
    fresh, _ = desk.pull_all()  # a fresh snapshot still works
    assert fresh


def test_a_cursor_the_server_never_gave_is_400(srv: LiveServer) -> None:
    r = srv.login("petugas.dinkes").get("/sync/pull", params={"cursor": "bukan-kursor!"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_cursor"
    r = srv.login("petugas.dinkes").get("/sync/pull", params={"limit": 5000})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_field"


def test_rebuttal_window_closes_resolved_tickets(srv: LiveServer) -> None:
    spv = srv.login("spv.dinkes")
    t = srv.intake()
    [a] = spv.push(new_op("assign", t["id"], {"assignee": "petugas.dinkes"}, t["version"]))
    [s] = spv.push(new_op("set_status", t["id"], {"status": "selesai", "reason": ""}))
    assert s["ticket"]["status"] == "selesai" and s["ticket"]["resolved_at"]
    srv.run_maintenance(now=datetime.now(UTC) + timedelta(days=5))
    assert spv.get(f"/tickets/{t['tracking_no']}").json()["status"] == "selesai"
    srv.run_maintenance(now=datetime.now(UTC) + timedelta(days=11))
    closed = spv.get(f"/tickets/{t['tracking_no']}").json()
    assert closed["status"] == "ditutup" and closed["closed_at"]


def test_a_transaction_that_commits_late_is_still_pulled(srv: LiveServer, backend: str) -> None:
    if backend != "postgres":
        pytest.skip("SQLite has one writer: a second transaction cannot commit while the first is open")
    spv = srv.login("spv.dishub", device_name="late-commit")
    slow_ticket, fast_ticket = srv.intake(opd_code="DISHUB-BWI"), srv.intake(opd_code="DISHUB-BWI")
    reader = srv.login("petugas.dishub", device_name="late-commit")
    _, cursor = reader.pull_all()
    sla = srv.app.state.tanggap.sla.get()
    with write_unit(srv.engine) as unit:  # transaction A starts writing ...
        row = unit.session.get(TicketRow, slow_ticket["id"], with_for_update=True)
        assert row is not None
        before = snapshot(row)
        row.location = "Jl. Ahmad Yani (transaksi lambat)"
        record_write(unit, row, before, sla)
        unit.session.flush()
        # ... B starts and commits meanwhile ...
        [b] = spv.push(new_op("note", fast_ticket["id"], {"message_id": str(uuid.uuid4()), "body": "cepat"}))
        assert b["result"] == "applied"
        between, cursor = reader.pull_all(cursor)
        assert [c["ticket"]["id"] for c in between] == [fast_ticket["id"]]
    # ... then A commits: the next pull from the cursor taken in between still sees it.
    after, _ = reader.pull_all(cursor)
    assert [c["ticket"]["id"] for c in after] == [slow_ticket["id"]]
    assert after[0]["ticket"]["location"] == "Jl. Ahmad Yani (transaksi lambat)"


def test_a_thread_is_pulled_in_order_with_its_text_untouched(srv: LiveServer) -> None:
    """Threads are built as JSON by the database: order, time form and hostile text must survive."""
    ticket = srv.intake(opd_code="DISHUB-BWI", title="urutan pesan")
    at = datetime(2026, 3, 30, 9, 0, 0, 123456, tzinfo=UTC)
    hostile = '<script>alert("x")</script> \\ "kutip" \n\tbaris 😀 zero\u200bwidth \u0007'
    # Two messages at the same instant: ordered by id, byte by byte ("B" before "a"), as SQLite does.
    rows = [
        ("a-later-same-time", at, "pertama sama"),
        ("B-same-time", at, hostile),
        ("0-latest", at + timedelta(minutes=5), "terakhir"),
        ("z-earliest", at - timedelta(days=1), "paling awal"),
    ]
    with write_unit(srv.engine) as unit:
        for message_id, created_at, body in rows:
            unit.session.add(
                MessageRow(
                    id=message_id,
                    ticket_id=ticket["id"],
                    kind="note",
                    author="spv.dishub",
                    body=body,
                    created_at=created_at,
                    conflict=None,
                )
            )
    desk = srv.login("spv.dishub", device_name="thread-order")
    changes, _ = desk.pull_all()
    [pulled] = [c["ticket"] for c in changes if c["ticket"]["id"] == ticket["id"]]
    thread = [m for m in pulled["messages"] if m["id"] in {r[0] for r in rows}]
    assert [m["id"] for m in thread] == ["z-earliest", "B-same-time", "a-later-same-time", "0-latest"]
    assert thread[1]["body"] == hostile
    assert thread[1]["created_at"] == "2026-03-30T09:00:00.123456+00:00"
    assert thread[0]["created_at"] == "2026-03-29T09:00:00.123456+00:00"
    assert thread[1]["conflict"] is None and thread[1]["kind"] == "note"
