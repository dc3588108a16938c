"""``tanggap outbox`` says when sync keeps failing, why and since when (issue 15), not that all is well."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import urlparse

import pytest

from tests.helpers.desk import CliDesk
from tests.helpers.fault_proxy import FaultProxy
from tests.helpers.live_server import LiveServer


@pytest.fixture
def proxy(server: LiveServer) -> Iterator[FaultProxy]:
    port = urlparse(server.root_url).port
    assert port is not None
    p = FaultProxy(port, fault_rate=0.0, faults=("503",))
    yield p
    p.close()


def test_outbox_reports_a_sync_that_keeps_failing_and_clears_after_success(
    server: LiveServer, proxy: FaultProxy, make_desk: Callable[[str], CliDesk]
) -> None:
    ticket = server.intake(title="Lampu jalan mati")
    desk = make_desk("gagal")
    desk.login(proxy.url, "petugas.dinkes")
    desk.ok("sync")
    desk.ok("reply", ticket["tracking_no"], "Kami cek hari ini.")
    proxy.fault_rate = 1.0  # every answer is now a 503
    for _ in range(3):
        assert desk.run("sync").code != 0
    report = desk.outbox()["status"]
    assert report["keeps_failing"] is True and report["failures"] == 3
    assert report["failing_since"] is not None
    assert report["failure_report"].startswith("Sinkronisasi gagal 3 kali berturut-turut sejak ")
    text = desk.ok("outbox").out
    assert "Sinkronisasi gagal 3 kali berturut-turut" in text and "Terakhir:" in text
    assert "1 op menunggu sinkronisasi" in text

    proxy.fault_rate = 0.0
    desk.ok("sync")
    report = desk.outbox()["status"]
    assert report["keeps_failing"] is False and report["failure_report"] is None
    assert "gagal" not in desk.ok("outbox").out
