"""``link_incident``: the ticket joins an incident (docs/incidents.md).

Linking, never merging: the ticket keeps its reporter, channel, thread and SLA clock; only its
``incident_id`` changes, so ``unlink_incident`` undoes it exactly. The payload carries the
incident's title, location and lead ticket, so the first link that reaches the server creates
the incident (a desk makes incidents offline); later links to it only name it.
Supervisors and the ticket's assignee may link (checked by the server; the desk asks first).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.domain import OpType
from desktop.ops.base import (
    MAX_TITLE_CHARS,
    OpSpec,
    need_mapping,
    no_effect,
    only_keys,
    plain_text,
    uuid_text,
)

MAX_LOCATION_CHARS = 500


@dataclass(frozen=True, slots=True)
class Payload:
    incident_id: str
    title: str
    location: str
    lead_ticket_id: str

    def to_wire(self) -> dict[str, Any]:
        return {
            "incident_id": self.incident_id,
            "title": self.title,
            "location": self.location,
            "lead_ticket_id": self.lead_ticket_id,
        }


def parse(raw: Mapping[str, Any], now: datetime) -> Payload:
    raw = need_mapping(raw, "payload")
    only_keys(raw, {"incident_id", "title", "location", "lead_ticket_id"})
    return Payload(
        incident_id=uuid_text(raw.get("incident_id"), "payload.incident_id"),
        title=plain_text(
            raw.get("title"), "payload.title", MAX_TITLE_CHARS, required=True, label="Judul masalah"
        ),
        location=plain_text(
            raw.get("location"),
            "payload.location",
            MAX_LOCATION_CHARS,
            required=False,
            label="Lokasi masalah",
        ),
        lead_ticket_id=uuid_text(raw.get("lead_ticket_id"), "payload.lead_ticket_id"),
    )


def row_effect(row: Any, payload: Payload) -> None:
    row.incident_id = payload.incident_id


# The stage stamps and the clock do not move: the state is untouched.
SPEC = OpSpec(OpType.LINK_INCIDENT, parse, no_effect, row_effect=row_effect)
