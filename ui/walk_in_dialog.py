"""A complaint made in person at the desk: validated, saved locally with a tracking number that
is valid offline, queued for the server, and its receipt offered for printing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.changes import Changes
from desktop.domain import MAX_FILE_BYTES, Confidentiality
from desktop.settings import Settings
from desktop.store import LocalStore
from desktop.sync.run import local_write
from desktop.ticket_detail import DeskDirectory
from ui.attachment_list import format_file_size, pick_files
from ui.field_label import plain_label
from ui.print_preview import PrintPreviewDialog
from ui.printing import ReceiptPrinter
from ui.signals import emit
from ui.tasks import TaskManager

MAX_TITLE = 200


class WalkInDialog(QDialog):
    saved = Signal(str)  # ticket id

    def __init__(
        self,
        tasks: TaskManager,
        store: LocalStore,
        directory: DeskDirectory,
        data_dir: Path,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.store = store
        self.directory = directory
        self.data_dir = data_dir
        self.lang = settings.language
        self.settings = settings
        self.tracking_no: str | None = None
        self.ticket_id: str | None = None
        # The receipt opens in the print preview over this dialog (paper chosen there).
        self.receipts = ReceiptPrinter(tasks, store, settings, data_dir, self)
        self.receipts.failed.connect(self._receipt_failed)
        self.setWindowTitle(self.tr("Pengaduan langsung"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(plain_label(self.tr("Catat pengaduan yang datang ke loket"), "paneTitle"))
        layout.addWidget(
            plain_label(
                self.tr("Nomor tiket langsung berlaku walau sedang offline; dikirim ke server saat sinkron."),
                "muted",
                wrap=True,
            )
        )

        self.form_frame = QFrame()
        self.form_frame.setObjectName("card")
        form = QFormLayout(self.form_frame)
        form.setContentsMargins(16, 14, 16, 14)
        form.setVerticalSpacing(8)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Nama pelapor"))
        self.contact = QLineEdit()
        self.contact.setAccessibleName(self.tr("Kontak pelapor"))
        self.contact.setPlaceholderText(self.tr("Nomor HP atau surel"))
        self.confidentiality = QComboBox()
        self.confidentiality.setAccessibleName(self.tr("Kerahasiaan"))
        hints = {
            Confidentiality.PUBLIC: self.tr("identitas boleh dilihat petugas"),
            Confidentiality.ANONIM: self.tr("identitas disembunyikan"),
            Confidentiality.RAHASIA: self.tr("seluruh laporan dibatasi"),
        }
        for conf in Confidentiality:
            self.confidentiality.addItem(
                f"{labels.confidentiality_label(conf, self.lang)} \u2014 {hints[conf]}", conf.value
            )
        self.title = QLineEdit()
        self.title.setAccessibleName(self.tr("Judul pengaduan"))
        self.title.setMaxLength(MAX_TITLE)
        self.title.setPlaceholderText(self.tr("Ringkas, mis. \u201cLampu PJU mati di Jl. Ahmad Yani\u201d"))
        self.body = QPlainTextEdit()
        self.body.setAccessibleName(self.tr("Isi pengaduan"))
        self.body.setMinimumHeight(120)
        self.body.setPlaceholderText(self.tr("Uraikan pengaduan seperti yang disampaikan pelapor."))
        self.category = QComboBox()
        self.category.setAccessibleName(self.tr("Kategori"))
        self.category.addItem(self.tr("(belum ditentukan)"), None)
        for cat in sorted(directory.categories.values(), key=lambda c: c.name):
            self.category.addItem(cat.name, cat.code)
        self.location = QLineEdit()
        self.location.setAccessibleName(self.tr("Lokasi"))
        self.location.setPlaceholderText(self.tr("Alamat, desa/kelurahan, kecamatan"))
        form.addRow(self.tr("Nama pelapor"), self.name)
        form.addRow(self.tr("Kontak"), self.contact)
        form.addRow(self.tr("Kerahasiaan"), self.confidentiality)
        form.addRow(self.tr("Judul"), self.title)
        form.addRow(self.tr("Isi pengaduan"), self.body)
        form.addRow(self.tr("Kategori"), self.category)
        form.addRow(self.tr("Lokasi"), self.location)
        # Documents the citizen brings (an ID card, a letter): attached with the complaint.
        self.files: list[Path] = []
        self.ask_open_paths: Callable[[], list[Path]] = self._ask_open_paths
        files_box = QWidget()
        files_row = QHBoxLayout(files_box)
        files_row.setContentsMargins(0, 0, 0, 0)
        self.files_label = plain_label("", "muted", wrap=True)
        self.files_label.setAccessibleName(self.tr("Dokumen terlampir"))
        self.files_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        files_row.addWidget(self.files_label, 1)
        self.add_files_button = QPushButton(self.tr("Tambah berkas\u2026"))
        self.add_files_button.setAccessibleName(self.tr("Tambah dokumen pendukung"))
        self.add_files_button.clicked.connect(self.add_files)
        files_row.addWidget(self.add_files_button)
        self.clear_files_button = QPushButton(self.tr("Kosongkan"))
        self.clear_files_button.setAccessibleName(self.tr("Hapus semua dokumen dari daftar"))
        self.clear_files_button.clicked.connect(self.clear_files)
        files_row.addWidget(self.clear_files_button)
        form.addRow(self.tr("Dokumen"), files_box)
        self._show_files()
        layout.addWidget(self.form_frame)

        self.error = plain_label("", "error", wrap=True)
        self.error.setAccessibleName(self.tr("Pesan kesalahan"))
        self.error.hide()
        layout.addWidget(self.error)

        # Shown after saving: the tracking number and the receipt
        self.done_frame = QFrame()
        self.done_frame.setObjectName("card")
        done = QVBoxLayout(self.done_frame)
        done.setContentsMargins(16, 14, 16, 14)
        self.done_title = plain_label(self.tr("Pengaduan tercatat"), "sectionTitle")
        done.addWidget(self.done_title)
        self.done_number = plain_label("", "ticketTitle")
        self.done_number.setAccessibleName(self.tr("Nomor tiket baru"))
        done.addWidget(self.done_number)
        done.addWidget(
            plain_label(
                self.tr("Berikan nomor ini kepada pelapor. Menunggu sinkronisasi ke server."),
                "muted",
                wrap=True,
            )
        )
        row = QHBoxLayout()
        self.print_button = QPushButton(self.tr("Cetak tanda terima\u2026"))
        self.print_button.setObjectName("primary")
        self.print_button.setAccessibleName(self.tr("Cetak tanda terima"))
        self.print_button.clicked.connect(self.print_receipt)
        row.addWidget(self.print_button)
        row.addStretch(1)
        done.addLayout(row)
        self.done_frame.hide()
        layout.addWidget(self.done_frame)

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            self.tr("Simpan pengaduan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("primary")
        self.save_button.setAccessibleName(self.tr("Simpan pengaduan"))
        self.cancel_button = self.buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.confidentiality.currentIndexChanged.connect(lambda _i: self._name_hint())
        self._name_hint()

    def add_files(self) -> None:
        refused = []
        for path in self.ask_open_paths():
            try:
                size = path.stat().st_size
            except OSError:
                size = -1
            if not 0 < size <= MAX_FILE_BYTES:
                refused.append(path.name)
            elif path not in self.files:
                self.files.append(path)
        self._show_files()
        if refused:
            self.error.setText(
                self.tr("Tidak dapat dilampirkan (kosong, tidak terbaca atau lebih dari 5 MB): %1").replace(
                    "%1", ", ".join(refused)
                )
            )
            self.error.show()

    def clear_files(self) -> None:
        self.files.clear()
        self._show_files()

    def _show_files(self) -> None:
        names = [
            f"{p.name} ({format_file_size(p.stat().st_size, self.lang)})" for p in self.files if p.exists()
        ]
        self.files_label.setText(
            ", ".join(names) if names else self.tr("Tidak ada (opsional, maks. 5 MB per berkas)")
        )
        self.clear_files_button.setVisible(bool(self.files))

    def _ask_open_paths(self) -> list[Path]:
        return pick_files(self, self.tr("Pilih dokumen pendukung"))

    def _name_hint(self) -> None:
        if self.confidentiality.currentData() == Confidentiality.PUBLIC.value:
            self.name.setPlaceholderText(self.tr("Wajib untuk pengaduan terbuka"))
        else:
            self.name.setPlaceholderText(self.tr("Boleh dikosongkan; tidak ditampilkan ke petugas lain"))

    def problems(self) -> list[str]:
        out = []
        conf = self.confidentiality.currentData()
        if conf == Confidentiality.PUBLIC.value and not self.name.text().strip():
            out.append(self.tr("Nama pelapor wajib diisi untuk pengaduan terbuka."))
        contact = self.contact.text().strip()
        if contact and not _looks_like_contact(contact):
            out.append(self.tr("Kontak harus nomor telepon (mis. 0812\u2026) atau alamat surel."))
        if not self.title.text().strip():
            out.append(self.tr("Judul pengaduan wajib diisi."))
        if len(self.body.toPlainText().strip()) < 10:
            out.append(self.tr("Isi pengaduan terlalu pendek (minimal 10 karakter)."))
        return out

    def save(self) -> None:
        if self.tracking_no is not None:
            self.accept()
            return
        problems = self.problems()
        if problems:
            self.error.setText("\n".join("\u2022 " + p for p in problems))
            self.error.show()
            return
        self.error.hide()
        from desktop import actions

        name, contact, title = self.name.text(), self.contact.text(), self.title.text()
        body, location = self.body.toPlainText(), self.location.text().strip()
        category = self.category.currentData()
        confidentiality = str(self.confidentiality.currentData())
        files = list(self.files)
        self.save_button.setEnabled(False)
        holder: list[actions.ActionResult] = []

        def work() -> Changes:
            result = actions.walk_in(
                self.store,
                name=name,
                contact=contact,
                title=title,
                body=body,
                category=category,
                confidentiality=confidentiality,
                location=location,
                files=files,
            )
            holder.append(result)
            return local_write(lambda: result)  # the core's rule: a queued op wants a sync

        def done(_changes: Changes) -> None:
            result = holder[0]
            self.tracking_no = result.tracking_no
            self.ticket_id = result.ticket_id
            self.form_frame.setEnabled(False)
            self.done_number.setText(self.tracking_no or "")
            self.done_frame.show()
            self.save_button.setEnabled(True)
            self.save_button.setText(self.tr("Selesai"))
            self.cancel_button.hide()
            emit(self.saved, result.ticket_id)

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.error.setText(str(exc))
            self.error.show()

        self.tasks.mutate(work, done, initiator=self, on_error=failed, label=self.tr("Menyimpan pengaduan"))

    @property
    def receipt_offered(self) -> bool:
        return self.done_frame.isVisible() and self.print_button.isEnabled()

    def print_receipt(self) -> None:
        """Show the new ticket's receipt in the print preview (from the local store: works offline)."""
        if self.tracking_no is None:
            return
        self.error.hide()
        self.receipts.open(self.tracking_no, at_registration=True)

    @property
    def preview(self) -> PrintPreviewDialog | None:
        return self.receipts.preview

    def _receipt_failed(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()


def _looks_like_contact(text: str) -> bool:
    digits = [c for c in text if c.isdigit()]
    if "@" in text:
        local, _, domain = text.partition("@")
        return bool(local) and "." in domain
    return 8 <= len(digits) <= 15 and all(c.isdigit() or c in "+-() " for c in text)
