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
            # A pull reads messages all over the file: map it and keep a bigger page cache.
            cursor.execute("PRAGMA mmap_size=1073741824")
            cursor.execute("PRAGMA cache_size=-32768")
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


# The counter row's lock is held until commit, so a later committer gets a higher seq: no pull
# can see seq n+1 before seq n is committed. One statement takes that lock and writes the log rows.
_PG_LOG_INSERT = (
    "WITH counter AS (UPDATE seq_counter SET value = value + %(count)s WHERE id = 1 RETURNING value) "
    "INSERT INTO change_log (seq, ticket_id, version, opd_before, opd_after, assignee_before, "
    "assignee_after, conf_before, conf_after, created_at) "
    "SELECT counter.value - %(count)s + c.n, c.ticket_id, c.version, c.opd_before, c.opd_after, "
    "c.assignee_before, c.assignee_after, c.conf_before, c.conf_after, %(created_at)s "
    "FROM counter, unnest(%(ticket_ids)s::text[], %(versions)s::integer[], %(opd_before)s::text[], "
    "%(opd_after)s::text[], %(assignee_before)s::text[], %(assignee_after)s::text[], "
    "%(conf_before)s::text[], %(conf_after)s::text[]) "
    "WITH ORDINALITY AS c(ticket_id, version, opd_before, opd_after, assignee_before, assignee_after, "
    "conf_before, conf_after, n)"
)


@dataclass
class WriteUnit:
    """A write transaction that appends its change-log rows last, with seqs in commit order."""

    session: Session
    changes: list[PendingChange] = field(default_factory=list)

    def record(self, change: PendingChange) -> None:
        self.changes.append(change)

    def flush_changes(self) -> None:
        """Append the change-log rows (SQLite, or any backend but PostgreSQL); the caller commits."""
        if not self.changes:
            return
        count = len(self.changes)
        self._flush_changes_generic(count, utcnow())
        self.changes.clear()

    def commit_postgres(self) -> None:
        """The change-log rows and COMMIT in one round trip (psycopg pipeline).

        Every writer queues on the counter row from its UPDATE to its COMMIT: sent together, the
        lock is not held while this thread waits for the GIL or the network between them.
        """
        changes = self.changes
        if not changes:
            self.session.commit()
            return
        driver = self.session.connection().connection.driver_connection
        assert driver is not None
        params = {
            "count": len(changes),
            "ticket_ids": [c.ticket_id for c in changes],
            "versions": [c.version for c in changes],
            "opd_before": [c.opd_before for c in changes],
            "opd_after": [c.opd_after for c in changes],
            "assignee_before": [c.assignee_before for c in changes],
            "assignee_after": [c.assignee_after for c in changes],
            "conf_before": [c.conf_before for c in changes],
            "conf_after": [c.conf_after for c in changes],
            "created_at": utcnow(),
        }
        with driver.pipeline(), driver.cursor() as cursor:
            cursor.execute(_PG_LOG_INSERT, params)
            driver.commit()
        self.changes.clear()
        # The driver has committed; this ends the session's transaction (psycopg skips a second COMMIT).
        self.session.commit()

    def _flush_changes_generic(self, count: int, now: datetime) -> None:
        # The row lock on the counter is held until commit, so a later committer gets a
        # higher seq: no pull can see seq n+1 before seq n is committed.
        new_value = self.session.execute(
            sa.update(SeqCounterRow)
            .where(SeqCounterRow.id == 1)
            .values(value=SeqCounterRow.value + count)
            .returning(SeqCounterRow.value)
        ).scalar_one()
        first = new_value - count + 1
        seqs = list(range(first, new_value + 1))
        self.session.connection().execute(
            ChangeLogRow.__table__.insert(),
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


@contextmanager
def write_unit(engine: Engine) -> Iterator[WriteUnit]:
    """One write transaction: commit on success (change log last), roll back on any error."""
    with Session(engine.execution_options(tanggap_write=True), expire_on_commit=False) as session:
        unit = WriteUnit(session)
        try:
            yield unit
            session.flush()
            if session.get_bind().dialect.name == "postgresql":
                unit.commit_postgres()
            else:
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
