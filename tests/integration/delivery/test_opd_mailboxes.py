"""One complaint mailbox per OPD, as the directory says: every mailbox is read, a new mail becomes
a ticket of the OPD whose mailbox it reached, and that OPD's mail goes out under its own From.
Real Dovecot (two accounts), real SMTP, the real ``tanggap-server opd-mailbox`` command."""

from __future__ import annotations

import io
import uuid
from email.utils import make_msgid, parseaddr

import pytest
import sqlalchemy as sa

from server import cli
from server.db import read_session
from server.models import TicketRow
from tests.helpers.dovecot import free_port
from tests.helpers.live_server import new_op
from tests.integration.delivery.conftest import (
    DISHUB_IMAP_PASSWORD,
    DISHUB_IMAP_USER,
    MAIL_FROM,
    Channels,
)
from tests.integration.delivery.test_mail import CITIZEN, citizen_mail

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

DISHUB_FROM = "Dinas Perhubungan Banyuwangi <pengaduan@dishub.banyuwangikab.go.id>"


def opd_mailbox(
    channels: Channels,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *args: str,
    stdin: str = "",
) -> tuple[int, str]:
    """``tanggap-server opd-mailbox`` on the live server's database, the URL on standard input."""
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    url = channels.srv.database_url
    code = cli.main(["opd-mailbox", "--database", url, *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def tickets_of(channels: Channels, message_id: str) -> dict[str, TicketRow]:
    """The tickets a mail opened, by OPD."""
    with read_session(channels.srv.engine) as s:
        rows = list(
            s.scalars(
                sa.select(TicketRow).where(
                    sa.or_(
                        TicketRow.external_ref == message_id,
                        TicketRow.external_ref.startswith(message_id + " "),
                    )
                )
            )
        )
        s.expunge_all()
    return {r.opd_code: r for r in rows}


def test_each_opds_mailbox_feeds_that_opd_and_its_mail_goes_out_under_its_own_address(
    channels: Channels, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    dishub_box = channels.imap.as_user(DISHUB_IMAP_USER, DISHUB_IMAP_PASSWORD)
    code, out = opd_mailbox(
        channels,
        monkeypatch,
        capsys,
        "--code",
        "DISHUB-BWI",
        "--imap-url-stdin",
        "--mail-from",
        DISHUB_FROM,
        stdin=dishub_box.url + "\n",
    )
    assert code == 0, out
    assert DISHUB_IMAP_PASSWORD not in out and DISHUB_IMAP_USER in out  # said, but never the password
    # A mistyped URL is refused, and the one configured stays.
    code, out = opd_mailbox(
        channels,
        monkeypatch,
        capsys,
        "--code",
        "DISHUB-BWI",
        "--imap-url-stdin",
        stdin="http://x:rahasia@h\n",
    )
    assert code == 2 and "imaps://" in out and "rahasia" not in out

    # Desks read the directory: the mailbox's password is not in it, not even for an admin.
    spv = channels.srv.login("spv.dishub")
    for desk in (channels.srv.login("admin"), spv):
        directory = desk.get("/directory")
        assert directory.status_code == 200
        assert DISHUB_IMAP_PASSWORD not in directory.text and DISHUB_IMAP_USER not in directory.text

    # A citizen writes to the Dishub's mailbox; another writes one mail to both mailboxes (Cc).
    to_dishub = make_msgid(domain="example.com")
    dishub_box.deliver(
        citizen_mail("Lampu lalu lintas mati", "Di simpang Jajag sejak kemarin.", msgid=to_dishub)
    )
    to_both = make_msgid(domain="example.com")
    both = citizen_mail("Parkir liar dekat puskesmas", "Ambulans tidak bisa lewat.", msgid=to_both)
    dishub_box.deliver(both)
    channels.imap.deliver(both)

    counts = channels.run_pass()
    assert counts["mail_tickets"] == 3
    assert set(tickets_of(channels, to_dishub)) == {"DISHUB-BWI"}
    # Idempotent per mailbox: one ticket for each OPD the mail reached.
    assert set(tickets_of(channels, to_both)) == {"DISHUB-BWI", "DINKES-BWI"}
    assert dishub_box.unseen_count() == 0 and channels.imap.unseen_count() == 0

    channels.run_pass()  # the acknowledgements go out
    by_ticket = {
        m["Subject"].split("]")[0][1:]: (m, env)
        for m, env in zip(channels.smtp.inbox.messages, channels.smtp.inbox.envelopes, strict=True)
    }
    dishub_ticket = tickets_of(channels, to_dishub)["DISHUB-BWI"]
    dinkes_ticket = tickets_of(channels, to_both)["DINKES-BWI"]
    ack, envelope = by_ticket[dishub_ticket.tracking_no]
    assert str(ack["From"]) == DISHUB_FROM and envelope[0] == parseaddr(DISHUB_FROM)[1]
    ack_dinkes, envelope_dinkes = by_ticket[dinkes_ticket.tracking_no]
    assert str(ack_dinkes["From"]) == MAIL_FROM and envelope_dinkes[0] == parseaddr(MAIL_FROM)[1]

    # Read again: nothing new. The citizen answers the Dishub's acknowledgement into its mailbox.
    dishub_box.deliver(both)
    assert channels.run_pass()["mail_tickets"] == 0
    dishub_box.deliver(
        citizen_mail(
            f"Re: {ack['Subject']}", "Sekarang sudah menyala lagi.", in_reply_to=str(ack["Message-ID"])
        )
    )
    assert channels.run_pass()["mail_replies"] == 1
    thread = spv.get(f"/tickets/{dishub_ticket.tracking_no}").json()
    assert [m["body"] for m in thread["messages"] if m["kind"] == "citizen"] == [
        "Sekarang sudah menyala lagi."
    ]

    # The officer's reply is threaded on the citizen's own mail, From the Dishub.
    body = {"message_id": str(uuid.uuid4()), "body": "Sudah kami perbaiki, terima kasih."}
    [r] = spv.push(new_op("reply", dishub_ticket.id, body))
    assert r["result"] == "applied", r
    channels.run_pass()
    reply = channels.smtp.inbox.messages[-1]
    assert reply.get_content().startswith("Sudah kami perbaiki") and str(reply["From"]) == DISHUB_FROM
    assert reply["In-Reply-To"] == to_dishub and channels.smtp.inbox.envelopes[-1][1] == [CITIZEN]


def test_a_mailbox_that_is_down_does_not_stop_the_others(
    channels: Channels, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The Dinkes' own mailbox is down (nothing listens); it is read before the Dishub's (by code).
    down = f"imap+plain://pengaduan:rahasia@127.0.0.1:{free_port()}/INBOX"
    dishub_box = channels.imap.as_user(DISHUB_IMAP_USER, DISHUB_IMAP_PASSWORD)
    for code, url in (("DINKES-BWI", down), ("DISHUB-BWI", dishub_box.url)):
        status, out = opd_mailbox(
            channels, monkeypatch, capsys, "--code", code, "--imap-url-stdin", stdin=url
        )
        assert status == 0, out
    msgid = make_msgid(domain="example.com")
    dishub_box.deliver(citizen_mail("Rambu roboh", "Di jalan raya Genteng.", msgid=msgid))
    assert channels.run_pass()["mail_tickets"] == 1
    assert set(tickets_of(channels, msgid)) == {"DISHUB-BWI"}
    # Cleared: that OPD is served by the server's mailbox (TANGGAP_IMAP_URL) again.
    status, out = opd_mailbox(channels, monkeypatch, capsys, "--code", "DINKES-BWI", "--clear")
    assert status == 0 and "none" in out
    channels.imap.deliver(citizen_mail("Obat habis", "Di Puskesmas Genteng."))
    assert channels.run_pass()["mail_tickets"] == 1
