"""E-mail out over SMTP: STARTTLS (smtp://, port 587) or SMTPS (smtps://, port 465), with login.

``smtp+plain://`` speaks without TLS: only for a relay on loopback (and the tests).
"""

from __future__ import annotations

import smtplib
import ssl
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid, parseaddr
from urllib.parse import parse_qs, unquote, urlsplit

from server.delivery.models import DeliveryChannel, DeliveryPurpose
from server.delivery.senders.base import Outcome, Outgoing, Refused, Retry, Sent
from server.delivery.text import email_footer, email_subject

TIMEOUT_SECONDS = 60


class SmtpUrlError(ValueError):
    pass


def parse_smtp_url(url: str) -> tuple[str, str, int, str, str, str]:
    """(mode, host, port, user, password, cafile) with mode ``starttls``, ``ssl`` or ``plain``."""
    parts = urlsplit(url)
    modes = {"smtp": ("starttls", 587), "smtps": ("ssl", 465), "smtp+plain": ("plain", 25)}
    if parts.scheme not in modes or not parts.hostname:
        raise SmtpUrlError(
            f"TANGGAP_SMTP_URL must be smtp://, smtps:// or smtp+plain://host:port, not {url!r}"
        )
    mode, default_port = modes[parts.scheme]
    cafile = parse_qs(parts.query).get("cafile", [""])[0]
    return (
        mode,
        parts.hostname,
        parts.port or default_port,
        unquote(parts.username or ""),
        unquote(parts.password or ""),
        cafile,
    )


# Python folds a subject that starts with "[...]" before its first word, and the citizen's mail
# program then shows a leading space; headers up to RFC 5322's 998 characters need no folding.
MAIL_POLICY = policy.default.clone(max_line_length=998)


_SUBJECT_PREFIX = {
    DeliveryPurpose.REPLY: "",
    DeliveryPurpose.ACK: "Tanda terima: ",
    DeliveryPurpose.FEEDBACK: "Mohon tanggapan: ",
}


def compose(item: Outgoing, mail_from: str) -> EmailMessage:
    msg = EmailMessage(policy=MAIL_POLICY)
    msg["From"] = mail_from
    msg["To"] = item.recipient
    prefix = _SUBJECT_PREFIX[item.purpose]
    msg["Subject"] = email_subject(item.tracking_no, prefix + item.title)
    msg["Date"] = format_datetime(item.now)
    msg["Message-ID"] = item.provider_id or make_msgid()
    if item.in_reply_to:
        msg["In-Reply-To"] = item.in_reply_to
    if item.references:
        msg["References"] = " ".join(item.references)
    if item.purpose is DeliveryPurpose.ACK:
        msg["Auto-Submitted"] = "auto-replied"  # RFC 3834: no auto-reply loops
    elif item.purpose is DeliveryPurpose.FEEDBACK:
        msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: sent by the system, not an answer
    body = item.body
    if item.purpose is DeliveryPurpose.REPLY:
        body += "\n" + email_footer(item.tracking_no, item.tracking_link)
    msg.set_content(body, subtype="plain", charset="utf-8")
    return msg


class EmailSender:
    channel = DeliveryChannel.EMAIL
    resend_safe = True

    def __init__(self, smtp_url: str, mail_from: str) -> None:
        self.mode, self.host, self.port, self.user, self.password, cafile = parse_smtp_url(smtp_url)
        self.mail_from, self.envelope_from = _from_header(mail_from)
        self.context = ssl.create_default_context(cafile=cafile or None)

    def _connect(self) -> smtplib.SMTP:
        if self.mode == "ssl":
            return smtplib.SMTP_SSL(self.host, self.port, timeout=TIMEOUT_SECONDS, context=self.context)
        smtp = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT_SECONDS)
        if self.mode == "starttls":
            smtp.starttls(context=self.context)
        return smtp

    def send(self, item: Outgoing) -> Outcome:
        header, envelope = (
            _from_header(item.mail_from) if item.mail_from else (self.mail_from, self.envelope_from)
        )
        msg = compose(item, header)
        try:
            with self._connect() as smtp:
                if self.user:
                    smtp.login(self.user, self.password)
                refused = smtp.send_message(msg, from_addr=envelope, to_addrs=[item.recipient])
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            return _by_code(code, text)
        except smtplib.SMTPAuthenticationError as exc:
            # The server's account, not this citizen's address: retried, and said so.
            return Retry(f"login ke server surel ditolak ({exc.smtp_code})")
        except smtplib.SMTPResponseException as exc:
            return _by_code(exc.smtp_code, exc.smtp_error)
        except (smtplib.SMTPException, OSError) as exc:  # timeouts and TLS errors are OSErrors
            return Retry(f"server surel tidak terjangkau: {exc or type(exc).__name__}")
        if refused:
            code, text = next(iter(refused.values()))
            return _by_code(code, text)
        return Sent(str(msg["Message-ID"]))


def _from_header(mail_from: str) -> tuple[str, str]:
    """The From header and the envelope sender of ``Name <address>`` (or a bare address)."""
    name, address = parseaddr(mail_from)
    return (formataddr((name, address)) if name else address), address


def _by_code(code: int, text: bytes | str) -> Outcome:
    reason = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    if 500 <= code < 600:
        return Refused(f"server surel menolak ({code}): {reason}")
    return Retry(f"server surel menunda ({code}): {reason}")
