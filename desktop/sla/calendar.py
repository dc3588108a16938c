"""Working-time calendar of an OPD: office hours on working days in the OPD's time zone.

A working day is one unit however long its office hours are (a Saturday 08:00-12:00 counts as a
whole working day, like a Monday 08:00-16:00); inside a day, time counts in proportion to its
office hours. Working *time* (``working_time_between``, ``add_working_time``) counts real seconds
of office time. With equal office hours on every working day the two agree.

Internally every loaded working day is a row of parallel lists (opening and closing POSIX
timestamps, cumulative office seconds), so converting an instant to a position is one bisect
and a deadline is a few arithmetic steps: no loop over days or minutes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import tempfile
import threading
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# The holidays package is imported only when a year's dates are computed (it costs 0.1-0.3 s
# to import, every country at once): a desk whose holiday cache has the year never loads it.

log = logging.getLogger(__name__)

OfficeHours = Mapping[int, tuple[time, time]]

DEFAULT_OFFICE_HOURS: dict[int, tuple[time, time]] = {wd: (time(8, 0), time(16, 0)) for wd in range(5)}

# The holidays package computes Indonesian dates from 1946 on; cuti bersama only for years the
# government has announced. Beyond the last supported year a calendar still runs on weekends.
_LAST_YEAR = 9998
_HOLIDAY_CATEGORIES = ("public", "government")
# What a cached year was computed by, besides the package version: bump when the computation changes.
_HOLIDAY_RULES = f"ID:{','.join(_HOLIDAY_CATEGORIES)}:1"


_warned_years: set[int] = set()
_warned_lock = threading.Lock()


def _warn_uncovered(year: int, missing: str, still_counted: str) -> None:
    with _warned_lock:
        if year in _warned_years:
            return
        _warned_years.add(year)
    log.warning(
        "SLA calendar: the holidays package (%s) has no %s for Indonesia in %d; deadlines in %d "
        "count %s. Update the holidays package, or enter that year's days off as the OPD's "
        "non-working days.",
        _holidays_version(),
        missing,
        year,
        year,
        still_counted,
    )


@cache
def _holidays_version() -> str:
    """The installed holidays package's version, read from its metadata (no import of the package)."""
    from importlib import metadata

    try:
        return metadata.version("holidays")
    except metadata.PackageNotFoundError:  # a build without the package's metadata
        import holidays

        return str(getattr(holidays, "__version__", "?"))


def clear_holiday_caches() -> None:
    """Forget loaded holiday years and which years were warned about (tests use it)."""
    _national_days_off.cache_clear()
    with _warned_lock:
        _warned_years.clear()


_holiday_cache_dir: Path | None = None


def use_holiday_cache(folder: str | os.PathLike[str] | None) -> None:
    """Keep each year's computed holiday dates as a file in ``folder`` (None: compute them, no files).

    A process that finds its years there never imports the holidays package (the workstation's
    start). Files are per holidays version, year and rules, so an upgrade computes afresh; a file
    that cannot be read or does not match is ignored and rewritten.
    """
    global _holiday_cache_dir
    _holiday_cache_dir = None if folder is None else Path(folder)
    _national_days_off.cache_clear()


@cache
def _national_days_off(year: int) -> frozenset[date]:
    """National holidays and cuti bersama of one year, loaded once per process."""
    folder = _holiday_cache_dir
    cached = None if folder is None else _read_cached_year(folder, year)
    if cached is not None:
        public_days, has_joint = cached
    else:
        public_days, has_joint = _compute_days_off(year)
        if folder is not None:
            _write_cached_year(folder, year, public_days, has_joint)
    if not public_days:
        _warn_uncovered(year, "national holidays", "weekends and the OPD's own non-working days only")
    elif not has_joint:
        _warn_uncovered(
            year,
            "cuti bersama (joint leave)",
            "weekends, the (possibly estimated) national holidays and the OPD's own days",
        )
    return public_days


