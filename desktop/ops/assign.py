"""``assign``: a supervisor gives the ticket to an officer (a disposition) or takes it back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.domain import OpType
from desktop.ops import workflow
from desktop.ops.base import CalendarFor, OpSpec, TicketState, need_mapping, only_keys, short_code


@dataclass(frozen=True, slots=True)
class Payload:
    assignee: str | None

    def to_wire(self) -> dict[str, Any]:
        return {"assignee": self.assignee}


def parse(raw: Mapping[str, Any], now: datetime) -> Payload:
    raw = need_mapping(raw, "payload")
    only_keys(raw, {"assignee"})
    return Payload(short_code(raw.get("assignee"), "payload.assignee", 80, required=False))


def effect(state: TicketState, payload: Payload, at: datetime, calendar_for: CalendarFor) -> TicketState:
    return workflow.transition(state, workflow.Assigned(payload.assignee), at, calendar_for)


SPEC = OpSpec(OpType.ASSIGN, parse, effect, supervisor_only=True)
