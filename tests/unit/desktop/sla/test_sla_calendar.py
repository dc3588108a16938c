"""Working-day arithmetic around Indonesian holidays, zones and OPD-specific days."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop.sla import WorkCalendar, calendar_from_directory, clear_holiday_caches

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")
UTC = ZoneInfo("UTC")


def wib(*args: int) -> datetime:
    return datetime(*args, tzinfo=WIB)  # type: ignore[misc]


DEFAULT = WorkCalendar()


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 3, 27), True),  # Thursday before Nyepi 2025
        (date(2025, 3, 28), False),  # Nyepi cuti bersama
        (date(2025, 3, 31), False),  # Idul Fitri 1446
        (date(2025, 4, 1), False),
        (date(2025, 4, 2), False),  # cuti bersama Idul Fitri
        (date(2025, 4, 7), False),  # cuti bersama Idul Fitri
        (date(2025, 4, 8), True),
        (date(2026, 3, 18), False),  # Nyepi 2026 cuti bersama
        (date(2026, 3, 19), False),  # Nyepi 2026
        (date(2026, 3, 20), False),  # cuti bersama Idul Fitri 1447
        (date(2026, 3, 23), False),
        (date(2026, 3, 24), False),
        (date(2026, 3, 25), True),
        (date(2025, 12, 26), False),  # cuti bersama Natal
        (date(2025, 12, 31), True),
        (date(2026, 1, 1), False),
        (date(2026, 3, 14), False),  # Saturday
        (date(2026, 3, 15), False),  # Sunday
    ],
)
def test_working_days_follow_national_holidays_and_cuti_bersama(day: date, working: bool) -> None:
    assert DEFAULT.is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "days", "deadline"),
    [
        # The examples: same clock time on the third working day; before opening counts the day.
        (wib(2026, 3, 10, 10), 3, wib(2026, 3, 13, 10)),
        (wib(2026, 3, 10, 7), 3, wib(2026, 3, 12, 16)),
        (wib(2026, 3, 10, 17), 3, wib(2026, 3, 13, 16)),  # after closing: starts at the next opening
        (wib(2026, 3, 10, 16), 3, wib(2026, 3, 13, 16)),  # the closing instant is already after hours
        (wib(2026, 3, 14, 11), 1, wib(2026, 3, 16, 16)),  # Saturday: Monday counts whole
        # Idul Fitri 2026 with Nyepi right before it: Tue 17 March, then Wed 25 March.
        (wib(2026, 3, 17, 10), 3, wib(2026, 3, 27, 10)),
        (wib(2026, 3, 17, 10), 1, wib(2026, 3, 25, 10)),
        (wib(2026, 3, 20, 10), 1, wib(2026, 3, 25, 16)),  # received on a cuti bersama day
        # Idul Fitri 2025: Thu 27 March, then Tue 8 April.
        (wib(2025, 3, 27, 10), 1, wib(2025, 4, 8, 10)),
        (wib(2025, 3, 26, 10), 3, wib(2025, 4, 9, 10)),
        (wib(2025, 3, 27, 17), 1, wib(2025, 4, 8, 16)),
        # Year ends: Christmas and cuti bersama, New Year.
        (wib(2025, 12, 24, 10), 2, wib(2025, 12, 30, 10)),
        (wib(2025, 12, 31, 14), 1, wib(2026, 1, 2, 14)),
        (wib(2026, 12, 23, 9), 1, wib(2026, 12, 28, 9)),
        (wib(2026, 12, 31, 14), 1, wib(2027, 1, 4, 14)),
        # Fractional days.
        (wib(2026, 3, 10, 10), 0.5, wib(2026, 3, 10, 14)),
        (wib(2026, 3, 10, 10), 1.75, wib(2026, 3, 11, 16)),  # a day boundary is a closing time
        (wib(2026, 3, 10, 15), 0.25, wib(2026, 3, 11, 9)),
        (wib(2026, 3, 10, 7), 0.125, wib(2026, 3, 10, 9)),
        (wib(2026, 3, 10, 10, 15), 0.001, wib(2026, 3, 10, 10, 15, 28, 800000)),
    ],
)
def test_add_working_days_default_calendar(start: datetime, days: float, deadline: datetime) -> None:
    result = DEFAULT.add_working_days(start, days)
    assert result == deadline
    assert result.tzinfo == WIB


def test_zero_days_is_when_counting_starts() -> None:
    assert DEFAULT.add_working_days(wib(2026, 3, 10, 10), 0) == wib(2026, 3, 10, 10)
    assert DEFAULT.add_working_days(wib(2026, 3, 10, 17), 0) == wib(2026, 3, 11, 8)


def test_a_start_in_another_zone_counts_in_the_calendars_zone() -> None:
    # 02:00 UTC is 09:00 WIB.
    result = DEFAULT.add_working_days(datetime(2026, 3, 10, 2, tzinfo=UTC), 1)
    assert result == wib(2026, 3, 11, 9)
    assert result.utcoffset() == timedelta(hours=7)


def test_wita_and_wit_opds_count_in_their_own_office_hours() -> None:
    wita = WorkCalendar("Asia/Makassar")
    wit = WorkCalendar("Asia/Jayapura")
    # 00:30 UTC: 07:30 WIB (before opening), 08:30 WITA and 09:30 WIT (open).
    received = datetime(2026, 3, 16, 0, 30, tzinfo=UTC)
    assert DEFAULT.add_working_days(received, 1) == wib(2026, 3, 16, 16)
    assert wita.add_working_days(received, 1) == datetime(2026, 3, 17, 8, 30, tzinfo=WITA)
    assert wit.add_working_days(received, 1) == datetime(2026, 3, 17, 9, 30, tzinfo=WIT)
    # Idul Fitri is national: a WIT OPD skips the same dates.
    assert wit.add_working_days(datetime(2026, 3, 17, 10, tzinfo=WIT), 3) == datetime(
        2026, 3, 27, 10, tzinfo=WIT
    )
    # 15:30 WIT is 13:30 WIB: the Jakarta OPD still has 2.5 hours, Jayapura half an hour.
    late = datetime(2026, 3, 16, 15, 30, tzinfo=WIT)
    assert DEFAULT.working_time_between(late, wib(2026, 3, 16, 23)) == timedelta(hours=2, minutes=30)
    assert wit.working_time_between(late, wib(2026, 3, 16, 23)) == timedelta(minutes=30)


def test_opd_extra_non_working_day() -> None:
    cal = WorkCalendar(extra_non_working=[date(2026, 3, 26)])  # the regency's anniversary
    assert not cal.is_working_day(date(2026, 3, 26))
    assert cal.add_working_days(wib(2026, 3, 17, 10), 3) == wib(2026, 3, 30, 10)


def test_opd_that_opens_on_a_saturday_by_date() -> None:
    cal = WorkCalendar(extra_working=[date(2026, 3, 28)])
    assert cal.is_working_day(date(2026, 3, 28))
    assert cal.office_hours_on(date(2026, 3, 28)) == (time(8), time(16))  # the usual hours
    assert cal.add_working_days(wib(2026, 3, 17, 10), 4) == wib(2026, 3, 28, 10)
    assert DEFAULT.add_working_days(wib(2026, 3, 17, 10), 4) == wib(2026, 3, 30, 10)


def test_extra_working_wins_over_holidays_and_extra_non_working() -> None:
    cal = WorkCalendar(extra_non_working=[date(2026, 3, 24)], extra_working=[date(2026, 3, 24)])
    assert cal.is_working_day(date(2026, 3, 24))  # opens on a cuti bersama day


def test_opd_with_saturday_office_hours_counts_saturday_as_a_whole_working_day() -> None:
    hours = {wd: (time(8), time(16)) for wd in range(5)} | {5: (time(8), time(12))}
    cal = WorkCalendar("Asia/Makassar", hours)
    fri = datetime(2026, 3, 27, 14, tzinfo=WITA)
    # 14:00 is three quarters through Friday; one working day later is three quarters through Saturday.
    assert cal.add_working_days(fri, 1) == datetime(2026, 3, 28, 11, tzinfo=WITA)
    assert cal.add_working_days(fri, 2) == datetime(2026, 3, 30, 14, tzinfo=WITA)
    assert cal.working_time_between(fri, datetime(2026, 3, 28, 11, tzinfo=WITA)) == timedelta(hours=5)
    assert cal.working_day_length(date(2026, 3, 28)) == timedelta(hours=4)
    assert cal.working_day_length(date(2026, 3, 29)) == timedelta(0)
    assert cal.working_day_length() == timedelta(hours=8)


def test_add_working_time_counts_office_seconds() -> None:
    assert DEFAULT.add_working_time(wib(2026, 3, 10, 15), timedelta(hours=2)) == wib(2026, 3, 11, 9)
    assert DEFAULT.add_working_time(wib(2026, 3, 10, 8), timedelta(hours=8)) == wib(2026, 3, 10, 16)
    assert DEFAULT.add_working_time(wib(2026, 3, 17, 15), timedelta(hours=3)) == wib(2026, 3, 25, 10)


def test_working_time_between() -> None:
    assert DEFAULT.working_time_between(wib(2026, 3, 10, 10), wib(2026, 3, 13, 10)) == timedelta(hours=24)
    assert DEFAULT.working_time_between(wib(2026, 3, 13, 10), wib(2026, 3, 10, 10)) == -timedelta(hours=24)
    assert DEFAULT.working_time_between(wib(2026, 3, 17, 16), wib(2026, 3, 25, 8)) == timedelta(0)
    assert DEFAULT.working_time_between(wib(2026, 3, 17, 12), wib(2026, 3, 25, 12)) == timedelta(hours=8)
    assert DEFAULT.working_days_between(wib(2026, 3, 10, 10), wib(2026, 3, 13, 14)) == 3.5


def test_deadlines_across_years_loaded_in_any_order() -> None:
    cal = WorkCalendar()
    # Load 2026 first, then ask about 2025 (the calendar grows backwards) and 2027.
    assert cal.add_working_days(wib(2026, 3, 17, 10), 3) == wib(2026, 3, 27, 10)
    assert cal.add_working_days(wib(2025, 3, 27, 10), 1) == wib(2025, 4, 8, 10)
    assert cal.add_working_days(wib(2025, 12, 31, 14), 1) == wib(2026, 1, 2, 14)
    assert cal.working_time_between(wib(2025, 12, 31, 8), wib(2027, 1, 4, 8)) == DEFAULT.working_time_between(
        wib(2025, 12, 31, 8), wib(2027, 1, 4, 8)
    )


def test_year_without_holiday_data_warns_once_and_still_skips_weekends(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clear_holiday_caches()
    friday = datetime(2150, 1, 2, 10, tzinfo=WIB)
    assert friday.weekday() == 4
    with caplog.at_level(logging.WARNING, logger="desktop.sla.calendar"):
        assert WorkCalendar().add_working_days(friday, 1) == datetime(2150, 1, 5, 10, tzinfo=WIB)
        assert WorkCalendar("Asia/Makassar").add_working_days(friday, 2) == datetime(
            2150, 1, 6, 11, tzinfo=WITA
        )
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and "2150" in r.getMessage()]
    assert len(warnings) == 1
    assert "holidays package" in warnings[0].getMessage()


def test_year_without_cuti_bersama_warns(caplog: pytest.LogCaptureFixture) -> None:
    clear_holiday_caches()
    with caplog.at_level(logging.WARNING, logger="desktop.sla.calendar"):
        assert DEFAULT.is_working_day(date(2028, 1, 3))
        assert not WorkCalendar(office_hours={5: (time(8), time(12))}).is_working_day(
            date(2028, 1, 1)
        )  # New Year
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("cuti bersama" in m and "2028" in m for m in messages)


def test_naive_start_is_an_error() -> None:
    with pytest.raises(ValueError, match="naive"):
        DEFAULT.add_working_days(datetime(2026, 3, 10, 10), 1)
    with pytest.raises(ValueError, match="naive"):
        DEFAULT.working_time_between(datetime(2026, 3, 10, 10), wib(2026, 3, 10, 12))


@pytest.mark.parametrize("days", [-1, float("nan"), float("inf")])
def test_bad_day_counts_are_errors(days: float) -> None:
    with pytest.raises(ValueError):
        DEFAULT.add_working_days(wib(2026, 3, 10, 10), days)


@pytest.mark.parametrize(
    "hours",
    [
        {0: (time(16), time(8))},
        {7: (time(8), time(16))},
        {0: ("08:00", "16:00")},
        {},
    ],
)
def test_bad_office_hours_are_errors(hours: dict[int, tuple[time, time]]) -> None:
    with pytest.raises(ValueError):
        WorkCalendar(office_hours=hours)


def test_unknown_zone_is_an_error() -> None:
    with pytest.raises(ValueError, match="Asia/Atlantis"):
        WorkCalendar("Asia/Atlantis")


def test_calendar_from_directory_shares_one_calendar_per_opd_description() -> None:
    a = calendar_from_directory("Asia/Makassar", None, [date(2026, 3, 26)], [])
    b = calendar_from_directory("Asia/Makassar", None, (date(2026, 3, 26),), ())
    c = calendar_from_directory("Asia/Makassar", None, [], [])
    assert a is b
    assert a is not c
    assert a.tz == WITA
    assert not a.is_working_day(date(2026, 3, 26))
    assert c.is_working_day(date(2026, 3, 26))


def test_a_far_jump_loads_only_the_years_asked_for(caplog: pytest.LogCaptureFixture) -> None:
    clear_holiday_caches()
    cal = WorkCalendar()
    assert cal.add_working_days(wib(2026, 3, 17, 10), 3) == wib(2026, 3, 27, 10)
    with caplog.at_level(logging.WARNING, logger="desktop.sla.calendar"):
        assert cal.add_working_days(datetime(2150, 1, 2, 10, tzinfo=WIB), 1) == datetime(
            2150, 1, 5, 10, tzinfo=WIB
        )
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warned) == 1 and "2150" in warned[0]
    # And back: the earlier years still give the same answers.
    assert cal.add_working_days(wib(2025, 3, 27, 10), 1) == wib(2025, 4, 8, 10)


def test_one_calendar_shared_by_threads_gives_the_same_answers() -> None:
    from concurrent.futures import ThreadPoolExecutor

    starts = [
        wib(year, month, day, hour)
        for year in (2027, 2024, 2026, 2025)
        for month in (1, 4, 12)
        for day in (1, 15, 28)
        for hour in (7, 10, 15)
    ]
    expected = [DEFAULT.add_working_days(s, 7.5) for s in starts]
    shared = WorkCalendar()  # fresh: threads race to load and grow its table in both directions
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda s: shared.add_working_days(s, 7.5), starts * 4))
    assert got == expected * 4