def _compute_days_off(year: int) -> tuple[frozenset[date], bool]:
    """``(national days off, whether the package has cuti bersama)`` of ``year`` from the holidays package."""
    import holidays
    from holidays.countries.indonesia import Indonesia

    supported = getattr(Indonesia, "supported_categories", ("public",))
    categories = tuple(c for c in _HOLIDAY_CATEGORIES if c in supported)
    try:
        days = holidays.country_holidays("ID", years=year, categories=categories)
        public_days = frozenset(days.keys())
        joint = (
            holidays.country_holidays("ID", years=year, categories=("government",))
            if ("government" in categories)
            else {}
        )
    except (NotImplementedError, ValueError, OverflowError):  # a year the package rejects
        public_days, joint = frozenset(), {}
    return public_days, bool(joint)


def _cache_key(year: int) -> dict[str, Any]:
    return {"holidays": _holidays_version(), "rules": _HOLIDAY_RULES, "year": year}


def _cache_file(folder: Path, key: dict[str, Any]) -> Path:
    # The version is the package's text: hashed, it never shapes a path.
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:20]
    return folder / f"holidays-{key['year']}-{digest}.json"


def _read_cached_year(folder: Path, year: int) -> tuple[frozenset[date], bool] | None:
    """The cached ``_compute_days_off(year)``, or None when there is no readable, matching file."""
    key = _cache_key(year)
    try:
        data = json.loads(_cache_file(folder, key).read_bytes())
        if not isinstance(data, dict) or data.get("key") != key or not isinstance(data["joint"], bool):
            return None
        days = frozenset(date.fromisoformat(day) for day in data["days"])
        if any(day.year != year for day in days):
            return None
        return days, data["joint"]
    except (OSError, ValueError, TypeError, KeyError):  # absent, half-written by an old crash, edited
        return None


def _write_cached_year(folder: Path, year: int, days: frozenset[date], joint: bool) -> None:
    """Write the year's file atomically (temporary file, then rename); a failure only costs speed."""
    key = _cache_key(year)
    data = {"key": key, "days": sorted(day.isoformat() for day in days), "joint": joint}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".holidays-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle)
            os.replace(tmp_name, _cache_file(folder, key))
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
    except OSError as exc:
        log.debug("holiday cache %s not written: %s", folder, exc)


def _check_office_hours(office_hours: OfficeHours) -> tuple[tuple[time, time] | None, ...]:
    by_weekday: list[tuple[time, time] | None] = [None] * 7
    for weekday, span in office_hours.items():
        if not isinstance(weekday, int) or isinstance(weekday, bool) or not 0 <= weekday <= 6:
            raise ValueError(f"office hours: weekday must be 0 (Monday) to 6 (Sunday), not {weekday!r}")
        if not (isinstance(span, tuple | list) and len(span) == 2):
            raise ValueError(f"office hours for weekday {weekday}: expected (start, end), got {span!r}")
        start, end = span
        if not isinstance(start, time) or not isinstance(end, time):
            raise ValueError(f"office hours for weekday {weekday}: start and end must be datetime.time")
        if start.tzinfo is not None or end.tzinfo is not None:
            raise ValueError(f"office hours for weekday {weekday}: times are local, without tzinfo")
        if not start < end:
            raise ValueError(f"office hours for weekday {weekday}: start {start} is not before end {end}")
        by_weekday[weekday] = (start, end)
    return tuple(by_weekday)


