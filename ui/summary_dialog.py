"""The performance summary ("Ringkasan kinerja"): a period and a scope, then the print preview.

The scope offered follows the role (``desktop.documents.summary_scope`` checks it again): an
officer gets their own tickets, a supervisor their OPD or one of its officers, an admin every
OPD or one of them. The PDF is built on the database thread (it streams the store's tickets);
a run longer than ~500 ms shows a busy bar. The printer and paper used for summaries are
remembered under the preview's ``summary`` layout key.
"""

from __future__ import annotations

import logging
import traceback
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import wording
from desktop.documents import DocumentError, summary_pdf
from desktop.domain import Role
from desktop.session import DeskIdentity
from desktop.settings import Settings
from desktop.store import LocalStore
from desktop.ticket_detail import DeskDirectory
from ui.field_label import plain_label
from ui.print_preview import PrintPreviewDialog
from ui.printing import plain_words
from ui.signals import emit
from ui.tasks import PROGRESS_DELAY_MS, TaskManager

log = logging.getLogger(__name__)

SUMMARY_LAYOUT = "summary"
EARLIEST = date(2015, 1, 1)


def month_of(day: date) -> tuple[date, date]:
    """The calendar month ``day`` falls in: its first and last day."""
    first = day.replace(day=1)
    next_first = (first + timedelta(days=32)).replace(day=1)
    return first, next_first - timedelta(days=1)


