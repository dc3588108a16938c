"""The middle of the window: the view's title and count, search, filters and the ticket table.

Before the first sync the window shows ``EmptyState`` instead: what to do next, not a blank table.
The pane keeps which ticket is selected across reloads, and says so with ``ticket_selected``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.domain import Channel, Status
from desktop.locate import SearchSpread, spread
from desktop.queue import QueueFilter, QueueView
from desktop.store import LocalStore
from desktop.ticket_detail import DeskDirectory
from ui import icons
from ui.field_label import plain_label
from ui.queue_model import Column, DeadlineDelegate, MiddleElideDelegate, TicketQueueModel
from ui.signals import emit
from ui.tasks import TaskManager

# Each column's width in the table (the title's is its least: it takes the room the others leave).
# A long tracking number or name is shortened in the middle, its whole text in the tooltip.
COLUMN_WIDTHS = {
    Column.TRACKING: 150,
    Column.CHANNEL: 28,
    Column.TITLE: 112,
    Column.DEADLINE: 120,
    Column.STATUS: 100,
    Column.REPORTER: 150,
    Column.CATEGORY: 120,
    Column.ASSIGNEE: 130,
}
# Which columns a narrow pane keeps, most useful first: what it is, how late, where it stands, who has
# it. The rest return as the pane widens, or from the header's menu (the officer's choice is kept).
COLUMN_PRIORITY = (
    Column.TRACKING,
    Column.CHANNEL,
    Column.TITLE,
    Column.DEADLINE,
    Column.STATUS,
    Column.ASSIGNEE,
    Column.REPORTER,
    Column.CATEGORY,
)
# What the widths are measured on: a tracking number of an OPD with a usual code (longer ones are
# shortened in the middle), and the widest countdown a chip keeps whole (the stage gives way).
USUAL_TRACKING_NO = "DINKES-BWI-2611-00001"
LONGEST_COUNTDOWN = "lewat 888 hk"
ALWAYS_SHOWN = frozenset({Column.TRACKING, Column.TITLE})


def column_key(column: Column) -> str:
    """The column's name in ``Settings.queue_columns``."""
    return column.name.lower()


