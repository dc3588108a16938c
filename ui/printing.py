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
from dataclasses import dataclass
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


@dataclass
class _Choice:
    """What one preview shows: which receipt, on which paper, with or without the identity."""

    tracking_no: str
    layout: str
    at_registration: bool = False
    show_identity: bool = False


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

    def open(self, tracking_no: str, *, at_registration: bool = False) -> None:
        """Render the receipt in the remembered paper and show it (works offline: local store only).

        ``at_registration``: the walk-in receipt handed to the reporter as they register, the one
        print that carries a protected (rahasia/anonim) reporter's identity without asking.
        """
        layout = receipt_layout(self.settings)
        choice = _Choice(tracking_no, layout, at_registration)
        self._render(choice, lambda pdf, protected: self._show(choice, pdf, protected), None)

    def _render(
        self,
        choice: _Choice,
        on_done: Callable[[bytes, bool], None],
        preview: PrintPreviewDialog | None,
    ) -> None:
        store, lang = self.store, self.settings.language
        tracking_no, layout = choice.tracking_no, choice.layout
        at_registration, show_identity = choice.at_registration, choice.show_identity

        def render() -> tuple[bytes, bool]:
            from desktop.documents import identity_choice_applies, receipt_pdf

            viewer = load_identity(store)
            pdf = receipt_pdf(
                store,
                tracking_no,
                layout,
                viewer=viewer,
                lang=lang,
                at_registration=at_registration,
                show_identity=show_identity,
            )
            return pdf, identity_choice_applies(store, tracking_no, viewer)

        def failed(exc: BaseException) -> None:
            if preview is not None and shiboken6.isValid(preview):
                preview.keep_layout()
            self._fail(exc)

        self.tasks.run_db(
            render,
            lambda result: on_done(*result),
            label=self.tr("Menyiapkan tanda terima"),
            on_error=failed,
        )

    def _show(self, choice: _Choice, pdf: bytes, protected: bool) -> None:
        from ui.print_preview import PrintPreviewDialog

        dialog = PrintPreviewDialog(
            pdf,
            layout=choice.layout,
            settings=self.settings,
            data_dir=self.data_dir,
            parent=self.widget,
            title=self.tr("Tanda terima %1").replace("%1", choice.tracking_no),
            file_name=_file_name(choice.tracking_no, choice.layout),
        )
        dialog.offer_layouts(self.layout_choices())
        if protected and not choice.at_registration:
            dialog.offer_identity_choice()
        dialog.layout_requested.connect(lambda chosen: self._switch(dialog, choice, layout=chosen))
        dialog.identity_requested.connect(lambda shown: self._switch(dialog, choice, show_identity=shown))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.preview = dialog
        dialog.open()
        emit(self.opened, dialog)

    def open_letter(self, tracking_no: str, message_id: str) -> None:
        """The reply letter ("Surat jawaban", A4) of one reply in the print preview; a protected
        reporter is named only when the officer ticks it there (the letter is addressed to them)."""
        store, lang = self.store, self.settings.language
        file_name = f"surat-jawaban-{tracking_no}.pdf"

        def render(show_identity: bool) -> Callable[[], tuple[bytes, bool]]:
            def run() -> tuple[bytes, bool]:
                from desktop.documents import identity_choice_applies, reply_letter_pdf

                viewer = load_identity(store)
                pdf = reply_letter_pdf(
                    store, tracking_no, message_id, viewer=viewer, lang=lang, show_identity=show_identity
                )
                return pdf, identity_choice_applies(store, tracking_no, viewer)

            return run

        def show(result: tuple[bytes, bool]) -> None:
            from ui.print_preview import PrintPreviewDialog

            pdf, protected = result
            dialog = PrintPreviewDialog(
                pdf,
                layout="a4",
                settings=self.settings,
                data_dir=self.data_dir,
                parent=self.widget,
                title=self.tr("Surat jawaban %1").replace("%1", tracking_no),
                file_name=file_name,
            )
            if protected:
                dialog.offer_identity_choice()
            dialog.identity_requested.connect(
                lambda shown: self.tasks.run_db(
                    render(shown),
                    lambda again: (
                        dialog.show_document(again[0], layout="a4", file_name=file_name)
                        if shiboken6.isValid(dialog) and dialog.isVisible()
                        else None
                    ),
                    label=self.tr("Menyiapkan surat jawaban"),
                    on_error=self._fail,
                )
            )
            dialog.finished.connect(lambda _result: self._closed(dialog))
            self.preview = dialog
            dialog.open()
            emit(self.opened, dialog)

        self.tasks.run_db(render(False), show, label=self.tr("Menyiapkan surat jawaban"), on_error=self._fail)

    def _closed(self, dialog: PrintPreviewDialog) -> None:
        # Each receipt gets its own preview; a closed one is gone for good.
        if self.preview is dialog:
            self.preview = None
        dialog.deleteLater()

    def _switch(
        self,
        dialog: PrintPreviewDialog,
        choice: _Choice,
        *,
        layout: str | None = None,
        show_identity: bool | None = None,
    ) -> None:
        wanted = _Choice(
            choice.tracking_no,
            layout if layout is not None else choice.layout,
            choice.at_registration,
            show_identity if show_identity is not None else choice.show_identity,
        )

        def done(pdf: bytes, _protected: bool) -> None:
            choice.layout, choice.show_identity = wanted.layout, wanted.show_identity
            remember_receipt_layout(self.settings, self.data_dir, wanted.layout)
            if shiboken6.isValid(dialog) and dialog.isVisible():  # not closed while rendering
                dialog.show_document(
                    pdf, layout=wanted.layout, file_name=_file_name(wanted.tracking_no, wanted.layout)
                )

        self._render(wanted, done, dialog)

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
