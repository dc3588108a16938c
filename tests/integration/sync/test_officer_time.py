"""Stage timestamps are the officer's time: a desk whose clock is wrong is corrected by the
server's, and the offline view equals the server's result (docs/api.md, "Stage timestamps")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from tests.helpers.desk import CliDesk
from tests.helpers.live_server import LiveServer


def test_a_desk_two_hours_behind_dates_its_work_by_the_servers_clock(
    server: LiveServer, make_desk: Callable[[str], CliDesk]
) -> None:
    t = server.intake(received_at=(datetime.now(UTC) - timedelta(days=1)).isoformat())
    desk = make_desk("lambat")
    desk.env["TANGGAP_TEST_CLOCK_SKEW_SECONDS"] = str(-2 * 3600)  # its clock was set wrong
    desk.login(server.root_url, "petugas.dinkes")
    desk.ok("sync")  # learns the server's time from the answers
    before = datetime.now(UTC)
    desk.ok("reply", t["tracking_no"], "Kami tindak lanjuti hari ini.")
    after = datetime.now(UTC)
    offline = datetime.fromisoformat(desk.ok("show", t["tracking_no"], "--json").json()["first_response_at"])
    # Dated by the server's clock (to the Date header's second), not two hours back.
    assert before - timedelta(seconds=2) <= offline <= after + timedelta(seconds=2)
    desk.ok("sync")
    synced = datetime.fromisoformat(desk.ok("show", t["tracking_no"], "--json").json()["first_response_at"])
    assert synced == offline
    admin = server.login("admin", device_name="pemeriksa")
    on_server = admin.get(f"/tickets/{t['tracking_no']}").json()["first_response_at"]
    assert datetime.fromisoformat(on_server) == offline
