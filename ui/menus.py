"""The main window's menu bar and its keyboard shortcuts; each item calls one controller action."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from desktop.domain import MessageKind, Status
from desktop.session import DeskIdentity

if TYPE_CHECKING:
    from ui.mainwindow import MainWindow


class WindowMenus(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        c = window.controller
        queue = window.queue_pane
        bar = window.menuBar()
        file_menu = bar.addMenu(self.tr("&Berkas"))
        self.act_walk_in = self._add(
            file_menu, self.tr("Pengaduan &langsung\u2026"), "Ctrl+N", c.open_walk_in
        )
        file_menu.addSeparator()
        self.act_settings = self._add(file_menu, self.tr("&Pengaturan\u2026"), "Ctrl+,", c.open_settings)
        self.act_login = self._add(file_menu, self.tr("&Masuk\u2026"), None, c.open_login)
        self.act_logout = self._add(file_menu, self.tr("&Keluar akun"), None, c.logout)
        file_menu.addSeparator()
        self._add(file_menu, self.tr("&Tutup"), "Ctrl+Q", window.close)

        ticket_menu = bar.addMenu(self.tr("&Tiket"))
        self._add(ticket_menu, self.tr("Tiket &berikutnya"), "Ctrl+Down", lambda: queue.move_selection(1))
        self._add(ticket_menu, self.tr("Tiket &sebelumnya"), "Ctrl+Up", lambda: queue.move_selection(-1))
        self._add(ticket_menu, self.tr("&Balas"), "Ctrl+R", lambda: c.start_message(MessageKind.REPLY))
        note = self.tr("&Catatan internal")
        self._add(ticket_menu, note, "Ctrl+Shift+N", lambda: c.start_message(MessageKind.NOTE))
        self._add(ticket_menu, self.tr("&Cari"), "Ctrl+F", queue.focus_search)
        # The queue's columns (also the header's right-click menu): which show, from the keyboard.
        self.columns_menu = ticket_menu.addMenu(self.tr("&Kolom antrean"))
        self.columns_menu.aboutToShow.connect(lambda: queue.fill_column_menu(self.columns_menu))
        # The header's status buttons, from the keyboard (Alt+T, U): the ones the shown ticket allows.
        self.status_menu = ticket_menu.addMenu(self.tr("&Ubah status"))
        self.status_menu.aboutToShow.connect(self._fill_status_menu)
        self.act_deadlines = self._add(
            ticket_menu,
            self.tr("Tampilkan semua &tenggat"),
            "Ctrl+Shift+D",
            window.ticket_view.deadlines_toggle.click,
        )
        ticket_menu.addSeparator()
        self.act_receipt = self._add(
            ticket_menu, self.tr("Cetak &tanda terima\u2026"), "Ctrl+P", c.print_receipt
        )
        self.act_receipt.setEnabled(False)

        self.supervisor_menu = bar.addMenu(self.tr("&Supervisor"))
        spv = self.supervisor_menu
        self.act_reassign = self._add(
            spv, self.tr("&Tugaskan ke petugas\u2026"), "Ctrl+Shift+A", c.open_reassign
        )
        self.act_transfer = self._add(spv, self.tr("&Alihkan ke OPD lain\u2026"), None, c.open_transfer)
        self.act_workload = self._add(spv, self.tr("&Beban kerja petugas"), None, c.open_workload)

        report_menu = bar.addMenu(self.tr("&Laporan"))
        self.act_summary = self._add(
            report_menu, self.tr("Ringkasan &kinerja\u2026"), "Ctrl+Shift+P", c.open_summary
        )
        self.act_export_queue = self._add(
            report_menu, self.tr("&Ekspor antrean\u2026"), "Ctrl+Shift+E", c.export_queue
        )

        sync_menu = bar.addMenu(self.tr("Sin&kron"))
        self.act_sync = self._add(sync_menu, self.tr("&Sinkronkan sekarang"), "F5", c.sync_now)
        self._add(sync_menu, self.tr("&Kotak konflik\u2026"), None, c.open_inbox)

    def _fill_status_menu(self) -> None:
        self.status_menu.clear()
        view = self.window.ticket_view
        shown = [(s, b) for s, b in view.status_buttons.items() if not b.isHidden() and b.isEnabled()]
        if view.detail is None or not shown:
            none = self.status_menu.addAction(self.tr("(tidak ada yang bisa diubah)"))
            none.setEnabled(False)
            return
        for status, button in shown:
            action = self.status_menu.addAction(button.text())
            action.triggered.connect(partial(self._change_status, status))

    def _change_status(self, status: Status, _checked: bool = False) -> None:
        self.window.controller.change_status(status)

    def show_identity(self, identity: DeskIdentity | None) -> None:
        supervisor = identity is not None and identity.is_supervisor
        for action in (self.act_reassign, self.act_transfer, self.act_workload):
            action.setEnabled(supervisor)
            action.setVisible(supervisor)
        self.supervisor_menu.menuAction().setVisible(supervisor)
        self.act_logout.setEnabled(identity is not None)
        # A summary is scoped by who asks: it needs a logged-in identity (even an offline one).
        self.act_summary.setEnabled(identity is not None)
        self.act_summary.setToolTip("" if identity else self.tr("Masuk dulu untuk mencetak ringkasan."))

    def _add(self, menu: QMenu, text: str, shortcut: str | None, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        return action
