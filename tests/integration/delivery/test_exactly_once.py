"""Exactly once under stress: replies synced through the fault proxy while the SMTP server drops
connections and the delivery worker is killed with SIGKILL twice, each time right after the SMTP
server accepted a mail and before the worker recorded it (the worst moment).

Sizes (tests/helpers/stress.py): 120 replies to 10 citizens on PostgreSQL in the default run;
500 replies to 25 citizens on SQLite and PostgreSQL with TANGGAP_STRESS=1. Both sizes go through
several faulty push batches and kill two workers mid-run, and every assertion below is the same.

Every reply reaches its citizen as one mail (one Message-ID); the two mails in flight at the kills
are sent again under their own Message-ID, which is the same mail to the citizen's mail program
(docs/channels.md, "Sekali saja"), so at most two raw copies are repeated and none is missing.
"""

from __future__ import annotations

import signal
from collections import Counter
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from db import models
from desktop import actions, credentials, session
from desktop.store import LocalStore
from desktop.sync.engine import SyncEngine, SyncFailed
from desktop.sync.transport import Transport
from server.db import make_engine, read_session, utcnow
from server.delivery.models import DeliveryRow
from server.delivery.settings import DeliverySettings
from server.delivery.worker import KILL_AFTER_SENDS_ENV, drain, senders_from
from tests.helpers.desk import run_forked
from tests.helpers.fault_proxy import FaultProxy
from tests.helpers.live_server import PASSWORD
from tests.helpers.stress import FULL, size
from tests.integration.delivery.conftest import Channels

pytestmark = [
    pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS"),
    pytest.mark.timeout(900),
]
REPLIES = size(120, 500)
CITIZENS = size(10, 25)
PUSH_BATCH = size(20, 50)  # six or ten faulty pushes
KILLS = size(((40, 0), (60, 100)), ((40, 0), (150, 100)))  # (sends before SIGKILL, first hour)


@pytest.fixture(
    params=[pytest.param("postgres", marks=pytest.mark.postgres)] + ([pytest.param("sqlite")] if FULL else [])
)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _deliver(url: str, start_hours: int) -> None:
    """A worker process: passes at ever later times (past every lease and backoff) until done."""
    engine = make_engine(url)
    settings = DeliverySettings.from_env()
    senders = senders_from(settings)
    base = utcnow()
    for k in range(start_hours, start_hours + 40):
        drain(engine, settings, senders, base + timedelta(hours=2 * k))
        with read_session(engine) as s:
            if not s.scalar(
                select(sa.func.count()).select_from(DeliveryRow).where(DeliveryRow.state == "queued")
            ):
                return


def test_every_citizen_gets_every_reply_once(channels: Channels, tmp_path: Path) -> None:
    if not credentials.keyring_is_usable():
        pytest.skip("no usable keyring: run under scripts/test.sh (dbus-run-session + gnome-keyring)")
    srv = channels.srv
    for i in range(CITIZENS):
        srv.intake(
            channel="email",
            external_ref=f"<keluhan-{i}@example.com>",
            reporter={"name": f"Warga {i}", "contact": f"warga{i}@example.com"},
            title=f"Keluhan {i}",
        )
    store = LocalStore.open(tmp_path / "desk")
    session.login(store, srv.root_url, "spv.dinkes", PASSWORD, "meja")
    _, direct = session.transport_for(store)
    token = direct.token
    assert token
    SyncEngine(store, direct, sleep=lambda s: None).sync()
    with store.read() as s:
        numbers = list(s.scalars(select(models.Ticket.tracking_no).order_by(models.Ticket.tracking_no)))
    assert len(numbers) == CITIZENS
    bodies = [f"Balasan nomor {i} untuk warga." for i in range(REPLIES)]
    for i, body in enumerate(bodies):
        actions.reply(store, numbers[i % CITIZENS], body)

    port = urlparse(srv.root_url).port
    assert port is not None
    proxy = FaultProxy(port, fault_rate=0.5)
    try:
        for _ in range(80):
            try:
                transport = Transport(proxy.url, token, connect_timeout=1, read_timeout=2)
                SyncEngine(store, transport, sleep=lambda s: None, push_batch=PUSH_BATCH).sync()
                break
            except SyncFailed:
                continue
        else:
            pytest.fail("sync never converged")
    finally:
        proxy.close()
        store.close()
    assert {"drop_after", "truncate"} & set(proxy.seen)

    channels.smtp.inbox.drop_rate = 0.2
    for kill_after, start in KILLS:
        status = run_forked(
            lambda start=start: _deliver(srv.database_url, start), {KILL_AFTER_SENDS_ENV: str(kill_after)}
        )
        assert status == -signal.SIGKILL
    assert run_forked(lambda: _deliver(srv.database_url, 200)) == 0

    with read_session(srv.engine) as s:
        rows = s.execute(select(DeliveryRow.state, DeliveryRow.provider_id, DeliveryRow.recipient)).all()
    assert Counter(r[0] for r in rows) == {"sent": REPLIES + CITIZENS}  # the replies and acknowledgements
    inbox = channels.smtp.inbox
    copies = inbox.by_message_id()
    assert set(copies) == {r[1] for r in rows}  # every delivery arrived, nothing else did
    repeated = {mid: len(v) for mid, v in copies.items() if len(v) > 1}
    assert len(repeated) <= 2 and all(n == 2 for n in repeated.values()), repeated
    # Each reply's words reached its own citizen under exactly one Message-ID.
    by_body: dict[str, set[str]] = {}
    for mid, mails in copies.items():
        for mail in mails:
            by_body.setdefault(mail.get_content().splitlines()[0].strip(), set()).add(mid)
    assert {b: len(by_body.get(b, ())) for b in bodies} == dict.fromkeys(bodies, 1)
    recipient_of = {r[1]: r[2] for r in rows}
    for mail in inbox.messages:
        assert mail["To"] == recipient_of[str(mail["Message-ID"])]
    assert inbox.dropped > 0  # the SMTP server did drop connections on the way
