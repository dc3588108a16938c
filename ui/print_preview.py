"""The print preview: the PDF as it will print, then the system print dialog or "save as PDF".

The pages shown are the very bytes that print and save (no second rendering path): QtPdf draws
them in a ``QPdfView`` and, for printing, renders each page onto the ``QPrinter`` at the
printer's resolution. The printer and paper chosen for each layout (``a4``, ``a5``,
``thermal80``, ``summary``...) are remembered in ``Settings.printers`` so the walk-in desk's
thermal printer and the office's A4 laser are each picked again next time.

Over 400 lines on purpose: one dialog whose page view, paper and printer choice, printing and
saving share the one PDF and its remembered settings; split up, each part would need them all.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMargins,
    QMarginsF,
    QPointF,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.settings import Settings
from ui.signals import emit

log = logging.getLogger(__name__)

# Highest resolution a page is rendered at for printing: 600 dpi is beyond what receipts need and
# keeps an A4 page under 140 MB of pixels even in bands; thermal printers run at 203 dpi.
MAX_PRINT_DPI = 600
# Pages are rendered in horizontal bands of at most this many pixels, so memory stays flat.
BAND_PIXELS = 8_000_000
ZOOM_STEP = 1.25
PAGE_DESK = "#dfe6e4"


class PrintPreviewDialog(QDialog):
    """Shows ``pdf_bytes``; prints them through the system dialog or saves them as a PDF file."""

    printed = Signal()
    saved = Signal(Path)
    layout_requested = Signal(str)  # the user picked another paper (see ``offer_layouts``)
    identity_requested = Signal(bool)  # print the protected reporter's identity (``offer_identity_choice``)
    failed = Signal(str)  # a message for the user, also shown in a (non-blocking) message box

    def __init__(
        self,
        pdf_bytes: bytes,
        *,
        layout: str,
        settings: Settings,
        data_dir: Path,
        parent: QWidget | None = None,
        title: str | None = None,
        file_name: str = "dokumen.pdf",
    ) -> None:
        super().__init__(parent)
        self.pdf_bytes = pdf_bytes
        self.layout_key = layout
        self.settings = settings
        self.data_dir = data_dir
        self.file_name = file_name
        self.setWindowTitle(title or self.tr("Pratinjau cetak"))
        self.setObjectName("printPreview")

        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self._load(pdf_bytes)

        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setPageSpacing(18)
        self.view.setDocumentMargins(QMargins(20, 20, 20, 20))
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        # QPdfView paints around the pages with the palette's Dark role: a quiet grey-green desk.
        palette = self.view.palette()
        palette.setColor(QPalette.ColorRole.Dark, QColor(PAGE_DESK))
        self.view.setPalette(palette)
        self._fit_whole_page = False
        self._initial_zoom()

        self.heading = QLabel(title or self.tr("Pratinjau cetak"))
        self.heading.setObjectName("previewHeading")
        self.heading.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.page_count_label = QLabel(self._page_count_text())
        self.page_count_label.setObjectName("muted")
        self.page_count_label.setStyleSheet("color: #5b6b79;")
        self.printer_label = QLabel(self._printer_text())
        self.printer_label.setStyleSheet("color: #5b6b79;")
        self.printer_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.zoom_out_button = QPushButton("−")
        self.zoom_out_button.setToolTip(self.tr("Perkecil"))
        self.zoom_in_button = QPushButton("+")
        self.zoom_in_button.setToolTip(self.tr("Perbesar"))
        self.fit_button = QPushButton(self.tr("Sesuaikan lebar"))
        for button in (self.zoom_out_button, self.zoom_in_button):
            button.setFixedWidth(36)
        self.zoom_out_button.clicked.connect(lambda: self._zoom(1 / ZOOM_STEP))
        self.zoom_in_button.clicked.connect(lambda: self._zoom(ZOOM_STEP))
        self.fit_button.clicked.connect(self._fit_width)

        self.print_button = QPushButton(self.tr("Cetak…"))
        self.print_button.setObjectName("primary")
        self.print_button.setDefault(True)
        self.save_button = QPushButton(self.tr("Simpan sebagai PDF…"))
        self.close_button = QPushButton(self.tr("Tutup"))
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button.clicked.connect(self.save_with_dialog)
        self.close_button.clicked.connect(self.reject)
        ready = self.document.status() is QPdfDocument.Status.Ready
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(bool(pdf_bytes))

        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.heading)
        titles.addWidget(self.page_count_label)
        # Paper choice (``offer_layouts``): hidden unless the caller can render another layout.
        self.layout_caption = QLabel(self.tr("Ukuran kertas"))
        self.layout_caption.setStyleSheet("color: #5b6b79;")
        self.layout_combo = QComboBox()
        self.layout_combo.setAccessibleName(self.tr("Ukuran kertas"))
        self.layout_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.layout_combo.currentIndexChanged.connect(self._on_layout_chosen)
        self.layout_caption.setBuddy(self.layout_combo)
        self.layout_caption.hide()
        self.layout_combo.hide()
        paper = QHBoxLayout()
        paper.setSpacing(8)
        paper.addStretch(1)
        paper.addWidget(self.layout_caption)
        paper.addWidget(self.layout_combo)
        # A rahasia/anonim reporter's identity: off unless the officer ticks it for this print.
        self.identity_check = QCheckBox(self.tr("Cetak identitas pelapor (dirahasiakan)"))
        self.identity_check.setAccessibleName(self.tr("Cetak identitas pelapor yang dirahasiakan"))
        self.identity_check.setToolTip(
            self.tr("Hanya bila pelapor sendiri yang menerima cetakan ini. Pilihan ini dicatat.")
        )
        self.identity_check.hide()
        self.identity_check.toggled.connect(self._on_identity_chosen)
        self._identity_shown = False
        side = QVBoxLayout()
        side.setSpacing(4)
        side.addLayout(paper)
        side.addWidget(self.identity_check, 0, Qt.AlignmentFlag.AlignRight)
        side.addWidget(self.printer_label)
        header = QHBoxLayout()
        header.addLayout(titles, 1)
        header.addLayout(side)

        footer = QHBoxLayout()
        footer.addWidget(self.zoom_out_button)
        footer.addWidget(self.zoom_in_button)
        footer.addWidget(self.fit_button)
        footer.addStretch(1)
        footer.addWidget(self.close_button)
        footer.addWidget(self.save_button)
        footer.addWidget(self.print_button)

        root = QVBoxLayout(self)
        root.setContentsMargins(16, 14, 16, 14)
        root.setSpacing(10)
        root.addLayout(header)
        root.addWidget(self.view, 1)
        root.addLayout(footer)
        self.resize(560 if self._is_roll() else 780, 860)

    def _load(self, pdf_bytes: bytes) -> None:
        # The buffer must outlive the document: QPdfDocument reads from it lazily.
        previous = self._buffer
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf_bytes))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if previous is not None:
            previous.close()
            previous.deleteLater()
        if self.document.status() is not QPdfDocument.Status.Ready:
            log.error("preview cannot read the PDF: %s", self.document.error())

    def _initial_zoom(self) -> None:
        if self._is_roll():
            # A roll is narrow and long: fitting its width would blow it up to poster size.
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(1.4)
        # Until the user zooms: the whole first sheet, as it will come out of the printer.
        self._fit_whole_page = not self._is_roll()
        if self._fit_whole_page and self.isVisible():
            self._show_whole_page()

    # -- another paper ------------------------------------------------------------------------------

    def offer_layouts(self, choices: Sequence[tuple[str, str]]) -> None:
        """Let the user pick another paper: ``(layout key, label)`` pairs, the current one selected.

        Choosing one emits ``layout_requested(key)`` and waits (print and save disabled) until the
        caller hands the new rendering to ``show_document`` or gives up with ``keep_layout``.
        """
        self.layout_combo.blockSignals(True)
        self.layout_combo.clear()
        for key, label in choices:
            self.layout_combo.addItem(label, key)
        self.layout_combo.setCurrentIndex(max(0, self.layout_combo.findData(self.layout_key)))
        self.layout_combo.blockSignals(False)
        shown = bool(choices)
        self.layout_caption.setVisible(shown)
        self.layout_combo.setVisible(shown)

    def offer_identity_choice(self) -> None:
        """Show the (unticked) choice to print a protected reporter's identity on this receipt.

        Ticking or unticking emits ``identity_requested(checked)`` and waits like a paper change.
        """
        self.identity_check.blockSignals(True)
        self.identity_check.setChecked(False)
        self.identity_check.blockSignals(False)
        self.identity_check.show()

    def _on_identity_chosen(self, checked: bool) -> None:
        self._set_waiting(True)
        emit(self.identity_requested, checked)

    def _on_layout_chosen(self, _index: int) -> None:
        key = self.layout_combo.currentData()
        if not isinstance(key, str) or key == self.layout_key:
            return
        self._set_waiting(True)
        emit(self.layout_requested, key)

    def _set_waiting(self, waiting: bool) -> None:
        ready = not waiting and self.document.status() is QPdfDocument.Status.Ready
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(not waiting and bool(self.pdf_bytes))
        self.layout_combo.setEnabled(not waiting)
        self.identity_check.setEnabled(not waiting)
        if waiting:
            self.page_count_label.setText(self.tr("Menyiapkan ukuran kertas lain\u2026"))
        else:
            self.page_count_label.setText(self._page_count_text())

    def show_document(self, pdf_bytes: bytes, *, layout: str, file_name: str | None = None) -> None:
        """Show another rendering of the same document (another paper) in place of this one."""
        was_roll = self._is_roll()
        self.pdf_bytes = pdf_bytes
        self.layout_key = layout
        if file_name is not None:
            self.file_name = file_name
        self._load(pdf_bytes)
        self.layout_combo.blockSignals(True)
        self.layout_combo.setCurrentIndex(max(0, self.layout_combo.findData(layout)))
        self.layout_combo.blockSignals(False)
        self.printer_label.setText(self._printer_text())
        self._identity_shown = self.identity_check.isChecked()  # what the document now shows
        self._set_waiting(False)
        if was_roll != self._is_roll():
            self.resize(560 if self._is_roll() else 780, self.height())
        self._initial_zoom()

    def keep_layout(self) -> None:
        """The other paper could not be rendered: stay with the document already shown."""
        self.layout_combo.blockSignals(True)
        self.layout_combo.setCurrentIndex(max(0, self.layout_combo.findData(self.layout_key)))
        self.layout_combo.blockSignals(False)
        self.identity_check.blockSignals(True)
        self.identity_check.setChecked(self._identity_shown)
        self.identity_check.blockSignals(False)
        self._set_waiting(False)

    # -- what the dialog shows ------------------------------------------------------------------

    def page_count(self) -> int:
        return int(self.document.pageCount())

    def _page_count_text(self) -> str:
        if self.document.status() is not QPdfDocument.Status.Ready:
            return self.tr("Dokumen tidak dapat dibaca")
        n = self.page_count()
        return self.tr("%n halaman", "", n)

    def _printer_text(self) -> str:
        name = self.settings.printers.get(self.layout_key, {}).get("printer", "")
        if name and name in QPrinterInfo.availablePrinterNames():
            return self.tr("Printer: %1").replace("%1", name)
        default = QPrinterInfo.defaultPrinterName()
        if default:
            return self.tr("Printer: %1").replace("%1", default)
        return self.tr("Belum ada printer terpasang; simpan sebagai PDF")

    def _is_roll(self) -> bool:
        if self.layout_key.startswith("thermal"):
            return True
        if self.document.status() is not QPdfDocument.Status.Ready or self.page_count() == 0:
            return False
        size = self.document.pagePointSize(0)
        return size.width() < 300  # narrower than A6: a receipt roll

    def _fit_width(self) -> None:
        self._fit_whole_page = False
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _show_whole_page(self) -> None:
        # QPdfView's FitInView ignores the document margins and leaves a sliver scrolled away.
        if self.document.status() is not QPdfDocument.Status.Ready or self.page_count() == 0:
            return
        points = self.document.pagePointSize(0)
        pixels_per_point = self.view.logicalDpiY() / 72
        margins = self.view.documentMargins()
        room = self.view.viewport().size()
        width = room.width() - margins.left() - margins.right()
        height = room.height() - margins.top() - margins.bottom() - self.view.pageSpacing()
        if width <= 0 or height <= 0:
            return
        zoom = min(width / (points.width() * pixels_per_point), height / (points.height() * pixels_per_point))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, zoom))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit_whole_page:
            self._show_whole_page()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_whole_page:
            self._show_whole_page()

    def _zoom(self, factor: float) -> None:
        self._fit_whole_page = False
        current = self.view.zoomFactor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(6.0, current * factor)))

    # -- printer and paper ----------------------------------------------------------------------

    def default_page_size(self) -> QPageSize:
        """The paper the document was drawn for: its first page's size, matched to a named size."""
        if self.document.status() is QPdfDocument.Status.Ready and self.page_count() > 0:
            points = self.document.pagePointSize(0)
            portrait = QSizeF(min(points.width(), points.height()), max(points.width(), points.height()))
            return QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
        return QPageSize(QPageSize.PageSizeId.A4)

    def configured_printer(self) -> QPrinter:
        """A printer set up with what was remembered for this layout, else the system default."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.file_name.removesuffix(".pdf"))
        remembered = self.settings.printers.get(self.layout_key, {})
        name = remembered.get("printer", "")
        if name and name in QPrinterInfo.availablePrinterNames():
            printer.setPrinterName(name)
        page_size = _page_size_from_settings(remembered) or self.default_page_size()
        printer.setPageSize(page_size)
        landscape = remembered.get("orientation") == "landscape" or (
            "orientation" not in remembered and self._first_page_is_landscape()
        )
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        )
        # The PDF carries its own margins: print it on the whole sheet, not inside a second margin.
        printer.setFullPage(True)
        printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
        return printer

    def _first_page_is_landscape(self) -> bool:
        if self.document.status() is not QPdfDocument.Status.Ready or self.page_count() == 0:
            return False
        size = self.document.pagePointSize(0)
        return size.width() > size.height()

    def remember(self, printer: QPrinter) -> None:
        """Keep this layout's printer and paper for next time (a PDF file is no printer to keep)."""
        entry = dict(self.settings.printers.get(self.layout_key, {}))
        if printer.outputFormat() is QPrinter.OutputFormat.NativeFormat and printer.printerName():
            entry["printer"] = printer.printerName()
        page_layout = printer.pageLayout()
        size = page_layout.pageSize()
        mm = size.size(QPageSize.Unit.Millimeter)
        entry["paper"] = size.key()
        entry["paper_mm"] = f"{mm.width():g}x{mm.height():g}"
        entry["orientation"] = (
            "landscape" if page_layout.orientation() is QPageLayout.Orientation.Landscape else "portrait"
        )
        self.settings.printers[self.layout_key] = entry
        try:
            self.settings.save(self.data_dir)
        except OSError as exc:
            log.warning("printer choice not saved: %s", exc)
        self.printer_label.setText(self._printer_text())

    # -- actions ----------------------------------------------------------------------------------

    def print_with_dialog(self) -> None:
        printer = self.configured_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Cetak"))
        dialog.setMinMax(1, max(1, self.page_count()))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter, *, raster: bool | None = None) -> bool:
        """Put the document on ``printer``; remember the printer and paper when it worked.

        A real printer gets every page (or the chosen range) rendered at its resolution. "Print to
        file (PDF)" of the whole document gets the document's own bytes: searchable text and
        vector type, rather than pictures of pages. ``raster`` forces one or the other.
        """
        count = self.page_count()
        first, last = 1, count
        if printer.printRange() is QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = max(1, printer.fromPage()), min(count, printer.toPage() or count)
        to_file = printer.outputFormat() is QPrinter.OutputFormat.PdfFormat and bool(printer.outputFileName())
        if raster is None:
            raster = not (to_file and (first, last) == (1, count))
        if not raster:
            if not self.save_to(Path(printer.outputFileName())):
                return False
        elif not self._paint_pages(printer, first, last):
            return False
        self.remember(printer)
        emit(self.printed)
        return True

    def _paint_pages(self, printer: QPrinter, first: int, last: int) -> bool:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        painter = QPainter()
        try:
            if not painter.begin(printer):
                self._fail(self.tr("Printer tidak dapat dibuka. Periksa printer atau pilih yang lain."))
                return False
            for number, index in enumerate(range(first - 1, last)):
                if number and not printer.newPage():
                    self._fail(self.tr("Printer menolak halaman berikutnya."))
                    return False
                self._paint_page(painter, printer, index)
            if not painter.end():
                self._fail(self.tr("Pencetakan gagal diselesaikan."))
                return False
        finally:
            if painter.isActive():
                painter.end()
            QGuiApplication.restoreOverrideCursor()
        return True

    def _paint_page(self, painter: QPainter, printer: QPrinter, index: int) -> None:
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        paper = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
        points = self.document.pagePointSize(index)
        # Device pixels of the page at 1:1; shrink to the sheet when the page is larger, never enlarge.
        device_w = points.width() / 72 * printer.resolution()
        device_h = points.height() / 72 * printer.resolution()
        scale = min(1.0, paper.width() / device_w, paper.height() / device_h)
        target = QRectF(0, 0, device_w * scale, device_h * scale)
        target.moveLeft((paper.width() - target.width()) / 2 if not self._is_roll() else 0)
        # Rendered at the printer's resolution (capped), in bands so a page never needs one huge image.
        pixels = QSize(
            max(1, round(points.width() / 72 * dpi * scale)),
            max(1, round(points.height() / 72 * dpi * scale)),
        )
        band_height = max(1, BAND_PIXELS // pixels.width())
        options = QPdfDocumentRenderOptions()
        options.setScaledSize(pixels)
        to_device = target.height() / pixels.height()
        for top in range(0, pixels.height(), band_height):
            height = min(band_height, pixels.height() - top)
            options.setScaledClipRect(QRect(0, top, pixels.width(), height))
            band = self.document.render(index, QSize(pixels.width(), height), options)
            painter.drawImage(
                QRectF(
                    QPointF(target.left(), target.top() + top * to_device),
                    QSizeF(target.width(), height * to_device),
                ),
                band,
            )

    def save_with_dialog(self) -> None:
        start = Path.home() / self.file_name
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Simpan sebagai PDF"), str(start), self.tr("Dokumen PDF (*.pdf)")
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Write the bytes atomically: a failure leaves any existing file as it was."""
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        except OSError as exc:
            self._fail(
                self.tr("Tidak dapat menyimpan ke %1: %2")
                .replace("%1", str(path))
                .replace("%2", exc.strerror or str(exc))
            )
            return False
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(self.pdf_bytes)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except OSError as exc:
            self._fail(
                self.tr("Tidak dapat menyimpan ke %1: %2")
                .replace("%1", str(path))
                .replace("%2", exc.strerror or str(exc))
            )
            return False
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        emit(self.saved, path)
        return True

    def _fail(self, message: str) -> None:
        log.info("print preview: %s", message)
        emit(self.failed, message)
        # open(), not exec(): the preview stays responsive and nothing blocks a caller's event loop.
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.windowTitle(), message, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def _page_size_from_settings(remembered: dict[str, str]) -> QPageSize | None:
    text = remembered.get("paper_mm", "")
    try:
        width, height = (float(part) for part in text.lower().split("x"))
    except ValueError:
        return None
    if width <= 0 or height <= 0:
        return None
    size = QPageSize(
        QSizeF(width, height), QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.FuzzyMatch
    )
    return size if size.isValid() else None
