"""A lost laptop yields no complainant's identity: the real CLI, the real server, the real keyring."""

from __future__ import annotations

import base64
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.store import STORE_FILE
from tests.helpers.desk import CliDesk
from tests.helpers.live_server import LiveServer

REPORTERS = [
    ("Sulastri Wahyuningsih", "0812-7788-9901"),
    ("Bambang Triatmojo", "bambang.triatmojo@surel.id"),
    ("Ni Luh Ayu Kartikasari", "+62 857 3312 4409"),
    ("Yohanes Pattiasina", "yohanes.pattiasina@contoh.co.id"),
]


def _file(name: str, data: bytes) -> dict[str, str]:
    return {"filename": name, "mime": "text/plain", "content_base64": base64.b64encode(data).decode()}


def _needles() -> list[bytes]:
    found: list[bytes] = []
    for name, contact in REPORTERS:
        found += [name.encode(), contact.encode(), name.split()[-1].encode()]
        digits = "".join(ch for ch in contact if ch.isdigit())
        if digits:
            found.append(digits.encode())
    return found


def _intake(server: LiveServer) -> list[str]:
    numbers = []
    for i, (name, contact) in enumerate(REPORTERS):
        ticket = server.intake(
            title=f"Keluhan layanan {i}",
            body=f"Saya {name}, bisa dihubungi di {contact}. Antrean puskesmas terlalu lama.",
            reporter={"name": name, "contact": contact},
            confidentiality="rahasia" if i == 2 else "public",
            opd_code="DINKES-BWI",
            attachments=[_file("surat.txt", f"Surat dari {name} ({contact})".encode())] if i == 0 else [],
        )
        numbers.append(str(ticket["tracking_no"]))
    return numbers


def _leaks(folder: Path) -> list[tuple[str, bytes]]:
    leaks = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            leaks += [(str(path.relative_to(folder)), n) for n in _needles() if n in data]
    return leaks


def _output_leaks(text: str) -> list[str]:
    return [n.decode() for n in _needles() if n.decode() in text]


def test_a_synced_desk_holds_no_reporter_in_the_clear(
    server: LiveServer, make_desk: Callable[[str], CliDesk]
) -> None:
    numbers = _intake(server)
    desk = make_desk("spv")
    desk.login(server.root_url, "spv.dinkes")
    desk.ok("sync")
    shown = desk.ok("show", numbers[0])
    assert REPORTERS[0][0] in shown.out  # the officer sees the reporter: the data is there
    desk.ok("queue", "--json")

    # Every byte of the data folder (store, WAL, logs, attachment cache, lock, settings).
    files = [p.relative_to(desk.data_dir).as_posix() for p in desk.data_dir.rglob("*") if p.is_file()]
    assert STORE_FILE in files and any(f.startswith("attachments/") for f in files)
    assert _leaks(desk.data_dir) == []
    with pytest.raises(sqlite3.DatabaseError), sqlite3.connect(desk.data_dir / STORE_FILE) as conn:
        conn.execute("SELECT count(*) FROM tickets").fetchone()
    if os.name == "posix":
        for path in [desk.data_dir, *desk.data_dir.rglob("*")]:
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


def test_after_logout_no_command_shows_a_reporter_and_waiting_ops_go_out_once(
    server: LiveServer, make_desk: Callable[[str], CliDesk]
) -> None:
    numbers = _intake(server)
    desk = make_desk("spv")
    desk.login(server.root_url, "spv.dinkes")
    desk.ok("sync")
    desk.ok("reply", numbers[1], "Terima kasih, antrean kami tata ulang minggu ini.")

    out = desk.ok("logout", "--yes")
    assert "1 op yang belum terkirim" in out.out and "spv.dinkes" in out.out

    seen = desk.ok("queue", "--json").out + desk.ok("outbox", "--json").out
    for no in numbers:
        result = desk.run("show", no)
        seen += result.out + result.err
    assert _output_leaks(seen) == []
    assert _leaks(desk.data_dir) == []

    # The same officer logs in again: the reply goes out, once, and the tickets come back.
    desk.login(server.root_url, "spv.dinkes")
    desk.ok("sync")
    desk.ok("sync")
    assert desk.outbox()["status"]["ops_waiting"] == 0
    ticket = server.login("spv.dinkes", device_name="pemeriksa").get(f"/tickets/{numbers[1]}").json()
    replies = [m for m in ticket["messages"] if m["body"].startswith("Terima kasih, antrean kami")]
    assert len(replies) == 1
    assert REPORTERS[0][0] in desk.ok("show", numbers[0]).out


def test_another_officer_after_logout_never_sees_the_previous_tickets(
    server: LiveServer, make_desk: Callable[[str], CliDesk]
) -> None:
    numbers = _intake(server)
    desk = make_desk("loket")
    desk.login(server.root_url, "spv.dinkes")
    desk.ok("sync")
    desk.ok("logout", "--yes")
    desk.login(server.root_url, "spv.dishub")
    desk.ok("sync")
    for no in numbers:
        result = desk.run("show", no)
        assert result.code != 0 and _output_leaks(result.out + result.err) == []
