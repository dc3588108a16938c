"""Settings: language, sync interval, receipt paper, deadline notifications."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.settings import Settings
from ui.field_label import plain_label

RECEIPT_KEY = "receipt"


class SettingsDialog(QDialog):
    """Picard's page contract: ``load`` fills the widgets, ``check`` validates, ``save`` writes."""

    def __init__(self, settings: Settings, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.data_dir = data_dir
        self.setWindowTitle(self.tr("Pengaturan"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.addWidget(plain_label(self.tr("Pengaturan"), "paneTitle"))
        form = QFormLayout()
        form.setVerticalSpacing(10)
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Bahasa antarmuka"))
        self.language.addItem("Bahasa Indonesia", "id")
        self.language.addItem("English", "en")
        self.interval = QSpinBox()
        self.interval.setAccessibleName(self.tr("Selang sinkronisasi dalam detik"))
        self.interval.setRange(15, 3600)
        self.interval.setSuffix(self.tr(" detik"))
        self.layout_combo = QComboBox()
        self.layout_combo.setAccessibleName(self.tr("Ukuran tanda terima"))
        self.layout_combo.addItem(self.tr("A4"), "a4")
        self.layout_combo.addItem(self.tr("A5"), "a5")
        self.layout_combo.addItem(self.tr("Struk termal 80 mm"), "thermal80")
        self.notifications = QCheckBox(self.tr("Beri tahu bila tiket saya mendekati atau melewati tenggat"))
        self.notifications.setAccessibleName(self.tr("Notifikasi tenggat"))
        form.addRow(self.tr("Bahasa"), self.language)
        form.addRow(self.tr("Sinkron otomatis tiap"), self.interval)
        form.addRow(self.tr("Tanda terima"), self.layout_combo)
        form.addRow(self.notifications)  # the whole row: its sentence is longer than a field
        layout.addLayout(form)
        self.note = plain_label(
            self.tr(
                "Bahasa berganti begitu disimpan. Printer dan kertas dipilih saat mencetak dan diingat "
                "untuk tiap ukuran."
            ),
            "muted",
            wrap=True,
        )
        layout.addWidget(self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Simpan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        s = self.settings
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        self.interval.setValue(s.sync_interval_seconds)
        receipt = s.printers.get(RECEIPT_KEY, {})
        self.layout_combo.setCurrentIndex(max(0, self.layout_combo.findData(receipt.get("layout", "a4"))))
        self.notifications.setChecked(s.notifications)

    def check(self) -> bool:
        return 15 <= self.interval.value() <= 3600

    def save(self) -> None:
        s = self.settings
        s.language = str(self.language.currentData())
        s.sync_interval_seconds = self.interval.value()
        s.printers = dict(s.printers)
        s.printers[RECEIPT_KEY] = {
            **s.printers.get(RECEIPT_KEY, {}),
            "layout": str(self.layout_combo.currentData()),
        }
        s.notifications = self.notifications.isChecked()
        s.save(self.data_dir)

    def accept(self) -> None:
        if self.check():
            self.save()
            super().accept()
