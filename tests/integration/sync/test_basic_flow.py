"""The everyday path from the CLI: log in, pull, reply offline, sync, the reply arrives once."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop import credentials
from tests.helpers.desk import CliDesk
from tests.helpers.live_server import LiveServer


def _server_messages(srv: LiveServer, tracking_no: str) -> list[dict[str, object]]:
    admin = srv.login("admin", device_name="checker")
    r = admin.get(f"/tickets/{tracking_no}")
    assert r.status_code == 200, r.text
    return r.json()["messages"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("kind", ["server", "sqlite_server"])
def test_reply_typed_offline_reaches_the_server_exactly_once(
    kind: str, request: pytest.FixtureRequest, make_desk: Callable[[str], CliDesk]
) -> None:
    srv: LiveServer = request.getfixturevalue(kind)
    tickets = [srv.intake(title=f"Antrean {i}") for i in range(3)]
    desk = make_desk("a")
    desk.login(srv.root_url, "petugas.dinkes")
    first = desk.ok("sync").out
    assert "pulled 3" in first

    queue = desk.ok("queue", "--json").json()
    assert {t["tracking_no"] for t in queue} == {t["tracking_no"] for t in tickets}
    target = queue[0]["tracking_no"]

    desk.ok("reply", target, "Terima kasih, kami tindak lanjuti.")
    shown = desk.ok("show", target, "--json").json()
    assert [m["state"] for m in shown["messages"] if m["kind"] == "reply"] == ["pending"]
    assert shown["pending_ops"] == 1
    assert desk.outbox()["status"]["ops_waiting"] == 1

    out = desk.ok("sync").out
    assert "pushed 1, applied 1, conflicts 0" in out
    shown = desk.ok("show", target, "--json").json()
    assert [m["state"] for m in shown["messages"] if m["kind"] == "reply"] == ["sent"]
    assert shown["pending_ops"] == 0
    replies = [m for m in _server_messages(srv, target) if m["kind"] == "reply"]
    assert [m["body"] for m in replies] == ["Terima kasih, kami tindak lanjuti."]
    assert desk.ok("sync").out.startswith("pushed 0")

    # The token is in the keyring, never in the data folder or its logs.
    token = credentials.load_token(srv.root_url, "petugas.dinkes")
    assert token
    for path in desk.data_dir.rglob("*"):
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path


def test_walk_in_offline_keeps_its_tracking_number(
    server: LiveServer, make_desk: Callable[[str], CliDesk]
) -> None:
    desk = make_desk("w")
    desk.login(server.root_url, "petugas.dinkes")
    desk.ok("sync")
    result = desk.ok(
        "walk-in",
        "--name",
        "Budi",
        "--contact",
        "0812",
        "--title",
        "Obat habis",
        "--body",
        "Apotek puskesmas kosong.",
    )
    tracking_no = result.out.strip()
    assert "\n" not in tracking_no and tracking_no.startswith("DINKES-BWI-")
    assert desk.ok("queue", "--json").json()[0]["tracking_no"] == tracking_no
    desk.ok("reply", tracking_no, "Kami cek ke apotek hari ini.")
    assert "pushed 2, applied 2" in desk.ok("sync").out
    messages = _server_messages(server, tracking_no)
    assert [m["body"] for m in messages if m["kind"] == "reply"] == ["Kami cek ke apotek hari ini."]


def test_commands_fail_with_one_line(make_desk: Callable[[str], CliDesk]) -> None:
    desk = make_desk("x")
    r = desk.run("sync")
    assert r.code == 5 and len(r.err.strip().splitlines()) == 1 and "login" in r.err
    r = desk.run("show", "NOPE-2601-00001")
    assert r.code == 1 and len(r.err.strip().splitlines()) == 1
