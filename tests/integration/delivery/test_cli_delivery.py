"""``tanggap undelivered`` and ``tanggap delivered`` over the real server: an X reply waits to be
posted by hand; the officer marks it posted from the command line, offline; the next sync sends
the op once, and sending it again (a crash before the desk recorded the answer) changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from db import models
from desktop import credentials
from desktop.store import LocalStore
from server.db import read_session
from server.models import ProcessedOpRow, TicketRow
from tests.helpers.desk import CliDesk
from tests.integration.delivery.conftest import Channels
from tests.integration.delivery.test_mail import deliveries

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

POST = "https://x.com/dinkesbwi/status/1867000000000000002"


def test_a_post_marked_from_the_command_line_reaches_the_server_once(
    channels: Channels, tmp_path: Path
) -> None:
    if not credentials.keyring_is_usable():  # the desk keeps its token there
        pytest.skip("no usable keyring: run under scripts/test.sh (dbus-run-session + gnome-keyring)")
    x = channels.srv.intake(channel="twitter", external_ref="https://x.com/warga/status/1866")
    no = x["tracking_no"]
    desk = CliDesk(tmp_path / "desk")
    desk.login(channels.srv.root_url, "spv.dinkes")
    desk.ok("sync")
    desk.ok("reply", no, "Terima kasih, petugas sudah ke lokasi.")
    desk.ok("sync")
    channels.run_pass()  # an X reply is posted by hand: the server marks it manual
    desk.ok("sync")
    assert "perlu diposting manual" in desk.ok("undelivered").out

    marked = desk.ok("delivered", no, "--posted", POST)
    assert "menunggu sinkronisasi" in marked.out
    assert "Semua balasan sudah sampai" in desk.ok("undelivered").out
    [op] = [o for o in desk.outbox()["ops"] if o["type"] == "mark_delivered"]
    desk.ok("sync")

    [row] = deliveries(channels, x["id"])
    assert row.state == "delivered" and row.detail.endswith(f"spv.dinkes: {POST}")
    assert "sudah disampaikan" in desk.ok("show", no).out
    with read_session(channels.srv.engine) as s:
        version = s.scalars(sa.select(TicketRow.version).where(TicketRow.id == x["id"])).one()

    # Sent again: the server answers from its record of the op and changes nothing.
    store = LocalStore.open(desk.data_dir)
    try:
        with store.write() as session:
            session.execute(
                sa.update(models.OutboxOp).where(models.OutboxOp.op_id == op["op_id"]).values(state="pending")
            )
    finally:
        store.close()
    desk.ok("sync")
    assert [(r.state, r.detail) for r in deliveries(channels, x["id"])] == [(row.state, row.detail)]
    with read_session(channels.srv.engine) as s:
        assert s.scalars(sa.select(TicketRow.version).where(TicketRow.id == x["id"])).one() == version
        processed = s.scalars(
            sa.select(ProcessedOpRow.op_id).where(ProcessedOpRow.op_id == op["op_id"])
        ).all()
    assert processed == [op["op_id"]]
    assert desk.run("delivered", no, "--posted", POST).code == 1  # it has arrived: nothing left to mark
