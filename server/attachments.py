"""Attachments: files a citizen sent with a complaint or a desk added, kept once per content (sha256).

Everything about an incoming file is hostile: the name may carry paths, control characters or
a thousand characters; the mime type is only a hint (downloads are always served as
``attachment`` with ``nosniff``); the base64 may be broken or huge.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from desktop.domain import MAX_FILE_BYTES, FileBytes
from server.db import utcnow, write_unit
from server.models import AttachmentBlobRow, AttachmentRow, BlobUploadRow, OfficerRow, TicketRow
from server.scope import Caller, in_scope

MAX_ATTACHMENTS = 5
FILE_TOO_LARGE = f"The file is over {MAX_FILE_BYTES // (1024 * 1024)} MB."
# Base64 of MAX_FILE_BYTES, plus room for line breaks some encoders add.
MAX_BASE64_CHARS = (MAX_FILE_BYTES + 2) // 3 * 4 + 64 * 1024
MAX_FILENAME = 200
MAX_MIME = 100  # the attachments.mime column
DEFAULT_FILENAME = "lampiran"
DEFAULT_MIME = "application/octet-stream"
API_PATH = "/api/v1/attachments/"

_MIME_RE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]{0,60}/[a-z0-9][a-z0-9!#$&^_.+-]{0,60}$")
# Characters Windows refuses in file names; a desk may offer the name when saving a copy.
_FORBIDDEN = set('<>:"/\\|?*')


class AttachmentRefused(Exception):
    """A file the server will not take: ``status`` 413 (too big, too many) or 422 (broken)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def clean_filename(raw: str) -> str:
    """A display name without directories, control or format characters, at most MAX_FILENAME long."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[/\\]", name)[-1]  # "../../etc/passwd" and "C:\\x\\y.png" keep only the last part
    name = "".join(
        " " if ch.isspace() else "_" if ch in _FORBIDDEN else ch
        for ch in name
        if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )
    name = " ".join(name.split())  # tabs and runs of spaces become one space
    name = name.strip(" .")  # no hidden dot-files, no trailing dots Windows drops
    if len(name) > MAX_FILENAME:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10 and stem:
            name = stem[: MAX_FILENAME - len(ext) - 1].rstrip(" .") + "." + ext
        else:
            name = name[:MAX_FILENAME].rstrip(" .")
    return name or DEFAULT_FILENAME


def clean_mime(raw: str | None) -> str:
    """``type/subtype`` in lower case without parameters; anything odd is application/octet-stream."""
    mime = (raw or "").split(";", 1)[0].strip().lower()
    return mime if len(mime) <= MAX_MIME and _MIME_RE.match(mime) else DEFAULT_MIME


def decode_files(items: list[Any]) -> list[FileBytes]:
    """Check and decode intake's ``attachments`` (objects with filename, mime, content_base64)."""
    if len(items) > MAX_ATTACHMENTS:
        raise AttachmentRefused(
            413, "too_many_attachments", f"At most {MAX_ATTACHMENTS} attachments per complaint."
        )
    files = []
    for i, item in enumerate(items):
        text = item.content_base64
        if len(text) > MAX_BASE64_CHARS:
            raise AttachmentRefused(413, "attachment_too_large", _too_large(i))
        try:
            data = base64.b64decode("".join(text.split()), validate=True)
        except (binascii.Error, ValueError):
            raise AttachmentRefused(
                422, "invalid_attachment", f"attachments.{i}.content_base64 is not valid base64."
            ) from None
        if len(data) > MAX_FILE_BYTES:
            raise AttachmentRefused(413, "attachment_too_large", _too_large(i))
        files.append(FileBytes(clean_filename(item.filename), clean_mime(item.mime), data))
    return files


def _too_large(index: int) -> str:
    return f"attachments.{index} is over {MAX_FILE_BYTES // (1024 * 1024)} MB."


