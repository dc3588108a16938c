"""The middle of the window: the view's title and count, search, filters and the ticket table.

Before the first sync the window shows ``EmptyState`` instead: what to do next, not a blank table.
The pane keeps which ticket is selected across reloads, and says so with ``ticket_selected``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.domain import Channel, Status
from desktop.queue import QueueFilter, QueueView
from desktop.store import LocalStore
from desktop.ticket_detail import DeskDirectory
from ui import icons
from ui.field_label import plain_label
from ui.queue_model import Column, DeadlineDelegate, MiddleElideDelegate, TicketQueueModel
from ui.signals import emit
from ui.tasks import TaskManager

# Number, title and countdown fit a 540-pixel pane (a 1280-wide window); the rest scrolls in.
COLUMN_WIDTHS = {
    Column.TRACKING: 180,
    Column.CHANNEL: 28,
    Column.TITLE: 115,
    Column.DEADLINE: 190,
    Column.STATUS: 122,
    Column.REPORTER: 130,
    Column.CATEGORY: 140,
    Column.ASSIGNEE: 130,
}


class EmptyState(QWidget):
    """What an officer sees before the first sync: what to do next, not a blank table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel(self.tr("Belum ada pengaduan di perangkat ini"))
        title.setObjectName("emptyTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 20pt; font-weight: 600; color: #0f5132;")
        hint = QLabel(
            self.tr(
                "Masuk ke server pengaduan lalu sinkronkan untuk mengambil antrean OPD Anda,\n"
                "atau catat pengaduan yang datang langsung ke loket."
            )
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet("font-size: 11pt; color: #555;")
        for label in (title, hint):
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.login_button = QPushButton(self.tr("Masuk ke server\u2026"))
        self.login_button.setObjectName("primary")
        self.login_button.setAccessibleName(self.tr("Masuk ke server"))
        self.walk_in_button = QPushButton(self.tr("Catat pengaduan langsung\u2026"))
        self.walk_in_button.setAccessibleName(self.tr("Catat pengaduan langsung"))
        buttons.addWidget(self.login_button)
        buttons.addWidget(self.walk_in_button)
        buttons.addStretch(1)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self.setAccessibleName(self.tr("Antrean kosong"))


class QueuePane(QWidget):
    filters_changed = Signal()  # the search (after a pause in typing) or a filter changed
    ticket_selected = Signal(str)  # the current row is another ticket (its id)

    def __init__(
        self,
        tasks: TaskManager,
        store: LocalStore,
        directory: DeskDirectory,
        *,
        lang: str,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("queuePane")
        # A QWidget subclass paints the theme's background only when asked to.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.selected_id: str | None = None
        self.view_count: int | None = None  # the count beside the current view, when known
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 8)
        layout.setSpacing(10)
        title_row = QHBoxLayout()
        self.pane_title = plain_label("", "paneTitle")
        title_row.addWidget(self.pane_title)
        self.pane_count = plain_label("", "paneCount")
        title_row.addWidget(self.pane_count)
        title_row.addStretch(1)
        self.reassign_button = QPushButton(self.tr("Tugaskan\u2026"))
        self.reassign_button.setAccessibleName(self.tr("Tugaskan tiket terpilih ke petugas"))
        self.transfer_button = QPushButton(self.tr("Alihkan ke OPD lain\u2026"))
        self.transfer_button.setAccessibleName(self.tr("Alihkan tiket ke OPD lain"))
        title_row.addWidget(self.reassign_button)
        title_row.addWidget(self.transfer_button)
        layout.addLayout(title_row)

        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("Cari nomor tiket, judul, isi atau pelapor\u2026  (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Cari pengaduan"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(lambda: emit(self.filters_changed))
        self.search.textChanged.connect(lambda _t: self._search_timer.start())

        filters = QHBoxLayout()
        filters.setSpacing(8)
        self.channel_filter = QComboBox()
        self.channel_filter.setAccessibleName(self.tr("Saring kanal"))
        self.category_filter = QComboBox()
        self.category_filter.setAccessibleName(self.tr("Saring kategori"))
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Saring status"))
        self.assignee_filter = QComboBox()
        self.assignee_filter.setAccessibleName(self.tr("Saring petugas"))
        self.combos = (self.channel_filter, self.category_filter, self.status_filter, self.assignee_filter)
        for combo in self.combos:
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
            filters.addWidget(combo, 1)
        layout.addLayout(filters)

        self.model = TicketQueueModel(tasks, store, directory, lang=lang, clock=clock)
        self.model.reloaded.connect(self._after_reload)
        self.table = self._build_table()
        layout.addWidget(self.table, 1)
        self.fill_filters(directory, lang)
        for combo in self.combos:
            combo.currentIndexChanged.connect(lambda _i: emit(self.filters_changed))

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setItemDelegateForColumn(Column.DEADLINE, DeadlineDelegate(table))
        middle = MiddleElideDelegate(table)
        for column in (Column.TRACKING, Column.REPORTER, Column.ASSIGNEE):
            table.setItemDelegateForColumn(column, middle)
        table.setAccessibleName(self.tr("Antrean pengaduan"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setShowGrid(False)
        table.setAlternatingRowColors(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(34)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setAccessibleName(self.tr("Kolom antrean"))
        header.setStretchLastSection(False)
        for col, width in COLUMN_WIDTHS.items():
            header.resizeSection(col, width)
        header.setSectionResizeMode(Column.CHANNEL, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(30)
        table.selectionModel().selectionChanged.connect(self._on_selection)
        return table

    def fill_filters(self, directory: DeskDirectory, lang: str) -> None:
        def refill(combo: QComboBox, everything: str, items: Sequence[tuple[str, object]]) -> None:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

        channels = labels.CHANNEL_PRINT_ORDER
        refill(
            self.channel_filter,
            self.tr("Semua kanal"),
            [(labels.channel_label(c, lang), c.value) for c in channels],
        )
        for i, c in enumerate(channels, start=1):
            self.channel_filter.setItemIcon(i, icons.channel_icon(c))
        categories = sorted(((c.name, c.code) for c in directory.categories.values()), key=lambda x: x[0])
        refill(self.category_filter, self.tr("Semua kategori"), categories)
        refill(
            self.status_filter,
            self.tr("Semua status"),
            [(labels.status_label(s, lang), s.value) for s in Status],
        )
        officers = sorted(directory.officers.values(), key=lambda o: o.name)
        refill(
            self.assignee_filter,
            self.tr("Semua petugas"),
            [(self.tr("Belum ditugaskan"), "")] + [(o.name, o.username) for o in officers],
        )

    def filter_for(
        self, view: QueueView, me: str | None, now: datetime, due_soon_until: datetime
    ) -> QueueFilter:
        channel = self.channel_filter.currentData()
        status = self.status_filter.currentData()
        return QueueFilter(
            view=view,
            channel=Channel(channel) if channel else None,
            category=self.category_filter.currentData(),
            status=Status(status) if status else None,
            assignee=self.assignee_filter.currentData(),
            search=self.search.text(),
            me=me,
            now=now,
            due_soon_until=due_soon_until,
        )

    def show_view(self, name: str, count: int | None) -> None:
        """The view's name and, when nothing narrows it, its count (from the counts beside the views)."""
        self.view_count = count
        self.pane_title.setText(name)
        flt = self.model.filter
        unfiltered = (flt.channel, flt.category, flt.status, flt.assignee) == (None, None, None, None)
        if count is not None and unfiltered and not self.search.text().strip():
            self.pane_count.setText(self.tr("%n tiket", "", count))

    def _after_reload(self) -> None:
        shown = self.model.rowCount()
        narrowed = self.model.filter != replace(
            self.model.filter, channel=None, category=None, status=None, assignee=None, search=""
        )
        if self.search.text().strip() or narrowed:
            self.pane_count.setText(
                self.tr("%n hasil", "", shown) + ("+" if self.model.canFetchMore() else "")
            )
        elif self.view_count is not None:
            self.pane_count.setText(self.tr("%n tiket", "", self.view_count))
        row = self.model.row_of(self.selected_id) if self.selected_id is not None else None
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        elif self.model.rowCount() and self.selected_id is None:
            self.select_row(0)

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    def select_ticket(self, ticket_id: str) -> None:
        """Choose this ticket now if it is in the loaded rows, else as soon as a reload brings it."""
        row = self.model.row_of(ticket_id)
        self.selected_id = None if row is not None else ticket_id
        if row is not None:
            self.select_row(row)

    def move_selection(self, step: int) -> None:
        target = max(0, self.table.currentIndex().row() + step)
        if target >= self.model.rowCount() and self.model.canFetchMore():
            self.model.fetchMore()
        self.select_row(min(target, self.model.rowCount() - 1))

    def selected_tracking_numbers(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [row.tracking_no for row in map(self.model.row_at, rows) if row is not None]

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_selection(self, *_args: object) -> None:
        row = self.model.row_at(self.table.currentIndex().row())
        if row is not None and row.id != self.selected_id:
            self.selected_id = row.id
            emit(self.ticket_selected, row.id)
