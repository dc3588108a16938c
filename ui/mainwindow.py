"""The main window: views on the left, the queue in the middle, the ticket on the right."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from desktop.queries import store_overview
from desktop.settings import Settings
from desktop.store import LocalStore


class EmptyState(QWidget):
    """What an officer sees before the first sync: what to do next, not a blank table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel(self.tr("Belum ada pengaduan di perangkat ini"))
        title.setObjectName("emptyTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 20pt; font-weight: 600; color: #0f5132;")
        hint = QLabel(
            self.tr(
                "Masuk ke server pengaduan lalu sinkronkan untuk mengambil antrean OPD Anda,\n"
                "atau catat pengaduan yang datang langsung ke loket."
            )
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet("font-size: 11pt; color: #555;")
        for label in (title, hint):
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
        layout.addStretch(2)
        self.setAccessibleName(self.tr("Antrean kosong"))


class MainWindow(QMainWindow):
    def __init__(self, store: LocalStore, settings: Settings, data_dir: Path) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.data_dir = data_dir
        self.setWindowTitle(self.tr("Tanggap - Pengaduan Masyarakat"))
        overview = store_overview(store)
        if overview.tickets == 0:
            self.setCentralWidget(EmptyState(self))
        else:
            label = QLabel(self.tr("%n pengaduan terbuka", "", overview.open_tickets))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.setCentralWidget(label)
        self.statusBar().showMessage(self.tr("Offline - belum pernah sinkron"))
