"""The conflicts inbox: each conflict, rejection or revoke says what happened, until acknowledged."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import wording
from desktop.changes import Changes
from desktop.store import LocalStore
from desktop.ticket_detail import DeskDirectory, Notice, open_notices
from ui.field_label import plain_label
from ui.row_model import RowTableModel
from ui.signals import emit
from ui.tasks import TaskManager


class NoticeModel(RowTableModel):
    def __init__(self, tz: str, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tz = tz
        self.lang = lang
        self.kinds = {
            "conflict": self.tr("Konflik"),
            "rejected": self.tr("Ditolak"),
            "blocked": self.tr("Tertahan"),
            "revoke": self.tr("Keluar dari meja ini"),
            "revoked": self.tr("Keluar dari meja ini"),
        }
        self.headers = [self.tr("Waktu"), self.tr("Jenis"), self.tr("Tiket"), self.tr("Apa yang terjadi")]

    def set_notices(self, notices: list[Notice]) -> None:
        self.set_rows(notices)

    def cell(self, n: Notice, col: int, role: int) -> Any:
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            if col == 0:
                return wording.format_datetime(n.created_at, self.tz, self.lang, weekday=False)
            if col == 1:
                return self.kinds.get(n.kind, n.kind)
            if col == 2:
                return n.tracking_no or "\u2014"
            return " ".join(n.message.split())
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            return QColor("#b42318" if n.kind in ("rejected", "blocked") else "#a15c07")
        if role == Qt.ItemDataRole.UserRole:
            return n.id
        return None


class InboxDialog(QDialog):
    acknowledged = Signal()

    def __init__(
        self,
        tasks: TaskManager,
        store: LocalStore,
        directory: DeskDirectory,
        lang: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.store = store
        self.setWindowTitle(self.tr("Konflik & penolakan"))
        self.resize(860, 420)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(plain_label(self.tr("Konflik & penolakan"), "paneTitle"))
        layout.addWidget(
            plain_label(
                self.tr(
                    "Server memutuskan hal-hal ini saat sinkron. Baca, tindak lanjuti bila perlu, lalu tandai "
                    "sudah dibaca."
                ),
                "muted",
                wrap=True,
            )
        )
        tz = next(iter(directory.opds.values())).tz if directory.opds else "Asia/Jakarta"
        self.model = NoticeModel(tz, lang, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Daftar konflik dan penolakan"))
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for col, width in ((0, 170), (1, 110), (2, 190)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.empty = plain_label(self.tr("Tidak ada yang perlu diperhatikan."), "muted")
        layout.addWidget(self.empty)
        row = QHBoxLayout()
        row.addStretch(1)
        self.ack_selected = QPushButton(self.tr("Tandai terpilih sudah dibaca"))
        self.ack_selected.setAccessibleName(self.tr("Tandai terpilih sudah dibaca"))
        self.ack_selected.clicked.connect(self.acknowledge_selected)
        self.ack_all = QPushButton(self.tr("Tandai semua sudah dibaca"))
        self.ack_all.setObjectName("primary")
        self.ack_all.setAccessibleName(self.tr("Tandai semua sudah dibaca"))
        self.ack_all.clicked.connect(self.acknowledge_all)
        close = QPushButton(self.tr("Tutup"))
        close.clicked.connect(self.close)
        for b in (self.ack_selected, self.ack_all, close):
            row.addWidget(b)
        layout.addLayout(row)
        tasks.changed.connect(self.on_changes)
        self.reload()

    def on_changes(self, changes: Changes, _initiator: object = None) -> None:
        """A sync brought new conflicts, or notices were acknowledged (here or elsewhere)."""
        if self.isVisible() and (changes.notices or changes.outbox):
            self.reload()

    def reload(self) -> None:
        def done(notices: list[Notice]) -> None:
            self.model.set_notices(notices)
            self.table.resizeRowsToContents()
            self.empty.setVisible(not notices)
            self.ack_all.setEnabled(bool(notices))
            self.ack_selected.setEnabled(bool(notices))

        self.tasks.run_db(lambda: open_notices(self.store), done)

    def _acknowledge(self, ids: list[int]) -> None:
        if not ids:
            return
        from desktop import actions

        self.tasks.mutate(
            lambda: actions.acknowledge(self.store, ids), lambda _c: emit(self.acknowledged), initiator=self
        )

    def acknowledge_selected(self) -> None:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        self._acknowledge([self.model.rows[r].id for r in sorted(rows)])

    def acknowledge_all(self) -> None:
        self._acknowledge([n.id for n in self.model.rows])
