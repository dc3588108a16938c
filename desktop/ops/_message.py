"""The payload that ``reply`` and ``note`` share: a message id chosen by the desk and a body."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.ops.base import MAX_MESSAGE_CHARS, need_mapping, only_keys, plain_text, uuid_text


@dataclass(frozen=True, slots=True)
class MessagePayload:
    message_id: str
    body: str

    def to_wire(self) -> dict[str, Any]:
        return {"message_id": self.message_id, "body": self.body}


def parse_message(raw: Mapping[str, Any], now: datetime, label: str) -> MessagePayload:
    raw = need_mapping(raw, "payload")
    only_keys(raw, {"message_id", "body"})
    return MessagePayload(
        message_id=uuid_text(raw.get("message_id"), "payload.message_id"),
        body=plain_text(raw.get("body"), "payload.body", MAX_MESSAGE_CHARS, required=True, label=label),
    )
