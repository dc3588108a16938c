"""Attachments over the real API: intake with files, downloads with safe headers, scope, limits."""

from __future__ import annotations

import base64
import hashlib
import struct
import uuid
import zlib
from typing import Any

import sqlalchemy as sa

from desktop.domain import MAX_FILE_BYTES
from server.models import AttachmentBlobRow
from tests.helpers.live_server import LiveServer


def tiny_png(width: int = 8, height: int = 6, shade: int = 0) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(
        b"\x00" + bytes((x * 30 + shade) % 256 for x in range(width) for _ in range(3)) for _ in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def file_json(filename: str, mime: str, data: bytes) -> dict[str, str]:
    return {"filename": filename, "mime": mime, "content_base64": base64.b64encode(data).decode()}


def intake_raw(srv: LiveServer, **fields: Any) -> Any:
    admin = srv.login("admin", device_name="intake-lampiran")
    body = {
        "channel": "whatsapp",
        "external_ref": f"wa:{uuid.uuid4()}",
        "reporter": {"name": "Budi", "contact": "0812"},
        "title": "Jalan rusak di Genteng",
        "body": "Lubang besar di depan pasar, foto terlampir.",
        "opd_code": "DINKES-BWI",
    }
    body.update(fields)
    return admin.post("/intake", json=body)


def test_intake_stores_files_and_desks_download_them_safely(srv: LiveServer) -> None:
    png = tiny_png(shade=7)
    ticket = srv.intake(
        attachments=[
            file_json("jalan-rusak.png", "image/png", png),
            file_json("surat.pdf", "application/pdf", PDF),
        ]
    )
    shown = {a["filename"]: a for a in ticket["attachments"]}
    assert set(shown) == {"jalan-rusak.png", "surat.pdf"}
    photo = shown["jalan-rusak.png"]
    assert photo["mime"] == "image/png"
    assert photo["size"] == len(png)
    assert photo["sha256"] == hashlib.sha256(png).hexdigest()
    assert photo["url"] == f"/api/v1/attachments/{photo['id']}"

    officer = srv.login("petugas.dinkes", device_name="meja-lampiran")
    r = officer.client.get(srv.root_url + photo["url"])
    assert r.status_code == 200
    assert r.content == png
    assert r.headers["content-type"] == "image/png"
    assert r.headers["content-disposition"].startswith("attachment;")
    assert r.headers["x-content-type-options"] == "nosniff"
    pdf = officer.client.get(srv.root_url + shown["surat.pdf"]["url"])
    assert pdf.content == PDF and pdf.headers["content-type"] == "application/pdf"

    # The desk learns of the files through its ordinary pull.
    changes, _ = officer.pull_all()
    pulled = next(c["ticket"] for c in changes if c["op"] == "upsert" and c["ticket"]["id"] == ticket["id"])
    assert {a["sha256"] for a in pulled["attachments"]} == {photo["sha256"], shown["surat.pdf"]["sha256"]}


def test_an_attachment_outside_the_callers_scope_is_not_found(srv: LiveServer) -> None:
    ticket = srv.intake(attachments=[file_json("ktp.png", "image/png", tiny_png(shade=99))])
    url = srv.root_url + ticket["attachments"][0]["url"]
    other_opd = srv.login("petugas.dishub", device_name="meja-dishub")
    r = other_opd.client.get(url)
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"
    assert other_opd.client.get(srv.root_url + f"/api/v1/attachments/{uuid.uuid4()}").status_code == 404
    # A rahasia complaint's files follow the ticket: an officer who is not the assignee sees nothing.
    secret = srv.intake(
        confidentiality="rahasia", attachments=[file_json("bukti.pdf", "application/pdf", PDF + b"%x")]
    )
    officer = srv.login("petugas.dinkes", device_name="meja-rahasia")
    assert officer.client.get(srv.root_url + secret["attachments"][0]["url"]).status_code == 404
    supervisor = srv.login("spv.dinkes", device_name="meja-spv")
    assert supervisor.client.get(srv.root_url + secret["attachments"][0]["url"]).status_code == 200
    assert srv.http().get(url.removeprefix(srv.base_url + "/")).status_code == 401


def test_oversize_and_too_many_attachments_are_refused_with_413(srv: LiveServer) -> None:
    too_big = bytes(MAX_FILE_BYTES + 1)
    r = intake_raw(srv, attachments=[file_json("besar.bin", "application/octet-stream", too_big)])
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "attachment_too_large"
    six = [file_json(f"f{i}.png", "image/png", tiny_png(shade=i)) for i in range(6)]
    r = intake_raw(srv, external_ref="wa:six", attachments=six)
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "too_many_attachments"
    # Nothing of a refused complaint was kept: the same reference files normally afterwards.
    r = intake_raw(srv, external_ref="wa:six", attachments=six[:5])
    assert r.status_code == 201
    assert len(r.json()["attachments"]) == 5


def test_a_five_megabyte_file_fits_although_other_bodies_stop_at_five(srv: LiveServer) -> None:
    exactly = bytes(range(256)) * (MAX_FILE_BYTES // 256)
    r = intake_raw(srv, attachments=[file_json("scan.pdf", "application/pdf", exactly)])
    assert r.status_code == 201, r.text
    assert r.json()["attachments"][0]["size"] == MAX_FILE_BYTES


def test_broken_base64_is_refused_with_422_and_nothing_is_stored(srv: LiveServer) -> None:
    ref = f"wa:{uuid.uuid4()}"
    r = intake_raw(
        srv,
        external_ref=ref,
        attachments=[{"filename": "x.png", "mime": "image/png", "content_base64": "bukan base64!!"}],
    )
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "invalid_attachment"
    assert "attachments.0" in r.json()["error"]["message"]
    r = intake_raw(srv, external_ref=ref, attachments=[{"filename": "x.png"}])
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "invalid_field"


def test_hostile_filenames_and_mime_types_are_cleaned(srv: LiveServer) -> None:
    hostile = "../../etc/\x00pass\u202ewd\t\t<script>.png"
    ticket = srv.intake(
        attachments=[
            file_json(hostile, "text/html; charset=utf-8", b"<script>alert(1)</script>"),
            file_json(
                "C:\\Users\\warga\\" + "a" * 600 + ".jpg", "image/jpeg\r\nX-Evil: 1", tiny_png(shade=3)
            ),
            file_json("...", "", b"data"),
        ]
    )
    names = [a["filename"] for a in ticket["attachments"]]
    mimes = {a["filename"]: a["mime"] for a in ticket["attachments"]}
    assert "passwd _script_.png" in names
    long_name = next(n for n in names if n.startswith("aaa"))
    assert len(long_name) == 200 and long_name.endswith(".jpg")
    assert "lampiran" in names
    assert mimes["passwd _script_.png"] == "text/html"
    assert mimes[long_name] == "application/octet-stream"
    html = next(a for a in ticket["attachments"] if a["mime"] == "text/html")
    officer = srv.login("spv.dinkes", device_name="meja-html")
    r = officer.client.get(srv.root_url + html["url"])
    # Never rendered by a browser in the server's origin.
    assert r.headers["content-disposition"].startswith("attachment;")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in r.headers["content-security-policy"]


def test_the_same_file_twice_is_stored_once(srv: LiveServer) -> None:
    png = tiny_png(width=5, shade=201)
    first = srv.intake(attachments=[file_json("a.png", "image/png", png)])
    second = srv.intake(attachments=[file_json("b.png", "image/png", png)])
    assert first["attachments"][0]["id"] != second["attachments"][0]["id"]
    sha = hashlib.sha256(png).hexdigest()
    with srv.engine.connect() as conn:
        count = conn.execute(
            sa.select(sa.func.count()).select_from(AttachmentBlobRow).where(AttachmentBlobRow.sha256 == sha)
        ).scalar_one()
    assert count == 1


def test_server_migrations_build_exactly_the_models(srv: LiveServer) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from server.models import Base

    with srv.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
