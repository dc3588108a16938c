"""Opening the encrypted store at start when the OS keyring cannot give its key.

The window never stores personal data unencrypted: with no keyring the officer is told so in
plain words, with what to do, and may choose the documented fallback, a passphrase typed at
every start (scrypt, ``desktop.privacy``; the same ``LocalStore.open(passphrase=...)`` the CLI
uses). A wrong passphrase says so and lets the officer try again; nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.privacy import WRONG_PASSPHRASE_MESSAGE, PassphraseNeeded, StoreKeyUnavailable
from desktop.store import LocalStore

MIN_PASSPHRASE = 12  # desktop.privacy refuses a shorter one for a new folder
Opener = Callable[..., LocalStore]


def _label(text: str, object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label


class NoKeyringDialog(QMessageBox):
    """No keyring for a new data folder: what it means, what to do, and the passphrase fallback."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyring sistem tidak tersedia"))
        self.setIcon(QMessageBox.Icon.Warning)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(
            self.tr(
                "Tanggap menyimpan data pelapor di komputer ini secara terenkripsi. Kuncinya biasanya "
                "disimpan di keyring sistem, tetapi keyring itu tidak tersedia sekarang."
            )
        )
        self.setInformativeText(
            self.tr(
                "Yang dapat Anda lakukan:\n"
                "\u2022 Tutup Tanggap, buka kunci keyring (Linux: GNOME Keyring atau KWallet di sesi "
                "desktop; Windows: Credential Manager di profil Anda), lalu buka Tanggap lagi; atau\n"
                "\u2022 Pakai frasa sandi: Anda mengetiknya setiap kali Tanggap dibuka (paling sedikit "
                "12 karakter). Frasa sandi yang hilang tidak dapat dipulihkan: data di komputer ini "
                "harus diambil ulang dari server.\n\n"
                "Data pelapor tidak pernah disimpan tanpa enkripsi."
            )
        )
        self.passphrase_button = self.addButton(
            self.tr("Pakai frasa sandi\u2026"), QMessageBox.ButtonRole.AcceptRole
        )
        self.close_button = self.addButton(self.tr("Tutup Tanggap"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.close_button)
        self.setEscapeButton(self.close_button)

    def chose_passphrase(self) -> bool:
        return self.clickedButton() is self.passphrase_button


class PassphraseDialog(QDialog):
    """The passphrase: typed twice at a folder's first start, once at later starts.

    ``opener(passphrase=...)`` opens the store; the dialog closes only when it did. A wrong or
    too short passphrase, or two that differ, is said under the fields and the officer retries.
    """

    def __init__(
        self, opener: Callable[[str], LocalStore], *, new: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.opener = opener
        self.new = new
        self.store: LocalStore | None = None
        self.setWindowTitle(self.tr("Frasa sandi Tanggap"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _label(
                self.tr(
                    "Buat frasa sandi untuk data di komputer ini (paling sedikit 12 karakter). "
                    "Anda akan memintanya setiap kali Tanggap dibuka; simpan di tempat aman."
                )
                if new
                else self.tr(
                    "Data di komputer ini dilindungi frasa sandi. Ketik frasa sandinya untuk membuka Tanggap."
                )
            )
        )
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Frasa sandi"))
        form.addRow(self.tr("&Frasa sandi:"), self.passphrase)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setAccessibleName(self.tr("Ulangi frasa sandi"))
        if new:
            form.addRow(self.tr("&Ulangi:"), self.again)
        else:
            self.again.hide()
        layout.addLayout(form)
        self.error = _label("", "formError")
        self.error.setStyleSheet("color: #b42318;")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok_button: QPushButton = buttons.addButton(
            self.tr("Buat dan buka") if new else self.tr("Buka"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        self.cancel_button: QPushButton = buttons.addButton(
            self.tr("Tutup Tanggap"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.try_open)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.passphrase.setFocus()

    def say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        # Grow to hold the message rather than squeezing the lines above it.
        if (layout := self.layout()) is not None:
            layout.activate()
        self.resize(self.size().expandedTo(self.sizeHint()))

    def try_open(self) -> None:
        phrase = self.passphrase.text()
        if self.new and len(phrase) < MIN_PASSPHRASE:
            self.say(self.tr("Frasa sandi terlalu pendek: paling sedikit 12 karakter."))
            return
        if self.new and self.again.text() != phrase:
            self.say(self.tr("Kedua frasa sandi tidak sama. Ketik ulang keduanya."))
            self.again.clear()
            self.again.setFocus()
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.store = self.opener(phrase)
        except StoreKeyUnavailable as exc:
            if str(exc) != WRONG_PASSPHRASE_MESSAGE:
                self.say(plain(exc))
                return
            self.say(self.tr("Frasa sandi salah: data di komputer ini tidak dapat dibuka. Coba lagi."))
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()


def plain(exc: BaseException) -> str:
    """The core's message without its English half (``"... / The keyring is locked."``)."""
    return str(exc).split(" / ")[0]


def show_store_error(message: str, parent: QWidget | None = None) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, "Tanggap", message, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def unlock_store(data_dir: Path, opener: Opener = LocalStore.open) -> LocalStore | None:
    """The store of ``data_dir``, asking for a passphrase where the keyring cannot give its key.

    None when the officer closes instead, or when nothing they can type would open it (a locked
    keyring holding the key, a lost key): what to do was shown.
    """
    try:
        return opener(data_dir)
    except PassphraseNeeded as needed:
        if needed.new:
            ask = NoKeyringDialog()
            ask.exec()
            if not ask.chose_passphrase():
                return None
        dialog = PassphraseDialog(lambda phrase: opener(data_dir, passphrase=phrase), new=needed.new)
        dialog.exec()
        return dialog.store
    except StoreKeyUnavailable as exc:  # the keyring is locked, or lost the key: typing helps nothing
        show_store_error(plain(exc))
        return None
