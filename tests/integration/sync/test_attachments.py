"""Attachment files cached for offline viewing: fetched after a sync, verified, retried when wrong."""

from __future__ import annotations

import base64
import hashlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from db import models
from desktop import actions, session
from desktop.store import LocalStore
from desktop.sync import attachments
from desktop.sync.engine import SyncEngine, SyncFailed, SyncReport
from desktop.ticket_detail import load_ticket
from tests.helpers.corrupting_proxy import CorruptingProxy
from tests.helpers.desk import CliDesk, StoreDesk
from tests.helpers.live_server import PASSWORD, LiveServer, served


def photo(seed: int, size: int = 700) -> bytes:
    """Distinct bytes per seed (the server only stores them; content is not inspected)."""
    return b"\x89PNG\r\n\x1a\n" + hashlib.sha256(str(seed).encode()).digest() * (size // 32)


def with_files(*files: tuple[str, bytes]) -> list[dict[str, str]]:
    return [
        {"filename": name, "mime": "image/png", "content_base64": base64.b64encode(data).decode()}
        for name, data in files
    ]


def cached_attachments(store: LocalStore) -> dict[str, str | None]:
    with store.read() as s:
        return {a.filename: a.cached_path for a in s.scalars(select(models.Attachment))}


def sync(store: LocalStore, **engine_options: int) -> SyncReport:
    _, transport = session.transport_for(store)
    try:
        return SyncEngine(store, transport, sleep=lambda s: None, **engine_options).sync()
    finally:
        transport.close()


def test_a_synced_desk_keeps_verified_files_and_shows_them_offline(tmp_path: Path) -> None:
    from tests.integration.sync.conftest import _require_keyring

    _require_keyring()
    png = photo(1)
    with served("sqlite", tmp_path) as srv:
        first = srv.intake(attachments=with_files(("jalan-rusak.png", png)))
        # The same photo sent again with another complaint: one download, both cached.
        srv.intake(attachments=with_files(("../../lagi.png", png)))
        desk = StoreDesk(srv, tmp_path / "desk", "petugas.dinkes")
        report = desk.sync()
        assert report.pulled == 2
        assert report.attachments_cached == 2
    # The server is gone: the desk is offline now.
    data_dir = desk.store.path.parent
    sha = hashlib.sha256(png).hexdigest()
    paths = cached_attachments(desk.store)
    assert paths == {
        "jalan-rusak.png": f"attachments/{sha[:2]}/{sha}",
        "lagi.png": f"attachments/{sha[:2]}/{sha}",
    }
    detail = load_ticket(desk.store, first["id"])
    assert detail is not None
    (shown,) = detail.ticket.attachments
    path = attachments.cached_file(data_dir, shown.cached_path)
    assert path is not None and png not in path.read_bytes()  # sealed on disk
    assert attachments.read_blob(data_dir, shown.cached_path, shown.sha256) == png
    # Only the content-addressed file: no server file name on disk, no leftover partial files.
    assert [
        p.relative_to(data_dir).as_posix() for p in (data_dir / "attachments").rglob("*") if p.is_file()
    ] == [f"attachments/{sha[:2]}/{sha}"]
    with pytest.raises(SyncFailed):
        desk.sync()
    assert attachments.cached_file(data_dir, shown.cached_path) == path
    desk.store.close()


def test_wrong_bytes_are_discarded_and_fetched_again_next_sync(
    sqlite_server: LiveServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    srv = sqlite_server
    png = photo(2)
    srv.intake(title="Sampah menumpuk", attachments=with_files(("sampah.png", png)))
    proxy = CorruptingProxy(int(srv.root_url.rsplit(":", 1)[1]))
    try:
        store = LocalStore.open(tmp_path / "desk")
        session.login(store, proxy.url, "petugas.dinkes", PASSWORD, "meja-proxy")
        with caplog.at_level(logging.WARNING, logger="desktop.sync.attachments"):
            report = sync(store)
        # The tickets synced; the corrupted file did not reach the cache.
        assert report.pulled == 1
        assert report.attachments_cached == 0
        assert proxy.corrupted == 1
        assert cached_attachments(store) == {"sampah.png": None}
        assert not [p for p in (tmp_path / "desk" / "attachments").rglob("*") if p.is_file()]
        assert "discarded" in caplog.text

        proxy.corrupt = False
        report = sync(store)
        assert report.attachments_cached == 1
        sha = hashlib.sha256(png).hexdigest()
        assert attachments.read_blob(tmp_path / "desk", f"attachments/{sha[:2]}/{sha}", sha) == png
        store.close()
    finally:
        proxy.close()


def test_the_budget_takes_the_newest_tickets_first_and_the_rest_waits(
    server: LiveServer, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    old, new = photo(3, 3000), photo(4, 3000)
    srv = server
    srv.intake(
        title="Lama",
        received_at=(now - timedelta(days=3)).isoformat(),
        attachments=with_files(("lama.png", old)),
    )
    srv.intake(
        title="Baru",
        received_at=(now - timedelta(hours=1)).isoformat(),
        attachments=with_files(("baru.png", new)),
    )
    desk = StoreDesk(srv, tmp_path / "desk", "petugas.dinkes")
    _, transport = session.transport_for(desk.store)
    try:
        first = SyncEngine(desk.store, transport, attachment_budget=4000).sync()
        assert first.attachments_cached == 1
        assert cached_attachments(desk.store)["lama.png"] is None
        assert cached_attachments(desk.store)["baru.png"] is not None
        again = SyncEngine(desk.store, transport, attachment_budget=4000).sync()
        assert again.attachments_cached == 1
        assert None not in cached_attachments(desk.store).values()
    finally:
        transport.close()
        desk.store.close()


def test_metadata_that_points_outside_the_cache_is_never_fetched(server: LiveServer, tmp_path: Path) -> None:
    server.intake(title="Tanpa lampiran")
    desk = StoreDesk(server, tmp_path / "desk", "petugas.dinkes")
    desk.sync()
    with desk.store.write() as s:
        ticket_id = s.scalars(select(models.Ticket.id)).one()
        s.add(
            models.Attachment(
                id="a1",
                ticket_id=ticket_id,
                filename="x",
                mime="image/png",
                size=3,
                sha256="../../../../evil",
                url="/api/v1/attachments/a1",
            )
        )
        s.add(
            models.Attachment(
                id="a2",
                ticket_id=ticket_id,
                filename="y",
                mime="image/png",
                size=3,
                sha256="ab" * 32,
                url="https://evil.example/steal",
            )
        )
    _, transport = session.transport_for(desk.store)
    try:
        report = attachments.fetch_missing(desk.store, transport)
    finally:
        transport.close()
    assert report.cached == 0 and report.deferred == 2
    assert not (tmp_path / "desk" / "attachments").exists() or not any(
        (tmp_path / "desk" / "attachments").rglob("*")
    )
    desk.store.close()


def test_tanggap_sync_reports_the_cached_files(
    server: LiveServer, make_desk: Callable[[str], CliDesk]
) -> None:
    server.intake(attachments=with_files(("foto.png", photo(5))))
    desk = make_desk("cli")
    desk.login(server.root_url, "petugas.dinkes")
    assert "attachments cached 1" in desk.ok("sync").out
    assert desk.ok("sync", "--json").json()["attachments_cached"] == 0


def test_files_of_a_ticket_that_left_the_desk_are_removed_from_its_disk(
    server: LiveServer, tmp_path: Path
) -> None:
    leaving, staying, shared = photo(11), photo(12), photo(13)
    gone = server.intake(
        title="Rambu roboh", attachments=with_files(("rambu.png", leaving), ("ktp.png", shared))
    )
    server.intake(
        title="Puskesmas tutup", attachments=with_files(("papan.png", staying), ("ktp.png", shared))
    )
    officer = StoreDesk(server, tmp_path / "petugas", "petugas.dinkes")
    spv = StoreDesk(server, tmp_path / "spv", "spv.dinkes")
    assert officer.sync().attachments_cached == 4
    data_dir = officer.store.path.parent

    def on_disk() -> set[str]:
        return {p.name for p in (data_dir / "attachments").rglob("*") if p.is_file()}

    leaving_sha = hashlib.sha256(leaving).hexdigest()
    assert attachments.viewer_copy(
        data_dir, f"attachments/{leaving_sha[:2]}/{leaving_sha}", "rambu.png", "image/png", leaving_sha
    )
    assert on_disk() == {
        leaving_sha,
        hashlib.sha256(staying).hexdigest(),
        hashlib.sha256(shared).hexdigest(),
        "rambu.png",
    }
    # An orphan a crash could leave between a download and its bookkeeping.
    orphan = hashlib.sha256(b"orphan").hexdigest()
    (data_dir / "attachments" / orphan[:2]).mkdir(exist_ok=True)
    (data_dir / "attachments" / orphan[:2] / orphan).write_bytes(b"orphan")

    spv.sync()
    actions.transfer(spv.store, gone["tracking_no"], "DISHUB-BWI", reason="urusan lalu lintas")
    spv.sync()
    report = officer.sync()

    assert report.revoked == 1
    assert officer.ticket(gone["tracking_no"]).archived
    # The photo only the departed ticket had, and its viewer copy, are gone; the one another
    # ticket still shows stays, and so does everything of the ticket that stayed.
    assert on_disk() == {hashlib.sha256(staying).hexdigest(), hashlib.sha256(shared).hexdigest()}
    paths = {}
    with officer.store.read() as s:
        for a in s.scalars(select(models.Attachment)):
            paths[(a.ticket_id, a.filename)] = a.cached_path
    # The departed ticket's attachment rows (file names can name a person) went with its personal data.
    assert not [tid for (tid, _) in paths if tid == gone["id"]]
    live = [v for (tid, _), v in paths.items() if tid != gone["id"]]
    assert len(live) == 2 and all(live)
    detail = load_ticket(officer.store, gone["id"])
    assert detail is not None and detail.ticket.archived and not detail.ticket.attachments
    # Out of scope means the complainant is gone from this desk too; what happened stays.
    assert detail.ticket.reporter is None and detail.ticket.body == "" and not detail.ticket.messages
    assert detail.ticket.title == "Rambu roboh" and detail.ticket.tracking_no == gone["tracking_no"]
    officer.store.close()
    spv.store.close()
