"""After ``selesai`` the citizen of an e-mail or WhatsApp complaint is asked for their answer,
once per ``selesai``, through the real server, an aiosmtpd server and the WhatsApp stand-in."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy import select

from db import models
from desktop.documents import stream_reply_deliveries
from server.db import read_session, utcnow
from server.delivery.models import DeliveryRow
from server.delivery.settings import DeliverySettings
from server.delivery.worker import drain, senders_from
from server.models import MessageRow
from tests.helpers import whatsapp as wa
from tests.helpers.desk import StoreDesk
from tests.helpers.live_server import LiveServer, fresh_database, live_server, new_op
from tests.helpers.smtp import SmtpServer, smtp_server
from tests.integration.delivery.conftest import MAIL_FROM
from tests.integration.lacak.conftest import answer, full_ticket, message, push_ok, resolve, set_status

# The test SMTP server takes a login without TLS on loopback; aiosmtpd warns about that.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

ASKED = "Apakah masalah Anda sudah selesai? Beri tanggapan dan nilai layanan kami: "


@dataclass
class Parts:
    srv: LiveServer
    smtp: SmtpServer
    wa: wa.CloudApi

    def settings(self) -> DeliverySettings:
        return DeliverySettings.from_env()

    def deliver(self, now: datetime | None = None) -> dict[str, int]:
        """The delivery worker's pass, as ``tanggap-server serve`` runs it."""
        settings = self.settings()
        return drain(self.srv.engine, settings, senders_from(settings), now)

    def mails_to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.smtp.inbox.messages if str(m["To"]) == address]


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server_backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def parts(server_backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Parts]:
    with (
        smtp_server() as smtp,
        wa.cloud_api() as api,
        pytest.MonkeyPatch.context() as mp,
        fresh_database(server_backend, tmp_path_factory.mktemp("tanggapan")) as url,
        live_server(url) as srv,
    ):
        env = {
            "TANGGAP_SMTP_URL": smtp.url,
            "TANGGAP_MAIL_FROM": MAIL_FROM,
            # The page is this live server: the link in the message opens over loopback.
            "TANGGAP_PUBLIC_URL": srv.root_url,
            "TANGGAP_WHATSAPP_TOKEN": wa.TOKEN,
            "TANGGAP_WHATSAPP_PHONE_NUMBER_ID": wa.PHONE_NUMBER_ID,
            "TANGGAP_WHATSAPP_API_URL": api.api_url,
            "TANGGAP_WHATSAPP_TEMPLATE": "tanggap_balasan",
        }
        for name, value in env.items():
            mp.setenv(name, value)
        yield Parts(srv, smtp, api)


def complaint(p: Parts, channel: str, contact: str | None) -> dict[str, Any]:
    """A complaint as the intake takes it in (e-mail and WhatsApp ones are acknowledged), as the
    DINKES supervisor's desk sees it."""
    reporter = {"name": "Budi Santoso", "contact": contact} if contact else None
    made = p.srv.intake(
        channel=channel,
        external_ref=f"<{uuid.uuid4()}@warga.example>" if channel == "email" else f"wamid.{uuid.uuid4().hex}",
        reporter=reporter,
        title="Obat habis di Puskesmas Rogojampi",
        body="Sudah tiga hari obat hipertensi habis.",
    )
    return full_ticket(p.srv.login("spv.dinkes"), made)


def feedback_deliveries(p: Parts, ticket_id: str) -> list[DeliveryRow]:
    with read_session(p.srv.engine) as s:
        rows = list(
            s.scalars(
                sa.select(DeliveryRow)
                .where(DeliveryRow.ticket_id == ticket_id, DeliveryRow.purpose == "feedback")
                .order_by(DeliveryRow.created_at)
            )
        )
        s.expunge_all()
        return rows


def text_of(mail: EmailMessage) -> str:
    return str(mail.get_content()).replace("\r\n", "\n")


def link_in(body: str) -> str:
    found = re.search(re.escape(ASKED) + r"(\S+)", body)
    assert found, body
    return found.group(1)


def test_an_email_citizen_gets_one_request_per_selesai_and_its_link_opens_the_form(parts: Parts) -> None:
    citizen = f"budi.{uuid.uuid4().hex[:8]}@warga.example"
    ticket = complaint(parts, "email", citizen)
    spv = parts.srv.login("spv.dinkes", device_name="meja-spv")
    ticket = push_ok(spv, new_op("assign", ticket["id"], {"assignee": "petugas.dinkes"}, ticket["version"]))
    ticket = set_status(spv, ticket, "ditindaklanjuti")
    ticket = message(spv, ticket, "Obat hipertensi sudah tersedia lagi sejak pagi ini.")
    selesai = new_op("set_status", ticket["id"], {"status": "selesai", "reason": ""}, ticket["version"])
    [first] = spv.push(selesai)
    assert first["result"] == "applied"
    parts.deliver()
    # The same op again (the desk never heard the answer): a duplicate, and no second mail.
    [again] = spv.push(selesai)
    assert again["result"] == "duplicate"
    parts.deliver()
    [ack, reply, asked] = parts.mails_to(citizen)
    ticket = full_ticket(spv, ticket)
    assert str(asked["Subject"]) == (
        f"[{ticket['tracking_no']}] Mohon tanggapan: Obat habis di Puskesmas Rogojampi"
    )
    assert asked["Auto-Submitted"] == "auto-generated"
    assert asked["In-Reply-To"] == ticket["external_ref"]  # in the citizen's own thread
    body = text_of(asked)
    assert body.startswith(f"Pengaduan {ticket['tracking_no']} dinyatakan selesai.\n{ASKED}")
    assert "dalam 10 hari" in body and "ditindaklanjuti kembali" in body
    link = link_in(body)
    assert link == f"{parts.srv.root_url}/lacak/{ticket['tracking_no']}?k={ticket['public_key']}"
    parts.srv.app.state.lacak.limiter.reset()
    page = httpx.get(link, timeout=30)
    assert page.status_code == 200
    assert "Apakah masalah Anda sudah selesai?" in page.text and 'name="csrf"' in page.text

    # The desk sees the request in the thread with its delivery; it is an event, not a reply.
    [event] = [m for m in ticket["messages"] if m["body"].startswith(f"Pengaduan {ticket['tracking_no']}")]
    assert event["kind"] == "event" and event["author"] == "sistem"
    assert (event["delivery"]["state"], event["delivery"]["channel"]) == ("sent", "email")

    # The citizen says it is not solved: reopened; the next selesai asks again, honestly worded.
    with httpx.Client(base_url=parts.srv.root_url, timeout=30) as web:
        assert answer(web, ticket, selesai="tidak", komentar="Obatnya masih kosong.").status_code == 303
    ticket = full_ticket(spv, ticket)
    assert ticket["status"] == "ditindaklanjuti"
    set_status(spv, ticket, "selesai")
    parts.deliver()
    mails = parts.mails_to(citizen)
    assert len(mails) == 4
    second = text_of(mails[-1])
    assert link_in(second) == link
    assert "Sanggahan untuk pengaduan ini sudah pernah digunakan" in second
    assert "ditindaklanjuti kembali" not in second
    assert [d.state for d in feedback_deliveries(parts, ticket["id"])] == ["sent", "sent"]


