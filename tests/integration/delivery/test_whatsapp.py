"""WhatsApp both ways against a local stand-in of the Cloud API that follows Meta's shapes."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
import sqlalchemy as sa

from server.db import read_session, utcnow
from server.delivery.models import DeliveryRow
from server.models import TicketRow
from tests.helpers import whatsapp as wa
from tests.integration.delivery.conftest import VERIFY_TOKEN, Channels

# The test SMTP server takes a login without TLS on loopback; aiosmtpd warns about that.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

NUMBER = "6281234567890"
WEBHOOK = "/webhooks/whatsapp"


def post_webhook(ch: Channels, payload: dict[str, object], secret: str = wa.APP_SECRET) -> httpx.Response:
    body, headers = wa.signed(payload, secret)
    return ch.srv.http().post(WEBHOOK.lstrip("/"), content=body, headers=headers)


def only_ticket(ch: Channels) -> TicketRow:
    with read_session(ch.srv.engine) as s:
        [row] = s.scalars(sa.select(TicketRow)).all()
        s.expunge(row)
        return row


def delivery_rows(ch: Channels) -> list[DeliveryRow]:
    with read_session(ch.srv.engine) as s:
        rows = list(s.scalars(sa.select(DeliveryRow).order_by(DeliveryRow.created_at)))
        s.expunge_all()
        return rows


def test_meta_verification_challenge(channels: Channels) -> None:
    client = channels.srv.http()
    params = {"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1158201444"}
    r = client.get(WEBHOOK.lstrip("/"), params=params)
    assert r.status_code == 200 and r.text == "1158201444"
    r = client.get(WEBHOOK.lstrip("/"), params={**params, "hub.verify_token": "salah"})
    assert r.status_code == 403


def test_an_unsigned_or_wrongly_signed_webhook_changes_nothing(channels: Channels) -> None:
    payload = wa.inbound_text(NUMBER, "Siti", "Air PDAM mati")
    assert post_webhook(channels, payload, secret="bukan-rahasianya").status_code == 401
    r = channels.srv.http().post(WEBHOOK.lstrip("/"), json=payload)
    assert r.status_code == 401 and r.json()["error"]["code"] == "bad_signature"
    with read_session(channels.srv.engine) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(TicketRow)) == 0


def test_a_whatsapp_complaint_is_acknowledged_answered_and_its_receipts_reach_the_desk(
    channels: Channels,
) -> None:
    first = wa.inbound_text(NUMBER, "Siti Aminah", "Posyandu Melati tutup tanpa pemberitahuan.")
    r = post_webhook(channels, first)
    assert r.status_code == 200 and r.json()["tickets"] == 1
    assert post_webhook(channels, first).json()["tickets"] == 0  # Meta retries: still one ticket
    ticket = only_ticket(channels)
    assert (ticket.channel, ticket.reporter_contact, ticket.reporter_name) == (
        "whatsapp",
        f"+{NUMBER}",
        "Siti Aminah",
    )

    channels.run_pass()
    [ack] = channels.wa.requests
    assert ack["to"] == NUMBER and ack["type"] == "text"  # within 24 h of the citizen's message
    assert ticket.tracking_no in ack["text"]["body"]
    [d] = delivery_rows(channels)
    assert (d.state, d.provider_id) == ("sent", ack["_wamid"])

    # Receipts: delivered, then read; a late "delivered" never undoes "read".
    for status in ("delivered", "read", "delivered"):
        assert post_webhook(channels, wa.status_update(ack["_wamid"], status, NUMBER)).status_code == 200
    desk = channels.srv.login("spv.dinkes")
    shown = desk.get(f"/tickets/{ticket.tracking_no}").json()
    [acked] = [m for m in shown["messages"] if m["delivery"]]
    assert acked["delivery"]["state"] == "read" and acked["delivery"]["channel"] == "whatsapp"

    # The citizen writes again: it joins the open ticket, not a new one.
    r = post_webhook(channels, wa.inbound_text(NUMBER, "Siti Aminah", "Sudah buka lagi hari ini?"))
    assert r.json()["replies"] == 1
    shown = desk.get(f"/tickets/{ticket.tracking_no}").json()
    assert [m["body"] for m in shown["messages"] if m["kind"] == "citizen"] == ["Sudah buka lagi hari ini?"]


def test_after_24_hours_the_template_goes_out_and_an_unknown_number_fails_with_its_reason(
    channels: Channels,
) -> None:
    post_webhook(channels, wa.inbound_text(NUMBER, "Siti", "Jalan rusak."))
    later = utcnow() + timedelta(hours=25)
    channels.run_pass(later)
    [sent] = channels.wa.requests
    assert sent["type"] == "template" and sent["template"]["name"] == "tanggap_balasan"
    ticket = only_ticket(channels)
    params = [p["text"] for p in sent["template"]["components"][0]["parameters"]]
    assert params[0] == ticket.tracking_no
    assert params[1] == f"https://lapor.banyuwangikab.go.id/lacak/{ticket.tracking_no}?k={ticket.public_key}"
    # WhatsApp reports later that the number cannot receive it.
    post_webhook(channels, wa.status_update(sent["_wamid"], "failed", NUMBER, error_code=131026))
    [d] = delivery_rows(channels)
    assert d.state == "failed" and "131026" in d.detail and "undeliverable" in d.detail


def test_a_passing_failure_is_retried_and_an_interrupted_send_is_not_repeated(channels: Channels) -> None:
    channels.wa.fail_next = 1
    post_webhook(channels, wa.inbound_text(NUMBER, "Siti", "Lampu jalan mati."))
    now = utcnow()
    channels.run_pass(now)
    [d] = delivery_rows(channels)
    assert d.state == "queued" and "500" in d.detail and channels.wa.requests == []
    channels.run_pass(d.next_attempt_at)
    [d] = delivery_rows(channels)
    assert d.state == "sent" and len(channels.wa.requests) == 1

    # Another complaint; its worker dies after WhatsApp took the message, before recording it.
    other = "6285700001111"
    post_webhook(channels, wa.inbound_text(other, "Andi", "Got mampet."))
    from server.delivery.worker import claim, process

    t0 = utcnow()
    [c] = claim(channels.srv.engine, channels.settings, ["whatsapp"], t0)
    senders = channels.service().senders
    outcome = senders[c.channel].send(c.item)  # sent, then the worker "crashes"
    later = t0 + timedelta(seconds=channels.settings.lease_seconds + 1)
    [again] = claim(channels.srv.engine, channels.settings, ["whatsapp"], later)
    assert again.interrupted
    assert process(channels.srv.engine, channels.settings, senders, again, later).value == "failed"
    assert len([r for r in channels.wa.requests if r["to"] == other]) == 1  # not sent twice
    # Its status webhook echoes the delivery id: the wamid is recorded and the state moves on.
    wamid = [r for r in channels.wa.requests if r["to"] == other][0]["_wamid"]
    assert getattr(outcome, "provider_id", None) == wamid
    post_webhook(channels, wa.status_update(wamid, "delivered", other, callback=c.delivery_id))
    rows = {r.recipient: r for r in delivery_rows(channels)}
    assert rows[other].state == "delivered" and rows[other].provider_id == wamid


def test_a_webhook_body_over_its_limit_is_refused_before_it_is_read(channels: Channels) -> None:
    payload = wa.inbound_text(NUMBER, "Siti", "x" * (1024 * 1024 + 1))
    r = post_webhook(channels, payload)
    assert r.status_code == 413
    with read_session(channels.srv.engine) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(TicketRow)) == 0
