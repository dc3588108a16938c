"""IKM per the SKM method (Permenpan RB 14/2017) from the citizen's 1-5 ratings, and the citizen's
answer in the words the ticket pane and ``tanggap show`` give it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop.domain import Feedback
from desktop.satisfaction import (
    COMMENT_SHOWN,
    feedback_badge,
    feedback_comment,
    feedback_line,
    grade,
    ikm,
    share,
    unit_value,
)


def test_one_star_is_the_lowest_and_five_the_highest_skm_value() -> None:
    assert unit_value(1) == 1.0
    assert unit_value(3) == 2.5
    assert unit_value(5) == 4.0
    assert ikm([1, 1]).value == 25.0
    assert ikm([5, 5, 5]).value == 100.0


def test_a_mixed_set_is_the_mean_unit_value_times_25() -> None:
    # units 4, 3.25, 2.5, 1 -> mean 2.6875 -> 67.19 (C, kurang baik)
    result = ikm([5, 4, 3, 1])
    assert result.count == 4
    assert result.value == 67.19
    assert (result.grade, result.name_id) == ("C", "Kurang baik")


def test_a_single_four_star_rating_reads_good() -> None:
    result = ikm([4])
    assert result.value == 81.25
    assert (result.grade, result.name_id, result.name_en) == ("B", "Baik", "Good")


@pytest.mark.parametrize(
    ("value", "letter"),
    [
        (25, "D"),
        (64.99, "D"),
        (65.0, "C"),
        (76.60, "C"),
        (76.61, "B"),
        (88.30, "B"),
        (88.31, "A"),
        (100, "A"),
    ],
)
def test_grades_follow_the_regulations_table_at_its_edges(value: float, letter: str) -> None:
    assert grade(value)[0] == letter


def test_no_ratings_is_no_index_not_zero() -> None:
    result = ikm([])
    assert result.count == 0 and result.value is None and result.grade is None


@pytest.mark.parametrize("bad", [0, 6, -1, True, 2.5, "4"])
def test_a_rating_outside_1_to_5_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="1-5"):
        ikm([4, bad])  # type: ignore[list-item]


def test_shares_are_percentages_and_none_without_a_base() -> None:
    assert share(1, 4) == 25.0
    assert share(2, 3) == 66.7
    assert share(0, 0) is None
    with pytest.raises(ValueError):
        share(5, 4)


def _answer(**kw: object) -> Feedback:
    values: dict[str, object] = {"selesai": True, "at": datetime(2026, 12, 2, 18, 30, tzinfo=UTC), "nilai": 4}
    values.update(kw)
    return Feedback(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("answer", "lang", "line", "badge"),
    [
        (_answer(), "id", "Tanggapan pelapor: sudah selesai · ★★★★☆ (4/5) · 3 Desember 2026",
         "Selesai menurut pelapor ★4/5"),
        (_answer(tidak=1), "id", "Tanggapan pelapor: sudah selesai (setelah 1 sanggahan) · ★★★★☆ (4/5) · "
         "3 Desember 2026", "Selesai menurut pelapor ★4/5"),
        (_answer(selesai=False, nilai=None, tidak=1), "id",
         "Pelapor menyatakan belum selesai (sanggahan) · 3 Desember 2026", "Sanggahan"),
        (_answer(selesai=False, nilai=1, tidak=2), "id",
         "Pelapor menyatakan belum selesai (sanggahan ke-2) · ★☆☆☆☆ (1/5) · 3 Desember 2026",
         "Sanggahan ke-2 ★1/5"),
        (_answer(), "en", "Citizen's feedback: solved · ★★★★☆ (4/5) · 3 December 2026",
         "Solved, says the citizen ★4/5"),
        (_answer(selesai=False, nilai=2, tidak=3), "en",
         "The citizen says it is not solved (rebuttal no. 3) · ★★☆☆☆ (2/5) · 3 December 2026",
         "Rebuttal no. 3 ★2/5"),
    ],
)  # fmt: skip
def test_the_citizens_answer_in_words_dated_in_the_opds_zone(
    answer: Feedback, lang: str, line: str, badge: str
) -> None:
    # 18.30 UTC on 2 December is 01.30 WIB on 3 December: the date the citizen saw.
    assert feedback_line(answer, "Asia/Jakarta", lang) == line
    assert feedback_badge(answer, lang) == badge


def test_a_comment_is_cut_to_what_a_summary_shows() -> None:
    assert feedback_comment(_answer(komentar="  Terima kasih  ")) == "Terima kasih"
    long = feedback_comment(_answer(komentar="a" * 1_000_000))
    assert len(long) == COMMENT_SHOWN + 1 and long.endswith("…")
