"""CSV and XLSX exports read back with the tools a supervisor's spreadsheet uses (openpyxl, csv):
the same rows as the window and the PDF, and the same masking as print."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from desktop.documents import summary_figures
from desktop.export import ExportError, csv_bytes, queue_table, summary_tables, write_tables, xlsx_bytes
from desktop.queue import QueueFilter, QueueView
from desktop.session import DeskIdentity, load_identity
from desktop.store import LocalStore
from tests.helpers import report_store as rs
from tests.helpers.store import ticket_row

NOW = datetime(2026, 3, 30, 3, 0, tzinfo=UTC)
RECEIVED = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)  # Selasa 10 Maret 2026 09.00 WIB


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())  # Excel on Windows needs the BOM to read UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.fixture
def desk(store: LocalStore) -> tuple[LocalStore, DeskIdentity]:
    rs.add_directory(store)
    rs.log_in_as(store, "kabid.dinkes")
    late = RECEIVED + timedelta(days=1)
    with store.write() as session:
        session.add(
            ticket_row(
                tracking_no="DINKES-BWI-2603-00001",
                title="Lampu jalan mati 💡",
                received_at=RECEIVED,
                dl_first_response=late,
                next_deadline=late,
                next_stage="first_response",
            )
        )
        session.add(
            ticket_row(
                tracking_no="DINKES-BWI-2603-00002",
                title="Kepala puskesmas minta uang pelicin",
                confidentiality="rahasia",
                reporter_name="Wahyu Setiawan",
                reporter_contact="087423725707",
                received_at=RECEIVED,
                dl_first_response=late,
                next_deadline=late,
                next_stage="first_response",
            )
        )
        session.add(
            ticket_row(
                tracking_no="DINKES-BWI-2603-00003",
                title='=HYPERLINK("http://x","klik")',
                confidentiality="anonim",
                reporter_name="Ani Anonim",
                received_at=RECEIVED,
            )
        )
    identity = load_identity(store)
    assert identity is not None
    return store, identity


def test_queue_export_matches_the_view_and_masks_like_print(desk: tuple[LocalStore, DeskIdentity]) -> None:
    store, me = desk
    table = queue_table(
        store, QueueFilter(view=QueueView.ALL, me=me.username, now=NOW), tz="Asia/Jakarta", now=NOW
    )

    rows = read_csv(csv_bytes(table))
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([table])))
    sheet = book["antrean"]
    xrows = [[c.value for c in r] for r in sheet.iter_rows()]

    assert rows[0][:4] == ["Nomor tiket", "Status", "Kanal", "Judul"]
    assert "Diterima (WIB)" in rows[0]
    by_number = {r[0]: r for r in rows[1:]}
    assert set(by_number) == {"DINKES-BWI-2603-00001", "DINKES-BWI-2603-00002", "DINKES-BWI-2603-00003"}
    assert by_number["DINKES-BWI-2603-00001"][3] == "Lampu jalan mati 💡"
    assert by_number["DINKES-BWI-2603-00001"][4] == "Siti Aminah"  # public: as on the receipt
    assert by_number["DINKES-BWI-2603-00001"][8] == "2026-03-10 09:00"  # local time, zone in the heading
    # rahasia: neither the title nor the identity; anonim: the title, not the identity.
    assert by_number["DINKES-BWI-2603-00002"][3] == "(laporan rahasia)"
    assert by_number["DINKES-BWI-2603-00002"][4] == "Dirahasiakan"
    assert by_number["DINKES-BWI-2603-00003"][4] == "Dirahasiakan"
    everything = repr(rows) + repr(xrows)
    for secret in ("uang pelicin", "Wahyu", "087423725707", "Ani Anonim", "@siti"):
        assert secret not in everything
    # A title that looks like a formula stays text in both formats.
    assert by_number["DINKES-BWI-2603-00003"][3].startswith("'=HYPERLINK")
    cell = next(r for r in sheet.iter_rows() if r[0].value == "DINKES-BWI-2603-00003")[3]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    # Real dates and the same order as the window.
    assert isinstance(xrows[1][8], datetime)
    assert [r[0] for r in xrows[1:]] == [r[0] for r in rows[1:]]


def test_summary_export_has_every_table_with_what_each_figure_covers(
    desk: tuple[LocalStore, DeskIdentity], tmp_path: Path
) -> None:
    store, me = desk
    figures = summary_figures(store, date(2026, 3, 1), date(2026, 3, 31), viewer=me, now=NOW)
    tables = summary_tables(figures)

    [xlsx] = write_tables(tables, "xlsx", tmp_path / "ringkasan.xlsx")
    csvs = write_tables(tables, "csv", tmp_path / "ringkasan")

    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == [
        "ringkasan",
        "tahap-sla",
        "per-kanal",
        "per-petugas",
        "tanggapan-pelapor",
        "penyampaian-balasan",
        "tunggakan-umur",
        "tren-mingguan",
        "pelanggaran-tenggat",
    ]
    assert sorted(p.name for p in csvs) == sorted(f"{n}.csv" for n in book.sheetnames)
    headline = {r[0]: r[1:] for r in read_csv((tmp_path / "ringkasan" / "ringkasan.csv").read_bytes())[1:]}
    assert headline["Diterima"][0] == "3"
    # Three received, none answered: all three still waiting, and the median counts them.
    assert headline["Median tanggapan pertama (jam kerja)"][1] == (
        "atas 3 dari 3 tiket masuk; 3 belum ditanggapi dihitung masih menunggu"
    )
    assert headline["Terakhir sinkron (WIB)"][0] == "belum pernah"
    breaches = [[c.value for c in r] for r in book["pelanggaran-tenggat"].iter_rows()]
    titles = [r[-1] for r in breaches[1:]]
    assert "Lampu jalan mati 💡" in titles and "(laporan rahasia)" in titles
    assert "uang pelicin" not in repr(breaches)
    per_channel = [[c.value for c in r] for r in book["per-kanal"].iter_rows()]
    assert per_channel[-1][0] == "Semua kanal" and per_channel[-1][1] == 3  # a number, not text


def test_unknown_format_is_a_clear_error(desk: tuple[LocalStore, DeskIdentity], tmp_path: Path) -> None:
    store, me = desk
    table = queue_table(store, QueueFilter(view=QueueView.ALL, me=me.username), tz="Asia/Jakarta")
    with pytest.raises(ExportError, match="csv atau xlsx"):
        write_tables([table], "ods", tmp_path / "x.ods")
