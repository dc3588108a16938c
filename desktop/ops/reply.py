"""``reply``: a public reply to the citizen. Meets the first response (once)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from desktop.domain import OpType
from desktop.ops import workflow
from desktop.ops._message import MessagePayload, parse_message
from desktop.ops.base import CalendarFor, OpSpec, TicketState

Payload = MessagePayload


def parse(raw: Mapping[str, Any], now: datetime) -> Payload:
    return parse_message(raw, now, "Balasan")


def effect(state: TicketState, payload: Payload, at: datetime, calendar_for: CalendarFor) -> TicketState:
    return workflow.transition(state, workflow.Replied(), at, calendar_for)


# Kept and flagged when the ticket moved on (a reply is never dropped): a conflict delivered it.
SPEC = OpSpec(OpType.REPLY, parse, effect, delivered_on_conflict=True)