class WorkCalendar:
    """Office hours on working days of one OPD, in its time zone."""

    def __init__(
        self,
        tz: str | ZoneInfo = "Asia/Jakarta",
        office_hours: OfficeHours | None = None,
        extra_non_working: Iterable[date] = (),
        extra_working: Iterable[date] = (),
    ) -> None:
        self._tz = tz if isinstance(tz, ZoneInfo) else _zone(tz)
        self._hours = _check_office_hours(DEFAULT_OFFICE_HOURS if office_hours is None else office_hours)
        self._extra_non_working = frozenset(_as_date(d) for d in extra_non_working)
        self._extra_working = frozenset(_as_date(d) for d in extra_working)
        spans = [h for h in self._hours if h is not None]
        if not spans and not self._extra_working:
            raise ValueError("a work calendar needs office hours on at least one weekday")
        # An extra working day on a weekday without office hours (the Saturday an OPD opens)
        # keeps the OPD's usual hours: the most common span of its week.
        self._usual_hours: tuple[time, time] = (
            Counter(spans).most_common(1)[0][0] if spans else DEFAULT_OFFICE_HOURS[0]
        )
        self._lock = threading.Lock()
        self._table = _Table.empty()
        self._clock_memo: tuple[datetime, float, _Table, float, float] | None = None

    # -- public surface ------------------------------------------------------------------

    @property
    def tz(self) -> ZoneInfo:
        return self._tz

    @property
    def office_hours(self) -> dict[int, tuple[time, time]]:
        return {wd: span for wd, span in enumerate(self._hours) if span is not None}

    @property
    def extra_non_working(self) -> frozenset[date]:
        return self._extra_non_working

    @property
    def extra_working(self) -> frozenset[date]:
        return self._extra_working

    def __repr__(self) -> str:
        return (
            f"WorkCalendar(tz={self._tz.key!r}, office_hours={self.office_hours!r}, "
            f"extra_non_working={sorted(self._extra_non_working)!r}, extra_working={sorted(self._extra_working)!r})"
        )

    def is_working_day(self, d: date) -> bool:
        d = _as_date(d)
        if d in self._extra_working:
            return True
        if self._hours[d.weekday()] is None or d in self._extra_non_working:
            return False
        return d not in _national_days_off(d.year)

    def office_hours_on(self, d: date) -> tuple[time, time] | None:
        """The office hours of ``d`` when it is a working day, else None."""
        if not self.is_working_day(d):
            return None
        return self._hours[d.weekday()] or self._usual_hours

    def working_day_length(self, d: date | None = None) -> timedelta:
        """Office time of ``d`` (zero on a day off); without ``d``, of the usual working day."""
        if d is None:
            start, end = self._usual_hours
        else:
            span = self.office_hours_on(d)
            if span is None:
                return timedelta(0)
            start, end = span
        return datetime.combine(date.min, end) - datetime.combine(date.min, start)

    def is_office_time(self, at: datetime) -> bool:
        """Whether ``at`` lies within office hours of a working day (the closing instant included)."""
        local = self._local(at)
        span = self.office_hours_on(local.date())
        return span is not None and span[0] <= local.time().replace(tzinfo=None) <= span[1]

    def next_opening(self, at: datetime) -> datetime:
        """``at`` itself during office hours, else the next opening of a working day."""
        ts = self._ts(at)
        return self._dt(self._next_opening_ts(self._table_for(ts), ts))

    def add_working_days(self, start: datetime, days: float) -> datetime:
        """The deadline ``days`` working days after ``start`` (see the module docstring).

        A deadline that falls on a day boundary is the closing time of the last day counted,
        not the next opening; zero days is the moment counting starts.
        """
        days = _check_amount(days, "days")
        if days == 0:
            return self.next_opening(start)
        ts = self._ts(start)
        t = self._table_for(ts)
        return self._dt(self._ts_at_units(t, self._units_at(t, ts) + days, ts))

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """The instant when ``amount`` of office time has passed since ``start``."""
        if not isinstance(amount, timedelta):
            raise TypeError(f"amount must be a timedelta, not {type(amount).__name__}")
        seconds = _check_amount(amount.total_seconds(), "amount")
        if seconds == 0:
            return self.next_opening(start)
        ts = self._ts(start)
        t = self._table_for(ts)
        return self._dt(self._ts_at_seconds(t, self._seconds_at(t, ts) + seconds, ts))

    def working_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Office time from ``a`` to ``b``; negative when ``b`` is before ``a``."""
        ta, tb = self._ts(a), self._ts(b)
        t = self._table_for(ta, tb)
        return timedelta(seconds=self._seconds_at(t, tb) - self._seconds_at(t, ta))

    def working_days_between(self, a: datetime, b: datetime) -> float:
        """Working days (each day one unit, see the module docstring) from ``a`` to ``b``."""
        ta, tb = self._ts(a), self._ts(b)
        t = self._table_for(ta, tb)
        return self._units_at(t, tb) - self._units_at(t, ta)

    # -- fast internals: the engine works on POSIX timestamps and one table per operation ----

    def _ts(self, at: datetime) -> float:
        if at.tzinfo is None:  # a naive time would silently take the machine's zone
            if not isinstance(at, datetime):
                raise TypeError(f"expected a datetime, not {type(at).__name__}")
            raise ValueError(f"naive datetime {at.isoformat()}: SLA times must be timezone-aware")
        return at.timestamp()

    def _clock_position(self, at: datetime) -> tuple[float, _Table, float, float]:
        """``(ts, table, seconds, units)`` of ``at``, remembered: a queue asks many urgencies at one now."""
        memo = self._clock_memo
        if memo is not None and memo[0] is at and memo[2] is self._table:
            return memo[1], memo[2], memo[3], memo[4]
        ts = self._ts(at)
        t = self._table_for(ts)
        seconds, units = self._position(t, ts)
        self._clock_memo = (at, ts, t, seconds, units)
        return ts, t, seconds, units

    def _dt(self, ts: float) -> datetime:
        return datetime.fromtimestamp(ts, self._tz)

    def _local(self, at: datetime) -> datetime:
        self._ts(at)
        return at.astimezone(self._tz)

    def _table_for(self, *stamps: float) -> _Table:
        """A table covering the years of ``stamps``: take it once, use it for the whole operation."""
        t = self._table
        for ts in stamps:
            if not t.lo_ts <= ts < t.hi_ts:
                return self._cover(stamps)
        return t

    def _cover(self, stamps: tuple[float, ...]) -> _Table:
        years = [datetime.fromtimestamp(ts, self._tz).year for ts in stamps]
        first, end = min(years), max(years) + 1
        with self._lock:
            t = self._table
            if t.end_year == 0 or first > t.end_year or end < t.first_year:
                # Empty, or far from what is loaded: start afresh rather than load every year between.
                t = self._build(_Table.starting(first, self._tz), end)
            elif first < t.first_year:
                # Prepending shifts every position, so build afresh; operations holding the old
                # table stay consistent because they never mix tables.
                t = self._build(_Table.starting(first, self._tz), max(end, t.end_year))
            elif end > t.end_year:
                t = self._build(t, end)
            self._table = t
            return t

    def _extended(self, t: _Table, index: int) -> _Table:
        """``t`` grown forward until it has working day ``index``; positions in ``t`` stay valid."""
        grown = t
        while index >= len(grown.opens):
            if not self._has_working_days_from(grown.end_year):
                raise ValueError("the calendar has no working day after the loaded years")
            grown = self._build(grown, grown.end_year + 1)
        with self._lock:
            if self._table is t:
                self._table = grown
        return grown

    def _build(self, t: _Table, end_year: int) -> _Table:
        """A copy of ``t`` with the working days of its next years up to ``end_year`` appended."""
        opens, closes, lengths = list(t.opens), list(t.closes), list(t.lengths)
        cum_start, cum_end = list(t.cum_start), list(t.cum_end)
        cum = cum_end[-1] if cum_end else 0.0
        tz = self._tz
        one = timedelta(days=1)
        year = t.end_year
        while year < end_year:
            if year > _LAST_YEAR:
                raise ValueError("SLA deadline beyond the year 9998")
            d = date(year, 1, 1)
            while d.year == year:
                span = self.office_hours_on(d)
                if span is not None:
                    opening = datetime.combine(d, span[0], tzinfo=tz).timestamp()
                    closing = datetime.combine(d, span[1], tzinfo=tz).timestamp()
                    opens.append(opening)
                    closes.append(closing)
                    lengths.append(closing - opening)
                    cum_start.append(cum)
                    cum += closing - opening
                    cum_end.append(cum)
                d += one
            year += 1
        hi_ts = datetime(end_year, 1, 1, tzinfo=tz).timestamp() if end_year <= _LAST_YEAR else math.inf
        return _Table(t.first_year, end_year, t.lo_ts, hi_ts, opens, closes, lengths, cum_start, cum_end)

    def _has_working_days_from(self, year: int) -> bool:
        return any(h is not None for h in self._hours) or any(d.year >= year for d in self._extra_working)

    @staticmethod
    def _units_at(t: _Table, ts: float) -> float:
        """Position of ``ts`` in working days since the table's first year."""
        i = bisect_right(t.opens, ts) - 1
        if i < 0:
            return 0.0
        length = t.lengths[i]
        offset = ts - t.opens[i]
        return i + (1.0 if offset >= length else offset / length)

    @staticmethod
    def _seconds_at(t: _Table, ts: float) -> float:
        """Position of ``ts`` in office seconds since the table's first year."""
        i = bisect_right(t.opens, ts) - 1
        if i < 0:
            return 0.0
        offset = ts - t.opens[i]
        length = t.lengths[i]
        return t.cum_start[i] + (length if offset >= length else offset)

    @staticmethod
    def _position(t: _Table, ts: float) -> tuple[float, float]:
        """``(_seconds_at, _units_at)`` with one search."""
        i = bisect_right(t.opens, ts) - 1
        if i < 0:
            return 0.0, 0.0
        offset = ts - t.opens[i]
        length = t.lengths[i]
        if offset >= length:
            return t.cum_end[i], i + 1.0
        return t.cum_start[i] + offset, i + offset / length

    def _ts_at_units(self, t: _Table, units: float, not_before: float) -> float:
        """The instant at position ``units``, counted from ``not_before``."""
        index = math.floor(units)
        fraction = units - index
        if fraction == 0.0 and index > 0:
            index -= 1  # a deadline on a day boundary is the closing time of the last day counted
            fraction = 1.0
        if index >= len(t.opens):
            t = self._extended(t, index)
        ts = t.opens[index] + fraction * t.lengths[index]
        # A tiny amount lost to rounding from outside office hours is the next opening, not the last closing.
        return ts if ts >= not_before else self._next_opening_ts(t, not_before)

    def _ts_at_seconds(self, t: _Table, seconds: float, not_before: float) -> float:
        """The instant at office-seconds position ``seconds``, counted from ``not_before``."""
        while not t.cum_end or seconds > t.cum_end[-1]:
            t = self._extended(t, len(t.opens))
        j = bisect_left(t.cum_end, seconds)
        ts = t.closes[j] - (t.cum_end[j] - seconds)
        return ts if ts >= not_before else self._next_opening_ts(t, not_before)

    def _next_opening_ts(self, t: _Table, ts: float) -> float:
        i = bisect_right(t.opens, ts) - 1
        if i >= 0 and ts < t.closes[i]:
            return ts
        if i + 1 >= len(t.opens):
            t = self._extended(t, i + 1)
        return t.opens[i + 1]


