"""IKM per the SKM method (Permenpan RB 14/2017) from the citizen's 1-5 ratings."""

from __future__ import annotations

import pytest

from desktop.satisfaction import grade, ikm, share, unit_value


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
