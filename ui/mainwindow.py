"""The main window: views on the left, the queue in the middle, the ticket on the right.

It puts the parts together and keeps the desk's identity and directory. The parts do the work:
``Sidebar`` (views and counts), ``QueuePane`` (search, filters, table), ``TicketPane`` (the
ticket shown), ``DeskController`` (every action, one line each), ``WindowMenus``, and the
``SyncController``. Reads go to the database thread and writes through the task manager, whose
``Changes`` each part refreshes from; nothing here reads SQLite or waits on the network.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSplitter, QWidget

from desktop.changes import Changes
from desktop.queue import QueueView, has_tickets, view_counts
from desktop.session import DeskIdentity, load_identity
from desktop.settings import Settings
from desktop.store import LocalStore
from desktop.sync.status import SyncStatus
from desktop.ticket_detail import DeskDirectory, TicketDetail, load_directory
from ui.desk_controller import DeskController
from ui.menus import WindowMenus
from ui.queue_model import TicketQueueModel
from ui.queue_pane import EmptyState, QueuePane
from ui.sidebar import Sidebar
from ui.signals import emit
from ui.sync_status import SyncController, SyncStatusBar, read_status
from ui.tasks import TaskManager
from ui.ticket_pane import TicketPane
from ui.ticket_view import TicketView
from ui.views import ViewListModel

# Who is logged in, the directory, and whether any ticket is here: read together, off the UI thread.
DeskState = tuple[DeskIdentity | None, DeskDirectory, bool]


def read_desk(store: LocalStore, directory: DeskDirectory | None = None) -> DeskState:
    """``directory``: the one already read, when the change did not touch it."""
    return (
        load_identity(store),
        directory if directory is not None else load_directory(store),
        has_tickets(store),
    )


class MainWindow(QMainWindow):
    # The settings now name another language: ui.application.switch_language builds the window anew.
    language_changed = Signal()
    desk_loaded = Signal()  # the identity and directory are known (first at start, again after changes)

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
        if self.tasks.parent() is None:
            self.tasks.setParent(self)  # Qt deletes it with the window, on the GUI thread (see _park)
        self.tasks.changed.connect(self.on_changes)
        self.tasks.failed.connect(self._on_failed)
        self.identity: DeskIdentity | None = None
        self.directory = DeskDirectory()
        self.desk_known = False
        self.setWindowTitle(self.tr("Tanggap - Pengaduan Masyarakat"))

        self.controller = DeskController(self)
        self.sync = SyncController(self.tasks, store, settings.sync_interval_seconds, self)
        self.sidebar = Sidebar()
        self.queue_pane = QueuePane(
            self.tasks,
            store,
            self.directory,
            lang=self.lang,
            clock=self.clock,
            column_choices=settings.queue_columns,
        )
        self.ticket_view = TicketView()
        self.ticket_pane = TicketPane(
            self.ticket_view, self.tasks, store, lang=self.lang, clock=self.clock, parent=self
        )
        self.menus = WindowMenus(self)
        self.empty = EmptyState()
        self.workspace = self._build_workspace()
        for page in (self.empty, self.workspace):
            self._park(page)
        self._connect()

        self.sync_bar = SyncStatusBar()
        self.sync_bar.lang = self.lang
        self.sync_bar.sync_requested.connect(self.controller.sync_now)
        self.sync_bar.inbox_requested.connect(self.controller.open_inbox)
        self.sync.started.connect(lambda: self.sync_bar.set_running(True))
        self.sync.finished.connect(lambda _c: self.sync_bar.set_running(False))
        self.statusBar().addPermanentWidget(self.sync_bar, 1)
        self.statusBar().setSizeGripEnabled(False)
        self.busy_label = QLabel()
        self.busy_label.setObjectName("muted")
        self.statusBar().addWidget(self.busy_label)
        self.tasks.busy.connect(lambda text: self.busy_label.setText(f"\u231b {text}\u2026" if text else ""))

        from ui.notifications import DeadlineNotifier
        from ui.printing import ReceiptPrinter

        self.notifier = DeadlineNotifier(self.tasks, store, self, clock=self.clock)
        self.receipts = ReceiptPrinter(self.tasks, store, settings, data_dir, self)
        self.receipts.opened.connect(self.controller.keep_preview)
        self.receipts.failed.connect(self.controller.say)

        self.show_workspace(True)  # most starts have tickets: no "nothing here" flash before the read
        # The database thread answers in order: the desk, the first page, its first ticket (selected
        # when the page arrives), then the counts beside the views and the sync status.
        self.tasks.run_db(lambda: read_desk(store), self._start)

    def _build_workspace(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.setHandleWidth(1)
        self.ticket_view.data_dir = self.data_dir
        # 500 keeps the ticket's header on few lines in a 1280-wide window (1920 at 150 %).
        self.ticket_view.setMinimumWidth(500)
        for pane in (self.sidebar, self.queue_pane, self.ticket_view):
            splitter.addWidget(pane)
        for i, stretch in enumerate((0, 3, 2)):
            splitter.setStretchFactor(i, stretch)
        splitter.setSizes([224, 1136, 560])  # 224: "Balasan belum sampai" and its count on one line
        return splitter

    def _connect(self) -> None:
        c, queue, ticket = self.controller, self.queue_pane, self.ticket_view
        self.empty.login_button.clicked.connect(c.open_login)
        self.empty.walk_in_button.clicked.connect(c.open_walk_in)
        self.sidebar.walk_in_button.clicked.connect(c.open_walk_in)
        self.sidebar.workload_button.clicked.connect(c.open_workload)
        self.sidebar.view_changed.connect(self.apply_filters)
        queue.reassign_button.clicked.connect(c.open_reassign)
        queue.transfer_button.clicked.connect(c.open_transfer)
        queue.export_button.clicked.connect(c.export_queue)
        queue.filters_changed.connect(self.apply_filters)
        queue.ticket_selected.connect(self.ticket_pane.show_ticket)
        queue.ticket_cleared.connect(self.ticket_pane.clear)
        queue.ticket_requested.connect(self.ticket_pane.show_ticket)
        queue.view_requested.connect(self.sidebar.select_view)
        queue.view_name = self.view_model.name
        queue.columns_chosen.connect(self.save_settings)
        self.ticket_pane.cleared.connect(lambda: self.menus.act_receipt.setEnabled(False))
        ticket.reply_submitted.connect(c.submit_message)
        ticket.status_requested.connect(c.change_status)
        ticket.link_requested.connect(c.link_candidate)
        ticket.unlink_requested.connect(c.unlink_shown)
        ticket.receipt_requested.connect(c.print_receipt)
        ticket.delivery_requested.connect(c.delivery_action)
        ticket.attachments.attach_requested.connect(c.attach_file)
        self.ticket_pane.loaded.connect(lambda: self.menus.act_receipt.setEnabled(True))

    # -- the parts, as tests and the application reach them ------------------------------------

    @property
    def queue_model(self) -> TicketQueueModel:
        return self.queue_pane.model

    @property
    def view_model(self) -> ViewListModel:
        return self.sidebar.view_model

    @property
    def detail(self) -> TicketDetail | None:
        return self.ticket_view.detail

    @property
    def is_supervisor(self) -> bool:
        return self.identity is not None and self.identity.is_supervisor

    @property
    def me(self) -> str | None:
        return self.identity.username if self.identity else None

    @property
    def current_view(self) -> QueueView:
        return self.sidebar.current_view

    # -- the desk: who is here, the directory, whether there are tickets -----------------------

    def _start(self, desk: DeskState) -> None:
        self._apply_desk(desk)
        self.show_workspace(desk[2])
        self.queue_model.reloaded.connect(self._after_first_page, Qt.ConnectionType.SingleShotConnection)
        self.apply_filters()

    def _after_first_page(self) -> None:
        self.refresh_counts()
        self.refresh_status()

    def _apply_desk(self, desk: DeskState) -> None:
        identity, directory, tickets = desk
        if directory is not self.directory:
            self.queue_model.directory = directory
            self.queue_pane.fill_filters(directory, self.lang)
        self.identity, self.directory = identity, directory
        self.ticket_pane.directory, self.ticket_pane.me = directory, self.me
        for button in (self.queue_pane.reassign_button, self.queue_pane.transfer_button):
            button.setVisible(self.is_supervisor)
        self.menus.show_identity(identity)
        self.sidebar.show_identity(identity, directory, self.lang)
        self.sync_bar.tz = directory.tz(identity.opd_code) if identity else "Asia/Jakarta"
        if identity is not None:
            self.sync.start_periodic()
        else:
            self.sync.stop()
        if tickets:
            self.show_workspace(True)
        self.desk_known = True
        emit(self.desk_loaded)

    def show_workspace(self, show: bool) -> None:
        """The queue once there are tickets; the empty state (what to do next) before that."""
        wanted = self.workspace if show else self.empty
        if self.centralWidget() is wanted:
            return
        shown = self.takeCentralWidget()
        if shown is not None:
            self._park(shown)  # it may come back
        self.setCentralWidget(wanted)
        wanted.show()

    def _park(self, page: QWidget) -> None:
        """The page not shown stays a hidden child: Qt deletes it with the window, on the GUI thread.

        Left parentless, the garbage collector would delete it on any thread (docs/ui.md, "GUI-suite segfault").
        """
        page.hide()
        page.setParent(self)

    def show_new_ticket(self, ticket_id: str) -> None:
        """A walk-in was saved: show the queue (it may have been empty) with the new ticket chosen."""
        self.show_workspace(True)
        self.queue_pane.select_ticket(ticket_id)

    # -- refreshing from Changes ----------------------------------------------------------------

    def on_changes(self, changes: Changes, _initiator: object = None) -> None:
        if changes.sync_state or changes.directory or (changes.queue and self.centralWidget() is self.empty):
            known = None if changes.directory else self.directory
            self.tasks.run_db(lambda: read_desk(self.store, known), lambda desk: self._refresh(changes, desk))
        else:
            self._refresh(changes, None)

    def _refresh(self, changes: Changes, desk: DeskState | None) -> None:
        if desk is not None:
            self._apply_desk(desk)
        if changes.queue or desk is not None:
            self.queue_model.reload()
        elif changes.tickets:
            self.queue_model.refresh_tickets(changes.tickets)
        if changes.notices or changes.queue or desk is not None:
            self.refresh_counts()
        if changes.outbox or changes.sync_state or changes.notices:
            self.refresh_status()
        if changes.queue or changes.sync_state:
            self.notifier.check(self.me, self.directory)

    def _due_soon(self, now: datetime) -> datetime:
        """ "Hampir jatuh tempo": the next unmet deadline falls within one working day."""
        opd = self.identity.opd_code if self.identity else next(iter(self.directory.opds), "")
        return self.directory.calendar(opd).add_working_days(now, 1)

    def apply_filters(self) -> None:
        view, now = self.current_view, self.clock()
        self.queue_pane.show_view(self.view_model.name(view), self.view_model.count(view))
        self.queue_model.set_filter(self.queue_pane.filter_for(view, self.me, now, self._due_soon(now)))

    def refresh_counts(self) -> None:
        me, now = self.me, self.clock()
        due_soon = self._due_soon(now)

        def done(counts: dict[QueueView, int]) -> None:
            self.view_model.set_counts(counts)
            view = self.current_view
            if not self.queue_pane.search.text().strip():
                self.queue_pane.show_view(self.view_model.name(view), self.view_model.count(view))

        self.tasks.run_db(lambda: view_counts(self.store, me, now, due_soon), done)

    def refresh_status(self) -> None:
        self.tasks.run_db(lambda: read_status(self.store), self._show_status)

    def _show_status(self, status: SyncStatus) -> None:
        self.sync_bar.show_status(status)
        self.sidebar.show_whoami(self.identity, self.lang, logged_in=status.logged_in)

    # -- where the officer is (kept across a language switch) -----------------------------------

    def place(self) -> tuple[QueueView, str, str | None]:
        return self.current_view, self.queue_pane.search.text(), self.queue_pane.selected_id

    def go_to(self, view: QueueView, search: str, ticket_id: str | None) -> None:
        self.sidebar.select_view(view)
        self.queue_pane.search.setText(search)
        self.apply_filters()
        if ticket_id is not None:
            self.queue_pane.selected_id = ticket_id
            self.ticket_pane.show_ticket(ticket_id)

    def save_settings(self) -> None:
        try:
            self.settings.save(self.data_dir)
        except OSError as exc:
            self.controller.say(self.tr("Pengaturan tidak dapat disimpan: %1").replace("%1", str(exc)))

    def after_settings(self) -> None:
        self.sync.set_interval(self.settings.sync_interval_seconds)
        if self.settings.language != self.lang:
            emit(self.language_changed)

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
