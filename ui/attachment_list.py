"""The ticket pane's "Lampiran" tab: each attachment with its size, type and offline state.

A citizen's file is never rendered here: "Buka" hands a cached copy to the system viewer
(``open_file``, injectable for tests), "Simpan sebagai…" copies it where the officer chooses.
Both need the file on this desk; until a sync has cached it they are disabled and say why.
"Lampirkan berkas…" adds the officer's own files (``ask_open_paths``, injectable for tests).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import Attachment, OpState
from desktop.sync.attachments import (
    MAX_ATTACHMENT_BYTES,
    VIEWER_EXTENSIONS,
    cached_file,
    safe_stem,
    save_copy,
    viewer_copy,
)
from ui.field_label import FieldLabel
from ui.signals import emit


def format_file_size(size: int, lang: str = "id") -> str:
    """``700 B``, ``3,4 KB``, ``12 KB``, ``1,2 MB`` (Indonesian decimal comma; English a point)."""
    amount, unit = float(size), "B"
    for bigger in ("KB", "MB", "GB"):
        if amount < 1024:
            break
        amount, unit = amount / 1024, bigger
    if unit == "B":
        return f"{size} B"
    text = f"{amount:.1f}" if amount < 10 else f"{amount:.0f}"
    return (text.replace(".", ",") if lang == "id" else text) + f" {unit}"


def _plain(text: str, object_name: str = "") -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # a file name is the citizen's text: never rich text
    label.setText(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if object_name:
        label.setObjectName(object_name)
    return label


def pick_files(parent: QWidget, title: str) -> list[Path]:
    """The system's file chooser, several files at once (none when cancelled)."""
    chosen, _filter = QFileDialog.getOpenFileNames(parent, title, str(Path.home()))
    return [Path(c) for c in chosen]


class AttachmentRow(QFrame):
    def __init__(
        self,
        attachment: Attachment,
        cached: bool,
        viewable: bool,
        lang: str,
        archived: bool = False,
        sending: OpState | None = None,
    ) -> None:
        super().__init__()
        self.attachment = attachment
        self.setObjectName("card")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        text = QVBoxLayout()
        text.setSpacing(2)
        # A file name is one long word more often than not: shortened in the middle, never clipped.
        self.name = FieldLabel()
        self.name.setText(attachment.filename)
        self.name.setAccessibleName(self.tr("Nama berkas"))
        text.addWidget(self.name)
        if sending is not None and not sending.is_terminal:
            state = self.tr("menunggu sinkronisasi")
        elif sending is not None and sending.needs_attention:
            state = self.tr("ditolak server \u2014 lihat Konflik & ditolak")
        elif cached:
            state = self.tr("tersimpan untuk offline")
        else:
            state = self.tr("tidak disimpan di meja ini") if archived else self.tr("belum diunduh")
        self.meta = _plain(
            f"{format_file_size(attachment.size, lang)} \u00b7 {attachment.mime} \u00b7 {state}", "muted"
        )
        # In a narrow pane the words wrap and the buttons stay whole.
        self.meta.setWordWrap(True)
        self.meta.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        text.addWidget(self.meta)
        layout.addLayout(text, 1)
        self.open_button = QPushButton(self.tr("Buka"))
        self.open_button.setAccessibleName(
            self.tr("Buka %1 dengan aplikasi sistem").replace("%1", attachment.filename)
        )
        self.save_button = QPushButton(self.tr("Simpan sebagai\u2026"))
        self.save_button.setAccessibleName(self.tr("Simpan salinan %1").replace("%1", attachment.filename))
        if not cached:
            if archived:
                why = self.tr(
                    "Tiket ini sudah di luar lingkup meja ini; berkasnya tidak disimpan di komputer ini."
                )
            elif attachment.size > MAX_ATTACHMENT_BYTES:
                why = self.tr(
                    "Berkas lebih dari 10 MB tidak diunduh untuk offline; lihat di server pengaduan."
                )
            else:
                why = self.tr("Belum diunduh: berkas tersedia setelah sinkronisasi berikutnya.")
            for button in (self.open_button, self.save_button):
                button.setEnabled(False)
                button.setToolTip(why)
        elif not viewable:
            self.open_button.setEnabled(False)
            self.open_button.setToolTip(
                self.tr("Jenis berkas ini tidak dibuka langsung; gunakan \u201cSimpan sebagai\u2026\u201d.")
            )
        layout.addWidget(self.open_button)
        layout.addWidget(self.save_button)


