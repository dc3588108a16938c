"""Kill -9 at every dangerous moment of a sync, then sync again: every op applied exactly once
on the server, nothing lost locally, the SQLite file intact."""

from __future__ import annotations

import os
import random
import signal
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select, text

from db import bulk, models
from desktop import actions, session
from desktop.store import LocalStore
from desktop.sync.engine import KILL_ENV, SyncEngine
from tests.helpers.desk import run_forked
from tests.helpers.live_server import PASSWORD, LiveServer

KILLED = -signal.SIGKILL


def _sync(data_dir: Path, pull_limit: int = 2000, push_batch: int = 500) -> None:
    store = LocalStore.open(data_dir)
    try:
        _, transport = session.transport_for(store)
        SyncEngine(
            store, transport, pull_limit=pull_limit, push_batch=push_batch, sleep=lambda s: None
        ).sync()
    finally:
        store.close()


def _login(data_dir: Path, srv: LiveServer, username: str = "petugas.dinkes") -> None:
    store = LocalStore.open(data_dir)
    try:
        session.login(store, srv.root_url, username, PASSWORD, "meja-uji")
    finally:
        store.close()


def _server_replies(srv: LiveServer) -> Counter[str]:
    admin = srv.login("admin", device_name="checker")
    changes, _ = admin.pull_all()
    return Counter(
        m["body"]
        for c in changes
        if c["op"] == "upsert"
        for m in c["ticket"]["messages"]
        if m["kind"] == "reply"
    )


def _assert_local_sound(data_dir: Path) -> None:
    store = LocalStore.open(data_dir)
    try:
        with store.read() as s:
            assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            states = Counter(s.scalars(select(models.OutboxOp.state)))
            assert set(states) <= {"applied", "duplicate"}, states
            assert s.scalars(select(models.Message).where(models.Message.op_id.is_not(None))).all() == []
            assert s.scalar(
                select(models.Ticket.pending_ops).order_by(models.Ticket.pending_ops.desc()).limit(1)
            ) in (0, None)
    finally:
        store.close()


def _queue_replies(data_dir: Path, count: int, prefix: str) -> list[str]:
    store = LocalStore.open(data_dir)
    try:
        with store.read() as s:
            numbers = list(s.scalars(select(models.Ticket.tracking_no).order_by(models.Ticket.tracking_no)))
        bodies = []
        for i in range(count):
            body = f"{prefix} balasan {i}"
            actions.reply(store, numbers[i % len(numbers)], body)
            bodies.append(body)
        return bodies
    finally:
        store.close()


@pytest.mark.parametrize("point", ["after_push_sent", "after_push_response", "mid_pull_page"])
def test_killed_at_a_named_point_then_synced_again(point: str, server: LiveServer, tmp_path: Path) -> None:
    for i in range(6):
        server.intake(title=f"Keluhan {i}")
    data_dir = tmp_path / "desk"
    _login(data_dir, server)
    _sync(data_dir)
    bodies = _queue_replies(data_dir, 5, point)
    if point == "mid_pull_page":
        server.intake(title="Keluhan baru")  # so the pull has a page to die in

    assert run_forked(lambda: _sync(data_dir, pull_limit=2), {KILL_ENV: point}) == KILLED
    assert run_forked(lambda: _sync(data_dir, pull_limit=2)) == 0

    replies = _server_replies(server)
    assert {b: replies[b] for b in bodies} == dict.fromkeys(bodies, 1)
    _assert_local_sound(data_dir)
    store = LocalStore.open(data_dir)
    with store.read() as s:
        assert (
            s.scalar(select(models.Ticket.id).where(models.Ticket.title == "Keluhan baru").limit(1))
            or point != "mid_pull_page"
        )
    store.close()


def test_killed_in_the_middle_of_the_initial_snapshot(server: LiveServer, tmp_path: Path) -> None:
    for i in range(9):
        server.intake(title=f"Keluhan {i}")
    data_dir = tmp_path / "desk"
    _login(data_dir, server)
    assert run_forked(lambda: _sync(data_dir, pull_limit=3), {KILL_ENV: "mid_snapshot"}) == KILLED
    store = LocalStore.open(data_dir)
    with store.read() as s:
        partial = s.scalar(select(models.Ticket.id).limit(1))
    store.close()
    assert partial is not None  # some pages were kept: the resumed sync does not start over
    assert run_forked(lambda: _sync(data_dir, pull_limit=3)) == 0
    store = LocalStore.open(data_dir)
    with store.read() as s:
        assert len(s.scalars(select(models.Ticket.id)).all()) == 9
        assert bulk.indexes_present(s.connection())  # built at the end of the resumed snapshot
    store.close()
    _assert_local_sound(data_dir)


def test_thirty_random_kills_during_a_sync_of_200_replies(server: LiveServer, tmp_path: Path) -> None:
    for i in range(20):
        server.intake(title=f"Keluhan {i}")
    data_dir = tmp_path / "desk"
    _login(data_dir, server)
    _sync(data_dir)
    bodies = _queue_replies(data_dir, 200, "acak")
    rng = random.Random(20261128)
    kills = 0
    for _ in range(30):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            try:
                _sync(data_dir, push_batch=5, pull_limit=5)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.0, 0.4))  # a random moment, not synchronisation
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        kills += os.WIFSIGNALED(status)
    assert run_forked(lambda: _sync(data_dir)) == 0
    assert kills >= 10  # most children were really killed mid-way
    replies = _server_replies(server)
    assert {b: replies[b] for b in bodies} == dict.fromkeys(bodies, 1)
    _assert_local_sound(data_dir)
