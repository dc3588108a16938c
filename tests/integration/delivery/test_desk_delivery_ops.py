"""The desk's side of "Balasan belum sampai", over the real server, a real desk store and SMTP:
an X reply waits to be posted by hand, an e-mail reply fails; offline, the officer marks the first
posted (``mark_delivered`` with the post's link) and sends the second again to another address the
citizen gave (``resend``); after the sync each reaches the citizen once, and the desk shows it."""

from __future__ import annotations

from email.utils import make_msgid
from pathlib import Path

import pytest
from sqlalchemy import update

from db import models
from desktop import actions, credentials
from desktop.delivery import delivery_words
from desktop.queue import QueueView, view_counts
from tests.helpers.desk import StoreDesk
from tests.integration.delivery.conftest import Channels
from tests.integration.delivery.test_mail import CITIZEN, citizen_mail, deliveries, ticket_by_ref

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

POST = "https://x.com/dinkesbwi/status/1867000000000000001"
NEW_ADDRESS = "budi.baru@example.org"


def _reply_of(desk: StoreDesk, ticket_id: str) -> models.Message:
    with desk.store.read() as s:
        [m] = s.query(models.Message).filter_by(ticket_id=ticket_id, kind="reply").all()
        s.expunge(m)
        return m


def test_an_offline_desk_marks_a_post_and_resends_a_failed_mail_each_once(
    channels: Channels, tmp_path: Path
) -> None:
    if not credentials.keyring_is_usable():  # the desk keeps its token there
        pytest.skip("no usable keyring: run under scripts/test.sh (dbus-run-session + gnome-keyring)")
    x = channels.srv.intake(channel="twitter", external_ref="https://x.com/warga/status/1866")
    msgid = make_msgid(domain="example.com")
    channels.imap.deliver(citizen_mail("Bau sampah", "Dekat sekolah.", msgid=msgid))
    channels.run_pass()
    channels.run_pass()  # the acknowledgement goes out
    mail = ticket_by_ref(channels, msgid)
    acks = len(channels.smtp.inbox.messages)
    assert acks == 1
    channels.smtp.inbox.refuse[CITIZEN] = "550 5.1.1 Mailbox does not exist"

    desk = StoreDesk(channels.srv, tmp_path / "desk.sqlite3", "spv.dinkes")
    desk.sync()
    actions.reply(desk.store, x["tracking_no"], "Terima kasih, petugas sudah ke lokasi.")
    actions.reply(desk.store, mail.tracking_no, "Sampah sudah diangkut pagi ini.")
    desk.sync()
    channels.run_pass()  # the X reply is manual: nothing to send; the mail is refused for good
    desk.sync()
    x_reply, mail_reply = _reply_of(desk, x["id"]), _reply_of(desk, mail.id)
    assert delivery_words(x_reply.delivery) == "perlu diposting manual"
    assert delivery_words(mail_reply.delivery).startswith("gagal: ")
    assert "Mailbox does not exist" in delivery_words(mail_reply.delivery)
    assert view_counts(desk.store, "spv.dinkes")[QueueView.UNDELIVERED] == 2

    # Offline: both acts wait in the outbox, and the view empties at once (the officer did their part).
    actions.mark_delivered(desk.store, x["tracking_no"], x_reply.id, "posted", POST)
    actions.resend(desk.store, mail.tracking_no, mail_reply.id, channel="email", recipient=NEW_ADDRESS)
    with pytest.raises(actions.ActionRefused, match="menunggu sinkronisasi"):
        actions.mark_delivered(desk.store, x["tracking_no"], x_reply.id, "posted", POST)
    with pytest.raises(actions.ActionRefused, match="alamat web"):
        actions.mark_delivered(desk.store, mail.tracking_no, mail_reply.id, "posted", "x.com/tanpa-skema")
    assert view_counts(desk.store, "spv.dinkes")[QueueView.UNDELIVERED] == 0
    assert [op.state for op in desk.ops() if op.type in ("mark_delivered", "resend")] == ["pending"] * 2

    desk.sync()
    assert [(op.type, op.state) for op in desk.ops() if op.type in ("mark_delivered", "resend")] == [
        ("mark_delivered", "applied"),
        ("resend", "applied"),
    ]
    [x_row] = deliveries(channels, x["id"])
    assert x_row.state == "delivered" and x_row.detail.endswith(f"spv.dinkes: {POST}")
    [queued] = [d for d in deliveries(channels, mail.id) if d.message_id == mail_reply.id]
    assert (queued.state, queued.channel, queued.recipient) == ("queued", "email", NEW_ADDRESS)
    channels.run_pass()

    # The desk sent its ops a second time (a crash before it recorded the answers): nothing twice.
    with desk.store.write() as s:
        s.execute(
            update(models.OutboxOp)
            .where(models.OutboxOp.type.in_(("mark_delivered", "resend")))
            .values(state="pending")
        )
    desk.sync()
    channels.run_pass()
    sent = channels.smtp.inbox.messages[acks:]
    assert len(sent) == 1 and channels.smtp.inbox.envelopes[-1][1] == [NEW_ADDRESS]
    assert sent[0].get_content().startswith("Sampah sudah diangkut pagi ini.")
    assert delivery_words(_reply_of(desk, x["id"]).delivery) == "sudah disampaikan"
    assert delivery_words(_reply_of(desk, mail.id).delivery) == "terkirim ke surel"
    assert view_counts(desk.store, "spv.dinkes")[QueueView.UNDELIVERED] == 0
