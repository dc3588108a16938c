"""What a pushed reply or note leaves in the server's database (the plain-SQL path of push).

Replies and notes skip the ORM: these check that what they write reads back through the
models exactly as an ORM write would have left it, and that a rejected one leaves nothing
but its processed_ops row.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from server.db import read_session
from server.models import ChangeLogRow, MessageRow, ProcessedOpRow, TicketRow
from server.sla_service import load_sla_directory
from tests.helpers.live_server import LiveServer, new_op


def _message_op(
    kind: str, ticket: dict[str, Any], body: str, message_id: str | None = None
) -> dict[str, Any]:
    payload = {"message_id": message_id or str(uuid.uuid4()), "body": body}
    return new_op(kind, ticket["id"], payload, ticket["version"])


def test_a_pushed_reply_reads_back_through_the_models_with_its_deadlines_and_log_entry(
    srv: LiveServer,
) -> None:
    desk = srv.login("petugas.dinkes", device_name="meja-simpan")
    t = srv.intake()
    before = datetime.now(UTC)
    [res] = desk.push(_message_op("reply", t, "  Laporan sedang kami tindak lanjuti.  "))
    after = datetime.now(UTC)
    assert res["result"] == "applied"
    assert res["ticket"]["version"] == t["version"] + 1
    with read_session(srv.engine) as s:
        ticket = s.get(TicketRow, t["id"])
        assert ticket is not None
        [reply] = [m for m in s.query(MessageRow).filter_by(ticket_id=t["id"]) if m.kind == "reply"]
        assert reply.body == "Laporan sedang kami tindak lanjuti."
        assert reply.author == "petugas.dinkes" and reply.conflict is None
        assert reply.created_at.tzinfo is not None and before <= reply.created_at <= after
        assert ticket.first_response_at == reply.created_at
        # The deadlines are what the SLA engine gives for the row as it now stands.
        expected = load_sla_directory(s).deadlines(ticket)
        assert (
            ticket.deadline_verification,
            ticket.deadline_first_response,
            ticket.deadline_follow_up,
            ticket.deadline_resolution,
        ) == (expected.verification, expected.first_response, expected.follow_up, expected.resolution)
        [entry] = s.query(ChangeLogRow).filter_by(ticket_id=t["id"], version=ticket.version).all()
        assert (entry.opd_before, entry.opd_after) == (ticket.opd_code, ticket.opd_code)
        counter = s.execute(sa.text("SELECT value FROM seq_counter WHERE id = 1")).scalar_one()
        assert entry.seq <= counter
        done = s.get(ProcessedOpRow, res["op_id"])
        assert done is not None and done.result == "applied" and done.ticket_id == t["id"]
        if srv.engine.dialect.name == "sqlite":
            # Stored as SQLAlchemy stores datetimes, so text comparisons and ORDER BY stay right.
            stored = s.execute(sa.text("SELECT created_at FROM messages WHERE id = :id"), {"id": reply.id})
            assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", stored.scalar_one())


def test_a_second_reply_keeps_the_first_response_time_and_a_note_is_not_a_response(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes", device_name="meja-respons")
    t = srv.intake()
    [note] = desk.push(_message_op("note", t, "Catatan internal dulu."))
    assert note["result"] == "applied" and note["ticket"]["first_response_at"] is None
    [first] = desk.push(_message_op("reply", note["ticket"], "Balasan pertama."))
    [second] = desk.push(_message_op("reply", first["ticket"], "Balasan kedua."))
    assert first["ticket"]["first_response_at"] is not None
    assert second["ticket"]["first_response_at"] == first["ticket"]["first_response_at"]
    assert second["ticket"]["version"] == t["version"] + 3
    shown = desk.get(f"/tickets/{t['tracking_no']}").json()
    assert [m["body"] for m in shown["messages"] if m["kind"] != "event"][-3:] == [
        "Catatan internal dulu.",
        "Balasan pertama.",
        "Balasan kedua.",
    ]


def test_a_rejected_reply_writes_only_its_answer_and_a_resend_gets_that_answer(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes", device_name="meja-tolak")
    t = srv.intake()
    taken = str(uuid.uuid4())
    [ok] = desk.push(_message_op("reply", t, "Pesan pertama.", message_id=taken))
    assert ok["result"] == "applied"
    with read_session(srv.engine) as s:
        log_rows = s.query(ChangeLogRow).filter_by(ticket_id=t["id"]).count()
    reused = _message_op("note", ok["ticket"], "Pesan dengan ID yang sama.", message_id=taken)
    later = _message_op("reply", ok["ticket"], "Balasan sesudah yang ditolak.")
    [rejected, held] = desk.push(reused, later)
    assert rejected["result"] == "rejected" and rejected["reason"]["code"] == "message_id_reused"
    assert held["result"] == "blocked"  # a later op on a ticket whose op was rejected
    [again] = desk.push(reused)
    assert again["result"] == "duplicate" and again["first_result"] == "rejected"
    assert again["reason"]["code"] == "message_id_reused"
    assert again["ticket"]["version"] == ok["ticket"]["version"]
    with read_session(srv.engine) as s:
        ticket = s.get(TicketRow, t["id"])
        assert ticket is not None and ticket.version == ok["ticket"]["version"]
        assert s.query(ChangeLogRow).filter_by(ticket_id=t["id"]).count() == log_rows
        assert s.query(MessageRow).filter_by(body="Pesan dengan ID yang sama.").count() == 0
        done = s.get(ProcessedOpRow, reused["op_id"])
        assert done is not None and done.result == "rejected"
        assert done.processed_at.tzinfo is not None
        assert abs(done.processed_at - datetime.now(UTC)) < timedelta(minutes=5)
