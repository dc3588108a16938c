"""Dates, times and remaining time as officers and citizens read them."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from desktop.domain import Stage, UrgencyLevel
from desktop.labels import stage_label
from desktop.wording import (
    format_date,
    format_datetime,
    format_duration,
    format_remaining,
    format_time,
    format_working_days,
    level_name,
)

UTC = ZoneInfo("UTC")
DEADLINE = datetime(2026, 3, 27, 3, 0, tzinfo=UTC)  # 10:00 in Jakarta
DAY = timedelta(hours=8)


@pytest.mark.parametrize(
    ("tz", "lang", "text"),
    [
        ("Asia/Jakarta", "id", "Jumat, 27 Maret 2026 10.00 WIB"),
        ("Asia/Makassar", "id", "Jumat, 27 Maret 2026 11.00 WITA"),
        ("Asia/Jayapura", "id", "Jumat, 27 Maret 2026 12.00 WIT"),
        ("Asia/Pontianak", "id", "Jumat, 27 Maret 2026 10.00 WIB"),
        ("Asia/Jakarta", "en", "Friday, 27 March 2026 10:00 WIB"),
        ("UTC", "en", "Friday, 27 March 2026 03:00 UTC"),
    ],
)
def test_format_datetime_in_the_opds_zone(tz: str, lang: str, text: str) -> None:
    assert format_datetime(DEADLINE, tz, lang) == text


def test_format_datetime_crosses_midnight_into_the_local_date() -> None:
    late = datetime(2026, 8, 16, 20, 30, tzinfo=UTC)  # already 17 August in Jayapura
    assert format_datetime(late, "Asia/Jayapura") == "Senin, 17 Agustus 2026 05.30 WIT"
    assert format_datetime(late, ZoneInfo("Asia/Jakarta")) == "Senin, 17 Agustus 2026 03.30 WIB"


def test_format_datetime_without_zone_keeps_the_datetimes_own() -> None:
    local = datetime(2026, 1, 5, 8, 5, tzinfo=ZoneInfo("Asia/Makassar"))
    assert format_datetime(local) == "Senin, 5 Januari 2026 08.05 WITA"
    assert format_datetime(local, weekday=False) == "5 Januari 2026 08.05 WITA"


def test_other_zones_show_their_abbreviation_or_offset() -> None:
    assert format_time(DEADLINE, "Asia/Kolkata", "en") == "08:30 IST"
    assert format_time(DEADLINE, "Asia/Dubai", "en") == "07:00 UTC+04:00"
    assert format_time(DEADLINE, timezone(timedelta(hours=7))) == "10.00 UTC+07:00"


def test_format_date() -> None:
    assert format_date(date(2025, 3, 31)) == "Senin, 31 Maret 2025"
    assert format_date(date(2025, 12, 25), lang="en") == "Thursday, 25 December 2025"
    assert format_date(DEADLINE, "Asia/Jakarta", weekday=False) == "27 Maret 2026"
    assert format_date(date(2026, 5, 1), lang="id") == "Jumat, 1 Mei 2026"


def test_format_time_in_both_languages() -> None:
    assert format_time(DEADLINE, "Asia/Jakarta") == "10.00 WIB"
    assert format_time(DEADLINE, "Asia/Jakarta", "en", zone=False) == "10:00"


@pytest.mark.parametrize(
    ("remaining", "lang", "text"),
    [
        (timedelta(hours=19), "id", "sisa 2 hari kerja 3 jam"),
        (timedelta(hours=19, minutes=59), "id", "sisa 2 hari kerja 3 jam"),
        (-timedelta(hours=8), "id", "terlambat 1 hari kerja"),
        (-timedelta(hours=8, minutes=40), "id", "terlambat 1 hari kerja"),
        (timedelta(hours=3, minutes=15), "id", "sisa 3 jam 15 menit"),
        (timedelta(minutes=45), "id", "sisa 45 menit"),
        (timedelta(seconds=20), "id", "sisa kurang dari 1 menit"),
        (-timedelta(days=3), "id", "terlambat 9 hari kerja"),
        (timedelta(0), "id", "jatuh tempo sekarang"),
        (timedelta(hours=19), "en", "2 working days 3 hours left"),
        (timedelta(hours=9), "en", "1 working day 1 hour left"),
        (-timedelta(hours=8), "en", "1 working day overdue"),
        (-timedelta(hours=16, minutes=1), "en", "2 working days overdue"),
        (timedelta(minutes=1), "en", "1 minute left"),
        (timedelta(hours=2, minutes=2), "en", "2 hours 2 minutes left"),
        (timedelta(0), "en", "due now"),
    ],
)
def test_format_remaining(remaining: timedelta, lang: str, text: str) -> None:
    assert format_remaining(remaining, DAY, lang) == text


def test_a_deadline_passed_after_hours_reads_overdue() -> None:
    assert format_remaining(timedelta(0), DAY, "id", breached=True) == "terlambat"
    assert format_remaining(timedelta(0), DAY, "en", breached=True) == "overdue"


def test_short_working_days_count_as_whole_days() -> None:
    assert format_remaining(timedelta(hours=5), timedelta(hours=4), "id") == "sisa 1 hari kerja 1 jam"


def test_format_duration_in_calendar_days() -> None:
    assert format_duration(timedelta(days=10)) == "10 hari"
    assert format_duration(timedelta(days=1, hours=2), lang="en") == "1 day 2 hours"


def test_format_working_days() -> None:
    assert format_working_days(3) == "3 hari kerja"
    assert format_working_days(0.5) == "0,5 hari kerja"
    assert format_working_days(1, "en") == "1 working day"
    assert format_working_days(60, "en") == "60 working days"


def test_stage_and_level_names() -> None:
    assert stage_label(Stage.FIRST_RESPONSE) == "Tanggapan pertama"
    assert stage_label(Stage.FOLLOW_UP, "en") == "Follow-up"
    assert [stage_label(s) for s in Stage] == [
        "Verifikasi",
        "Tanggapan pertama",
        "Tindak lanjut",
        "Penyelesaian",
    ]
    assert level_name(UrgencyLevel.BREACHED) == "Terlambat"
    assert level_name(UrgencyLevel.WARNING, "en") == "Due soon"
    assert level_name(UrgencyLevel.OK) == "Aman"


def test_errors() -> None:
    with pytest.raises(ValueError, match="language"):
        format_datetime(DEADLINE, "Asia/Jakarta", "jv")
    with pytest.raises(ValueError, match="naive"):
        format_datetime(datetime(2026, 3, 27, 10), "Asia/Jakarta")
    with pytest.raises(ValueError):
        format_remaining(timedelta(hours=1), timedelta(0))


def test_promised_deadline_is_never_in_the_past() -> None:
    from datetime import UTC, datetime

    from desktop.domain import Deadlines
    from desktop.wording import promised_deadline

    dl = Deadlines(
        first_response=datetime(2026, 12, 1, 9, tzinfo=UTC),
        follow_up=datetime(2026, 12, 4, 9, tzinfo=UTC),
        resolution=datetime(2026, 12, 8, 9, tzinfo=UTC),
    )
    assert promised_deadline(dl, datetime(2026, 11, 30, tzinfo=UTC)) == dl.resolution
    assert promised_deadline(dl, datetime(2026, 12, 8, 10, tzinfo=UTC)) is None
    late_resolution = dl._replace(resolution=datetime(2026, 12, 2, 9, tzinfo=UTC))
    assert promised_deadline(late_resolution, datetime(2026, 12, 3, tzinfo=UTC)) == dl.follow_up


def test_word_symbol_bullets_become_unicode() -> None:
    from desktop.wording import normalise_word_symbols

    assert normalise_word_symbols("\uf0b7 a\n\uf0a7 b\n\uf0fc c\n\uf0e0 d") == "• a\n▪ b\n✓ c\n• d"
    assert normalise_word_symbols("biasa saja ") == "biasa saja "


def test_control_characters_are_escaped_for_a_terminal() -> None:
    from desktop.wording import escape_controls

    assert escape_controls("a\x1b[2Jb\rc\x07\x9b\td\ne") == "a\\e[2Jb\\rc\\a\\x9b\td\ne"
    assert escape_controls("x\ny", keep_newlines=False) == "x\\x0ay"
