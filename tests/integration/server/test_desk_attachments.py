"""A desk adds a file to a ticket: PUT /blobs/{sha256} with the bytes, then an ``attach`` op."""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from desktop.domain import MAX_FILE_BYTES, desk_tracking_no
from server.models import AttachmentBlobRow, AttachmentRow, BlobUploadRow
from tests.helpers.live_server import Desk, LiveServer, new_op, served

PDF_HEAD = b"%PDF-1.4\n1 0 obj<<>>endobj\n"


def _whole(desk: Any, result: dict[str, Any]) -> dict[str, Any]:
    """A push result's ticket with its thread and files (a result carries only the ticket's state)."""
    r = desk.get(f"/tickets/{result['ticket']['tracking_no']}")
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def letter() -> bytes:
    """A small PDF-like file, different every call (the server is shared by a module's tests)."""
    return PDF_HEAD + f"% surat balasan {uuid.uuid4()}\n%%EOF\n".encode()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def put_blob(desk: Desk, data: bytes, digest: str | None = None) -> httpx.Response:
    return desk.client.put(
        f"blobs/{digest or sha(data)}", content=data, headers={"Content-Type": "application/octet-stream"}
    )


def attach_op(
    ticket: dict[str, Any],
    data: bytes,
    filename: str = "surat-balasan.pdf",
    mime: str = "application/pdf",
    *,
    attachment_id: str | None = None,
    size: int | None = None,
) -> dict[str, Any]:
    attachment = {
        "id": attachment_id or str(uuid.uuid4()),
        "filename": filename,
        "mime": mime,
        "size": len(data) if size is None else size,
        "sha256": sha(data),
    }
    return new_op("attach", ticket["id"], {"attachment": attachment}, ticket["version"])


def note_op(ticket: dict[str, Any]) -> dict[str, Any]:
    body = {"message_id": str(uuid.uuid4()), "body": "Catatan internal"}
    return new_op("note", ticket["id"], body, ticket["version"])


