"""``set_status``: a move along the workflow table (SP4N-LAPOR!); some targets need a reason."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.domain import REASON_REQUIRED, OpType, Status
from desktop.ops import workflow
from desktop.ops.base import (
    MAX_REASON_CHARS,
    CalendarFor,
    OpInvalid,
    OpSpec,
    TicketState,
    need_mapping,
    only_keys,
    plain_text,
)


@dataclass(frozen=True, slots=True)
class Payload:
    status: Status
    reason: str = ""

    def to_wire(self) -> dict[str, Any]:
        return {"status": self.status.value, "reason": self.reason}


def parse(raw: Mapping[str, Any], now: datetime) -> Payload:
    raw = need_mapping(raw, "payload")
    only_keys(raw, {"status", "reason"})
    value = raw.get("status")
    try:
        status = Status(value) if isinstance(value, str) else None
    except ValueError:
        status = None
    if status is None:
        raise OpInvalid("invalid_payload", f"Status {str(value)[:40]!r} tidak dikenal.")
    reason = plain_text(raw.get("reason"), "payload.reason", MAX_REASON_CHARS, required=False, label="Alasan")
    if status in REASON_REQUIRED and not reason:
        raise OpInvalid("reason_required", f"Status {status.value} memerlukan alasan.")
    return Payload(status, reason)


def effect(state: TicketState, payload: Payload, at: datetime, calendar_for: CalendarFor) -> TicketState:
    return workflow.transition(state, workflow.ToStatus(payload.status), at, calendar_for)


SPEC = OpSpec(OpType.SET_STATUS, parse, effect)