class _Table:
    """Working days of a run of whole years, as parallel lists; never changed once published."""

    __slots__ = (
        "closes",
        "cum_end",
        "cum_start",
        "end_year",
        "first_year",
        "hi_ts",
        "lengths",
        "lo_ts",
        "opens",
    )

    def __init__(
        self,
        first_year: int,
        end_year: int,
        lo_ts: float,
        hi_ts: float,
        opens: list[float],
        closes: list[float],
        lengths: list[float],
        cum_start: list[float],
        cum_end: list[float],
    ) -> None:
        self.first_year = first_year
        self.end_year = end_year  # exclusive
        self.lo_ts = lo_ts  # the table covers [lo_ts, hi_ts)
        self.hi_ts = hi_ts
        self.opens = opens  # POSIX timestamp of each working day's opening
        self.closes = closes
        self.lengths = lengths  # office seconds of the day
        self.cum_start = cum_start  # office seconds of all earlier days in the table
        self.cum_end = cum_end

    @classmethod
    def empty(cls) -> _Table:
        return cls(0, 0, math.inf, -math.inf, [], [], [], [], [])

    @classmethod
    def starting(cls, year: int, tz: ZoneInfo) -> _Table:
        lo_ts = datetime(year, 1, 1, tzinfo=tz).timestamp()
        return cls(year, year, lo_ts, lo_ts, [], [], [], [], [])


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ValueError(
            f"unknown time zone {name!r}; expected an IANA name such as 'Asia/Makassar'"
        ) from None


