"""Issue 18, "Done when" (first half): twenty complaints about one flooded street, filed through the
server's intake on five channels in different words, synced to a desk, are candidates of each other
on that desk with the server stopped (``tanggap similar``); complaints about the same kind of problem
elsewhere are not among the first twenty."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from tests.helpers.desk import CliDesk
from tests.helpers.live_server import served
from tests.integration.sync.conftest import _require_keyring

CHANNELS = ("twitter", "instagram", "whatsapp", "lapor", "walk_in")
# One problem: Jl. Kedung Cowek Gg. 3 is flooded, the drain is blocked.
FLOODED = (
    "banjir lg di jl kedung cowek gg 3, air masuk rumah 😭",
    "Jalan Kedung Cowek Gang III tergenang setinggi lutut, selokan mampet",
    "min tlg jln kedung cowek gg.3 kebanjiran trs tiap hujan",
    "Mohon ditangani genangan di Jl. Kedung Cowek Gg. 3, drainase tersumbat",
    "kedung cowek gang 3 banjir lagi, got buntu sdh seminggu",
    "air ga surut2 di jl. kedung cowek gg 3, gorong2 mampet",
    "JL KEDUNG COWEK GG 3 BANJIR!!! tolong pak",
    "warga gg 3 kedung cowek kebanjiran, saluran air tdk jalan",
    "Genangan air di Jalan Kedung Cowek Gang 3 belum surut sejak kemarin",
    "banjir jln kedung cowek gang III, anak2 gak bisa sekolah",
    "tlg dikuras selokan jl kedung cowek gg 3 biar ga banjir trs",
    "Jl. Kedung Cowek Gg. 3 kebanjiran, air masuk ke rumah warga",
    "kedung cowek gg3 tergenang lg min, got mampet",
    "Laporan banjir di Jalan Kedung Cowek Gang 3, saluran buntu",
    "air banjir di jl kedung cowek gg 3 bau, selokan penuh sampah",
    "banjir gg 3 jln kedung cowek udh 3 hari ga surut",
    "Jalan Kedung Cowek Gang 3 terendam air, mohon drainase diperbaiki",
    "kebanjiran lagi di kedung cowek gang 3 ya Allah 🙏",
    "gorong2 jl kedung cowek gg 3 mampet, banjir tiap hujan deres",
    "Mohon bantuan, Jl Kedung Cowek Gg 3 tergenang air sejak semalam",
)
ELSEWHERE = (
    "banjir di jl kedung cowek gg 7, selokan mampet",
    "Jalan Kenjeran tergenang air setinggi lutut",
    "Lampu jalan di Jl. Kedung Cowek Gg. 3 mati sejak seminggu",
    "Antrean di puskesmas sangat panjang",
)


def test_twenty_flood_complaints_find_each_other_offline(
    tmp_path: Path, make_desk: Callable[[str], CliDesk]
) -> None:
    _require_keyring()
    desk = make_desk("a")
    with served("sqlite", tmp_path) as srv:
        flooded = []
        for i, text in enumerate(FLOODED):
            channel = CHANNELS[i % len(CHANNELS)]
            filed = srv.intake(
                channel=channel,
                external_ref=f"ref-{uuid.uuid4()}",
                title=text[:40],
                body=text,
                reporter={"name": f"Warga {i}", "contact": f"08123{i:05d}"},
            )
            flooded.append(filed["tracking_no"])
        others = [srv.intake(title=t[:40], body=t)["tracking_no"] for t in ELSEWHERE]
        desk.login(srv.root_url, "petugas.dinkes")
        assert f"pulled {len(flooded) + len(others)}" in desk.ok("sync").out
    # The server is stopped: everything below is the desk alone.

    for tracking_no in flooded:
        found = desk.ok("similar", tracking_no, "--json", "--limit", "19").json()
        numbers = [c["tracking_no"] for c in found]
        assert set(numbers) == set(flooded) - {tracking_no}, (tracking_no, found)
        assert all(0.0 <= c["score"] <= 1.0 for c in found)
        assert all(c["why"] for c in found)
    # Best first, with a why an officer can read.
    top = desk.ok("similar", flooded[3], "--json", "--limit", "1").json()[0]
    assert "lokasi sama: Jl. Kedung Cowek" in top["why"]
    # The other gang, the other street and the other problem rank after all nineteen.
    wide = desk.ok("similar", flooded[0], "--json", "--limit", "30").json()
    assert set(c["tracking_no"] for c in wide[:19]) == set(flooded[1:])

    plain = desk.ok("similar", flooded[0], "--limit", "3").out.splitlines()
    assert len(plain) == 3 and plain[0].split("\t")[0] in flooded
    assert desk.run("similar", "DINKES-BWI-0000-99999").code == 1