def store_blob(session: Session, sha256: str, data: bytes) -> bool:
    """Insert the bytes unless that content is already stored (also under a concurrent insert).

    True if this call stored them, False if they were there already.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    now = utcnow()
    had = session.scalar(sa.select(AttachmentBlobRow.sha256).where(AttachmentBlobRow.sha256 == sha256))
    # Stored again: only its arrival time moves (an upload whose op comes later is not pruned).
    session.execute(
        insert(AttachmentBlobRow)
        .values(sha256=sha256, size=len(data), data=data, stored_at=now)
        .on_conflict_do_update(index_elements=["sha256"], set_={"stored_at": now})
    )
    return had is None


# Per officer per day: a desk's own attachments fit many times over; a script filling the disk does not.
DEFAULT_UPLOAD_QUOTA_BYTES = 200 * 1024 * 1024
QUOTA_WINDOW = timedelta(days=1)


class UploadQuotaExceeded(AttachmentRefused):
    def __init__(self, quota: int, retry_after: int) -> None:
        super().__init__(
            429,
            "upload_quota_exceeded",
            f"Kuota unggahan harian Anda ({quota // (1024 * 1024)} MB) sudah habis; "
            "coba lagi nanti atau hubungi admin server.",
        )
        self.retry_after = retry_after


def put_blob(engine: Engine, caller: Caller, sha256: str, data: bytes, quota: int) -> bool:
    """A desk's upload (PUT /blobs/{sha256}): checked, charged to the caller's daily quota, stored once.

    True ("stored now") unless the caller could already see these bytes were here: an upload never
    confirms that someone else's file exists.
    """
    if len(data) > MAX_FILE_BYTES:
        raise AttachmentRefused(413, "attachment_too_large", FILE_TOO_LARGE)
    if hashlib.sha256(data).hexdigest() != sha256:
        raise AttachmentRefused(
            422, "hash_mismatch", "The body's SHA-256 is not the one in the path; nothing was stored."
        )
    now = utcnow()
    with write_unit(engine) as unit:
        s = unit.session
        visible = blob_visible(s, caller, sha256)
        stored = s.scalar(sa.select(AttachmentBlobRow.size).where(AttachmentBlobRow.sha256 == sha256))
        charge = 0 if stored is not None else len(data)
        if charge:
            # One upload of this officer at a time is counted (row lock; SQLite: the write lock).
            s.execute(sa.select(OfficerRow.id).where(OfficerRow.id == caller.officer_id).with_for_update())
            since = now - QUOTA_WINDOW
            used, oldest = s.execute(
                sa.select(
                    sa.func.coalesce(sa.func.sum(BlobUploadRow.size), 0),
                    sa.func.min(BlobUploadRow.uploaded_at),
                ).where(
                    BlobUploadRow.officer_id == caller.officer_id,
                    BlobUploadRow.uploaded_at > since,
                    BlobUploadRow.size > 0,
                )
            ).one()
            if int(used) + charge > quota:
                retry = int(((oldest or now) + QUOTA_WINDOW - now).total_seconds()) + 1
                raise UploadQuotaExceeded(quota, max(1, retry))
        store_blob(s, sha256, data)
        s.add(BlobUploadRow(officer_id=caller.officer_id, sha256=sha256, size=charge, uploaded_at=now))
    return not visible


def blob_visible(session: Session, caller: Caller, sha256: str) -> bool:
    """Whether the caller may know these bytes are here: their own upload, or a file of a ticket they see."""
    own = session.scalar(
        sa.select(BlobUploadRow.id)
        .where(BlobUploadRow.officer_id == caller.officer_id, BlobUploadRow.sha256 == sha256)
        .limit(1)
    )
    if own is not None:
        return True
    tickets = session.execute(
        sa.select(TicketRow.opd_code, TicketRow.assignee, TicketRow.confidentiality)
        .join(AttachmentRow, AttachmentRow.ticket_id == TicketRow.id)
        .where(AttachmentRow.sha256 == sha256)
    ).all()
    return any(in_scope(caller, t.opd_code, t.assignee, t.confidentiality) for t in tickets)


def touch_blob(engine: Engine, caller: Caller, sha256: str) -> int | None:
    """The size of stored bytes the caller may know of (None: not here, or not theirs to know);
    asking counts as a fresh arrival (see jobs)."""
    with write_unit(engine) as unit:
        if not blob_visible(unit.session, caller, sha256):
            return None
        size = unit.session.execute(
            sa.update(AttachmentBlobRow)
            .where(AttachmentBlobRow.sha256 == sha256)
            .values(stored_at=utcnow())
            .returning(AttachmentBlobRow.size)
        ).scalar_one_or_none()
    return None if size is None else int(size)


def attachment_row(
    attachment_id: str, ticket_id: str, filename: str, mime: str, size: int, sha256: str
) -> AttachmentRow:
    """A ticket's attachment metadata, downloadable at its own URL (the bytes are a blob)."""
    return AttachmentRow(
        id=attachment_id,
        ticket_id=ticket_id,
        filename=filename,
        mime=mime,
        size=size,
        sha256=sha256,
        url=API_PATH + attachment_id,
    )


