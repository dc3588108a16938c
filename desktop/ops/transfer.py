"""``transfer``: a supervisor sends the ticket to another OPD ("bukan wewenang"), with a reason."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.domain import OpType, Status
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
    short_code,
)


@dataclass(frozen=True, slots=True)
class Payload:
    opd_code: str
    reason: str

    def to_wire(self) -> dict[str, Any]:
        return {"opd_code": self.opd_code, "reason": self.reason}


def parse(raw: Mapping[str, Any], now: datetime) -> Payload:
    raw = need_mapping(raw, "payload")
    only_keys(raw, {"opd_code", "reason"})
    opd_code = short_code(raw.get("opd_code"), "payload.opd_code", 40)
    assert opd_code is not None
    reason = plain_text(raw.get("reason"), "payload.reason", MAX_REASON_CHARS, required=False, label="Alasan")
    if not reason:
        raise OpInvalid("reason_required", "Pengalihan memerlukan alasan.")
    return Payload(opd_code, reason)


def effect(state: TicketState, payload: Payload, at: datetime, calendar_for: CalendarFor) -> TicketState:
    return workflow.transition(state, workflow.Transferred(payload.opd_code), at, calendar_for)


def desk_effect(state: TicketState, payload: Payload, at: datetime, calendar_for: CalendarFor) -> TicketState:
    """On the sending desk the ticket leaves the queue at once (the server's revoke archives it)."""
    moved = effect(state, payload, at, calendar_for)
    return moved.evolve(opd_code=state.opd_code, status=Status.BUKAN_WEWENANG)


SPEC = OpSpec(OpType.TRANSFER, parse, effect, supervisor_only=True, desk_effect=desk_effect)
