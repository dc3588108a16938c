"""Logging in and out: the token goes to the OS keyring, the desk's identity to ``sync_state``.

The token is never written to the data folder, the database or a log. An expired or revoked
token is a clear "log in again" (``NotLoggedIn``), never a retry loop.
"""

from __future__ import annotations

import logging
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete
from sqlalchemy.orm import Session

from db import bulk, models
from db.repositories import NoticeRepository, SyncStateRepository
from desktop import domain as d
from desktop.changes import Changes
from desktop.store import LocalStore
from desktop.sync.status import HISTORY_STATE

if TYPE_CHECKING:
    from desktop.sync.transport import Transport

# The transport (requests) and the keyring are imported where a request or a token is needed:
# together they are a quarter of a second that the workstation's start-up does not wait for.

log = logging.getLogger(__name__)

IDENTITY_KEYS = ("server_url", "username", "officer_name", "role", "opd_code", "desk_id", "desk_code")


# What this desk learnt from the server for the identity it had; a new identity starts afresh.
REPLICA_TABLES = (
    models.Message,
    models.Attachment,
    models.Ticket,
    models.SyncNotice,
    models.OutboxOp,
    models.SnapshotSeen,
    models.Officer,
    models.Opd,
    models.Category,
    models.SlaPolicyRow,
    models.NonWorkingDay,
    models.CannedResponse,
)
REPLICA_STATE = (
    "cursor",
    "snapshot_in_progress",
    "directory_digest",
    "last_success_at",
    "last_error",
    *HISTORY_STATE,
)


def forget_replica(session: Session) -> None:
    """Another officer or server on this folder: drop what the previous one pulled.

    Its cursor would skip the new scope's snapshot, and its tickets (a rahasia one assigned
    to the previous officer, say) are not the new officer's to see. Only answered ops go:
    login refuses while any op still waits to be sent.
    """
    for table in REPLICA_TABLES:
        session.execute(delete(table))
    repo = SyncStateRepository(session)
    for key in REPLICA_STATE:
        repo.set(key, None)
    bulk.resume(session.connection())  # empty indexes, triggers in place
    repo.set("indexes_deferred", None)
    repo.set("search_deferred", None)
    log.info("new identity on this data folder: the previous replica was dropped")


class NotLoggedIn(Exception):
    MESSAGE = (
        "Belum masuk atau sesi berakhir: jalankan 'tanggap login'. / Not logged in: run 'tanggap login'."
    )

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.MESSAGE)


class LoginFailed(Exception):
    """Wrong credentials, throttled, or an unreachable server; the message says which."""


@dataclass(frozen=True, slots=True)
class DeskIdentity:
    server_url: str
    username: str
    officer_name: str
    role: d.Role
    opd_code: str
    desk_id: str
    desk_code: str

    @property
    def is_supervisor(self) -> bool:
        return self.role in (d.Role.SUPERVISOR, d.Role.ADMIN)


def load_identity(store: LocalStore) -> DeskIdentity | None:
    with store.read() as session:
        values = SyncStateRepository(session).all()
    if not all(values.get(k) for k in IDENTITY_KEYS):
        return None
    try:
        role = d.Role(values["role"] or "")
    except ValueError:
        return None
    return DeskIdentity(
        server_url=values["server_url"] or "",
        username=values["username"] or "",
        officer_name=values["officer_name"] or "",
        role=role,
        opd_code=values["opd_code"] or "",
        desk_id=values["desk_id"] or "",
        desk_code=values["desk_code"] or "",
    )


def require_identity(store: LocalStore) -> DeskIdentity:
    identity = load_identity(store)
    if identity is None:
        raise NotLoggedIn()
    return identity


DEVICE_KEY_SUFFIX = "#device-key"


def login(
    store: LocalStore, server_url: str, username: str, password: str, device_name: str | None = None
) -> tuple[DeskIdentity, Changes]:
    """Ask the server for a token; keep it in the keyring and the desk's identity in the store.

    Logging in as another officer or to another server on a folder with unsent ops, or with
    conflicts not yet acknowledged, is refused: those ops were written by someone else and
    must not be sent under this name, nor their outcome go unseen. Otherwise the previous
    identity's replica is dropped and the next sync takes a fresh snapshot.
    """
    from desktop import credentials
    from desktop.sync.transport import AuthExpired, RequestRefused, Transport, TransportError

    server_url = server_url.rstrip("/")
    previous = load_identity(store)
    transport = Transport(server_url)
    try:
        # The known-device key (docs/security.md): with it, the right password passes a login lock
        # someone else's guesses caused. Kept in the keyring beside the token, outliving logout.
        device_key = credentials.load_token(server_url, username + DEVICE_KEY_SUFFIX)
        result = transport.login(
            username, password, device_name or f"tanggap@{socket.gethostname()}", device_key
        )
    except (AuthExpired, RequestRefused) as exc:
        raise LoginFailed(
            "Nama pengguna atau kata sandi salah, atau terlalu banyak percobaan. / Login refused."
            if not isinstance(exc, RequestRefused) or exc.status in (401, 403, 422, 429)
            else f"Login ditolak server: {exc.message}"
        ) from None
    except TransportError as exc:
        raise LoginFailed(
            f"{exc.message}; periksa alamat server dan jaringan. / Server unreachable."
        ) from None
    finally:
        transport.close()
    if previous is not None and (previous.username, previous.server_url) != (result.username, server_url):
        from desktop.sync import outbox

        with store.read() as session:
            waiting = outbox.waiting_count(session)
            unread = len(NoticeRepository(session).unacknowledged())
        if waiting:
            raise LoginFailed(
                f"Folder data ini masih punya {waiting} op milik {previous.username} yang belum terkirim; "
                "sinkronkan dulu sebagai pengguna itu. / Unsent ops of another user."
            )
        if unread:
            raise LoginFailed(
                f"Folder data ini masih punya {unread} konflik/penolakan untuk {previous.username} yang "
                "belum dikonfirmasi; konfirmasi dulu sebagai pengguna itu. / Unacknowledged conflicts."
            )
    credentials.save_token(server_url, result.username, result.token)
    if result.device_key:
        credentials.save_token(server_url, result.username + DEVICE_KEY_SUFFIX, result.device_key)
    identity = DeskIdentity(
        server_url=server_url,
        username=result.username,
        officer_name=result.name,
        role=d.Role(result.role),
        opd_code=result.opd_code,
        desk_id=result.desk_id,
        desk_code=result.desk_code,
    )
    with store.write() as session:
        repo = SyncStateRepository(session)
        if previous is not None and (previous.username, previous.server_url) != (
            identity.username,
            server_url,
        ):
            forget_replica(session)
        for key in IDENTITY_KEYS:
            value = getattr(identity, key)
            repo.set(key, value.value if isinstance(value, d.Role) else str(value))
        repo.set("token_expires_at", result.expires_at)
        repo.set("auth_expired", None)
    log.info("logged in as %s on %s (desk %s)", identity.username, server_url, identity.desk_code)
    return identity, Changes(sync_state=True)


