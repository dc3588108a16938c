"""Loading a first snapshot into an empty store: build the indexes once at the end, not per row.

A snapshot of 100,000 tickets brings about 800,000 messages. Keeping the queue indexes, the
thread index and the search index up to date row by row costs more than writing the rows;
building each once over the finished tables costs a fraction of that. ``suspend`` drops them
(in the caller's transaction) and ``resume`` builds them again; both are idempotent, so a
snapshot interrupted half-way is finished by the next sync, which calls ``resume`` if needed.
Unique constraints stay in place throughout: they are what keeps a page applied twice harmless.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import Connection, Index, Table, text
from sqlalchemy.schema import CreateIndex

from db import models, search

# The plain (non-unique) indexes of the tables a snapshot fills, as the models declare them.
DEFERRED_INDEXES: tuple[Index, ...] = tuple(
    index
    for table in (cast(Table, models.Ticket.__table__), cast(Table, models.Message.__table__))
    for index in sorted(table.indexes, key=lambda i: str(i.name))
    if not index.unique
)


def suspend(conn: Connection) -> None:
    search.suspend_triggers(conn)
    for index in DEFERRED_INDEXES:
        conn.execute(text(f"DROP INDEX IF EXISTS {index.name}"))


def resume(conn: Connection) -> None:
    """Build every deferred index that is missing, then the search index (idempotent)."""
    for index in DEFERRED_INDEXES:
        conn.execute(CreateIndex(index, if_not_exists=True))
    search.resume_triggers(conn)


def indexes_present(conn: Connection) -> bool:
    names = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars())
    return {str(i.name) for i in DEFERRED_INDEXES} <= names and search.triggers_present(conn)
