"""E-mail in: poll the complaint mailboxes over IMAP. A new mail becomes a ticket through intake
(idempotent on its Message-ID per mailbox); a mail answering ours joins its ticket as the
citizen's message. Either way the mail's attachments and inline images become the ticket's.

The mailboxes: the server's (``TANGGAP_IMAP_URL``, new complaints to ``TANGGAP_IMAP_OPD``) and
each OPD's own (``tanggap-server opd-mailbox``, new complaints to that OPD). A URL is
``imaps://user:pass@host:993/INBOX`` (TLS), ``imap://`` (STARTTLS) or ``imap+plain://`` (no TLS:
loopback and tests only). A mail is flagged ``\\Seen`` once it is in the database; a crash before
the flag only means the next poll sees it again, and adds nothing.
"""

from __future__ import annotations

import hashlib
import imaplib
import logging
import mimetypes
import re
import ssl
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage, MIMEPart
from email.utils import parseaddr, parsedate_to_datetime
from urllib.parse import parse_qs, unquote, urlsplit

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from desktop.domain import MAX_FILE_BYTES, Channel, FileBytes
from server.attachments import (
    MAIL_UPLOADER,
    MAX_ATTACHMENTS,
    QUOTA_WINDOW,
    clean_filename,
    clean_mime,
    uploaded_since,
)
from server.db import read_session, utcnow
from server.delivery.inbound import append_citizen_message, mail_ref, skipped_note, ticket_for_mail
from server.delivery.settings import DeliverySettings
from server.models import OpdRow
from server.sla_service import SlaDirectoryCache

log = logging.getLogger("tanggap.delivery.imap")
TIMEOUT_SECONDS = 60
MAX_BODY_CHARS = 20000
_MSGID = re.compile(r"<[^<>\s]+>")


class ImapUrlError(ValueError):
    pass


@dataclass(frozen=True)
class Mailbox:
    mode: str  # ssl, starttls, plain
    host: str
    port: int
    user: str
    password: str
    folder: str
    cafile: str

    @classmethod
    def parse(cls, url: str) -> Mailbox:
        parts = urlsplit(url)
        modes = {"imaps": ("ssl", 993), "imap": ("starttls", 143), "imap+plain": ("plain", 143)}
        if parts.scheme not in modes or not parts.hostname:
            # Never the URL itself in the message: it holds the mailbox's password.
            raise ImapUrlError(
                "an IMAP URL must be imaps://, imap:// or imap+plain://user:password@host/INBOX, "
                f"not {parts.scheme or '(no scheme)'}://..."
            )
        mode, port = modes[parts.scheme]
        return cls(
            mode,
            parts.hostname,
            parts.port or port,
            unquote(parts.username or ""),
            unquote(parts.password or ""),
            unquote(parts.path.strip("/")) or "INBOX",
            parse_qs(parts.query).get("cafile", [""])[0],
        )

    def connect(self) -> imaplib.IMAP4:
        context = ssl.create_default_context(cafile=self.cafile or None)
        if self.mode == "ssl":
            conn: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                self.host, self.port, ssl_context=context, timeout=TIMEOUT_SECONDS
            )
        else:
            conn = imaplib.IMAP4(self.host, self.port, timeout=TIMEOUT_SECONDS)
            if self.mode == "starttls":
                conn.starttls(ssl_context=context)
        conn.login(self.user, self.password)
        return conn


@dataclass(frozen=True)
class Mail:
    message_id: str
    subject: str
    sender_name: str
    sender_address: str
    body: str
    in_reply_to: tuple[str, ...]
    received_at: datetime | None
    automatic: bool  # an auto-reply or bounce: never a complaint, never acknowledged
    files: tuple[FileBytes, ...] = ()  # attachments and inline images that are kept
    skipped: tuple[str, ...] = ()  # those that are not, each with why (for the thread)


