"""Open work first (issue 19): a first sync commits the open tickets and opens the queue, then the
closed ones follow as history, page by page; a kill at any moment resumes where it stopped.

One seeded server (SQLite, or PostgreSQL under scripts/test.sh) for the module; every desk is a
real store synced over HTTP, killed with SIGKILL in a forked process where the test says so.
"""

from __future__ import annotations

import os
import random
import signal
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from db import bulk
from desktop import credentials, session
from desktop.documents import DocumentError, summary_figures
from desktop.queue import QueueFilter, QueueView, fetch_page
from desktop.store import LocalStore
from desktop.sync.engine import KILL_ENV, SyncEngine
from desktop.sync.status import sync_status
from desktop.ticket_detail import load_ticket
from server.db import make_engine
from server.migrate import upgrade_to_head
from server.seed import seed
from tests.helpers.desk import run_forked
from tests.helpers.live_server import Desk, LiveServer, fresh_database, live_server

PASSWORD = "demo-tanggap-2026"  # server.seed's demo logins
TICKETS = 240
PAGE = 20
KILLED = -signal.SIGKILL


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    if not credentials.keyring_is_usable():
        if os.environ.get("CI") == "true":
            pytest.fail("CI must provide a Secret Service (dbus-run-session + gnome-keyring)")
        pytest.skip("no usable keyring: run under dbus-run-session with gnome-keyring unlocked")
    kind = "postgres" if os.environ.get("TANGGAP_TEST_PG_URL") else "sqlite"
    with fresh_database(kind, tmp_path_factory.mktemp("srv")) as url:
        engine = make_engine(url)
        upgrade_to_head(engine)
        seed(engine, TICKETS, 19)
        engine.dispose()
        with live_server(url, directory=None, migrate=False) as srv:
            yield srv


def _server_view(srv: LiveServer, username: str) -> dict[str, tuple[int, int, str]]:
    """What an old desk's whole snapshot gives this user: id -> (version, messages, status)."""
    desk: Desk = srv.login(username, PASSWORD, device_name=f"pemeriksa-{username}")
    changes, _ = desk.pull_all()
    return {
        c["ticket"]["id"]: (c["ticket"]["version"], len(c["ticket"]["messages"]), c["ticket"]["status"])
        for c in changes
        if c["op"] == "upsert"
    }


def _desk_view(data_dir: Path) -> dict[str, tuple[int, int, str]]:
    store = LocalStore.open(data_dir)
    try:
        with store.read() as s:
            rows = s.execute(
                text(
                    "SELECT t.id, t.version, (SELECT count(*) FROM messages m WHERE m.ticket_id = t.id), t.status "
                    "FROM tickets t"
                )
            ).all()
        return {r[0]: (r[1], r[2], r[3]) for r in rows}
    finally:
        store.close()


def _login(srv: LiveServer, data_dir: Path, username: str) -> None:
    store = LocalStore.open(data_dir)
    try:
        session.login(store, srv.root_url, username, PASSWORD, f"meja-{data_dir.name}")
    finally:
        store.close()


def _sync(data_dir: Path, history_budget: float | None = None) -> None:
    store = LocalStore.open(data_dir)
    try:
        _, transport = session.transport_for(store)
        try:
            SyncEngine(store, transport, pull_limit=PAGE, history_budget=history_budget).sync()
        finally:
            transport.close()
    finally:
        store.close()


def _assert_whole(srv: LiveServer, data_dir: Path, username: str) -> None:
    assert _desk_view(data_dir) == _server_view(srv, username)
    store = LocalStore.open(data_dir)
    try:
        assert sync_status(store).history is None
        with store.read() as s:
            assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert bulk.indexes_present(s.connection())
    finally:
        store.close()


