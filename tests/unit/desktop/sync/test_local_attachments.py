"""Attaching a file at the desk, offline: kept, shown and queued at once; bad files refused whole."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from db import models
from desktop import actions
from desktop.store import LocalStore
from desktop.sync import apply, attachments
from desktop.ticket_detail import load_ticket
from tests.unit.desktop.sync.test_apply import T0, _identity, server_ticket


def _ticket_here(store: LocalStore) -> dict[str, object]:
    _identity(store)
    ticket = server_ticket()
    with store.write() as s:
        apply.apply_page(s, [{"op": "upsert", "ticket": ticket}], T0)
    return ticket


def test_an_attached_file_is_kept_shown_and_queued_in_one_step(store: LocalStore, tmp_path: Path) -> None:
    ticket = _ticket_here(store)
    scan = tmp_path / "surat\u200b balasan\n.pdf"  # a name with a zero-width space and a newline
    scan.write_bytes(b"%PDF-1.4 surat balasan")
    result = actions.attach(store, str(ticket["tracking_no"]), scan)

    detail = load_ticket(store, str(ticket["id"]))
    assert detail is not None
    (shown,) = detail.ticket.attachments
    assert shown.filename == "surat balasan.pdf" and shown.mime == "application/pdf"
    sha = hashlib.sha256(scan.read_bytes()).hexdigest()
    kept = attachments.cached_file(store.path.parent, shown.cached_path)
    assert kept is not None and shown.sha256 == sha
    # Sealed on disk (AES-GCM): the plain bytes come back only through the store's key.
    assert b"surat balasan" not in kept.read_bytes()
    assert attachments.read_blob(store.path.parent, shown.cached_path, sha) == scan.read_bytes()
    assert detail.attachment_ops == {shown.id: detail.ops[-1].state} and detail.waiting_ops == 1
    with store.read() as s:
        op = s.scalars(select(models.OutboxOp).where(models.OutboxOp.op_id == result.op_id)).one()
    assert op.type == "attach" and op.state == "pending"
    assert op.payload == {
        "attachment": {
            "id": shown.id,
            "filename": "surat balasan.pdf",
            "mime": "application/pdf",
            "size": len(scan.read_bytes()),
            "sha256": sha,
        }
    }
    # The sweep of unneeded files (run by every sync) leaves a file that is still to be sent.
    attachments.sweep(store)
    assert attachments.cached_file(store.path.parent, shown.cached_path) is not None


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p.write_bytes(b""), "kosong"),
        (lambda p: p.write_bytes(b"x" * (5 * 1024 * 1024 + 1)), "5 MB"),
        (lambda p: p.mkdir(), "bukan berkas"),
        (lambda p: None, "tidak dapat dibaca"),
    ],
)
def test_a_file_the_server_would_not_take_is_refused_and_nothing_is_written(
    store: LocalStore, tmp_path: Path, make: object, says: str
) -> None:
    ticket = _ticket_here(store)
    path = tmp_path / "dokumen.jpg"
    make(path)  # type: ignore[operator]
    with pytest.raises(actions.ActionRefused, match=says):
        actions.attach(store, str(ticket["tracking_no"]), path)
    with store.read() as s:
        assert s.scalars(select(models.OutboxOp)).all() == []
        assert s.scalars(select(models.Attachment)).all() == []
    assert not (store.path.parent / "attachments").exists()


def test_a_walk_in_keeps_its_documents_with_it(store: LocalStore, tmp_path: Path) -> None:
    _identity(store)
    ktp, letter = tmp_path / "ktp.jpg", tmp_path / "surat.pdf"
    ktp.write_bytes(b"\xff\xd8\xff foto ktp")
    letter.write_bytes(b"%PDF-1.4 surat")
    result = actions.walk_in(
        store, name="Sulastri", contact="0812", title="Bidan jarang hadir", body="x" * 20, files=[ktp, letter]
    )
    detail = load_ticket(store, result.ticket_id)
    assert detail is not None
    assert sorted(a.filename for a in detail.ticket.attachments) == ["ktp.jpg", "surat.pdf"]
    assert [op.type.value for op in detail.ops] == ["create_ticket", "attach", "attach"]
    # A bad document refuses the whole walk-in: nothing half-saved.
    with pytest.raises(actions.ActionRefused):
        actions.walk_in(
            store, name="B", contact="", title="t", body="y" * 20, files=[tmp_path / "hilang.pdf"]
        )
    with store.read() as s:
        assert len(s.scalars(select(models.Ticket)).all()) == 1


class _RecordingServer:
    """Stands in for the transport: what the server holds, and what was sent."""

    def __init__(self, holds: dict[str, int] | None = None, refuses_lookup: bool = False) -> None:
        self.holds = dict(holds or {})
        self.refuses_lookup = refuses_lookup
        self.sent: list[str] = []

    def blob_size(self, sha256: str) -> int | None:
        return None if self.refuses_lookup else self.holds.get(sha256)

    def put_blob(self, sha256: str, data: bytes) -> None:
        self.sent.append(sha256)
        self.holds[sha256] = len(data)


def test_bytes_the_server_already_holds_are_not_sent_again(store: LocalStore) -> None:
    data_dir = store.path.parent
    data = b"%PDF-1.4 surat" * 1000
    sha = hashlib.sha256(data).hexdigest()
    attachments.keep_local_blob(data_dir, data)
    server = _RecordingServer()
    attachments.upload_blob(server, data_dir, sha)  # type: ignore[arg-type]
    attachments.upload_blob(server, data_dir, sha)  # type: ignore[arg-type]  # a resend after a lost answer
    assert server.sent == [sha]
    # Bytes of another size under that name (a broken upload), or a server that cannot say: send.
    partial = _RecordingServer(holds={sha: 10})
    attachments.upload_blob(partial, data_dir, sha)  # type: ignore[arg-type]
    older = _RecordingServer(refuses_lookup=True)
    attachments.upload_blob(older, data_dir, sha)  # type: ignore[arg-type]
    assert partial.sent == [sha] and older.sent == [sha]
