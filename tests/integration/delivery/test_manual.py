"""Manual channels, honestly: a reply to an X complaint waits for the officer ("perlu diposting
manual"); marking it posted, and sending a failed e-mail again, reach the desk through the change
log. (The ops that carry these from the desk, ``mark_delivered`` and a resend, come with the op
modules; here their server effects are driven directly.)"""

from __future__ import annotations

import uuid
from email.utils import make_msgid

import pytest

from desktop.domain import Role
from server.db import utcnow, write_unit
from server.delivery.manual import mark_delivered, resend
from server.models import TicketRow
from server.scope import Caller
from server.tickets import OpConflict, OpRejected
from tests.helpers.live_server import new_op
from tests.integration.delivery.conftest import Channels
from tests.integration.delivery.test_mail import CITIZEN, citizen_mail, deliveries, ticket_by_ref

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
SPV = Caller(0, "spv.dinkes", "Spv", Role.SUPERVISOR, "DINKES-BWI", "", "")
OTHER_OPD = Caller(0, "spv.dishub", "Spv", Role.SUPERVISOR, "DISHUB-BWI", "", "")


def _reply(channels: Channels, ticket_id: str, body: str) -> str:
    desk = channels.srv.login("spv.dinkes")
    op = new_op("reply", ticket_id, {"message_id": str(uuid.uuid4()), "body": body})
    [r] = desk.push(op)
    assert r["result"] == "applied", r
    return str(op["payload"]["message_id"])


def test_a_reply_to_an_x_post_is_manual_until_the_officer_marks_it_posted(channels: Channels) -> None:
    ticket = channels.srv.intake(channel="twitter", external_ref="https://x.com/warga/status/1866")
    message_id = _reply(channels, ticket["id"], "Terima kasih, petugas sudah ke lokasi.")
    desk = channels.srv.login("spv.dinkes")
    shown = desk.get(f"/tickets/{ticket['tracking_no']}").json()
    [reply] = [m for m in shown["messages"] if m["kind"] == "reply"]
    assert reply["delivery"]["state"] == "manual" and reply["delivery"]["channel"] == "twitter"
    assert "Posting balasan di X" in reply["delivery"]["detail"]
    assert channels.run_pass() == {"mail_tickets": 0, "mail_replies": 0}  # nothing to send
    version = shown["version"]

    with write_unit(channels.srv.engine) as unit, pytest.raises(OpRejected):
        mark_delivered(
            unit, OTHER_OPD, unit.session.get(TicketRow, ticket["id"]), message_id, "twitter", "", utcnow()
        )
    with write_unit(channels.srv.engine) as unit:
        row = unit.session.get(TicketRow, ticket["id"])
        mark_delivered(unit, SPV, row, message_id, "twitter", "https://x.com/dinkes/status/1867", utcnow())
    shown = desk.get(f"/tickets/{ticket['tracking_no']}").json()
    [reply] = [m for m in shown["messages"] if m["kind"] == "reply"]
    assert reply["delivery"]["state"] == "delivered"
    assert reply["delivery"]["detail"] == (
        "Ditandai terkirim lewat twitter oleh spv.dinkes: https://x.com/dinkes/status/1867"
    )
    assert shown["version"] == version + 1  # a change desks pull


def test_a_failed_mail_sent_again_reaches_the_citizen(channels: Channels) -> None:
    msgid = make_msgid(domain="example.com")
    channels.imap.deliver(citizen_mail("Bau sampah", "Dekat sekolah.", msgid=msgid))
    channels.run_pass()
    ticket = ticket_by_ref(channels, msgid)
    channels.smtp.inbox.refuse[CITIZEN] = "550 5.2.1 Mailbox disabled"
    channels.run_pass()
    [d] = deliveries(channels, ticket.id)
    assert d.state == "failed"
    del channels.smtp.inbox.refuse[CITIZEN]  # the citizen's mailbox works again
    with write_unit(channels.srv.engine) as unit:
        resend(unit, SPV, unit.session.get(TicketRow, ticket.id), d.message_id, utcnow())
    channels.run_pass()
    [d] = deliveries(channels, ticket.id)
    assert d.state == "sent"
    assert [str(m["Message-ID"]) for m in channels.smtp.inbox.messages] == [d.provider_id]
    with write_unit(channels.srv.engine) as unit, pytest.raises(OpConflict) as refused:
        resend(unit, SPV, unit.session.get(TicketRow, ticket.id), d.message_id, utcnow())
    assert refused.value.code == "not_failed"
