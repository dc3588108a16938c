"""The desk's offline view and the server's result agree by construction (issue 14).

Hypothesis drives random sequences of ops (replies, notes, status moves along the workflow,
assignments, walk-ins) on random tickets through a desk that is offline, at the times the
officer worked, then syncs with the real server. Every stage timestamp, the pause bookkeeping,
the status, the deadlines and the next deadline must be the same before and after the sync.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from db import models
from desktop import actions, session
from desktop import domain as d
from desktop.store import LocalStore
from desktop.sync.engine import SyncEngine
from tests.helpers.live_server import PASSWORD, LiveServer

COMPARED = (
    "status",
    "assignee",
    "received_at",
    "verified_at",
    "first_response_at",
    "assigned_at",
    "followed_up_at",
    "resolved_at",
    "closed_at",
    "paused_since",
    "paused_seconds",
    "dl_verification",
    "dl_first_response",
    "dl_follow_up",
    "dl_resolution",
    "is_open",
    "next_deadline",
    "next_stage",
)
OFFICERS = ("petugas.dinkes", "ani.dinkes")

# One step: (what, which ticket, minutes after the previous step, a choice among the allowed moves).
step = st.tuples(
    st.sampled_from(["reply", "note", "status", "status", "status", "assign", "walk_in"]),
    st.integers(0, 10),
    st.integers(0, 3 * 24 * 60),
    st.integers(0, 10),
)


def _view(store: LocalStore) -> dict[str, dict[str, Any]]:
    with store.read() as s:
        return {
            t.tracking_no: {c: getattr(t, c) for c in COMPARED}
            for t in s.scalars(select(models.Ticket).where(models.Ticket.archived.is_(False)))
        }


def _sync(store: LocalStore) -> None:
    _, transport = session.transport_for(store)
    try:
        SyncEngine(store, transport, sleep=lambda s: None).sync()
    finally:
        transport.close()


def _act(store: LocalStore, kind: str, tracking_no: str, choice: int, at: datetime) -> None:
    try:
        if kind == "reply":
            actions.reply(store, tracking_no, f"Balasan {choice}", now=at)
        elif kind == "note":
            actions.note(store, tracking_no, f"Catatan {choice}", now=at)
        elif kind == "assign":
            actions.assign(store, tracking_no, OFFICERS[choice % 2], now=at)
        elif kind == "walk_in":
            actions.walk_in(store, name="Budi", contact="0812", title="Datang langsung", body="Isi", now=at)
        else:
            with store.read() as s:
                status = s.scalars(
                    select(models.Ticket.status).where(models.Ticket.tracking_no == tracking_no)
                ).one()
            # Transfers leave the desk's scope: not part of a comparison of what the desk keeps.
            allowed = sorted(d.allowed_transitions(d.Status(status)) - {d.Status.BUKAN_WEWENANG})
            if not allowed:
                return
            target = allowed[choice % len(allowed)]
            actions.set_status(store, tracking_no, target.value, reason="alasan uji", now=at)
    except actions.ActionRefused:
        pass  # refused at the desk (archived, not assignable): nothing queued, nothing to compare


@settings(
    max_examples=20,
    deadline=None,
    # Each example is a server round trip of seconds: shrinking would take minutes; the failing
    # example is printed whole instead.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(tickets=st.integers(1, 3), steps=st.lists(step, min_size=1, max_size=12))
@pytest.mark.parametrize("kind", ["server", "sqlite_server"])
def test_offline_view_equals_the_server_result(
    kind: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    tickets: int,
    steps: list[tuple[str, int, int, int]],
) -> None:
    server: LiveServer = request.getfixturevalue(kind)
    real_now = datetime.now(UTC)
    start = real_now - timedelta(days=12)
    for i in range(tickets):
        server.intake(title=f"Keluhan {i}", received_at=(start + timedelta(hours=i)).isoformat())
    store = LocalStore.open(tmp_path / f"desk-{uuid.uuid4().hex}" / "tanggap.db")
    # A new desk each example: its last push (the anti-backdating bound) is not yet set.
    session.login(store, server.root_url, "spv.dinkes", PASSWORD, f"meja-{uuid.uuid4().hex[:8]}")
    _sync(store)
    numbers = sorted(_view(store))
    at = start + timedelta(hours=tickets)
    for kind, index, minutes, choice in steps:
        at = min(at + timedelta(minutes=minutes), real_now - timedelta(minutes=1))
        _act(store, kind, numbers[index % len(numbers)], choice, at)
        numbers = sorted(_view(store))
    offline = _view(store)

    _sync(store)

    with store.read() as s:
        answered = [(op.type, op.state, op.reason_code) for op in s.scalars(select(models.OutboxOp))]
    # Every op was applied; a reply or note to a closed ticket is applied too, flagged (kept).
    assert all(
        state == "applied" or (state == "conflict" and kind in ("reply", "note") and code == "ticket_closed")
        for kind, state, code in answered
    ), answered
    online = _view(store)
    assert set(online) >= set(offline)
    differences = {
        no: {c: (offline[no][c], online[no][c]) for c in COMPARED if offline[no][c] != online[no][c]}
        for no in offline
    }
    assert not any(differences.values()), {k: v for k, v in differences.items() if v}
