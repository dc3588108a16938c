from __future__ import annotations

from datetime import time
from typing import Any

import pytest

from desktop.sla import DEFAULT_OFFICE_HOURS, office_hours_from_json, office_hours_to_json


def test_office_hours_round_trip() -> None:
    hours = {0: (time(7, 30), time(16)), 4: (time(7, 30), time(11, 30)), 5: (time(8), time(12))}
    data = office_hours_to_json(hours)
    assert data == {"0": ["07:30", "16:00"], "4": ["07:30", "11:30"], "5": ["08:00", "12:00"]}
    assert office_hours_from_json(data) == hours


def test_default_hours_as_json() -> None:
    assert office_hours_to_json(DEFAULT_OFFICE_HOURS) == {str(d): ["08:00", "16:00"] for d in range(5)}


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"monday": ["08:00", "16:00"]},
        {"7": ["08:00", "16:00"]},
        {"0": ["08:00"]},
        {"0": "08:00-16:00"},
        {"0": ["8 pagi", "16:00"]},
        {"0": ["16:00", "08:00"]},
        {"0": ["08:00+07:00", "16:00"]},
    ],
)
def test_bad_office_hours_json_is_a_clear_error(data: Any) -> None:
    with pytest.raises(ValueError, match="office hours"):
        office_hours_from_json(data)
