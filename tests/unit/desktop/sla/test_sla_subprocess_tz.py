"""The same deadlines in a fresh interpreter whose local time zone is New York (or Kiritimati)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]

SCRIPT = """
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo
from desktop.domain import Channel, Tier
from desktop.sla import SlaPolicy, TicketFacts, WorkCalendar, compute_deadlines, urgency

out = []
for zone in ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"):
    cal = WorkCalendar(zone)
    for hour in range(0, 24, 5):
        received = datetime(2026, 3, 13, hour, 17, tzinfo=ZoneInfo("UTC"))
        facts = TicketFacts(received, Channel.TWITTER, Tier.RINGAN, assigned_at=received + timedelta(hours=30))
        d = compute_deadlines(facts, SlaPolicy(), cal)
        u = urgency(facts, d, cal, datetime(2026, 3, 25, 2, tzinfo=ZoneInfo("UTC")))
        out.append([d.verification.isoformat(), d.first_response.isoformat(), d.follow_up.isoformat(),
                    d.resolution.isoformat(), u.stage.value, u.level.value, u.remaining.total_seconds(),
                    cal.add_working_days(received, 0.3).isoformat()])
print(json.dumps(out))
"""


def run_with_tz(tz: str | None) -> list[list[object]]:
    env = dict(os.environ)
    if tz is None:
        env.pop("TZ", None)
    else:
        env["TZ"] = tz
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.mark.skipif(sys.platform == "win32", reason="TZ is a POSIX setting")
def test_deadlines_are_the_same_whatever_the_local_time_zone() -> None:
    reference = run_with_tz("UTC")
    assert run_with_tz("America/New_York") == reference
    assert run_with_tz("Pacific/Kiritimati") == reference
    assert reference[0][0].endswith("+07:00")
