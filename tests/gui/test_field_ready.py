"""The window's part of issues 20, 15 and 16: the queue's columns by width, exporting the queue,
the walk-in's registrar on a receipt printed at another desk, sync failures in the status bar,
and logging out and unlocking the store with words an officer understands."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from db import models
from desktop import actions
from desktop.documents import receipt_pdf
from desktop.session import load_identity
from desktop.settings import Settings
from desktop.store import LocalStore
from tests.gui.conftest import DeskFactory
from tests.helpers.live_server import LiveServer
from tests.helpers.store import ticket_row
from ui.mainwindow import MainWindow
from ui.queue_model import Column
from ui.queue_pane import COLUMN_PRIORITY, choose_columns
from ui.tasks import TaskManager


def _window(qtbot: QtBot, store: LocalStore, settings: Settings | None = None) -> MainWindow:
    window = MainWindow(store, settings or Settings(), store.data_dir, tasks=TaskManager(inline=True))
    qtbot.addWidget(window)
    window.sync.stop()
    window.resize(1366, 768)
    window.show()
    return window


@pytest.fixture
def local(tmp_path: Path) -> Iterator[LocalStore]:
    """A desk with three tickets, one of them ``rahasia``, none synced (no server needed)."""
    store = LocalStore.open(tmp_path / "desk")
    with store.write() as session:
        session.add(models.Opd(code="DINKES-BWI", name="Dinas Kesehatan", tz="Asia/Jakarta"))
        session.add_all(
            [
                ticket_row(tracking_no="DINKES-BWI-2603-00001", title="Lampu jalan mati"),
                ticket_row(
                    tracking_no="DINKES-BWI-2603-00002", title="Antrean puskesmas", status="didisposisi"
                ),
                ticket_row(
                    tracking_no="DINKES-BWI-2603-00003",
                    title="Pungutan liar di loket",
                    confidentiality="rahasia",
                    reporter_name="Wahyu Setiawan",
                    reporter_contact="087423725707",
                ),
            ]
        )
    yield store
    store.close()


# -- the queue's columns ---------------------------------------------------------------------


def test_columns_come_in_priority_order_while_they_fit_and_the_officer_s_choice_wins() -> None:
    widths = dict.fromkeys(Column, 100)
    assert choose_columns(350, widths, {}) == set(COLUMN_PRIORITY[:3])
    assert choose_columns(10_000, widths, {}) == set(Column)
    # Hidden stays hidden however wide; shown is shown however narrow (then the table scrolls).
    assert Column.DEADLINE not in choose_columns(10_000, widths, {"deadline": False})
    assert Column.CATEGORY in choose_columns(10, widths, {"category": True})


def test_the_header_menu_shows_a_hidden_column_and_the_window_remembers_it(
    qtbot: QtBot, local: LocalStore
) -> None:
    window = _window(qtbot, local)
    qtbot.waitUntil(lambda: window.queue_model.rowCount() == 3)
    pane = window.queue_pane
    assert Column.REPORTER not in pane.visible_columns()  # no room at 1366 x 768
    assert not pane.table.horizontalScrollBar().isVisible()

    menu = pane.column_menu()
    reporter = next(a for a in menu.actions() if a.text() == "Pelapor")
    deadline = next(a for a in menu.actions() if a.text() == "Tenggat berisiko")
    assert not reporter.isChecked() and deadline.isChecked()
    assert not next(a for a in menu.actions() if a.text() == "Nomor").isEnabled()
    reporter.trigger()
    deadline.trigger()

    assert Column.REPORTER in pane.visible_columns()
    assert Column.DEADLINE not in pane.visible_columns()
    assert Settings.load(local.data_dir).queue_columns == {"reporter": True, "deadline": False}
    # The rahasia reporter is shown as withheld, whole name in no cell.
    row = window.queue_model.row_of(
        next(r.id for r in window.queue_model.loaded_rows() if r.tracking_no.endswith("00003"))
    )
    assert window.queue_model.index(row, Column.REPORTER).data() == "Identitas dirahasiakan"

    # The next start shows the same columns; "Pilih otomatis" forgets the choice.
    again = _window(qtbot, local, Settings.load(local.data_dir))
    qtbot.waitUntil(lambda: again.queue_model.rowCount() == 3)
    assert Column.REPORTER in again.queue_pane.visible_columns()
    assert Column.DEADLINE not in again.queue_pane.visible_columns()
    menu = again.queue_pane.column_menu()
    next(a for a in menu.actions() if a.text() == "Pilih otomatis menurut lebar").trigger()
    assert Settings.load(local.data_dir).queue_columns == {}
    assert Column.DEADLINE in again.queue_pane.visible_columns()

    # From the keyboard: Tiket > Kolom antrean holds the same ticks.
    again.menus.columns_menu.aboutToShow.emit()
    texts = [a.text() for a in again.menus.columns_menu.actions() if a.isCheckable()]
    assert texts[:3] == ["Nomor", "Kanal", "Judul"]


# -- exporting the queue ---------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_writes_the_view_shown_with_the_masking_of_print(
    qtbot: QtBot, local: LocalStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    window = _window(qtbot, local)
    qtbot.waitUntil(lambda: window.queue_model.rowCount() == 3)
    out = tmp_path / f"antrean{suffix}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert window.menus.act_export_queue.shortcut().toString() == "Ctrl+Shift+E"
    window.menus.act_export_queue.trigger()  # what Ctrl+Shift+E and the "Ekspor…" button do

    if suffix == ".csv":
        rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(out, read_only=True).active
        assert sheet is not None
        rows = [["" if v is None else str(v) for v in r] for r in sheet.iter_rows(values_only=True)]
    head, body = rows[0], rows[1:]
    assert head[0] == "Nomor tiket"
    assert sorted(r[0] for r in body) == [f"DINKES-BWI-2603-0000{i}" for i in (1, 2, 3)]
    text = "\n".join(",".join(r) for r in rows)
    assert "Pungutan liar" not in text and "Wahyu Setiawan" not in text and "087423725707" not in text
    assert "3 tiket diekspor" in window.controller.last_message.text()

    # A narrowed view exports only what it shows.
    status = window.queue_pane.status_filter
    status.setCurrentIndex(status.findData("didisposisi"))
    qtbot.waitUntil(lambda: window.queue_model.rowCount() == 1)
    window.controller.export_queue_to(out)
    if suffix == ".csv":
        rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        assert [r[0] for r in rows[1:]] == ["DINKES-BWI-2603-00002"]


# -- the registrar of a walk-in taken at another desk ----------------------------------------


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_walk_in_from_another_desk_prints_with_the_officer_who_registered_it(
    server: LiveServer, desks: DeskFactory
) -> None:
    from ui.sync_status import run_sync

    counter = desks.login(server, "loket", "petugas.dinkes")
    walk_in = actions.walk_in(
        counter, name="Siti Aminah", contact="0812", title="Antrean lama", body="Antre tiga jam."
    )
    run_sync(counter)
    server.intake(title="Lampu PJU mati")
    office = desks.login(server, "kantor", "spv.dinkes")
    with office.read() as session:
        registrar = session.get(models.Officer, "petugas.dinkes")
        printer = session.get(models.Officer, "spv.dinkes")
        channel_no = session.query(models.Ticket.tracking_no).filter_by(channel="twitter").scalar()
    assert registrar is not None and printer is not None

    viewer = load_identity(office)
    text = _pdf_text(receipt_pdf(office, walk_in.tracking_no, "a4", viewer=viewer))
    assert "Petugas penerima" in text
    assert registrar.name in text  # who took it in at the counter, not the supervisor who prints
    assert printer.name not in text
    # A complaint that came through a channel has nobody "receiving" it at a desk.
    assert registrar.name not in _pdf_text(receipt_pdf(office, channel_no, "a4", viewer=viewer))


# -- sync failures in the status bar ---------------------------------------------------------


def test_the_status_bar_says_how_many_syncs_failed_in_a_row_since_when_and_why(
    server: LiveServer, desks: DeskFactory, offline: Callable[[bool], None]
) -> None:
    window = desks.window(desks.login(server, "s", "petugas.dinkes"))
    error = window.sync_bar.error
    assert error.isHidden()
    offline(True)
    for _ in range(3):
        window.controller.sync_now()
    assert error.isVisible()
    # Started today: the time alone, so the reason fits beside it.
    assert error.text().startswith("Sinkron gagal 3 kali berturut-turut sejak ")
    assert " WIB: Server tidak dapat dihubungi" in error.text()
    assert error.toolTip().startswith("Sinkronisasi gagal 3 kali berturut-turut sejak ")
    assert "Terakhir: " in error.toolTip() and "Sinkron terakhir berhasil: " in error.toolTip()
    assert window.width() == 1600  # a long reason gives way ("…"), never widens the window
    assert window.sync_bar.last.isHidden()  # its room goes to the reason (the tooltip says it)

    offline(False)
    window.controller.sync_now()
    assert error.isHidden() and window.sync_bar.last.isVisible()


# -- logging out --------------------------------------------------------------------------


def test_logout_says_the_waiting_ops_stay_and_asks_first(
    server: LiveServer, desks: DeskFactory, offline: Callable[[bool], None]
) -> None:
    server.intake(title="Lampu PJU mati")
    store = desks.login(server, "k", "petugas.dinkes")
    window = desks.window(store)
    offline(True)
    number = window.queue_model.loaded_rows()[0].tracking_no
    actions.reply(store, number, "Terima kasih, segera kami tindak lanjuti.")

    window.menus.act_logout.trigger()
    box = window.controller.logout_box
    assert box.isVisible()
    assert "Masih ada 1 op yang belum terkirim" in box.text()
    assert "akan terkirim saat petugas.dinkes masuk lagi" in box.text()
    assert "/" not in box.text()  # Indonesian only: the English half is for the terminal
    box.reject()
    assert window.queue_model.rowCount() == 1  # cancelled: nothing removed

    window.menus.act_logout.trigger()
    window.controller.logout_button.click()
    with store.read() as session:
        assert session.query(models.OutboxOp).count() == 1  # the reply still waits, encrypted
        # Its ticket stays for the op, without the reporter (who was shown before logging out).
        kept = session.query(models.Ticket).one()
        assert (kept.reporter_name, kept.reporter_contact, kept.body) == (None, None, "")
    assert [r.reporter_name for r in window.queue_model.loaded_rows()] == [None]


# -- unlocking the store without a keyring ---------------------------------------------------


@pytest.fixture
def no_keyring() -> Iterator[None]:
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def _then(*steps: Callable[[object], None]) -> None:
    """Act on each modal dialog in turn as it opens (each step runs when the event loop does)."""

    def run(i: int) -> None:
        if i >= len(steps):
            return
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # the next dialog is not open yet: the loop will come round again
            QTimer.singleShot(0, lambda: run(i))
            return
        steps[i](dialog)
        QTimer.singleShot(0, lambda: run(i + 1))

    QTimer.singleShot(0, lambda: run(0))


def test_without_a_keyring_the_officer_is_told_and_may_choose_a_passphrase(
    qtbot: QtBot, tmp_path: Path, no_keyring: None
) -> None:
    from ui.unlock_dialog import NoKeyringDialog, PassphraseDialog, unlock_store

    data = tmp_path / "desk"
    seen: dict[str, str] = {}

    def explain(dialog: object) -> None:
        assert isinstance(dialog, NoKeyringDialog)
        seen["why"] = dialog.text() + "\n" + dialog.informativeText()
        dialog.passphrase_button.click()

    def first_time(dialog: object) -> None:
        assert isinstance(dialog, PassphraseDialog) and dialog.new and dialog.again.isVisibleTo(dialog)
        dialog.passphrase.setText("pendek")
        dialog.again.setText("pendek")
        dialog.ok_button.click()
        seen["short"] = dialog.error.text()
        dialog.passphrase.setText("kopi tubruk di meja loket")
        dialog.again.setText("kopi tubruk di meja lokett")
        dialog.ok_button.click()
        seen["differ"] = dialog.error.text()
        dialog.again.setText("kopi tubruk di meja loket")
        dialog.ok_button.click()

    _then(explain, first_time)
    store = unlock_store(data)
    assert store is not None and store.encrypted
    store.close()
    assert "keyring" in seen["why"] and "frasa sandi" in seen["why"]
    assert "tidak pernah disimpan tanpa enkripsi" in seen["why"]
    assert seen["short"] == "Frasa sandi terlalu pendek: paling sedikit 12 karakter."
    assert seen["differ"] == "Kedua frasa sandi tidak sama. Ketik ulang keduanya."

    # The next start asks once; a wrong passphrase says so and the officer tries again.
    def later(dialog: object) -> None:
        assert isinstance(dialog, PassphraseDialog) and not dialog.new
        assert not dialog.again.isVisibleTo(dialog)
        dialog.passphrase.setText("teh manis hangat sekali")
        dialog.ok_button.click()
        seen["wrong"] = dialog.error.text()
        assert dialog.isVisible()
        dialog.passphrase.setText("kopi tubruk di meja loket")
        dialog.ok_button.click()

    _then(later)
    again = unlock_store(data)
    assert again is not None
    again.close()
    assert seen["wrong"] == "Frasa sandi salah: data di komputer ini tidak dapat dibuka. Coba lagi."


def test_closing_instead_of_choosing_a_passphrase_stores_nothing(
    qtbot: QtBot, tmp_path: Path, no_keyring: None
) -> None:
    from ui.unlock_dialog import NoKeyringDialog, unlock_store

    def close(dialog: object) -> None:
        assert isinstance(dialog, NoKeyringDialog)
        dialog.close_button.click()

    _then(close)
    assert unlock_store(tmp_path / "desk") is None
    assert not (tmp_path / "desk" / "tanggap.sqlite3").exists()


def test_a_locked_keyring_that_holds_the_key_is_said_and_nothing_else_is_offered(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    import keyring.errors
    from keyring.backend import KeyringBackend
    from PySide6.QtWidgets import QMessageBox

    from desktop import privacy
    from ui.unlock_dialog import unlock_store

    data = tmp_path / "desk"
    LocalStore.open(data).close()  # made with the keyring, which then locks

    class LockedKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            raise keyring.errors.KeyringLocked("locked")

        def set_password(self, service: str, username: str, password: str) -> None:
            raise keyring.errors.KeyringLocked("locked")

        def delete_password(self, service: str, username: str) -> None:
            raise keyring.errors.KeyringLocked("locked")

    monkeypatch.setattr(privacy, "_key_cache", {})  # as in a new process
    previous = keyring.get_keyring()
    keyring.set_keyring(LockedKeyring())
    said: list[str] = []

    def read_and_close(box: object) -> None:
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        box.accept()

    try:
        _then(read_and_close)
        assert unlock_store(data) is None
    finally:
        keyring.set_keyring(previous)
    assert "terkunci" in said[0] and "data Anda tetap utuh" in said[0]
    assert "The keyring is locked" not in said[0]  # Indonesian only: the English half is for the terminal
