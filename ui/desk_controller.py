"""What an officer can do from the main window, one line per action.

A write goes to the core through ``write``: the core's ``local_write`` runs the action on the
database thread and says in its ``Changes`` that a sync is wanted, and the task manager
broadcasts them (the sync controller starts the sync, each view refreshes itself). Dialogs are
opened here and kept on the controller, so tests and the garbage collector see the open one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop import labels
from desktop.changes import Changes
from desktop.domain import REASON_REQUIRED, Channel, Message, MessageKind, Status
from desktop.session import LogoutPreview
from desktop.sync.run import local_write
from ui import message_card as card
from ui.signals import emit

if TYPE_CHECKING:
    from types import ModuleType

    from ui.mainwindow import MainWindow


def _actions() -> ModuleType:
    """``desktop.actions`` when first used: it brings the HTTP stack, which the first screen does not need."""
    from desktop import actions

    return actions


class DeskController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.store = window.store
        self.tasks = window.tasks
        # The open non-modal dialog (reason, reassign, transfer, settings), kept for tests and GC.
        self.dialog: QDialog | None = None
        self.preview: object = None  # the last print preview opened (receipt or summary)

    # -- writes: one line each ------------------------------------------------------------------

    def write(
        self, action: Callable[[], object], label: str = "", then: Callable[[], None] | None = None
    ) -> None:
        def done(_changes: Changes) -> None:
            if then is not None:
                then()

        self.tasks.mutate(
            lambda: local_write(action), done, initiator=self, label=label, on_error=self.refuse
        )

    def submit_message(self, kind: MessageKind, text: str) -> None:
        if (no := self._shown()) is not None:
            act = _actions().reply if kind is MessageKind.REPLY else _actions().note
            view = self.window.ticket_view
            if kind is MessageKind.REPLY and view.reply_all.isVisible() and view.reply_all.isChecked():
                from desktop import incidents  # answer once: one reply op per linked ticket

                act = incidents.reply
            self.write(
                lambda: act(self.store, no, text), self.tr("Menyimpan"), self.window.ticket_view.editor.clear
            )

    def link_candidate(self, candidate: str) -> None:
        """ "Tautkan": the candidate joins the shown ticket's incident (made from it if it has none)."""
        if (no := self._shown()) is not None:
            from desktop import incidents

            self.write(lambda: incidents.link(self.store, [candidate], to=no), self.tr("Menautkan"))

    def unlink_shown(self) -> None:
        if (no := self._shown()) is not None:
            from desktop import incidents

            self.write(lambda: incidents.unlink(self.store, no), self.tr("Melepaskan"))

    def attach_file(self, path: Path) -> None:
        if (no := self._shown()) is not None:
            self.write(lambda: _actions().attach(self.store, no, path), self.tr("Melampirkan berkas"))

    def set_status(self, tracking_no: str, status: Status, reason: str) -> None:
        self.write(lambda: _actions().set_status(self.store, tracking_no, status, reason=reason))

    def reassign(self, tracking_numbers: list[str], username: str) -> None:
        """One op per ticket, so each is its own compare-and-set on the server."""
        self.write(
            lambda: [_actions().assign(self.store, no, username) for no in tracking_numbers],
            self.tr("Menugaskan"),
        )

    def transfer(self, tracking_no: str, opd_code: str, reason: str) -> None:
        self.write(lambda: _actions().transfer(self.store, tracking_no, opd_code, reason=reason))

    def logout(self) -> None:
        """ "Keluar akun": say first what stays (ops waiting go out at the same officer's next login)
        and what goes (every reporter's data), and log out only when the officer confirms."""
        from desktop import session

        self.tasks.run_db(lambda: session.logout_preview(self.store), self._confirm_logout)

    def _confirm_logout(self, preview: LogoutPreview) -> None:
        halves = preview.message.split(" / ")
        box = QMessageBox(
            QMessageBox.Icon.Question if not preview.waiting_ops else QMessageBox.Icon.Warning,
            self.tr("Keluar akun?"),
            halves[-1] if self.window.lang == "en" else halves[0],
            parent=self.window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(self.tr("Lanjutkan keluar akun?"))
        self.logout_button = box.addButton(self.tr("Keluar akun"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("Batal"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.finished.connect(lambda _r: self._logout_if(box.clickedButton() is self.logout_button))
        self.logout_box = box
        box.open()

    def _logout_if(self, confirmed: bool) -> None:
        if not confirmed:
            return
        from desktop import session

        self.tasks.run_io(
            lambda: session.logout(self.store),
            lambda c: self.tasks.announce(c, self),
            label=self.tr("Keluar akun"),
        )

    def sync_now(self) -> None:
        if self.window.identity is not None:
            self.window.sync.sync_now()

    # -- actions that ask first ---------------------------------------------------------------

    def change_status(self, status: Status) -> None:
        if (no := self._shown()) is None:
            return
        if status not in REASON_REQUIRED:
            self.set_status(no, status, "")
            return
        from ui.reason_dialog import ReasonDialog

        dialog = ReasonDialog(
            self.tr("Alasan: %1").replace("%1", labels.status_label(status, self.window.lang)),
            self.tr("Tulis alasan yang dapat dibaca pelapor atau OPD penerima."),
            self.window,
        )
        dialog.accepted.connect(lambda: self.set_status(no, status, dialog.reason()))
        self._open(dialog)

    def open_reassign(self) -> None:
        numbers = self.window.queue_pane.selected_tracking_numbers()
        if not self.window.is_supervisor or not numbers:
            return
        from ui.supervisor import ReassignDialog

        opd = self.window.identity.opd_code if self.window.identity else ""
        dialog = ReassignDialog(self.window.directory, opd, numbers, self.window)
        dialog.accepted.connect(lambda: self.reassign(numbers, dialog.officer()))
        self._open(dialog)

    def open_transfer(self) -> None:
        detail = self.window.detail
        if not self.window.is_supervisor or detail is None:
            return
        from ui.supervisor import TransferDialog

        no = detail.ticket.tracking_no
        dialog = TransferDialog(self.window.directory, detail.ticket, self.window)
        dialog.accepted.connect(lambda: self.transfer(no, dialog.opd_code(), dialog.reason()))
        self._open(dialog)

    def open_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.window.settings, self.window.data_dir, self.window)
        dialog.accepted.connect(self.window.after_settings)
        self._open(dialog)

    # -- windows of their own -----------------------------------------------------------------

    def open_walk_in(self) -> None:
        from ui.walk_in_dialog import WalkInDialog

        w = self.window
        self.walk_in_dialog = WalkInDialog(self.tasks, self.store, w.directory, w.data_dir, w.settings, w)
        self.walk_in_dialog.saved.connect(w.show_new_ticket)
        self.walk_in_dialog.open()

    def open_login(self) -> None:
        from ui.login_dialog import LoginDialog

        w = self.window
        self.login_dialog = LoginDialog(self.tasks, self.store, w.settings, w.data_dir, w)
        self.login_dialog.open()

    def open_inbox(self) -> None:
        from ui.inbox import InboxDialog

        self.inbox_dialog = InboxDialog(
            self.tasks, self.store, self.window.directory, self.window.lang, self.window
        )
        self.inbox_dialog.show()

    def open_workload(self) -> None:
        if not self.window.is_supervisor:
            return
        from ui.supervisor import WorkloadPanel

        w = self.window
        self.workload_panel = WorkloadPanel(
            self.tasks, self.store, w.directory, w.identity, w.lang, w.clock, w
        )
        self.workload_panel.show()

    def open_summary(self) -> None:
        w = self.window
        if w.identity is None:
            return
        from ui.summary_dialog import SummaryDialog

        today = w.clock().astimezone(ZoneInfo(w.directory.tz(w.identity.opd_code))).date()
        dialog = SummaryDialog(
            self.tasks, self.store, w.settings, w.data_dir, w.identity, w.directory, today, w
        )
        dialog.opened.connect(self.keep_preview)
        dialog.open()
        self.summary_dialog = dialog

    def export_queue(self) -> None:
        """ "Ekspor antrean…": the view as shown (its filters and search), to CSV or XLSX."""
        from PySide6.QtWidgets import QFileDialog

        w = self.window
        stem = "antrean" if w.lang == "id" else "queue"
        suggested = w.data_dir.parent / f"{stem}-{w.current_view.value}-{w.clock().date().isoformat()}.xlsx"
        path, _filter = QFileDialog.getSaveFileName(
            w,
            self.tr("Ekspor antrean"),
            str(suggested),
            self.tr("Buku kerja Excel (*.xlsx);;CSV (*.csv)"),
        )
        if path:
            self.export_queue_to(Path(path))

    def export_queue_to(self, path: Path) -> None:
        """Every row of the view shown, with the masking of print: no ``rahasia`` title, no
        ``rahasia``/``anonim`` reporter (desktop.export, as ``tanggap export queue``)."""
        w = self.window
        fmt = "csv" if path.suffix.lower() == ".csv" else "xlsx"
        if fmt == "xlsx" and path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        flt, lang = w.queue_model.filter, w.lang
        tz = w.directory.tz(w.identity.opd_code) if w.identity else "Asia/Jakarta"
        now = w.clock()

        def build() -> int:
            from desktop.export import queue_table, write_tables

            table = queue_table(self.store, flt, tz=tz, lang=lang, now=now)
            write_tables([table], fmt, path)
            return len(table.rows)

        def done(count: int) -> None:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Ekspor antrean"),
                self.tr("%n tiket diekspor ke %1", "", count).replace("%1", str(path)),
                parent=w,
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.open()
            self.last_message = box

        self.tasks.run_db(build, done, label=self.tr("Mengekspor antrean"), on_error=self._export_failed)

    def _export_failed(self, exc: BaseException) -> None:
        from desktop.export import ExportError

        if isinstance(exc, ExportError):
            self.say(str(exc).split(" / ")[0])
            return
        emit(self.tasks.failed, self.tr("Mengekspor antrean"), exc)

    def print_receipt(self) -> None:
        """The shown ticket's receipt in the print preview (paper chosen there, remembered)."""
        if (no := self._shown()) is not None:
            self.window.receipts.open(no)

    # -- a reply that has not reached the citizen (ui.message_card's buttons) -------------------

    def delivery_action(self, action: str, message: Message) -> None:
        detail = self.window.detail
        if detail is None or message.ticket_id != detail.ticket.id:
            return
        no, channel = detail.ticket.tracking_no, detail.ticket.channel
        if action == card.COPY:
            QGuiApplication.clipboard().setText(message.body)
            self.window.statusBar().showMessage(self.tr("Balasan disalin ke papan klip"), 4000)
        elif action == card.OPEN:
            self.window.ticket_view.open_original()
        elif action == card.LETTER:
            self.window.receipts.open_letter(no, message.id)
        elif action == card.RESEND:
            self.write(lambda: _actions().resend(self.store, no, message.id), self.tr("Mengirim ulang"))
        elif action == card.ELSEWHERE:
            from ui.delivery_dialog import ResendElsewhereDialog

            elsewhere = ResendElsewhereDialog(self.window)
            elsewhere.accepted.connect(lambda: self._resend_to(no, message.id, *elsewhere.chosen()))
            self._open(elsewhere)
        else:  # POSTED, PHONED, HANDED: how it was passed on, with its link, id or note
            from ui.delivery_dialog import MarkDeliveredDialog

            how = "lapor" if action == card.POSTED and channel is Channel.LAPOR else action
            dialog = MarkDeliveredDialog(how, self.window)
            dialog.accepted.connect(
                lambda: self.write(
                    lambda: _actions().mark_delivered(self.store, no, message.id, how, dialog.ref()),
                    self.tr("Menyimpan"),
                )
            )
            self._open(dialog)

    def _resend_to(self, no: str, message_id: str, channel: str, recipient: str) -> None:
        self.write(
            lambda: _actions().resend(self.store, no, message_id, channel=channel, recipient=recipient),
            self.tr("Mengirim ulang"),
        )

    def start_message(self, kind: MessageKind) -> None:
        if self.window.detail is not None:
            self.window.ticket_view.editor.start(kind)

    # -- helpers --------------------------------------------------------------------------------

    def keep_preview(self, preview: object) -> None:
        self.preview = preview

    def refuse(self, exc: BaseException) -> None:
        self.say(str(exc))

    def say(self, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Tidak dapat dilakukan"), message, parent=self.window
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()
        self.last_message = box

    def _shown(self) -> str | None:
        detail = self.window.detail
        return detail.ticket.tracking_no if detail is not None else None

    def _open(self, dialog: QDialog) -> None:
        dialog.open()
        self.dialog = dialog
