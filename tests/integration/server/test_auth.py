"""Login, desks, logout, throttling and what never reaches a log."""

from __future__ import annotations

import logging

import pytest

from desktop.domain import Role
from tests.helpers.live_server import PASSWORD, LiveServer


def test_login_returns_token_officer_and_a_stable_desk(srv: LiveServer) -> None:
    first = srv.login("petugas.dinkes", device_name="laptop-lapangan")
    again = srv.login("petugas.dinkes", device_name="laptop-lapangan")
    other = srv.login("petugas.dinkes", device_name="pc-loket")
    assert first.role == "officer" and first.opd_code == "DINKES-BWI"
    assert (
        len(first.desk_code) == 3 and first.desk_code.isalnum() and first.desk_code == first.desk_code.upper()
    )
    assert again.desk_id == first.desk_id and again.desk_code == first.desk_code
    assert other.desk_id != first.desk_id and other.desk_code != first.desk_code
    assert again.token != first.token


def test_wrong_password_and_missing_token_answer_401_with_an_error_body(srv: LiveServer) -> None:
    r = srv.http().post(
        "auth/login", json={"username": "ani.dinkes", "password": "salah", "device_name": "x"}
    )
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "bad_credentials"
    r = srv.http().get("directory")
    assert r.status_code == 401 and set(r.json()["error"]) == {"code", "message"}
    r = srv.http("not-a-real-token").get("directory")
    assert r.status_code == 401


def test_logout_revokes_the_token(srv: LiveServer) -> None:
    desk = srv.login("spv.dishub", device_name="logout-test")
    assert desk.get("/directory").status_code == 200
    assert desk.post("/auth/logout").status_code == 204
    assert desk.get("/directory").status_code == 401
    assert srv.login("spv.dishub", device_name="logout-test").get("/directory").status_code == 200


def test_repeated_failures_are_throttled_with_retry_after(srv: LiveServer, backend: str) -> None:
    username = f"throttled.{backend}"
    srv.create_user(username, Role.OFFICER, "DISHUB-BWI")
    client = srv.http()
    codes = [
        client.post(
            "auth/login", json={"username": username, "password": "tebakan", "device_name": "x"}
        ).status_code
        for _ in range(5)
    ]
    assert codes == [401] * 5
    r = client.post("auth/login", json={"username": username, "password": PASSWORD, "device_name": "x"})
    assert r.status_code == 429, "even the right password waits while the username is throttled"
    assert int(r.headers["Retry-After"]) >= 1
    assert r.json()["error"]["code"] == "too_many_attempts"
    # Another username is not affected.
    assert srv.login("petugas.dishub").token


def test_passwords_and_tokens_never_reach_the_log(srv: LiveServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "rahasia-sekali-987"
    srv.http().post("auth/login", json={"username": "ani.dinkes", "password": secret, "device_name": "x"})
    desk = srv.login("ani.dinkes", device_name="log-test")
    desk.get("/directory")
    desk.get("/sync/pull", params={"limit": 1})
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert secret not in text and PASSWORD not in text and desk.token not in text
