"""SLA targets as data: JSON the server serves, and which rule applies to a ticket."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from desktop.domain import DEFAULT_TIER_DAYS, Channel, Tier
from desktop.sla import PolicyRule, SlaPolicy, rebuttal_ends, resolve_policy


def test_defaults_are_those_of_the_design() -> None:
    p = SlaPolicy()
    assert (p.verification_days, p.first_response_days_social, p.first_response_days_other) == (3, 1, 3)
    assert p.follow_up_days == 5
    assert dict(p.resolution_days) == {t: float(d) for t, d in DEFAULT_TIER_DAYS.items()}
    assert p.rebuttal_calendar_days == 10
    assert p.first_response_days(Channel.INSTAGRAM) == 1
    assert p.first_response_days(Channel.LAPOR) == 3


def test_json_round_trip_through_real_json() -> None:
    p = SlaPolicy(verification_days=2, first_response_days_social=0.5, resolution_days={Tier.RINGAN: 1})
    text = json.dumps(p.to_json())
    back = SlaPolicy.from_json(json.loads(text))
    assert back == p
    assert hash(back) == hash(p)
    assert back.resolution_days[Tier.RINGAN] == 1
    assert back.resolution_days[Tier.PENGAWASAN] == 60


def test_missing_keys_take_the_defaults_and_unknown_keys_are_ignored() -> None:
    assert SlaPolicy.from_json({}) == SlaPolicy()
    p = SlaPolicy.from_json({"follow_up_days": 7, "resolution_days": {"normatif": 4}, "future_field": True})
    assert p.follow_up_days == 7
    assert p.resolution_days[Tier.NORMATIF] == 4
    assert p.resolution_days[Tier.RINGAN] == 2


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"verification_days": "3"},
        {"verification_days": True},
        {"verification_days": -1},
        {"follow_up_days": None},
        {"resolution_days": [2, 5, 14, 60]},
        {"resolution_days": {"urgent": 1}},
        {"resolution_days": {"ringan": "2"}},
        {"rebuttal_calendar_days": 1.5},
        {"rebuttal_calendar_days": -3},
    ],
)
def test_wrong_types_are_value_errors(data: Any) -> None:
    with pytest.raises(ValueError):
        SlaPolicy.from_json(data)


def test_resolution_days_cannot_be_changed_in_place() -> None:
    p = SlaPolicy()
    with pytest.raises(TypeError):
        p.resolution_days[Tier.RINGAN] = 1  # type: ignore[index]
    assert p.resolution_days[Tier.RINGAN] == 2


def rule(opd: str | None, category: str | None, channel: Channel | None, days: float) -> PolicyRule:
    return PolicyRule(opd, category, channel, SlaPolicy(verification_days=days))


RULES = [
    rule(None, None, None, 3),  # province-wide
    rule(None, None, Channel.TWITTER, 2),
    rule(None, "jalan", None, 4),
    rule("DINKES-BWI", None, None, 5),
    rule("DINKES-BWI", None, Channel.TWITTER, 6),
    rule("DINKES-BWI", "jalan", None, 7),
    rule("DINKES-BWI", "jalan", Channel.TWITTER, 8),
]


@pytest.mark.parametrize(
    ("opd", "category", "channel", "days"),
    [
        ("DINKES-BWI", "jalan", Channel.TWITTER, 8),
        ("DINKES-BWI", "jalan", Channel.EMAIL, 7),
        ("DINKES-BWI", "air", Channel.TWITTER, 6),
        ("DINKES-BWI", None, Channel.EMAIL, 5),
        ("DISHUB-BWI", "jalan", Channel.TWITTER, 4),  # category beats channel
        ("DISHUB-BWI", "air", Channel.TWITTER, 2),
        ("DISHUB-BWI", None, Channel.EMAIL, 3),
    ],
)
def test_most_specific_rule_wins(opd: str, category: str | None, channel: Channel, days: float) -> None:
    assert resolve_policy(RULES, opd, category, channel).verification_days == days


def test_later_rule_wins_a_tie_and_no_rule_means_defaults() -> None:
    rules = [rule("A", None, None, 1), rule("A", None, None, 2)]
    assert resolve_policy(rules, "A", None, Channel.WEB).verification_days == 2
    assert resolve_policy(rules, "B", None, Channel.WEB) == SlaPolicy()
    assert resolve_policy([], "B", None, Channel.WEB) == SlaPolicy()


def test_rule_json_round_trip_and_errors() -> None:
    r = rule("DINKES-BWI", "jalan", Channel.TWITTER, 8)
    assert PolicyRule.from_json(json.loads(json.dumps(r.to_json()))) == r
    assert PolicyRule.from_json({"opd_code": "X"}) == PolicyRule("X", None, None, SlaPolicy())
    with pytest.raises(ValueError, match="channel"):
        PolicyRule.from_json({"channel": "telegram", "policy": {}})
    with pytest.raises(ValueError):
        PolicyRule.from_json({"opd_code": 12})
    with pytest.raises(ValueError):
        PolicyRule.from_json("DINKES")


def test_rebuttal_window_is_calendar_days() -> None:
    resolved = datetime(2026, 3, 13, 15, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert rebuttal_ends(resolved, SlaPolicy()) == resolved + timedelta(days=10)
    assert rebuttal_ends(resolved, SlaPolicy(rebuttal_calendar_days=3)) == datetime(
        2026, 3, 16, 15, tzinfo=ZoneInfo("Asia/Jakarta")
    )
    with pytest.raises(ValueError):
        rebuttal_ends(datetime(2026, 3, 13, 15), SlaPolicy())
