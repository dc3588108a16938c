"""``tanggap receipt`` and ``tanggap report`` as a user runs them: a real process over a real store,
offline, the PDFs read back with poppler's ``pdftotext``.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import statistics
import subprocess
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from db import models
from desktop.store import LocalStore
from tests.helpers import report_store as rs
from tests.helpers.cli import tanggap
from tests.helpers.store import ticket_row

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")

WIB = timedelta(hours=7)


def pdf_text(path: Path, *, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def wib(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    """An instant given as Western Indonesian time (UTC+7), stored as UTC."""
    return datetime(2026, month, day, hour, minute, tzinfo=UTC) - WIB


def desk(data_dir: Path, username: str) -> LocalStore:
    store = LocalStore.open(data_dir)
    rs.add_directory(store)
    rs.log_in_as(store, username)
    return store


# -- receipts --------------------------------------------------------------------------------


def test_walk_in_receipt_prints_offline_without_the_internal_note(data_dir: Path, tmp_path: Path) -> None:
    desk(data_dir, "budi.s").close()
    walk_in = tanggap(
        data_dir,
        "walk-in",
        "--name", "Siti Nur'aini",
        "--contact", "0812-3456-7890",
        "--title", "Jalan berlubang di depan Puskesmas Giri",
        "--body", "Sudah dua pengendara jatuh <script>alert(1)</script> 😡",
        "--category", "INFRA",
    )  # fmt: skip
    assert walk_in.returncode == 0, walk_in.stderr
    tracking = walk_in.stdout.strip()
    note = tanggap(data_dir, "note", tracking, "CATATAN INTERNAL: pelapor kerabat pejabat")
    assert note.returncode == 0, note.stderr

    out = tmp_path / "tanda-terima.pdf"
    run = tanggap(data_dir, "receipt", tracking, "--out", str(out), "--layout", "thermal80")

    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == str(out)
    text = pdf_text(out)
    assert tracking in text
    assert "Siti Nur'aini" in text and "0812-3456-7890" in text
    assert "<script>alert(1)</script>" in text  # printed as text, not swallowed as markup
    assert "CATATAN INTERNAL" not in text
    assert not list(tmp_path.glob(".*.tmp"))


def test_officer_receipt_of_anonim_ticket_hides_the_reporter(data_dir: Path, tmp_path: Path) -> None:
    store = desk(data_dir, "budi.s")
    withheld = ticket_row(
        tracking_no="DINKES-BWI-2603-00101",
        confidentiality="anonim",
        reporter_name=None,  # what the server sends an officer who may not see it
        reporter_contact=None,
        assignee="rina.w",
    )
    stale = ticket_row(
        tracking_no="DINKES-BWI-2603-00102",
        confidentiality="anonim",
        reporter_name="Hendra Gunawan",  # left from before a reassignment
        reporter_contact="hendra@example.id",
        assignee="rina.w",
    )
    with store.write() as session:
        session.add_all([withheld, stale])
    store.close()

    for tracking in ("DINKES-BWI-2603-00101", "DINKES-BWI-2603-00102"):
        out = tmp_path / f"{tracking}.pdf"
        run = tanggap(data_dir, "receipt", tracking, "--out", str(out), "--layout", "a5")
        assert run.returncode == 0, run.stderr
        text = pdf_text(out)
        assert tracking in text
        assert "Dirahasiakan (pelapor anonim)" in text
        assert "Hendra" not in text and "hendra@example.id" not in text


# -- summary ---------------------------------------------------------------------------------

CHANNEL_LABELS = {
    "twitter": "Twitter/X",
    "whatsapp": "WhatsApp",
    "lapor": "SP4N-LAPOR!",
    "walk_in": "Datang langsung",
}
OPEN = {"baru", "terverifikasi", "didisposisi", "ditindaklanjuti", "menunggu_pelapor"}


def summary_rows() -> list[dict[str, object]]:
    """Tickets around the period 2-13 March 2026 (WIB), each with plain facts the test counts itself."""
    rows: list[dict[str, object]] = []
    n = 0

    def add(channel: str, received: datetime, status: str = "baru", **more: object) -> None:
        nonlocal n
        n += 1
        rows.append(
            {
                "tracking_no": f"DINKES-BWI-2603-{n:05d}",
                "channel": channel,
                "received_at": received,
                "status": status,
                "is_open": status in OPEN,
                "assignee": "budi.s" if n % 2 else "rina.w",
                **more,
            }
        )

    # Received in the period; first responses the same office day, so the hours are plain differences.
    add("twitter", wib(2, 9), "selesai", first_response_at=wib(2, 10), resolved_at=wib(5, 11))
    add("twitter", wib(3, 8, 30), "ditindaklanjuti", first_response_at=wib(3, 11))
    add("twitter", wib(9, 13), first_response_at=wib(9, 15, 30))
    add("whatsapp", wib(5, 10), "selesai", first_response_at=wib(5, 10, 15), resolved_at=wib(12, 14))
    add("whatsapp", wib(6, 9), "didisposisi", first_response_at=wib(6, 13))
    add("whatsapp", wib(10, 14), "ditolak")
    add("lapor", wib(11, 8), "terverifikasi", first_response_at=wib(11, 9))
    add("lapor", wib(13, 23, 30))  # the last evening of the period still counts
    add("walk_in", wib(12, 10), "ditutup", first_response_at=wib(12, 10, 30), resolved_at=wib(12, 15))
    # Received before the period: resolved in it (counts as resolved), or still open (backlog).
    add("twitter", wib(20, 9, month=2), "selesai", resolved_at=wib(4, 9))
    add("lapor", wib(25, 9, month=2), "ditindaklanjuti")
    add("whatsapp", wib(26, 9, month=2), "selesai", resolved_at=wib(27, 9, month=2))
    # After the period: counts for nothing in it.
    add("twitter", wib(14, 0, 30), "baru")
    add("lapor", wib(16, 9), "selesai", resolved_at=wib(16, 10))
    return rows


def independent_figures(rows: list[dict[str, object]]) -> dict[str, object]:
    start, end = wib(2, 0), wib(14, 0)

    def within(value: object) -> bool:
        return isinstance(value, datetime) and start <= value < end

    received = [r for r in rows if within(r["received_at"])]
    hours = [
        (r["first_response_at"] - r["received_at"]).total_seconds() / 3600  # type: ignore[operator]
        for r in received
        if r.get("first_response_at")
    ]
    # Open and unanswered: still waiting, months by now, longer than any answered ticket took.
    hours += [math.inf for r in received if not r.get("first_response_at") and r["status"] in OPEN]
    per_channel = {}
    for channel, label in CHANNEL_LABELS.items():
        per_channel[label] = sum(1 for r in received if r["channel"] == channel)
    return {
        "received": len(received),
        "resolved": sum(1 for r in rows if within(r.get("resolved_at"))),
        "backlog": sum(1 for r in rows if r["received_at"] < end and r["status"] in OPEN),  # type: ignore[operator]
        "median": statistics.median(hours),
        "per_channel": per_channel,
    }


def hours_text(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + " jam"


def test_report_figures_equal_an_independent_count(data_dir: Path, tmp_path: Path) -> None:
    store = desk(data_dir, "kabid.dinkes")
    rows = summary_rows()
    with store.write() as session:
        for values in rows:
            session.add(ticket_row(**values))
        # Another OPD's ticket in the same period never counts in this supervisor's summary.
        session.add(
            ticket_row(tracking_no="DISHUB-BWI-2603-00001", opd_code=rs.OTHER_OPD, received_at=wib(3, 9))
        )
    store.close()
    expected = independent_figures(rows)

    out = tmp_path / "ringkasan.pdf"
    run = tanggap(data_dir, "report", "--from", "2026-03-02", "--to", "2026-03-13", "--out", str(out))

    assert run.returncode == 0, run.stderr
    text = pdf_text(out, layout=True)
    lines = text.splitlines()
    labels = next(i for i, line in enumerate(lines) if re.match(r"\s*Diterima\s+Diselesaikan\s", line))
    kpis = re.split(r"\s{2,}", next(line for line in reversed(lines[:labels]) if line.strip()).strip())
    assert kpis[0] == str(expected["received"])
    assert kpis[1] == str(expected["resolved"])
    assert kpis[2] == hours_text(expected["median"])  # type: ignore[arg-type]
    assert kpis[4] == str(expected["backlog"])

    table = lines[next(i for i, line in enumerate(lines) if line.startswith("Per kanal")) :]
    for label, count in expected["per_channel"].items():  # type: ignore[attr-defined]
        row = next(line for line in table if line.strip().startswith(label))
        assert re.split(r"\s{2,}", row.strip())[1] == str(count), row
    assert "Dinas Kesehatan Kabupaten Banyuwangi" in text
    assert "DISHUB-BWI-2603-00001" not in text


def test_officer_report_covers_only_their_own_tickets(data_dir: Path, tmp_path: Path) -> None:
    store = desk(data_dir, "budi.s")
    with store.write() as session:
        for i, assignee in enumerate(["budi.s", "budi.s", "budi.s", "rina.w", None]):
            session.add(
                ticket_row(
                    tracking_no=f"DINKES-BWI-2603-0020{i}", assignee=assignee, received_at=wib(4, 9 + i)
                )
            )
    store.close()
    out = tmp_path / "saya.pdf"

    run = tanggap(data_dir, "report", "--from", "2026-03-01", "--to", "2026-03-31", "--out", str(out))

    assert run.returncode == 0, run.stderr
    lines = pdf_text(out, layout=True).splitlines()
    labels = next(i for i, line in enumerate(lines) if re.match(r"\s*Diterima\s+Diselesaikan\s", line))
    assert next(line for line in reversed(lines[:labels]) if line.strip()).split()[0] == "3"
    assert any("Petugas: Budi Santoso" in line for line in lines)


# -- mistakes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["receipt", "DINKES-BWI-2603-99999"], "tidak ada di meja ini"),
        (["report", "--from", "2026-02-30", "--to", "2026-03-31"], "--from: tanggal '2026-02-30' tidak sah"),
        (["report", "--from", "01/03/2026", "--to", "2026-03-31"], "--from: tanggal '01/03/2026' tidak sah"),
        (["report", "--from", "2026-03-31", "--to", "2026-03-01"], "jatuh setelah --to"),
        (["report", "--from", "2026-03-01", "--to", "2026-03-31", "--officer", "rina.w"], "tiketnya sendiri"),
        (["report", "--from", "2026-03-01", "--to", "2026-03-31", "--opd", rs.OTHER_OPD], "di luar wewenang"),
    ],
)
def test_mistakes_are_one_line_and_a_non_zero_exit(
    data_dir: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    desk(data_dir, "budi.s").close()
    out = tmp_path / "hasil.pdf"
    run = tanggap(data_dir, *args, "--out", str(out))
    assert run.returncode == 1
    assert message in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert not out.exists() and not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("where", ["missing-folder", "a-folder", "read-only"])
def test_unwritable_out_is_refused_and_an_existing_file_survives(
    data_dir: Path, tmp_path: Path, where: str
) -> None:
    store = desk(data_dir, "budi.s")
    with store.write() as session:
        session.add(ticket_row(tracking_no="DINKES-BWI-2603-00001"))
    store.close()
    if where == "missing-folder":
        out = tmp_path / "tidak-ada" / "r.pdf"
    elif where == "a-folder":
        out = tmp_path
    else:
        if os.geteuid() == 0:
            pytest.skip("root writes into read-only folders")
        folder = tmp_path / "arsip"
        folder.mkdir()
        out = folder / "r.pdf"
        out.write_bytes(b"the old receipt")
        folder.chmod(0o555)
    try:
        run = tanggap(data_dir, "receipt", "DINKES-BWI-2603-00001", "--out", str(out))
    finally:
        if where == "read-only":
            (tmp_path / "arsip").chmod(0o755)
    assert run.returncode == 1
    assert "--out" in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr
    if where == "read-only":
        assert out.read_bytes() == b"the old receipt"


def test_report_without_a_login_says_so(data_dir: Path, tmp_path: Path) -> None:
    LocalStore.open(data_dir).close()
    run = tanggap(
        data_dir, "report", "--from", "2026-03-01", "--to", "2026-03-31", "--out", str(tmp_path / "r.pdf")
    )
    assert run.returncode == 5
    assert "tanggap login" in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_messages_of_a_ticket_exist_but_only_ticket_fields_print(data_dir: Path, tmp_path: Path) -> None:
    store = desk(data_dir, "budi.s")
    row = ticket_row(tracking_no="DINKES-BWI-2603-00300")
    with store.write() as session:
        session.add(row)
        session.add(
            models.Message(
                id=str(uuid.uuid4()),
                ticket_id=row.id,
                kind="reply",
                author="budi.s",
                body="BALASAN PUBLIK: sudah kami teruskan",
                created_at=row.received_at + timedelta(hours=2),
            )
        )
    store.close()
    out = tmp_path / "r.pdf"
    run = tanggap(data_dir, "receipt", "DINKES-BWI-2603-00300", "--out", str(out), "--layout", "a4")
    assert run.returncode == 0, run.stderr
    text = pdf_text(out)
    assert "DINKES-BWI-2603-00300" in text and "BALASAN PUBLIK" not in text
