"""Two desks, one ticket: each conflict rule's outcome, and the conflict shown to the user."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db import models
from desktop import actions
from tests.helpers.desk import StoreDesk as Desk
from tests.helpers.live_server import LiveServer


@pytest.fixture
def desks(server: LiveServer, tmp_path: Path) -> Iterator[Callable[[str], Desk]]:
    made: list[Desk] = []

    def make(username: str) -> Desk:
        desk = Desk(server, tmp_path / username, username)
        made.append(desk)
        return desk

    yield make
    for desk in made:
        desk.store.close()


def _server_ticket(srv: LiveServer, tracking_no: str) -> dict[str, Any]:
    r = srv.login("admin", device_name="checker").get(f"/tickets/{tracking_no}")
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def test_reply_against_a_reassignment_is_kept_and_flagged(
    server: LiveServer, desks: Callable[[str], Desk]
) -> None:
    no = server.intake(title="Obat kosong")["tracking_no"]
    spv, officer = desks("spv.dinkes"), desks("petugas.dinkes")
    spv.sync()
    actions.assign(spv.store, no, "petugas.dinkes")
    spv.sync()
    officer.sync()
    actions.reply(officer.store, no, "Kami periksa stok hari ini.")  # offline
    actions.assign(spv.store, no, "ani.dinkes")
    spv.sync()
    report = officer.sync()

    assert report.conflicts == 1
    (op,) = officer.ops()
    assert op.state == "conflict" and op.reason_code == "ticket_reassigned"
    assert any(n.op_id == op.op_id for n in officer.notices())
    replies = [m for m in _server_ticket(server, no)["messages"] if m["kind"] == "reply"]
    assert [(m["body"], m["conflict"]) for m in replies] == [
        ("Kami periksa stok hari ini.", "ticket_reassigned")
    ]


def test_queued_reply_to_a_ticket_closed_on_the_server(
    server: LiveServer, desks: Callable[[str], Desk]
) -> None:
    no = server.intake(title="Spam")["tracking_no"]
    spv, officer = desks("spv.dinkes"), desks("petugas.dinkes")
    spv.sync()
    officer.sync()
    actions.reply(officer.store, no, "Mohon detail lokasinya.")
    actions.set_status(spv.store, no, "ditolak", reason="bukan pengaduan")
    spv.sync()
    officer.sync()

    (op,) = officer.ops()
    assert op.state == "conflict" and op.reason_code == "ticket_closed"
    assert officer.ticket(no).status == "ditolak" and not officer.ticket(no).is_open
    assert officer.notices()
    replies = [m for m in _server_ticket(server, no)["messages"] if m["kind"] == "reply"]
    assert len(replies) == 1


def test_two_supervisors_assigning_at_once_the_later_gets_a_conflict(
    server: LiveServer, desks: Callable[[str], Desk]
) -> None:
    no = server.intake(title="Antrean")["tracking_no"]
    first, second = desks("spv.dinkes"), desks("spv2.dinkes")
    first.sync()
    second.sync()
    actions.assign(first.store, no, "petugas.dinkes")
    actions.assign(second.store, no, "ani.dinkes")
    assert second.ticket(no).assignee == "ani.dinkes"  # shown at once, before the server decides
    first.sync()
    report = second.sync()

    assert report.conflicts == 1
    (op,) = second.ops()
    assert op.state == "conflict"
    assert second.ticket(no).assignee == "petugas.dinkes"  # the server's truth replaces the local guess
    assert [n.kind for n in second.notices()] == ["conflict"]
    assert _server_ticket(server, no)["assignee"] == "petugas.dinkes"
    actions.acknowledge_all(second.store)
    assert second.notices() == []


def test_transfer_while_the_other_desk_has_pending_ops(
    server: LiveServer, desks: Callable[[str], Desk]
) -> None:
    no = server.intake(title="Rambu rusak")["tracking_no"]
    spv, officer = desks("spv.dinkes"), desks("petugas.dinkes")
    spv.sync()
    officer.sync()
    actions.note(officer.store, no, "Sudah saya telepon pelapor.")
    actions.transfer(spv.store, no, "DISHUB-BWI", reason="urusan lalu lintas")
    spv.sync()
    report = officer.sync()

    (op,) = officer.ops()
    assert op.state in ("applied", "conflict")  # the note went out before the ticket left
    ticket = officer.ticket(no)
    assert ticket.archived and not ticket.is_open  # kept read-only, never silently deleted
    assert report.revoked == 1
    assert any(n.kind == "revoke" and n.tracking_no == no for n in officer.notices())
    notes = [m for m in _server_ticket(server, no)["messages"] if m["kind"] == "note"]
    assert [m["body"] for m in notes] == ["Sudah saya telepon pelapor."]
    with pytest.raises(actions.ActionRefused):
        actions.reply(officer.store, no, "terlambat")


def test_a_poison_op_is_rejected_and_the_others_flow_past_it(
    server: LiveServer, desks: Callable[[str], Desk]
) -> None:
    first = server.intake(title="Satu")["tracking_no"]
    second = server.intake(title="Dua")["tracking_no"]
    officer = desks("petugas.dinkes")
    officer.sync()
    actions.set_status(officer.store, first, "terverifikasi")
    with officer.store.write() as s:  # an op this server will never accept (e.g. from a newer app)
        op = s.scalars(select(models.OutboxOp)).one()
        op.type = "frobnicate"
    actions.reply(officer.store, first, "ikut tertahan")
    actions.reply(officer.store, second, "balasan lain")
    report = officer.sync()

    states = [(o.tracking_no, o.type, o.state) for o in officer.ops()]
    assert states == [
        (first, "frobnicate", "rejected"),
        (first, "reply", "blocked"),
        (second, "reply", "applied"),
    ]
    assert report.conflicts == 2
    assert len(officer.notices()) == 2
    again = officer.sync()
    assert again.pushed == 0  # terminal: never resent, never blocking anything else
    shown = officer.ticket(first)
    assert shown.pending_ops == 0