def choose_columns(room: int, widths: dict[Column, int], choices: dict[str, bool]) -> set[Column]:
    """The columns shown in ``room`` pixels: the officer's "show" ones, then by priority while they fit.

    ``choices``: column key -> True (always show) / False (never show); columns not named are
    chosen by width. The title counts at its least width: it takes what is left.
    """
    chosen = {c for c in COLUMN_PRIORITY if c in ALWAYS_SHOWN or choices.get(column_key(c)) is True}
    used = sum(widths[c] for c in chosen)
    for column in COLUMN_PRIORITY:
        if column in chosen or choices.get(column_key(column)) is False:
            continue
        if used + widths[column] > room:
            break  # in order: a wider pane brings columns back one by one, never in a jumble
        chosen.add(column)
        used += widths[column]
    return chosen


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
    columns_chosen = Signal()  # the officer showed or hid a column from the header's menu
    filters_changed = Signal()  # the search (after a pause in typing) or a filter changed
    ticket_selected = Signal(str)  # the current row is another ticket (its id)
    ticket_cleared = Signal()  # a search or filter left the shown ticket out: the ticket pane empties
    view_requested = Signal(object)  # QueueView: show the search's hits in that view
    ticket_requested = Signal(str)  # a typed tracking number's ticket, which no view holds

    def __init__(
        self,
        tasks: TaskManager,
        store: LocalStore,
        directory: DeskDirectory,
        *,
        lang: str,
        clock: Callable[[], datetime],
        column_choices: dict[str, bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("queuePane")
        # The officer's show/hide choices from the header's menu (kept in Settings.queue_columns).
        self.column_choices: dict[str, bool] = column_choices if column_choices is not None else {}
        # A QWidget subclass paints the theme's background only when asked to.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.selected_id: str | None = None
        self.view_count: int | None = None  # the count beside the current view, when known
        self.tasks, self.store = tasks, store
        self.view_name: Callable[[QueueView], str] = lambda view: view.value  # the sidebar's names
        self._shown_filter: QueueFilter | None = None  # the filter of the rows on screen
        self._spread_generation = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 14, 10, 8)
        layout.setSpacing(10)
        title_row = QHBoxLayout()
        self.pane_title = plain_label("", "paneTitle")
        # A long view name never widens the window past a 1280-pixel screen: it gives way instead.
        self.pane_title.setMinimumWidth(60)
        title_row.addWidget(self.pane_title)
        self.pane_count = plain_label("", "paneCount")
        title_row.addWidget(self.pane_count)
        title_row.addStretch(1)
        self.reassign_button = QPushButton(self.tr("Tugaskan\u2026"))
        self.reassign_button.setAccessibleName(self.tr("Tugaskan tiket terpilih ke petugas"))
        self.transfer_button = QPushButton(self.tr("Alihkan\u2026"))
        self.transfer_button.setToolTip(self.tr("Alihkan tiket ke OPD lain"))
        self.transfer_button.setAccessibleName(self.tr("Alihkan tiket ke OPD lain"))
        # An icon: the row has little room at 1280 logical pixels (1920 at 150 %); the words are in the
        # tooltip, the accessible name and Laporan > Ekspor antrean (Ctrl+Shift+E).
        self.export_button = QToolButton()
        self.export_button.setIcon(icons.export_icon())
        self.export_button.setToolTip(self.tr("Ekspor antrean ini ke CSV atau XLSX (Ctrl+Shift+E)"))
        self.export_button.setAccessibleName(self.tr("Ekspor antrean ke CSV atau XLSX"))
        self.export_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.export_button.setAutoRaise(True)
        title_row.addWidget(self.reassign_button)
        title_row.addWidget(self.transfer_button)
        title_row.addWidget(self.export_button)
        layout.addLayout(title_row)

        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("Cari nomor tiket, judul, isi atau pelapor\u2026  (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Cari pengaduan"))
        self.search.setClearButtonEnabled(True)
        # One row per incident, with its count and its most urgent deadline (docs/incidents.md).
        self.by_incident = QCheckBox(self.tr("Per masalah"))
        self.by_incident.setAccessibleName(self.tr("Tampilkan satu baris per masalah"))
        self.by_incident.setToolTip(
            self.tr(
                "Pengaduan yang tertaut ke satu masalah tampil sebagai satu baris, dengan tenggat paling mendesak"
            )
        )
        self.by_incident.toggled.connect(lambda _on: emit(self.filters_changed))
        # Beside the search box, which gives way: the filter row has no room left at 1280 pixels.
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.by_incident)
        layout.addLayout(search_row)
        self.elsewhere = SearchElsewhereBar()
        self.elsewhere.view_requested.connect(self.view_requested)
        layout.addWidget(self.elsewhere)
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

        self.model = TicketQueueModel(tasks, store, directory, lang=lang, clock=clock, parent=self)
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
        header.setMinimumSectionSize(28)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda pos: self.column_menu().popup(header.mapToGlobal(pos))
        )
        header.setToolTip(self.tr("Klik kanan untuk memilih kolom"))
        table.selectionModel().selectionChanged.connect(self._on_selection)
        table.viewport().installEventFilter(self)
        return table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def column_widths(self) -> dict[Column, int]:
        """Each column's width in this font (it follows the screen's scale): at least its header's text,
        a usual tracking number whole, every status label whole, and a countdown's time whole."""
        head = self.table.horizontalHeader().fontMetrics()
        cell = self.table.fontMetrics()
        bold = QFont()  # the countdown's font (TicketQueueModel's FontRole)
        bold.setBold(True)
        chip = QFontMetrics(bold)
        widths = {
            c: max(
                width, head.horizontalAdvance(self.model.headerData(c, Qt.Orientation.Horizontal) or "") + 24
            )
            for c, width in COLUMN_WIDTHS.items()
        }
        widths[Column.CHANNEL] = COLUMN_WIDTHS[Column.CHANNEL]
        widths[Column.TRACKING] = max(widths[Column.TRACKING], cell.horizontalAdvance(USUAL_TRACKING_NO) + 24)
        # "Belum ditugaskan" whole; an officer's long name is shortened in the middle.
        unassigned = cell.horizontalAdvance(self.tr("Belum ditugaskan")) + 24
        widths[Column.ASSIGNEE] = max(widths[Column.ASSIGNEE], unassigned)
        statuses = (labels.status_label(s, self.model.lang) for s in Status)
        widths[Column.STATUS] = max(widths[Column.STATUS], max(map(cell.horizontalAdvance, statuses)) + 16)
        # The pill (DeadlineDelegate): 6 px cell margins and 10 px inside on each side; the "…" where
        # the stage is cut.
        countdown = chip.horizontalAdvance(LONGEST_COUNTDOWN + "\u2026")
        widths[Column.DEADLINE] = max(widths[Column.DEADLINE], countdown + 34)
        return widths

    def visible_columns(self) -> list[Column]:
        header = self.table.horizontalHeader()
        return [c for c in Column if not header.isSectionHidden(c)]

    def fit_columns(self) -> None:
        """Show the columns that fit the pane whole, most useful first; the title takes what is left.

        A narrow pane (a 1366-wide laptop) never scrolls sideways to reach a column: it shows fewer,
        and the header's menu brings back any of the others.
        """
        header = self.table.horizontalHeader()
        widths = self.column_widths()
        room = self.table.viewport().width()
        shown = choose_columns(room, widths, self.column_choices)
        for column in Column:
            header.setSectionHidden(column, column not in shown)
            if column in shown and column is not Column.TITLE:
                header.resizeSection(column, widths[column])
        others = sum(widths[c] for c in shown if c is not Column.TITLE)
        header.resizeSection(Column.TITLE, max(widths[Column.TITLE], room - others))

    def column_menu(self) -> QMenu:
        """The header's menu: every column with a tick, to show or hide it (kept in the settings)."""
        menu = QMenu(self)
        menu.setAccessibleName(self.tr("Pilih kolom antrean"))
        self.fill_column_menu(menu)
        self._column_menu = menu  # kept for tests and the garbage collector
        return menu

    def fill_column_menu(self, menu: QMenu) -> None:
        """Also the window's "Tiket > Kolom antrean" menu: the columns reached from the keyboard."""
        menu.clear()
        shown = set(self.visible_columns())
        for column in Column:
            name = self.model.headerData(column, Qt.Orientation.Horizontal) or self.tr("Kanal")
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(column in shown)
            action.setEnabled(column not in ALWAYS_SHOWN)
            action.toggled.connect(lambda on, c=column: self.choose_column(c, on))
        menu.addSeparator()
        automatic = menu.addAction(self.tr("Pilih otomatis menurut lebar"))
        automatic.setEnabled(bool(self.column_choices))
        automatic.triggered.connect(self.reset_columns)

    def choose_column(self, column: Column, show: bool) -> None:
        if column in ALWAYS_SHOWN:
            return
        self.column_choices[column_key(column)] = show
        self.fit_columns()
        emit(self.columns_chosen)

    def reset_columns(self) -> None:
        self.column_choices.clear()
        self.fit_columns()
        emit(self.columns_chosen)

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
            by_incident=self.by_incident.isChecked(),
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
        flt = self.model.filter
        moved = self._shown_filter is not None and _what_is_asked(flt) != _what_is_asked(self._shown_filter)
        self._shown_filter = flt
        cleared = moved and self.selected_id is not None and self.model.row_of(self.selected_id) is None
        if cleared:
            # The search or filter left the shown ticket out: a confidential ticket must not stay
            # on screen (with reply and print) behind results that do not hold it.
            self.selected_id = None
            self.table.selectionModel().clear()
            emit(self.ticket_cleared)
        self._ask_where_else(flt)
        self._after_reload_count(choose_first=not cleared)

    def _ask_where_else(self, flt: QueueFilter) -> None:
        self._spread_generation += 1
        generation = self._spread_generation
        if not flt.search.strip():
            self.elsewhere.hide()
            return

        def done(result: SearchSpread) -> None:
            if generation == self._spread_generation:
                self._show_spread(flt, result)

        self.tasks.run_db(lambda: spread(self.store, flt), done)

    def _show_spread(self, flt: QueueFilter, result: SearchSpread) -> None:
        number = result.number
        if number is not None:
            if flt.view in number.views:
                self.elsewhere.say(
                    self.tr("Tiket %1 ada di tampilan %2.")
                    .replace("%1", number.tracking_no)
                    .replace("%2", self.view_name(flt.view))
                )
                self.select_ticket(number.ticket_id)
            elif number.views:
                self.select_ticket(number.ticket_id)  # chosen as soon as the other view has loaded
                emit(self.view_requested, number.views[0])
            else:
                status = labels.status_label(number.status, self.model.lang)
                where = self.tr("diarsipkan") if number.archived else status
                self.elsewhere.say(
                    self.tr("Tiket %1 tidak ada di tampilan mana pun (%2); ditampilkan di kanan.")
                    .replace("%1", number.tracking_no)
                    .replace("%2", where)
                )
                self.selected_id = number.ticket_id
                emit(self.ticket_requested, number.ticket_id)
            return
        others = [
            (view, hits)
            for view, hits in result.per_view.items()
            if hits and view is not flt.view and view not in (QueueView.CONFLICTS, QueueView.UNDELIVERED)
        ]
        # "Semua di OPD" holds every open view's tickets: offer it alone when it has them all.
        if any(view is QueueView.ALL for view, _ in others):
            others = [(v, h) for v, h in others if v in (QueueView.ALL, QueueView.DONE)]
        if flt.view is not QueueView.DONE and flt.view is not QueueView.CONFLICTS:
            others = [(v, h) for v, h in others if v in (QueueView.ALL, QueueView.DONE)] or others
        self.elsewhere.offer(
            [
                (
                    view,
                    self.tr("%n hasil di %1", "", hits).replace("%1", self.view_name(view)),
                    self.view_name(view),
                )
                for view, hits in others[:3]
            ],
            nothing_here=self.model.rowCount() == 0,
        )

    def _after_reload_count(self, *, choose_first: bool) -> None:
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
        elif self.model.rowCount() and self.selected_id is None and choose_first:
            self.select_row(0)  # at start and on a new view: the most urgent ticket

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


