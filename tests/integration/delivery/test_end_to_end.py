"""Issue 21's "Done when", in one test over the real server, a real desk store, SMTP and IMAP:
a citizen's e-mail becomes a ticket and is acknowledged; the officer's offline reply reaches the
citizen's mailbox once after the desk syncs; the citizen's answer comes back into the thread and
resumes the ticket; the desk shows the reply as sent to the citizen's e-mail."""

from __future__ import annotations

from email.utils import make_msgid
from pathlib import Path

import pytest

from db import models
from desktop import actions, credentials
from desktop.delivery import delivery_words
from tests.helpers.desk import StoreDesk
from tests.helpers.live_server import new_op
from tests.integration.delivery.conftest import Channels
from tests.integration.delivery.test_mail import CITIZEN, citizen_mail, ticket_by_ref

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

REPLY = "Obat hipertensi sudah dikirim ke Puskesmas Rogojampi hari ini; silakan ambil besok pagi."


def test_a_citizens_mail_is_answered_from_an_offline_desk_and_the_answer_comes_back(
    channels: Channels, tmp_path: Path
) -> None:
    if not credentials.keyring_is_usable():  # the desk keeps its token there
        pytest.skip("no usable keyring: run under scripts/test.sh (dbus-run-session + gnome-keyring)")
    msgid = make_msgid(domain="example.com")
    channels.imap.deliver(
        citizen_mail(
            "Obat habis di Puskesmas Rogojampi", "Sudah tiga hari obat hipertensi kosong.", msgid=msgid
        )
    )
    channels.run_pass()
    channels.run_pass()
    ticket = ticket_by_ref(channels, msgid)
    [ack] = channels.smtp.inbox.messages
    assert ticket.tracking_no in ack["Subject"]

    desk = StoreDesk(channels.srv, tmp_path / "desk.sqlite3", "spv.dinkes")
    desk.sync()
    # Offline: the reply waits in the desk's outbox.
    actions.reply(desk.store, ticket.tracking_no, REPLY)
    assert channels.smtp.inbox.messages == [ack]
    desk.sync()  # the reply op reaches the server, which queues its delivery in the same transaction
    desk.sync()  # a second sync changes nothing (the op is a duplicate if it were sent again)
    channels.run_pass()
    channels.run_pass()
    replies = [m for m in channels.smtp.inbox.messages if m is not ack]
    assert len(replies) == 1, [m["Subject"] for m in channels.smtp.inbox.messages]
    [reply] = replies
    assert channels.smtp.inbox.envelopes[-1][1] == [CITIZEN]
    assert str(reply["Subject"]) == f"[{ticket.tracking_no}] Obat habis di Puskesmas Rogojampi"
    assert reply["In-Reply-To"] == msgid
    assert msgid in reply["References"] and str(ack["Message-ID"]) in reply["References"]
    body = reply.get_content()
    assert body.startswith(REPLY) and f"/lacak/{ticket.tracking_no}" in body

    # The supervisor waits for the citizen; the citizen answers the reply.
    spv = channels.srv.login("spv.dinkes", device_name="meja-lain")
    for status in ("terverifikasi", "didisposisi", "menunggu_pelapor"):
        [r] = spv.push(new_op("set_status", ticket.id, {"status": status, "reason": "mohon konfirmasi"}))
        assert r["result"] == "applied", r
    channels.imap.deliver(
        citizen_mail(
            f"Re: {reply['Subject']}",
            "Terima kasih, obatnya sudah saya ambil.",
            in_reply_to=str(reply["Message-ID"]),
        )
    )
    assert channels.run_pass()["mail_replies"] == 1

    desk.sync()
    shown = desk.ticket(ticket.tracking_no)
    assert shown.status == "ditindaklanjuti"
    with desk.store.read() as s:
        messages = {m.kind: m for m in s.query(models.Message).filter_by(ticket_id=ticket.id)}
    assert messages["citizen"].body == "Terima kasih, obatnya sudah saya ambil."
    # The desk shows the reply as sent to the citizen's e-mail (from its own store, offline).
    assert messages["reply"].body == REPLY
    delivery = messages["reply"].delivery
    assert delivery is not None and delivery["state"] == "sent"
    assert delivery_words(messages["reply"].delivery) == "terkirim ke surel"
    assert messages["citizen"].delivery is None
    assert len([m for m in channels.smtp.inbox.messages if m is not ack]) == 1
