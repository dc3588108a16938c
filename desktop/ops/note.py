"""``note``: an internal note; never shown to the citizen, changes no stage."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from desktop.domain import OpType
from desktop.ops._message import MessagePayload, parse_message
from desktop.ops.base import OpSpec, no_effect

Payload = MessagePayload


def parse(raw: Mapping[str, Any], now: datetime) -> Payload:
    return parse_message(raw, now, "Catatan")


SPEC = OpSpec(OpType.NOTE, parse, no_effect, delivered_on_conflict=True)
