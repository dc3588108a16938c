"""Sync through a proxy that drops, fails, throttles, truncates and stalls: it converges,
nothing is lost or doubled, and the status says what is happening."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from sqlalchemy import select, update

from db import models
from desktop import actions, session
from desktop.store import LocalStore
from desktop.sync.engine import SyncEngine, SyncFailed
from desktop.sync.status import sync_status
from desktop.sync.transport import Transport
from tests.helpers.fault_proxy import FaultProxy
from tests.helpers.live_server import PASSWORD, LiveServer


@pytest.fixture
def proxy(server: LiveServer) -> Iterator[FaultProxy]:
    port = urlparse(server.root_url).port
    assert port is not None
    p = FaultProxy(port, fault_rate=0.0)
    yield p
    p.close()


def _engine(store: LocalStore, url: str, token: str) -> SyncEngine:
    transport = Transport(url, token, connect_timeout=1, read_timeout=1)
    return SyncEngine(store, transport, sleep=lambda s: None, push_batch=7, pull_limit=5)


def test_sync_converges_through_every_kind_of_fault(
    server: LiveServer, proxy: FaultProxy, tmp_path: Path
) -> None:
    for i in range(12):
        server.intake(title=f"Keluhan {i}")
    store = LocalStore.open(tmp_path / "desk")
    identity, _ = session.login(store, server.root_url, "petugas.dinkes", PASSWORD, "meja")
    _, direct = session.transport_for(store)
    token = direct.token
    assert token
    _engine(store, server.root_url, token).sync()
    with store.read() as s:
        numbers = list(s.scalars(select(models.Ticket.tracking_no)))
    bodies = [f"balasan lewat jaringan buruk {i}" for i in range(40)]
    files: dict[str, bytes] = {}
    for i, body in enumerate(bodies):
        actions.reply(store, numbers[i % len(numbers)], body)
        if i % 7 == 0:  # files too: their bytes go in a PUT before each push batch
            data = f"surat {i} ".encode() * (300 + i)
            path = tmp_path / f"surat-{i}.pdf"
            path.write_bytes(data)
            actions.attach(store, numbers[i % len(numbers)], path)
            files[path.name] = data
    for i in range(5):
        server.intake(title=f"Keluhan baru {i}")

    proxy.fault_rate = 0.6
    failures = 0
    messages: set[str] = set()
    for _ in range(80):
        try:
            _engine(store, proxy.url, token).sync()
            break
        except SyncFailed as exc:
            failures += 1
            messages.add(exc.message)
            status = sync_status(store)
            assert status.last_error == exc.message and status.online is False
            assert status.ops_waiting <= len(bodies) + len(files)
    else:
        pytest.fail("sync never converged")
    assert failures > 0 and {"drop_after", "truncate", "html", "slow", "429"} <= set(proxy.seen)
    assert any("mencoba lagi dalam" in m for m in messages)
    status = sync_status(store)
    assert status.ops_waiting == 0 and status.last_error is None and status.online

    proxy.fault_rate = 0.0
    admin = server.login("admin", device_name="checker")
    changes, _ = admin.pull_all()
    on_server = Counter(m["body"] for c in changes for m in c["ticket"]["messages"] if m["kind"] == "reply")
    assert {b: on_server[b] for b in bodies} == dict.fromkeys(bodies, 1)
    # Every file arrived once, whole, whatever happened to its upload or its op on the way.
    sent = [a for c in changes for a in c["ticket"]["attachments"]]
    assert sorted(a["filename"] for a in sent) == sorted(files)
    for a in sent:
        assert admin.get(a["url"].removeprefix("/api/v1/")).content == files[a["filename"]]
    with store.read() as s:
        assert s.scalar(select(models.Message.id).where(models.Message.op_id.is_not(None)).limit(1)) is None
        assert len(s.scalars(select(models.Ticket.id)).all()) == 17
        attempts = max(s.scalars(select(models.OutboxOp.attempts)))
    assert attempts >= 1  # transport failures were counted, not made terminal
    store.close()


def test_backoff_survives_a_clock_that_jumps_back(server: LiveServer, tmp_path: Path) -> None:
    """A next_attempt_at three days ahead (clock was wrong) does not strand the ops."""
    server.intake(title="Keluhan")
    store = LocalStore.open(tmp_path / "desk")
    session.login(store, server.root_url, "petugas.dinkes", PASSWORD, "meja")
    _, transport = session.transport_for(store)
    SyncEngine(store, transport).sync()
    with store.read() as s:
        number = s.scalars(select(models.Ticket.tracking_no)).first()
    assert number
    actions.reply(store, number, "balasan")
    from datetime import UTC, datetime, timedelta

    with store.write() as s:
        s.execute(
            update(models.OutboxOp).values(next_attempt_at=datetime.now(UTC) + timedelta(days=3), attempts=3)
        )
    report = SyncEngine(store, transport).sync()
    assert report.applied == 1
    store.close()
