"""Engines, write transactions and the commit-ordered change-log sequence."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from server.models import ChangeLogRow, SeqCounterRow

DATABASE_URL_ENV = "TANGGAP_DATABASE_URL"


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("tanggap-server", appauthor=False))


def default_database_url() -> str:
    url = os.environ.get(DATABASE_URL_ENV)
    if url:
        return url
    folder = default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'tanggap-server.sqlite3'}"


def normalise_url(url: str) -> str:
    """Accept plain ``postgresql://`` URLs and send them through psycopg 3."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def make_engine(url: str, *, pool_size: int = 5, max_overflow: int = 15) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        database = sa.engine.make_url(url).database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            # Let SQLAlchemy's "begin" hook below issue BEGIN itself (pysqlite's own is deferred).
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: sa.Connection) -> None:
            # A write transaction takes the write lock up front: a read lock upgraded later
            # fails at once with SQLITE_BUSY instead of waiting.
            immediate = conn.get_execution_options().get("tanggap_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    return sa.create_engine(
        url,
        # Sessions in UTC: the raw datetimes the pull path passes to orjson carry +00:00.
        connect_args={"options": "-c timezone=UTC"},
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_pre_ping=True,
        pool_recycle=1800,
    )


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class PendingChange:
    ticket_id: str
    version: int
    opd_before: str | None
    opd_after: str
    assignee_before: str | None
    assignee_after: str | None
    conf_before: str | None
    conf_after: str


@dataclass
class WriteUnit:
    """A write transaction that appends its change-log rows last, with seqs in commit order."""

    session: Session
    changes: list[PendingChange] = field(default_factory=list)

    def record(self, change: PendingChange) -> None:
        self.changes.append(change)

    def flush_changes(self) -> list[int]:
        if not self.changes:
            return []
        count = len(self.changes)
        # The row lock on the counter is held until commit, so a later committer gets a
        # higher seq: no pull can see seq n+1 before seq n is committed.
        new_value = self.session.execute(
            sa.update(SeqCounterRow)
            .where(SeqCounterRow.id == 1)
            .values(value=SeqCounterRow.value + count)
            .returning(SeqCounterRow.value)
        ).scalar_one()
        first = new_value - count + 1
        now = utcnow()
        seqs = list(range(first, new_value + 1))
        self.session.execute(
            sa.insert(ChangeLogRow),
            [
                {
                    "seq": seq,
                    "ticket_id": c.ticket_id,
                    "version": c.version,
                    "opd_before": c.opd_before,
                    "opd_after": c.opd_after,
                    "assignee_before": c.assignee_before,
                    "assignee_after": c.assignee_after,
                    "conf_before": c.conf_before,
                    "conf_after": c.conf_after,
                    "created_at": now,
                }
                for seq, c in zip(seqs, self.changes, strict=True)
            ],
        )
        self.changes.clear()
        return seqs


@contextmanager
def write_unit(engine: Engine) -> Iterator[WriteUnit]:
    """One write transaction: commit on success (change log last), roll back on any error."""
    with Session(engine.execution_options(tanggap_write=True), expire_on_commit=False) as session:
        unit = WriteUnit(session)
        try:
            yield unit
            session.flush()
            unit.flush_changes()
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
        finally:
            session.rollback()
