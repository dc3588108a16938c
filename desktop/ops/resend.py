"""``resend``: a failed delivery goes out again ("Kirim ulang"), over its own channel or, when the
officer learnt another address, by e-mail or WhatsApp to that one. Changes no stage."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.domain import OpType
from desktop.ops.base import OpInvalid, OpSpec, need_mapping, no_effect, only_keys, short_code, uuid_text

EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
CHANNELS = ("email", "whatsapp")


def whatsapp_id(contact: str) -> str:
    """A WhatsApp id (country code, digits only) from a number as people write it: 0812... -> 62812..."""
    digits = re.sub(r"\D", "", contact)
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return digits if 8 <= len(digits) <= 15 else ""


@dataclass(frozen=True, slots=True)
class Payload:
    message_id: str
    channel: str | None = None  # None: the delivery's own channel and recipient
    recipient: str = ""  # with ``channel``: the e-mail address or WhatsApp id (62...)


def parse(raw: Mapping[str, Any], now: datetime) -> Payload:
    raw = need_mapping(raw, "payload")
    only_keys(raw, {"message_id", "channel", "recipient"})
    message_id = uuid_text(raw.get("message_id"), "payload.message_id")
    channel = short_code(raw.get("channel"), "payload.channel", 20, required=False)
    if channel is None:
        if raw.get("recipient"):
            raise OpInvalid("invalid_payload", "payload.recipient hanya bersama payload.channel.")
        return Payload(message_id)
    if channel not in CHANNELS:
        raise OpInvalid("invalid_payload", "payload.channel: email atau whatsapp.")
    given = raw.get("recipient")
    if not isinstance(given, str) or len(given) > 200:
        raise OpInvalid("invalid_recipient", "Alamat tujuan kosong atau terlalu panjang.")
    if channel == "email":
        recipient = given.strip()
        if not EMAIL.match(recipient):
            raise OpInvalid("invalid_recipient", "Alamat surel tidak sah (contoh: nama@contoh.id).")
    else:
        recipient = whatsapp_id(given)
        if not recipient:
            raise OpInvalid("invalid_recipient", "Nomor WhatsApp tidak sah (contoh: 0812 3456 7890).")
    return Payload(message_id, channel, recipient)


SPEC = OpSpec(OpType.RESEND, parse, no_effect)
