"""Ops as data: one module per op type, registered here by type.

Each module holds its typed payload and its checks (the same on desk and server), and its
pure effect on a ticket's state (``TicketState``), which the desk applies at once and the
server applies when the op arrives. Adding an op type is one module plus one line below;
see docs/ops.md.
"""

from __future__ import annotations

from typing import Any

from desktop.domain import OpType
from desktop.ops import (
    assign,
    attach,
    create_ticket,
    link_incident,
    mark_delivered,
    note,
    reply,
    resend,
    set_status,
    transfer,
    unlink_incident,
)
from desktop.ops.base import OpInvalid, OpSpec, TicketState

OPS: dict[OpType, OpSpec[Any]] = {
    OpType.REPLY: reply.SPEC,
    OpType.NOTE: note.SPEC,
    OpType.SET_STATUS: set_status.SPEC,
    OpType.ASSIGN: assign.SPEC,
    OpType.TRANSFER: transfer.SPEC,
    OpType.CREATE_TICKET: create_ticket.SPEC,
    OpType.ATTACH: attach.SPEC,
    OpType.MARK_DELIVERED: mark_delivered.SPEC,
    OpType.RESEND: resend.SPEC,
    OpType.LINK_INCIDENT: link_incident.SPEC,
    OpType.UNLINK_INCIDENT: unlink_incident.SPEC,
}


def spec_for(op_type: str) -> OpSpec[Any] | None:
    """The op type's module, or None for a type this build does not know (rejected, never guessed)."""
    try:
        return OPS[OpType(op_type)]
    except ValueError:
        return None


__all__ = ["OPS", "OpInvalid", "OpSpec", "TicketState", "spec_for"]
