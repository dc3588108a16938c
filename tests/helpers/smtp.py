"""A real SMTP server for tests (aiosmtpd on loopback) that keeps what it receives, with login,
and can be told to drop connections (the exactly-once tests)."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.helpers.dovecot import free_port

SMTP_USER = "tanggap"
SMTP_PASSWORD = "sandi-smtp-uji"


@dataclass
class Inbox:
    """What the SMTP server accepted, in order; ``drop_next`` makes the next N DATA commands fail
    by closing the connection after the message was read (the sender cannot know it arrived)."""

    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # recipient -> "550 ..." answer
    drop_next: int = 0
    drop_rate: float = 0.0  # and this share of the others, at random (seeded)
    rng: random.Random = field(default_factory=lambda: random.Random(21))
    dropped: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def by_message_id(self) -> dict[str, list[EmailMessage]]:
        out: dict[str, list[EmailMessage]] = {}
        for m in self.messages:
            out.setdefault(str(m["Message-ID"]), []).append(m)
        return out


class _Handler:
    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.inbox.refuse:
            return self.inbox.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.inbox.lock:
            if self.inbox.drop_next > 0 or self.inbox.rng.random() < self.inbox.drop_rate:
                self.inbox.drop_next = max(0, self.inbox.drop_next - 1)
                self.inbox.dropped += 1
                return "421 Service not available, closing transmission channel"
            msg = message_from_bytes(envelope.content, policy=policy.default)
            assert isinstance(msg, EmailMessage)
            self.inbox.messages.append(msg)
            self.inbox.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


def _authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == SMTP_USER.encode()
        and auth_data.password == SMTP_PASSWORD.encode()
    )
    return AuthResult(success=ok)


@dataclass(frozen=True)
class SmtpServer:
    port: int
    inbox: Inbox

    @property
    def url(self) -> str:
        """For ``TANGGAP_SMTP_URL``: login without TLS on loopback (the test has no certificate)."""
        return f"smtp+plain://{SMTP_USER}:{SMTP_PASSWORD}@127.0.0.1:{self.port}"


@contextmanager
def smtp_server() -> Iterator[SmtpServer]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(
        _Handler(inbox),
        hostname="127.0.0.1",
        port=port,
        authenticator=_authenticator,
        auth_required=True,
        auth_require_tls=False,
    )
    controller.start()  # returns once the server answers
    try:
        yield SmtpServer(port, inbox)
    finally:
        controller.stop()
