"""Encrypting, in place, a plain store written by an earlier version.

1. The plain store's WAL is folded into it, then SQLCipher's ``sqlcipher_export`` copies every
   table, index, trigger and the schema version into ``<store>.encrypting`` under the key.
2. The copy is verified: it opens with the key, passes ``integrity_check`` and has the same
   number of rows in every table as the plain file.
3. The plain file moves aside to ``<store>.plain`` and the copy takes its name (two renames
   on one folder); then the plain file, its WAL and SHM, and the plain backups made by earlier
   upgrades are overwritten with zeros and removed.

A crash at any point leaves either the plain store or the verified encrypted one under the
store's name; ``recover`` finishes the job at the next start.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from db.engine import CIPHER_PAGE_SIZE, StoreCorruptError, connect_encrypted, is_plain_sqlite

log = logging.getLogger(__name__)

ENCRYPTING_SUFFIX = ".encrypting"
PLAIN_SUFFIX = ".plain"


def _sidecars(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def shred(path: Path) -> None:
    """Overwrite a file with zeros, flush it, then remove it (missing files are fine).

    On an SSD or a copy-on-write file system the old blocks may survive the overwrite; the
    data that matters is encrypted by then, and docs/privacy.md says what this means.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    try:
        with path.open("r+b") as handle:
            block = b"\0" * (1024 * 1024)
            left = size
            while left > 0:
                step = min(left, len(block))
                handle.write(block[:step])
                left -= step
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        log.warning("could not overwrite a plain file before removing it: %s", type(exc).__name__)
    path.unlink(missing_ok=True)


def _table_counts(conn: object) -> dict[str, int]:
    cursor = conn.execute(  # type: ignore[attr-defined]
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    names = [row[0] for row in cursor.fetchall()]
    return {
        name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]  # type: ignore[attr-defined]
        for name in sorted(names)
    }


def interrupted(path: Path) -> bool:
    """Whether an encryption of the store at ``path`` was cut short (``recover`` finishes it)."""
    return any(path.with_name(path.name + suffix).exists() for suffix in (PLAIN_SUFFIX, ENCRYPTING_SUFFIX))


def recover(path: Path) -> None:
    """Finish an encryption a crash interrupted (see the module's steps)."""
    plain_aside = path.with_name(path.name + PLAIN_SUFFIX)
    partial = path.with_name(path.name + ENCRYPTING_SUFFIX)
    if plain_aside.exists():
        if path.exists() and not is_plain_sqlite(path):
            for side in _sidecars(plain_aside):
                shred(side)  # step 3 was under way: the encrypted store is in place
        else:
            os.replace(plain_aside, path)  # step 3 had not renamed the copy: start again
    for side in _sidecars(partial):
        shred(side)


def encrypt_in_place(path: Path, key: bytes, *, backups: Path | None = None) -> None:
    """Replace the plain store at ``path`` by a verified encrypted copy; shred the plain files."""
    partial = path.with_name(path.name + ENCRYPTING_SUFFIX)
    for side in _sidecars(partial):
        side.unlink(missing_ok=True)
    plain = sqlite3.connect(path, isolation_level=None)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        expected = _table_counts(plain)
        version = plain.execute("PRAGMA user_version").fetchone()[0]
    finally:
        plain.close()

    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    # SQLCipher opens a plain file when given no key; the attached database gets the key.
    from db.engine import cipher_module

    source = cipher_module().connect(str(path), isolation_level=None)
    try:
        source.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(partial),))
        source.execute(f"PRAGMA encrypted.cipher_page_size = {CIPHER_PAGE_SIZE}")
        source.execute("SELECT sqlcipher_export('encrypted')")
        source.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        source.execute("DETACH DATABASE encrypted")
    finally:
        source.close()

    copy = connect_encrypted(partial, key)
    try:
        copy.isolation_level = None
        check = copy.execute("PRAGMA integrity_check").fetchone()[0]
        counts = _table_counts(copy)
        copy.execute("PRAGMA journal_mode=WAL")
    finally:
        copy.close()
    if check != "ok" or counts != expected:
        for side in _sidecars(partial):
            side.unlink(missing_ok=True)
        raise StoreCorruptError(
            "Basis data lokal tidak dapat dienkripsi (salinan tidak cocok); data lama tetap utuh. "
            "Hubungi administrator (lihat log)."
        )
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())

    plain_aside = path.with_name(path.name + PLAIN_SUFFIX)
    for side, aside in zip(_sidecars(path), _sidecars(plain_aside), strict=True):
        if side.exists():
            os.replace(side, aside)
    os.replace(partial, path)
    for side in _sidecars(partial)[1:]:
        side.unlink(missing_ok=True)
    if hasattr(os, "O_DIRECTORY"):
        dir_fd = os.open(path.parent, os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    for side in _sidecars(plain_aside):
        shred(side)
    if backups is not None and backups.is_dir():
        for old in backups.iterdir():
            if old.is_file() and is_plain_sqlite(old):
                shred(old)
    log.info("local store encrypted in place (%d tables)", len(expected))
