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
