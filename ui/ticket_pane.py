"""The right side of the window: which ticket the ``TicketView`` shows, loaded off the UI thread.

The pane reads the ticket on the database thread, fills the view, and reads it again when the
``Changes`` of a write or a sync name it (or may have moved it), so the view is never stale.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from desktop.changes import Changes
from desktop.incident_view import pane_candidates
from desktop.similar import Candidate
from desktop.store import LocalStore
from desktop.ticket_detail import DeskDirectory, TicketDetail, fill_canned, load_ticket
from ui.signals import emit
from ui.tasks import TaskManager
from ui.ticket_view import TicketView


class TicketPane(QObject):
    loaded = Signal()  # the view shows a ticket (the first time, or again after a change)
    cleared = Signal()  # the view shows no ticket (its ticket left the search or filter)
    candidates_loaded = Signal()  # the "Mirip" tab shows the shown ticket's candidates

    def __init__(
        self,
        view: TicketView,
        tasks: TaskManager,
        store: LocalStore,
        *,
        lang: str,
        clock: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.tasks = tasks
        self.store = store
        self.lang = lang
        self.clock = clock
        self.directory = DeskDirectory()
        self.me: str | None = None
        self.ticket_id: str | None = None  # the ticket asked for (shown once it has loaded)
        tasks.changed.connect(self.on_changes)

    @property
    def detail(self) -> TicketDetail | None:
        return self.view.detail

    def show_ticket(self, ticket_id: str) -> None:
        self.ticket_id = ticket_id
        self.tasks.run_db(lambda: load_ticket(self.store, ticket_id), self._show)

    def clear(self) -> None:
        """Show no ticket: nothing to reply to or print until the officer picks one."""
        self.ticket_id = None
        self.view.show_empty()
        emit(self.cleared)

    def on_changes(self, changes: Changes, _initiator: object = None) -> None:
        if self.ticket_id is not None and (
            self.ticket_id in changes.tickets or changes.queue or changes.outbox
        ):
            self.show_ticket(self.ticket_id)

    def _show(self, detail: TicketDetail | None) -> None:
        if detail is None or detail.ticket.id != self.ticket_id:
            return  # another ticket was chosen while this one loaded
        self.view.set_detail(
            detail, self.directory, lang=self.lang, now=self.clock(), me=self.me, can_act=True
        )
        self.view.editor.set_canned(self.directory.canned, self._fill_template)
        emit(self.loaded)
        no = detail.ticket.tracking_no
        self.tasks.run_db(
            lambda: pane_candidates(self.store, no), lambda found: self._show_candidates(no, found)
        )

    def _show_candidates(self, tracking_no: str, found: list[Candidate]) -> None:
        if self.detail is not None and self.detail.ticket.tracking_no == tracking_no:
            self.view.set_candidates(found)
            emit(self.candidates_loaded)

    def _fill_template(self, template: str) -> str:
        if self.detail is None:
            return template
        t = self.detail.ticket
        tz = self.directory.tz(t.opd_code)
        # Never a past date: the deadline still ahead, else "segera" (desktop.ticket_detail).
        return fill_canned(
            template, t, now=self.clock(), tz=tz, lang=self.lang, hidden_name=self.tr("Bapak/Ibu")
        )
