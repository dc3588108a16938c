"""Printing at the workstation: receipts and summaries open in the preview, from the local store.

A real local store (SQLite file) filled with directory rows and tickets as the sync engine
leaves them, a real main window, the real PDF services; the PDFs are read back with pypdf.
"""

from __future__ import annotations

import gc
import io
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from pytestqt.qtbot import QtBot

from desktop.settings import Settings
from desktop.store import LocalStore
from tests.gui.conftest import DeskFactory
from tests.helpers import report_store as rs
from tests.helpers.store import ticket_row
from ui.mainwindow import MainWindow
from ui.print_preview import PrintPreviewDialog
from ui.summary_dialog import SummaryDialog, previous_month
from ui.tasks import TaskManager

JAKARTA = ZoneInfo("Asia/Jakarta")
MARCH = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def page_width_mm(pdf: bytes) -> float:
    return float(PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width) / 72 * 25.4


def add_ticket(store: LocalStore, tracking_no: str, **overrides: object) -> str:
    with store.write() as session:
        session.add(ticket_row(tracking_no=tracking_no, received_at=MARCH, **overrides))
    return tracking_no


@pytest.fixture
def desk(store: LocalStore) -> LocalStore:
    rs.add_directory(store)
    return store


def window_as(desks: DeskFactory, store: LocalStore, username: str) -> MainWindow:
    rs.log_in_as(store, username)
    window = desks.window(store)
    assert isinstance(window, MainWindow)
    return window


def select(window: MainWindow, tracking_no: str) -> None:
    row = next(i for i, r in enumerate(window.queue_model.loaded_rows()) if r.tracking_no == tracking_no)
    window.queue_pane.select_row(row)
    assert window.detail is not None and window.detail.ticket.tracking_no == tracking_no


def open_preview(window: MainWindow) -> PrintPreviewDialog:
    preview = window.controller.preview
    assert isinstance(preview, PrintPreviewDialog)
    assert preview.isVisible()
    return preview


def test_receipt_action_previews_the_selected_ticket_and_remembers_the_paper(
    qtbot: QtBot, desk: LocalStore, desks: DeskFactory
) -> None:
    first = add_ticket(desk, "DINKES-BWI-2603-00017", title="Lampu PJU mati", assignee="budi.s")
    add_ticket(desk, "DINKES-BWI-2603-00018", title="Antrean puskesmas", assignee="budi.s")
    window = window_as(desks, desk, "budi.s")
    select(window, first)
    assert window.menus.act_receipt.isEnabled()
    assert window.menus.act_receipt.shortcut().toString() == "Ctrl+P"

    window.menus.act_receipt.trigger()

    preview = open_preview(window)
    text = pdf_text(preview.pdf_bytes)
    assert first in text and "Lampu PJU mati" in text
    assert "Siti Aminah" in text  # public ticket: the reporter prints
    assert round(page_width_mm(preview.pdf_bytes)) == 210  # A4 until another paper is chosen
    assert preview.layout_combo.isVisible()

    # Another paper: rendered again in place, and remembered for the next receipt.
    preview.layout_combo.setCurrentIndex(preview.layout_combo.findData("thermal80"))
    assert preview.layout_key == "thermal80"
    assert round(page_width_mm(preview.pdf_bytes)) == 80
    assert first in pdf_text(preview.pdf_bytes)
    assert preview.print_button.isEnabled()
    assert Settings.load(window.data_dir).printers["receipt"]["layout"] == "thermal80"
    preview.close()

    second = "DINKES-BWI-2603-00018"
    select(window, second)
    qtbot.mouseClick(window.ticket_view.print_receipt_button, _left())
    again = open_preview(window)
    assert again is not preview
    assert again.layout_key == "thermal80"
    assert second in pdf_text(again.pdf_bytes)
    assert first not in pdf_text(again.pdf_bytes)


def test_officers_receipt_of_someone_elses_anonim_ticket_hides_the_reporter(
    desk: LocalStore, desks: DeskFactory
) -> None:
    # The store still holds the name (e.g. from before a reassignment to rina.w).
    tracking = add_ticket(
        desk,
        "DINKES-BWI-2603-00031",
        confidentiality="anonim",
        reporter_name="Siti Aminah",
        assignee="rina.w",
    )
    window = window_as(desks, desk, "budi.s")
    select(window, tracking)

    window.controller.print_receipt()

    text = pdf_text(open_preview(window).pdf_bytes)
    assert tracking in text
    assert "Siti Aminah" not in text and "@siti" not in text
    assert "Dirahasiakan (pelapor anonim)" in text


