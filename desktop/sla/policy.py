"""SLA targets as data: one policy per OPD, category and channel, served by the server.

Precedence (``resolve_policy``): among the rules that match, the most specific wins, where an OPD
counts more than a category, and a category more than a channel (weights 4, 2, 1). So an OPD's
own rule always beats a province-wide one. Among equally specific matches the later rule in the
list wins (a server appends overrides). No match: the DESIGN.md defaults, ``SlaPolicy()``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, NoReturn

from desktop.domain import DEFAULT_TIER_DAYS, Channel, Tier


class TierDays(dict[Tier, float]):
    """Resolution working days per tier: complete (missing tiers take the defaults), read-only,
    hashable. A dict underneath so a lookup on the hot path costs no Python call."""

    def __init__(self, days: Mapping[Any, Any] | None = None) -> None:
        merged: dict[Tier, float] = {tier: float(DEFAULT_TIER_DAYS[tier]) for tier in Tier}
        for key, value in (days or {}).items():
            try:
                tier = Tier(key)
            except ValueError:
                raise ValueError(f"resolution_days: unknown tier {key!r}") from None
            merged[tier] = _days(value, f"resolution_days[{tier.value}]")
        super().__init__(merged)

    def _read_only(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("TierDays is read-only; build a new SlaPolicy instead")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = __ior__ = _read_only

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted((tier.value, days) for tier, days in self.items())))

    def __repr__(self) -> str:
        return f"TierDays({ {t.value: d for t, d in self.items()}!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (TierDays, ({t.value: d for t, d in self.items()},))


def _days(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number of working days, not {value!r}")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0, not {value!r}")
    return float(value)


@dataclass(frozen=True)
class SlaPolicy:
    """Targets in working days (rebuttal window: calendar days)."""

    verification_days: float = 3
    first_response_days_social: float = 1  # Channel.is_social (twitter, instagram, facebook, whatsapp)
    first_response_days_other: float = 3
    follow_up_days: float = 5
    resolution_days: Mapping[Tier, float] = field(default_factory=TierDays)
    rebuttal_calendar_days: int = 10

    def __post_init__(self) -> None:
        for name in (
            "verification_days",
            "first_response_days_social",
            "first_response_days_other",
            "follow_up_days",
        ):
            object.__setattr__(self, name, _days(getattr(self, name), name))
        if not isinstance(self.resolution_days, TierDays):
            if not isinstance(self.resolution_days, Mapping):
                raise ValueError(
                    f"resolution_days must map tier to working days, not {self.resolution_days!r}"
                )
            object.__setattr__(self, "resolution_days", TierDays(self.resolution_days))
        rebuttal = self.rebuttal_calendar_days
        if isinstance(rebuttal, bool) or not isinstance(rebuttal, int) or rebuttal < 0:
            raise ValueError(f"rebuttal_calendar_days must be a whole number >= 0, not {rebuttal!r}")

    def first_response_days(self, channel: Channel) -> float:
        return self.first_response_days_social if channel.is_social else self.first_response_days_other

    def to_json(self) -> dict[str, Any]:
        return {
            "verification_days": self.verification_days,
            "first_response_days_social": self.first_response_days_social,
            "first_response_days_other": self.first_response_days_other,
            "follow_up_days": self.follow_up_days,
            "resolution_days": {tier.value: days for tier, days in self.resolution_days.items()},
            "rebuttal_calendar_days": self.rebuttal_calendar_days,
        }

    @classmethod
    def from_json(cls, data: Any) -> SlaPolicy:
        """Missing keys take the defaults; unknown keys are ignored; wrong types raise ValueError."""
        if not isinstance(data, Mapping):
            raise ValueError(f"an SLA policy must be a JSON object, not {type(data).__name__}")
        known = (
            "verification_days",
            "first_response_days_social",
            "first_response_days_other",
            "follow_up_days",
        )
        kwargs: dict[str, Any] = {name: data[name] for name in known if name in data}
        if "resolution_days" in data:
            tiers = data["resolution_days"]
            if not isinstance(tiers, Mapping):
                raise ValueError(f"resolution_days must be an object of tier -> working days, not {tiers!r}")
            kwargs["resolution_days"] = TierDays(tiers)
        if "rebuttal_calendar_days" in data:
            kwargs["rebuttal_calendar_days"] = data["rebuttal_calendar_days"]
        return cls(**kwargs)


DEFAULT_POLICY = SlaPolicy()


@dataclass(frozen=True)
class PolicyRule:
    """A policy for the tickets it matches; None matches anything."""

    opd_code: str | None
    category_code: str | None
    channel: Channel | None
    policy: SlaPolicy

    def matches(self, opd_code: str, category_code: str | None, channel: Channel) -> bool:
        return (
            (self.opd_code is None or self.opd_code == opd_code)
            and (self.category_code is None or self.category_code == category_code)
            and (self.channel is None or self.channel == channel)
        )

    @property
    def specificity(self) -> int:
        return (
            4 * (self.opd_code is not None)
            + 2 * (self.category_code is not None)
            + (self.channel is not None)
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "opd_code": self.opd_code,
            "category_code": self.category_code,
            "channel": None if self.channel is None else self.channel.value,
            "policy": self.policy.to_json(),
        }

    @classmethod
    def from_json(cls, data: Any) -> PolicyRule:
        if not isinstance(data, Mapping):
            raise ValueError(f"an SLA policy rule must be a JSON object, not {type(data).__name__}")
        for key in ("opd_code", "category_code"):
            if data.get(key) is not None and not isinstance(data[key], str):
                raise ValueError(f"{key} must be a string or null, not {data[key]!r}")
        channel = data.get("channel")
        if channel is not None:
            try:
                channel = Channel(channel)
            except ValueError:
                raise ValueError(f"channel: unknown channel {channel!r}") from None
        return cls(
            opd_code=data.get("opd_code"),
            category_code=data.get("category_code"),
            channel=channel,
            policy=SlaPolicy.from_json(data.get("policy", {})),
        )


def resolve_policy(
    rules: Iterable[PolicyRule], opd_code: str, category_code: str | None, channel: Channel
) -> SlaPolicy:
    """The policy of the most specific matching rule (see the module docstring)."""
    best: PolicyRule | None = None
    for rule in rules:
        if rule.matches(opd_code, category_code, channel) and (
            best is None or rule.specificity >= best.specificity
        ):
            best = rule
    return DEFAULT_POLICY if best is None else best.policy


def rebuttal_ends(resolved_at: datetime, policy: SlaPolicy) -> datetime:
    """When the citizen's rebuttal window closes: calendar days after the resolution, same clock time."""
    if resolved_at.tzinfo is None or resolved_at.utcoffset() is None:
        raise ValueError("resolved_at must be timezone-aware")
    return resolved_at + timedelta(days=policy.rebuttal_calendar_days)