def previous_month(today: date) -> tuple[date, date]:
    return month_of(today.replace(day=1) - timedelta(days=1))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class SummaryDialog(QDialog):
    opened = Signal(object)  # the PrintPreviewDialog showing the summary
    exported = Signal(list)  # the paths an export wrote (desktop.export)

    def __init__(
        self,
        tasks: TaskManager,
        store: LocalStore,
        settings: Settings,
        data_dir: Path,
        identity: DeskIdentity,
        directory: DeskDirectory,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.store = store
        self.settings = settings
        self.data_dir = data_dir
        self.identity = identity
        self.directory = directory
        self.today = today
        self.lang = settings.language
        self.preview: PrintPreviewDialog | None = None
        self.running = False
        self.setWindowTitle(self.tr("Ringkasan kinerja"))
        self.setMinimumWidth(560)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(plain_label(self.tr("Ringkasan kinerja"), "paneTitle"))
        layout.addWidget(
            plain_label(
                self.tr(
                    "Pengaduan masuk dan selesai, waktu tanggapan pertama, ketepatan tenggat, "
                    "tunggakan, kepuasan pelapor (IKM) dan sampainya balasan dalam satu periode, "
                    "dari data di perangkat ini."
                ),
                "muted",
                wrap=True,
            )
        )

        card = QFrame()
        card.setObjectName("card")
        form = QFormLayout(card)
        form.setContentsMargins(16, 14, 16, 14)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.start = self._date_edit(self.tr("Tanggal mulai"))
        self.end = self._date_edit(self.tr("Tanggal akhir"))
        period = QHBoxLayout()
        period.setSpacing(8)
        period.addWidget(self.start, 1)
        until = QLabel(self.tr("s.d."))
        until.setObjectName("muted")
        period.addWidget(until)
        period.addWidget(self.end, 1)
        form.addRow(self.tr("Periode"), period)

        quick = QHBoxLayout()
        quick.setSpacing(6)
        self.this_month_button = QPushButton(self.tr("Bulan ini"))
        self.this_month_button.setAccessibleName(self.tr("Periode bulan ini"))
        self.this_month_button.clicked.connect(self.choose_this_month)
        self.last_month_button = QPushButton(self.tr("Bulan lalu"))
        self.last_month_button.setAccessibleName(self.tr("Periode bulan lalu"))
        self.last_month_button.clicked.connect(self.choose_last_month)
        quick.addWidget(self.this_month_button)
        quick.addWidget(self.last_month_button)
        quick.addStretch(1)
        form.addRow("", quick)

        self.scope = QComboBox()
        self.scope.setAccessibleName(self.tr("Cakupan ringkasan"))
        self._fill_scopes()
        self.scope_hint = plain_label("", "muted")
        scope = QVBoxLayout()
        scope.setSpacing(4)
        scope.addWidget(self.scope)
        scope.addWidget(self.scope_hint)
        form.addRow(self.tr("Cakupan"), scope)
        self.scope.currentIndexChanged.connect(lambda _i: self._explain_scope())
        self._explain_scope()
        layout.addWidget(card)

        self.error = plain_label("", "error", wrap=True)
        self.error.setAccessibleName(self.tr("Pesan kesalahan"))
        self.error.hide()
        layout.addWidget(self.error)
        self.export_note = plain_label("", "muted", wrap=True)
        self.export_note.hide()
        layout.addWidget(self.export_note)

        self.progress_row = QWidget()
        progress = QHBoxLayout(self.progress_row)
        progress.setContentsMargins(0, 0, 0, 0)
        self.progress_label = plain_label(self.tr("Menyusun ringkasan\u2026"), "muted")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # how long it takes is not known in advance
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.setAccessibleName(self.tr("Menyusun ringkasan"))
        progress.addWidget(self.progress_label)
        progress.addWidget(self.progress, 1)
        self.progress_row.hide()
        layout.addWidget(self.progress_row)

        self.buttons = QDialogButtonBox()
        self.show_button = self.buttons.addButton(
            self.tr("Tampilkan pratinjau"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.show_button.setObjectName("primary")
        self.show_button.setAccessibleName(self.tr("Tampilkan pratinjau ringkasan"))
        # Every table of the summary as a spreadsheet (same scope, same masking as the PDF).
        self.export_button = self.buttons.addButton(
            self.tr("Ekspor\u2026"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.setAccessibleName(self.tr("Ekspor tabel ringkasan ke XLSX atau CSV"))
        self.export_button.clicked.connect(self.choose_export)
        self.cancel_button = self.buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.choose_last_month()
        self.show_button.setDefault(True)
        self.show_button.setFocus()

    # -- the form ---------------------------------------------------------------------------------

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setAccessibleName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setDateRange(_qdate(EARLIEST), _qdate(self.today))
        edit.dateChanged.connect(lambda _d: self.error.hide())
        return edit

    def _fill_scopes(self) -> None:
        me = self.identity
        if me.role is Role.OFFICER:
            self.scope.addItem(self.tr("Tiket saya (%1)").replace("%1", me.officer_name or me.username), "")
            self.scope.setEnabled(False)
            return
        if me.role is Role.SUPERVISOR:
            opd = self.directory.opds.get(me.opd_code)
            self.scope.addItem(
                self.tr("Seluruh %1").replace("%1", opd.name if opd else me.opd_code), "opd:" + me.opd_code
            )
            officers = [o for o in self.directory.officers.values() if o.opd_code == me.opd_code]
            for officer in sorted(officers, key=lambda o: o.name):
                self.scope.addItem(
                    self.tr("Petugas: %1").replace("%1", officer.name), "officer:" + officer.username
                )
            return
        self.scope.addItem(self.tr("Semua OPD"), "")
        for opd in sorted(self.directory.opds.values(), key=lambda o: o.name):
            self.scope.addItem(opd.name, "opd:" + opd.code)

    def _explain_scope(self) -> None:
        key = str(self.scope.currentData() or "")
        if self.identity.role is Role.OFFICER:
            text = self.tr("Pengaduan yang ditugaskan kepada Anda.")
        elif key.startswith("officer:"):
            text = self.tr("Pengaduan yang ditugaskan kepada petugas ini.")
        elif key.startswith("opd:"):
            text = self.tr("Semua pengaduan OPD ini, dengan tabel per petugas.")
        else:
            text = self.tr("Semua OPD yang datanya ada di perangkat ini.")
        self.scope_hint.setText(text)

    def set_period(self, start: date, end: date) -> None:
        self.start.setDate(_qdate(start))
        self.end.setDate(_qdate(end))

    def period(self) -> tuple[date, date]:
        return _pydate(self.start.date()), _pydate(self.end.date())

    def choose_this_month(self) -> None:
        first, _last = month_of(self.today)
        self.set_period(first, self.today)

    def choose_last_month(self) -> None:
        self.set_period(*previous_month(self.today))

    def choose_scope(self, key: str) -> None:
        """Pick ``opd:CODE``, ``officer:USERNAME`` or ``""`` (everything the role allows)."""
        self.scope.setCurrentIndex(max(0, self.scope.findData(key)))

    def selected_scope(self) -> tuple[str | None, str | None]:
        """``(opd_code, officer)`` for ``summary_pdf``."""
        key = str(self.scope.currentData() or "")
        kind, _, value = key.partition(":")
        if kind == "opd":
            return value, None
        if kind == "officer":
            return None, value
        return None, None

    def _period_text(self, start: date, end: date) -> str:
        first = wording.format_date(start, lang=self.lang, weekday=False)
        last = wording.format_date(end, lang=self.lang, weekday=False)
        return f"{first} \u2013 {last}"

    # -- building the PDF ---------------------------------------------------------------------------

    def submit(self) -> None:
        if self.running:
            return
        start, end = self.period()
        if start > end:
            self._say(
                self.tr("Tanggal mulai (%1) jatuh setelah tanggal akhir (%2). Perbaiki periodenya.")
                .replace("%1", wording.format_date(start, lang=self.lang, weekday=False))
                .replace("%2", wording.format_date(end, lang=self.lang, weekday=False))
            )
            return
        self.error.hide()
        opd_code, officer = self.selected_scope()
        store, viewer, lang = self.store, self.identity, self.lang

        def build() -> bytes:
            return summary_pdf(
                store, start, end, viewer=viewer, opd_code=opd_code, officer=officer, lang=lang
            )

        self._set_running(True)
        QTimer.singleShot(PROGRESS_DELAY_MS, self, self._show_progress)
        self.tasks.run_db(
            build,
            lambda pdf: self._open_preview(pdf, start, end),
            label=self.tr("Menyusun ringkasan kinerja"),
            on_error=self._failed,
        )

    def choose_export(self) -> None:
        start, end = self.period()
        suggested = self.data_dir.parent / f"ringkasan-kinerja-{start.isoformat()}-{end.isoformat()}.xlsx"
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Ekspor tabel ringkasan"),
            str(suggested),
            self.tr("Buku kerja Excel (*.xlsx);;CSV, satu berkas per tabel (*.csv)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write every summary table: an .xlsx workbook, or (``.csv``) a folder of CSV files
        named after the file, next to it."""
        if self.running:
            return
        start, end = self.period()
        if start > end:
            self.submit()  # says what is wrong with the period, in the same words
            return
        self.error.hide()
        self.export_note.hide()
        fmt = "csv" if path.suffix.lower() == ".csv" else "xlsx"
        out = path.with_suffix("") if fmt == "csv" else path
        opd_code, officer = self.selected_scope()
        store, viewer, lang = self.store, self.identity, self.lang

        def build() -> list[Path]:
            from desktop.documents import summary_figures
            from desktop.export import summary_tables, write_tables

            figures = summary_figures(
                store, start, end, viewer=viewer, opd_code=opd_code, officer=officer, lang=lang
            )
            return write_tables(summary_tables(figures, lang=lang), fmt, out)

        def done(paths: list[Path]) -> None:
            self._set_running(False)
            self.export_note.setText(self.tr("Diekspor ke %1").replace("%1", str(out)))
            self.export_note.show()
            emit(self.exported, paths)

        self._set_running(True)
        QTimer.singleShot(PROGRESS_DELAY_MS, self, self._show_progress)
        self.tasks.run_db(build, done, label=self.tr("Mengekspor ringkasan"), on_error=self._failed)

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.export_button.setEnabled(not running)
        for widget in (self.start, self.end, self.scope, self.show_button, self.this_month_button):
            widget.setEnabled(not running and (widget is not self.scope or self.scope.count() > 1))
        self.last_month_button.setEnabled(not running)
        if not running:
            self.progress_row.hide()

    def _show_progress(self) -> None:
        if self.running:
            self.progress_row.show()

    def _open_preview(self, pdf: bytes, start: date, end: date) -> None:
        self._set_running(False)
        owner = self.parentWidget() or self
        preview = PrintPreviewDialog(
            pdf,
            layout=SUMMARY_LAYOUT,
            settings=self.settings,
            data_dir=self.data_dir,
            parent=owner,
            title=self.tr("Ringkasan kinerja %1").replace("%1", self._period_text(start, end)),
            file_name=f"ringkasan-kinerja-{start.isoformat()}-{end.isoformat()}.pdf",
        )
        preview.finished.connect(lambda _r: preview.deleteLater())
        self.preview = preview
        # The form has done its job; the preview takes its place over the window.
        self.accept()
        preview.open()
        emit(self.opened, preview)

    def _failed(self, exc: BaseException) -> None:
        from desktop.export import ExportError

        self._set_running(False)
        if isinstance(exc, DocumentError | ExportError):
            self._say(plain_words(exc, self.lang))
            return
        # Not something the user can fix: the crash path with the log (MainWindow._on_failed).
        log.error("summary failed:\n%s", "".join(traceback.format_exception(exc)))
        emit(self.tasks.failed, self.tr("Menyusun ringkasan kinerja"), exc)

    def _say(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        # Grow to fit the message rather than squeezing the form under it.
        self.resize(self.size().expandedTo(self.sizeHint()))
