"""A desk away longer than the server keeps its change log, and a desk whose app was upgraded
while replies waited in its outbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, text

from db import bulk, migrate, models
from desktop import actions
from desktop.store import LocalStore
from tests.helpers.desk import StoreDesk
from tests.helpers.live_server import LiveServer


def server_replies(server: LiveServer, tracking_no: str) -> list[str]:
    ticket = server.login("admin", device_name="checker").get(f"/tickets/{tracking_no}").json()
    return [m["body"] for m in ticket["messages"] if m["kind"] == "reply"]


def test_expired_cursor_resnapshot_archives_what_left_scope_and_keeps_the_outbox(
    server: LiveServer, tmp_path: Path
) -> None:
    stays = server.intake(title="Obat kosong di puskesmas")["tracking_no"]
    leaves = server.intake(title="Rambu roboh di Genteng")["tracking_no"]
    officer = StoreDesk(server, tmp_path / "officer", "petugas.dinkes")
    supervisor = StoreDesk(server, tmp_path / "spv", "spv.dinkes")
    try:
        officer.sync()
        supervisor.sync()
        actions.reply(officer.store, stays, "Stok datang besok pagi.")  # waits in the outbox
        actions.transfer(supervisor.store, leaves, "DISHUB-BWI", reason="rambu urusan Dishub")
        supervisor.sync()
        # The officer stays away longer than the server keeps tombstones: its cursor expires.
        server.run_maintenance(now=datetime.now(UTC) + timedelta(days=2), retention_days=1)

        report = officer.sync()

        assert report.snapshot
        assert officer.ticket(leaves).archived and not officer.ticket(leaves).is_open
        assert not officer.ticket(stays).archived
        assert [n.tracking_no for n in officer.notices() if n.kind == "revoke"] == [leaves]
        assert server_replies(server, stays) == ["Stok datang besok pagi."]
        with officer.store.read() as s:
            assert s.scalar(select(models.SnapshotSeen.ticket_id)) is None  # bookkeeping emptied
        assert officer.sync().revoked == 0  # the next incremental pull archives nothing more
    finally:
        officer.store.close()
        supervisor.store.close()


def test_upgrading_the_app_with_a_pending_outbox_sends_each_reply_once(
    server: LiveServer, tmp_path: Path
) -> None:
    no = server.intake(title="Antrean RSUD mengular")["tracking_no"]
    desk = StoreDesk(server, tmp_path / "desk", "petugas.dinkes")
    desk.sync()
    actions.reply(desk.store, no, "Mohon maaf, loket tambahan dibuka besok.")
    actions.note(desk.store, no, "Koordinasi dengan bagian umum.")
    desk.store.close()
    # The store as the previous release left it: one schema revision behind, outbox waiting.
    migrate.downgrade(desk.store.engine, "0002")
    desk.store.engine.dispose()

    desk.store = LocalStore.open(tmp_path / "desk")  # start-up upgrades, after a backup
    try:
        assert migrate.current_revision(desk.store.engine) == migrate.HEAD
        assert list((tmp_path / "desk" / "backups").glob("*before-0002*"))
        assert [op.state for op in desk.ops()] == ["pending", "pending"]
        desk.sync()
        desk.sync()
        assert [op.state for op in desk.ops()] == ["applied", "applied"]
        assert server_replies(server, no) == ["Mohon maaf, loket tambahan dibuka besok."]
    finally:
        desk.store.close()


def test_first_snapshot_is_searchable_at_its_end_and_after(server: LiveServer, tmp_path: Path) -> None:
    for n in range(5):
        server.intake(title=f"Lampu jalan mati nomor {n}")
    first = server.intake(title="Sampah menumpuk di pasar Genteng")["tracking_no"]
    desk = StoreDesk(server, tmp_path / "desk", "spv.dinkes")
    try:
        desk.sync()  # the first snapshot indexes once, at its end

        def search(word: str) -> list[str]:
            with desk.store.read() as s:
                return list(
                    s.execute(
                        text("SELECT tracking_no FROM tickets_fts WHERE tickets_fts MATCH :q"), {"q": word}
                    ).scalars()
                )

        with desk.store.read() as s:
            assert bulk.indexes_present(s.connection())  # queue, thread and search indexes all built
            plan = " ".join(
                str(row[-1])
                for row in s.execute(
                    text(
                        "EXPLAIN QUERY PLAN SELECT * FROM messages WHERE ticket_id = :t ORDER BY created_at"
                    ),
                    {"t": "x"},
                )
            )
            assert "ix_messages_ticket" in plan
        assert search("menumpuk") == [first]
        assert len(search("lampu")) == 5
        later = server.intake(title="Drainase tersumbat di Rogojampi")["tracking_no"]
        desk.sync()  # incremental: indexed row by row again
        assert search("tersumbat") == [later]
    finally:
        desk.store.close()
