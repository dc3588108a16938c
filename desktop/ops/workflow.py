"""The one workflow function: what a transition does to a ticket's status and stage timestamps.

Both sides call it with the same time ``at`` (the officer's time, bounded: see docs/api.md):
the desk's local effect and the server's application. Nothing else writes a stage timestamp.

The rule, per SP4N-LAPOR! and DESIGN.md:
- ``terverifikasi``: verified (once).
- ``didisposisi`` (by status or by assigning someone): assigned, and verified if it was not
  (a disposition implies verification).
- ``ditindaklanjuti``: followed up (once); from ``selesai`` (the citizen's rebuttal) it is
  no longer resolved.
- ``menunggu_pelapor``: the follow-up and resolution clocks pause from ``at``; leaving the
  pause adds its working time (the OPD's calendar) to ``paused_seconds``.
- ``selesai``: resolved at ``at``, and followed up if it was not (resolving is following up).
- ``ditutup`` and ``ditolak``: closed at ``at`` (both end the ticket's life in the queue).
- ``bukan_wewenang``: flagged for transfer; no stamp.
- a transfer: the receiving OPD starts its own verification and disposition (those stamps and
  the resolution are cleared); the citizen's clock (``received_at``) and a reply given stand.
- a public reply: the first response (once).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop.domain import Status, status_after_assign
from desktop.ops.base import CalendarFor, TicketState


@dataclass(frozen=True, slots=True)
class ToStatus:
    target: Status


@dataclass(frozen=True, slots=True)
class Assigned:
    assignee: str | None


@dataclass(frozen=True, slots=True)
class Transferred:
    opd_code: str


@dataclass(frozen=True, slots=True)
class Replied:
    pass


Transition = ToStatus | Assigned | Transferred | Replied


def new_ticket(opd_code: str, received_at: datetime, assignee: str | None = None) -> TicketState:
    """A ticket as it is created (intake or a desk's walk-in): ``baru``, nothing met yet."""
    return TicketState(status=Status.BARU, opd_code=opd_code, assignee=assignee, received_at=received_at)


def working_seconds_between(calendar_for: CalendarFor, opd_code: str, start: datetime, end: datetime) -> int:
    if end <= start:
        return 0
    return int(calendar_for(opd_code).working_time_between(start, end).total_seconds())


def _end_pause(state: TicketState, at: datetime, calendar_for: CalendarFor) -> TicketState:
    if state.paused_since is None:
        return state
    paused = working_seconds_between(calendar_for, state.opd_code, state.paused_since, at)
    return state.evolve(paused_since=None, paused_seconds=state.paused_seconds + paused)


def transition(state: TicketState, move: Transition, at: datetime, calendar_for: CalendarFor) -> TicketState:
    """The state after ``move`` at ``at``. Checks (allowed transitions, roles) are the caller's."""
    if isinstance(move, Replied):
        return state if state.first_response_at is not None else state.evolve(first_response_at=at)
    if isinstance(move, Assigned):
        if move.assignee is None:
            return state.evolve(assignee=None)
        return state.evolve(
            assignee=move.assignee,
            status=status_after_assign(state.status),
            verified_at=state.verified_at or at,
            assigned_at=state.assigned_at or at,
        )
    if isinstance(move, Transferred):
        state = _end_pause(state, at, calendar_for)
        return state.evolve(
            opd_code=move.opd_code,
            status=Status.BARU,
            assignee=None,
            verified_at=None,
            assigned_at=None,
            followed_up_at=None,
            resolved_at=None,
        )
    target = move.target
    if target is state.status:
        return state
    if target is not Status.MENUNGGU_PELAPOR:
        state = _end_pause(state, at, calendar_for)
    if target is Status.TERVERIFIKASI:
        state = state.evolve(verified_at=state.verified_at or at)
    elif target is Status.DIDISPOSISI:
        state = state.evolve(verified_at=state.verified_at or at, assigned_at=state.assigned_at or at)
    elif target is Status.DITINDAKLANJUTI:
        state = state.evolve(followed_up_at=state.followed_up_at or at)
        if state.status is Status.SELESAI:
            state = state.evolve(resolved_at=None)  # the citizen's rebuttal reopened it
    elif target is Status.MENUNGGU_PELAPOR:
        state = state.evolve(paused_since=state.paused_since or at)
    elif target is Status.SELESAI:
        state = state.evolve(resolved_at=at, followed_up_at=state.followed_up_at or at)
    elif target in (Status.DITUTUP, Status.DITOLAK):
        state = state.evolve(closed_at=at)
    return state.evolve(status=target)
