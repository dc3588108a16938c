"""``mark_delivered``: the officer passed a reply on by hand (posted it, wrote LAPOR!'s follow-up,
phoned, handed over the letter). Changes no stage: the reply already met the first response.

Marking a delivery the channel already confirmed changes nothing; so does marking one twice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from desktop.domain import OpType
from desktop.ops.base import OpInvalid, OpSpec, need_mapping, no_effect, only_keys, plain_text, uuid_text

MAX_REF_CHARS = 500  # what the server keeps of it (server.delivery.manual)
LAPOR_ID = re.compile(r"^[A-Za-z0-9#][A-Za-z0-9#/._-]{2,59}$")


class Confirmation(StrEnum):
    POSTED = "posted"  # on X, Instagram, Facebook, TikTok, the website: the post's link
    LAPOR = "lapor"  # SP4N-LAPOR!: the follow-up's id
    PHONED = "phoned"  # "Sudah ditelepon": a note of the call
    HANDED = "handed"  # "Sudah diserahkan": the reply letter handed over or sent (a note, optional)


@dataclass(frozen=True, slots=True)
class Payload:
    message_id: str
    how: Confirmation
    ref: str  # the link, the LAPOR! id, or the note ("" only for a handed-over letter)


def parse(raw: Mapping[str, Any], now: datetime) -> Payload:
    raw = need_mapping(raw, "payload")
    only_keys(raw, {"message_id", "how", "ref"})
    message_id = uuid_text(raw.get("message_id"), "payload.message_id")
    try:
        how = Confirmation(str(raw.get("how")))
    except ValueError:
        raise OpInvalid("invalid_payload", "payload.how: posted, lapor, phoned atau handed.") from None
    if how is Confirmation.POSTED:
        ref = plain_text(raw.get("ref"), "payload.ref", MAX_REF_CHARS, required=True, label="Tautan unggahan")
        if not re.match(r"^https?://[^\s/]+\.[^\s]*$", ref):
            raise OpInvalid("invalid_ref", "Tautan unggahan harus alamat web (https://...).")
    elif how is Confirmation.LAPOR:
        ref = plain_text(raw.get("ref"), "payload.ref", 60, required=True, label="Nomor tindak lanjut LAPOR!")
        if not LAPOR_ID.match(ref):
            raise OpInvalid(
                "invalid_ref", "Nomor tindak lanjut LAPOR! hanya huruf, angka, #, /, titik atau tanda hubung."
            )
    else:
        label = "Catatan telepon" if how is Confirmation.PHONED else "Catatan penyerahan"
        ref = plain_text(
            raw.get("ref"), "payload.ref", MAX_REF_CHARS, required=how is Confirmation.PHONED, label=label
        )
    return Payload(message_id, how, ref)


SPEC = OpSpec(OpType.MARK_DELIVERED, parse, no_effect)
