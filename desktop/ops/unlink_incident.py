"""``unlink_incident``: the ticket leaves the incident it was linked to (undoes ``link_incident``).

The payload names the incident the desk saw the ticket in: when the ticket is by then in
another one (or in none), the server changes nothing and answers ``conflict``. The ticket's
thread, reporter and SLA clock were never touched, so they are as they were.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.domain import OpType
from desktop.ops.base import OpSpec, need_mapping, no_effect, only_keys, uuid_text


@dataclass(frozen=True, slots=True)
class Payload:
    incident_id: str

    def to_wire(self) -> dict[str, Any]:
        return {"incident_id": self.incident_id}


def parse(raw: Mapping[str, Any], now: datetime) -> Payload:
    raw = need_mapping(raw, "payload")
    only_keys(raw, {"incident_id"})
    return Payload(uuid_text(raw.get("incident_id"), "payload.incident_id"))


def row_effect(row: Any, payload: Payload) -> None:
    if row.incident_id == payload.incident_id:
        row.incident_id = None


SPEC = OpSpec(OpType.UNLINK_INCIDENT, parse, no_effect, row_effect=row_effect)
