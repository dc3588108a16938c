"""Properties of the calendar and engine over many generated calendars, starts and durations."""

from __future__ import annotations

import os
import time as time_module
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain import Channel, Tier
from desktop.sla import SlaPolicy, TicketFacts, WorkCalendar, compute_deadlines

UTC = ZoneInfo("UTC")
EIGHT_HOURS = timedelta(hours=8)

UNIFORM = [
    WorkCalendar(),
    WorkCalendar("Asia/Makassar", extra_non_working=[date(2025, 5, 2), date(2026, 3, 26)]),
    WorkCalendar("Asia/Jayapura", extra_working=[date(2025, 4, 5), date(2026, 3, 28), date(2026, 3, 24)]),
]
UNEVEN = [
    # Shorter Fridays, Saturday mornings: days of different lengths.
    WorkCalendar(
        "Asia/Makassar",
        {
            0: (time(7, 30), time(16)),
            1: (time(7, 30), time(16)),
            2: (time(7, 30), time(16)),
            3: (time(7, 30), time(16)),
            4: (time(7, 30), time(11, 30)),
            5: (time(8), time(12)),
        },
    ),
    WorkCalendar("Asia/Jakarta", {0: (time(8), time(16)), 2: (time(9, 15), time(13, 45))}),
]
CALENDARS = UNIFORM + UNEVEN

starts = st.datetimes(min_value=datetime(2024, 6, 1), max_value=datetime(2027, 3, 1), timezones=st.just(UTC))
day_counts = st.one_of(
    st.integers(min_value=0, max_value=70).map(float),
    st.floats(min_value=0, max_value=70, allow_nan=False, allow_infinity=False),
    st.sampled_from([0.125, 0.25, 0.5, 1.5, 2.75]),
)
calendars = st.sampled_from(CALENDARS)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(calendars, starts, day_counts)
def test_deadlines_never_fall_outside_office_hours(cal: WorkCalendar, start: datetime, days: float) -> None:
    deadline = cal.add_working_days(start, days)
    assert cal.is_office_time(deadline), deadline
    assert deadline >= start or cal.working_time_between(deadline, start) == timedelta(0)
    assert deadline.tzinfo == cal.tz


@PROPERTY
@given(calendars, starts, day_counts)
def test_working_days_between_start_and_deadline_is_the_days_added(
    cal: WorkCalendar, start: datetime, days: float
) -> None:
    deadline = cal.add_working_days(start, days)
    assert cal.working_days_between(start, deadline) == pytest.approx(days, abs=1e-6)


@PROPERTY
@given(st.sampled_from(UNIFORM), starts, day_counts)
def test_working_time_between_start_and_deadline_is_that_many_office_days(
    cal: WorkCalendar, start: datetime, days: float
) -> None:
    deadline = cal.add_working_days(start, days)
    assert abs(cal.working_time_between(start, deadline) - days * EIGHT_HOURS) <= timedelta(microseconds=2)


@PROPERTY
@given(calendars, starts, st.integers(min_value=0, max_value=400 * 3600))
def test_add_working_time_inverts_working_time_between(
    cal: WorkCalendar, start: datetime, seconds: int
) -> None:
    end = cal.add_working_time(start, timedelta(seconds=seconds))
    assert cal.working_time_between(start, end) == timedelta(seconds=seconds)
    assert cal.working_time_between(end, start) == -timedelta(seconds=seconds)


@PROPERTY
@given(calendars, starts, day_counts, day_counts)
def test_more_days_never_give_an_earlier_deadline(
    cal: WorkCalendar, start: datetime, a: float, b: float
) -> None:
    low, high = sorted((a, b))
    assert cal.add_working_days(start, low) <= cal.add_working_days(start, high)


@PROPERTY
@given(
    calendars,
    starts,
    st.sampled_from(list(Channel)),
    st.sampled_from(list(Tier)),
    st.one_of(st.none(), st.integers(min_value=0, max_value=30 * 86400)),
    st.integers(min_value=0, max_value=200 * 3600),
    st.integers(min_value=0, max_value=200 * 3600),
)
def test_adding_a_pause_never_makes_a_deadline_earlier(
    cal: WorkCalendar,
    received: datetime,
    channel: Channel,
    tier: Tier,
    assigned_after: int | None,
    pause: int,
    more: int,
) -> None:
    assigned = None if assigned_after is None else received + timedelta(seconds=assigned_after)
    shorter = TicketFacts(received, channel, tier, assigned_at=assigned, paused_seconds=pause)
    longer = TicketFacts(received, channel, tier, assigned_at=assigned, paused_seconds=pause + more)
    a = compute_deadlines(shorter, SlaPolicy(), cal)
    b = compute_deadlines(longer, SlaPolicy(), cal)
    assert a.verification == b.verification and a.first_response == b.first_response
    assert a.resolution is not None and b.resolution is not None and a.resolution <= b.resolution
    if assigned is not None:
        assert a.follow_up is not None and b.follow_up is not None and a.follow_up <= b.follow_up
    for d in (b.resolution, b.follow_up):
        assert d is None or cal.is_office_time(d)


# -- the machine's own time zone must not matter ---------------------------------------------


@pytest.fixture
def new_york_local_time() -> Iterator[None]:
    if not hasattr(time_module, "tzset"):
        pytest.skip("time.tzset is POSIX-only")
    old = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time_module.tzset()
    try:
        yield
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time_module.tzset()


SAMPLE_STARTS = [
    datetime(2025, 3, 9, 6, 30, tzinfo=UTC),  # US DST starts that day
    datetime(2025, 3, 26, 3, tzinfo=UTC),
    datetime(2025, 11, 2, 5, 59, tzinfo=UTC),  # US DST ends
    datetime(2025, 12, 31, 9, 15, tzinfo=UTC),
    datetime(2026, 3, 17, 0, 45, tzinfo=UTC),
]


def _sample_results() -> list[tuple[datetime, ...]]:
    out = []
    for cal in CALENDARS:
        fresh = WorkCalendar(cal.tz, cal.office_hours, cal.extra_non_working, cal.extra_working)
        for start in SAMPLE_STARTS:
            d = compute_deadlines(
                TicketFacts(
                    start, Channel.LAPOR, Tier.NON_PENGAWASAN, assigned_at=start, paused_seconds=5000
                ),
                SlaPolicy(),
                fresh,
            )
            out.append(
                (
                    fresh.add_working_days(start, 2.5),
                    fresh.add_working_days(start.astimezone(ZoneInfo("America/New_York")), 1),
                    d.verification,
                    d.first_response,
                    d.follow_up,
                    d.resolution,
                )  # type: ignore[arg-type]
            )
    return out


def test_results_do_not_depend_on_the_machines_time_zone(new_york_local_time: None) -> None:
    in_new_york = _sample_results()
    os.environ["TZ"] = "Asia/Tokyo"
    time_module.tzset()
    assert _sample_results() == in_new_york
    os.environ["TZ"] = "UTC"
    time_module.tzset()
    assert _sample_results() == in_new_york


@settings(max_examples=60, deadline=None)
@given(calendars, starts, day_counts)
def test_properties_hold_under_new_york_local_time(cal: WorkCalendar, start: datetime, days: float) -> None:
    old = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time_module.tzset()
    try:
        deadline = cal.add_working_days(start, days)
        assert cal.is_office_time(deadline)
        assert cal.working_days_between(start, deadline) == pytest.approx(days, abs=1e-6)
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time_module.tzset()