def parse_mail(raw: bytes) -> Mail:
    msg = message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    message_id = str(msg.get("Message-ID", "") or "").strip()
    if not _MSGID.fullmatch(message_id):
        # No usable Message-ID: the content's hash keeps the intake idempotent all the same.
        message_id = f"<sha256-{hashlib.sha256(raw).hexdigest()}@tanggap.invalid>"
    name, address = parseaddr(str(msg.get("From", "")))
    part = msg.get_body(preferencelist=("plain", "html"))
    files, skipped = mail_files(msg, part if isinstance(part, EmailMessage) else None)
    body = ""
    if part is not None:
        body = "\n".join(str(p.get_content()) for p in _text_pieces(msg, part))
        if part.get_content_type() == "text/html":
            body = re.sub(r"<[^>]+>", " ", body)  # complaint text is plain text, always
    refs = _MSGID.findall(str(msg.get("In-Reply-To", "") or "")) + _MSGID.findall(
        str(msg.get("References", "") or "")
    )
    when = None
    try:
        when = parsedate_to_datetime(str(msg["Date"])) if msg["Date"] else None
        if when is not None and when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
    except (TypeError, ValueError):
        when = None
    auto = str(msg.get("Auto-Submitted", "no")).strip().lower()
    return Mail(
        message_id=message_id,
        subject=" ".join(str(msg.get("Subject", "") or "").split()),
        sender_name=name,
        sender_address=address,
        body=_strip_quote(body)[:MAX_BODY_CHARS],
        in_reply_to=tuple(dict.fromkeys(refs)),
        received_at=when,
        automatic=auto not in ("", "no")
        or bool(msg.get("X-Autoreply"))
        or address.lower().startswith("mailer-daemon"),
        files=tuple(files),
        skipped=tuple(skipped),
    )


def _text_pieces(msg: EmailMessage, body: MIMEPart) -> list[MIMEPart]:
    """The body, in pieces where the mail program split it around inline pictures (Apple Mail:
    multipart/mixed of text, image, text); one piece otherwise."""
    if msg.get_content_type() != "multipart/mixed" or body.get_content_type() != "text/plain":
        return [body]
    children = list(msg.iter_parts())
    if not any(p is body for p in children):
        return [body]
    return [
        p
        for p in children
        if isinstance(p, MIMEPart)
        and p.get_content_type() == "text/plain"
        and p.get_filename() is None
        and p.get_content_disposition() != "attachment"
    ]


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


def mail_files(msg: EmailMessage, body: EmailMessage | None) -> tuple[list[FileBytes], list[str]]:
    """The files of a mail (attachments, inline images), checked as an upload is: at most
    MAX_ATTACHMENTS, each at most MAX_FILE_BYTES, names cleaned, types a hint only. A file that
    is not kept is a line saying why, never a refused mail."""
    files: list[FileBytes] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for part in msg.walk():
        if part.is_multipart() or part is body:
            continue
        mime = clean_mime(part.get_content_type())
        raw_name = part.get_filename()
        disposition = part.get_content_disposition()
        if raw_name is None and disposition != "attachment" and mime.startswith("text/"):
            continue  # the other alternative of the body (HTML next to plain text), not a file
        try:
            data = part.get_payload(decode=True)
        except Exception:  # a broken part: said so, the rest of the mail still counts
            data = None
        name = clean_filename(raw_name or f"lampiran-{len(files) + len(skipped) + 1}")
        if raw_name is None and "." not in name:
            name += mimetypes.guess_extension(mime) or ""
        if not isinstance(data, bytes):
            skipped.append(f"{name}: tidak dapat dibaca")
            continue
        if not data:
            continue
        if len(data) > MAX_FILE_BYTES:
            skipped.append(f"{name} ({_megabytes(len(data))}): lebih dari {_megabytes(MAX_FILE_BYTES)}")
            continue
        file = FileBytes(name, mime, data)
        if file.sha256 in seen:
            continue  # the same picture twice (inline and attached): one file
        if len(files) >= MAX_ATTACHMENTS:
            skipped.append(f"{name}: lebih dari {MAX_ATTACHMENTS} lampiran dalam satu surel")
            continue
        seen.add(file.sha256)
        files.append(file)
    return files, skipped


def _strip_quote(body: str) -> str:
    """The citizen's own words: the quoted earlier mail (``> ...`` and what follows "On ... wrote:"
    / "Pada ... menulis:") is dropped."""
    lines = []
    for line in body.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if re.match(r"^(On .+ wrote:|Pada .+ menulis:)$", stripped):
            break
        if stripped.startswith(">"):
            continue
        lines.append(line)
    return "\n".join(lines).strip()


@dataclass
class PollReport:
    new_tickets: int = 0
    replies: int = 0
    ignored: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    """A mailbox to read: where its new complaints go, and its part of their idempotency key
    ("": the server's mailbox; an OPD's code: that OPD's own)."""

    url: str
    opd_code: str
    key: str = ""

    @property
    def label(self) -> str:
        return f"mailbox of {self.key}" if self.key else "TANGGAP_IMAP_URL"


def sources(engine: Engine, settings: DeliverySettings) -> list[Source]:
    """Every mailbox to read: the server's, then each OPD's own (as the directory says)."""
    out = [Source(settings.imap_url, settings.imap_opd)] if settings.imap_url else []
    with read_session(engine) as s:
        rows = s.execute(
            sa.select(OpdRow.code, OpdRow.mail_imap_url)
            .where(OpdRow.mail_imap_url != "")
            .order_by(OpdRow.code)
        ).all()
    out += [Source(url, code, code) for code, url in rows]
    return out