def test_a_whatsapp_citizen_silent_for_24_hours_gets_the_template_with_the_keyed_link(parts: Parts) -> None:
    number = f"62812{uuid.uuid4().int % 10**7:07d}"
    ticket = complaint(parts, "whatsapp", f"+{number}")
    parts.deliver()  # the acknowledgement, within the 24 hours
    ticket = resolve(parts.srv, full_ticket(parts.srv.login("spv.dinkes"), ticket))
    parts.deliver(utcnow() + timedelta(hours=25))
    [ack, reply, asked] = [r for r in parts.wa.requests if r["to"] == number]
    assert ack["type"] == "text"
    [d] = feedback_deliveries(parts, ticket["id"])
    assert asked["biz_opaque_callback_data"] == d.id and d.state == "sent"
    assert asked["type"] == "template" and asked["template"]["name"] == "tanggap_balasan"
    params = [x["text"] for x in asked["template"]["components"][0]["parameters"]]
    assert params == [
        ticket["tracking_no"],
        f"{parts.srv.root_url}/lacak/{ticket['tracking_no']}?k={ticket['public_key']}",
    ]


def test_a_whatsapp_citizen_within_24_hours_gets_the_plain_text(parts: Parts) -> None:
    number = f"62813{uuid.uuid4().int % 10**7:07d}"
    ticket = resolve(parts.srv, complaint(parts, "whatsapp", f"+{number}"))
    parts.deliver()
    asked = [r for r in parts.wa.requests if r["to"] == number][-1]
    assert asked["type"] == "text"
    assert asked["text"]["body"].startswith(f"Pengaduan {ticket['tracking_no']} dinyatakan selesai.")
    assert f"?k={ticket['public_key']}" in asked["text"]["body"]


def test_the_desk_shows_the_request_and_its_summary_counts_replies_only(parts: Parts, tmp_path: Path) -> None:
    ticket = resolve(parts.srv, complaint(parts, "email", f"ani.{uuid.uuid4().hex[:8]}@warga.example"))
    parts.deliver()
    desk = StoreDesk(parts.srv, tmp_path / "desk.sqlite3", "spv.dinkes")
    desk.sync()
    with desk.store.read() as s:
        thread = list(s.scalars(select(models.Message).where(models.Message.ticket_id == ticket["id"])))
    [asked] = [m for m in thread if m.body.startswith(f"Pengaduan {ticket['tracking_no']} dinyatakan")]
    assert asked.kind == "event" and asked.delivery["state"] == "sent"
    with read_session(parts.srv.engine) as s:
        replies = s.scalar(
            sa.select(sa.func.count()).select_from(MessageRow).where(MessageRow.kind == "reply")
        )
        requests = s.scalar(
            sa.select(sa.func.count()).select_from(DeliveryRow).where(DeliveryRow.purpose == "feedback")
        )
    assert requests and requests >= 1
    today = datetime.now(ZoneInfo("Asia/Jakarta")).date()
    counted = list(stream_reply_deliveries(desk.store, today - timedelta(days=1), today + timedelta(days=1)))
    assert len(counted) == replies  # "Sampainya balasan per kanal": the requests are not replies


@pytest.mark.parametrize(
    ("channel", "contact"),
    [("walk_in", "0812-3456-7890"), ("twitter", "@budi"), ("email", None), ("phone", "0812-3456-7890")],
)
def test_no_automatic_request_without_a_connected_channel_and_an_address(
    parts: Parts, channel: str, contact: str | None
) -> None:
    ticket = resolve(parts.srv, complaint(parts, channel, contact))
    assert ticket["status"] == "selesai"
    assert feedback_deliveries(parts, ticket["id"]) == []
    assert not any("dinyatakan selesai" in m["body"] for m in ticket["messages"])


def test_no_public_url_no_request(parts: Parts, monkeypatch: pytest.MonkeyPatch) -> None:
    citizen = f"sri.{uuid.uuid4().hex[:8]}@warga.example"
    ticket = complaint(parts, "email", citizen)
    monkeypatch.setenv("TANGGAP_PUBLIC_URL", "")
    ticket = resolve(parts.srv, ticket)
    assert feedback_deliveries(parts, ticket["id"]) == []
