"""First run and login: server address, username, password; or work offline on cached data.

The password goes to the server and nowhere else; the token the server answers with goes to
the OS keyring (``desktop.session.login``), never to a file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.changes import Changes
from desktop.settings import Settings
from desktop.store import LocalStore
from ui.field_label import plain_label
from ui.signals import emit
from ui.tasks import TaskManager


class LoginDialog(QDialog):
    logged_in = Signal()
    offline_chosen = Signal()

    def __init__(
        self,
        tasks: TaskManager,
        store: LocalStore,
        settings: Settings,
        data_dir: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.store = store
        self.settings = settings
        self.data_dir = data_dir
        self.setWindowTitle(self.tr("Masuk ke Tanggap"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 18)
        layout.setSpacing(10)
        layout.addWidget(plain_label(self.tr("Masuk ke server pengaduan"), "paneTitle"))
        layout.addWidget(
            plain_label(
                self.tr("Gunakan akun petugas OPD Anda. Tanpa jaringan, pilih \u201cKerja offline\u201d."),
                "muted",
                wrap=True,
            )
        )
        card = QFrame()
        card.setObjectName("card")
        form = QFormLayout(card)
        form.setContentsMargins(16, 14, 16, 14)
        self.server = QLineEdit(settings.server_url)
        self.server.setAccessibleName(self.tr("Alamat server"))
        self.server.setPlaceholderText("https://pengaduan.jatimprov.go.id")
        self.username = QLineEdit()
        self.username.setAccessibleName(self.tr("Nama pengguna"))
        self.password = QLineEdit()
        self.password.setAccessibleName(self.tr("Kata sandi"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Server"), self.server)
        form.addRow(self.tr("Nama pengguna"), self.username)
        form.addRow(self.tr("Kata sandi"), self.password)
        layout.addWidget(card)
        self.error = plain_label("", "error", wrap=True)
        self.error.setAccessibleName(self.tr("Pesan kesalahan"))
        self.error.hide()
        layout.addWidget(self.error)
        row = QHBoxLayout()
        self.offline = QPushButton(self.tr("Kerja offline"))
        self.offline.setAccessibleName(self.tr("Kerja offline dengan data tersimpan"))
        self.offline.clicked.connect(self._work_offline)
        row.addWidget(self.offline)
        row.addStretch(1)
        self.login_button = QPushButton(self.tr("Masuk"))
        self.login_button.setObjectName("primary")
        self.login_button.setDefault(True)
        self.login_button.setAccessibleName(self.tr("Masuk"))
        self.login_button.clicked.connect(self.login)
        row.addWidget(self.login_button)
        layout.addLayout(row)
        (self.username if settings.server_url else self.server).setFocus()

    def login(self) -> None:
        server = self.server.text().strip().rstrip("/")
        user = self.username.text().strip()
        password = self.password.text()
        if not server.startswith(("https://", "http://")):
            return self._show(
                self.tr("Alamat server harus diawali https:// (atau http:// di jaringan kantor).")
            )
        if not user or not password:
            return self._show(self.tr("Isi nama pengguna dan kata sandi."))
        self.login_button.setEnabled(False)
        self.login_button.setText(self.tr("Menghubungi server\u2026"))
        from desktop import session

        def work() -> Changes:
            _identity, changes = session.login(self.store, server, user, password)
            # A new login pulls the queue and sends what waited: the sync follows at once.
            return changes | Changes(directory=True, queue=True, sync_wanted=True)

        def done(changes: Changes) -> None:
            self.password.clear()
            self.settings.server_url = server
            self.settings.save(self.data_dir)
            self.tasks.announce(changes, self)
            emit(self.logged_in)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.login_button.setEnabled(True)
            self.login_button.setText(self.tr("Masuk"))
            self._show(str(exc))

        # The network and the keyring: never on the UI thread.
        self.tasks.run_io(work, done, on_error=failed, label=self.tr("Masuk"))

    def _show(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _work_offline(self) -> None:
        emit(self.offline_chosen)
        self.reject()