class AttachmentList(QScrollArea):
    # Files the officer chose to add to the shown ticket (one signal per file).
    attach_requested = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(self.tr("Lampiran"))
        self.data_dir: Path | None = None
        self.open_file: Callable[[Path], object] = lambda path: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(path))
        )
        self.ask_save_path: Callable[[str], Path | None] = self._ask_save_path
        self.ask_open_paths: Callable[[], list[Path]] = self._ask_open_paths
        self.add_button: QPushButton | None = None
        self.rows: list[AttachmentRow] = []
        self.show_attachments((), None)

    def show_attachments(
        self,
        attachments: Sequence[Attachment],
        data_dir: Path | None,
        lang: str = "id",
        archived: bool = False,
        sending: Mapping[str, OpState] | None = None,
        can_attach: bool = False,
    ) -> None:
        """``sending``: files attached here, by id, with their op's state; ``can_attach``: offer to add."""
        self.data_dir = data_dir
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(2, 8, 8, 8)
        layout.setSpacing(6)
        self.rows = []
        self.add_button = None
        if can_attach:
            top = QHBoxLayout()
            hint = _plain(self.tr("Berkas hingga 5 MB; terkirim saat sinkron."), "muted")
            hint.setWordWrap(True)
            hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            top.addWidget(hint, 1)
            self.add_button = QPushButton(self.tr("Lampirkan berkas\u2026"))
            self.add_button.setAccessibleName(self.tr("Lampirkan berkas ke tiket ini"))
            self.add_button.clicked.connect(self.choose_files)
            top.addWidget(self.add_button)
            layout.addLayout(top)
        if not attachments:
            layout.addWidget(_plain(self.tr("Tidak ada lampiran."), "muted"))
        for a in attachments:
            cached = data_dir is not None and cached_file(data_dir, a.cached_path) is not None
            viewable = cached and data_dir is not None and self._viewable(a)
            row = AttachmentRow(a, cached, viewable, lang, archived, (sending or {}).get(a.id))
            row.open_button.clicked.connect(lambda _=False, x=a: self.open_attachment(x))
            row.save_button.clicked.connect(lambda _=False, x=a: self.save_attachment(x))
            layout.addWidget(row)
            self.rows.append(row)
        layout.addStretch(1)
        self.setWidget(holder)

    @staticmethod
    def _viewable(a: Attachment) -> bool:
        return a.mime.split(";", 1)[0].strip().lower() in VIEWER_EXTENSIONS

    def open_attachment(self, a: Attachment) -> None:
        if self.data_dir is None:
            return
        try:
            path = viewer_copy(self.data_dir, a.cached_path, a.filename, a.mime, a.sha256)
        except OSError as exc:
            self._failed(self.tr("Lampiran tidak dapat dibuka: %1").replace("%1", str(exc)))
            return
        if path is not None:
            self.open_file(path)

    def save_attachment(self, a: Attachment) -> None:
        if self.data_dir is None or cached_file(self.data_dir, a.cached_path) is None:
            return
        target = self.ask_save_path(a.filename)
        if target is None:
            return
        try:
            save_copy(self.data_dir, a.cached_path, a.sha256, target)
        except OSError as exc:
            self._failed(self.tr("Lampiran tidak dapat disimpan: %1").replace("%1", str(exc)))

    def choose_files(self) -> None:
        for path in self.ask_open_paths():
            emit(self.attach_requested, path)

    def _ask_open_paths(self) -> list[Path]:
        return pick_files(self, self.tr("Pilih berkas untuk dilampirkan"))

    def _ask_save_path(self, filename: str) -> Path | None:
        suffix = Path(filename).suffix
        suggested = safe_stem(filename) + (suffix if suffix[1:].isalnum() and len(suffix) <= 6 else "")
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Simpan lampiran sebagai"), str(Path.home() / suggested)
        )
        return Path(chosen) if chosen else None

    def _failed(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Lampiran"), message, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()
