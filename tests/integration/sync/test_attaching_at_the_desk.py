"""A file attached at a desk: kept and shown offline, sent once with its bytes, seen by other desks."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import update

from db import models
from desktop import actions
from desktop.sync import attachments
from desktop.ticket_detail import load_ticket
from tests.helpers.desk import CliDesk, StoreDesk
from tests.helpers.live_server import LiveServer


def _server_ticket(srv: LiveServer, tracking_no: str) -> dict[str, Any]:
    r = srv.login("admin", device_name="checker").get(f"/tickets/{tracking_no}")
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_letter_attached_offline_reaches_the_server_once_and_the_other_desk(
    server: LiveServer, tmp_path: Path
) -> None:
    no = server.intake(title="Obat kosong")["tracking_no"]
    officer = StoreDesk(server, tmp_path / "petugas", "petugas.dinkes")
    spv = StoreDesk(server, tmp_path / "spv", "spv.dinkes")
    officer.sync()
    letter = _file(tmp_path, "surat-jawaban.pdf", b"%PDF-1.4 " + bytes(range(256)) * 40)
    result = actions.attach(officer.store, no, letter)  # no network needed
    assert officer.ops()[-1].state == "pending"

    report = officer.sync()
    assert report.applied == 1
    (op,) = officer.ops()
    assert op.state == "applied"
    on_server = _server_ticket(server, no)
    (sent,) = on_server["attachments"]
    assert sent["filename"] == "surat-jawaban.pdf" and sent["size"] == letter.stat().st_size
    assert sent["sha256"] == hashlib.sha256(letter.read_bytes()).hexdigest()
    download = server.login("admin", device_name="unduh").get(sent["url"].removeprefix("/api/v1/"))
    assert download.status_code == 200 and download.content == letter.read_bytes()
    # This desk keeps showing its own copy, now with the server's address.
    detail = load_ticket(officer.store, result.ticket_id)
    assert detail is not None
    (mine,) = detail.ticket.attachments
    assert mine.url == sent["url"] and attachments.cached_file(officer.store.path.parent, mine.cached_path)

    # The supervisor's desk pulls the ticket with the file and caches the same bytes.
    spv_report = spv.sync()
    assert spv_report.attachments_cached == 1
    other = load_ticket(spv.store, result.ticket_id)
    assert other is not None
    (theirs,) = other.ticket.attachments
    cached = attachments.cached_file(spv.store.path.parent, theirs.cached_path)
    assert cached is not None and letter.read_bytes() not in cached.read_bytes()
    assert (
        attachments.read_blob(spv.store.path.parent, theirs.cached_path, theirs.sha256) == letter.read_bytes()
    )

    # A lost answer (the desk crashed after the server applied it): the resend is a duplicate.
    with officer.store.write() as s:
        s.execute(update(models.OutboxOp).values(state="pending", answered_at=None))
    officer.sync()
    assert officer.ops()[0].state == "duplicate"
    assert len(_server_ticket(server, no)["attachments"]) == 1
    officer.store.close()
    spv.store.close()


def test_a_walk_in_and_its_documents_arrive_together(server: LiveServer, tmp_path: Path) -> None:
    desk = StoreDesk(server, tmp_path / "loket", "petugas.dinkes")
    desk.sync()
    ktp = _file(tmp_path, "ktp.jpg", b"\xff\xd8\xff" + b"k" * 3000)
    letter = _file(tmp_path, "surat.pdf", b"%PDF-1.4 " + b"s" * 5000)
    result = actions.walk_in(
        desk.store,
        name="Sulastri",
        contact="0812-3456-7890",
        title="Bidan desa jarang hadir",
        body="Sudah dua minggu Polindes Kemiren tutup pada jam layanan.",
        files=[ktp, letter],
    )
    report = desk.sync()
    assert report.applied == 3
    on_server = _server_ticket(server, result.tracking_no)
    assert sorted(a["filename"] for a in on_server["attachments"]) == ["ktp.jpg", "surat.pdf"]
    desk.store.close()


def test_a_file_lost_from_the_disk_before_sending_is_refused_visibly(
    server: LiveServer, tmp_path: Path
) -> None:
    no = server.intake(title="Jalan berlubang")["tracking_no"]
    desk = StoreDesk(server, tmp_path / "meja", "petugas.dinkes")
    desk.sync()
    photo = _file(tmp_path, "foto.jpg", b"\xff\xd8\xff" + b"p" * 2000)
    actions.attach(desk.store, no, photo)
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    (desk.store.path.parent / attachments.relative_blob_path(sha)).unlink()  # e.g. a cleaner tool
    desk.sync()  # the sync itself does not fail: the server says why
    (op,) = desk.ops()
    assert op.state == "rejected" and op.reason_code == "blob_missing"
    assert any(n.code == "blob_missing" for n in desk.notices())
    assert _server_ticket(server, no)["attachments"] == []
    desk.store.close()


def test_tanggap_attach_and_walk_in_attach_from_the_command_line(
    server: LiveServer, make_desk: Callable[[str], CliDesk], tmp_path: Path
) -> None:
    no = server.intake(title="Sampah menumpuk")["tracking_no"]
    desk = make_desk("cli")
    desk.login(server.root_url, "petugas.dinkes")
    desk.ok("sync")
    photo = _file(tmp_path, "sampah.png", b"\x89PNG\r\n\x1a\n" + b"x" * 1000)
    assert "Lampiran untuk " + no in desk.ok("attach", no, str(photo)).out
    walk_in = desk.ok(
        "walk-in", "--name", "Budi", "--contact", "0812", "--title", "Sampah", "--body", "Sampah belum diangkut.",
        "--attach", str(photo),
    ).out.strip()  # fmt: skip
    refused = desk.run("attach", no, str(tmp_path / "tidak-ada.pdf"))
    assert refused.code != 0 and "tidak dapat dibaca" in refused.err
    desk.ok("sync")
    assert [a["filename"] for a in _server_ticket(server, no)["attachments"]] == ["sampah.png"]
    assert [a["filename"] for a in _server_ticket(server, walk_in)["attachments"]] == ["sampah.png"]