def _what_is_asked(flt: QueueFilter) -> tuple[object, ...]:
    """A filter without the clock: what the officer asked for."""
    return (flt.view, flt.channel, flt.category, flt.status, flt.assignee, flt.search.strip(), flt.me)


class SearchElsewhereBar(QFrame):
    """Under the search: where else its hits are ("3 hasil di Selesai — Tampilkan")."""

    view_requested = Signal(object)  # QueueView

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("elsewhere")
        self.setStyleSheet(
            "QFrame#elsewhere { background: #eef6ff; border: 1px solid #b2ccec; border-radius: 6px; }"
        )
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(10, 4, 6, 4)
        self._row.setSpacing(8)
        self.message = plain_label("", wrap=True)
        self.message.setAccessibleName(self.tr("Hasil di tampilan lain"))
        self._row.addWidget(self.message, 1)
        self.buttons: list[QPushButton] = []
        self.hide()

    def _clear_buttons(self) -> None:
        for button in self.buttons:
            self._row.removeWidget(button)
            button.hide()  # now: deleteLater waits for the event loop
            button.deleteLater()
        self.buttons = []

    def say(self, text: str) -> None:
        self._clear_buttons()
        self.message.setText(text)
        self.show()

    def offer(self, views: Sequence[tuple[QueueView, str, str]], *, nothing_here: bool) -> None:
        """``views``: (view, "3 hasil di Selesai", "Selesai")."""
        self._clear_buttons()
        if not views:
            self.hide()
            return
        lead = self.tr("Tidak ada di tampilan ini.") if nothing_here else self.tr("Juga:")
        self.message.setText(lead + " " + "; ".join(text for _v, text, _n in views))
        for view, text, name in views:
            button = QPushButton(self.tr("Tampilkan %1").replace("%1", name))
            button.setAccessibleName(self.tr("Tampilkan %1").replace("%1", text))
            button.clicked.connect(lambda _=False, v=view: emit(self.view_requested, v))
            self._row.addWidget(button, 0)
            self.buttons.append(button)
        self.show()
