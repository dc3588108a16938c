"""The command line as an officer reads it: local times with their zone, complaint text that cannot
drive the terminal, ``| head`` without a traceback, honest connection wording, and many tickets
assigned in one command. Real ``tanggap`` processes over a real store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from db import models
from db.repositories import SyncStateRepository
from desktop.store import LocalStore
from tests.helpers import report_store as rs
from tests.helpers.cli import ROOT, tanggap
from tests.helpers.store import ticket_row

RECEIVED = datetime(2026, 3, 24, 3, 0, tzinfo=UTC)  # Selasa 24 Maret 2026 10.00 WIB
HOSTILE = "Tolong\x1b[2J\x1b[31mMERAH\x07 dan\rTIMPA\x9b lampu mati\n\uf0b7 poin satu"


def fill(data_dir: Path, *, username: str = "budi.s", tickets: int = 3, **extra: object) -> list[str]:
    store = LocalStore.open(data_dir)
    numbers = [f"DINKES-BWI-2603-{i:05d}" for i in range(tickets)]
    try:
        rs.add_directory(store)
        rs.log_in_as(store, username)
        with store.write() as session:
            for i, number in enumerate(numbers):
                session.add(ticket_row(tracking_no=number, received_at=RECEIVED, **(extra if i == 0 else {})))
    finally:
        store.close()
    return numbers


def test_queue_and_show_print_local_time_with_the_zone(data_dir: Path) -> None:
    (first, *_rest) = fill(data_dir)

    queue = tanggap(data_dir, "queue")
    show = tanggap(data_dir, "show", first)

    assert queue.returncode == 0, queue.stderr
    # next deadline = received + 3 days = Friday 27 March 10.00 WIB (03.00 UTC)
    assert "27/03/2026 10.00 WIB" in queue.stdout
    assert "03:00" not in queue.stdout
    assert show.returncode == 0, show.stderr
    assert "Diterima: 24/03/2026 10.00 WIB" in show.stdout
    assert "Tenggat : verification 27/03/2026 10.00 WIB" in show.stdout
    # JSON keeps the documented ISO 8601 with its offset.
    data = json.loads(tanggap(data_dir, "show", first, "--json").stdout)
    assert data["received_at"] == "2026-03-24T03:00:00+00:00"


def test_queue_prints_in_the_opds_own_zone(data_dir: Path) -> None:
    (first, *_rest) = fill(data_dir)
    store = LocalStore.open(data_dir)
    try:
        with store.write() as session:
            opd = session.get(models.Opd, rs.OPD)
            assert opd is not None
            opd.tz = "Asia/Makassar"
    finally:
        store.close()

    show = tanggap(data_dir, "show", first)

    assert "Diterima: 24/03/2026 11.00 WITA" in show.stdout


def test_show_escapes_control_characters_from_complaint_text(data_dir: Path) -> None:
    (first, *_rest) = fill(data_dir, title="Judul\x1b]0;pwned\x07", body=HOSTILE)

    show = tanggap(data_dir, "show", first)
    queue = tanggap(data_dir, "queue")

    assert show.returncode == 0, show.stderr
    for out in (show.stdout, queue.stdout):
        assert "\x1b" not in out and "\x07" not in out and "\r" not in out and "\x9b" not in out
    assert "Tolong\\e[2J\\e[31mMERAH\\a dan\\rTIMPA\\x9b lampu mati\n• poin satu" in show.stdout
    assert "Judul\\e]0;pwned\\a" in show.stdout
    assert "Judul\\e]0;pwned\\a" in queue.stdout


def _head(data_dir: Path, *args: str) -> tuple[int, str, str]:
    """``tanggap ARGS | head -1``: read one line, then close the pipe as ``head`` does."""
    env = {k: v for k, v in os.environ.items() if k != "TANGGAP_DATA_DIR"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tanggap", "--data-dir", str(data_dir), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline().decode()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    return proc.wait(timeout=120), first, err


@pytest.mark.parametrize("command", [("outbox",), ("queue", "--limit", "5000")])
def test_piping_into_head_ends_without_a_traceback(data_dir: Path, command: tuple[str, ...]) -> None:
    # More output than a pipe holds (64 KiB), so the writer is still writing when head leaves.
    numbers = fill(data_dir, username="kabid.dinkes", tickets=1500)
    assigned = tanggap(data_dir, "assign", *numbers, "budi.s")
    assert assigned.returncode == 0, assigned.stderr

    code, first, err = _head(data_dir, *command)

    assert first.strip()
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert err == ""
    assert code in (0, 141)


def test_outbox_does_not_claim_a_connection_it_has_not_checked(data_dir: Path) -> None:
    fill(data_dir)
    store = LocalStore.open(data_dir)
    try:
        with store.write() as session:
            state = SyncStateRepository(session)
            state.set("online", "1")
            state.set("last_success_at", "2026-03-30T03:00:00+00:00")
    finally:
        store.close()

    out = tanggap(data_dir, "outbox")

    assert out.returncode == 0, out.stderr
    assert "Tersambung" not in out.stdout
    assert "Terakhir tersambung 30/03/2026 10.00 WIB" in out.stdout


def test_assign_takes_several_tickets_in_one_command(data_dir: Path) -> None:
    numbers = fill(data_dir, username="kabid.dinkes", tickets=4)

    run = tanggap(data_dir, "assign", *numbers[:3], "budi.s")

    assert run.returncode == 0, run.stderr
    assert "3 tiket ditugaskan ke budi.s" in run.stdout
    ops = json.loads(tanggap(data_dir, "outbox", "--json").stdout)["ops"]
    assert sorted(op["tracking_no"] for op in ops if op["type"] == "assign") == numbers[:3]
    mine = json.loads(tanggap(data_dir, "queue", "--json").stdout)
    assert {i["tracking_no"] for i in mine if i["assignee"] == "budi.s"} == set(numbers[:3])


def test_assign_of_several_is_all_or_nothing(data_dir: Path) -> None:
    numbers = fill(data_dir, username="kabid.dinkes", tickets=2)

    run = tanggap(data_dir, "assign", numbers[0], "DINKES-BWI-2603-99999", numbers[1], "budi.s")

    assert run.returncode != 0
    assert "DINKES-BWI-2603-99999 tidak ada" in run.stderr
    ops = json.loads(tanggap(data_dir, "outbox", "--json").stdout)["ops"]
    assert ops == []  # the good tickets were not assigned half-way


def test_assign_needs_a_ticket_and_a_username(data_dir: Path) -> None:
    fill(data_dir, username="kabid.dinkes")

    run = tanggap(data_dir, "assign", "budi.s")

    assert run.returncode == 1
    assert "Sebutkan nomor tiket lalu nama pengguna" in run.stderr


def test_export_queue_and_summary_from_the_command_line(data_dir: Path, tmp_path: Path) -> None:
    import csv
    import io

    import openpyxl

    numbers = fill(data_dir, username="kabid.dinkes", confidentiality="rahasia", title="Pungli di loket")

    xlsx = tmp_path / "antrean.xlsx"
    queue = tanggap(data_dir, "export", "queue", "--out", str(xlsx))
    summary = tanggap(
        data_dir,
        "export",
        "summary",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--format",
        "csv",
        "--out",
        str(tmp_path / "ringkasan"),
    )

    assert queue.returncode == 0, queue.stderr
    assert queue.stdout.strip() == str(xlsx)
    sheet = openpyxl.load_workbook(xlsx)["antrean"]
    cells = [[c.value for c in r] for r in sheet.iter_rows()]
    assert sorted(r[0] for r in cells[1:]) == numbers
    assert "Pungli" not in repr(cells) and "(laporan rahasia)" in repr(cells)
    assert summary.returncode == 0, summary.stderr
    written = summary.stdout.split()
    assert all(Path(p).is_file() for p in written)
    # One CSV per summary table, the citizens' answers and the replies' delivery among them.
    assert sorted(Path(p).stem for p in written) == sorted(
        [
            "ringkasan",
            "tahap-sla",
            "per-kanal",
            "per-petugas",
            "tunggakan-umur",
            "tren-mingguan",
            "pelanggaran-tenggat",
            "tanggapan-pelapor",
            "penyampaian-balasan",
        ]
    )
    headline = (tmp_path / "ringkasan" / "ringkasan.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(headline)))
    assert rows[1][:2] == ["Diterima", "3"]


def test_export_summary_needs_a_period(data_dir: Path, tmp_path: Path) -> None:
    fill(data_dir, username="kabid.dinkes")

    run = tanggap(data_dir, "export", "summary", "--out", str(tmp_path / "x.xlsx"))

    assert run.returncode == 1
    assert "--from dan --to" in run.stderr
