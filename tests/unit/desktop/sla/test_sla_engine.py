"""Deadlines, next deadline and urgency of tickets as an officer sees them in the queue."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop.domain import Channel, Stage, Tier, UrgencyLevel
from desktop.sla import SlaPolicy, TicketFacts, WorkCalendar, compute_deadlines, next_deadline, urgency

WIB = ZoneInfo("Asia/Jakarta")
CAL = WorkCalendar()
POLICY = SlaPolicy()


def wib(*args: int) -> datetime:
    return datetime(*args, tzinfo=WIB)  # type: ignore[misc]


def facts(**changes: object) -> TicketFacts:
    base: dict[str, object] = {
        "received_at": wib(2026, 3, 16, 9),
        "channel": Channel.TWITTER,
        "tier": Tier.NORMATIF,
    }
    base.update(changes)
    return TicketFacts(**base)  # type: ignore[arg-type]


def test_deadlines_of_a_social_media_complaint_around_idul_fitri_2026() -> None:
    d = compute_deadlines(facts(), POLICY, CAL)
    assert d.first_response == wib(2026, 3, 17, 9)  # 1 working day
    assert d.verification == wib(2026, 3, 26, 9)  # 17, 25, 26 March
    assert d.resolution == wib(2026, 3, 30, 9)  # normatif: 5 working days
    assert d.follow_up is None  # not assigned yet


def test_first_response_target_depends_on_the_channel() -> None:
    assert compute_deadlines(facts(channel=Channel.WHATSAPP), POLICY, CAL).first_response == wib(
        2026, 3, 17, 9
    )
    assert compute_deadlines(facts(channel=Channel.EMAIL), POLICY, CAL).first_response == wib(2026, 3, 26, 9)
    assert compute_deadlines(facts(channel=Channel.WALK_IN), POLICY, CAL).first_response == wib(
        2026, 3, 26, 9
    )


@pytest.mark.parametrize(
    ("tier", "deadline"),
    [
        (Tier.RINGAN, wib(2026, 3, 25, 9)),
        (Tier.NORMATIF, wib(2026, 3, 30, 9)),
        (Tier.NON_PENGAWASAN, wib(2026, 4, 13, 9)),  # Good Friday 3 April skipped
    ],
)
def test_resolution_by_tier(tier: Tier, deadline: datetime) -> None:
    assert compute_deadlines(facts(tier=tier), POLICY, CAL).resolution == deadline


def test_follow_up_counts_from_the_disposition() -> None:
    d = compute_deadlines(facts(assigned_at=wib(2026, 3, 25, 11)), POLICY, CAL)
    assert d.follow_up == wib(2026, 4, 1, 11)  # 26, 27, 30, 31 March, 1 April


def test_closed_pauses_push_follow_up_and_resolution_only() -> None:
    plain = compute_deadlines(facts(assigned_at=wib(2026, 3, 25, 11)), POLICY, CAL)
    paused = compute_deadlines(facts(assigned_at=wib(2026, 3, 25, 11), paused_seconds=2 * 3600), POLICY, CAL)
    assert paused.verification == plain.verification
    assert paused.first_response == plain.first_response
    assert paused.resolution == wib(2026, 3, 30, 11)
    assert paused.follow_up == wib(2026, 4, 1, 13)
    # A pause longer than the rest of the day carries into the next working day.
    day = compute_deadlines(facts(paused_seconds=8 * 3600), POLICY, CAL)
    assert day.resolution == wib(2026, 3, 31, 9)


def test_policy_changes_the_targets() -> None:
    policy = SlaPolicy(
        verification_days=1, first_response_days_social=0.5, resolution_days={Tier.NORMATIF: 10}
    )
    d = compute_deadlines(facts(), policy, CAL)
    assert d.verification == wib(2026, 3, 17, 9)
    assert d.first_response == wib(2026, 3, 16, 13)
    assert d.resolution == wib(2026, 4, 7, 9)  # 17, 25-27, 30-31 March, 1-2, 6, 7 April


def test_next_deadline_follows_the_stages_a_ticket_meets() -> None:
    f = facts()
    d = compute_deadlines(f, POLICY, CAL)
    assert next_deadline(f, d) == (Stage.FIRST_RESPONSE, wib(2026, 3, 17, 9))
    f = facts(first_response_at=wib(2026, 3, 16, 10))
    assert next_deadline(f, d) == (Stage.VERIFICATION, wib(2026, 3, 26, 9))
    f = facts(first_response_at=wib(2026, 3, 16, 10), verified_at=wib(2026, 3, 16, 11))
    assert next_deadline(f, d) == (Stage.RESOLUTION, wib(2026, 3, 30, 9))
    f = facts(first_response_at=wib(2026, 3, 16, 10), assigned_at=wib(2026, 3, 25, 11))
    d = compute_deadlines(f, POLICY, CAL)
    assert next_deadline(f, d) == (Stage.RESOLUTION, wib(2026, 3, 30, 9))  # disposition implies verification
    f = facts(
        first_response_at=wib(2026, 3, 16, 10), assigned_at=wib(2026, 3, 25, 11), tier=Tier.NON_PENGAWASAN
    )
    d = compute_deadlines(f, POLICY, CAL)
    assert next_deadline(f, d) == (Stage.FOLLOW_UP, wib(2026, 4, 1, 11))
    f = facts(
        assigned_at=wib(2026, 3, 25, 11),
        followed_up_at=wib(2026, 3, 26, 9),
        first_response_at=wib(2026, 3, 16, 9),
    )
    assert next_deadline(f, d) == (Stage.RESOLUTION, d.resolution)
    assert next_deadline(facts(resolved_at=wib(2026, 3, 20, 9)), d) is None


def test_next_deadline_prefers_the_earlier_stage_on_a_tie() -> None:
    d = compute_deadlines(facts(channel=Channel.EMAIL), POLICY, CAL)
    assert d.verification == d.first_response
    assert next_deadline(facts(channel=Channel.EMAIL), d) == (Stage.VERIFICATION, d.verification)


def test_urgency_levels() -> None:
    f = facts(
        tier=Tier.PENGAWASAN,
        verified_at=wib(2026, 3, 16, 10),
        first_response_at=wib(2026, 3, 16, 10),
    )
    d = compute_deadlines(f, POLICY, CAL)
    assert d.resolution is not None
    early = urgency(f, d, CAL, wib(2026, 3, 17, 9))
    assert early is not None
    assert (early.stage, early.level, early.paused) == (Stage.RESOLUTION, UrgencyLevel.OK, False)
    assert early.deadline == d.resolution
    # Under 25 % of 60 working days left (here 10 days): warning.
    late = urgency(f, d, CAL, d.resolution - timedelta(days=14))
    assert late is not None and late.level is UrgencyLevel.WARNING
    breached = urgency(f, d, CAL, d.resolution + timedelta(days=1))
    assert breached is not None
    assert breached.level is UrgencyLevel.BREACHED
    assert breached.remaining == -timedelta(hours=8)


def test_urgency_of_the_first_response_and_its_remaining_time() -> None:
    f = facts()
    d = compute_deadlines(f, POLICY, CAL)
    u = urgency(f, d, CAL, wib(2026, 3, 16, 15))
    assert u is not None
    assert u.stage is Stage.FIRST_RESPONSE
    assert u.remaining == timedelta(hours=2)  # 15-16 today, 08-09 tomorrow
    assert u.level is UrgencyLevel.WARNING  # under one working day
    # After closing on the deadline day the deadline has passed, with no office time lost yet.
    after = urgency(f, d, CAL, wib(2026, 3, 17, 18))
    assert after is not None and after.level is UrgencyLevel.BREACHED
    assert after.remaining == -timedelta(hours=7)


def test_ok_needs_a_day_and_a_quarter_of_the_stage_left() -> None:
    f = facts(channel=Channel.EMAIL, first_response_at=wib(2026, 3, 16, 9), verified_at=wib(2026, 3, 16, 9))
    d = compute_deadlines(f, POLICY, CAL)  # resolution 30 March 09:00, 5 working days
    at = urgency(f, d, CAL, wib(2026, 3, 25, 9))  # 2 of 5 days left: 40 %
    assert at is not None and at.level is UrgencyLevel.OK
    at = urgency(f, d, CAL, wib(2026, 3, 27, 10))  # 0.875 days left
    assert at is not None and at.level is UrgencyLevel.WARNING


def test_urgency_is_frozen_while_waiting_for_the_citizen() -> None:
    done = {"first_response_at": wib(2026, 3, 16, 10), "assigned_at": wib(2026, 3, 16, 11)}
    f = facts(**done, followed_up_at=wib(2026, 3, 16, 12), paused_since=wib(2026, 3, 17, 9))
    d = compute_deadlines(f, POLICY, CAL)
    a = urgency(f, d, CAL, wib(2026, 3, 17, 9))
    b = urgency(f, d, CAL, wib(2026, 4, 30, 9))  # weeks later, still paused
    assert a is not None and b is not None
    assert b.paused
    assert b.stage is Stage.RESOLUTION
    assert d.resolution is not None
    assert b.remaining == a.remaining == CAL.working_time_between(wib(2026, 3, 17, 9), d.resolution)
    assert b.level is not UrgencyLevel.BREACHED
    running = urgency(facts(**done, followed_up_at=wib(2026, 3, 16, 12)), d, CAL, wib(2026, 4, 30, 9))
    assert running is not None and running.level is UrgencyLevel.BREACHED


def test_nothing_is_urgent_once_resolved() -> None:
    f = facts(resolved_at=wib(2026, 3, 20, 9))
    assert urgency(f, compute_deadlines(f, POLICY, CAL), CAL, wib(2026, 5, 1, 9)) is None


def test_negative_pause_is_an_error() -> None:
    with pytest.raises(ValueError):
        compute_deadlines(facts(paused_seconds=-1), POLICY, CAL)


def test_naive_received_at_is_an_error() -> None:
    with pytest.raises(ValueError, match="naive"):
        compute_deadlines(facts(received_at=datetime(2026, 3, 16, 9)), POLICY, CAL)


def test_is_met() -> None:
    from desktop.sla import is_met

    assert not is_met(facts(), Stage.VERIFICATION)
    assert is_met(facts(assigned_at=wib(2026, 3, 17, 9)), Stage.VERIFICATION)
    assert is_met(facts(first_response_at=wib(2026, 3, 17, 9)), Stage.FIRST_RESPONSE)
    assert not is_met(facts(first_response_at=wib(2026, 3, 17, 9)), Stage.FOLLOW_UP)
    assert all(is_met(facts(resolved_at=wib(2026, 3, 17, 9)), s) for s in Stage)


def test_urgency_for_many_tickets_at_one_now_matches_one_at_a_time() -> None:
    now = wib(2026, 3, 26, 11)
    tickets = [
        facts(received_at=wib(2026, 3, d, h), tier=tier)
        for d in (10, 12, 16)
        for h in (7, 12)
        for tier in Tier
    ]
    shared = [urgency(f, compute_deadlines(f, POLICY, CAL), CAL, now) for f in tickets]
    fresh = [
        urgency(f, compute_deadlines(f, POLICY, CAL), WorkCalendar(), wib(2026, 3, 26, 11)) for f in tickets
    ]
    assert shared == fresh


def test_results_are_ordinary_frozen_values() -> None:
    import dataclasses

    from desktop.domain import Deadlines

    f = facts(assigned_at=wib(2026, 3, 25, 11))
    d = compute_deadlines(f, POLICY, CAL)
    assert d == Deadlines(d.verification, d.first_response, d.follow_up, d.resolution)
    assert hash(d) == hash(Deadlines(d.verification, d.first_response, d.follow_up, d.resolution))
    with pytest.raises(AttributeError):
        d.resolution = None  # type: ignore[misc]
    u = urgency(f, d, CAL, wib(2026, 3, 26, 9))
    assert u is not None
    assert u == dataclasses.replace(u)
    with pytest.raises(dataclasses.FrozenInstanceError):
        u.level = UrgencyLevel.OK  # type: ignore[misc]
    assert "Urgency(stage=" in repr(u)
