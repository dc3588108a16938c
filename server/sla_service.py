"""The server's directory for the shared deadline derivation (``desktop.ops.deadlines``), cached."""

from __future__ import annotations

import threading
import time
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from desktop.ops.deadlines import SlaDirectory, build_directory
from server.models import CalendarDayRow, CategoryRow, OpdRow, SlaRuleRow, TicketRow

CACHE_SECONDS = 60.0


def apply_deadlines(sla: SlaDirectory, ticket: TicketRow) -> None:
    d = sla.deadlines(ticket)
    ticket.deadline_verification = d.verification
    ticket.deadline_first_response = d.first_response
    ticket.deadline_follow_up = d.follow_up
    ticket.deadline_resolution = d.resolution


def load_sla_directory(session: Session) -> SlaDirectory:
    """The server's directory as the shared derivation reads it (the desk builds the same)."""
    opds = [
        (code, tz, hours)
        for code, tz, hours in session.execute(sa.select(OpdRow.code, OpdRow.tz, OpdRow.office_hours))
    ]
    categories = [
        (code, tier) for code, tier in session.execute(sa.select(CategoryRow.code, CategoryRow.tier))
    ]
    days = [
        (date.fromisoformat(day), opd_code, bool(working))
        for day, opd_code, working in session.execute(
            sa.select(CalendarDayRow.day, CalendarDayRow.opd_code, CalendarDayRow.working)
        )
    ]
    rules = list(session.scalars(sa.select(SlaRuleRow.rule).order_by(SlaRuleRow.id)))
    return build_directory(opds, categories, rules, days)


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