def test_supervisors_later_receipt_of_a_rahasia_ticket_hides_the_reporter_unless_chosen(
    qtbot: QtBot, desk: LocalStore, desks: DeskFactory, tmp_path: Path
) -> None:
    tracking = add_ticket(
        desk,
        "DINKES-BWI-2603-00032",
        confidentiality="rahasia",
        reporter_name="Wahyu Setiawan",
        reporter_contact="087423725707",
        assignee="rina.w",
    )
    window = window_as(desks, desk, "kabid.dinkes")
    select(window, tracking)

    window.controller.print_receipt()

    preview = open_preview(window)
    text = pdf_text(preview.pdf_bytes)
    assert "Wahyu Setiawan" not in text and "087423725707" not in text
    assert "Dirahasiakan (laporan rahasia)" in text
    assert preview.identity_check.isVisible() and not preview.identity_check.isChecked()
    preview.grab().save(str(tmp_path / "preview-identity.png"))

    preview.identity_check.setChecked(True)  # the officer chooses it for this print

    chosen = pdf_text(preview.pdf_bytes)
    assert "Wahyu Setiawan · 087423725707" in chosen
    assert "Dirahasiakan" not in chosen
    preview.layout_combo.setCurrentIndex(preview.layout_combo.findData("a5"))  # the choice holds
    assert "Wahyu Setiawan" in pdf_text(preview.pdf_bytes)
    preview.identity_check.setChecked(False)
    assert "Wahyu Setiawan" not in pdf_text(preview.pdf_bytes)


def test_rahasia_walk_in_receipt_carries_the_reporter_only_when_handed_over_at_registration(
    desk: LocalStore, desks: DeskFactory
) -> None:
    from desktop import actions

    window = window_as(desks, desk, "budi.s")
    result = actions.walk_in(
        desk,
        name="Wahyu Setiawan",
        contact="087423725707",
        title="Pungutan liar di loket",
        body="Petugas loket meminta uang tambahan.",
        confidentiality="rahasia",
    )

    window.receipts.open(result.tracking_no, at_registration=True)  # what the walk-in dialog does
    handed_over = open_preview(window)
    text = pdf_text(handed_over.pdf_bytes)
    assert "Wahyu Setiawan · 087423725707" in text
    assert "Budi Santoso" in text and "Petugas penerima" in text  # the registering officer signs
    assert not handed_over.identity_check.isVisible()  # nothing to choose: it is the reporter's copy
    handed_over.close()

    window.receipts.open(result.tracking_no)  # any later print
    later = pdf_text(open_preview(window).pdf_bytes)
    assert "Wahyu Setiawan" not in later and "087423725707" not in later
    assert "Dirahasiakan (laporan rahasia)" in later


def test_receipt_of_a_ticket_not_on_this_desk_says_so(desk: LocalStore, desks: DeskFactory) -> None:
    add_ticket(desk, "DINKES-BWI-2603-00040")
    window = window_as(desks, desk, "budi.s")

    window.receipts.open("DINKES-BWI-2603-99999")

    assert window.controller.preview is None
    message = window.controller.last_message.text()
    assert "DINKES-BWI-2603-99999" in message and "tidak ada di meja ini" in message
    assert "/" not in message  # one language, not the core's "Indonesian / English"


def test_summary_refuses_a_period_that_ends_before_it_starts_then_previews_a_valid_one(
    qtbot: QtBot, desk: LocalStore, desks: DeskFactory
) -> None:
    for i, assignee in enumerate(["budi.s", "rina.w", None]):
        add_ticket(desk, f"DINKES-BWI-2603-0010{i}", assignee=assignee)
    window = window_as(desks, desk, "kabid.dinkes")
    assert window.menus.act_summary.isEnabled()
    window.controller.open_summary()
    dialog = window.controller.summary_dialog
    assert isinstance(dialog, SummaryDialog)
    today = window.clock().astimezone(JAKARTA).date()
    assert dialog.period() == previous_month(today)  # the default: last calendar month
    scopes = [dialog.scope.itemText(i) for i in range(dialog.scope.count())]
    assert scopes[0] == f"Seluruh {rs.OPD_NAME}"
    assert "Petugas: Budi Santoso" in scopes and not any("Sari" in s for s in scopes)

    dialog.set_period(date(2026, 3, 31), date(2026, 3, 1))
    qtbot.mouseClick(dialog.show_button, _left())
    assert dialog.error.isVisible()
    assert "jatuh setelah tanggal akhir" in dialog.error.text()
    assert window.controller.preview is None and dialog.isVisible()

    dialog.set_period(date(2026, 3, 1), date(2026, 3, 31))
    assert not dialog.error.isVisible()  # the mistake is gone once the dates change
    qtbot.mouseClick(dialog.show_button, _left())

    preview = open_preview(window)
    assert not dialog.isVisible()
    assert preview.layout_key == "summary"
    assert preview.file_name == "ringkasan-kinerja-2026-03-01-2026-03-31.pdf"
    text = pdf_text(preview.pdf_bytes)
    assert "1 Maret 2026 – 31 Maret 2026" in text
    assert rs.OPD_NAME in text
    assert "Budi Santoso" in text and "Rina Wijayanti" in text  # the per-officer table


