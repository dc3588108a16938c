"""The holiday cache on disk: the same days off as the holidays package, without importing it."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop.sla import WorkCalendar, clear_holiday_caches, use_holiday_cache
from desktop.sla import calendar as sla_calendar

ROOT = Path(__file__).resolve().parents[4]
WIB = ZoneInfo("Asia/Jakarta")

# Nyepi and Idul Fitri 2026 and their cuti bersama, a plain Wednesday, Christmas cuti bersama 2025.
DAYS = [date(2026, 3, d) for d in range(16, 27)] + [date(2025, 12, 24), date(2025, 12, 26)]


def working_days(days: list[date] = DAYS) -> list[bool]:
    calendar = WorkCalendar()
    return [calendar.is_working_day(d) for d in days]


def files(folder: Path) -> list[Path]:
    return sorted(folder.glob("holidays-*.json"))


@pytest.fixture
def cache_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "cache"
    clear_holiday_caches()
    use_holiday_cache(folder)
    yield folder
    use_holiday_cache(None)
    clear_holiday_caches()


@pytest.fixture(scope="module")
def package_answer() -> list[bool]:
    """What the holidays package itself says, no cache involved."""
    use_holiday_cache(None)
    clear_holiday_caches()
    return working_days()


def test_a_cached_year_gives_the_package_s_days_off(cache_dir: Path, package_answer: list[bool]) -> None:
    assert working_days() == package_answer  # computed, then written
    assert [f.name.split("-")[1] for f in files(cache_dir)] == ["2025", "2026"]
    clear_holiday_caches()  # as a new process would: the days now come from the files
    assert working_days() == package_answer
    answer = dict(zip(DAYS, package_answer, strict=True))
    assert not answer[date(2026, 3, 19)] and not answer[date(2026, 3, 24)] and answer[date(2026, 3, 25)]


def test_a_new_process_with_the_cache_does_not_import_holidays(cache_dir: Path) -> None:
    script = (
        "import sys\n"
        "from datetime import date\n"
        "from desktop.sla import WorkCalendar, use_holiday_cache\n"
        f"use_holiday_cache({str(cache_dir)!r})\n"
        "calendar = WorkCalendar('Asia/Makassar')\n"
        "print(calendar.is_working_day(date(2026, 3, 19)), calendar.is_working_day(date(2026, 3, 25)),\n"
        "      'holidays' in sys.modules)\n"
    )

    def run() -> list[str]:
        env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    assert run() == ["False", "True", "True"]  # first start: computed with the package, then cached
    assert run() == ["False", "True", "False"]  # every later start: read from the cache


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"[]", b'{"key": 1}', b"\xff\xfe", b"not json at all"],
    ids=["empty", "truncated", "list", "wrong-key", "binary", "text"],
)
def test_an_unreadable_cache_file_is_ignored_and_rewritten(
    cache_dir: Path, package_answer: list[bool], content: bytes
) -> None:
    working_days()
    for f in files(cache_dir):
        f.write_bytes(content)
    clear_holiday_caches()
    assert working_days() == package_answer
    clear_holiday_caches()
    assert working_days() == package_answer  # and the rewritten files hold the right days again
    assert all(json.loads(f.read_bytes())["days"] for f in files(cache_dir))


def test_a_file_with_the_wrong_year_s_days_is_ignored(cache_dir: Path, package_answer: list[bool]) -> None:
    working_days()
    for f in files(cache_dir):
        data = json.loads(f.read_bytes())
        data["days"] = ["1999-03-25"]
        f.write_text(json.dumps(data))
    clear_holiday_caches()
    assert working_days() == package_answer


def test_another_holidays_version_computes_afresh(
    cache_dir: Path, package_answer: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sla_calendar, "_holidays_version", lambda: "0.1-old")
    working_days()
    old_files = files(cache_dir)
    for f in old_files:  # the old version's (made-up) dates: nothing off in March 2026
        data = json.loads(f.read_bytes())
        data["days"] = []
        f.write_text(json.dumps(data))
    clear_holiday_caches()
    assert working_days([date(2026, 3, 19), date(2026, 3, 24)]) == [True, True]  # still read by it
    monkeypatch.setattr(sla_calendar, "_holidays_version", lambda: "0.2-new")
    clear_holiday_caches()
    assert working_days() == package_answer
    assert len(files(cache_dir)) == 2 * len(old_files)


def test_a_cached_year_without_data_still_warns(cache_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    friday = datetime(2150, 1, 2, 10, tzinfo=WIB)
    for _ in range(2):  # computed and written, then read back from the file
        clear_holiday_caches()
        with caplog.at_level(logging.WARNING, logger="desktop.sla.calendar"):
            assert WorkCalendar().add_working_days(friday, 1) == datetime(2150, 1, 5, 10, tzinfo=WIB)
        warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warned) == 1 and "2150" in warned[0] and "holidays package" in warned[0]
        caplog.clear()
    assert [f.name.split("-")[1] for f in files(cache_dir)] == ["2150"]


def test_an_unwritable_cache_folder_only_costs_speed(tmp_path: Path, package_answer: list[bool]) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    clear_holiday_caches()
    use_holiday_cache(blocker / "cache")
    try:
        assert working_days() == package_answer
    finally:
        use_holiday_cache(None)
        clear_holiday_caches()
    assert blocker.read_text() == "a file where the cache folder should be"
