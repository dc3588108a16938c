"""Deadlines from the directory: the one derivation that desk and server share.

The server builds ``SlaDirectory`` from its tables; the desk builds the same from its offline
copy of the directory (``GET /directory``: OPDs with their zone and office hours, categories
with their tier, the SLA policy rules, the non-working days). Both then ask ``deadlines`` of
the same facts and get the same four instants: deadlines never jump when a sync arrives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from desktop.domain import Channel, Deadlines, Tier
from desktop.sla.calendar import WorkCalendar, calendar_from_directory, office_hours_from_json
from desktop.sla.engine import TicketFacts, compute_deadlines
from desktop.sla.policy import PolicyRule, SlaPolicy, resolve_policy


class TicketTimes(Protocol):
    """What the SLA engine reads of a ticket: a desk or server row, a domain ticket, a queue line."""

    @property
    def channel(self) -> Any: ...
    @property
    def received_at(self) -> datetime: ...
    @property
    def verified_at(self) -> datetime | None: ...
    @property
    def first_response_at(self) -> datetime | None: ...
    @property
    def assigned_at(self) -> datetime | None: ...
    @property
    def followed_up_at(self) -> datetime | None: ...
    @property
    def resolved_at(self) -> datetime | None: ...
    @property
    def paused_since(self) -> datetime | None: ...
    @property
    def paused_seconds(self) -> int: ...


class RoutedTicket(TicketTimes, Protocol):
    @property
    def opd_code(self) -> str: ...
    @property
    def category_code(self) -> str | None: ...


def facts_of(ticket: TicketTimes, tier: Tier) -> TicketFacts:
    """The one row -> ``TicketFacts`` mapping (desk rows, server rows, queue lines, domain tickets)."""
    return TicketFacts(
        received_at=ticket.received_at,
        channel=Channel(ticket.channel),
        tier=tier,
        verified_at=ticket.verified_at,
        first_response_at=ticket.first_response_at,
        assigned_at=ticket.assigned_at,
        followed_up_at=ticket.followed_up_at,
        resolved_at=ticket.resolved_at,
        paused_since=ticket.paused_since,
        paused_seconds=ticket.paused_seconds or 0,
    )


@dataclass(frozen=True)
class SlaDirectory:
    opd_tz: dict[str, str]
    opd_hours: dict[str, Any]
    tiers: dict[str, Tier]
    rules: tuple[PolicyRule, ...]
    non_working: dict[str | None, frozenset[date]]
    extra_working: dict[str | None, frozenset[date]]

    def calendar(self, opd_code: str) -> WorkCalendar:
        hours_json = self.opd_hours.get(opd_code)
        hours = office_hours_from_json(hours_json) if hours_json else None
        return calendar_from_directory(
            self.opd_tz.get(opd_code, "Asia/Jakarta"),
            hours,
            self.non_working.get(None, frozenset()) | self.non_working.get(opd_code, frozenset()),
            self.extra_working.get(None, frozenset()) | self.extra_working.get(opd_code, frozenset()),
        )

    def policy(self, opd_code: str, category_code: str | None, channel: Channel) -> SlaPolicy:
        return resolve_policy(self.rules, opd_code, category_code, channel)

    def tier(self, category_code: str | None) -> Tier:
        # An uncategorised complaint gets the normatif target until someone classifies it.
        return self.tiers.get(category_code or "", Tier.NORMATIF)

    def deadlines(self, ticket: RoutedTicket) -> Deadlines:
        channel = Channel(ticket.channel)
        facts = facts_of(ticket, self.tier(ticket.category_code))
        return compute_deadlines(
            facts, self.policy(ticket.opd_code, ticket.category_code, channel), self.calendar(ticket.opd_code)
        )


def build_directory(
    opds: list[tuple[str, str, Any]],
    categories: list[tuple[str, str]],
    rules: list[dict[str, Any]],
    days: list[tuple[date, str | None, bool]],
    *,
    skip_bad_rules: bool = False,
) -> SlaDirectory:
    """From plain rows: (code, tz, office_hours json), (code, tier), rule json, (day, opd or None, working)."""
    tiers: dict[str, Tier] = {}
    for code, tier in categories:
        try:
            tiers[code] = Tier(tier)
        except ValueError:
            continue
    parsed: list[PolicyRule] = []
    for rule in rules:
        try:
            parsed.append(PolicyRule.from_json(rule))
        except ValueError:
            if not skip_bad_rules:
                raise
    non_working: dict[str | None, set[date]] = {}
    extra_working: dict[str | None, set[date]] = {}
    for day, opd_code, working in days:
        target = extra_working if working else non_working
        target.setdefault(opd_code, set()).add(day)
    return SlaDirectory(
        {code: tz for code, tz, _ in opds},
        {code: hours for code, _, hours in opds},
        tiers,
        tuple(parsed),
        {k: frozenset(v) for k, v in non_working.items()},
        {k: frozenset(v) for k, v in extra_working.items()},
    )
