"""Personal data at rest: the encrypted store, its key, plain stores of earlier versions, purges."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from sqlalchemy import select, text

from db import models
from desktop import privacy, purge
from desktop.store import STORE_FILE, LocalStore
from desktop.sync import apply
from tests.unit.desktop.sync.test_apply import T0, _identity, server_ticket

NAME = "Sulastri Wahyuningsih"
PHONE = "0812-7788-9901"


def all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    privacy._key_cache.clear()
    yield
    keyring.set_keyring(previous)


def _put(store: LocalStore, **over: object) -> dict[str, object]:
    ticket = server_ticket(
        reporter={"name": NAME, "contact": PHONE}, body=f"Saya {NAME}, hubungi {PHONE}.", **over
    )
    with store.write() as s:
        apply.apply_page(s, [{"op": "upsert", "ticket": ticket}], T0)
    return ticket


def test_the_store_is_encrypted_and_unreadable_by_sqlite3(data_dir: Path) -> None:
    store = LocalStore.open(data_dir)
    _identity(store)
    _put(store)
    with store.read() as s:
        assert s.execute(text("PRAGMA cipher_version")).scalar()  # SQLCipher, not plain SQLite
        assert s.scalars(select(models.Ticket.reporter_name)).one() == NAME
        assert s.execute(text("SELECT count(*) FROM tickets_fts")).scalar() == 1  # FTS5 works
    store.close()
    with pytest.raises(sqlite3.DatabaseError), sqlite3.connect(data_dir / STORE_FILE) as conn:
        conn.execute("SELECT * FROM sqlite_master").fetchall()
    assert NAME.encode() not in all_bytes(data_dir)
    # The key is in the keyring, not in the folder: only a random id and how the key is kept.
    assert (data_dir / privacy.STORE_ID_FILE).read_text().count("keyring") == 1
    reopened = LocalStore.open(data_dir)
    with reopened.read() as s:
        assert s.scalars(select(models.Ticket.reporter_name)).one() == NAME
    reopened.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes; Windows relies on the profile's ACL")
def test_every_file_in_the_data_folder_is_the_users_alone(data_dir: Path) -> None:
    os.chmod(data_dir, 0o755)  # as an earlier version left it
    (data_dir / "logs").mkdir()
    (data_dir / "logs" / "tanggap.log").write_text("old\n")
    os.chmod(data_dir / "logs" / "tanggap.log", 0o644)
    store = LocalStore.open(data_dir)
    _identity(store)
    _put(store)
    with store.write() as s:  # a write, so the WAL and SHM exist while we look
        s.execute(text("UPDATE tickets SET title = 'x'"))
        for path in [data_dir, *data_dir.rglob("*")]:
            mode = path.stat().st_mode & 0o777
            assert mode & 0o077 == 0, f"{path} is {oct(mode)}"
    store.close()


def test_a_plain_store_of_an_earlier_version_is_encrypted_in_place(data_dir: Path) -> None:
    plain = LocalStore.open_plain(data_dir)
    _identity(plain)
    _put(plain)
    plain.close()
    backup = data_dir / "backups" / "tanggap.before-0004.sqlite3"
    with sqlite3.connect(data_dir / STORE_FILE) as src, sqlite3.connect(backup) as dst:
        src.backup(dst)
    assert NAME.encode() in all_bytes(data_dir)

    store = LocalStore.open(data_dir)
    with store.read() as s:
        assert s.scalars(select(models.Ticket.reporter_name)).one() == NAME
        assert (
            s.execute(text("SELECT count(*) FROM tickets_fts WHERE tickets_fts MATCH 'hubungi'")).scalar()
            == 1
        )
    store.close()
    assert NAME.encode() not in all_bytes(data_dir)
    assert not backup.exists()
    assert sorted(p.name for p in data_dir.iterdir() if p.name.startswith(STORE_FILE)) == [STORE_FILE]


def test_an_interrupted_encryption_finishes_at_the_next_start(data_dir: Path) -> None:
    plain = LocalStore.open_plain(data_dir)
    _identity(plain)
    _put(plain)
    plain.close()
    # The crash came after the plain store moved aside and before the copy took its name.
    os.replace(data_dir / STORE_FILE, data_dir / (STORE_FILE + ".plain"))
    (data_dir / (STORE_FILE + ".encrypting")).write_bytes(b"half a copy")
    store = LocalStore.open(data_dir)
    with store.read() as s:
        assert s.scalars(select(models.Ticket.reporter_name)).one() == NAME
    store.close()
    assert NAME.encode() not in all_bytes(data_dir)


def test_without_a_keyring_nothing_is_stored_and_the_officer_is_told_what_to_do(
    data_dir: Path, no_keyring: None
) -> None:
    with pytest.raises(privacy.StoreKeyUnavailable, match="Keyring sistem tidak tersedia") as raised:
        LocalStore.open(data_dir)
    assert "frasa sandi" in str(raised.value)
    assert not (data_dir / STORE_FILE).exists()


def test_a_passphrase_is_the_explicit_fallback(data_dir: Path, no_keyring: None) -> None:
    store = LocalStore.open(data_dir, passphrase="kopi tubruk di meja loket")
    _identity(store)
    _put(store)
    store.close()
    assert NAME.encode() not in all_bytes(data_dir)
    with pytest.raises(privacy.StoreKeyUnavailable, match="frasa sandi"):
        LocalStore.open(data_dir)
    with pytest.raises(privacy.StoreKeyUnavailable, match="Frasa sandi salah"):
        LocalStore.open(data_dir, passphrase="teh manis")
    again = LocalStore.open(data_dir, passphrase="kopi tubruk di meja loket")
    with again.read() as s:
        assert s.scalars(select(models.Ticket.reporter_name)).one() == NAME
    again.close()


def test_long_closed_tickets_lose_personal_data_but_still_count(store: LocalStore) -> None:
    _identity(store)
    closed_at = T0 - timedelta(days=100)
    old = _put(store, status="ditutup", closed_at=closed_at.isoformat(), resolved_at=closed_at.isoformat())
    recent = _put(store, status="ditutup", closed_at=T0.isoformat(), resolved_at=T0.isoformat())
    with store.write() as s:
        report = purge.purge_at_sync(s, T0)
    assert report.expired == 1
    with store.read() as s:
        rows = {t.id: t for t in s.scalars(select(models.Ticket))}
        assert len(rows) == 2  # the summary still counts both
        gone, kept = rows[str(old["id"])], rows[str(recent["id"])]
        assert gone.reporter_name is None and gone.reporter_contact is None and gone.body == ""
        assert gone.title and gone.status == "ditutup" and gone.tracking_no == old["tracking_no"]
        assert kept.reporter_name == NAME
        assert (
            s.execute(text("SELECT count(*) FROM tickets_fts WHERE tickets_fts MATCH 'hubungi'")).scalar()
            == 1
        )


def test_purge_takes_the_page_key_and_the_citizens_comment_but_keeps_the_rating(store: LocalStore) -> None:
    _identity(store)
    closed_at = T0 - timedelta(days=100)
    answer = {
        "selesai": True,
        "nilai": 4,
        "at": closed_at.isoformat(),
        "komentar": f"Terima kasih, {NAME}",
        "tidak": 1,
    }
    old = _put(
        store,
        status="ditutup",
        closed_at=closed_at.isoformat(),
        resolved_at=closed_at.isoformat(),
        public_key="Zq3x-9_TkBw7mNcA1bY2dE",
        feedback=answer,
    )
    with store.write() as s:
        assert purge.purge_at_sync(s, T0).expired == 1
    with store.write() as s:
        assert purge.purge_at_sync(s, T0).expired == 0  # nothing personal left to find
    with store.read() as s:
        row = s.get(models.Ticket, str(old["id"]))
        assert row is not None and row.public_key is None
        assert row.feedback == {"selesai": True, "nilai": 4, "at": closed_at.isoformat(), "tidak": 1}


def test_the_directory_sets_the_retention(store: LocalStore) -> None:
    _identity(store)
    _put(store, status="ditutup", closed_at=(T0 - timedelta(days=10)).isoformat())
    with store.write() as s:
        purge.remember_retention(s, {"desk_retention_days": 7})
        assert purge.purge_at_sync(s, T0).expired == 1
        purge.remember_retention(s, {})
        assert purge.retention_days(s) == purge.DEFAULT_RETENTION_DAYS


def test_a_locked_keyring_is_not_a_lost_key(data_dir: Path) -> None:
    import keyring.errors
    from keyring.backend import KeyringBackend

    LocalStore.open(data_dir).close()
    privacy._key_cache.clear()

    class LockedKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            raise keyring.errors.KeyringLocked("locked")

        def set_password(self, service: str, username: str, password: str) -> None:
            raise keyring.errors.KeyringLocked("locked")

        def delete_password(self, service: str, username: str) -> None:
            raise keyring.errors.KeyringLocked("locked")

    previous = keyring.get_keyring()
    keyring.set_keyring(LockedKeyring())
    try:
        with pytest.raises(privacy.StoreKeyUnavailable, match="terkunci") as raised:
            LocalStore.open(data_dir)
        assert "tetap utuh" in str(raised.value)
    finally:
        keyring.set_keyring(previous)
    LocalStore.open(data_dir).close()  # unlocked again: the same data


def test_two_first_starts_at_once_agree_on_one_key(data_dir: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        keys = list(pool.map(lambda _: privacy.store_key(data_dir), range(8)))
    assert len(set(keys)) == 1
    privacy._key_cache.clear()
    assert privacy.store_key(data_dir, create=False) == keys[0]
