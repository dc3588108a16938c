"""The server's view of the directory that the shared SLA engine (``desktop.sla``) needs."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from desktop.domain import Channel, Deadlines, Tier
from desktop.sla.calendar import WorkCalendar, calendar_from_directory, office_hours_from_json
from desktop.sla.engine import TicketFacts, compute_deadlines
from desktop.sla.policy import PolicyRule, SlaPolicy, resolve_policy
from server.models import CalendarDayRow, CategoryRow, OpdRow, SlaRuleRow, TicketRow

CACHE_SECONDS = 60.0


class TicketTimes(Protocol):
    """What the SLA engine reads of a ticket: a ``TicketRow`` or a plain row with those columns."""

    @property
    def opd_code(self) -> str: ...
    @property
    def channel(self) -> str: ...
    @property
    def category_code(self) -> str | None: ...
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

    def deadlines(self, ticket: TicketTimes) -> Deadlines:
        channel = Channel(ticket.channel)
        facts = facts_of(ticket, self.tier(ticket.category_code))
        return compute_deadlines(
            facts, self.policy(ticket.opd_code, ticket.category_code, channel), self.calendar(ticket.opd_code)
        )

    def apply_deadlines(self, ticket: TicketRow) -> None:
        d = self.deadlines(ticket)
        ticket.deadline_verification = d.verification
        ticket.deadline_first_response = d.first_response
        ticket.deadline_follow_up = d.follow_up
        ticket.deadline_resolution = d.resolution


def facts_of(ticket: TicketTimes, tier: Tier) -> TicketFacts:
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
        paused_seconds=ticket.paused_seconds,
    )


def load_sla_directory(session: Session) -> SlaDirectory:
    opd_tz: dict[str, str] = {}
    opd_hours: dict[str, Any] = {}
    for code, tz, hours in session.execute(sa.select(OpdRow.code, OpdRow.tz, OpdRow.office_hours)):
        opd_tz[code] = tz
        opd_hours[code] = hours
    tiers = {
        code: Tier(tier) for code, tier in session.execute(sa.select(CategoryRow.code, CategoryRow.tier))
    }
    rules = tuple(
        PolicyRule.from_json(r) for r in session.scalars(sa.select(SlaRuleRow.rule).order_by(SlaRuleRow.id))
    )
    non_working: dict[str | None, set[date]] = {}
    extra_working: dict[str | None, set[date]] = {}
    for day, opd_code, working in session.execute(
        sa.select(CalendarDayRow.day, CalendarDayRow.opd_code, CalendarDayRow.working)
    ):
        target = extra_working if working else non_working
        target.setdefault(opd_code, set()).add(date.fromisoformat(day))
    return SlaDirectory(
        opd_tz,
        opd_hours,
        tiers,
        rules,
        {k: frozenset(v) for k, v in non_working.items()},
        {k: frozenset(v) for k, v in extra_working.items()},
    )


class SlaDirectoryCache:
    """Directory data changes rarely (CLI, seed): reload at most once a minute, or when told."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._value: SlaDirectory | None = None
        self._loaded_at = 0.0

    def get(self) -> SlaDirectory:
        with self._lock:
            if self._value is None or time.monotonic() - self._loaded_at > CACHE_SECONDS:
                with Session(self._engine) as session:
                    self._value = load_sla_directory(session)
                self._loaded_at = time.monotonic()
            return self._value

    def invalidate(self) -> None:
        with self._lock:
            self._value = None


def working_seconds_between(calendar: WorkCalendar, start: datetime, end: datetime) -> int:
    if end <= start:
        return 0
    return int(calendar.working_time_between(start, end).total_seconds())
