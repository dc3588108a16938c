"""Push: exactly once, conflict rules, blocking, walk-ins, transfers."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.domain import desk_tracking_no
from tests.helpers.live_server import LiveServer, new_op, served


def reply(
    ticket: dict[str, Any], body: str = "Terima kasih, laporan kami terima.", kind: str = "reply"
) -> dict[str, Any]:
    return new_op(kind, ticket["id"], {"message_id": str(uuid.uuid4()), "body": body}, ticket["version"])


def bodies(ticket: dict[str, Any], kind: str) -> list[str]:
    return [m["body"] for m in ticket["messages"] if m["kind"] == kind]


def whole(desk: Any, result: dict[str, Any]) -> dict[str, Any]:
    """The ticket of a push result with its thread (a result carries only the ticket's state)."""
    assert "messages" not in result["ticket"]  # PROTOCOL.md second stage: no whole threads in results
    r = desk.get(f"/tickets/{result['ticket']['tracking_no']}")
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def test_the_same_op_twice_applies_once(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes")
    t = srv.intake()
    op = reply(t, "Balasan yang dikirim dua kali")
    [first] = desk.push(op)
    [second] = desk.push(op)
    assert first["result"] == "applied" and first["reason"] is None
    assert second["result"] == "duplicate" and second["first_result"] == "applied"
    assert bodies(whole(desk, second), "reply") == ["Balasan yang dikirim dua kali"]
    assert second["ticket"]["first_response_at"] is not None


def test_a_resend_a_year_later_after_maintenance_is_still_a_duplicate(backend: str, tmp_path: Path) -> None:
    # Its own server: a year of maintenance also ends every token and closes resolved tickets.
    with served(backend, tmp_path) as own:
        desk = own.login("petugas.dinkes")
        t = own.intake()
        op = reply(t, "Balasan yang menunggu setahun")
        [first] = desk.push(op)
        # The desk's answer was lost (a crash, or a year in a drawer); the server maintains itself.
        own.run_maintenance(now=datetime.now(UTC) + timedelta(days=400), retention_days=30)
        later = own.login("petugas.dinkes")  # the old token has expired meanwhile
        [again] = later.push(op)
        shown = whole(later, again)
    assert first["result"] == "applied"
    assert again["result"] == "duplicate" and again["first_result"] == "applied"
    assert bodies(shown, "reply") == ["Balasan yang menunggu setahun"]


def test_the_same_batch_twice_concurrently_applies_each_op_once(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes", device_name="dua-utas")
    tickets = [srv.intake() for _ in range(3)]
    ops = [reply(t, f"balasan {i}-{j}") for i, t in enumerate(tickets) for j in range(4)]
    results: list[list[dict[str, Any]]] = []
    barrier = threading.Barrier(2)

    def send() -> None:
        client = srv.http(desk.token)
        barrier.wait()
        r = client.post("sync/push", json={"ops": ops})
        assert r.status_code == 200, r.text
        results.append(r.json()["results"])

    threads = [threading.Thread(target=send) for _ in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(results) == 2
    for i in range(len(ops)):
        got = sorted(results[k][i]["result"] for k in range(2))
        assert got == ["applied", "duplicate"], got
    for i, t in enumerate(tickets):
        shown = desk.get(f"/tickets/{t['tracking_no']}").json()
        assert sorted(bodies(shown, "reply")) == [f"balasan {i}-{j}" for j in range(4)]


def test_an_op_id_from_another_desk_is_rejected(srv: LiveServer) -> None:
    t = srv.intake()
    op = reply(t)
    assert srv.login("petugas.dinkes", device_name="meja-a").push(op)[0]["result"] == "applied"
    [res] = srv.login("ani.dinkes", device_name="meja-b").push(op)
    assert res["result"] == "rejected" and res["reason"]["code"] == "op_id_reused"


def test_a_rejected_op_blocks_later_ops_on_that_ticket_only(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes")
    t1, t2 = srv.intake(), srv.intake()
    results = desk.push(
        new_op("teleport", t1["id"], {}),
        reply(t1, "setelah op yang ditolak"),
        reply(t2, "tiket lain jalan terus"),
    )
    assert [r["result"] for r in results] == ["rejected", "blocked", "applied"]
    assert results[0]["reason"]["code"] == "unknown_op_type"
    assert results[1]["reason"]["code"] == "blocked"
    # A resend of the blocked op later (after the user saw it) is applied.
    again = desk.push(reply(t1, "dikirim ulang"))
    assert again[0]["result"] == "applied"


def test_a_reply_to_a_closed_ticket_is_kept_and_flagged(srv: LiveServer) -> None:
    spv = srv.login("spv.dinkes")
    t = srv.intake()
    [r] = spv.push(
        new_op("set_status", t["id"], {"status": "ditolak", "reason": "Bukan pengaduan"}, t["version"])
    )
    assert r["result"] == "applied"
    late = srv.login("petugas.dinkes")
    [res] = late.push(reply(t, "Balasan yang terlambat"))
    assert res["result"] == "conflict" and res["reason"]["code"] == "ticket_closed"
    [msg] = [m for m in whole(late, res)["messages"] if m["kind"] == "reply"]
    assert msg["body"] == "Balasan yang terlambat" and msg["conflict"] == "ticket_closed"


def test_a_reply_after_reassignment_is_kept_and_flagged(srv: LiveServer) -> None:
    spv = srv.login("spv.dinkes")
    t = srv.intake()
    [a] = spv.push(new_op("assign", t["id"], {"assignee": "ani.dinkes"}, t["version"]))
    seen_by_ani = a["ticket"]
    [b] = spv.push(new_op("assign", t["id"], {"assignee": "petugas.dinkes"}, seen_by_ani["version"]))
    assert b["result"] == "applied"
    ani = srv.login("ani.dinkes")
    [res] = ani.push(reply(seen_by_ani, "Saya cek ke lapangan"))
    assert res["result"] == "conflict" and res["reason"]["code"] == "ticket_reassigned"
    assert [m["conflict"] for m in whole(ani, res)["messages"] if m["kind"] == "reply"] == [
        "ticket_reassigned"
    ]


def test_a_note_on_a_rahasia_ticket_reassigned_away_is_kept_though_no_longer_visible(srv: LiveServer) -> None:
    spv = srv.login("spv.dinkes")
    t = srv.intake(confidentiality="rahasia")
    [a] = spv.push(new_op("assign", t["id"], {"assignee": "ani.dinkes"}, t["version"]))
    [b] = spv.push(new_op("assign", t["id"], {"assignee": "petugas.dinkes"}, a["ticket"]["version"]))
    [res] = srv.login("ani.dinkes").push(reply(a["ticket"], "Catatan internal", kind="note"))
    assert res["result"] == "conflict" and res["reason"]["code"] == "ticket_reassigned"
    assert res["ticket"] is None
    shown = spv.get(f"/tickets/{t['tracking_no']}").json()
    assert bodies(shown, "note") == ["Catatan internal"]


def test_status_changes_follow_the_workflow_table(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes")
    t = srv.intake()
    [bad] = desk.push(new_op("set_status", t["id"], {"status": "selesai", "reason": ""}, t["version"]))
    assert bad["result"] == "rejected" and bad["reason"]["code"] == "invalid_transition"
    [no_reason] = desk.push(new_op("set_status", t["id"], {"status": "ditolak", "reason": " "}, t["version"]))
    assert no_reason["result"] == "rejected" and no_reason["reason"]["code"] == "reason_required"
    [ok] = desk.push(new_op("set_status", t["id"], {"status": "terverifikasi", "reason": ""}, t["version"]))
    assert ok["result"] == "applied"
    ticket = ok["ticket"]
    assert ticket["status"] == "terverifikasi" and ticket["verified_at"] is not None
    assert ticket["version"] == t["version"] + 1
    events = [m["body"] for m in whole(srv.login("admin"), ok)["messages"] if m["kind"] == "event"]
    assert events == ["Status: baru → terverifikasi"]


def test_waiting_for_the_citizen_pauses_and_resuming_keeps_the_tally(srv: LiveServer) -> None:
    spv = srv.login("spv.dinkes")
    t = srv.intake()
    [a] = spv.push(new_op("assign", t["id"], {"assignee": "petugas.dinkes"}, t["version"]))
    assert (
        a["ticket"]["status"] == "didisposisi" and a["ticket"]["assigned_at"] and a["ticket"]["verified_at"]
    )
    desk = srv.login("petugas.dinkes")
    [p] = desk.push(
        new_op("set_status", t["id"], {"status": "menunggu_pelapor", "reason": "Minta foto lokasi"})
    )
    assert p["ticket"]["paused_since"] is not None
    [r] = desk.push(new_op("set_status", t["id"], {"status": "ditindaklanjuti", "reason": ""}))
    assert r["ticket"]["paused_since"] is None and r["ticket"]["paused_seconds"] >= 0
    assert r["ticket"]["followed_up_at"] is not None


def test_assign_is_compare_and_set_and_supervisors_only(srv: LiveServer) -> None:
    t = srv.intake()
    one, two = srv.login("spv.dinkes"), srv.login("spv2.dinkes")
    [first] = one.push(new_op("assign", t["id"], {"assignee": "ani.dinkes"}, t["version"]))
    [second] = two.push(new_op("assign", t["id"], {"assignee": "petugas.dinkes"}, t["version"]))
    assert first["result"] == "applied"
    assert second["result"] == "conflict" and second["reason"]["code"] == "version_mismatch"
    assert second["ticket"]["assignee"] == "ani.dinkes"
    [officer] = srv.login("petugas.dinkes").push(
        new_op("assign", t["id"], {"assignee": "petugas.dinkes"}, 99)
    )
    assert officer["result"] == "rejected" and officer["reason"]["code"] == "forbidden"
    [outside] = srv.login("spv.dishub").push(new_op("assign", t["id"], {"assignee": "petugas.dishub"}, 2))
    assert outside["result"] == "rejected" and outside["reason"]["code"] == "not_found"


def test_transfer_moves_the_ticket_and_revokes_it_from_the_old_desks(srv: LiveServer) -> None:
    t = srv.intake(title="Lampu lalu lintas mati")
    old_desk, new_desk = (
        srv.login("petugas.dinkes", device_name="revoke"),
        srv.login("petugas.dishub", device_name="revoke"),
    )
    _, old_cursor = old_desk.pull_all()
    _, new_cursor = new_desk.pull_all()
    [res] = srv.login("spv.dinkes").push(
        new_op("transfer", t["id"], {"opd_code": "DISHUB-BWI", "reason": "Wewenang Dishub"}, t["version"])
    )
    assert res["result"] == "applied" and res["ticket"] is None  # no longer visible to the sender
    old_changes, _ = old_desk.pull_all(old_cursor)
    assert {"op": "revoke", "ticket_id": t["id"]} in old_changes
    new_changes, _ = new_desk.pull_all(new_cursor)
    [moved] = [c["ticket"] for c in new_changes if c["op"] == "upsert" and c["ticket"]["id"] == t["id"]]
    assert moved["opd_code"] == "DISHUB-BWI" and moved["status"] == "baru" and moved["assignee"] is None
    assert any("DINKES-BWI → DISHUB-BWI" in m["body"] for m in moved["messages"] if m["kind"] == "event")
    assert old_desk.get(f"/tickets/{t['tracking_no']}").status_code == 404


def test_walk_in_created_offline_keeps_the_desks_tracking_number(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes", device_name="loket")
    ticket_id = str(uuid.uuid4())
    now = datetime.now(UTC)
    tracking_no = desk_tracking_no("DINKES-BWI", now, desk.desk_code, 7)
    payload = {
        "ticket": {
            "id": ticket_id,
            "tracking_no": tracking_no,
            "channel": "walk_in",
            "confidentiality": "public",
            "reporter": {"name": "Pak Slamet", "contact": "0812"},
            "title": "Obat kosong",
            "body": "<script>alert(1)</script> Obat di apotek puskesmas kosong 😡",
            "category_code": "KES-LAYANAN",
            "location": "Genteng",
            "received_at": now.isoformat(),
        }
    }
    [res] = desk.push(new_op("create_ticket", ticket_id, payload))
    assert res["result"] == "applied", res
    assert res["ticket"]["tracking_no"] == tracking_no
    assert whole(srv.login("admin"), res)["body"].startswith("<script>")  # stored as plain text, as sent
    assert res["ticket"]["deadlines"]["verification"] is not None
    other_id = str(uuid.uuid4())
    taken = {"ticket": dict(payload["ticket"], id=other_id)}
    [dup] = desk.push(new_op("create_ticket", other_id, taken))
    assert dup["result"] == "rejected" and dup["reason"]["code"] == "tracking_no_taken"
    foreign_id = str(uuid.uuid4())
    foreign = {
        "ticket": dict(
            payload["ticket"],
            id=foreign_id,
            tracking_no=desk_tracking_no("DISHUB-BWI", now, desk.desk_code, 8),
        )
    }
    [bad] = desk.push(new_op("create_ticket", foreign_id, foreign))
    assert bad["result"] == "rejected" and bad["reason"]["code"] == "invalid_tracking_no"


def test_ops_on_unknown_tickets_and_bad_payloads_are_rejected(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes")
    [missing] = desk.push(new_op("note", str(uuid.uuid4()), {"message_id": str(uuid.uuid4()), "body": "x"}))
    assert missing["result"] == "rejected" and missing["reason"]["code"] == "not_found"
    t = srv.intake()
    [bad] = desk.push(new_op("reply", t["id"], {"message_id": "not-a-uuid", "body": "x", "extra": 1}))
    assert bad["result"] == "rejected" and bad["reason"]["code"] == "invalid_payload"
