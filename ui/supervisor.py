"""Supervisor tools: reassign tickets, transfer to another OPD, see each officer's workload.

The window only shows these to supervisors and admins; the server refuses them from anyone
else anyway (``SUPERVISOR_OPS``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import labels, wording
from desktop.changes import Changes
from desktop.domain import Role, Ticket
from desktop.queue import OfficerLoad, workload
from desktop.session import DeskIdentity
from desktop.store import LocalStore
from desktop.ticket_detail import DeskDirectory
from ui import theme
from ui.field_label import plain_label
from ui.row_model import RowTableModel
from ui.tasks import TaskManager


class ReassignDialog(QDialog):
    """Assign one or many selected tickets to an officer of the OPD."""

    def __init__(
        self,
        directory: DeskDirectory,
        opd_code: str,
        tracking_numbers: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tugaskan ke petugas"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.addWidget(plain_label(self.tr("Tugaskan ke petugas"), "paneTitle"))
        heading = plain_label(self.tr("%n tiket dipilih", "", len(tracking_numbers)), "sectionTitle")
        layout.addWidget(heading)
        shown = ", ".join(tracking_numbers[:6]) + (" \u2026" if len(tracking_numbers) > 6 else "")
        layout.addWidget(plain_label(shown, "muted", wrap=True))
        form = QFormLayout()
        self.combo = QComboBox()
        self.combo.setAccessibleName(self.tr("Petugas tujuan"))
        for officer in sorted(directory.officers.values(), key=lambda o: o.name):
            if opd_code and officer.opd_code != opd_code:
                continue
            role = "" if officer.role is Role.OFFICER else f" ({labels.role_label(officer.role)})"
            self.combo.addItem(f"{officer.name}{role}", officer.username)
        form.addRow(self.tr("Petugas:"), self.combo)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Tugaskan"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("primary")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def officer(self) -> str:
        return str(self.combo.currentData())

    def choose(self, username: str) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findData(username)))


class TransferDialog(QDialog):
    """Transfer a ticket to another OPD ("bukan wewenang") with a reason it can read."""

    def __init__(self, directory: DeskDirectory, ticket: Ticket, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Alihkan ke OPD lain"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(
            plain_label(f"{ticket.tracking_no} \u00b7 {ticket.title}", "sectionTitle", wrap=True)
        )
        form = QFormLayout()
        self.combo = QComboBox()
        self.combo.setAccessibleName(self.tr("OPD tujuan"))
        for opd in sorted(directory.opds.values(), key=lambda o: o.name):
            if opd.code != ticket.opd_code:
                self.combo.addItem(f"{opd.name} ({opd.code})", opd.code)
        form.addRow(self.tr("OPD tujuan:"), self.combo)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Alasan pengalihan"))
        self.text.setPlaceholderText(self.tr("Mengapa pengaduan ini bukan wewenang OPD kita?"))
        self.text.setMinimumHeight(100)
        form.addRow(self.tr("Alasan:"), self.text)
        layout.addLayout(form)
        self.error = plain_label("", "error")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Alihkan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def opd_code(self) -> str:
        return str(self.combo.currentData() or "")

    def reason(self) -> str:
        return self.text.toPlainText().strip()

    def accept(self) -> None:
        if not self.opd_code():
            self.error.setText(self.tr("Pilih OPD tujuan."))
            return
        if not self.reason():
            self.error.setText(self.tr("Alasan pengalihan wajib diisi."))
            return
        super().accept()


class WorkloadModel(RowTableModel):
    def __init__(self, directory: DeskDirectory, tz: str, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.directory = directory
        self.tz = tz
        self.lang = lang
        self.headers = [
            self.tr("Petugas"),
            self.tr("Tiket terbuka"),
            self.tr("Terlambat"),
            self.tr("Tenggat terdekat"),
        ]

    def set_loads(self, loads: list[OfficerLoad]) -> None:
        self.set_rows(loads)

    def cell(self, load: OfficerLoad, col: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == 0:
                return (
                    self.directory.officer_name(load.username)
                    if load.username
                    else self.tr("Belum ditugaskan")
                )
            if col == 1:
                return str(load.open_tickets)
            if col == 2:
                return str(load.breached)
            if load.nearest_deadline is None:
                return "\u2014"
            return wording.format_datetime(load.nearest_deadline, self.tz, self.lang, weekday=False)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == 2 and load.breached:
            return QColor(theme.URGENCY_FG[_breached()])
        if role == Qt.ItemDataRole.FontRole and col == 0 and load.username is None:
            font = QFont()
            font.setItalic(True)
            return font
        return None


def _breached() -> Any:
    from desktop.domain import UrgencyLevel

    return UrgencyLevel.BREACHED


class WorkloadPanel(QDialog):
    """Open tickets per officer and their nearest deadlines, for rebalancing the desk."""

    def __init__(
        self,
        tasks: TaskManager,
        store: LocalStore,
        directory: DeskDirectory,
        identity: DeskIdentity | None,
        lang: str,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Beban kerja petugas"))
        self.setMinimumSize(720, 400)
        opd = identity.opd_code if identity else None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(10)
        opd_name = directory.opds[opd].name if opd and opd in directory.opds else (opd or "")
        layout.addWidget(plain_label(self.tr("Beban kerja petugas"), "paneTitle"))
        layout.addWidget(plain_label(opd_name, "muted"))
        self.model = WorkloadModel(directory, directory.tz(opd or ""), lang, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Tabel beban kerja"))
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(32)
        # A date and time such as "24 November 2026 16.00 WIB" is never shortened.
        for col in (1, 2, 3):
            self.table.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        hint = QLabel(
            self.tr("Pilih tiket di antrean lalu tekan \u201cTugaskan\u2026\u201d untuk memindahkannya.")
        )
        hint.setObjectName("muted")
        hint.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(hint)
        self.tasks = tasks
        self._read = lambda: workload(store, opd, clock())
        tasks.changed.connect(self.on_changes)
        self.reload()

    def reload(self) -> None:
        self.tasks.run_db(self._read, self.model.set_loads)

    def on_changes(self, changes: Changes, _initiator: object = None) -> None:
        """Someone assigned, transferred or closed a ticket, or a sync moved the queue: recount."""
        if self.isVisible() and (changes.queue or changes.tickets or changes.directory):
            self.reload()
