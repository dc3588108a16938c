"""Attachment blobs cached for offline viewing: fetched after the tickets are synced.

The step never fails a sync: whatever it cannot fetch now (network, budget, a wrong hash) stays
uncached and is tried again on the next sync. Files live content-addressed under
``<data_dir>/attachments/<sha256[:2]>/<sha256>``; the server's file name never reaches a path,
and a blob shared by several attachments is fetched and stored once. Each file is written to a
temporary name, checked against its sha256 and size, flushed to disk and then renamed, so a
cached path always holds the whole, verified file.

A cached file is sealed (AES-256-GCM under a subkey of the store key, see desktop.privacy):
the plain bytes are checked in memory and never written to the data folder. They reach disk
only in a private viewer copy while the officer has the attachment open; those copies go at
the next sync, at logout and when the workstation closes (``remove_viewer_copies``).
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import os
import re
import shutil
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, literal, select, update

from db import models
from desktop import privacy, purge
from desktop.domain import MAX_FILE_BYTES, SHA256_HEX, FileBytes
from desktop.store import LocalStore

if TYPE_CHECKING:
    # The transport pulls in requests; the ticket pane imports this module and never downloads.
    from desktop.sync.transport import Transport

log = logging.getLogger(__name__)

ATTACHMENTS_DIR = "attachments"
VIEW_DIR = "view"  # copies named for the system viewer (see viewer_copy)
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
SYNC_BUDGET_BYTES = 50 * 1024 * 1024
API_PATH = "/api/v1/attachments/"
# A viewer copy left for the system viewer to read; the next sync after this many seconds removes it.
VIEWER_COPY_SECONDS = 300
SEALED_OVERHEAD = len(privacy.SEALED_MAGIC) + privacy.NONCE_BYTES + 16  # magic, nonce, GCM tag


def sealed_size(plain_size: int) -> int:
    return plain_size + SEALED_OVERHEAD


def _blob_key(data_dir: Path) -> bytes:
    return privacy.attachment_key_for(data_dir)


def read_blob(data_dir: Path, cached_path: str | None, sha256: str) -> bytes | None:
    """The plain bytes of a cached attachment (checked against its sha256), or None if not cached."""
    path = cached_file(data_dir, cached_path)
    if path is None:
        return None
    try:
        data = privacy.unseal(_blob_key(data_dir), path.read_bytes(), sha256=sha256)
    except privacy.SealedBlobInvalid:
        log.warning("attachment %s: cached file does not verify; fetched again next sync", sha256[:12])
        return None
    return data if hashlib.sha256(data).hexdigest() == sha256 else None


def _write_sealed(data_dir: Path, final: Path, data: bytes, sha256: str) -> None:
    """Seal ``data`` and write it whole to ``final`` (temporary name, fsync, rename)."""
    sealed = privacy.seal(_blob_key(data_dir), data, sha256=sha256)
    privacy.private_mkdir(final.parent)
    fd, tmp_name = tempfile.mkstemp(prefix=".part-", dir=final.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(sealed)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, final)
    finally:
        Path(tmp_name).unlink(missing_ok=True)


@dataclass(frozen=True, slots=True)
class FetchReport:
    cached: int = 0  # attachments that have a cached file now and had none before
    downloaded_bytes: int = 0
    failed: int = 0  # tried and not cached: network, refused, wrong hash (tried again next sync)
    deferred: int = 0  # over the size cap or the sync's budget, or not valid metadata
    ticket_ids: frozenset[str] = frozenset()  # tickets whose attachments became viewable offline


def relative_blob_path(sha256: str) -> str:
    """Where a blob lives, relative to the data folder (forward slashes on every system)."""
    if not SHA256_HEX.match(sha256):
        raise ValueError("not a sha256 hex digest")
    return f"{ATTACHMENTS_DIR}/{sha256[:2]}/{sha256}"


def cached_file(data_dir: Path, cached_path: str | None) -> Path | None:
    """The absolute path of a cached attachment, if it is cached and still on disk."""
    if not cached_path:
        return None
    path = data_dir.joinpath(*cached_path.split("/"))
    return path if path.is_file() else None


@dataclass(frozen=True, slots=True)
class _Wanted:
    sha256: str
    size: int
    url: str


def _wanted(store: LocalStore) -> list[_Wanted]:
    """Blobs not cached yet, one per sha256, the newest ticket's first."""
    with store.read() as session:
        rows = session.execute(
            select(
                models.Attachment.id,
                models.Attachment.sha256,
                models.Attachment.size,
                models.Attachment.url,
                func.max(models.Ticket.received_at).label("newest"),
            )
            .join(models.Ticket, models.Ticket.id == models.Attachment.ticket_id)
            .where(models.Attachment.cached_path.is_(None), models.Ticket.archived.is_(False))
            .group_by(models.Attachment.sha256)
            .order_by(func.max(models.Ticket.received_at).desc())
        ).all()
    return [_Wanted(r.sha256, int(r.size), r.url or API_PATH + r.id) for r in rows]


