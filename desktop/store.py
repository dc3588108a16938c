"""The local store as the core sees it: opening (and upgrading) it, and turning its rows
into frozen domain values that may leave the database job.

The store is encrypted (SQLCipher; the key comes from desktop.privacy). A plain store written
by an earlier version is encrypted in place the first time this version opens it.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from db import encrypt, migrate, models
from db.engine import (
    StoreBusyError,
    StoreCorruptError,
    create_store_engine,
    is_plain_sqlite,
    translate_error,
    unit_of_work,
)
from desktop import domain as d
from desktop import privacy

log = logging.getLogger(__name__)

STORE_FILE = "tanggap.sqlite3"


@dataclass
class LocalStore:
    path: Path
    engine: Engine
    key: bytes | None = None  # None only for the benchmarks' plain baseline

    @property
    def data_dir(self) -> Path:
        return self.path.parent

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    @classmethod
    def open(cls, data_dir: Path, *, key: bytes | None = None, passphrase: str | None = None) -> LocalStore:
        """Open the encrypted store in ``data_dir``, creating, encrypting or upgrading it first.

        ``key`` defaults to the folder's key in the OS keyring (made at the first start), or
        the one derived from ``passphrase`` for a folder that uses one; without either this
        raises ``privacy.StoreKeyUnavailable`` with what to do.
        """
        privacy.make_private(data_dir)
        if key is None:
            key = privacy.store_key(data_dir, passphrase=passphrase)
        path = data_dir / STORE_FILE
        backups = privacy.private_mkdir(data_dir / "backups")
        if is_plain_sqlite(path) or encrypt.interrupted(path):
            _encrypt_once(data_dir, path, key, backups)
        elif not path.exists():
            privacy.touch_private(path)  # SQLite gives the WAL and SHM files the store's mode
        engine = create_store_engine(path, key)
        try:
            migrate.upgrade(engine, backup_dir=backups, key=key)
        except Exception as exc:
            engine.dispose()
            mapped = translate_error(exc)
            if isinstance(mapped, StoreCorruptError) and path.stat().st_size > 0:
                raise privacy.StoreKeyUnavailable(
                    privacy.WRONG_PASSPHRASE_MESSAGE
                    if privacy.key_source(data_dir) == "passphrase"
                    else privacy.KEY_LOST_MESSAGE
                ) from exc
            raise
        privacy.remember_open(data_dir, key)
        return cls(path=path, engine=engine, key=key)

    @classmethod
    def open_plain(cls, data_dir: Path) -> LocalStore:
        """An unencrypted store, for the benchmarks' baseline only: never for an officer's data."""
        privacy.make_private(data_dir)
        path = data_dir / STORE_FILE
        engine = create_store_engine(path)
        migrate.upgrade(engine, backup_dir=privacy.private_mkdir(data_dir / "backups"))
        privacy.remember_open(data_dir, secrets.token_bytes(32))  # its attachment cache: a throwaway key
        return cls(path=path, engine=engine)

    @contextmanager
    def write(self, *, durable: bool = True) -> Iterator[Session]:
        """A write transaction; ``durable=False`` only for data the server can send again."""
        with unit_of_work(self.engine, write=True, durable=durable) as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with unit_of_work(self.engine, write=False) as session:
            yield session

    def close(self) -> None:
        """Close the store; plain viewer copies of attachments do not outlive the workstation."""
        from desktop.sync.attachments import remove_viewer_copies

        self.engine.dispose()
        if self.key is not None:
            remove_viewer_copies(self.data_dir)


def _encrypt_once(data_dir: Path, path: Path, key: bytes, backups: Path) -> None:
    """Encrypt a plain store of an earlier version, one process at a time (see db.encrypt)."""
    import time

    from desktop.locks import FileLock, LockHeld

    lock = FileLock(data_dir / "store-encrypt.lock")
    deadline = time.monotonic() + 120
    while True:
        try:
            lock.acquire()
            break
        except LockHeld:
            if time.monotonic() > deadline:
                raise StoreBusyError(
                    "Basis data lokal sedang dienkripsi oleh proses Tanggap lain; coba lagi sebentar lagi."
                ) from None
            time.sleep(0.2)  # another start of Tanggap is encrypting it: its result is ours
    try:
        encrypt.recover(path)
        if is_plain_sqlite(path):
            encrypt.encrypt_in_place(path, key, backups=backups)
    finally:
        lock.release()


def message_from_row(row: models.Message) -> d.Message:
    return d.Message(
        id=row.id,
        ticket_id=row.ticket_id,
        kind=d.MessageKind(row.kind),
        author=row.author,
        body=row.body,
        created_at=row.created_at,
        conflict=row.conflict,
        pending=row.op_id is not None,
        delivery=row.delivery,
    )


def ticket_from_row(row: models.Ticket, *, with_thread: bool = True) -> d.Ticket:
    reporter = (
        d.Reporter(row.reporter_name, row.reporter_contact or "") if row.reporter_name is not None else None
    )
    return d.Ticket(
        id=row.id,
        tracking_no=row.tracking_no,
        channel=d.Channel(row.channel),
        confidentiality=d.Confidentiality(row.confidentiality),
        reporter=reporter,
        title=row.title,
        body=row.body,
        opd_code=row.opd_code,
        status=d.Status(row.status),
        received_at=row.received_at,
        version=row.version,
        category_code=row.category_code,
        location=row.location,
        external_ref=row.external_ref,
        assignee=row.assignee,
        verified_at=row.verified_at,
        first_response_at=row.first_response_at,
        assigned_at=row.assigned_at,
        followed_up_at=row.followed_up_at,
        resolved_at=row.resolved_at,
        closed_at=row.closed_at,
        paused_since=row.paused_since,
        paused_seconds=row.paused_seconds,
        deadlines=d.Deadlines(
            verification=row.dl_verification,
            first_response=row.dl_first_response,
            follow_up=row.dl_follow_up,
            resolution=row.dl_resolution,
        ),
        messages=tuple(message_from_row(m) for m in row.messages) if with_thread else (),
        attachments=tuple(
            d.Attachment(a.id, a.ticket_id, a.filename, a.mime, a.size, a.sha256, a.url, a.cached_path)
            for a in row.attachments
        )
        if with_thread
        else (),
        archived=row.archived,
        public_key=row.public_key,
        feedback=d.Feedback.from_json(row.feedback),
    )
