"""E-mail both ways against a real SMTP server (aiosmtpd) and a real IMAP server (Dovecot)."""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
import sqlalchemy as sa

from server.db import read_session, utcnow
from server.delivery.models import DeliveryRow
from server.delivery.worker import claim, process
from server.models import TicketRow
from tests.helpers.live_server import new_op
from tests.integration.delivery.conftest import Channels

# The test SMTP server takes a login without TLS on loopback; aiosmtpd warns about that.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

CITIZEN = "budi.santoso@example.com"


def citizen_mail(
    subject: str, body: str, *, in_reply_to: str | None = None, msgid: str | None = None
) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Budi Santoso <{CITIZEN}>"
    msg["To"] = "pengaduan@dinkes.banyuwangikab.go.id"
    msg["Subject"] = subject
    msg["Message-ID"] = msgid or make_msgid(domain="example.com")
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    msg.set_content(body)
    return bytes(msg)


def ticket_by_ref(ch: Channels, ref: str) -> TicketRow:
    with read_session(ch.srv.engine) as s:
        row = s.scalar(sa.select(TicketRow).where(TicketRow.external_ref == ref))
        assert row is not None, f"no ticket for {ref}"
        s.expunge(row)
        return row


def deliveries(ch: Channels, ticket_id: str) -> list[DeliveryRow]:
    with read_session(ch.srv.engine) as s:
        rows = list(s.scalars(sa.select(DeliveryRow).where(DeliveryRow.ticket_id == ticket_id)))
        s.expunge_all()
        return rows


def test_a_mail_becomes_a_ticket_and_the_citizen_gets_one_acknowledgement(channels: Channels) -> None:
    msgid = make_msgid(domain="example.com")
    channels.imap.deliver(
        citizen_mail(
            "Obat habis di Puskesmas Rogojampi", "Sudah tiga hari obat hipertensi kosong.", msgid=msgid
        )
    )
    counts = channels.run_pass()  # reads the mailbox; the acknowledgement is queued
    assert counts["mail_tickets"] == 1
    channels.run_pass()  # sends it
    ticket = ticket_by_ref(channels, msgid)
    assert (ticket.channel, ticket.opd_code, ticket.reporter_contact) == ("email", "DINKES-BWI", CITIZEN)
    assert ticket.title == "Obat habis di Puskesmas Rogojampi"
    assert channels.imap.unseen_count() == 0  # flagged seen once it is in the database

    [ack] = channels.smtp.inbox.messages
    assert channels.smtp.inbox.envelopes[0][1] == [CITIZEN]
    assert ack["Subject"] == f"[{ticket.tracking_no}] Tanda terima: Obat habis di Puskesmas Rogojampi"
    assert ack["In-Reply-To"] == msgid and msgid in ack["References"]
    assert ack["Auto-Submitted"] == "auto-replied"
    text = ack.get_content()
    assert f"Nomor pelacakan: {ticket.tracking_no}" in text
    assert "Kami menargetkan tanggapan pertama paling lambat" in text and "WIB" in text
    assert f"https://lapor.banyuwangikab.go.id/lacak/{ticket.tracking_no}" in text

    # The desk sees the acknowledgement in the thread, with its delivery.
    desk = channels.srv.login("spv.dinkes")
    shown = desk.get(f"/tickets/{ticket.tracking_no}").json()
    [event] = [m for m in shown["messages"] if m["delivery"]]
    assert event["delivery"]["state"] == "sent" and event["delivery"]["channel"] == "email"

    # The same mail seen again (another poll, a re-delivered copy) changes nothing.
    channels.imap.deliver(
        citizen_mail(
            "Obat habis di Puskesmas Rogojampi", "Sudah tiga hari obat hipertensi kosong.", msgid=msgid
        )
    )
    channels.run_pass()
    channels.run_pass()
    assert len(channels.smtp.inbox.messages) == 1
    with read_session(channels.srv.engine) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(TicketRow)) == 1


def _to_waiting(channels: Channels, ticket: TicketRow) -> None:
    spv = channels.srv.login("spv.dinkes")
    for status in ("terverifikasi", "didisposisi", "menunggu_pelapor"):
        [result] = spv.push(
            new_op("set_status", ticket.id, {"status": status, "reason": "mohon foto resep obatnya"})
        )
        assert result["result"] == "applied", result


