"""Intake idempotency and routing; error bodies and status codes for bad requests."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import httpx

from tests.helpers.live_server import LiveServer, new_op


def complaint(**over: Any) -> dict[str, Any]:
    body = {
        "channel": "lapor",
        "external_ref": f"LAPOR-{uuid.uuid4().hex[:10]}",
        "reporter": {"name": "Budi", "contact": "0813"},
        "title": "Jalan berlubang",
        "body": "Jalan di depan pasar berlubang besar.",
        "category_code": "JALAN-RAMBU",
    }
    body.update(over)
    return body


def assert_error(r: httpx.Response, status: int, code: str | None = None) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code


def test_intake_is_idempotent_on_channel_and_external_ref(srv: LiveServer) -> None:
    admin = srv.login("admin")
    body = complaint()
    first = admin.post("/intake", json=body)
    second = admin.post("/intake", json=body)
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["id"] == second.json()["id"]
    assert first.json()["opd_code"] == "DISHUB-BWI"  # routed by category
    other_channel = admin.post("/intake", json=dict(body, channel="email"))
    assert other_channel.status_code == 201 and other_channel.json()["id"] != first.json()["id"]


def test_concurrent_intake_of_one_complaint_makes_one_ticket(srv: LiveServer) -> None:
    admin = srv.login("admin")
    body = complaint()
    answers: list[httpx.Response] = []
    barrier = threading.Barrier(4)

    def send() -> None:
        client = srv.http(admin.token)
        barrier.wait()
        answers.append(client.post("intake", json=body))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(a.status_code for a in answers) == [200, 200, 200, 201]
    assert len({a.json()["id"] for a in answers}) == 1


def test_intake_rejects_what_it_cannot_route_or_accept(srv: LiveServer) -> None:
    admin = srv.login("admin")
    assert_error(admin.post("/intake", json=complaint(opd_code="TIDAK-ADA")), 422, "unknown_opd")
    assert_error(admin.post("/intake", json=complaint(category_code=None)), 422, "cannot_route")
    assert_error(admin.post("/intake", json=complaint(body="x" * 1_100_000)), 422, "invalid_field")
    assert_error(admin.post("/intake", json=complaint(channel="telegram")), 422, "invalid_field")
    assert_error(srv.login("spv.dinkes").post("/intake", json=complaint()), 403, "forbidden")
    assert_error(srv.http().post("intake", json=complaint()), 401, "unauthorized")


def test_a_one_megabyte_hostile_body_is_kept_as_plain_text(srv: LiveServer) -> None:
    text = "<img src=x onerror=alert(1)>\u200b😡 " + "a" * 1_000_000
    t = srv.intake(body=text)
    assert t["body"] == text.strip()


def test_malformed_json_is_400(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes")
    r = desk.post("/sync/push", content=b'{"ops": [', headers={"Content-Type": "application/json"})
    assert_error(r, 400, "malformed_json")
    r = srv.http().post("auth/login", content=b"\xff\xfe", headers={"Content-Type": "application/json"})
    assert r.status_code in (400, 422) and set(r.json()) == {"error"}


def test_unknown_fields_and_wrong_types_are_422(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes")
    assert_error(desk.post("/sync/push", json={"ops": [], "extra": 1}), 422, "invalid_field")
    t = srv.intake()
    op = new_op("note", t["id"], {"message_id": str(uuid.uuid4()), "body": "x"})
    assert_error(desk.post("/sync/push", json={"ops": [dict(op, seq="dua belas")]}), 422, "invalid_field")
    assert_error(desk.post("/sync/push", json={"ops": [dict(op, surprise=True)]}), 422, "invalid_field")
    assert_error(desk.post("/sync/push", json={"ops": "semua"}), 422, "invalid_field")
    assert_error(
        srv.http().post(
            "auth/login", json={"username": "a", "password": "b", "device_name": "c", "role": "admin"}
        ),
        422,
        "invalid_field",
    )


def test_bodies_over_5_mb_and_pushes_over_500_ops_are_413(srv: LiveServer) -> None:
    desk = srv.login("petugas.dinkes")
    big = b'{"ops": [' + b" " * (10 * 1024 * 1024) + b"]}"
    assert_error(desk.post("/sync/push", content=big, headers={"Content-Type": "application/json"}), 413)

    def chunks() -> Any:
        yield b'{"ops": ['
        for _ in range(100):
            yield b" " * 65536

    chunked = desk.post("/sync/push", content=chunks(), headers={"Content-Type": "application/json"})
    assert_error(chunked, 413, "payload_too_large")
    t = srv.intake()
    ops = [new_op("note", t["id"], {"message_id": str(uuid.uuid4()), "body": "x"}) for _ in range(501)]
    assert_error(desk.post("/sync/push", json={"ops": ops}), 413, "too_many_ops")


def test_unknown_paths_and_methods_answer_with_error_bodies(srv: LiveServer) -> None:
    assert_error(srv.http().get("tidak-ada"), 404, "not_found")
    assert_error(srv.http().delete("auth/login"), 405, "method_not_allowed")
