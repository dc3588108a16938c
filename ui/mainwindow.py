"""The main window: views on the left, the queue in the middle, the ticket on the right.

It owns the task manager and wires every action through it: reads with ``run_db``, writes with
``mutate`` (which broadcasts ``Changes``), sync with ``run_io``. Views refresh from the
``Changes`` they receive; nothing here waits on the network, the keyring or a lock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.changes import Changes
from desktop.domain import REASON_REQUIRED, Channel, MessageKind, Status
from desktop.queue import QueueFilter, QueueView, has_tickets, view_counts
from desktop.session import DeskIdentity, load_identity
from desktop.settings import Settings
from desktop.store import LocalStore
from desktop.sync.status import SyncStatus
from desktop.ticket_detail import DeskDirectory, TicketDetail, load_directory, load_ticket
from ui import icons
from ui.queue_model import Column, DeadlineDelegate, TicketQueueModel
from ui.signals import emit
from ui.sync_status import SyncController, SyncStatusBar, read_status
from ui.tasks import TaskManager
from ui.ticket_view import TicketView, plain_label
from ui.views import ViewDelegate, ViewListModel


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


class MainWindow(QMainWindow):
    # The settings now name another language: ui.application.switch_language builds the window anew.
    language_changed = Signal()

    def __init__(
        self,
        store: LocalStore,
        settings: Settings,
        data_dir: Path,
        *,
        tasks: TaskManager | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.data_dir = data_dir
        self.lang = settings.language
        self.clock = clock or (lambda: datetime.now(UTC))
        self.tasks = tasks or TaskManager(self)
        self.tasks.changed.connect(self.on_changes)
        self.tasks.failed.connect(self._on_failed)
        self.tasks.busy.connect(self._on_busy)
        self.identity: DeskIdentity | None = load_identity(store)
        self.directory: DeskDirectory = load_directory(store)
        self.detail: TicketDetail | None = None
        self._selected_id: str | None = None
        # The open non-modal dialog (reason, reassign, transfer, settings), kept for tests and GC.
        self.dialog: QDialog | None = None
        self.setWindowTitle(self.tr("Tanggap - Pengaduan Masyarakat"))

        # Menus first: loading the first ticket (at once with an inline task manager) enables some.
        self._build_menus()
        self.empty = EmptyState()
        self.empty.login_button.clicked.connect(self.open_login)
        self.empty.walk_in_button.clicked.connect(self.open_walk_in)
        self.workspace = self._build_workspace()

        self.sync_bar = SyncStatusBar()
        self.sync_bar.lang = self.lang
        self.sync_bar.sync_requested.connect(self.sync_now)
        self.sync_bar.inbox_requested.connect(self.open_inbox)
        self.statusBar().addPermanentWidget(self.sync_bar, 1)
        self.statusBar().setSizeGripEnabled(False)
        self.busy_label = QLabel()
        self.busy_label.setObjectName("muted")
        self.statusBar().addWidget(self.busy_label)

        self.sync = SyncController(self.tasks, store, settings.sync_interval_seconds, self)
        self.sync.started.connect(lambda: self.sync_bar.set_running(True))
        self.sync.finished.connect(lambda _c: self.sync_bar.set_running(False))

        from ui.notifications import DeadlineNotifier

        self.notifier = DeadlineNotifier(self.tasks, store, self, clock=self.clock)
        from ui.printing import ReceiptPrinter

        self.receipts = ReceiptPrinter(self.tasks, store, settings, data_dir, self)
        self.receipts.opened.connect(self._keep_preview)
        self.receipts.failed.connect(self._say)
        # The last print preview opened (receipt or summary), kept for tests.
        self.preview: object = None

        self._apply_identity()
        self.show_workspace(has_tickets(store))
        # The database thread answers in order: the first page, its first ticket (selected when the
        # page arrives), then the counts beside the views and the sync status.
        self.queue_model.reloaded.connect(self._after_first_page, Qt.ConnectionType.SingleShotConnection)
        self.apply_filters()

    def _after_first_page(self) -> None:
        self.refresh_counts()
        self.refresh_status()

    # -- layout ----------------------------------------------------------------------------

    def _build_workspace(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.setHandleWidth(1)

        # Left: brand, views, actions, who is logged in
        side = QFrame()
        side.setObjectName("sidebar")
        side.setMinimumWidth(215)
        side.setMaximumWidth(280)
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 10)
        sl.setSpacing(0)
        brand = plain_label("Tanggap", "brand")
        sl.addWidget(brand)
        self.brand_sub = plain_label(self.tr("Pengaduan masyarakat"), "brandSub", wrap=True)
        sl.addWidget(self.brand_sub)
        sl.addWidget(plain_label(self.tr("ANTREAN"), "sideHeading"))
        self.view_model = ViewListModel(self)
        self.view_list = QListView()
        self.view_list.setObjectName("viewList")
        self.view_list.setModel(self.view_model)
        self.view_list.setItemDelegate(ViewDelegate(self.view_list))
        self.view_list.setAccessibleName(self.tr("Tampilan antrean"))
        self.view_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view_list.setMinimumHeight(8 * 38)
        sl.addWidget(self.view_list)
        sl.addStretch(1)
        actions = QVBoxLayout()
        actions.setContentsMargins(12, 0, 12, 8)
        actions.setSpacing(6)
        self.walk_in_button = QPushButton(self.tr("+  Pengaduan langsung"))
        self.walk_in_button.setAccessibleName(self.tr("Catat pengaduan langsung"))
        self.walk_in_button.setToolTip("Ctrl+N")
        self.walk_in_button.clicked.connect(self.open_walk_in)
        actions.addWidget(self.walk_in_button)
        self.workload_button = QPushButton(self.tr("Beban kerja petugas"))
        self.workload_button.setAccessibleName(self.tr("Buka panel beban kerja petugas"))
        self.workload_button.clicked.connect(self.open_workload)
        actions.addWidget(self.workload_button)
        sl.addLayout(actions)
        self.whoami = plain_label("", "whoami", wrap=True)
        sl.addWidget(self.whoami)
        splitter.addWidget(side)

        # Middle: the queue
        middle = QWidget()
        middle.setObjectName("queuePane")
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(16, 14, 16, 8)
        ml.setSpacing(10)
        title_row = QHBoxLayout()
        self.pane_title = plain_label("", "paneTitle")
        title_row.addWidget(self.pane_title)
        self.pane_count = plain_label("", "paneCount")
        title_row.addWidget(self.pane_count)
        title_row.addStretch(1)
        self.reassign_button = QPushButton(self.tr("Tugaskan\u2026"))
        self.reassign_button.setAccessibleName(self.tr("Tugaskan tiket terpilih ke petugas"))
        self.reassign_button.clicked.connect(self.open_reassign)
        self.transfer_button = QPushButton(self.tr("Alihkan ke OPD lain\u2026"))
        self.transfer_button.setAccessibleName(self.tr("Alihkan tiket ke OPD lain"))
        self.transfer_button.clicked.connect(self.open_transfer)
        title_row.addWidget(self.reassign_button)
        title_row.addWidget(self.transfer_button)
        ml.addLayout(title_row)

        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("Cari nomor tiket, judul, isi atau pelapor\u2026  (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Cari pengaduan"))
        self.search.setClearButtonEnabled(True)
        ml.addWidget(self.search)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.apply_filters)
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
        for combo in (self.channel_filter, self.category_filter, self.status_filter, self.assignee_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            filters.addWidget(combo, 1)
        ml.addLayout(filters)

        self.queue_model = TicketQueueModel(
            self.tasks, self.store, self.directory, lang=self.lang, clock=self.clock
        )
        self.queue_model.reloaded.connect(self._after_reload)
        self.table = QTableView()
        self.table.setModel(self.queue_model)
        self.table.setItemDelegateForColumn(Column.DEADLINE, DeadlineDelegate(self.table))
        self.table.setAccessibleName(self.tr("Antrean pengaduan"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setAccessibleName(self.tr("Kolom antrean"))
        header.setStretchLastSection(False)
        widths = {
            Column.TRACKING: 198,
            Column.CHANNEL: 32,
            Column.TITLE: 180,
            Column.DEADLINE: 288,
            Column.STATUS: 122,
            Column.REPORTER: 120,
            Column.CATEGORY: 125,
            Column.ASSIGNEE: 118,
        }
        for col, width in widths.items():
            header.resizeSection(col, width)
        header.setSectionResizeMode(Column.CHANNEL, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(30)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        ml.addWidget(self.table, 1)
        splitter.addWidget(middle)

        # Right: the ticket
        self.ticket_view = TicketView()
        self.ticket_view.data_dir = self.data_dir
        self.ticket_view.setMinimumWidth(440)
        self.ticket_view.reply_submitted.connect(self.submit_message)
        self.ticket_view.status_requested.connect(self.change_status)
        self.ticket_view.receipt_requested.connect(self.print_receipt)
        self.ticket_view.attachments.attach_requested.connect(self.attach_file)
        splitter.addWidget(self.ticket_view)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([215, 1185, 520])

        # Selected before the signal is connected: __init__ loads the first page once, when ready.
        self.view_list.setCurrentIndex(self.view_model.index(self.view_model.row_of(QueueView.ALL), 0))
        self.view_list.selectionModel().currentChanged.connect(lambda cur, _prev: self._on_view(cur))
        self._fill_filters()
        for combo in (self.channel_filter, self.category_filter, self.status_filter, self.assignee_filter):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        return splitter

    def _fill_filters(self) -> None:
        def refill(combo: QComboBox, everything: str, items: Sequence[tuple[str, object]]) -> None:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for text, data in items:
                combo.addItem(text, data)
            at = combo.findData(current)
            combo.setCurrentIndex(max(0, at))
            combo.blockSignals(False)

        refill(
            self.channel_filter,
            self.tr("Semua kanal"),
            [(labels.channel_label(c, self.lang), c.value) for c in labels.CHANNEL_PRINT_ORDER],
        )
        for i, c in enumerate(labels.CHANNEL_PRINT_ORDER, start=1):
            self.channel_filter.setItemIcon(i, icons.channel_icon(c))
        refill(
            self.category_filter,
            self.tr("Semua kategori"),
            sorted(((c.name, c.code) for c in self.directory.categories.values()), key=lambda x: x[0]),
        )
        refill(
            self.status_filter,
            self.tr("Semua status"),
            [(labels.status_label(s, self.lang), s.value) for s in Status],
        )
        officers = sorted(self.directory.officers.values(), key=lambda o: o.name)
        refill(
            self.assignee_filter,
            self.tr("Semua petugas"),
            [(self.tr("Belum ditugaskan"), "")] + [(o.name, o.username) for o in officers],
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&Berkas"))
        self.act_walk_in = self._action(
            file_menu, self.tr("Pengaduan &langsung\u2026"), "Ctrl+N", self.open_walk_in
        )
        file_menu.addSeparator()
        self.act_settings = self._action(
            file_menu, self.tr("&Pengaturan\u2026"), "Ctrl+,", self.open_settings
        )
        self.act_login = self._action(file_menu, self.tr("&Masuk\u2026"), None, self.open_login)
        self.act_logout = self._action(file_menu, self.tr("&Keluar akun"), None, self.logout)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Tutup"), "Ctrl+Q", self.close)

        ticket_menu = bar.addMenu(self.tr("&Tiket"))
        self._action(ticket_menu, self.tr("Tiket &berikutnya"), "Ctrl+Down", lambda: self.move_selection(1))
        self._action(ticket_menu, self.tr("Tiket &sebelumnya"), "Ctrl+Up", lambda: self.move_selection(-1))
        self._action(ticket_menu, self.tr("&Balas"), "Ctrl+R", lambda: self.start_message(MessageKind.REPLY))
        self._action(
            ticket_menu,
            self.tr("&Catatan internal"),
            "Ctrl+Shift+N",
            lambda: self.start_message(MessageKind.NOTE),
        )
        self._action(ticket_menu, self.tr("&Cari"), "Ctrl+F", self.focus_search)
        ticket_menu.addSeparator()
        self.act_receipt = self._action(
            ticket_menu, self.tr("Cetak &tanda terima\u2026"), "Ctrl+P", self.print_receipt
        )
        self.act_receipt.setEnabled(False)

        self.supervisor_menu = bar.addMenu(self.tr("&Supervisor"))
        self.act_reassign = self._action(
            self.supervisor_menu, self.tr("&Tugaskan ke petugas\u2026"), "Ctrl+Shift+A", self.open_reassign
        )
        self.act_transfer = self._action(
            self.supervisor_menu, self.tr("&Alihkan ke OPD lain\u2026"), None, self.open_transfer
        )
        self.act_workload = self._action(
            self.supervisor_menu, self.tr("&Beban kerja petugas"), None, self.open_workload
        )

        report_menu = bar.addMenu(self.tr("&Laporan"))
        self.act_summary = self._action(
            report_menu, self.tr("Ringkasan &kinerja\u2026"), "Ctrl+Shift+P", self.open_summary
        )

        sync_menu = bar.addMenu(self.tr("Sin&kron"))
        self.act_sync = self._action(sync_menu, self.tr("&Sinkronkan sekarang"), "F5", self.sync_now)
        self._action(sync_menu, self.tr("&Kotak konflik\u2026"), None, self.open_inbox)

    def _action(self, menu: object, text: str, shortcut: str | None, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def show_workspace(self, show: bool) -> None:
        """The queue once there are tickets; the empty state (what to do next) before that."""
        wanted = self.workspace if show else self.empty
        if self.centralWidget() is wanted:
            return
        if self.centralWidget() is not None:
            self.takeCentralWidget()  # keep it alive: it may come back
        self.setCentralWidget(wanted)

    # -- identity ---------------------------------------------------------------------------

    @property
    def is_supervisor(self) -> bool:
        return self.identity is not None and self.identity.is_supervisor

    @property
    def me(self) -> str | None:
        return self.identity.username if self.identity else None

    def _apply_identity(self) -> None:
        supervisor = self.is_supervisor
        for widget in (self.reassign_button, self.transfer_button, self.workload_button):
            widget.setVisible(supervisor)
        for action in (self.act_reassign, self.act_transfer, self.act_workload):
            action.setEnabled(supervisor)
            action.setVisible(supervisor)
        self.supervisor_menu.menuAction().setVisible(supervisor)
        self.act_logout.setEnabled(self.identity is not None)
        # A summary is scoped by who asks: it needs a logged-in identity (even an offline one).
        self.act_summary.setEnabled(self.identity is not None)
        self.act_summary.setToolTip("" if self.identity else self.tr("Masuk dulu untuk mencetak ringkasan."))
        self._show_whoami(logged_in=True)
        if self.identity is None:
            self.brand_sub.setText(self.tr("Pengaduan masyarakat"))
        else:
            opd = self.directory.opds.get(self.identity.opd_code)
            self.brand_sub.setText(opd.name if opd else self.identity.opd_code)
        self.sync_bar.tz = self.directory.tz(self.identity.opd_code) if self.identity else "Asia/Jakarta"
        if self.identity is not None:
            self.sync.start_periodic()
        else:
            self.sync.stop()

    # -- the queue ----------------------------------------------------------------------

    @property
    def current_view(self) -> QueueView:
        index = self.view_list.currentIndex()
        return self.view_model.view_at(index.row()) if index.isValid() else QueueView.ALL

    def _filter_for(self, view: QueueView) -> QueueFilter:
        now = self.clock()
        # "Hampir jatuh tempo": the next unmet deadline falls within one working day.
        opd = self.identity.opd_code if self.identity else next(iter(self.directory.opds), "")
        due_soon = self.directory.calendar(opd).add_working_days(now, 1)
        channel = self.channel_filter.currentData()
        category = self.category_filter.currentData()
        status = self.status_filter.currentData()
        assignee = self.assignee_filter.currentData()
        return QueueFilter(
            view=view,
            channel=Channel(channel) if channel else None,
            category=category,
            status=Status(status) if status else None,
            assignee=assignee,
            search=self.search.text(),
            me=self.me,
            now=now,
            due_soon_until=due_soon,
        )

    def _on_view(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self.apply_filters()

    def apply_filters(self) -> None:
        view = self.current_view
        self.pane_title.setText(self.view_model.name(view))
        self.queue_model.set_filter(self._filter_for(view))

    def _after_reload(self) -> None:
        count = self.view_model.count(self.current_view)
        shown = self.queue_model.rowCount()
        if self.search.text().strip() or self.queue_model.filter != replace(
            self.queue_model.filter, channel=None, category=None, status=None, assignee=None, search=""
        ):
            self.pane_count.setText(
                self.tr("%n hasil", "", shown) + ("+" if self.queue_model.canFetchMore() else "")
            )
        elif count is not None:
            self.pane_count.setText(self.tr("%n tiket", "", count))
        if self._selected_id is not None:
            row = self.queue_model.row_of(self._selected_id)
            if row is not None:
                self.table.selectionModel().setCurrentIndex(
                    self.queue_model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
                return
        if self.queue_model.rowCount() and self._selected_id is None:
            self.select_row(0)

    def select_row(self, row: int) -> None:
        if 0 <= row < self.queue_model.rowCount():
            index = self.queue_model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    def move_selection(self, step: int) -> None:
        current = self.table.currentIndex().row()
        target = max(0, current + step)
        if target >= self.queue_model.rowCount() and self.queue_model.canFetchMore():
            self.queue_model.fetchMore()
        self.select_row(min(target, self.queue_model.rowCount() - 1))

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()})

    def selected_tracking_numbers(self) -> list[str]:
        out = []
        for r in self.selected_rows():
            row = self.queue_model.row_at(r)
            if row is not None:
                out.append(row.tracking_no)
        return out

    def _on_selection(self, *_args: object) -> None:
        row = self.queue_model.row_at(self.table.currentIndex().row())
        if row is None:
            return
        if row.id != self._selected_id:
            self._selected_id = row.id
            self.load_detail(row.id)

    def load_detail(self, ticket_id: str) -> None:
        def done(detail: TicketDetail | None) -> None:
            if detail is None or detail.ticket.id != self._selected_id:
                return
            self.detail = detail
            self.ticket_view.set_detail(
                detail, self.directory, lang=self.lang, now=self.clock(), me=self.me, can_act=True
            )
            self.act_receipt.setEnabled(True)
            self.ticket_view.editor.set_canned(self.directory.canned, self._fill_template)

        self.tasks.run_db(lambda: load_ticket(self.store, ticket_id), done)

    def _fill_template(self, template: str) -> str:
        from desktop import wording
        from desktop.ticket_detail import fill_placeholders

        if self.detail is None:
            return template
        t = self.detail.ticket
        deadline = t.deadlines.resolution or t.deadlines.first_response
        text = (
            wording.format_datetime(deadline, self.directory.tz(t.opd_code), self.lang) if deadline else "-"
        )
        return fill_placeholders(template, t, deadline_text=text, hidden_name=self.tr("Bapak/Ibu"))

    # -- refreshing from Changes ----------------------------------------------------------

    def on_changes(self, changes: Changes, _initiator: object = None) -> None:
        if changes.sync_state:
            self.identity = load_identity(self.store)
        if changes.directory:
            self.directory = load_directory(self.store)
            self.queue_model.directory = self.directory
            self._fill_filters()
        if changes.sync_state or changes.directory:
            self._apply_identity()
        if changes.queue or changes.directory or changes.sync_state:
            if self.centralWidget() is not self.workspace and has_tickets(self.store):
                self.show_workspace(True)
            self.queue_model.reload()
            self.refresh_counts()
        elif changes.tickets:
            self.queue_model.refresh_tickets(changes.tickets)
        if changes.notices or changes.queue:
            self.refresh_counts()
        if self._selected_id is not None and (
            self._selected_id in changes.tickets or changes.queue or changes.outbox
        ):
            self.load_detail(self._selected_id)
        if changes.outbox or changes.sync_state or changes.notices:
            self.refresh_status()
        if changes.queue or changes.sync_state:
            self.notifier.check(self.me, self.directory)

    def refresh_counts(self) -> None:
        me = self.me
        flt = self._filter_for(QueueView.DUE_SOON)

        def done(counts: dict[QueueView, int]) -> None:
            self.view_model.set_counts(counts)
            self._after_count()

        self.tasks.run_db(lambda: view_counts(self.store, me, flt.now, flt.due_soon_until), done)

    def _after_count(self) -> None:
        count = self.view_model.count(self.current_view)
        if count is not None and not self.search.text().strip():
            self.pane_title.setText(self.view_model.name(self.current_view))
            self._after_reload_count_only(count)

    def _after_reload_count_only(self, count: int) -> None:
        flt = self.queue_model.filter
        if (flt.channel, flt.category, flt.status, flt.assignee) == (None, None, None, None):
            self.pane_count.setText(self.tr("%n tiket", "", count))

    def _show_whoami(self, *, logged_in: bool) -> None:
        """Who this desk's data belongs to; after a logout, that nothing syncs until they log in."""
        if self.identity is None:
            self.whoami.setText(self.tr("Belum masuk \u2014 bekerja offline"))
            return
        role = labels.role_label(self.identity.role, self.lang)
        lines = [self.identity.officer_name, f"{role} \u00b7 {self.identity.opd_code}"]
        if not logged_in:
            lines.append(self.tr("Keluar akun \u2014 masuk lagi untuk sinkronisasi"))
        self.whoami.setText("\n".join(lines))

    def refresh_status(self) -> None:
        self.tasks.run_db(lambda: read_status(self.store), self._show_status)

    def _show_status(self, status: SyncStatus) -> None:
        self.sync_bar.show_status(status)
        self._show_whoami(logged_in=status.logged_in)

    # -- actions ----------------------------------------------------------------------------

    def _refuse(self, exc: BaseException) -> None:
        self._say(str(exc))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def start_message(self, kind: MessageKind) -> None:
        if self.detail is not None:
            self.ticket_view.editor.start(kind)

    def submit_message(self, kind: MessageKind, text: str) -> None:
        if self.detail is None:
            return
        from desktop import actions

        tracking_no = self.detail.ticket.tracking_no
        action = actions.reply if kind is MessageKind.REPLY else actions.note

        def done(_changes: Changes) -> None:
            self.ticket_view.editor.clear()
            self.sync.sync_now()

        self.tasks.mutate(
            lambda: action(self.store, tracking_no, text).changes,
            done,
            initiator=self,
            label=self.tr("Menyimpan"),
            on_error=self._refuse,
        )

    def attach_file(self, path: Path) -> None:
        if self.detail is None:
            return
        from desktop import actions

        tracking_no = self.detail.ticket.tracking_no
        self.tasks.mutate(
            lambda: actions.attach(self.store, tracking_no, path).changes,
            lambda _changes: self.sync.sync_now(),
            initiator=self,
            label=self.tr("Melampirkan berkas"),
            on_error=self._refuse,
        )

    def change_status(self, status: Status) -> None:
        if self.detail is None:
            return
        tracking_no = self.detail.ticket.tracking_no
        if status not in REASON_REQUIRED:
            self.set_status(tracking_no, status, "")
            return
        from ui.supervisor import ReasonDialog

        dialog = ReasonDialog(
            self.tr("Alasan: %1").replace("%1", labels.status_label(status, self.lang)),
            self.tr("Tulis alasan yang dapat dibaca pelapor atau OPD penerima."),
            self,
        )
        dialog.accepted.connect(lambda: self.set_status(tracking_no, status, dialog.reason()))
        dialog.open()
        self.dialog = dialog

    def set_status(self, tracking_no: str, status: Status, reason: str) -> None:
        from desktop import actions

        self.tasks.mutate(
            lambda: actions.set_status(self.store, tracking_no, status, reason=reason).changes,
            lambda _c: self.sync.sync_now(),
            initiator=self,
            on_error=self._refuse,
        )

    def open_walk_in(self) -> None:
        from ui.walk_in_dialog import WalkInDialog

        dialog = WalkInDialog(self.tasks, self.store, self.directory, self.data_dir, self.settings, self)
        dialog.saved.connect(self._after_walk_in)
        dialog.open()
        self.walk_in_dialog = dialog

    def _after_walk_in(self, ticket_id: str) -> None:
        self._selected_id = ticket_id
        self.show_workspace(True)
        self.sync.sync_now()

    def print_receipt(self) -> None:
        """The shown ticket's receipt in the print preview (paper chosen there, remembered)."""
        if self.detail is None:
            return
        self.receipts.open(self.detail.ticket.tracking_no)

    def open_summary(self) -> None:
        if self.identity is None:
            return
        from ui.summary_dialog import SummaryDialog

        tz = self.directory.tz(self.identity.opd_code)
        today = self.clock().astimezone(ZoneInfo(tz)).date()
        dialog = SummaryDialog(
            self.tasks, self.store, self.settings, self.data_dir, self.identity, self.directory, today, self
        )
        dialog.opened.connect(self._keep_preview)
        dialog.open()
        self.summary_dialog = dialog

    def _keep_preview(self, preview: object) -> None:
        self.preview = preview

    def _say(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Tidak dapat dilakukan"), message, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()
        self.last_message = box

    def open_reassign(self) -> None:
        if not self.is_supervisor:
            return
        from ui.supervisor import ReassignDialog

        numbers = self.selected_tracking_numbers()
        if not numbers:
            return
        dialog = ReassignDialog(
            self.directory, self.identity.opd_code if self.identity else "", numbers, self
        )
        dialog.accepted.connect(lambda: self.reassign(numbers, dialog.officer()))
        dialog.open()
        self.dialog = dialog

    def reassign(self, tracking_numbers: list[str], username: str) -> None:
        """Assign each ticket (one op each, so each is its own compare-and-set on the server)."""
        from desktop import actions

        def work() -> Changes:
            out = Changes()
            for number in tracking_numbers:
                out = out | actions.assign(self.store, number, username).changes
            return out

        self.tasks.mutate(
            work,
            lambda _c: self.sync.sync_now(),
            initiator=self,
            on_error=self._refuse,
            label=self.tr("Menugaskan"),
        )

    def open_transfer(self) -> None:
        if not self.is_supervisor or self.detail is None:
            return
        from ui.supervisor import TransferDialog

        tracking_no = self.detail.ticket.tracking_no
        dialog = TransferDialog(self.directory, self.detail.ticket, self)
        dialog.accepted.connect(lambda: self.transfer(tracking_no, dialog.opd_code(), dialog.reason()))
        dialog.open()
        self.dialog = dialog

    def transfer(self, tracking_no: str, opd_code: str, reason: str) -> None:
        from desktop import actions

        self.tasks.mutate(
            lambda: actions.transfer(self.store, tracking_no, opd_code, reason=reason).changes,
            lambda _c: self.sync.sync_now(),
            initiator=self,
            on_error=self._refuse,
        )

    def open_workload(self) -> None:
        if not self.is_supervisor:
            return
        from ui.supervisor import WorkloadPanel

        panel = WorkloadPanel(
            self.tasks, self.store, self.directory, self.identity, self.lang, self.clock, self
        )
        panel.show()
        self.workload_panel = panel

    def open_inbox(self) -> None:
        from ui.inbox import InboxDialog

        dialog = InboxDialog(self.tasks, self.store, self.directory, self.lang, self)
        dialog.show()
        self.inbox_dialog = dialog

    def open_login(self) -> None:
        from ui.login_dialog import LoginDialog

        dialog = LoginDialog(self.tasks, self.store, self.settings, self.data_dir, self)
        dialog.logged_in.connect(lambda: self.sync.sync_now())
        dialog.open()
        self.login_dialog = dialog

    def logout(self) -> None:
        from desktop import session

        self.tasks.run_io(lambda: session.logout(self.store), lambda c: self.tasks.announce(c, self))

    def open_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.data_dir, self)
        dialog.accepted.connect(self._after_settings)
        dialog.open()
        self.dialog = dialog

    def _after_settings(self) -> None:
        self.sync.set_interval(self.settings.sync_interval_seconds)
        if self.settings.language != self.lang:
            emit(self.language_changed)

    def place(self) -> tuple[QueueView, str, str | None]:
        """Where the officer is: the view, the search, the open ticket (kept across a language switch)."""
        return self.current_view, self.search.text(), self._selected_id

    def go_to(self, view: QueueView, search: str, ticket_id: str | None) -> None:
        self.view_list.setCurrentIndex(self.view_model.index(self.view_model.row_of(view), 0))
        self.search.setText(search)
        self.apply_filters()
        if ticket_id is not None:
            self._selected_id = ticket_id
            self.load_detail(ticket_id)

    def sync_now(self) -> None:
        if self.identity is not None:
            self.sync.sync_now()

    def _on_busy(self, text: str) -> None:
        self.busy_label.setText(f"\u231b {text}\u2026" if text else "")

    def _on_failed(self, what: str, exc: object) -> None:
        log_path = self.data_dir / "logs"
        QMessageBox.critical(
            self,
            self.tr("Kesalahan tak terduga"),
            self.tr("%1 gagal: %2\nRincian ada di log: %3")
            .replace("%1", what or self.tr("Pekerjaan"))
            .replace("%2", str(exc))
            .replace("%3", str(log_path)),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.notifier.tray is not None:
            self.notifier.tray.hide()
        self.sync.stop()
        self.queue_model.countdown.stop()
        self.tasks.shutdown()
        super().closeEvent(event)