def test_the_citizens_answer_joins_the_thread_and_resumes_the_ticket(channels: Channels) -> None:
    msgid = make_msgid(domain="example.com")
    channels.imap.deliver(citizen_mail("Jalan berlubang", "Di depan pasar.", msgid=msgid))
    channels.run_pass()
    channels.run_pass()
    ticket = ticket_by_ref(channels, msgid)
    _to_waiting(channels, ticket)
    [ack] = channels.smtp.inbox.messages

    # The citizen answers our acknowledgement from a mail program that keeps the subject.
    answer_id = make_msgid(domain="example.com")
    answer = citizen_mail(
        str(ack["Subject"]).replace("Tanda terima: ", "Re: "),
        "Ini fotonya, lubangnya sedalam 20 cm.\n\nPada Senin menulis:\n> Terima kasih",
        in_reply_to=str(ack["Message-ID"]),
        msgid=answer_id,
    )
    channels.imap.deliver(answer)
    counts = channels.run_pass()
    assert counts["mail_replies"] == 1 and counts["mail_tickets"] == 0

    desk = channels.srv.login("spv.dinkes")
    shown = desk.get(f"/tickets/{ticket.tracking_no}").json()
    assert shown["status"] == "ditindaklanjuti"
    assert shown["paused_since"] is None and shown["paused_seconds"] >= 0
    [citizen] = [m for m in shown["messages"] if m["kind"] == "citizen"]
    assert citizen["body"] == "Ini fotonya, lubangnya sedalam 20 cm."  # the quote is not repeated
    # Read twice, added once; no acknowledgement for an answer.
    channels.imap.deliver(answer)
    channels.run_pass()
    shown = desk.get(f"/tickets/{ticket.tracking_no}").json()
    assert [m["kind"] for m in shown["messages"]].count("citizen") == 1
    assert len(channels.smtp.inbox.messages) == 1


def test_an_answer_found_by_in_reply_to_alone(channels: Channels) -> None:
    msgid = make_msgid(domain="example.com")
    channels.imap.deliver(citizen_mail("Lampu PJU mati", "Sejak seminggu.", msgid=msgid))
    channels.run_pass()
    channels.run_pass()
    [ack] = channels.smtp.inbox.messages
    channels.imap.deliver(
        citizen_mail("tambahan", "Lokasinya dekat masjid.", in_reply_to=str(ack["Message-ID"]))
    )
    assert channels.run_pass()["mail_replies"] == 1


def test_a_refused_address_fails_with_the_servers_reason_and_a_dropped_connection_is_retried(
    channels: Channels,
) -> None:
    channels.smtp.inbox.refuse[CITIZEN] = "550 5.1.1 Mailbox does not exist"
    msgid = make_msgid(domain="example.com")
    channels.imap.deliver(citizen_mail("Antrean BPJS", "Lama sekali.", msgid=msgid))
    channels.run_pass()
    channels.run_pass()
    ticket = ticket_by_ref(channels, msgid)
    [d] = deliveries(channels, ticket.id)
    assert d.state == "failed" and "550" in d.detail and "Mailbox does not exist" in d.detail
    assert channels.smtp.inbox.messages == []

    # Another complaint while the SMTP server drops the connection after reading the message.
    del channels.smtp.inbox.refuse[CITIZEN]
    channels.smtp.inbox.drop_next = 1
    msgid2 = make_msgid(domain="example.com")
    channels.imap.deliver(citizen_mail("Antrean BPJS lagi", "Masih lama.", msgid=msgid2))
    channels.run_pass()
    now = utcnow()
    channels.run_pass(now)
    ticket2 = ticket_by_ref(channels, msgid2)
    [d2] = deliveries(channels, ticket2.id)
    assert d2.state == "queued" and d2.attempts == 1 and "421" in d2.detail
    assert d2.next_attempt_at > now  # backed off, not hammered
    channels.run_pass(d2.next_attempt_at)
    [d2] = deliveries(channels, ticket2.id)
    assert d2.state == "sent" and d2.attempts == 2
    assert len(channels.smtp.inbox.by_message_id()[d2.provider_id or ""]) == 1


def test_two_workers_never_claim_the_same_delivery_and_an_interrupted_mail_keeps_its_message_id(
    channels: Channels,
) -> None:
    msgid = make_msgid(domain="example.com")
    channels.imap.deliver(citizen_mail("Sampah menumpuk", "Di pasar Genteng.", msgid=msgid))
    channels.run_pass()
    now = utcnow()
    first = claim(channels.srv.engine, channels.settings, ["email"], now)
    second = claim(channels.srv.engine, channels.settings, ["email"], now)
    assert len(first) == 1 and second == []
    # The first worker dies before recording anything; after its lease the next one resends
    # under the same Message-ID (docs/channels.md: exactly once as the citizen's mail program sees it).
    later = now + timedelta(seconds=channels.settings.lease_seconds + 1)
    [again] = claim(channels.srv.engine, channels.settings, ["email"], later)
    assert again.interrupted and again.item.provider_id == first[0].item.provider_id
    senders = channels.service().senders
    assert process(channels.srv.engine, channels.settings, senders, again, later).value == "sent"
    # The dead worker's late outcome is not recorded over the live one's.
    assert process(channels.srv.engine, channels.settings, senders, first[0], later).value == "sent"
    [d] = deliveries(channels, ticket_by_ref(channels, msgid).id)
    assert d.state == "sent" and d.attempts == 2
    assert {str(m["Message-ID"]) for m in channels.smtp.inbox.messages} == {d.provider_id}
