"""Render the documentation screenshots from a demo data folder (run ``tanggap demo`` once first).

    QT_QPA_PLATFORM=offscreen python -m ui.screenshots <demo data dir> docs/screenshots
    QT_QPA_PLATFORM=offscreen python -m ui.screenshots --sizes <demo data dir> docs/screenshots

``--sizes``: the queue, a long letter, the reply editor and the supervisor tools at the laptop
sizes the window is built for (1366x768 at 100 %, 1920x1080 at 125 % and 150 %), one process
per scale factor because Qt reads ``QT_SCALE_FACTOR`` once.

Works on a copy of the folder, so the reply and walk-in typed for the pictures never reach
the demo server. Dialogs are drawn over the dimmed main window, as an officer sees them.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from desktop import actions
from desktop.changes import Changes
from desktop.domain import MessageKind
from desktop.queue import QueueFilter, QueueView, fetch_page
from desktop.settings import Settings
from desktop.store import LocalStore
from ui.application import SCREENSHOT_SIZE, ensure_application, install_translators
from ui.mainwindow import MainWindow
from ui.tasks import TaskManager


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def _window(store: LocalStore, data_dir: Path, lang: str) -> MainWindow:
    settings = Settings.load(data_dir)
    settings.language = lang
    window = MainWindow(store, settings, data_dir, tasks=TaskManager(inline=True))
    window.sync.stop()
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    _settle()
    return window


def _over(window: MainWindow, dialog: QWidget, path: Path, wait_ms: int = 0) -> None:
    """The window dimmed, the dialog centred on it, with a soft shadow.

    ``wait_ms``: let background rendering finish first (QtPdf draws pages on a worker thread).
    """
    dialog.resize(dialog.size().expandedTo(dialog.sizeHint()).expandedTo(dialog.minimumSize()))
    dialog.show()
    _settle()
    if wait_ms:
        from PySide6.QtTest import QTest

        QTest.qWait(wait_ms)
    base = window.grab()
    front = dialog.grab()
    canvas = QPixmap(base.size())
    canvas.setDevicePixelRatio(base.devicePixelRatio())
    painter = QPainter(canvas)
    painter.drawPixmap(0, 0, base)
    painter.fillRect(base.rect(), QColor(16, 24, 40, 110))
    at = QPoint((window.width() - dialog.width()) // 2, (window.height() - dialog.height()) // 2)
    painter.setPen(Qt.PenStyle.NoPen)
    for i, alpha in enumerate((40, 28, 16)):
        painter.setBrush(QColor(0, 0, 0, alpha))
        painter.drawRoundedRect(
            at.x() - 2 - i * 2,
            at.y() + 2 - i,
            dialog.width() + 4 + i * 4,
            dialog.height() + 4 + i * 4,
            10,
            10,
        )
    painter.drawPixmap(at, front)
    painter.end()
    canvas.save(str(path), "PNG", 0)  # zlib level 9
    dialog.close()


def _select_first_with_thread(window: MainWindow) -> None:
    best = 0
    for i, row in enumerate(window.queue_model.loaded_rows()[:40]):
        if row.status.is_open and row.reporter_name and not row.identity_hidden:
            best = i
            break
    window.queue_pane.select_row(best)
    _settle()


def render(source: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tanggap-shots-") as tmp:
        data_dir = Path(tmp) / "data"
        shutil.copytree(source, data_dir, ignore=shutil.ignore_patterns("*.lock", "demo-server.*"))
        app = ensure_application("id")
        store = LocalStore.open(data_dir)
        try:
            # Main window, Indonesian and English
            window = _window(store, data_dir, "id")
            _select_first_with_thread(window)
            window.grab().save(str(out / "main-id.png"))
            tracking_no = window.detail.ticket.tracking_no if window.detail else ""

            # The ticket: a reply waiting for sync and an internal note, the thread open
            if tracking_no:
                actions.note(
                    store, tracking_no, "Sudah dikoordinasikan dengan kepala puskesmas; cek lapangan Kamis."
                )
                actions.reply(
                    store,
                    tracking_no,
                    "Terima kasih atas laporannya. Petugas kami sudah meneruskan ke puskesmas terkait "
                    "dan akan mengabari perkembangannya.",
                )
                window.tasks.announce(Changes(queue=True, outbox=True))
                _settle()
                window.ticket_view.tabs.setCurrentIndex(1)
                window.ticket_view.editor.start(MessageKind.NOTE)
                window.ticket_view.editor.text.setPlainText("Mohon dicek ulang data kepesertaan pelapor.")
                _settle()
                window.grab().save(str(out / "ticket.png"))
                window.ticket_view.editor.clear()
                window.ticket_view.editor.start(MessageKind.REPLY)
                window.ticket_view.tabs.setCurrentIndex(0)

            # Walk-in dialog, filled in with one problem left to fix
            window.controller.open_walk_in()
            dialog = window.controller.walk_in_dialog
            dialog.name.setText("Sulastri")
            dialog.contact.setText("0812-3456-7890")
            dialog.title.setText("Bidan desa jarang hadir di Polindes Kemiren")
            dialog.body.setPlainText(
                "Sudah dua minggu Polindes Kemiren tutup pada jam layanan. Ibu hamil harus ke puskesmas "
                "kecamatan yang jauh. Mohon bidan desa dijadwalkan kembali."
            )
            dialog.location.setText("Desa Kemiren, Kecamatan Glagah")
            dialog.category.setCurrentIndex(min(1, dialog.category.count() - 1))
            _over(window, dialog, out / "walk-in.png")
            window.controller.open_walk_in()
            dialog = window.controller.walk_in_dialog
            dialog.name.setText("Sulastri")
            dialog.contact.setText("surel-salah")
            dialog.body.setPlainText("Tutup.")
            dialog.save()
            _over(window, dialog, out / "walk-in-validation.png")

            # A walk-in's receipt in the print preview (A5, as a front desk would pick)
            walk_in = actions.walk_in(
                store,
                name="Sulastri",
                contact="0812-3456-7890",
                title="Bidan desa jarang hadir di Polindes Kemiren",
                body=(
                    "Sudah dua minggu Polindes Kemiren tutup pada jam layanan. Ibu hamil harus ke "
                    "puskesmas kecamatan yang jauh. Mohon bidan desa dijadwalkan kembali."
                ),
                category=next(iter(sorted(window.directory.categories)), None),
                confidentiality="public",
                location="Desa Kemiren, Kecamatan Glagah",
            )
            window.tasks.announce(walk_in.changes)
            window.settings.printers["receipt"] = {"layout": "a5"}
            if walk_in.tracking_no:
                window.receipts.open(walk_in.tracking_no)
                preview = window.receipts.preview
                if preview is not None:
                    _over(window, preview, out / "print-preview.png", wait_ms=1500)

            # The performance summary: period and scope
            window.controller.open_summary()
            summary = getattr(window.controller, "summary_dialog", None)
            if summary is not None:
                _over(window, summary, out / "summary-dialog.png")

            # Supervisor tools: reassigning several tickets, and the workload panel
            window.sidebar.view_list.setCurrentIndex(
                window.view_model.index(window.view_model.row_of(QueueView.UNASSIGNED), 0)
            )
            _settle()
            selection = window.queue_pane.table.selectionModel()
            selection.clearSelection()
            for i in range(min(3, window.queue_model.rowCount())):
                selection.select(
                    window.queue_model.index(i, 0),
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )
            _settle()
            window.controller.open_reassign()
            if window.controller.dialog is not None:
                _over(window, window.controller.dialog, out / "supervisor-reassign.png")
            window.controller.open_workload()
            _over(window, window.controller.workload_panel, out / "supervisor.png")
            window.controller.open_inbox()
            _over(window, window.controller.inbox_dialog, out / "inbox.png")
            from ui.login_dialog import LoginDialog

            _over(
                window, LoginDialog(window.tasks, store, window.settings, data_dir, window), out / "login.png"
            )
            window.close()

            install_translators(app, "en")
            window = _window(store, data_dir, "en")
            _select_first_with_thread(window)
            window.grab().save(str(out / "main-en.png"))
            window.close()
            install_translators(app, "id")
            rows = fetch_page(store, QueueFilter(), None, 1)
            print(f"screenshots in {out} ({len(rows)} ticket(s) checked)")
        finally:
            store.close()


DOCS_PNG_QUALITY = 0  # zlib level 9: committed pictures are written once and read often

# (logical width, height, scale, file suffix)
LAPTOP_SIZES = (
    (1366, 768, "1", "1366x768"),
    (1536, 864, "1.25", "1920x1080-125"),
    (1280, 720, "1.5", "1920x1080-150"),
)


def render_at_size(source: Path, out: Path, width: int, height: int, suffix: str) -> None:
    """One size: the queue, a ticket with a long letter, the reply editor, the supervisor tools."""
    from desktop.locate import find_number
    from ui.sample_letter import long_letter

    def save(pixmap: QPixmap, name: str) -> None:
        pixmap.save(str(out / f"{name}-{suffix}.png"), "PNG", DOCS_PNG_QUALITY)

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tanggap-shots-") as tmp:
        data_dir = Path(tmp) / "data"
        shutil.copytree(source, data_dir, ignore=shutil.ignore_patterns("*.lock", "demo-server.*"))
        ensure_application("id")
        store = LocalStore.open(data_dir)
        try:
            window = _window(store, data_dir, "id")
            window.resize(width, height)
            _settle()
            window.queue_pane.select_row(0)
            _settle()
            save(window.grab(), "queue")
            _field_ready_screens(window, save, out, suffix)

            letter = actions.walk_in(
                store,
                name="Siti Nurhaliza Kusumawardhani",
                contact="0812-3456-7890",
                title="KTP-el dan KK tidak kunjung jadi setelah tiga kali datang, blanko selalu habis",
                body=long_letter(),
                category=next(iter(sorted(window.directory.categories)), None),
                location="Kel. Kebalenan, Kec. Banyuwangi",
            )
            window.tasks.announce(letter.changes)
            _settle()
            found = find_number(store, letter.tracking_no or "")
            if found is not None:
                window.show_new_ticket(found[0])
                _settle()
            save(window.grab(), "ticket-long-letter")

            editor = window.ticket_view.editor
            editor.start(MessageKind.REPLY)
            editor.text.setPlainText(
                "Yth. Ibu Siti,\n\nTerima kasih atas laporannya 🙏🏻. Blanko KTP-el sudah kami terima kemarin "
                "dan jadwal perekaman untuk Ibu dan ibunda kami buka Kamis pukul 08.00 di loket 2.\n"
                "Mohon membawa KK asli. Bila berhalangan, balas pesan ini dan kami atur jadwal lain.\n\n"
                "Salam,\nDispendukcapil"
            )
            _settle()
            save(window.grab(), "reply-editor")
            editor.clear()

            window.controller.open_workload()
            _over(window, window.controller.workload_panel, out / f"supervisor-{suffix}.png")
            window.sidebar.select_view(QueueView.UNASSIGNED)
            _settle()
            selection = window.queue_pane.table.selectionModel()
            for i in range(min(3, window.queue_model.rowCount())):
                selection.select(
                    window.queue_model.index(i, 0),
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )
            _settle()
            window.controller.open_reassign()
            if window.controller.dialog is not None:
                _over(window, window.controller.dialog, out / f"supervisor-reassign-{suffix}.png")
            window.close()
        finally:
            store.close()


def _with_popup(window: MainWindow, popup: QWidget) -> QPixmap:
    """The window with a popup menu drawn where it opened (a popup is a window of its own)."""
    base = window.grab()
    painter = QPainter(base)
    painter.drawPixmap(popup.mapToGlobal(QPoint(0, 0)) - window.mapToGlobal(QPoint(0, 0)), popup.grab())
    painter.end()
    return base


def _field_ready_screens(
    window: MainWindow, save: Callable[[QPixmap, str], None], out: Path, suffix: str
) -> None:
    """The queue's column menu, sync failing in the status bar, the logout question, and the
    start-up dialogs when the keyring is missing (drawn alone: no window is open yet then)."""
    from datetime import UTC, datetime, timedelta

    from desktop.sync.status import SyncStatus
    from ui.unlock_dialog import NoKeyringDialog, PassphraseDialog

    pane = window.queue_pane
    header = pane.table.horizontalHeader()
    menu = pane.column_menu()
    menu.popup(header.mapToGlobal(QPoint(header.sectionViewportPosition(2) + 40, header.height())))
    _settle()
    save(_with_popup(window, menu), "queue-columns")
    menu.close()

    now = datetime.now(UTC)
    window.sync_bar.show_status(
        SyncStatus(
            logged_in=True,
            online=False,
            ops_waiting=3,
            needs_attention=0,
            last_success_at=now - timedelta(hours=2),
            last_error="Server tidak dapat dihubungi; mencoba lagi dalam 60 detik",
            next_retry_at=None,
            snapshot_in_progress=False,
            failures=5,
            failing_since=now - timedelta(minutes=70),
            last_error_at=now,
        )
    )
    _settle()
    save(window.grab(), "sync-failing")
    window.refresh_status()
    _settle()

    window.controller.logout()
    _settle()
    _over(window, window.controller.logout_box, out / f"logout-confirm-{suffix}.png")

    explain = NoKeyringDialog()
    explain.show()
    _settle()
    save(explain.grab(), "unlock-no-keyring")
    explain.close()

    def refuse(_phrase: str) -> LocalStore:
        from desktop.privacy import WRONG_PASSPHRASE_MESSAGE, StoreKeyUnavailable

        raise StoreKeyUnavailable(WRONG_PASSPHRASE_MESSAGE)

    for new, name in ((True, "unlock-passphrase-new"), (False, "unlock-passphrase-wrong")):
        dialog = PassphraseDialog(refuse, new=new)
        dialog.show()
        dialog.passphrase.setText("x" * 14)
        dialog.again.setText("x" * 14)
        if not new:
            dialog.try_open()
        _settle()
        save(dialog.grab(), name)
        dialog.close()


def render_sizes(source: Path, out: Path) -> None:
    import os
    import subprocess

    for width, height, scale, suffix in LAPTOP_SIZES:
        env = {**os.environ, "QT_SCALE_FACTOR": scale, "QT_QPA_PLATFORM": "offscreen"}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "ui.screenshots",
                "--one",
                str(source),
                str(out),
                str(width),
                str(height),
                suffix,
            ],
            env=env,
            check=True,
        )
    print(f"screenshots at {len(LAPTOP_SIZES)} sizes in {out}")


if __name__ == "__main__":
    if sys.argv[1] == "--sizes":
        render_sizes(Path(sys.argv[2]), Path(sys.argv[3]))
    elif sys.argv[1] == "--one":
        render_at_size(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
    else:
        render(Path(sys.argv[1]), Path(sys.argv[2]))