def _forget_stale(store: LocalStore) -> None:
    """A cached path that no longer names the attachment's content (its metadata changed) is dropped."""
    with store.write() as session:
        sha = models.Attachment.sha256
        expected = literal(ATTACHMENTS_DIR + "/") + func.substr(sha, 1, 2) + "/" + sha
        session.execute(
            update(models.Attachment)
            .where(models.Attachment.cached_path.is_not(None), models.Attachment.cached_path != expected)
            .values(cached_path=None)
        )


def sweep(store: LocalStore) -> int:
    """Remove the files no ticket of this desk needs any more; how many blobs went.

    A ticket that left this desk's scope (transferred, restricted) stays as a read-only archive
    row, but its files and personal data do not stay on this computer (desktop.purge; likewise
    for tickets closed longer than the retention). Blobs no attachment names (left by a crash
    between download and bookkeeping, or by a ticket that went away) go too, with the viewer
    copies made of them. Called under the sync lock, so no download is in flight; the files go
    while this holds the store's write lock, so a file being attached (written inside its own
    write transaction, see ``keep_local_blob``) is either named already or not written yet.
    """
    with store.write() as session:
        # The one place personal data leaves at sync: out of scope, or closed past the retention.
        purge.purge_at_sync(session, datetime.now(UTC))
        archived = select(models.Ticket.id).where(models.Ticket.archived.is_(True))
        session.execute(
            update(models.Attachment)
            .where(models.Attachment.cached_path.is_not(None), models.Attachment.ticket_id.in_(archived))
            .values(cached_path=None)
        )
        needed = set(
            session.scalars(
                select(models.Attachment.sha256)
                .join(models.Ticket, models.Ticket.id == models.Attachment.ticket_id)
                .where(models.Ticket.archived.is_(False))
                .distinct()
            )
        )
        removed = _remove_unneeded(store.path.parent / ATTACHMENTS_DIR, needed)
    if removed:
        log.info("attachments: removed %d file(s) no ticket of this desk needs", removed)
    return removed


def _remove_unneeded(root: Path, needed: set[str]) -> int:
    removed = 0
    for folder in sorted(root.iterdir()) if root.is_dir() else ():
        if not folder.is_dir():
            continue
        if folder.name == VIEW_DIR:
            for copies in folder.iterdir():
                if copies.is_dir() and copies.name not in needed:
                    for copy in copies.iterdir():
                        privacy.shred(copy)
                    shutil.rmtree(copies, ignore_errors=True)
            remove_viewer_copies(root.parent, older_than=VIEWER_COPY_SECONDS)
            continue
        for blob in folder.iterdir():
            # Only what this module writes: a digest-named blob, or a partial write left by a crash.
            if blob.name in needed or not (SHA256_HEX.match(blob.name) or blob.name.startswith(".part-")):
                continue
            blob.unlink(missing_ok=True)
            removed += bool(SHA256_HEX.match(blob.name))
    return removed


# -- files added at this desk ------------------------------------------------------------------


class FileRefused(ValueError):
    """A file the desk will not attach; the message says why, in Indonesian and English."""


