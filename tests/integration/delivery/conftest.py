"""Channels with real parts: an aiosmtpd SMTP server, a Dovecot IMAP server, a WhatsApp Cloud API
stand-in, and a real Tanggap server over SQLite and PostgreSQL configured to use them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from server.delivery.service import DeliveryService
from server.delivery.settings import DeliverySettings
from tests.helpers import whatsapp as wa
from tests.helpers.dovecot import Dovecot, dovecot_server
from tests.helpers.live_server import LiveServer, served
from tests.helpers.smtp import SmtpServer, smtp_server

MAIL_FROM = "Dinas Kesehatan Banyuwangi <pengaduan@dinkes.banyuwangikab.go.id>"
PUBLIC_URL = "https://lapor.banyuwangikab.go.id"
VERIFY_TOKEN = "token-verifikasi-uji"
# A second account on the same Dovecot: the Dinas Perhubungan's own complaint mailbox.
DISHUB_IMAP_USER = "pengaduan.dishub"
DISHUB_IMAP_PASSWORD = "rahasia-dishub-2"


@dataclass
class Channels:
    srv: LiveServer
    smtp: SmtpServer
    imap: Dovecot
    wa: wa.CloudApi
    settings: DeliverySettings

    def service(self) -> DeliveryService:
        return DeliveryService(self.srv.engine, self.srv.app.state.tanggap.sla, self.settings)

    def run_pass(self, now: datetime | None = None) -> dict[str, int]:
        """One pass of the worker as ``serve`` runs it: send what is due, then read the mailbox."""
        service = self.service()
        if now is None:
            return service.run_pass()
        from server.delivery.worker import drain

        return drain(self.srv.engine, self.settings, service.senders, now)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def channels(backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Channels]:
    with (
        smtp_server() as smtp,
        dovecot_server(extra_users={DISHUB_IMAP_USER: DISHUB_IMAP_PASSWORD}) as imap,
        wa.cloud_api() as api,
    ):
        env = {
            "TANGGAP_SMTP_URL": smtp.url,
            "TANGGAP_MAIL_FROM": MAIL_FROM,
            "TANGGAP_IMAP_URL": imap.url,
            "TANGGAP_IMAP_OPD": "DINKES-BWI",
            "TANGGAP_PUBLIC_URL": PUBLIC_URL,
            "TANGGAP_WHATSAPP_TOKEN": wa.TOKEN,
            "TANGGAP_WHATSAPP_PHONE_NUMBER_ID": wa.PHONE_NUMBER_ID,
            "TANGGAP_WHATSAPP_APP_SECRET": wa.APP_SECRET,
            "TANGGAP_WHATSAPP_VERIFY_TOKEN": VERIFY_TOKEN,
            "TANGGAP_WHATSAPP_API_URL": api.api_url,
            "TANGGAP_WHATSAPP_TEMPLATE": "tanggap_balasan",
            "TANGGAP_WHATSAPP_OPD": "DINKES-BWI",
        }
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        settings = DeliverySettings.from_env()
        with served(backend, tmp_path) as srv:
            yield Channels(srv, smtp, imap, api, settings)
