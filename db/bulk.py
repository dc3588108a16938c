"""Loading a first snapshot into an empty store: build the indexes once at the end, not per row.

A snapshot of 100,000 tickets brings about 800,000 messages. Keeping the queue indexes, the
message indexes (the unique one on random UUID ids above all) and the search index up to date
row by row costs more than writing the rows; building each once over the finished tables costs
a fraction of that. ``suspend`` drops them (in the caller's transaction) and ``resume`` builds
them again; both are idempotent, so a snapshot interrupted half-way is finished by the next
sync, which calls ``resume`` if needed. While ``ux_messages_id`` is away, messages are inserted
rather than upserted (``messages_unique``); ``resume`` folds any duplicate that slipped in.
The tickets' keys stay in place throughout: a ticket is always upserted.
"""

from __future__ import annotations

import os
from typing import cast

from sqlalchemy import Connection, Index, Table, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.schema import CreateIndex

from db import models, search

MESSAGES_UNIQUE = "ux_messages_id"
# Every index the models declare on the tables a snapshot fills.
DEFERRED_INDEXES: tuple[Index, ...] = tuple(
    index
    for table in (cast(Table, models.Ticket.__table__), cast(Table, models.Message.__table__))
    for index in sorted(table.indexes, key=lambda i: str(i.name))
)
# Of several rows with one message id (a ticket delivered twice while the index was away), the
# unsent one (op_id set) if any, else the last written.
_FOLD_DUPLICATE_MESSAGES = text(
    "DELETE FROM messages WHERE rowid NOT IN ("
    " SELECT coalesce(max(CASE WHEN op_id IS NOT NULL THEN rowid END), max(rowid)) FROM messages GROUP BY id)"
)


def suspend(conn: Connection) -> None:
    search.suspend_triggers(conn)
    for index in DEFERRED_INDEXES:
        conn.execute(text(f"DROP INDEX IF EXISTS {index.name}"))


def resume(conn: Connection) -> None:
    """Build every deferred index that is missing, then the search index (idempotent)."""
    # Index builds sort; SQLite may sort with helper threads (a quarter less time on 2 cores).
    conn.exec_driver_sql(f"PRAGMA threads = {min(4, os.cpu_count() or 1)}")
    try:
        for index in DEFERRED_INDEXES:
            if index.unique:
                _create_unique(conn, index)
            else:
                conn.execute(CreateIndex(index, if_not_exists=True))
        search.resume_triggers(conn)
    finally:
        conn.exec_driver_sql("PRAGMA threads = 0")


def _create_unique(conn: Connection, index: Index) -> None:
    savepoint = conn.begin_nested()
    try:
        conn.execute(CreateIndex(index, if_not_exists=True))
        savepoint.commit()
    except IntegrityError:
        savepoint.rollback()
        conn.execute(_FOLD_DUPLICATE_MESSAGES)
        conn.execute(CreateIndex(index, if_not_exists=True))


def messages_unique(conn: Connection) -> bool:
    """Whether message ids are unique by index now (upsert them), or set aside by a snapshot (insert)."""
    found = conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = :name"), {"name": MESSAGES_UNIQUE}
    ).first()
    return found is not None


def indexes_present(conn: Connection) -> bool:
    names = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars())
    return {str(i.name) for i in DEFERRED_INDEXES} <= names and search.triggers_present(conn)