def within_quota(engine: Engine, quota: int, mail: Mail) -> tuple[list[FileBytes], list[str]]:
    """The mail's files that fit in the server's daily mail quota, and the words on those that
    do not (with the ones already skipped): a mailbox flooded with files cannot fill the disk."""
    with read_session(engine) as s:
        used = uploaded_since(s, MAIL_UPLOADER, utcnow() - QUOTA_WINDOW)
    files, skipped = [], list(mail.skipped)
    for f in mail.files:
        if used + len(f.data) > quota:
            skipped.append(f"{f.filename}: kuota harian lampiran surel di server ({_megabytes(quota)}) habis")
            continue
        used += len(f.data)
        files.append(f)
    return files, skipped


def take_in(
    engine: Engine, sla_cache: SlaDirectoryCache, settings: DeliverySettings, mail: Mail, source: Source
) -> str:
    """One mail into the database: ``reply``, ``ticket``, ``duplicate`` or ``ignored``."""
    from server.intake import intake
    from server.schemas import IntakeIn

    files, skipped = within_quota(engine, settings.mail_quota_bytes, mail)
    ticket_id = ticket_for_mail(engine, mail.subject, mail.in_reply_to)
    if ticket_id is not None:
        added = append_citizen_message(
            engine,
            sla_cache,
            ticket_id,
            mail.message_id,
            mail.body,
            mail.received_at,
            files=files,
            skipped=skipped,
        )
        return "reply" if added else "duplicate"
    if mail.automatic:
        return "ignored"
    data = IntakeIn.model_validate(
        {
            "channel": Channel.EMAIL.value,
            "external_ref": mail_ref(mail.message_id, source.key),
            "reporter": {"name": mail.sender_name or mail.sender_address, "contact": mail.sender_address},
            "title": (mail.subject or "Pengaduan lewat surel")[:500],
            "body": mail.body or ("(lihat lampiran)" if files else "(surel tanpa isi teks)"),
            "opd_code": source.opd_code or None,
            "received_at": mail.received_at,
        }
    )
    notes = [skipped_note(skipped)] if skipped else []
    _ticket, created = intake(engine, sla_cache, data, files=files, notes=notes, uploader=MAIL_UPLOADER)
    return "ticket" if created else "duplicate"


def poll(
    engine: Engine, sla_cache: SlaDirectoryCache, settings: DeliverySettings, source: Source
) -> PollReport:
    """Read every unseen mail of one mailbox into the database, then flag it seen."""
    report = PollReport()
    box = Mailbox.parse(source.url)
    conn = box.connect()
    try:
        conn.select(box.folder)
        _typ, data = conn.uid("SEARCH", "UNSEEN")
        for uid in (data[0] or b"").decode().split():
            _typ, fetched = conn.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next((part[1] for part in fetched if isinstance(part, tuple)), None)
            if raw is None:
                continue
            try:
                outcome = take_in(engine, sla_cache, settings, parse_mail(raw), source)
            except Exception as exc:
                # Left unseen: the next poll tries again; the administrator sees why in the log.
                log.exception("%s: mail %s could not be taken in", source.label, uid)
                report.errors.append(f"{source.label} {uid}: {exc}")
                continue
            if outcome == "ticket":
                report.new_tickets += 1
            elif outcome == "reply":
                report.replies += 1
            else:
                report.ignored += 1
            conn.uid("STORE", uid, "+FLAGS", "(\\Seen)")
    finally:
        try:
            conn.logout()
        except (imaplib.IMAP4.error, OSError):
            pass
    return report


def poll_all(engine: Engine, sla_cache: SlaDirectoryCache, settings: DeliverySettings) -> PollReport | None:
    """Every mailbox in turn (None: there is none); one that is down or misconfigured is logged
    and skipped, the others are read all the same."""
    boxes = sources(engine, settings)
    if not boxes:
        return None
    total = PollReport()
    for source in boxes:
        try:
            report = poll(engine, sla_cache, settings, source)
        except Exception as exc:  # the mailbox is down or its URL wrong: say so, try next pass
            log.warning("IMAP poll of the %s failed: %s", source.label, exc)
            total.errors.append(f"{source.label}: {exc}")
            continue
        total.new_tickets += report.new_tickets
        total.replies += report.replies
        total.ignored += report.ignored
        total.errors += report.errors
    return total
