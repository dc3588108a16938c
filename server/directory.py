"""What a desk needs to work offline, scoped to the caller."""

from __future__ import annotations

import os
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from desktop.domain import Role
from server.models import CalendarDayRow, CannedResponseRow, CategoryRow, OfficerRow, OpdRow, SlaRuleRow
from server.scope import Caller

# Days after closing that desks keep a ticket's personal data (the row itself stays, for summaries).
DEFAULT_DESK_RETENTION_DAYS = 90
DESK_RETENTION_ENV = "TANGGAP_DESK_RETENTION_DAYS"


def desk_retention_days() -> int:
    raw = os.environ.get(DESK_RETENTION_ENV, "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_DESK_RETENTION_DAYS


def directory(session: Session, caller: Caller) -> dict[str, Any]:
    own_only = caller.role is not Role.ADMIN
    officers = sa.select(OfficerRow).where(OfficerRow.active.is_(True)).order_by(OfficerRow.username)
    canned = sa.select(CannedResponseRow).order_by(CannedResponseRow.opd_code, CannedResponseRow.title)
    if own_only:
        officers = officers.where(OfficerRow.opd_code == caller.opd_code)
        canned = canned.where(CannedResponseRow.opd_code == caller.opd_code)
    days = sa.select(CalendarDayRow).order_by(CalendarDayRow.day)
    if own_only:
        days = days.where(
            sa.or_(CalendarDayRow.opd_code.is_(None), CalendarDayRow.opd_code == caller.opd_code)
        )
    return {
        "desk_retention_days": desk_retention_days(),
        # Every OPD: a supervisor transfers to any of them.
        "opds": [
            {
                "code": o.code,
                "name": o.name,
                "region": o.region,
                "tz": o.tz,
                "address": o.address,
                "status_url": o.status_url,
                "office_hours": o.office_hours,
            }
            for o in session.scalars(sa.select(OpdRow).order_by(OpdRow.code))
        ],
        "officers": [
            {"username": o.username, "name": o.name, "role": o.role, "opd_code": o.opd_code}
            for o in session.scalars(officers)
        ],
        "categories": [
            {"code": c.code, "name": c.name, "tier": c.tier, "opd_codes": list(c.opd_codes or [])}
            for c in session.scalars(sa.select(CategoryRow).order_by(CategoryRow.code))
        ],
        "sla_policies": list(session.scalars(sa.select(SlaRuleRow.rule).order_by(SlaRuleRow.id))),
        "non_working_days": [
            {"date": d.day, "opd_code": d.opd_code, "name": d.name, "working": d.working}
            for d in session.scalars(days)
        ],
        "canned_responses": [
            {"id": c.id, "opd_code": c.opd_code, "title": c.title, "body": c.body}
            for c in session.scalars(canned)
        ],
        # The citizen's page (issue 17): receipts' QR codes hold {public_url}/lacak/{no}?k={key}.
        "public_url": public_url(),
        # Groups of words that mean the same problem, each folded onto its first word when a desk
        # looks for similar complaints (desktop.similar); on top of the desk's built-in list.
        # None are kept on the server yet: an administrator's list comes with incidents' phase B.
        "synonyms": [],
    }


def public_url() -> str:
    """The public base URL of the citizen's page (TANGGAP_PUBLIC_URL), without a trailing slash."""
    return os.environ.get("TANGGAP_PUBLIC_URL", "").strip().rstrip("/")