def test_summary_dialog_exports_every_table_to_a_workbook(
    qtbot: QtBot, desk: LocalStore, desks: DeskFactory, tmp_path: Path
) -> None:
    import openpyxl

    add_ticket(desk, "DINKES-BWI-2603-00201", assignee="budi.s")
    add_ticket(desk, "DINKES-BWI-2603-00202", confidentiality="rahasia", title="Pungli di loket")
    window = window_as(desks, desk, "kabid.dinkes")
    window.controller.open_summary()
    dialog = window.controller.summary_dialog
    assert isinstance(dialog, SummaryDialog)
    assert dialog.export_button.isVisible() and dialog.export_button.text() == "Ekspor\u2026"
    dialog.set_period(date(2026, 3, 1), date(2026, 3, 31))
    dialog.grab().save(str(tmp_path / "summary-dialog.png"))

    target = tmp_path / "ringkasan.xlsx"
    with qtbot.wait_signal(dialog.exported) as blocker:
        dialog.export_to(target)

    assert blocker.args == [[target]]
    book = openpyxl.load_workbook(target)
    assert "per-petugas" in book.sheetnames
    assert {"tanggapan-pelapor", "penyampaian-balasan"} <= set(book.sheetnames)
    headline = {r[0].value: r[1].value for r in book["ringkasan"].iter_rows(min_row=2)}
    assert headline["Diterima"] == 2
    assert "Pungli" not in repr([[c.value for c in r] for ws in book for r in ws.iter_rows()])
    assert dialog.export_note.isVisible() and str(target) in dialog.export_note.text()
    assert dialog.isVisible()  # the form stays open: a preview can follow


def test_an_officer_summarises_only_their_own_tickets(
    qtbot: QtBot, desk: LocalStore, desks: DeskFactory
) -> None:
    add_ticket(desk, "DINKES-BWI-2603-00201", assignee="budi.s")
    window = window_as(desks, desk, "budi.s")
    window.controller.open_summary()
    dialog = window.controller.summary_dialog
    assert isinstance(dialog, SummaryDialog)
    assert dialog.scope.count() == 1 and not dialog.scope.isEnabled()
    assert dialog.selected_scope() == (None, None)

    dialog.choose_this_month()
    start, end = dialog.period()
    assert start.day == 1 and end == window.clock().astimezone(JAKARTA).date()
    dialog.set_period(date(2026, 3, 1), date(2026, 3, 31))
    qtbot.mouseClick(dialog.show_button, _left())

    text = pdf_text(open_preview(window).pdf_bytes)
    assert "Budi Santoso" in text and "Rina Wijayanti" not in text


def test_without_a_login_there_is_no_summary_and_no_receipt_until_a_ticket_shows(
    store: LocalStore, desks: DeskFactory
) -> None:
    window = desks.window(store)
    assert isinstance(window, MainWindow)
    assert not window.menus.act_summary.isEnabled()
    assert not window.menus.act_receipt.isEnabled()
    window.controller.open_summary()
    window.controller.print_receipt()
    assert window.controller.preview is None


def test_with_background_threads_the_summary_and_receipt_render_off_the_ui_thread(
    qtbot: QtBot, desk: LocalStore
) -> None:
    # An earlier test's window, still waiting for collection, would otherwise be torn down inside
    # this test's event loop (and warn about its selection model): finish it first.
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    tracking = add_ticket(desk, "DINKES-BWI-2603-00301", assignee="budi.s")
    rs.log_in_as(desk, "kabid.dinkes")
    window = MainWindow(desk, Settings(), desk.path.parent, tasks=TaskManager())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.detail is not None)

    window.controller.open_summary()
    dialog = window.controller.summary_dialog
    dialog.set_period(date(2026, 3, 1), date(2026, 3, 31))
    dialog.submit()
    assert dialog.running and not dialog.show_button.isEnabled()  # no second request meanwhile
    qtbot.waitUntil(lambda: isinstance(window.controller.preview, PrintPreviewDialog))
    summary = open_preview(window)
    assert rs.OPD_NAME in pdf_text(summary.pdf_bytes)
    summary.close()

    window.controller.print_receipt()
    qtbot.waitUntil(
        lambda: window.controller.preview is not None and window.controller.preview is not summary
    )
    receipt = open_preview(window)
    receipt.layout_combo.setCurrentIndex(receipt.layout_combo.findData("a5"))
    assert not receipt.print_button.isEnabled()  # waiting for the A5 rendering
    qtbot.waitUntil(lambda: receipt.layout_key == "a5")
    assert receipt.print_button.isEnabled()
    assert round(page_width_mm(receipt.pdf_bytes)) == 148
    assert tracking in pdf_text(receipt.pdf_bytes)
    receipt.close()
    window.close()


def _left() -> Qt.MouseButton:
    return Qt.MouseButton.LeftButton
