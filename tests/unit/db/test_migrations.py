"""Migrations: an empty file goes to head and back, and an old store keeps its rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import inspect, text

from db import migrate, models
from db.engine import create_store_engine, unit_of_work
from desktop.store import LocalStore
from tests.helpers.store import ticket_row


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_upgrade_downgrade_upgrade_on_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    engine = create_store_engine(path)
    migrate.upgrade(engine)
    head = migrate.head_revision(engine)
    assert head == migrate.HEAD  # the shortcut that skips Alembic when the store is current
    assert migrate.current_revision(engine) == head
    assert {"tickets", "messages", "outbox", "sync_state", "sync_notices", "tickets_fts"} <= tables(path)

    migrate.downgrade(engine, "base")
    assert migrate.current_revision(engine) is None
    assert tables(path) <= {"alembic_version"}

    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == head
    queue_index = {ix["name"] for ix in inspect(engine).get_indexes("tickets")}
    assert "ix_tickets_queue" in queue_index
    engine.dispose()


def test_store_written_by_first_migration_is_upgraded_without_losing_rows(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    path = data_dir / "tanggap.sqlite3"
    engine = create_store_engine(path)
    migrate.upgrade(engine, "0001")
    row = ticket_row(tracking_no="DINKES-BWI-2603-00001", title="Jalan berlubang di Genteng")
    table = models.Ticket.__table__
    at_0001 = {c["name"] for c in inspect(engine).get_columns("tickets")}  # later columns are not there yet
    with unit_of_work(engine) as session:
        session.execute(
            table.insert().values(
                {
                    c.name: getattr(row, c.key)
                    for c in table.columns
                    if c.name in at_0001 and c.key in vars(row)
                }
            )
        )
        session.execute(
            text(
                "INSERT INTO outbox (op_id, seq, type, ticket_id, tracking_no, base_version, created_at,"
                " payload, state, attempts) VALUES ('op-1', 1, 'reply', 't', 'DINKES-BWI-2603-00001', 1,"
                " '2026-03-24T03:00:00.000000Z', '{\"body\": \"Terima kasih\"}', 'pending', 0)"
            )
        )
    engine.dispose()

    store = LocalStore.open(data_dir)  # start-up upgrades to head
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision(store.engine)
        with store.read() as session:
            title = session.execute(text("SELECT title FROM tickets")).scalar_one()
            pending = session.execute(text("SELECT state, payload FROM outbox")).one()
            found = session.execute(
                text("SELECT tracking_no FROM tickets_fts WHERE tickets_fts MATCH 'berlubang'")
            ).scalar_one()
        assert title == "Jalan berlubang di Genteng"
        assert pending == ("pending", '{"body": "Terima kasih"}')
        assert found == "DINKES-BWI-2603-00001"  # rows from before the search index are searchable
        backups = list((data_dir / "backups").glob("*.sqlite3"))
        assert [b.name for b in backups] == ["tanggap.before-0001.sqlite3"]
    finally:
        store.close()


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    """A model changed without a migration would lose data on every desk that upgrades."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from db.models import Base

    engine = create_store_engine(tmp_path / "store.sqlite3")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": migrate.include_object, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()
