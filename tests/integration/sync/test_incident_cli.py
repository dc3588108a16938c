"""``tanggap link``/``unlink`` and answering an incident once from the command line, against a real
server: what the officer types, what the desk prints, what the server ends up holding."""

from __future__ import annotations

from collections.abc import Callable

from tests.helpers.desk import CliDesk
from tests.helpers.live_server import LiveServer
from tests.integration.sync.conftest import _require_keyring


def test_link_answer_once_and_unlink_from_the_command_line(
    sqlite_server: LiveServer, make_desk: Callable[[str], CliDesk]
) -> None:
    _require_keyring()
    srv = sqlite_server
    a, b, c = (
        srv.intake(title="Lampu jalan mati", body=f"PJU mati di Jl. Kedung Cowek Gg. 5 ({i})")["tracking_no"]
        for i in range(3)
    )
    officer = make_desk("petugas")
    officer.login(srv.root_url, "petugas.dinkes")
    officer.ok("sync")
    refused = officer.run("link", b, "--to", a)
    assert refused.code == 1 and "Hanya supervisor atau petugas yang memegang tiket" in refused.err

    desk = make_desk("spv")
    desk.login(srv.root_url, "spv.dinkes")
    desk.ok("sync")
    out = desk.ok("link", b, c, "--to", a).out
    assert "Bagian dari masalah: Lampu jalan mati (3 pengaduan)" in out
    assert desk.run("link", b, "--to", a).code == 1  # already in it: said, nothing queued
    assert "Masalah : Lampu jalan mati (3 pengaduan)" in desk.ok("show", c).out
    assert "3 pengaduan masalah ini" in desk.ok("reply", c, "Lampu sudah diganti petugas.", "--incident").out
    desk.ok("sync")
    assert desk.outbox()["ops"] == []  # three links and three replies, all applied

    spv = srv.login("spv.dinkes", device_name="pemeriksa")
    for no in (a, b, c):
        ticket = spv.get(f"/tickets/{no}").json()
        assert ticket["incident"]["title"] == "Lampu jalan mati"
        assert [m["body"] for m in ticket["messages"] if m["kind"] == "reply"] == [
            "Lampu sudah diganti petugas."
        ]

    desk.ok("unlink", b)
    unlinked = desk.ok("show", b, "--json").json()
    assert unlinked["incident"] is None
    assert desk.run("unlink", b).code == 1  # not in one any more
    desk.ok("sync")
    assert spv.get(f"/tickets/{b}").json()["incident"] is None
    assert desk.ok("show", a, "--json").json()["incident"]["tracking_numbers"] == [a, c]
