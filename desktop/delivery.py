"""A public reply's delivery to the citizen, as the desk shows it (icon words and the reason)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models

# (Indonesian, English) by state; {channel} is the channel's name in the same language.
_STATE_WORDS = {
    "queued": ("menunggu dikirim {to}", "waiting to be sent {to}"),
    "sent": ("terkirim {to}", "sent {to}"),
    "delivered": ("sampai {to}", "delivered {to}"),
    "read": ("dibaca {at}", "read {at}"),
    "failed": ("gagal: {detail}", "failed: {detail}"),
    "manual": ("perlu diposting manual", "to be posted by hand"),
}
_TO = {"email": ("ke surel", "by e-mail"), "whatsapp": ("ke WhatsApp", "to WhatsApp")}
_AT = {"email": ("di surel", "in e-mail"), "whatsapp": ("di WhatsApp", "on WhatsApp")}


def delivery_words(delivery: Mapping[str, Any] | None, lang: str = "id") -> str:
    """``terkirim ke surel``, ``dibaca di WhatsApp``, ``gagal: nomor tidak terdaftar WhatsApp``,
    ``perlu diposting manual``; empty for a message that is not delivered to the citizen."""
    if not delivery:
        return ""
    i = 0 if lang.startswith("id") else 1
    state = str(delivery.get("state", ""))
    channel = str(delivery.get("channel", ""))
    words = _STATE_WORDS.get(state)
    if words is None:
        return ""
    if state == "delivered" and channel not in _TO:  # marked done by the officer: posted, phoned
        return ("sudah disampaikan", "passed on")[i]
    to = _TO.get(channel, ("", ""))[i]
    at = _AT.get(channel, ("", ""))[i]
    detail = str(delivery.get("detail") or "").strip() or ("tanpa keterangan", "no reason given")[i]
    return words[i].format(to=to, at=at, detail=detail).strip()


# Deliveries that have not reached the citizen and wait for the officer ("Balasan belum sampai").
NEEDS_OFFICER = ("failed", "manual")
# Not yet arrived: what "Sudah diposting / ditelepon / diserahkan" may still mark.
NOT_ARRIVED = ("failed", "manual", "queued", "sent")
DELIVERY_OPS = ("mark_delivered", "resend")


def waiting_delivery_ops(session: Session, ticket_id: str) -> dict[str, str]:
    """Message id -> the type of this desk's delivery op on it still waiting for the server
    (the card shows "menunggu sinkronisasi" instead of its buttons; the view leaves it out)."""
    ops = session.scalars(
        select(models.OutboxOp).where(
            models.OutboxOp.ticket_id == ticket_id,
            models.OutboxOp.type.in_(DELIVERY_OPS),
            models.OutboxOp.state.in_(("pending", "inflight")),
        )
    )
    return {str(op.payload.get("message_id")): op.type for op in ops}
