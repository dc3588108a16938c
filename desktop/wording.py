"""Dates, times and durations as people read them, in Indonesian (default) or English.

Pure Python, no locale: the machine's locale and time zone never change the wording. Used by the
UI, receipts, reports and the server.

    format_datetime(dt, "Asia/Jakarta")          -> "Jumat, 27 Maret 2026 10.00 WIB"
    format_remaining(timedelta(hours=19), timedelta(hours=8)) -> "sisa 2 hari kerja 3 jam"
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from desktop.domain import ZONE_ABBREVIATIONS, Deadlines, UrgencyLevel

LANGUAGES = ("id", "en")

_WEEKDAYS = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
_LEVEL_NAMES = {
    "id": {
        UrgencyLevel.OK: "Aman",
        UrgencyLevel.WARNING: "Mendekati tenggat",
        UrgencyLevel.BREACHED: "Terlambat",
    },
    "en": {UrgencyLevel.OK: "On track", UrgencyLevel.WARNING: "Due soon", UrgencyLevel.BREACHED: "Overdue"},
}


def _lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return lang


def _zone(tz: str | tzinfo | None) -> tzinfo | None:
    return ZoneInfo(tz) if isinstance(tz, str) else tz


def zone_abbreviation(dt: datetime) -> str:
    """WIB, WITA or WIT for Indonesian zones; otherwise the zone's own abbreviation or UTC+hh:mm."""
    tz = dt.tzinfo
    key = getattr(tz, "key", None)
    if isinstance(key, str) and key in ZONE_ABBREVIATIONS:
        return ZONE_ABBREVIATIONS[key]
    offset = dt.utcoffset() or timedelta(0)
    if tz is UTC or key in ("UTC", "Etc/UTC"):
        return "UTC"
    name = dt.tzname() or ""
    if name.isalpha():
        return name
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def _local(dt: datetime, tz: str | tzinfo | None) -> datetime:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"naive datetime {dt.isoformat()}: give a timezone-aware time")
    zone = _zone(tz)
    return dt if zone is None else dt.astimezone(zone)


def format_date(
    value: date | datetime, tz: str | tzinfo | None = None, lang: str = "id", weekday: bool = True
) -> str:
    """``Jumat, 27 Maret 2026`` / ``Friday, 27 March 2026``; a datetime is first put in ``tz``."""
    lang = _lang(lang)
    d = _local(value, tz).date() if isinstance(value, datetime) else value
    text = f"{d.day} {_MONTHS[lang][d.month - 1]} {d.year}"
    return f"{_WEEKDAYS[lang][d.weekday()]}, {text}" if weekday else text


def format_time(dt: datetime, tz: str | tzinfo | None = None, lang: str = "id", zone: bool = True) -> str:
    """``10.00 WIB`` (Indonesian writes a dot) / ``10:00 WIB``."""
    lang = _lang(lang)
    local = _local(dt, tz)
    sep = "." if lang == "id" else ":"
    text = f"{local.hour:02d}{sep}{local.minute:02d}"
    return f"{text} {zone_abbreviation(local)}" if zone else text


def format_datetime(
    dt: datetime, tz: str | tzinfo | None = None, lang: str = "id", weekday: bool = True
) -> str:
    """``Jumat, 27 Maret 2026 10.00 WIB`` / ``Friday, 27 March 2026 10:00 WIB`` in the zone ``tz``."""
    local = _local(dt, tz)
    return f"{format_date(local, None, lang, weekday)} {format_time(local, None, lang)}"


def _plural(n: int, one: str, many: str, lang: str) -> str:
    return f"{n} {one if lang == 'id' or n == 1 else many}"