def _as_date(value: Any) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"expected a date, not {type(value).__name__}")
    return value


def _check_amount(value: float, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0, not {value!r}")
    return float(value)


# -- office hours as JSON data (the server serves them per OPD) ------------------------------


def office_hours_to_json(office_hours: OfficeHours) -> dict[str, list[str]]:
    """``{"0": ["08:00", "16:00"], ...}``: weekday (0 = Monday) to local opening and closing."""
    checked = _check_office_hours(office_hours)
    return {str(wd): [_hhmm(span[0]), _hhmm(span[1])] for wd, span in enumerate(checked) if span is not None}


def office_hours_from_json(data: Any) -> dict[int, tuple[time, time]]:
    """Inverse of ``office_hours_to_json``; ValueError with the offending entry on bad data."""
    if not isinstance(data, Mapping):
        raise ValueError(
            f"office hours must be an object of weekday -> [start, end], not {type(data).__name__}"
        )
    hours: dict[int, tuple[time, time]] = {}
    for key, span in data.items():
        if not isinstance(key, str) or not key.isdigit() or not 0 <= int(key) <= 6:
            raise ValueError(f"office hours: weekday key must be '0' (Monday) to '6' (Sunday), not {key!r}")
        if not isinstance(span, list | tuple) or len(span) != 2 or not all(isinstance(s, str) for s in span):
            raise ValueError(f'office hours for weekday {key}: expected ["HH:MM", "HH:MM"], got {span!r}')
        hours[int(key)] = (_parse_hhmm(span[0], key), _parse_hhmm(span[1], key))
    _check_office_hours(hours)
    return hours


def _hhmm(t: time) -> str:
    return t.strftime("%H:%M:%S") if t.second or t.microsecond else t.strftime("%H:%M")


def _parse_hhmm(text: str, key: str) -> time:
    try:
        parsed = time.fromisoformat(text)
    except ValueError:
        raise ValueError(f"office hours for weekday {key}: {text!r} is not a time like 08:00") from None
    if parsed.tzinfo is not None:
        raise ValueError(f"office hours for weekday {key}: {text!r} must be a local time without offset")
    return parsed


# -- calendars built from the server's directory, shared between tickets --------------------


@lru_cache(maxsize=256)
def _cached_calendar(
    tz: str,
    hours: tuple[tuple[int, time, time], ...] | None,
    non_working: frozenset[date],
    extra_working: frozenset[date],
) -> WorkCalendar:
    office_hours = None if hours is None else {wd: (start, end) for wd, start, end in hours}
    return WorkCalendar(tz, office_hours, non_working, extra_working)


def calendar_from_directory(
    tz: str,
    office_hours: OfficeHours | None,
    non_working: Iterable[date],
    extra_working: Iterable[date] = (),
) -> WorkCalendar:
    """The calendar of an OPD as the directory describes it; one shared instance per distinct data."""
    hours = None if office_hours is None else tuple(sorted((wd, s, e) for wd, (s, e) in office_hours.items()))
    return _cached_calendar(tz, hours, frozenset(non_working), frozenset(extra_working))
