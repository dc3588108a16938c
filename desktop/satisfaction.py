"""Service satisfaction as the SKM method computes it (Permenpan RB No. 14 Tahun 2017).

The regulation's survey scores each element 1-4 (tidak baik, kurang baik, baik, sangat baik);
the index is the mean unit value times 25 (the "nilai konversi"), so it runs from 25 to 100, and
graded by the regulation's table:

    IKM 25.00-64.99 D (tidak baik), 65.00-76.60 C (kurang baik),
    76.61-88.30 B (baik), 88.31-100.00 A (sangat baik).

The citizen's page asks one question rated 1-5 (stars, as citizens know them). A rating ``r`` is
mapped linearly onto the 1-4 scale: ``u = 1 + (r - 1) * 3 / 4`` (1 -> 1, 3 -> 2.5, 5 -> 4), so
1 star is 25 and 5 stars 100, as the lowest and highest SKM answers are. With a single element
its weight is 1: ``IKM = 25 * mean(u)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.domain import Feedback

MIN_RATING, MAX_RATING = 1, 5

# (lowest IKM of the grade, grade, Indonesian name, English name), highest first.
_GRADES = (
    (88.31, "A", "Sangat baik", "Very good"),
    (76.61, "B", "Baik", "Good"),
    (65.00, "C", "Kurang baik", "Poor"),
    (25.00, "D", "Tidak baik", "Very poor"),
)


@dataclass(frozen=True)
class Ikm:
    """The index over ``count`` ratings; ``value`` None when there is none."""

    count: int
    value: float | None
    grade: str | None
    name_id: str | None
    name_en: str | None


def unit_value(rating: int) -> float:
    """A 1-5 rating on the SKM's 1-4 scale."""
    if isinstance(rating, bool) or not isinstance(rating, int) or not MIN_RATING <= rating <= MAX_RATING:
        raise ValueError(f"a rating is a whole number 1-5, not {rating!r}")
    return 1 + (rating - 1) * 3 / 4


def grade(value: float) -> tuple[str, str, str]:
    """The regulation's grade of an IKM value (25-100): (letter, Indonesian, English)."""
    if not 25 <= value <= 100:
        raise ValueError(f"an IKM is between 25 and 100, not {value!r}")
    rounded = round(value, 2)
    for lowest, letter, name_id, name_en in _GRADES:
        if rounded >= lowest:
            return letter, name_id, name_en
    raise AssertionError("unreachable: the lowest grade starts at 25")


def ikm(ratings: Iterable[int]) -> Ikm:
    """The IKM (25-100, two decimals) of 1-5 ratings, with its grade and how many ratings it rests on."""
    units = [unit_value(r) for r in ratings]
    if not units:
        return Ikm(0, None, None, None, None)
    value = round(25 * sum(units) / len(units), 2)
    letter, name_id, name_en = grade(value)
    return Ikm(len(units), value, letter, name_id, name_en)


def share(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` as a percentage (one decimal), None when ``whole`` is 0.

    For the summary's rebuttal rate (tickets the citizen said were not solved, of those answered)
    and the share the citizen confirmed solved.
    """
    if whole < 0 or part < 0 or part > whole:
        raise ValueError(f"{part} of {whole} is not a share")
    return None if whole == 0 else round(100 * part / whole, 1)


# What of a comment a one-line summary shows: the server keeps 5,000 characters, a pulled value
# may hold anything, and laying out a megabyte to elide it would freeze the window.
COMMENT_SHOWN = 1000


def stars(rating: int) -> str:
    """``★★★★☆ (4/5)``."""
    return "\u2605" * rating + "\u2606" * (MAX_RATING - rating) + f" ({rating}/{MAX_RATING})"


def feedback_line(feedback: Feedback, tz: str, lang: str = "id") -> str:
    """The citizen's answer on the public page in one line, as the ticket pane and ``tanggap show``
    give it: "Tanggapan pelapor: sudah selesai · ★★★★☆ (4/5) · 3 Desember 2026" or "Pelapor
    menyatakan belum selesai (sanggahan ke-2) · 2 Desember 2026". No comment: see ``feedback_comment``."""
    from desktop.wording import format_date

    en = not lang.startswith("id")
    if feedback.selesai:
        words = "Citizen's feedback: solved" if en else "Tanggapan pelapor: sudah selesai"
        if feedback.tidak:
            words += (
                f" (after {feedback.tidak} rebuttal{'s' if feedback.tidak > 1 else ''})"
                if en
                else f" (setelah {feedback.tidak} sanggahan)"
            )
    else:
        words = "The citizen says it is not solved" if en else "Pelapor menyatakan belum selesai"
        if feedback.tidak > 1:
            words += f" (rebuttal no. {feedback.tidak})" if en else f" (sanggahan ke-{feedback.tidak})"
        else:
            words += " (rebuttal)" if en else " (sanggahan)"
    parts = [words]
    if feedback.nilai is not None:
        parts.append(stars(feedback.nilai))
    parts.append(format_date(feedback.at, tz, "en" if en else "id", weekday=False))
    return " \u00b7 ".join(parts)


def feedback_badge(feedback: Feedback, lang: str = "id") -> str:
    """The answer in a few words, for the ticket pane's row of badges: "Selesai menurut pelapor
    ★4/5", "Sanggahan ke-2 ★2/5" (the whole line and the comment go in its tooltip). Short: it
    must share the row with the status and channel at 1920x1080/150 %."""
    en = not lang.startswith("id")
    if feedback.selesai:
        words = "Solved, says the citizen" if en else "Selesai menurut pelapor"
    elif feedback.tidak > 1:
        words = f"Rebuttal no. {feedback.tidak}" if en else f"Sanggahan ke-{feedback.tidak}"
    else:
        words = "Rebuttal" if en else "Sanggahan"
    if feedback.nilai is not None:
        words += f" \u2605{feedback.nilai}/{MAX_RATING}"
    return words


def feedback_comment(feedback: Feedback) -> str:
    """The citizen's comment, trimmed to what a summary shows ("…" when cut); "" for none.
    Complaint text: the caller shows it as plain text (and escapes it for a terminal)."""
    text = feedback.komentar.strip()
    return text if len(text) <= COMMENT_SHOWN else text[:COMMENT_SHOWN].rstrip() + "\u2026"
