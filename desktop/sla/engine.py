"""Deadlines and urgency of one ticket: pure functions over its facts, a policy and a calendar.

- A stage is *met* once its timestamp exists, on time or not: verification by ``verified_at`` (or
  ``assigned_at``: a disposition implies verification), first response by ``first_response_at``,
  follow-up by ``followed_up_at``, resolution by ``resolved_at``. A resolved ticket has no unmet
  stage: it has left the queue.
- Pauses (``menunggu_pelapor``) hold the follow-up and resolution clocks. ``compute_deadlines``
  pushes those two deadlines out by the closed pauses (``paused_seconds``, office time); an open
  pause is not in the deadlines (they cannot depend on "now"): ``urgency`` freezes those two
  clocks at ``paused_since`` instead, and the server adds the pause to ``paused_seconds`` (and
  recomputes) when it ends.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop.domain import SOCIAL_CHANNELS, Channel, Deadlines, Stage, Tier, UrgencyLevel
from desktop.sla.calendar import WorkCalendar, _Table
from desktop.sla.policy import SlaPolicy

# Stages whose clocks a pause holds.
PAUSABLE_STAGES = frozenset({Stage.FOLLOW_UP, Stage.RESOLUTION})
# Warning when less than this share of the stage's allotted working time is left ...
WARNING_SHARE = 0.25
# ... or less than this many working days.
WARNING_DAYS = 1.0


@dataclass(frozen=True, slots=True)
class TicketFacts:
    received_at: datetime
    channel: Channel
    tier: Tier
    verified_at: datetime | None = None
    first_response_at: datetime | None = None
    assigned_at: datetime | None = None
    followed_up_at: datetime | None = None
    resolved_at: datetime | None = None
    paused_since: datetime | None = None  # currently paused (menunggu_pelapor) since
    paused_seconds: int = 0  # WORKING seconds spent in earlier, closed pauses


@dataclass(frozen=True)
class Urgency:
    stage: Stage
    deadline: datetime
    remaining: timedelta  # office time from now (or the pause) to the deadline; negative: breached
    level: UrgencyLevel
    paused: bool  # the stage's clock is frozen because the ticket waits for the citizen
    remaining_days: float = 0.0  # the same in working days (each day one unit)


# Frozen dataclasses set each field through object.__setattr__, which costs as much as the rest of
# an urgency computation; the queue computes 100,000 of them, so this builds the same value directly.
_new = object.__new__


def _urgency(
    stage: Stage,
    deadline: datetime,
    remaining: timedelta,
    level: UrgencyLevel,
    paused: bool,
    remaining_days: float,
) -> Urgency:
    u: Urgency = _new(Urgency)
    u.__dict__.update(
        stage=stage,
        deadline=deadline,
        remaining=remaining,
        level=level,
        paused=paused,
        remaining_days=remaining_days,
    )
    return u


def compute_deadlines(facts: TicketFacts, policy: SlaPolicy, calendar: WorkCalendar) -> Deadlines:
    """The four deadlines of a ticket; follow-up stays None until the ticket is assigned.

    Verification, first response and resolution count from ``received_at``, follow-up from
    ``assigned_at``; follow-up and resolution move out by the closed pauses (``paused_seconds``).
    """
    pause = facts.paused_seconds
    if pause < 0:
        raise ValueError(f"paused_seconds must be >= 0, not {pause}")
    received = calendar._ts(facts.received_at)
    assigned = None if facts.assigned_at is None else calendar._ts(facts.assigned_at)
    t = calendar._table
    if not t.lo_ts <= received < t.hi_ts or (assigned is not None and not t.lo_ts <= assigned < t.hi_ts):
        t = calendar._table_for(received) if assigned is None else calendar._table_for(received, assigned)
    opens, lengths = t.opens, t.lengths
    loaded = len(opens)

    # The hot path of the queue: _units_at and _ts_at_units inlined (same arithmetic).
    i = bisect_right(opens, received) - 1
    if i < 0:
        start = 0.0
    else:
        offset = received - opens[i]
        start = i + (1.0 if offset >= lengths[i] else offset / lengths[i])
    first_days = (
        policy.first_response_days_social
        if facts.channel in SOCIAL_CHANNELS
        else policy.first_response_days_other
    )
    # Three targets from the same start, unrolled: this runs for every ticket of a queue.
    resolution_days = policy.resolution_days[facts.tier]
    verification = _at_units(calendar, t, start + policy.verification_days, received, loaded)
    first_response = _at_units(calendar, t, start + first_days, received, loaded)
    resolution = _at_units(calendar, t, start + resolution_days, received, loaded)
    follow_up = (
        None
        if assigned is None
        else calendar._ts_at_units(t, calendar._units_at(t, assigned) + policy.follow_up_days, assigned)
    )
    if pause:
        # The targets may lie past the table taken above: take one that covers them.
        t = (
            calendar._table_for(resolution)
            if follow_up is None
            else calendar._table_for(resolution, follow_up)
        )
        resolution = calendar._ts_at_seconds(t, calendar._seconds_at(t, resolution) + pause, resolution)
        if follow_up is not None:
            follow_up = calendar._ts_at_seconds(t, calendar._seconds_at(t, follow_up) + pause, follow_up)
    tz = calendar.tz
    return Deadlines(
        datetime.fromtimestamp(verification, tz),
        datetime.fromtimestamp(first_response, tz),
        None if follow_up is None else datetime.fromtimestamp(follow_up, tz),
        datetime.fromtimestamp(resolution, tz),
    )


def _at_units(calendar: WorkCalendar, t: _Table, units: float, not_before: float, loaded: int) -> float:
    """``WorkCalendar._ts_at_units`` with its common case (inside the loaded table) inlined."""
    index = int(units)
    fraction = units - index
    if fraction == 0.0 and index > 0:
        index -= 1  # a day boundary is the closing time of the last day counted
        fraction = 1.0
    if index < loaded:
        ts = t.opens[index] + fraction * t.lengths[index]
        if ts >= not_before:
            return ts
    return calendar._ts_at_units(t, units, not_before)


def is_met(facts: TicketFacts, stage: Stage) -> bool:
    """Whether ``stage`` is done (on time or not); a resolved ticket has every stage done."""
    if facts.resolved_at is not None:
        return True
    if stage is Stage.VERIFICATION:
        return facts.verified_at is not None or facts.assigned_at is not None
    if stage is Stage.FIRST_RESPONSE:
        return facts.first_response_at is not None
    if stage is Stage.FOLLOW_UP:
        return facts.followed_up_at is not None
    return False


def next_deadline(facts: TicketFacts, deadlines: Deadlines) -> tuple[Stage, datetime] | None:
    """The earliest deadline of a stage not yet met (``is_met``); None when every stage is met.

    Ties go to the earlier stage. Cheap (no calendar): the local store keeps it per open ticket
    so the queue sorts by an index.
    """
    if facts.resolved_at is not None:
        return None
    stage: Stage | None = None
    best: datetime | None = None
    d = deadlines.verification
    if d is not None and facts.verified_at is None and facts.assigned_at is None:
        stage, best = Stage.VERIFICATION, d
    d = deadlines.first_response
    if d is not None and facts.first_response_at is None and (best is None or d < best):
        stage, best = Stage.FIRST_RESPONSE, d
    d = deadlines.follow_up
    if d is not None and facts.followed_up_at is None and (best is None or d < best):
        stage, best = Stage.FOLLOW_UP, d
    d = deadlines.resolution
    if d is not None and (best is None or d < best):
        stage, best = Stage.RESOLUTION, d
    if stage is None or best is None:
        return None
    return stage, best


def _stage_start(facts: TicketFacts, stage: Stage) -> datetime:
    if stage is Stage.FOLLOW_UP and facts.assigned_at is not None:
        return facts.assigned_at
    return facts.received_at


def urgency(
    facts: TicketFacts, deadlines: Deadlines, calendar: WorkCalendar, now: datetime
) -> Urgency | None:
    """How urgent the ticket is at ``now``: its earliest unmet deadline, time left and level.

    ``warning`` when under 25 % of the stage's allotted working time, or under one working day,
    is left; ``breached`` when the deadline has passed. While the ticket waits for the citizen the
    follow-up and resolution clocks stand still at ``paused_since``.
    """
    found = next_deadline(facts, deadlines)
    if found is None:
        return None
    stage, deadline = found
    paused = facts.paused_since is not None and stage in PAUSABLE_STAGES
    clock = facts.paused_since if paused and facts.paused_since is not None else now
    deadline_ts = calendar._ts(deadline)
    clock_ts, t, clock_seconds, clock_units = calendar._clock_position(clock)
    if not t.lo_ts <= deadline_ts < t.hi_ts:
        t = calendar._table_for(clock_ts, deadline_ts)
        clock_seconds, clock_units = calendar._position(t, clock_ts)
    deadline_seconds, deadline_units = calendar._position(t, deadline_ts)
    remaining_seconds = deadline_seconds - clock_seconds
    remaining_days = deadline_units - clock_units
    if clock_ts > deadline_ts:
        level = UrgencyLevel.BREACHED
    elif remaining_days < WARNING_DAYS:
        level = UrgencyLevel.WARNING
    else:
        start_ts = calendar._ts(_stage_start(facts, stage))
        t = calendar._table_for(start_ts, clock_ts, deadline_ts)
        allotted_days = calendar._position(t, deadline_ts)[1] - calendar._position(t, start_ts)[1]
        level = UrgencyLevel.WARNING if remaining_days < WARNING_SHARE * allotted_days else UrgencyLevel.OK
    return _urgency(stage, deadline, timedelta(0, remaining_seconds), level, paused, remaining_days)
