"""Asking why: the reason a status change, a rejection or a transfer must carry.

Required reasons are a rule of the domain (``REASON_REQUIRED``); the dialog only refuses an
empty one before the core would.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from ui.field_label import plain_label


class ReasonDialog(QDialog):
    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(prompt, wrap=True))
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Alasan"))
        self.text.setMinimumSize(420, 110)
        layout.addWidget(self.text)
        self.error = plain_label("", "error")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def reason(self) -> str:
        return self.text.toPlainText().strip()

    def accept(self) -> None:
        if not self.reason():
            self.error.setText(self.tr("Alasan wajib diisi."))
            return
        super().accept()
