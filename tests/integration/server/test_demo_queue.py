"""What a newcomer's first ``tanggap demo`` shows: an OPD at work today, not a wall of red.

The demo's seed (3,000 complaints over the 90 days before it first runs) loaded into a real
SQLite server database, with the deadlines the server's SLA engine gives; the open queue is
then read the way the workstation ranks it (the earliest unmet deadline of each ticket).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop.domain import OPEN_STATUSES, Status
from server.db import make_engine
from server.migrate import upgrade_to_head
from server.models import TicketRow
from server.seed import seed

# A Wednesday morning; the demo seeds "now" whenever it first runs.
NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)


def _utc(value: datetime | None) -> datetime | None:
    return None if value is None else (value if value.tzinfo else value.replace(tzinfo=UTC))


@pytest.fixture(scope="module")
def queue(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, str | None, datetime | None]]:
    """(opd, status, assignee, earliest unmet deadline) of every open ticket."""
    path: Path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade_to_head(engine)
    seed(engine, 3000, now=NOW)
    t = TicketRow
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(
                t.opd_code,
                t.status,
                t.assignee,
                t.deadline_verification,
                t.verified_at,
                t.deadline_first_response,
                t.first_response_at,
                t.deadline_follow_up,
                t.followed_up_at,
                t.deadline_resolution,
                t.resolved_at,
            )
        ).all()
    engine.dispose()
    out = []
    for r in rows:
        if Status(r.status) not in OPEN_STATUSES:
            continue
        pairs = ((r[3], r[4]), (r[5], r[6]), (r[7], r[8]), (r[9], r[10]))
        unmet = [_utc(dl) for dl, done in pairs if dl is not None and done is None]
        out.append((r.opd_code, r.status, r.assignee, min((u for u in unmet if u), default=None)))
    return out


def test_most_open_tickets_are_within_their_deadlines_and_a_few_are_late(
    queue: list[tuple[str, str, str | None, datetime | None]],
) -> None:
    running = [q for q in queue if q[1] != Status.MENUNGGU_PELAPOR.value and q[3] is not None]
    late = [q for q in running if q[3] is not None and q[3] < NOW]
    due_soon = [q for q in running if q[3] is not None and NOW <= q[3] < NOW + timedelta(hours=36)]

    assert len(running) > 100
    assert 0 < len(late) <= 0.25 * len(running), f"{len(late)} of {len(running)} open tickets late"
    assert len(due_soon) >= 10
    # Late by days, not by months: nothing forgotten for a quarter.
    assert max(NOW - q[3] for q in late if q[3] is not None) < timedelta(days=60)


def test_a_handful_wait_for_the_citizen_and_the_demo_supervisor_has_work(
    queue: list[tuple[str, str, str | None, datetime | None]],
) -> None:
    statuses = Counter(q[1] for q in queue)
    mine = [q for q in queue if q[2] == "spv.dinkes"]

    assert 10 <= statuses[Status.MENUNGGU_PELAPOR.value] <= 0.2 * len(queue)
    assert mine, "the demo supervisor's 'Antrean saya' is empty"
    assert {q[0] for q in mine} == {"DINKES-BWI"}
