"""Another officer, or another server, on the same data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from db import models
from desktop import actions, session
from desktop.session import LoginFailed
from tests.helpers.desk import StoreDesk
from tests.helpers.live_server import PASSWORD, LiveServer


def tracking_numbers(desk: StoreDesk) -> set[str]:
    with desk.store.read() as s:
        return set(s.scalars(select(models.Ticket.tracking_no)))


def test_next_officer_on_the_folder_sees_only_their_scope(server: LiveServer, tmp_path: Path) -> None:
    dinkes = server.intake(title="Obat kosong", opd_code="DINKES-BWI")["tracking_no"]
    dishub = server.intake(title="Lampu lalu lintas mati", opd_code="DISHUB-BWI")["tracking_no"]
    desk = StoreDesk(server, tmp_path / "desk", "petugas.dinkes")
    try:
        desk.sync()
        assert tracking_numbers(desk) == {dinkes}

        session.login(desk.store, server.root_url, "petugas.dishub", PASSWORD, "meja-loket")
        desk.sync()

        # A fresh snapshot of the new scope; nothing of the previous officer's stays behind.
        assert tracking_numbers(desk) == {dishub}
        with desk.store.read() as s:
            assert {o.opd_code for o in s.scalars(select(models.Officer))} >= {"DISHUB-BWI"}
    finally:
        desk.store.close()


def test_handover_waits_for_unsent_work_and_unread_conflicts(server: LiveServer, tmp_path: Path) -> None:
    no = server.intake(title="Antrean lama", opd_code="DINKES-BWI")["tracking_no"]
    desk = StoreDesk(server, tmp_path / "desk", "petugas.dinkes")
    try:
        desk.sync()
        actions.reply(desk.store, no, "Kami cek besok.")
        with pytest.raises(LoginFailed, match="belum terkirim"):
            session.login(desk.store, server.root_url, "ani.dinkes", PASSWORD, "meja-loket")
        actions.set_status(desk.store, no, "terverifikasi")  # officers may verify; then a conflict:
        other = StoreDesk(server, tmp_path / "other", "spv.dinkes")
        try:
            other.sync()
            actions.set_status(other.store, no, "ditolak", reason="bukan pengaduan")
            other.sync()
        finally:
            other.store.close()
        desk.sync()
        assert desk.notices()
        with pytest.raises(LoginFailed, match="belum dikonfirmasi"):
            session.login(desk.store, server.root_url, "ani.dinkes", PASSWORD, "meja-loket")
        actions.acknowledge_all(desk.store)
        session.login(desk.store, server.root_url, "ani.dinkes", PASSWORD, "meja-loket")
        assert desk.ops() == []  # the previous officer's answered ops went with their replica
    finally:
        desk.store.close()
