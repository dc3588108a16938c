"""The SLA engine: working-time calendars, policies, deadlines and urgency.

Pure Python (no Qt, no database): the workstation and the reference server share it.
"""

from desktop.sla.calendar import (
    DEFAULT_OFFICE_HOURS,
    OfficeHours,
    WorkCalendar,
    calendar_from_directory,
    clear_holiday_caches,
    office_hours_from_json,
    office_hours_to_json,
    use_holiday_cache,
)
from desktop.sla.engine import (
    PAUSABLE_STAGES,
    WARNING_DAYS,
    WARNING_SHARE,
    TicketFacts,
    Urgency,
    compute_deadlines,
    is_met,
    next_deadline,
    urgency,
)
from desktop.sla.policy import DEFAULT_POLICY, PolicyRule, SlaPolicy, TierDays, rebuttal_ends, resolve_policy

__all__ = [
    "DEFAULT_OFFICE_HOURS",
    "DEFAULT_POLICY",
    "PAUSABLE_STAGES",
    "WARNING_DAYS",
    "WARNING_SHARE",
    "OfficeHours",
    "PolicyRule",
    "SlaPolicy",
    "TicketFacts",
    "TierDays",
    "Urgency",
    "WorkCalendar",
    "calendar_from_directory",
    "clear_holiday_caches",
    "compute_deadlines",
    "is_met",
    "next_deadline",
    "office_hours_from_json",
    "office_hours_to_json",
    "rebuttal_ends",
    "resolve_policy",
    "urgency",
    "use_holiday_cache",
]