def format_duration(amount: timedelta, working_day_length: timedelta | None = None, lang: str = "id") -> str:
    """A length of office time, largest two units: ``2 hari kerja 3 jam`` / ``2 working days 3 hours``.

    With ``working_day_length`` days are working days of that length; without it, 24-hour days.
    Rounds down to the minute; under a minute reads ``kurang dari 1 menit``.
    """
    lang = _lang(lang)
    day = working_day_length if working_day_length is not None else timedelta(days=1)
    if day <= timedelta(0):
        raise ValueError("working_day_length must be positive")
    total_minutes = int(abs(amount).total_seconds() // 60)
    day_minutes = max(1, int(day.total_seconds() // 60))
    days, rest = divmod(total_minutes, day_minutes)
    hours, minutes = divmod(rest, 60)
    if lang == "id":
        day_word = ("hari kerja", "hari kerja") if working_day_length is not None else ("hari", "hari")
        hour_word, minute_word = ("jam", "jam"), ("menit", "menit")
    else:
        day_word = ("working day", "working days") if working_day_length is not None else ("day", "days")
        hour_word, minute_word = ("hour", "hours"), ("minute", "minutes")
    parts: list[str] = []
    if days:
        parts.append(_plural(days, *day_word, lang=lang))
        if hours:
            parts.append(_plural(hours, *hour_word, lang=lang))
    elif hours:
        parts.append(_plural(hours, *hour_word, lang=lang))
        if minutes:
            parts.append(_plural(minutes, *minute_word, lang=lang))
    elif minutes:
        parts.append(_plural(minutes, *minute_word, lang=lang))
    else:
        return "kurang dari 1 menit" if lang == "id" else "less than 1 minute"
    return " ".join(parts)


def format_remaining(
    remaining: timedelta, working_day_length: timedelta, lang: str = "id", breached: bool = False
) -> str:
    """``sisa 2 hari kerja 3 jam`` / ``terlambat 1 hari kerja``; English ``2 working days 3 hours left``.

    ``breached`` marks a deadline passed after office hours, with no office time yet lost.
    """
    lang = _lang(lang)
    if remaining == timedelta(0):
        if breached:
            return "terlambat" if lang == "id" else "overdue"
        return "jatuh tempo sekarang" if lang == "id" else "due now"
    text = format_duration(remaining, working_day_length, lang)
    if remaining > timedelta(0):
        return f"sisa {text}" if lang == "id" else f"{text} left"
    return f"terlambat {text}" if lang == "id" else f"{text} overdue"


def format_working_days(days: float, lang: str = "id") -> str:
    """A target such as ``3 hari kerja`` / ``3 working days`` (``0,5 hari kerja`` / ``0.5 working days``)."""
    lang = _lang(lang)
    number = f"{days:g}"
    if lang == "id":
        return f"{number.replace('.', ',')} hari kerja"
    return f"{number} working day" + ("" if days == 1 else "s")


def level_name(level: UrgencyLevel, lang: str = "id") -> str:
    return _LEVEL_NAMES[_lang(lang)][UrgencyLevel(level)]


# -- promises to citizens ----------------------------------------------------------------------

# The stages a reply may promise, most meaningful first: a canned "paling lambat {tenggat}"
# promises the resolution; when that has passed, the next deadline still ahead, else nothing.
_PROMISE_ORDER = ("resolution", "follow_up", "first_response", "verification")


def promised_deadline(deadlines: Deadlines, now: datetime) -> datetime | None:
    """The deadline a message to the citizen may promise at ``now``, or None when every one has passed.

    Never a past instant: a reply written on 2 December must not promise 1 December.
    """
    for name in _PROMISE_ORDER:
        value: datetime | None = getattr(deadlines, name)
        if value is not None and value > now:
            return value
    return None


# Word pastes its list bullets as Private Use Area code points of the Symbol and Wingdings fonts
# (U+F000 + the symbol font's byte). No Unicode font draws them: they print as a box or "�".
_WORD_SYMBOLS = {
    0xF0B7: "•",  # Symbol bullet, Word's default
    0xF0A7: "▪",  # Wingdings small square
    0xF0A8: "□",
    0xF06E: "■",
    0xF06C: "●",
    0xF071: "❑",
    0xF076: "❖",
    0xF0D8: "➢",
    0xF0E8: "➔",
    0xF0F0: "⇨",
    0xF0FC: "✓",
    0xF0FB: "✗",
    0xF02D: "–",
    0xF0B0: "°",
    0xF0AE: "→",
}


def normalise_word_symbols(text: str) -> str:
    """Word's Symbol/Wingdings bullets as the Unicode characters they stand for.

    Any other code point of the U+F000-U+F0FF block (a symbol font's glyph with no Unicode
    meaning we know) becomes a plain bullet: that is what it almost always is in a pasted list.
    """
    if not any(0xF000 <= ord(ch) <= 0xF0FF for ch in text):
        return text
    return "".join(_WORD_SYMBOLS.get(ord(ch), "•") if 0xF000 <= ord(ch) <= 0xF0FF else ch for ch in text)


_CONTROL_ESCAPES = {"\x1b": "\\e", "\r": "\\r", "\b": "\\b", "\a": "\\a", "\f": "\\f", "\v": "\\v"}


def escape_controls(text: str, *, keep_newlines: bool = True) -> str:
    """Text safe for a terminal: control characters (ESC, CR, BEL, C1 codes) written as escapes.

    A complaint can carry "\\x1b[2J" or a lone CR that would clear or overwrite the screen.
    Newlines (and tabs) stay when ``keep_newlines``.
    """
    out: list[str] = []
    for ch in text:
        cp = ord(ch)
        if ch in "\n\t" and keep_newlines:
            out.append(ch)
        elif cp < 0x20 or cp == 0x7F or 0x80 <= cp < 0xA0 or ch in "\u2028\u2029":
            out.append(_CONTROL_ESCAPES.get(ch) or (f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}"))
        else:
            out.append(ch)
    return "".join(out)


def format_datetime_short(dt: datetime, tz: str | tzinfo | None = None, lang: str = "id") -> str:
    """``02/12/2026 10.00 WIB``: a compact local time with its zone, for columns and the CLI."""
    local = _local(dt, tz)
    return f"{local:%d/%m/%Y} {format_time(local, None, lang)}"
