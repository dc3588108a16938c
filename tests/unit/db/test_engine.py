"""The engine factory and the unit of work."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text

from db import models
from db.engine import StoreReadOnlyError, create_store_engine, unit_of_work
from desktop.store import LocalStore
from tests.helpers.store import ticket_row


def test_pragmas_make_writes_durable(tmp_path: Path) -> None:
    engine = create_store_engine(tmp_path / "s.sqlite3")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    engine.dispose()


def test_bulk_writes_skip_fsync_and_the_next_write_is_durable_again(store: LocalStore) -> None:
    def levels(durable: bool) -> tuple[int, int]:
        with unit_of_work(store.engine, durable=durable) as session:
            return (
                session.execute(text("PRAGMA synchronous")).scalar_one(),
                session.execute(text("PRAGMA wal_autocheckpoint")).scalar_one(),
            )

    assert levels(durable=False) == (1, 16384)  # NORMAL: a first snapshot's pages can be fetched again
    assert levels(durable=True) == (2, 1000)  # FULL: an officer's reply survives a power cut
    assert levels(durable=True) == (2, 1000)


def test_unit_of_work_rolls_back_everything_on_error(store: LocalStore) -> None:
    with pytest.raises(RuntimeError), store.write() as session:
        session.add(ticket_row(tracking_no="DINKES-BWI-2603-00007"))
        session.flush()
        raise RuntimeError("crash between the effect and the outbox row")
    with store.read() as session:
        assert session.scalar(select(models.Ticket.id)) is None


def test_datetimes_come_back_aware_in_utc(store: LocalStore) -> None:
    wib = datetime.fromisoformat("2026-03-30T16:00:00+07:00")
    with store.write() as session:
        session.add(ticket_row(received_at=wib))
    with store.read() as session:
        received = session.scalar(select(models.Ticket.received_at))
    assert received == wib and received.tzinfo is UTC


def test_naive_datetime_is_refused(store: LocalStore) -> None:
    with pytest.raises(Exception, match="naive datetime"), store.write() as session:
        session.add(ticket_row(received_at=datetime(2026, 3, 30, 16, 0)))


def test_foreign_keys_are_enforced(store: LocalStore) -> None:
    with pytest.raises(Exception, match="FOREIGN KEY"), store.write() as session:
        session.execute(
            text(
                "INSERT INTO messages (id, ticket_id, kind, author, body, created_at)"
                " VALUES ('m', 'no-such-ticket', 'note', 'x', 'y', '2026-01-01T00:00:00.000000Z')"
            )
        )


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_gives_a_clear_error(data_dir: Path) -> None:  # pragma: no cover - CI is root
    store = LocalStore.open(data_dir)
    store.close()
    for p in [data_dir, *data_dir.iterdir()]:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        engine = create_store_engine(data_dir / "tanggap.sqlite3")
        with pytest.raises(StoreReadOnlyError, match="tidak dapat ditulisi"), unit_of_work(engine) as session:
            session.add(ticket_row())
    finally:
        for p in [data_dir, *data_dir.iterdir()]:
            p.chmod(0o755 if p.is_dir() else 0o644)
