"""Asking how a reply reached the citizen ("Sudah diposting", "Sudah ditelepon", "Sudah
diserahkan") and where to send a failed one instead ("Kirim ke alamat lain").

Each dialog checks what the officer typed with the op module's own ``parse`` (the server runs the
same), so a bad link or address is refused here, in the dialog, with the same words, and the
text stays for the officer to correct.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.ops import OpInvalid, mark_delivered, resend
from ui.field_label import plain_label

_PROBE = str(uuid.uuid4())  # parse() needs a message id; the real one is added by the action


def _problem(parse: Any, payload: dict[str, Any]) -> str:
    try:
        parse({"message_id": _PROBE, **payload}, datetime.now(UTC))
    except OpInvalid as exc:
        return exc.message
    return ""


class _Base(QDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(460)
        self.box = QVBoxLayout(self)

    def start(self, title: str, prompt: str) -> None:
        self.setWindowTitle(title)
        self.box.addWidget(plain_label(prompt, wrap=True))

    def finish(self, save: str, cancel: str) -> None:
        self.error = plain_label("", "error", wrap=True)
        self.box.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(save)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.box.addWidget(buttons)


class MarkDeliveredDialog(_Base):
    """The post's link, LAPOR!'s follow-up id, or a note of the call or the hand-over."""

    def __init__(self, how: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.how = how
        title, prompt, field, hint = {
            "posted": (
                self.tr("Sudah diposting"),
                self.tr("Tempel tautan unggahan balasan Anda (misalnya balasan di X atau Instagram)."),
                self.tr("Tautan unggahan"),
                "https://",
            ),
            "lapor": (
                self.tr("Sudah ditindaklanjuti di LAPOR!"),
                self.tr("Tulis nomor tindak lanjut dari SP4N-LAPOR!."),
                self.tr("Nomor tindak lanjut LAPOR!"),
                "",
            ),
            "phoned": (
                self.tr("Sudah ditelepon"),
                self.tr("Catat hasil telepon: siapa yang dihubungi, kapan, dan apa tanggapannya."),
                self.tr("Catatan telepon"),
                "",
            ),
            "handed": (
                self.tr("Sudah diserahkan"),
                self.tr(
                    "Surat jawaban sudah diserahkan atau dikirim. Catatan (tidak wajib): diterima oleh siapa, "
                    "atau nomor resi pos."
                ),  # fmt: skip
                self.tr("Catatan penyerahan"),
                "",
            ),
        }[how]
        self.start(title, prompt)
        self.field: QLineEdit | QPlainTextEdit
        if how in ("posted", "lapor"):
            self.field = QLineEdit()
            self.field.setPlaceholderText(hint)
        else:
            self.field = QPlainTextEdit()
            self.field.setMinimumHeight(90)
        self.field.setAccessibleName(field)
        self.box.addWidget(plain_label(field, "fieldLabel"))
        self.box.addWidget(self.field)
        self.finish(self.tr("Simpan"), self.tr("Batal"))

    def ref(self) -> str:
        field = self.field
        return (field.text() if isinstance(field, QLineEdit) else field.toPlainText()).strip()

    def accept(self) -> None:
        problem = _problem(mark_delivered.parse, {"how": self.how, "ref": self.ref()})
        if problem:
            self.error.setText(problem)
            return
        super().accept()


class ResendElsewhereDialog(_Base):
    """Another e-mail address or WhatsApp number the citizen gave for a reply that failed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start(
            self.tr("Kirim ke alamat lain"),
            self.tr(
                "Balasan akan dikirim ulang ke alamat ini. Pastikan alamat berasal dari pelapor sendiri."
            ),
        )
        self.channel = QComboBox()
        self.channel.addItem(self.tr("Surel"), "email")
        self.channel.addItem(self.tr("WhatsApp"), "whatsapp")
        self.channel.setAccessibleName(self.tr("Kanal"))
        self.address = QLineEdit()
        self.address.setAccessibleName(self.tr("Alamat surel atau nomor WhatsApp"))
        self.address.setPlaceholderText(self.tr("nama@contoh.id atau 0812 3456 7890"))
        self.box.addWidget(plain_label(self.tr("Kanal"), "fieldLabel"))
        self.box.addWidget(self.channel)
        self.box.addWidget(plain_label(self.tr("Alamat surel atau nomor WhatsApp"), "fieldLabel"))
        self.box.addWidget(self.address)
        self.finish(self.tr("Simpan"), self.tr("Batal"))

    def chosen(self) -> tuple[str, str]:
        return str(self.channel.currentData()), self.address.text().strip()

    def accept(self) -> None:
        channel, recipient = self.chosen()
        problem = _problem(resend.parse, {"channel": channel, "recipient": recipient})
        if problem:
            self.error.setText(problem)
            return
        super().accept()