def read_local_file(path: Path) -> FileBytes:
    """A file the officer picked, checked before anything is written (size, readability)."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise FileRefused(f"{path.name} bukan berkas. / Not a file.")
        if size > MAX_FILE_BYTES:
            raise FileRefused(
                f"{path.name} lebih dari {MAX_FILE_BYTES // (1024 * 1024)} MB; server tidak menerimanya."
                f" / Over {MAX_FILE_BYTES // (1024 * 1024)} MB."
            )
        data = path.read_bytes()
    except OSError as exc:
        raise FileRefused(
            f"Berkas tidak dapat dibaca: {exc.strerror or exc}. / Cannot read the file."
        ) from None
    if not data:
        raise FileRefused(f"{path.name} kosong. / The file is empty.")
    if len(data) > MAX_FILE_BYTES:  # grew while we looked
        raise FileRefused(f"{path.name} terlalu besar. / Too large.")
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return FileBytes(_display_name(path.name), mime, data)


def _display_name(raw: str) -> str:
    """The picked file's name without control or format characters (the server cleans it again)."""
    name = "".join(ch for ch in unicodedata.normalize("NFC", raw) if unicodedata.category(ch)[0] != "C")
    return " ".join(name.split())[:200] or "lampiran"


def keep_local_blob(data_dir: Path, data: bytes) -> str:
    """Store the bytes in the content-addressed cache (whole or not at all); their relative path.

    Call it inside the write transaction that adds the attachment row (see ``sweep``).
    """
    sha256 = hashlib.sha256(data).hexdigest()
    relative = relative_blob_path(sha256)
    final = data_dir.joinpath(*relative.split("/"))
    if final.is_file() and final.stat().st_size == sealed_size(len(data)):
        return relative
    _write_sealed(data_dir, final, data, sha256)
    return relative


def upload_blob(transport: Transport, data_dir: Path, sha256: str) -> None:
    """Send one of this desk's files before the op that names it (PUT is idempotent)."""
    path = cached_file(data_dir, relative_blob_path(sha256))
    if path is None:
        raise FileNotFoundError(sha256)
    # Already there (sent before a lost answer, or the same file from another desk): not again,
    # which on a field office's slow line is most of the cost.
    if transport.blob_size(sha256) == path.stat().st_size - SEALED_OVERHEAD:
        return
    data = read_blob(data_dir, relative_blob_path(sha256), sha256)
    if data is None:
        raise FileNotFoundError(sha256)
    transport.put_blob(sha256, data)


def _mark_cached(store: LocalStore, sha256: str) -> list[str]:
    """Point every attachment with this content at the file; the tickets they belong to."""
    with store.write() as session:
        rows = list(
            session.scalars(
                select(models.Attachment).where(
                    models.Attachment.sha256 == sha256, models.Attachment.cached_path.is_(None)
                )
            )
        )
        for row in rows:
            row.cached_path = relative_blob_path(sha256)
        return [row.ticket_id for row in rows]


def _download(
    transport: Transport, data_dir: Path, want: _Wanted, final: Path, max_bytes: int
) -> tuple[bool, int]:
    """Fetch into memory (at most ``max_bytes``), check the hash, and keep it sealed at ``final``."""
    digest = hashlib.sha256()
    buffer = bytearray()

    def write(chunk: bytes) -> None:
        digest.update(chunk)
        buffer.extend(chunk)

    received = transport.download(want.url, write, max_bytes=max_bytes)
    if digest.hexdigest() != want.sha256 or received != want.size:
        log.warning(
            "attachment %s: server sent %d bytes hashing to %s; discarded, retried next sync",
            want.sha256[:12],
            received,
            digest.hexdigest()[:12],
        )
        return False, received
    _write_sealed(data_dir, final, bytes(buffer), want.sha256)
    return True, received