@dataclass(frozen=True, slots=True)
class LogoutPreview:
    """What logging out will keep: ops still waiting to be sent (they go at the next login)."""

    username: str | None
    waiting_ops: int
    unacknowledged: int

    @property
    def message(self) -> str:
        """What to tell the officer before logging out (Indonesian, with the English after)."""
        if not self.waiting_ops:
            return (
                "Semua data pelapor akan dihapus dari komputer ini. "
                "/ Every reporter's data will be removed from this computer."
            )
        return (
            f"Masih ada {self.waiting_ops} op yang belum terkirim. Op itu tetap tersimpan terenkripsi dan "
            f"akan terkirim saat {self.username} masuk lagi di komputer ini; data pelapor lainnya dihapus. "
            f"/ {self.waiting_ops} unsent op(s) stay encrypted and go out at {self.username}'s next login."
        )


def logout_preview(store: LocalStore) -> LogoutPreview:
    """What the window and the CLI say before logging out (see ``logout``)."""
    from desktop.sync import outbox

    identity = load_identity(store)
    with store.read() as session:
        waiting = outbox.waiting_count(session)
        unread = len(NoticeRepository(session).unacknowledged())
    return LogoutPreview(identity.username if identity else None, waiting, unread)


def logout(store: LocalStore) -> Changes:
    """Log out: forget the token (telling the server when it is reachable) and take every
    complainant's data off this desk.

    The one function the window's "Keluar" and ``tanggap logout`` call (ask with
    ``logout_preview`` first). Ops waiting to be sent stay, encrypted, with the stripped rows
    they need, and go out at the next login of the same officer; every other ticket, thread,
    attachment and viewer copy goes, and the store is compacted so no freed page keeps them.
    """
    from desktop import credentials, purge
    from desktop.sync import attachments
    from desktop.sync.transport import AuthExpired, RequestRefused, Transport, TransportError

    identity = load_identity(store)
    if identity is not None:
        token = credentials.load_token(identity.server_url, identity.username)
        if token:
            transport = Transport(identity.server_url, token, read_timeout=10)
            try:
                transport.logout()
            except (TransportError, AuthExpired, RequestRefused) as exc:
                log.info("server logout skipped: %s", type(exc).__name__)
            finally:
                transport.close()
        credentials.delete_token(identity.server_url, identity.username)
    with store.write() as session:
        purge.purge_for_logout(session)
        if identity is not None:
            SyncStateRepository(session).set("auth_expired", "1")
    attachments.sweep(store)
    attachments.remove_viewer_copies(store.data_dir)
    compact(store)
    return Changes(sync_state=True, queue=True, outbox=True, notices=True)


def compact(store: LocalStore) -> None:
    """Rewrite the store without its free pages (VACUUM) and empty the WAL of the old ones."""
    raw = store.engine.raw_connection()
    try:
        conn = raw.driver_connection
        assert conn is not None
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


def transport_for(
    store: LocalStore, *, connect_timeout: float = 5.0, read_timeout: float = 60.0
) -> tuple[DeskIdentity, Transport]:
    from desktop import credentials
    from desktop.sync.transport import Transport

    identity = require_identity(store)
    with store.read() as session:
        expired = SyncStateRepository(session).get("auth_expired")
    token = None if expired else credentials.load_token(identity.server_url, identity.username)
    if not token:
        raise NotLoggedIn()
    return identity, Transport(
        identity.server_url, token, connect_timeout=connect_timeout, read_timeout=read_timeout
    )


def mark_auth_expired(store: LocalStore) -> None:
    from desktop import credentials

    identity = load_identity(store)
    if identity is not None:
        credentials.delete_token(identity.server_url, identity.username)
    with store.write() as session:
        SyncStateRepository(session).set("auth_expired", "1")