def test_the_queue_opens_on_open_work_and_the_history_follows(seeded: LiveServer, tmp_path: Path) -> None:
    server_view = _server_view(seeded, "admin")
    open_ids = {tid for tid, (_, _, status) in server_view.items() if status in _OPEN}
    closed = len(server_view) - len(open_ids)
    assert open_ids and closed > 3 * PAGE  # the seed has both, and several history pages
    data_dir = tmp_path / "desk"
    _login(seeded, data_dir, "admin")

    _sync(data_dir, history_budget=0.0)  # as the window's first sync: open work, no history yet

    assert set(_desk_view(data_dir)) == open_ids
    store = LocalStore.open(data_dir)
    try:
        status = sync_status(store)
        assert status.history is not None
        assert f"riwayat: 0 dari {closed} tiket" in status.summary
        with store.read() as s:
            assert bulk.indexes_present(s.connection())  # the queue is built, search works
        rows = fetch_page(store, QueueFilter(view=QueueView.ALL), limit=50)
        assert rows and {r.id for r in rows} <= open_ids
        detail = load_ticket(store, rows[0].id)  # the thread is there to answer from
        assert detail is not None and len(detail.ticket.messages) == server_view[rows[0].id][1]
        viewer = session.require_identity(store)
        with pytest.raises(DocumentError, match="Riwayat tiket belum lengkap"):
            summary_figures(store, date.today() - timedelta(days=30), date.today(), viewer=viewer)
    finally:
        store.close()

    _sync(data_dir, history_budget=0.0)  # the next slice: one page, the most recently finished
    store = LocalStore.open(data_dir)
    try:
        status = sync_status(store)
        assert status.history is not None and status.history.done == PAGE
        assert f"riwayat: {PAGE} dari {closed} tiket" in status.summary
        through = status.history.through
        assert through is not None
        viewer = session.require_identity(store)
        # A period that starts after the oldest history on the desk is whole, and is reported.
        start = through.astimezone(ZoneInfo("Asia/Jakarta")).date() + timedelta(days=1)
        if start <= date.today():
            summary_figures(store, start, date.today(), viewer=viewer)
    finally:
        store.close()

    _sync(data_dir)  # the rest
    _assert_whole(seeded, data_dir, "admin")
    store = LocalStore.open(data_dir)
    try:
        viewer = session.require_identity(store)
        figures = summary_figures(store, date.today() - timedelta(days=120), date.today(), viewer=viewer)
        assert figures.overall.received == TICKETS
    finally:
        store.close()


@pytest.mark.parametrize("point", ["mid_history_page", "mid_history"])
def test_killed_during_the_history_resumes_where_it_stopped(
    point: str, seeded: LiveServer, tmp_path: Path
) -> None:
    data_dir = tmp_path / "desk"
    _login(seeded, data_dir, "admin")
    _sync(data_dir, history_budget=0.0)
    _sync(data_dir, history_budget=0.0)  # one history page committed

    assert run_forked(lambda: _sync(data_dir), {KILL_ENV: point}) == KILLED

    store = LocalStore.open(data_dir)
    try:
        history = sync_status(store).history
        with store.read() as s:
            closed_here = s.execute(text("SELECT count(*) FROM tickets WHERE is_open = 0")).scalar()
    finally:
        store.close()
    assert history is not None
    # Each page's tickets and its progress are committed together: killed inside the second page's
    # transaction, only the first is there; killed after it, both.
    assert history.done == closed_here == (PAGE if point == "mid_history_page" else 2 * PAGE)
    assert run_forked(lambda: _sync(data_dir)) == 0
    _assert_whole(seeded, data_dir, "admin")


def test_random_kills_during_a_first_sync_never_lose_or_repeat_a_ticket(
    seeded: LiveServer, tmp_path: Path
) -> None:
    data_dir = tmp_path / "desk"
    _login(seeded, data_dir, "admin")
    rng = random.Random(19)
    for _ in range(6):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            try:
                _sync(data_dir)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.05, 0.6))  # a random moment to kill at, not synchronisation
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert run_forked(lambda: _sync(data_dir)) == 0
    _assert_whole(seeded, data_dir, "admin")


def test_an_officer_gets_exactly_their_scope_in_history(seeded: LiveServer, tmp_path: Path) -> None:
    data_dir = tmp_path / "officer"
    _login(seeded, data_dir, "petugas.dinkes")
    _sync(data_dir, history_budget=0.0)
    _sync(data_dir)
    _assert_whole(seeded, data_dir, "petugas.dinkes")


def test_an_old_desk_still_gets_the_whole_snapshot(seeded: LiveServer) -> None:
    """A desk that does not ask for open work first: pages of every ticket, no history fields."""
    desk = seeded.login("admin", PASSWORD, device_name="meja-lama")
    page = desk.get("/sync/pull", params={"limit": 1000}).json()
    assert len(page["changes"]) == TICKETS
    assert page.get("history_cursor") is None and page.get("phase") is None


def test_a_bad_history_cursor_is_refused(seeded: LiveServer) -> None:
    desk = seeded.login("admin", PASSWORD, device_name="meja-lama")
    answer = desk.get("/sync/history", params={"cursor": "bm90LWEtY3Vyc29y"})
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "bad_cursor"


_OPEN = {"baru", "terverifikasi", "didisposisi", "ditindaklanjuti", "menunggu_pelapor"}