def fetch_missing(
    store: LocalStore,
    transport: Transport,
    budget: int = SYNC_BUDGET_BYTES,
    *,
    max_bytes: int = MAX_ATTACHMENT_BYTES,
) -> FetchReport:
    """Cache the attachments that have no local file yet, newest tickets first, within ``budget`` bytes."""
    from desktop.sync.transport import AuthExpired, DownloadTooLarge, RequestRefused, TransportError

    data_dir = store.path.parent
    _forget_stale(store)
    sweep(store)
    downloaded = failed = deferred = 0
    tickets: list[str] = []
    for want in _wanted(store):
        if not SHA256_HEX.match(want.sha256) or not want.url.startswith(API_PATH):
            deferred += 1  # a name that could leave the cache folder or the server: never fetched
            continue
        final = data_dir / relative_blob_path(want.sha256)
        if final.is_file() and final.stat().st_size == sealed_size(want.size):
            tickets += _mark_cached(store, want.sha256)  # the same file came with another ticket
            continue
        if want.size > max_bytes or want.size > budget - downloaded:
            deferred += 1
            continue
        try:
            ok, received = _download(transport, data_dir, want, final, min(max_bytes, budget - downloaded))
        except DownloadTooLarge:
            log.warning("attachment %s is larger than announced; not cached", want.sha256[:12])
            failed += 1
            continue
        except RequestRefused as exc:
            log.info("attachment %s refused (%s); tried again next sync", want.sha256[:12], exc.code)
            failed += 1
            continue
        except (TransportError, AuthExpired) as exc:
            # The network went away (or the session ended): the rest waits for the next sync.
            log.info("attachment download stopped: %s", exc)
            failed += 1
            break
        except OSError as exc:
            log.warning("attachment cache not writable (%s); downloads stop for this sync", exc)
            failed += 1
            break
        downloaded += received
        if ok:
            tickets += _mark_cached(store, want.sha256)
        else:
            failed += 1
    return FetchReport(len(tickets), downloaded, failed, deferred, frozenset(tickets))


# -- viewing ----------------------------------------------------------------------------------

# The system viewer picks its program by extension: only types that open in a viewer, never
# anything that could run. Other files can still be saved elsewhere ("Simpan sebagai…").
VIEWER_EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/bmp": ".bmp",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
    "video/mp4": ".mp4",
    "audio/mpeg": ".mp3",
    "audio/ogg": ".ogg",
}
_UNSAFE_NAME_CHARS = re.compile(r"[^\w\- ]+")


def safe_stem(filename: str, limit: int = 60) -> str:
    """A file name stem made only of letters, digits, '-', '_' and spaces (the server's name is hostile)."""
    stem = filename.rsplit(".", 1)[0] if "." in filename.strip(".") else filename
    cleaned = " ".join(_UNSAFE_NAME_CHARS.sub(" ", stem).split())[:limit].strip()
    return cleaned or "lampiran"


def viewer_copy(
    data_dir: Path, cached_path: str | None, filename: str, mime: str, sha256: str
) -> Path | None:
    """A private plain copy of a cached file, named so the system viewer knows its type; None if
    it may not be opened.

    Lives under ``<data_dir>/attachments/view/<sha256>/`` (user-only) only while the officer
    looks at it: ``remove_viewer_copies`` clears them at the next sync, logout and exit.
    """
    extension = VIEWER_EXTENSIONS.get(mime.split(";", 1)[0].strip().lower())
    if extension is None or not SHA256_HEX.match(sha256):
        return None
    data = read_blob(data_dir, cached_path, sha256)
    if data is None:
        return None
    target = data_dir / ATTACHMENTS_DIR / VIEW_DIR / sha256 / (safe_stem(filename) + extension)
    if target.is_file() and target.stat().st_size == len(data):
        return target
    _write_plain_private(target, data)
    return target


def save_copy(data_dir: Path, cached_path: str | None, sha256: str, target: Path) -> bool:
    """Write the plain attachment where the officer chose ("Simpan sebagai"); False if not cached."""
    data = read_blob(data_dir, cached_path, sha256)
    if data is None:
        return False
    target.write_bytes(data)
    return True


def _write_plain_private(target: Path, data: bytes) -> None:
    privacy.private_mkdir(target.parent)
    fd, tmp_name = tempfile.mkstemp(prefix=".part-", dir=target.parent)  # mkstemp: mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp_name, target)
    finally:
        Path(tmp_name).unlink(missing_ok=True)


def remove_viewer_copies(data_dir: Path, *, older_than: float | None = None) -> int:
    """Remove the plain viewer copies (overwritten first), or only those made more than
    ``older_than`` seconds ago; how many went. One still open in a viewer on Windows cannot be
    removed yet and goes next time."""
    root = data_dir / ATTACHMENTS_DIR / VIEW_DIR
    removed = 0
    now = time.time()
    for folder in root.iterdir() if root.is_dir() else ():
        for copy in folder.iterdir() if folder.is_dir() else (folder,):
            try:
                if older_than is not None and now - copy.stat().st_mtime < older_than:
                    continue
                privacy.shred(copy)
                removed += 1
            except OSError:
                continue
        try:
            folder.rmdir()
        except OSError:
            pass
    return removed
