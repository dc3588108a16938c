"""The left column: the brand and OPD, the queue's views with their counts, two buttons, who is here."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView, QPushButton, QVBoxLayout, QWidget

from desktop import labels
from desktop.queue import QueueView
from desktop.session import DeskIdentity
from desktop.ticket_detail import DeskDirectory
from ui.field_label import plain_label
from ui.signals import emit
from ui.views import ViewDelegate, ViewListModel


class Sidebar(QFrame):
    view_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setMinimumWidth(224)
        self.setMaximumWidth(280)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 10)
        layout.setSpacing(0)
        layout.addWidget(plain_label("Tanggap", "brand"))
        self.brand_sub = plain_label(self.tr("Pengaduan masyarakat"), "brandSub", wrap=True)
        layout.addWidget(self.brand_sub)
        layout.addWidget(plain_label(self.tr("ANTREAN"), "sideHeading"))
        self.view_model = ViewListModel(self)
        self.view_list = QListView()
        self.view_list.setObjectName("viewList")
        self.view_list.setModel(self.view_model)
        self.view_list.setItemDelegate(ViewDelegate(self.view_list))
        self.view_list.setAccessibleName(self.tr("Tampilan antrean"))
        self.view_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view_list.setMinimumHeight(len(QueueView) * 38)
        layout.addWidget(self.view_list)
        layout.addStretch(1)
        buttons = QVBoxLayout()
        buttons.setContentsMargins(12, 0, 12, 8)
        buttons.setSpacing(6)
        self.walk_in_button = QPushButton(self.tr("+  Pengaduan langsung"))
        self.walk_in_button.setAccessibleName(self.tr("Catat pengaduan langsung"))
        self.walk_in_button.setToolTip("Ctrl+N")
        buttons.addWidget(self.walk_in_button)
        self.workload_button = QPushButton(self.tr("Beban kerja petugas"))
        self.workload_button.setAccessibleName(self.tr("Buka panel beban kerja petugas"))
        buttons.addWidget(self.workload_button)
        layout.addLayout(buttons)
        self.whoami = plain_label("", "whoami", wrap=True)
        layout.addWidget(self.whoami)
        # Selected before the signal is connected: the window loads the first page once, when ready.
        self.select_view(QueueView.ALL)
        self.view_list.selectionModel().currentChanged.connect(
            lambda cur, _prev: emit(self.view_changed) if cur.isValid() else None
        )

    @property
    def current_view(self) -> QueueView:
        index = self.view_list.currentIndex()
        return self.view_model.view_at(index.row()) if index.isValid() else QueueView.ALL

    def select_view(self, view: QueueView) -> None:
        self.view_list.setCurrentIndex(self.view_model.index(self.view_model.row_of(view), 0))

    def show_identity(self, identity: DeskIdentity | None, directory: DeskDirectory, lang: str) -> None:
        self.workload_button.setVisible(identity is not None and identity.is_supervisor)
        if identity is None:
            self.brand_sub.setText(self.tr("Pengaduan masyarakat"))
        else:
            opd = directory.opds.get(identity.opd_code)
            self.brand_sub.setText(opd.name if opd else identity.opd_code)
        self.show_whoami(identity, lang, logged_in=True)

    def show_whoami(self, identity: DeskIdentity | None, lang: str, *, logged_in: bool) -> None:
        """Who this desk's data belongs to; after a logout, that nothing syncs until they log in."""
        if identity is None:
            self.whoami.setText(self.tr("Belum masuk \u2014 bekerja offline"))
            return
        role = labels.role_label(identity.role, lang)
        lines = [identity.officer_name, f"{role} \u00b7 {identity.opd_code}"]
        if not logged_in:
            lines.append(self.tr("Keluar akun \u2014 masuk lagi untuk sinkronisasi"))
        self.whoami.setText("\n".join(lines))
