"""Receipts from the workstation: rendered on the database thread, shown in the print preview.

``ReceiptPrinter.open(tracking_no)`` renders ``desktop.documents.receipt_pdf`` as the desk's
logged-in identity (the service decides whose name may print), then opens a non-modal
``PrintPreviewDialog`` over the caller. The paper (A4, A5, 80 mm roll) is chosen in the preview
itself; choosing another one renders again and is remembered as the receipt default in
``Settings.printers["receipt"]["layout"]`` (the key the settings dialog edits too).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.session import load_identity
from desktop.settings import Settings
from desktop.store import LocalStore
from ui.signals import emit
from ui.tasks import TaskManager

if TYPE_CHECKING:
    from ui.print_preview import PrintPreviewDialog

# The PDF side (reportlab, QtPdf) is imported on the first receipt, not when the window opens.

log = logging.getLogger(__name__)

RECEIPT_KEY = "receipt"
RECEIPT_LAYOUTS = ("a4", "a5", "thermal80")
DEFAULT_LAYOUT = "a4"


def receipt_layout(settings: Settings) -> str:
    """The paper last chosen for receipts (A4 until someone picks another)."""
    layout = settings.printers.get(RECEIPT_KEY, {}).get("layout", DEFAULT_LAYOUT)
    return layout if layout in RECEIPT_LAYOUTS else DEFAULT_LAYOUT


def remember_receipt_layout(settings: Settings, data_dir: Path, layout: str) -> None:
    if layout not in RECEIPT_LAYOUTS or receipt_layout(settings) == layout:
        return
    entry = dict(settings.printers.get(RECEIPT_KEY, {}))
    entry["layout"] = layout
    settings.printers = {**settings.printers, RECEIPT_KEY: entry}
    try:
        settings.save(data_dir)
    except OSError as exc:
        log.warning("receipt paper not remembered: %s", exc)


def plain_words(exc: BaseException, lang: str) -> str:
    """A ``DocumentError``'s line in the user's language ("Indonesian. / English." in the core)."""
    text = str(exc).strip()
    head, sep, tail = text.rpartition(" / ")
    if not sep:
        return text
    return tail if lang == "en" else head


class ReceiptPrinter(QObject):
    """Opens receipt previews over ``parent``; keeps the last one in ``preview`` (tests, GC)."""

    opened = Signal(object)  # PrintPreviewDialog
    failed = Signal(str)  # a message for the user: unknown ticket, store unreadable, ...

    def __init__(
        self,
        tasks: TaskManager,
        store: LocalStore,
        settings: Settings,
        data_dir: Path,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.store = store
        self.settings = settings
        self.data_dir = data_dir
        self.widget = parent
        self.preview: PrintPreviewDialog | None = None

    def layout_choices(self) -> list[tuple[str, str]]:
        return [
            ("a4", self.tr("A4")),
            ("a5", self.tr("A5")),
            ("thermal80", self.tr("Struk 80 mm")),
        ]

    def open(self, tracking_no: str) -> None:
        """Render the receipt in the remembered paper and show it (works offline: local store only)."""
        layout = receipt_layout(self.settings)
        self._render(tracking_no, layout, lambda pdf: self._show(tracking_no, layout, pdf), None)

    def _render(
        self,
        tracking_no: str,
        layout: str,
        on_done: Callable[[bytes], None],
        preview: PrintPreviewDialog | None,
    ) -> None:
        store, lang = self.store, self.settings.language

        def render() -> bytes:
            from desktop.documents import receipt_pdf

            return receipt_pdf(store, tracking_no, layout, viewer=load_identity(store), lang=lang)

        def failed(exc: BaseException) -> None:
            if preview is not None and shiboken6.isValid(preview):
                preview.keep_layout()
            self._fail(exc)

        self.tasks.run_db(
            render,
            on_done,
            label=self.tr("Menyiapkan tanda terima"),
            on_error=failed,
        )

    def _show(self, tracking_no: str, layout: str, pdf: bytes) -> None:
        from ui.print_preview import PrintPreviewDialog

        dialog = PrintPreviewDialog(
            pdf,
            layout=layout,
            settings=self.settings,
            data_dir=self.data_dir,
            parent=self.widget,
            title=self.tr("Tanda terima %1").replace("%1", tracking_no),
            file_name=_file_name(tracking_no, layout),
        )
        dialog.offer_layouts(self.layout_choices())
        dialog.layout_requested.connect(lambda chosen: self._switch(dialog, tracking_no, chosen))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.preview = dialog
        dialog.open()
        emit(self.opened, dialog)

    def _closed(self, dialog: PrintPreviewDialog) -> None:
        # Each receipt gets its own preview; a closed one is gone for good.
        if self.preview is dialog:
            self.preview = None
        dialog.deleteLater()

    def _switch(self, dialog: PrintPreviewDialog, tracking_no: str, layout: str) -> None:
        def done(pdf: bytes) -> None:
            remember_receipt_layout(self.settings, self.data_dir, layout)
            if shiboken6.isValid(dialog) and dialog.isVisible():  # not closed while rendering
                dialog.show_document(pdf, layout=layout, file_name=_file_name(tracking_no, layout))

        self._render(tracking_no, layout, done, dialog)

    def _fail(self, exc: BaseException) -> None:
        from desktop.documents import DocumentError

        if isinstance(exc, DocumentError):
            emit(
                self.failed,
                self.tr("Tanda terima tidak dapat dibuat: %1").replace(
                    "%1", plain_words(exc, self.settings.language)
                ),
            )
            return
        # Not something the user can fix: the crash path with the log (MainWindow._on_failed).
        log.error("receipt failed:\n%s", "".join(traceback.format_exception(exc)))
        emit(self.tasks.failed, self.tr("Menyiapkan tanda terima"), exc)


def _file_name(tracking_no: str, layout: str) -> str:
    suffix = "" if layout == DEFAULT_LAYOUT else f"-{layout}"
    return f"tanda-terima-{tracking_no}{suffix}.pdf"
