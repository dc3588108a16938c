"""A server row that collides with a local row becomes a notice, never a crash (issue 15, finding 2)."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from db import models
from desktop.store import LocalStore
from desktop.sync import apply
from tests.unit.desktop.sync.test_apply import T0, server_ticket


def test_a_server_ticket_with_a_local_tracking_number_is_set_aside_with_one_notice(store: LocalStore) -> None:
    mine = server_ticket(tracking_no="DINKES-BWI-2603-K7Q-0001", title="Walk-in saya")
    with store.write() as s:
        apply.apply_page(s, [{"op": "upsert", "ticket": mine}], T0)
    # Another desk's ticket carrying the same number, beside an ordinary one, in one page.
    intruder = server_ticket(tracking_no=mine["tracking_no"], title="Tiket desk lain")
    ordinary = server_ticket(
        messages=[
            {
                "id": str(uuid.uuid4()),
                "kind": "note",
                "author": "ani",
                "body": "catatan",
                "created_at": T0.isoformat(),
            }
        ]
    )
    page = [{"op": "upsert", "ticket": intruder}, {"op": "upsert", "ticket": ordinary}]
    for _ in range(2):  # the next pull brings it again: still one notice
        with store.write() as s:
            touched, _revoked = apply.apply_page(s, page, T0)
    assert ordinary["id"] in touched and intruder["id"] not in touched
    with store.read() as s:
        rows = {t.id: t for t in s.scalars(select(models.Ticket))}
        notices = list(s.scalars(select(models.SyncNotice)))
        notes = list(s.scalars(select(models.Message).where(models.Message.ticket_id == ordinary["id"])))
    assert rows[mine["id"]].title == "Walk-in saya", "the local ticket is untouched"
    assert intruder["id"] not in rows
    assert ordinary["id"] in rows and len(notes) == 1
    assert [(n.code, n.ticket_id, n.tracking_no) for n in notices] == [
        ("server_row_collision", intruder["id"], mine["tracking_no"])
    ]
    assert mine["tracking_no"] in notices[0].message and notices[0].acknowledged_at is None


def test_a_push_result_row_with_a_local_tracking_number_becomes_a_notice_not_a_crash(
    store: LocalStore,
) -> None:
    from desktop import domain as d
    from desktop.sync import outbox
    from desktop.sync.engine import record_results

    mine = server_ticket(tracking_no="DINKES-BWI-2603-K7Q-0002", title="Walk-in saya")
    other = server_ticket(title="Tiket yang dibalas")
    with store.write() as s:
        apply.apply_page(s, [{"op": "upsert", "ticket": mine}, {"op": "upsert", "ticket": other}], T0)
    with store.write() as s:
        ticket = s.get(models.Ticket, other["id"])
        assert ticket is not None
        payload = {"message_id": str(uuid.uuid4()), "body": "Sedang kami periksa."}
        op_id = outbox.enqueue(s, op_type=d.OpType.NOTE, ticket=ticket, payload=payload, now=T0).op_id
    # An older server answers with the whole ticket, now numbered like the local walk-in.
    answered = server_ticket(
        id=other["id"], tracking_no=mine["tracking_no"], title="Tiket desk lain", version=2
    )
    for _ in range(2):  # a resend's answer brings it again: still one notice
        with store.write() as s:
            applied, attention, _touched = record_results(
                s, [{"op_id": op_id, "result": "applied", "ticket": answered}], T0
            )
        assert (applied, attention) == (1, 1)
    with store.read() as s:
        rows = {t.id: t for t in s.scalars(select(models.Ticket))}
        notices = list(s.scalars(select(models.SyncNotice)))
        op = s.get(models.OutboxOp, op_id)
    assert rows[mine["id"]].title == "Walk-in saya", "the local ticket is untouched"
    assert (rows[other["id"]].tracking_no, rows[other["id"]].title) == (
        other["tracking_no"],
        "Tiket yang dibalas",
    )
    assert op is not None and op.state == "applied"
    assert [(n.code, n.ticket_id, n.tracking_no, n.acknowledged_at) for n in notices] == [
        ("server_row_collision", other["id"], mine["tracking_no"], None)
    ]