def assert_error(r: httpx.Response, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code and body["error"]["message"]


def blob_count(srv: LiveServer, digest: str) -> int:
    with srv.engine.connect() as conn:
        return int(
            conn.execute(
                sa.select(sa.func.count())
                .select_from(AttachmentBlobRow)
                .where(AttachmentBlobRow.sha256 == digest)
            ).scalar_one()
        )


def attachment_rows(srv: LiveServer, attachment_id: str) -> int:
    with srv.engine.connect() as conn:
        return int(
            conn.execute(
                sa.select(sa.func.count()).select_from(AttachmentRow).where(AttachmentRow.id == attachment_id)
            ).scalar_one()
        )


def events(ticket: dict[str, Any]) -> list[tuple[str, str]]:
    return [(m["author"], m["body"]) for m in ticket["messages"] if m["kind"] == "event"]


# -- PUT /blobs/{sha256} ----------------------------------------------------------------------


def test_the_same_bytes_are_stored_once_first_201_then_200(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes", device_name="meja-unggah")
    data = letter()
    first = put_blob(desk, data)
    again = put_blob(desk, data)
    # Another officer's upload of the same bytes is stored once too, but the answer does not tell
    # them someone else had sent these bytes (a rahasia document's existence is not confirmed).
    other = put_blob(srv.login("ani.dinkes", device_name="meja-unggah-2"), data)
    assert first.status_code == 201, first.text
    assert again.status_code == 200, again.text
    assert other.status_code == 201, other.text
    assert first.json() == again.json() == other.json() == {"sha256": sha(data), "size": len(data)}
    assert blob_count(srv, sha(data)) == 1


def test_bytes_that_do_not_match_the_hash_are_refused_and_not_stored(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes")
    data, claimed = letter(), letter()
    assert_error(put_blob(desk, data, sha(claimed)), 422, "hash_mismatch")
    assert blob_count(srv, sha(claimed)) == 0
    assert blob_count(srv, sha(data)) == 0


def test_a_path_that_is_not_a_sha256_is_an_invalid_field(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes")
    data = letter()
    for bad in (sha(data).upper(), sha(data)[:63], "z" * 64, sha(data) + "0"):
        assert_error(put_blob(desk, data, bad), 422, "invalid_field")
    assert blob_count(srv, sha(data)) == 0


def test_five_megabytes_fit_and_one_byte_more_is_413_with_an_error_body(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes")
    exactly = os.urandom(MAX_FILE_BYTES)
    r = put_blob(desk, exactly)
    assert r.status_code == 201, r.text
    assert r.json() == {"sha256": sha(exactly), "size": MAX_FILE_BYTES}
    over = exactly + b"!"
    assert_error(put_blob(desk, over), 413, "attachment_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while streaming too
        for i in range(0, len(over), 65536):
            yield over[i : i + 65536]

    streamed = desk.client.put(f"blobs/{sha(over)}", content=chunks())
    assert_error(streamed, 413, "attachment_too_large")
    assert blob_count(srv, sha(over)) == 0


def test_uploading_needs_a_token(srv: LiveServer) -> None:
    data = letter()
    r = srv.http().put(f"blobs/{sha(data)}", content=data)
    assert_error(r, 401, "unauthorized")
    assert blob_count(srv, sha(data)) == 0


# -- the attach op ------------------------------------------------------------------------------


def test_an_attached_file_shows_on_the_ticket_downloads_and_reaches_other_desks(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes", device_name="meja-a")
    colleague = srv.login("ani.dinkes", device_name="meja-b")
    ticket = srv.intake()
    _, colleague_cursor = colleague.pull_all()  # the colleague's snapshot, before the file
    data = letter()
    assert put_blob(desk, data).status_code == 201
    op = attach_op(ticket, data)
    attachment_id = op["payload"]["attachment"]["id"]

    [res] = desk.push(op)

    assert res["result"] == "applied" and res["reason"] is None, res
    shown = _whole(desk, res)
    assert shown["attachments"] == [
        {
            "id": attachment_id,
            "filename": "surat-balasan.pdf",
            "mime": "application/pdf",
            "size": len(data),
            "sha256": sha(data),
            "url": f"/api/v1/attachments/{attachment_id}",
        }
    ]
    assert ("petugas.dinkes", "Lampiran ditambahkan: surat-balasan.pdf") in events(shown)
    assert shown["version"] > ticket["version"]
    download = desk.client.get(srv.root_url + shown["attachments"][0]["url"])
    assert download.status_code == 200 and download.content == data
    assert download.headers["content-type"] == "application/pdf"

    changes, _ = colleague.pull_all(colleague_cursor)
    [pulled] = [c["ticket"] for c in changes if c["op"] == "upsert" and c["ticket"]["id"] == ticket["id"]]
    assert [a["id"] for a in pulled["attachments"]] == [attachment_id]
    assert ("petugas.dinkes", "Lampiran ditambahkan: surat-balasan.pdf") in events(pulled)


def test_a_resent_attach_is_a_duplicate_and_the_file_is_there_once(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes")
    ticket = srv.intake()
    data = letter()
    put_blob(desk, data)
    op = attach_op(ticket, data, "ktp.jpg", "image/jpeg")
    attachment_id = op["payload"]["attachment"]["id"]
    [first] = desk.push(op)
    [again] = desk.push(op)
    assert first["result"] == "applied"
    assert again["result"] == "duplicate" and again["first_result"] == "applied"
    assert [a["id"] for a in _whole(desk, again)["attachments"]] == [attachment_id]
    # The same attachment through a new op id (an outbox rebuilt after a crash): applied, still one.
    [through_new_op] = desk.push(dict(op, op_id=new_op("attach", ticket["id"], {})["op_id"]))
    assert through_new_op["result"] == "applied", through_new_op
    assert [a["id"] for a in _whole(desk, through_new_op)["attachments"]] == [attachment_id]
    assert attachment_rows(srv, attachment_id) == 1
    assert [body for _, body in events(_whole(desk, through_new_op))].count(
        "Lampiran ditambahkan: ktp.jpg"
    ) == 1


def test_an_attach_without_its_bytes_or_with_the_wrong_size_is_rejected_and_writes_nothing(
    srv: LiveServer,
) -> None:
    desk = srv.login("petugas.dinkes")
    ticket = srv.intake()
    never_sent = letter()
    [missing] = desk.push(attach_op(ticket, never_sent))
    assert missing["result"] == "rejected"
    assert missing["reason"]["code"] == "blob_missing"
    assert "kirim ulang" in missing["reason"]["message"]
    sent = letter()
    put_blob(desk, sent)
    [wrong_size] = desk.push(attach_op(ticket, sent, size=len(sent) + 1))
    assert wrong_size["result"] == "rejected" and wrong_size["reason"]["code"] == "blob_missing"
    after = desk.get(f"/tickets/{ticket['tracking_no']}").json()
    assert after["attachments"] == []
    assert after["version"] == ticket["version"]
    assert after["messages"] == ticket["messages"]
    # Once the bytes are there, the desk's resend (a new op) goes through.
    put_blob(desk, never_sent)
    [resent] = desk.push(attach_op(ticket, never_sent))
    assert resent["result"] == "applied", resent


def test_malformed_attach_payloads_and_an_id_of_another_ticket_are_invalid(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes")
    ticket, other = srv.intake(), srv.intake()
    data = letter()
    put_blob(desk, data)
    good = attach_op(ticket, data)
    attachment = good["payload"]["attachment"]
    for bad in (
        {"attachment": dict(attachment, sha256=sha(data).upper())},
        {"attachment": dict(attachment, id="bukan-uuid")},
        {"attachment": dict(attachment, size=-1)},
        {"attachment": {k: v for k, v in attachment.items() if k != "sha256"}},
        {"attachment": dict(attachment, owner="x")},
        {"file": attachment},
    ):
        [res] = desk.push(new_op("attach", ticket["id"], bad, ticket["version"]))
        assert res["result"] == "rejected" and res["reason"]["code"] == "invalid_payload", (bad, res)
    assert desk.push(good)[0]["result"] == "applied"
    [elsewhere] = desk.push(dict(attach_op(other, data), payload={"attachment": attachment}))
    assert elsewhere["result"] == "rejected" and elsewhere["reason"]["code"] == "invalid_payload"
    assert desk.get(f"/tickets/{other['tracking_no']}").json()["attachments"] == []


def test_hostile_filenames_are_cleaned(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes")
    ticket = srv.intake()
    data = letter()
    put_blob(desk, data)
    long_name = "a" * 996 + ".pdf"
    results = desk.push(
        attach_op(ticket, data, "../../x.exe", "text/html; charset=utf-8"),
        attach_op(ticket, data, "sur\x00at\x1b\u202e\tbalasan.pdf", "image/png\r\nX-Evil: 1"),
        attach_op(ticket, data, long_name, "application/" + "x" * 120),
    )
    assert [r["result"] for r in results] == ["applied"] * 3, results
    shown = {a["filename"]: a["mime"] for a in _whole(desk, results[-1])["attachments"]}
    cleaned_long = "a" * 196 + ".pdf"
    assert shown == {
        "x.exe": "text/html",
        "surat balasan.pdf": "application/octet-stream",
        cleaned_long: "application/octet-stream",
    }
    bodies = [body for _, body in events(_whole(desk, results[-1]))]
    assert "Lampiran ditambahkan: x.exe" in bodies
    assert f"Lampiran ditambahkan: {cleaned_long}" in bodies


def test_a_ticket_outside_the_callers_scope_answers_as_for_a_note(srv: LiveServer) -> None:
    officer = srv.login("petugas.dinkes", device_name="meja-luar")
    data = letter()
    put_blob(officer, data)
    foreign = srv.intake(opd_code="DISHUB-BWI")
    secret = srv.intake(confidentiality="rahasia")  # own OPD, but an officer who is not the assignee
    for ticket in (foreign, secret):
        [note] = officer.push(note_op(ticket))
        [attach] = officer.push(attach_op(ticket, data))
        assert attach["result"] == note["result"] == "rejected"
        assert attach["reason"] == note["reason"]
        assert attach["reason"]["code"] == "not_found" and attach["ticket"] is None
        assert srv.login("spv.dishub").get(f"/tickets/{foreign['tracking_no']}").json()["attachments"] == []
    assert srv.login("spv.dinkes").get(f"/tickets/{secret['tracking_no']}").json()["attachments"] == []
    # A ticket the desk saw, transferred away before its work arrived: kept and flagged, as a note is.
    seen = srv.intake()
    spv = srv.login("spv.dinkes")
    move = {"opd_code": "DISHUB-BWI", "reason": "Wewenang Dishub"}
    assert spv.push(new_op("transfer", seen["id"], move, seen["version"]))[0]["result"] == "applied"
    [note] = officer.push(note_op(seen))
    [attach] = officer.push(attach_op(seen, data))
    assert attach["result"] == note["result"] == "conflict"
    assert attach["reason"] == note["reason"]
    assert attach["reason"]["code"] == "ticket_transferred"
    moved = srv.login("spv.dishub").get(f"/tickets/{seen['tracking_no']}").json()
    assert [a["sha256"] for a in moved["attachments"]] == [sha(data)]


def test_any_status_and_any_base_version_take_a_file(srv: LiveServer) -> None:
    spv = srv.login("spv.dinkes")
    ticket = srv.intake()
    closing = {"status": "ditolak", "reason": "Bukan pengaduan"}
    assert spv.push(new_op("set_status", ticket["id"], closing, ticket["version"]))[0]["result"] == "applied"
    data = letter()
    put_blob(spv, data)
    [res] = spv.push(attach_op(ticket, data))  # base_version is the old one: never a conflict
    assert res["result"] == "applied" and res["reason"] is None, res
    assert res["ticket"]["status"] == "ditolak"
    assert [a["sha256"] for a in _whole(spv, res)["attachments"]] == [sha(data)]


def test_a_walk_in_and_its_document_in_one_push(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes", device_name=f"loket-{uuid.uuid4().hex[:6]}")
    ticket_id = str(uuid.uuid4())
    now = datetime.now(UTC)
    created = {
        "ticket": {
            "id": ticket_id,
            "tracking_no": desk_tracking_no("DINKES-BWI", now, desk.desk_code, 1),
            "channel": "walk_in",
            "confidentiality": "public",
            "reporter": {"name": "Bu Sri", "contact": "0813"},
            "title": "Kartu BPJS ditolak",
            "body": "Membawa fotokopi KTP.",
            "category_code": "KES-LAYANAN",
            "location": "Genteng",
            "received_at": now.isoformat(),
        }
    }
    ktp = b"\xff\xd8\xff\xe0" + os.urandom(2048)  # a JPEG's first bytes, then noise
    assert put_blob(desk, ktp).status_code == 201
    results = desk.push(
        new_op("create_ticket", ticket_id, created, seq=1),
        dict(attach_op({"id": ticket_id, "version": 0}, ktp, "KTP.jpg", "image/jpeg"), seq=2),
    )
    assert [r["result"] for r in results] == ["applied", "applied"], results
    shown = _whole(desk, results[1])
    assert [(a["filename"], a["size"]) for a in shown["attachments"]] == [("KTP.jpg", len(ktp))]
    download = desk.client.get(srv.root_url + shown["attachments"][0]["url"])
    assert download.content == ktp


def test_the_served_schema_shows_the_upload_and_the_attach_op(srv: LiveServer) -> None:
    schema = srv.http().get("openapi.json").json()
    put = schema["paths"]["/api/v1/blobs/{sha256}"]["put"]
    assert {"200", "201", "401", "413", "422"} <= set(put["responses"])
    assert "application/octet-stream" in put["requestBody"]["content"]
    assert "attach" in schema["components"]["schemas"]["OpIn"]["properties"]["type"]["description"]


# -- uploads nobody attached -------------------------------------------------------------------


def test_maintenance_removes_uploads_no_attachment_names_after_a_week(backend: str, tmp_path: Path) -> None:
    # Its own server: maintenance a week ahead also expires tokens and closes resolved tickets.
    with served(backend, tmp_path) as own:
        desk = own.login("petugas.dinkes")
        ticket = own.intake(title="Obat kosong")
        stray, kept = letter(), letter()
        assert put_blob(desk, stray).status_code == 201
        assert put_blob(desk, kept).status_code == 201
        [applied] = desk.push(attach_op(ticket, kept))
        assert applied["result"] == "applied"
        now = datetime.now(UTC)
        # Six days on nothing goes: the op may still be on its way from an offline desk.
        assert own.run_maintenance(now=now + timedelta(days=6)).pruned_blobs == 0
        # Ten days pass; then the desk sends the stray file again (a retry): its week starts again.
        with own.engine.begin() as conn:
            conn.execute(sa.update(AttachmentBlobRow).values(stored_at=now - timedelta(days=10)))
        assert put_blob(desk, stray).status_code == 200
        assert own.run_maintenance(now=now + timedelta(minutes=1)).pruned_blobs == 0
        # A week after that, the bytes nobody attached go; the attached file stays and downloads.
        assert own.run_maintenance(now=now + timedelta(days=8)).pruned_blobs == 1
        assert blob_count(own, sha(stray)) == 0 and blob_count(own, sha(kept)) == 1
        again = own.login("petugas.dinkes", device_name="lagi")
        download = again.client.get(_whole(again, applied)["attachments"][0]["url"].removeprefix("/api/v1/"))
        assert download.status_code == 200 and download.content == kept


def test_maintenance_removes_upload_records_after_a_month_and_a_desk_can_send_again(
    srv: LiveServer,
) -> None:
    desk = srv.login("petugas.dinkes", device_name="meja-arsip")
    old, recent = letter(), letter()
    assert put_blob(desk, old).status_code == 201
    assert put_blob(desk, recent).status_code == 201
    now = datetime.now(UTC)
    for data, age in ((old, timedelta(days=31)), (recent, timedelta(days=29))):
        with srv.engine.begin() as conn:
            conn.execute(
                sa.update(BlobUploadRow)
                .where(BlobUploadRow.sha256 == sha(data))
                .values(uploaded_at=now - age)
            )
    assert srv.run_maintenance(now=now).pruned_upload_records == 1
    with srv.engine.connect() as conn:
        left = set(
            conn.scalars(
                sa.select(BlobUploadRow.sha256).where(BlobUploadRow.sha256.in_([sha(old), sha(recent)]))
            )
        )
    assert left == {sha(recent)}
    # The month-old upload is no longer this desk's to confirm; it sends the bytes again and they are there.
    assert_error(desk.client.get(f"blobs/{sha(old)}"), 404, "not_found")
    assert put_blob(desk, old).status_code in (200, 201)
    assert desk.client.get(f"blobs/{sha(old)}").json() == {"sha256": sha(old), "size": len(old)}
    assert desk.client.get(f"blobs/{sha(recent)}").status_code == 200


def test_a_desk_asks_whether_bytes_are_here_and_asking_keeps_them(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes")
    data = letter()
    assert_error(desk.client.get(f"blobs/{sha(data)}"), 404, "not_found")
    assert put_blob(desk, data).status_code == 201
    with srv.engine.begin() as conn:
        conn.execute(
            sa.update(AttachmentBlobRow)
            .where(AttachmentBlobRow.sha256 == sha(data))
            .values(stored_at=datetime(2020, 1, 1, tzinfo=UTC))
        )
    r = desk.client.get(f"blobs/{sha(data)}")
    assert r.status_code == 200 and r.json() == {"sha256": sha(data), "size": len(data)}
    with srv.engine.connect() as conn:
        stored_at = conn.execute(
            sa.select(AttachmentBlobRow.stored_at).where(AttachmentBlobRow.sha256 == sha(data))
        ).scalar_one()
    assert stored_at.year >= 2026  # an upload a desk is about to name is not pruned under it
    assert_error(desk.client.get("blobs/not-a-hash"), 422, "invalid_field")