# The ``blob_uploads.officer_id`` of files that came in citizens' mail (no officer has id 0): the
# server's daily mail quota (TANGGAP_MAIL_QUOTA_MB, docs/channels.md) is counted on them.
MAIL_UPLOADER = 0


def uploaded_since(session: Session, uploader: int, since: datetime) -> int:
    """Bytes charged to ``uploader`` since then (contents stored before cost nothing)."""
    used = session.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(BlobUploadRow.size), 0)).where(
            BlobUploadRow.officer_id == uploader, BlobUploadRow.uploaded_at > since
        )
    )
    return int(used or 0)


def attach(
    session: Session, ticket_id: str, files: list[FileBytes], uploader: int | None = None
) -> list[AttachmentRow]:
    """Blobs and metadata rows for a ticket; the caller records the ticket write in its unit.
    With ``uploader`` the new bytes are charged to that uploader's daily quota."""
    rows = []
    for f in files:
        sha = f.sha256
        stored_now = store_blob(session, sha, f.data)
        if uploader is not None:
            charge = len(f.data) if stored_now else 0
            session.add(BlobUploadRow(officer_id=uploader, sha256=sha, size=charge, uploaded_at=utcnow()))
        row = attachment_row(str(uuid.uuid4()), ticket_id, f.filename, f.mime, len(f.data), sha)
        session.add(row)
        rows.append(row)
    return rows


@dataclass(frozen=True, slots=True)
class Download:
    filename: str
    mime: str
    sha256: str
    data: bytes


def load_for(session: Session, caller: Caller, attachment_id: str) -> Download | None:
    """The file if its ticket is in the caller's scope; None otherwise (the API answers 404)."""
    found = session.execute(
        sa.select(
            AttachmentRow.filename,
            AttachmentRow.mime,
            AttachmentRow.sha256,
            TicketRow.opd_code,
            TicketRow.assignee,
            TicketRow.confidentiality,
        )
        .join(TicketRow, TicketRow.id == AttachmentRow.ticket_id)
        .where(AttachmentRow.id == attachment_id)
    ).one_or_none()
    if found is None or not in_scope(caller, found.opd_code, found.assignee, found.confidentiality):
        return None
    data = session.scalar(sa.select(AttachmentBlobRow.data).where(AttachmentBlobRow.sha256 == found.sha256))
    if data is None:
        return None
    return Download(found.filename, clean_mime(found.mime), found.sha256, bytes(data))


def content_disposition(filename: str) -> str:
    """Always ``attachment``: a browser must never render a citizen's file in the server's origin."""
    from urllib.parse import quote

    ascii_name = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\;' else "_" for ch in filename)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
