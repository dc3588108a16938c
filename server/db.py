"""Engines, write transactions and the commit-ordered change-log sequence."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

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
        engine = sa.create_engine(
            url,
            connect_args={"timeout": 30, "check_same_thread": False},
            # Parameters are complainants' names, phones and words: never in an error or a log.
            hide_parameters=True,
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            # Let SQLAlchemy's "begin" hook below issue BEGIN itself (pysqlite's own is deferred).
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            # FULL: with WAL, NORMAL may lose the last commits on power loss, and a lost commit is a lost
            # processed_ops row (the op's resend would apply twice). One WAL sync per commit is ~0.1 ms here.
            cursor.execute("PRAGMA synchronous=FULL")
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
        hide_parameters=True,
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_pre_ping=True,
        pool_recycle=1800,
    )


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


_SEQ_COUNTER = cast(sa.Table, SeqCounterRow.__table__)
# Built once: statement construction showed in profiles of many one-op transactions.
_BUMP_COUNTER = (
    _SEQ_COUNTER.update()
    .where(_SEQ_COUNTER.c.id == 1)
    .values(value=_SEQ_COUNTER.c.value + sa.bindparam("count"))
    .returning(_SEQ_COUNTER.c.value)
)
_INSERT_LOG = cast(sa.Table, ChangeLogRow.__table__).insert()


def _pg_log_params(changes: list[PendingChange]) -> dict[str, Any]:
    return {
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


def _append_changes_generic(conn: sa.Connection, changes: list[PendingChange]) -> None:
    # The row lock on the counter is held until commit, so a later committer gets a
    # higher seq: no pull can see seq n+1 before seq n is committed.
    count = len(changes)
    new_value = conn.execute(_BUMP_COUNTER, {"count": count}).scalar_one()
    now = utcnow()
    conn.execute(
        _INSERT_LOG,
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
            for seq, c in zip(range(new_value - count + 1, new_value + 1), changes, strict=True)
        ],
    )


def _commit_postgres_driver(driver: Any, changes: list[PendingChange]) -> None:
    """The change-log rows and COMMIT in one round trip (psycopg pipeline).

    Every writer queues on the counter row from its UPDATE to its COMMIT: sent together, the
    lock is not held while this thread waits for the GIL or the network between them.
    """
    with driver.pipeline(), driver.cursor() as cursor:
        cursor.execute(_PG_LOG_INSERT, _pg_log_params(changes))
        driver.commit()


_NAMED_PARAM = re.compile(r"(?<!:):(\w+)")


class DriverSql:
    """Plain SQL on the DB-API connection under ``conn``, inside SQLAlchemy's transaction on it.

    For the hottest statements (the per-op transactions of a push), where SQLAlchemy's per-statement
    work cost more than SQLite itself. SQL is written with ``:name`` parameters (sqlite3's style) and
    rewritten once to psycopg's ``%(name)s``. Datetimes go in and out as SQLAlchemy stores them
    (``UtcDateTime``): naive UTC text on SQLite, aware ``timestamptz`` on PostgreSQL.
    """

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn
        self.sqlite = conn.dialect.name == "sqlite"
        self._cache: dict[str, str] = {}

    @property
    def driver(self) -> Any:
        return self.conn.connection.driver_connection

    def sql(self, text: str) -> str:
        found = self._cache.get(text)
        if found is None:
            found = self._cache[text] = text if self.sqlite else _NAMED_PARAM.sub(r"%(\1)s", text)
        return found

    def when(self, value: datetime | None) -> Any:
        """A datetime as a bind value, the way ``UtcDateTime`` stores it."""
        if value is None or not self.sqlite:
            return value
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")

    def read_when(self, value: Any) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            return datetime.fromisoformat(value).replace(tzinfo=UTC)
        return value.astimezone(UTC)  # type: ignore[no-any-return]


_SQLITE_BUMP_COUNTER = "UPDATE seq_counter SET value = value + ? WHERE id = 1 RETURNING value"
_SQLITE_LOG_INSERT = (
    "INSERT INTO change_log (seq, ticket_id, version, opd_before, opd_after, assignee_before, "
    "assignee_after, conf_before, conf_after, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def commit_driver_writes(
    raw: DriverSql,
    transaction: sa.RootTransaction,
    writes: list[tuple[str, dict[str, Any]]],
    changes: list[PendingChange],
) -> None:
    """Run ``writes``, append the change-log rows last (seqs in commit order) and commit.

    PostgreSQL gets the writes, the counter update and COMMIT in one round trip (psycopg pipeline), so
    the counter row's lock is held for no network wait.
    """
    driver = raw.driver
    if raw.sqlite:
        cursor = driver.cursor()
        try:
            for sql, params in writes:
                cursor.execute(sql, params)
            if changes:
                count = len(changes)
                new_value = cursor.execute(_SQLITE_BUMP_COUNTER, (count,)).fetchone()[0]
                created_at = raw.when(utcnow())
                cursor.executemany(
                    _SQLITE_LOG_INSERT,
                    [
                        (
                            seq,
                            c.ticket_id,
                            c.version,
                            c.opd_before,
                            c.opd_after,
                            c.assignee_before,
                            c.assignee_after,
                            c.conf_before,
                            c.conf_after,
                            created_at,
                        )
                        for seq, c in zip(range(new_value - count + 1, new_value + 1), changes, strict=True)
                    ],
                )
        finally:
            cursor.close()
        transaction.commit()
        return
    with driver.pipeline(), driver.cursor() as cursor:
        for sql, params in writes:
            cursor.execute(raw.sql(sql), params)
        if changes:
            cursor.execute(_PG_LOG_INSERT, _pg_log_params(changes))
        driver.commit()
    # The driver has committed; this ends SQLAlchemy's transaction (psycopg skips a second COMMIT).
    transaction.commit()


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
        _append_changes_generic(self.session.connection(), self.changes)
        self.changes.clear()

    def commit_postgres(self) -> None:
        """The change-log rows and COMMIT in one round trip (see ``_commit_postgres_driver``)."""
        if not self.changes:
            self.session.commit()
            return
        driver = self.session.connection().connection.driver_connection
        assert driver is not None
        _commit_postgres_driver(driver, self.changes)
        self.changes.clear()
        # The driver has committed; this ends the session's transaction (psycopg skips a second COMMIT).
        self.session.commit()


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


@dataclass(frozen=True)
class StorageProblem:
    """Why the database cannot take this request now: 507 (full) or 503 (read-only, unreachable)."""

    status: int
    code: str
    message: str
    cause: str  # the driver's own words, for the log (never parameters: hide_parameters)


STORAGE_RETRY_SECONDS = 30
_FULL = StorageProblem(
    507, "storage_full", "Penyimpanan server penuh; data Anda aman di meja, coba lagi nanti.", ""
)
_READ_ONLY = StorageProblem(
    503, "storage_read_only", "Penyimpanan server sedang hanya-baca; coba lagi nanti.", ""
)
_UNAVAILABLE = StorageProblem(
    503, "database_unavailable", "Basis data server tidak dapat dipakai saat ini; coba lagi nanti.", ""
)
_PG_STATES = {"53100": _FULL, "25006": _READ_ONLY}
_SQLITE_WORDS = (
    ("disk is full", _FULL),
    ("readonly database", _READ_ONLY),
    ("read-only", _READ_ONLY),
    ("disk i/o error", _UNAVAILABLE),
    ("unable to open database", _UNAVAILABLE),
    ("database is locked", _UNAVAILABLE),
)


def storage_problem(exc: BaseException) -> StorageProblem | None:
    """The storage failure behind ``exc`` (following causes), or None if it is not one."""
    import errno

    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 8:
        seen += 1
        # The push path runs SQL on the driver itself: its errors arrive unwrapped.
        raw_driver_error = isinstance(current, sqlite3.Error) or type(current).__module__.startswith(
            "psycopg"
        )
        if isinstance(current, sa.exc.DBAPIError) or raw_driver_error:
            orig = current.orig if isinstance(current, sa.exc.DBAPIError) else current
            cause = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
            state = getattr(orig, "sqlstate", None)
            if state in _PG_STATES:
                return _with_cause(_PG_STATES[state], cause)
            text = cause.lower()
            for words, problem in _SQLITE_WORDS:
                if words in text:
                    return _with_cause(problem, cause)
            operational = (sa.exc.OperationalError, sa.exc.InterfaceError, sqlite3.OperationalError)
            if (
                isinstance(current, operational)
                or type(current).__name__ == "OperationalError"
                or (state is not None and state[:2] in ("08", "53", "57"))
            ):
                return _with_cause(_UNAVAILABLE, cause)
        elif isinstance(current, sa.exc.TimeoutError):
            return _with_cause(_UNAVAILABLE, str(current).splitlines()[0])
        elif isinstance(current, OSError) and current.errno == errno.ENOSPC:
            return _with_cause(_FULL, str(current))
        current = current.__cause__ or current.__context__
    return None


def _with_cause(problem: StorageProblem, cause: str) -> StorageProblem:
    return StorageProblem(problem.status, problem.code, problem.message, cause)


def check_writable(engine: Engine) -> None:
    """Write and commit the health probe row; raise what the database raised."""
    from server.models import HealthProbeRow

    with write_unit(engine) as unit:
        now = utcnow()
        updated = unit.session.execute(
            sa.update(HealthProbeRow).where(HealthProbeRow.id == 1).values(checked_at=now)
        )
        if not cast(Any, updated).rowcount:
            unit.session.add(HealthProbeRow(id=1, checked_at=now))
