"""db.bulk: a first snapshot's indexes set aside and built once, duplicates folded on the way back."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from db import bulk
from desktop.store import LocalStore
from tests.helpers.store import ticket_row

INSERT = text(
    "INSERT INTO messages (id, ticket_id, kind, author, body, created_at, op_id)"
    " VALUES (:id, :t, 'reply', 'ani', :body, '2026-03-24T03:00:00.000000Z', :op)"
)


def _thread(store: LocalStore, ticket_id: str) -> list[tuple[str, str, str | None]]:
    with store.read() as s:
        rows = s.execute(
            text("SELECT id, body, op_id FROM messages WHERE ticket_id = :t ORDER BY id"), {"t": ticket_id}
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_suspended_indexes_come_back_and_ids_are_unique_again(store: LocalStore) -> None:
    ticket = ticket_row()
    with store.write() as s:
        s.add(ticket)
        s.flush()
        bulk.suspend(s.connection())
        assert not bulk.indexes_present(s.connection())
        assert not bulk.messages_unique(s.connection())
    with store.write() as s:
        bulk.resume(s.connection())
        assert bulk.indexes_present(s.connection()) and bulk.messages_unique(s.connection())
        s.execute(INSERT, {"id": "m1", "t": ticket.id, "body": "satu", "op": None})
    with pytest.raises(IntegrityError), store.write() as s:
        s.execute(INSERT, {"id": "m1", "t": ticket.id, "body": "dua", "op": None})


def test_a_message_written_twice_while_set_aside_is_kept_once(store: LocalStore) -> None:
    ticket = ticket_row()
    with store.write() as s:
        s.add(ticket)
        s.flush()
        bulk.suspend(s.connection())
        # The officer's unsent reply, then the server's copy of it; an older and newer server row.
        s.execute(INSERT, {"id": "mine", "t": ticket.id, "body": "balasan saya", "op": "op-1"})
        s.execute(INSERT, {"id": "mine", "t": ticket.id, "body": "balasan saya", "op": None})
        s.execute(INSERT, {"id": "srv", "t": ticket.id, "body": "lama", "op": None})
        s.execute(INSERT, {"id": "srv", "t": ticket.id, "body": "baru", "op": None})
        s.execute(INSERT, {"id": "solo", "t": ticket.id, "body": "sendiri", "op": None})
    with store.write() as s:
        bulk.resume(s.connection())
        assert bulk.indexes_present(s.connection())
    assert _thread(store, ticket.id) == [
        ("mine", "balasan saya", "op-1"),  # still shown as waiting to be sent
        ("solo", "sendiri", None),
        ("srv", "baru", None),
    ]
