"""The engine factory and the unit of work: the only place sessions are opened.

SQLite runs in WAL mode with foreign keys, a busy timeout and ``synchronous=FULL`` (a
reply the officer saw saved must survive a power cut). Python's sqlite3 module opens
transactions lazily and on its own terms, so we take over and emit ``BEGIN`` ourselves:
``BEGIN IMMEDIATE`` for writes, so two writers queue on the busy timeout instead of
failing half-way with a lock upgrade error.

With a key the store is a SQLCipher database (AES-256 pages with an HMAC each): the
``sqlcipher3`` module stands in for ``sqlite3`` (same DB-API, same SQLite with FTS5 compiled
in) and the key goes in as a raw 32-byte key before any other statement, so opening costs no
key derivation. Without a key the file is plain SQLite: only the benchmarks' plain baseline and
the migration of a store written by an earlier version open one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

BUSY_TIMEOUT_MS = 30_000


class StoreError(Exception):
    """A local-store failure a person can act on; the message says what to do."""


class StoreFullError(StoreError):
    pass


class StoreReadOnlyError(StoreError):
    pass


class StoreBusyError(StoreError):
    pass


class StoreCorruptError(StoreError):
    pass


KEY_BYTES = 32
# SQLCipher settings every open must repeat (they are not in the encrypted header). 16 KiB
# pages: a quarter of the per-page IV, HMAC and cipher calls of 4 KiB ones, and shallower
# B-trees; with a larger page cache (a miss costs a decryption, not just a copy from the OS's
# cache) an initial sync cost 1.1-1.5x a plain store's instead of 1.35-1.7x on a loaded 2-core
# machine (bench_store_cipher, BENCHMARKS.md).
CIPHER_PAGE_SIZE = 16384
CIPHER_CACHE_KIB = 32768


def cipher_module() -> Any:
    """The DB-API module of SQLCipher (imported late: plain callers never load it)."""
    from sqlcipher3 import dbapi2

    return dbapi2


def key_pragma(key: bytes) -> str:
    """``PRAGMA key`` with a raw key: SQLCipher uses the bytes as they are, no PBKDF2 per open."""
    if len(key) != KEY_BYTES:
        raise ValueError("a store key is 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect_encrypted(path: Path | str, key: bytes, *, timeout: float = BUSY_TIMEOUT_MS / 1000) -> Any:
    """A raw SQLCipher connection with its key applied (the key is never part of a URL or a log)."""
    conn = cipher_module().connect(str(path), timeout=timeout, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not stderr noise
    conn.execute(key_pragma(key))
    conn.execute(f"PRAGMA cipher_page_size = {CIPHER_PAGE_SIZE}")
    conn.execute(f"PRAGMA cache_size = -{CIPHER_CACHE_KIB}")
    return conn


def is_plain_sqlite(path: Path) -> bool:
    """Whether ``path`` is an unencrypted SQLite file (its header is readable text)."""
    try:
        with path.open("rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except FileNotFoundError:
        return False


def create_store_engine(path: Path | str, key: bytes | None = None) -> Engine:
    """An engine on the store at ``path``: SQLCipher with ``key``, plain SQLite without."""
    if key is None:
        engine = create_engine(
            f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, hide_parameters=True
        )
    else:
        key_copy = bytes(key)
        # The URL names the file (migrations and backups read it) and carries no secret;
        # the creator opens through SQLCipher and keys the connection before SQLAlchemy sees it.
        engine = create_engine(
            f"sqlite:///{path}",
            module=cipher_module(),
            creator=lambda: connect_encrypted(path, key_copy),
            # An error's message (and so a log or a crash dialog) never carries a row's values.
            hide_parameters=True,
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        options = conn.get_execution_options()
        durable = options.get("sqlite_durable", True)
        info = conn.connection.info
        if info.get("durable", True) != durable:  # synchronous may only change outside a transaction
            # Not durable (bulk loading): no fsync per commit, and the WAL is copied into the
            # database every 64 MB instead of every 4 MB (each copy is two more fsyncs).
            conn.exec_driver_sql(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
            conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={1000 if durable else 16384}")
            info["durable"] = durable
        conn.exec_driver_sql(f"BEGIN {options.get('sqlite_begin', 'DEFERRED')}")

    return engine


def database_errors() -> tuple[type[Exception], ...]:
    """The DB-API error classes of the modules a store may be open with."""
    import sys

    cipher = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error, cipher.Error) if cipher is not None else (sqlite3.Error,)


def integrity_errors() -> tuple[type[Exception], ...]:
    """``IntegrityError`` of both drivers: code on a raw DB-API cursor catches the store's own."""
    import sys

    cipher = sys.modules.get("sqlcipher3.dbapi2")
    return (
        (sqlite3.IntegrityError, cipher.IntegrityError) if cipher is not None else (sqlite3.IntegrityError,)
    )


def translate_error(exc: BaseException) -> StoreError | None:
    """The user-actionable error behind a database exception, or None for a bug."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(orig, database_errors()):
        return None
    text = str(orig).lower()
    if "disk is full" in text or "disk i/o error" in text:
        return StoreFullError(
            "Penyimpanan penuh: kosongkan ruang disk, lalu coba lagi. Data yang belum tersimpan tidak hilang."
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StoreReadOnlyError(
            "Folder data tidak dapat ditulisi: periksa izin folder data Tanggap, lalu coba lagi."
        )
    if "locked" in text or "busy" in text:
        return StoreBusyError("Basis data lokal sedang dipakai proses lain; coba lagi sebentar lagi.")
    if "malformed" in text or "not a database" in text or "encrypted" in text:
        return StoreCorruptError("Basis data lokal rusak; hubungi administrator (lihat log).")
    return None


@contextmanager
def unit_of_work(engine: Engine, *, write: bool = True, durable: bool = True) -> Iterator[Session]:
    """One transaction: commits when the block ends, rolls back on any error.

    ``durable=False`` commits without waiting for the disk (``synchronous=NORMAL``): a power
    cut may lose the last such commits, never consistency. Only for data that can be fetched
    again, such as the pages of a first snapshot; the next durable commit makes them durable too.
    Actionable SQLite failures (disk full, read-only folder, busy) come out as
    ``StoreError`` with a message for the user; anything else propagates as a bug.
    """
    bound = engine.execution_options(
        sqlite_begin="IMMEDIATE" if write else "DEFERRED",
        sqlite_durable=durable,
    )
    session = Session(bound, expire_on_commit=False, autoflush=False)
    try:
        with session.begin():
            yield session
    except Exception as exc:
        if not isinstance(exc, (DBAPIError, *database_errors())):
            raise
        mapped = translate_error(exc)
        if mapped is not None:
            raise mapped from exc
        raise
    finally:
        session.close()
